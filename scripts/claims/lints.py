"""Lints: likely mistakes that are not always wrong, reported as warnings (rules.LINT_RULES).

Each is one pass over its table with set or dict look-ups, so linting stays linear in the
number of rows.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from . import figures
from .checks import Check, named_check, problem
from .package import Package, Row
from .problems import Problem
from .search import fold

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


def figure_problem(row) -> str | None:
    """lint-figure-in-quote for one claim (a Row or a dict of typed values): the message, or None."""
    number, quote = row.get("value_number"), row.get("quote")
    # A negative count or a figure with 'unspecified' is already an error (record-minimum,
    # claim-unspecified-has-no-figure): this lint would only repeat it.
    if number is None or quote is None or number < 0 or row.get("value_qualifier") == "unspecified":
        return None
    if figures.states(quote, number):
        return None
    stated = ", ".join(sorted(f"{n.normalize():f}" for n in figures.numbers_in(quote))) or "no figure"
    return f"value_number {number:g} is not among the figures the quote states ({stated})"


def qualifier_problem(row) -> str | None:
    """lint-qualifier-in-quote for one claim: the message, or None."""
    number, quote, qualifier = row.get("value_number"), row.get("quote"), row.get("value_qualifier")
    if number is None or quote is None or qualifier in (None, "unspecified"):  # see figure_problem
        return None
    allowed = figures.qualifiers_before(quote, number)
    if not allowed or any(a is None or qualifier in a for a in allowed):
        return None
    wanted = sorted(set().union(*allowed))
    return f"value_qualifier is {qualifier}, but the quote's words before {number:g} say {' or '.join(wanted)}"


@named_check("lint-figure-in-quote", LINTS)
def lint_figure(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        message = figure_problem(row)
        if message:
            yield problem(package, "claims", row, "value_number", "lint-figure-in-quote", message)


@named_check("lint-qualifier-in-quote", LINTS)
def lint_qualifier(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        message = qualifier_problem(row)
        if message:
            yield problem(package, "claims", row, "value_qualifier", "lint-qualifier-in-quote", message)


@named_check("lint-entity-name-taken", LINTS)
def lint_name_taken(package: Package) -> Iterator[Problem]:
    owners: dict[str, set[str]] = {}
    for row in package.rows("entities"):
        owners.setdefault(fold(row.get("canonical_name", "")), set()).add(row.get("entity_id"))
    for row in package.rows("aliases"):
        owners.setdefault(fold(row.get("alias", "")), set()).add(row.get("entity_id"))
    for row in package.rows("entities"):
        others = sorted(owners.get(fold(row.get("canonical_name", "")), set()) - {row.get("entity_id")})
        if others:
            yield problem(package, "entities", row, "canonical_name", "lint-entity-name-taken",
                          f"{row.get('canonical_name')!r} already names {', '.join(others)}")


def run_lints(package: Package) -> list[Problem]:
    return [found for lint in LINTS.values() for found in lint(package)]
