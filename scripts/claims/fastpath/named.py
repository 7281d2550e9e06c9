"""Keys, the named checks of rules.py and the lints, as SQL that counts the rows the Python path
would report (checks.py, lints.py). Each query may count more rows than the Python path
reports, never fewer: a count above zero sends the package to the Python path for the
located report. Tables are the typed tables gate.py loads, under their resource names."""

from __future__ import annotations

from typing import Iterator

from ..lints import CONTROL_RE2, FORMULA, HEDGE, HEDGED_CONFIDENCE, NUMBER, VERBATIM, _folded
from ..quantities import QUALIFIERS
from ..schemas import RecordSchema
from .compile import ident, literal

# RE2's \b is ASCII: around these ASCII words it finds every boundary Python's Unicode \b finds (and more).
HEDGE_WORDS = "(?i)" + HEDGE.pattern
EPSILON = 1e-9  # checks._same


def _key_sql(table: str, fields: list[str]) -> str:
    columns = ", ".join(ident(f) for f in fields)
    present = " AND ".join(f"{ident(f)} IS NOT NULL" for f in fields)
    return (f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {ident(table)} WHERE {present} "
            f"GROUP BY {columns} HAVING count(*) > 1)")


def _foreign_sql(table: str, foreign: dict) -> str:
    target = foreign["reference"]["resource"]
    pairs = zip(foreign["fields"], foreign["reference"]["fields"])
    condition = " AND ".join(f"t.{ident(a)} = r.{ident(b)}" for a, b in pairs)
    present = " AND ".join(f"t.{ident(f)} IS NOT NULL" for f in foreign["fields"])
    return (f"SELECT count(*) FROM {ident(table)} t WHERE {present} "
            f"AND NOT EXISTS (SELECT 1 FROM {ident(target)} r WHERE {condition})")


def _same(a: str, b: str) -> str:
    """SQL for checks._same: both empty, or both given and within EPSILON."""
    return f"(({a} IS NULL AND {b} IS NULL) OR abs({a} - {b}) < {EPSILON})"


def _bounds_sql() -> tuple[str, str]:
    """quantities.derive_bounds in SQL: the low and high bound of value_qualifier value_number.
    "about" goes through DECIMAL, as derive_bounds goes through Fraction, so 330 stays 330."""
    n = "value_number"
    exact = f"CAST({n} AS DECIMAL(38, 10))"
    zeros = f"length(CAST(CAST({n} AS HUGEINT) AS VARCHAR)) - length(rtrim(CAST(CAST({n} AS HUGEINT) AS VARCHAR), '0'))"
    half = f"(CASE WHEN {n} > 0 AND {n} = floor({n}) THEN power(10, {zeros}) ELSE 1 END) / 2"
    low = (f"CASE value_qualifier WHEN 'exact' THEN {n} WHEN 'at-least' THEN {n} WHEN 'more-than' THEN floor({n}) + 1 "
           f"WHEN 'about' THEN CAST(floor({exact} * 0.9) AS DOUBLE) WHEN 'rounded' THEN {n} - {half} END")
    high = (f"CASE value_qualifier WHEN 'exact' THEN {n} WHEN 'up-to' THEN {n} WHEN 'less-than' THEN ceil({n}) - 1 "
            f"WHEN 'about' THEN CAST(ceil({exact} * 1.1) AS DOUBLE) WHEN 'rounded' THEN {n} + {half} END")
    return low, high


def _count(table: str, condition: str, joins: str = "") -> str:
    return f"SELECT count(*) FROM {ident(table)} t {joins} WHERE {condition}"


def _span_sql(table: str, text: str, start: str, end: str, source: str, joins: str = "") -> str:
    return _count(table, f"t.{text} IS NOT NULL AND t.{start} IS NOT NULL AND t.{end} IS NOT NULL AND "
                         f"substring(s.text, t.{start} + 1, greatest(t.{end} - t.{start}, 0)) IS DISTINCT FROM t.{text}",
                  f"{joins} JOIN seeds s ON s.source_id = {source}")


