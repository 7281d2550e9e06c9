"""Lints: likely mistakes that are not always wrong, reported as warnings. Each is a registry
entry (rules.py) with its Python implementation, its SQL and its breaking case.

Each is one pass over its table with set or dict look-ups, so linting stays linear in the
number of rows.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterator

from . import cases
from .checks import problem
from .fastpath import sqltext as sql
from .package import Package, Row
from .problems import Problem
from .rules import rule

HEDGE = re.compile(
    r"\b(reportedly|allegedly|alleged|purportedly|supposedly|apparently|presumably|possibly|probably|"
    r"estimated|suspected|unconfirmed|rumou?red|believed to|thought to|said to be|according to some|"
    r"may have|might have|could have|not clear|unclear)\b", re.IGNORECASE)
# RE2's \b is ASCII: around these ASCII words it finds every boundary Python's Unicode \b finds (and more).
HEDGE_WORDS = "(?i)" + HEDGE.pattern
# The rubric's rule for hedged claims (C3) carries 0.6; a hedged quote above it is suspect.
HEDGED_CONFIDENCE = 0.6
NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def _hedged_quote(root: Path) -> tuple[str, int]:
    """A claim that quotes a hedge word of its document, at the rubric's highest confidence."""
    top = max(cases.records(root, "confidence_rubric"), key=lambda r: float(r["confidence"]))
    hedges = {s["source_id"]: HEDGE.search((root / s["seed_path"]).read_text(encoding="utf-8"))
              for s in cases.records(root, "sources")}

    def quotes_hedge(row, _root) -> bool:
        return hedges.get(row["source_id"]) is not None

    def span(part):
        return lambda row: str(getattr(hedges[row["source_id"]], part)())
    return cases.edit_where(root, "claims", quotes_hedge, quote=lambda row: hedges[row["source_id"]].group(0),
                            quote_start=span("start"), quote_end=span("end"), value="killed",
                            confidence_rule=top["rule_id"], confidence=top["confidence"])


@rule("lint-hedge-confidence", "lint", "a quote with a hedge word (reportedly, allegedly, estimated, ...) "
      "does not carry a confidence above the hedged rubric rule's",
      "fill hedge and use the rubric rule for hedged claims (C3) or lower, or say in note why the word "
      "does not hedge this claim",
      sql=lambda schemas: [sql.count("claims", f"confidence > {HEDGED_CONFIDENCE} AND "
                                               f"regexp_matches(quote, {sql.literal(HEDGE_WORDS)})")],
      case=_hedged_quote, reads=("claims", "confidence_rubric"))
def lint_hedge(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        match = HEDGE.search(row.get("quote", ""))
        confidence = row.get("confidence")
        if match and confidence is not None and confidence > HEDGED_CONFIDENCE:
            yield problem(package, "claims", row, "confidence", "lint-hedge-confidence",
                          f"the quote says {match.group(0)!r} but confidence is {confidence} "
                          f"(hedged claims take {HEDGED_CONFIDENCE} or less)")


@rule("lint-number-in-quote", "lint", "every number written in a claim's value is in its quote",
      "quote the words that state the figure, or correct the value",
      sql=lambda schemas: [sql.count(
          "claims", f"list_bool_or(list_transform(regexp_extract_all(value, {sql.literal(NUMBER.pattern)}), "
                    f"lambda n: NOT contains(replace(coalesce(quote, ''), ',', ''), replace(n, ',', ''))))")],
      case=cases.edit("claims", value="987654 in all"))
def lint_number(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        quote = row.get("quote", "").replace(",", "")
        missing = [n for n in NUMBER.findall(row.get("value", "")) if n.replace(",", "") not in quote]
        if missing:
            yield problem(package, "claims", row, "value", "lint-number-in-quote",
                          f"the value has {', '.join(missing)}, which the quote does not")


def _entity_users(schemas) -> list[tuple[str, str]]:
    """(table, column) of every foreign key into entities but an alias's: an alias describes it."""
    return [(name, foreign["fields"][0]) for name, schema in schemas.items() for foreign in schema.foreign_keys
            if name != "aliases" and foreign["reference"]["resource"] == "entities"]


def _orphan_sql(schemas):
    users = " UNION ALL ".join(f"SELECT {sql.ident(column)} AS entity_id FROM {sql.ident(table)}"
                               for table, column in _entity_users(schemas))
    return [f"SELECT count(*) FROM entities WHERE entity_id NOT IN "
            f"(SELECT entity_id FROM ({users}) WHERE entity_id IS NOT NULL)"]


@rule("lint-orphan-entity", "lint", "every entity is used by a claim, an attribution or another entity",
      "use the entity in a claim or remove it (ids are never reused: remove only unpublished ones)",
      sql=_orphan_sql, case=cases.append_to("entities", entity_id="person:nobody-at-all", entity_type="person",
                                            canonical_name="Nobody", description="An entity no row uses."),
                                            reads=("claims", "attributions", "entities"))
def lint_orphan(package: Package) -> Iterator[Problem]:
    used = set()
    for table, column in _entity_users(package.schemas):
        used.update(row.get(column) for row in package.rows(table))
    for row in package.rows("entities"):
        if row.get("entity_id") not in used:
            yield problem(package, "entities", row, "entity_id", "lint-orphan-entity",
                          f"{row.get('entity_id')} is used by no claim, attribution or entity")


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _alias_variants(connection) -> int:
    """Aliases are few: they are folded by the Python path's own function."""
    groups: dict[str, set[str]] = {}
    for (alias,) in connection.execute("SELECT DISTINCT alias FROM aliases WHERE alias IS NOT NULL").fetchall():
        groups.setdefault(_folded(alias), set()).add(alias)
    return sum(len(spellings) - 1 for spellings in groups.values())


@rule("lint-alias-variant", "lint", "no two aliases differ only by letter case or diacritics",
      "keep the spelling each document uses; if both are real spellings, say so in note",
      sql=lambda schemas: [_alias_variants], case=cases.alias_in_capitals)
def lint_alias(package: Package) -> Iterator[Problem]:
    first: dict[str, Row] = {}
    for row in package.rows("aliases"):
        alias = row.get("alias", "")
        earlier = first.setdefault(_folded(alias), row)
        if earlier.get("alias") != alias:
            yield problem(package, "aliases", row, "alias", "lint-alias-variant",
                          f"alias {alias!r} ({row.get('entity_id')}) differs only by case or diacritics from "
                          f"{earlier.get('alias')!r} ({earlier.get('entity_id')}) on line {earlier.line}")
