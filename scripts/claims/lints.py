"""Lints: likely mistakes that are not always wrong, reported as warnings (rules.LINT_RULES).

Each is one pass over its table with set or dict look-ups, so linting stays linear in the
number of rows.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from .checks import Check, named_check, problem
from .package import Package, Row
from .problems import Problem

LINTS: dict[str, Check] = {}

HEDGE = re.compile(
    r"\b(reportedly|allegedly|alleged|purportedly|supposedly|apparently|presumably|possibly|probably|"
    r"estimated|suspected|unconfirmed|rumou?red|believed to|thought to|said to be|according to some|"
    r"may have|might have|could have|not clear|unclear)\b", re.IGNORECASE)
# The rubric's rule for hedged claims (C3) carries 0.6; a hedged quote above it is suspect.
HEDGED_CONFIDENCE = 0.6
NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


@named_check("lint-hedge-confidence", LINTS)
def lint_hedge(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        match = HEDGE.search(row.get("quote", ""))
        confidence = row.get("confidence")
        if match and confidence is not None and confidence > HEDGED_CONFIDENCE:
            yield problem(package, "claims", row, "confidence", "lint-hedge-confidence",
                          f"the quote says {match.group(0)!r} but confidence is {confidence} "
                          f"(hedged claims take {HEDGED_CONFIDENCE} or less)")


@named_check("lint-number-in-quote", LINTS)
def lint_number(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        quote = row.get("quote", "").replace(",", "")
        missing = [n for n in NUMBER.findall(row.get("value", "")) if n.replace(",", "") not in quote]
        if missing:
            yield problem(package, "claims", row, "value", "lint-number-in-quote",
                          f"the value has {', '.join(missing)}, which the quote does not")


@named_check("lint-orphan-entity", LINTS)
def lint_orphan(package: Package) -> Iterator[Problem]:
    # Any foreign key into entities is a use, except an alias: it describes the entity.
    used = set()
    for name, table in package.tables.items():
        for foreign in table.schema.foreign_keys:
            if name != "aliases" and foreign["reference"]["resource"] == "entities":
                used.update(row.get(foreign["fields"][0]) for row in table.rows)
    for row in package.rows("entities"):
        if row.get("entity_id") not in used:
            yield problem(package, "entities", row, "entity_id", "lint-orphan-entity",
                          f"{row.get('entity_id')} is used by no claim, attribution or entity")


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@named_check("lint-alias-variant", LINTS)
def lint_alias(package: Package) -> Iterator[Problem]:
    first: dict[str, Row] = {}
    for row in package.rows("aliases"):
        alias = row.get("alias", "")
        earlier = first.setdefault(_folded(alias), row)
        if earlier.get("alias") != alias:
            yield problem(package, "aliases", row, "alias", "lint-alias-variant",
                          f"alias {alias!r} ({row.get('entity_id')}) differs only by case or diacritics from "
                          f"{earlier.get('alias')!r} ({earlier.get('entity_id')}) on line {earlier.line}")


# Characters that make a cell act on whoever displays it: C0 controls but tab and line feed
# (ESC starts terminal escapes), DEL, the C1 controls (CSI), and the bidirectional overrides
# and isolates that reorder how text reads. Two spellings: Python's re and RE2 (DuckDB).
CONTROL_PY = "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]"
CONTROL_RE2 = "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}]"
CONTROL = re.compile(CONTROL_PY)
# A cell a spreadsheet would run as a formula when the CSV is opened: = or @ or a tab first,
# or + or - first with what makes a formula after it (a call, a sheet or DDE reference, an
# equals sign). "-3", "+12", "-year-old" or "- 12 killed" stay text. One spelling for Python's
# re and RE2 (DuckDB).
FORMULA = "^(?:[=@\\t]|[+-][\\s\\S]*[(!|=])"
_FORMULA = re.compile(FORMULA)


def is_formula_like(text: str) -> bool:
    return _FORMULA.match(text) is not None


# Cells that are verbatim copies of a seed (checked equal to it): a document's own text cannot
# be reworded, so they are left out of the formula lint (not of the control-character one).
VERBATIM = {("claims", "quote"), ("attributions", "evidence"), ("exclusions", "text")}


def _string_cells(package: Package) -> Iterator[tuple[str, Row, str, str]]:
    for name, table in package.tables.items():
        fields = [f for f in table.schema.fields if table.schema.field_type(f) == "string"]
        for row in table.rows:
            for field in fields:
                text = row.get(field)
                if text:
                    yield name, row, field, text


@named_check("lint-control-character", LINTS)
def lint_control(package: Package) -> Iterator[Problem]:
    for table, row, field, text in _string_cells(package):
        found = CONTROL.search(text)
        if found:
            yield problem(package, table, row, field, "lint-control-character",
                          f"{field} holds U+{ord(found.group()):04X} ({unicodedata.name(found.group(), 'a control')})"
                          f" at character {found.start() + 1}")


@named_check("lint-formula-cell", LINTS)
def lint_formula(package: Package) -> Iterator[Problem]:
    for table, row, field, text in _string_cells(package):
        if is_formula_like(text) and (table, field) not in VERBATIM:
            yield problem(package, table, row, field, "lint-formula-cell",
                          f"{field} starts with {text[:1]!r}: a spreadsheet opening the CSV would run it as a formula")


def run_lints(package: Package) -> list[Problem]:
    return [found for lint in LINTS.values() for found in lint(package)]