def named_sql() -> Iterator[tuple[str, str]]:
    low, high = _bounds_sql()
    qualifiers = ", ".join(map(literal, QUALIFIERS))
    claims_with_properties = "JOIN properties p ON p.property_id = t.property_id"
    yield "quote-in-seed", _span_sql("claims", "quote", "quote_start", "quote_end", "t.source_id")
    yield "evidence-in-seed", _span_sql("attributions", "evidence", "evidence_start", "evidence_end", "c.source_id",
                                        "JOIN claims c ON c.claim_id = t.claim_id")
    yield "exclusion-in-seed", _span_sql("exclusions", "text", "start", '"end"', "t.source_id")
    yield "claim-id-namespace", _count("claims", "split_part(claim_id, '/', 1) <> source_id")
    yield "entity-id-prefix", _count("entities", "split_part(entity_id, ':', 1) <> entity_type")
    yield "value-bounds", _count("claims", f"(value_qualifier IS NULL OR value_qualifier IN ({qualifiers})) AND "
                                           f"NOT ({_same('value_min', low)} AND {_same('value_max', high)})")
    required = {"quantity": "value_qualifier", "date": "value_date_precision", "entity": "value_entity_id"}
    allowed = {"quantity": ("value_qualifier", "value_number", "value_min", "value_max"),
               "date": ("value_date_start", "value_date_end", "value_date_precision"),
               "entity": ("value_entity_id",), "text": ()}
    every = sorted({column for columns in allowed.values() for column in columns})
    wrong = " OR ".join(
        f"(p.value_type = {literal(kind)} AND ("
        + " OR ".join([f"t.{required.get(kind)} IS NULL"] * (kind in required)
                      + [f"t.{c} IS NOT NULL" for c in every if c not in columns] or ["false"]) + "))"
        for kind, columns in allowed.items())
    yield "value-matches-type", _count("claims", wrong, claims_with_properties)
    sorted_scope = "array_to_string(list_sort(list_distinct(string_split(t.scope, '+'))), '+')"
    yield "scope-matches-property", _count("claims", f"(p.is_scoped AND t.scope IS NULL) OR (NOT p.is_scoped AND "
                                                     f"t.scope IS NOT NULL) OR t.scope <> {sorted_scope}",
                                           claims_with_properties)
    intervals = {"sources": [("published_start", "published_end", False)],
                 "claims": [("value_date_start", "value_date_end", False), ("time_start", "time_end", False),
                            ("value_min", "value_max", False), ("quote_start", "quote_end", True)],
                 "attributions": [("evidence_start", "evidence_end", True)],
                 "exclusions": [("start", '"end"', True)]}
    for table, pairs in intervals.items():
        yield "interval-order", _count(table, " OR ".join(f"{a} {'>=' if strict else '>'} {b}" for a, b, strict in pairs))
    yield "confidence-rubric", _count("claims", "t.confidence IS NOT NULL AND NOT "
                                                "(abs(r.confidence - t.confidence) < 1e-9)",
                                      "JOIN confidence_rubric r ON r.rule_id = t.confidence_rule")
    yield "attribution-chain", ("SELECT count(*) FROM (SELECT claim_id FROM attributions GROUP BY claim_id HAVING "
                                "min(coalesce(position, 0)) <> 1 OR max(coalesce(position, 0)) <> count(*) "
                                "OR count(DISTINCT position) <> count(*))")
    yield "lint-hedge-confidence", _count("claims", f"confidence > {HEDGED_CONFIDENCE} AND "
                                                    f"regexp_matches(quote, {literal(HEDGE_WORDS)})")
    yield "lint-number-in-quote", _count(
        "claims", f"list_bool_or(list_transform(regexp_extract_all(value, {literal(NUMBER.pattern)}), "
                  f"lambda n: NOT contains(replace(coalesce(quote, ''), ',', ''), replace(n, ',', ''))))")


def cross_row_checks(schemas: dict[str, RecordSchema]) -> Iterator[tuple[str, str]]:
    for name, schema in schemas.items():
        yield "primary-key", _key_sql(name, schema.primary_key)
        for unique in schema.unique_keys:
            yield "unique-key", _key_sql(name, unique)
        for foreign in schema.foreign_keys:
            yield "foreign-key", _foreign_sql(name, foreign)
    yield from named_sql()
    users = [f"SELECT {ident(f['fields'][0])} AS entity_id FROM {ident(name)}" for name, schema in schemas.items()
             for f in schema.foreign_keys if name != "aliases" and f["reference"]["resource"] == "entities"]
    yield "lint-orphan-entity", (f"SELECT count(*) FROM entities WHERE entity_id NOT IN "
                                 f"(SELECT entity_id FROM ({' UNION ALL '.join(users)}) WHERE entity_id IS NOT NULL)")
    for name, schema in schemas.items():
        for field in (f for f in schema.fields if schema.field_type(f) == "string"):
            column = f"t.{ident(field)}"
            yield "lint-control-character", _count(name, f"regexp_matches({column}, {literal(CONTROL_RE2)})")
            if (name, field) not in VERBATIM:
                yield "lint-formula-cell", _count(name, f"regexp_matches({column}, {literal(FORMULA)})")


def alias_variants(connection) -> Iterator[tuple[str, int]]:
    """lint-alias-variant: aliases are few, so they are folded by the Python path's own function."""
    groups: dict[str, set[str]] = {}
    for (alias,) in connection.execute("SELECT DISTINCT alias FROM aliases WHERE alias IS NOT NULL").fetchall():
        groups.setdefault(_folded(alias), set()).add(alias)
    yield "lint-alias-variant", sum(len(spellings) - 1 for spellings in groups.values())
