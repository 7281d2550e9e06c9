"""The named checks of rules.py in SQL, each under the rule id the Python path reports.

Row-local checks run inside a table's pass (engine.py) on loaded rows (rows whose cells all
typed), joined to small lookup tables. The lookups mirror checks.py exactly, with its
dictionaries' "last row wins" and None keys (seeds stores None as NONE_KEY, which no CSV cell
can contain). The checks
across rows (keys, attribution chains, value bounds, evidence against a claim's document) run
after the passes, as joins over the narrow tables the passes keep. The seed-file checks stay
in Python (checks.py): a few files, not rows.

SQL only decides which rows break a rule. The words come from checks.py itself, run on a
package of just the flagged rows (report.py), so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import ALLOWED_COLUMNS, INTERVALS, TYPE_COLUMNS, TYPED_COLUMNS
from ..quantities import QUALIFIERS
from .compile import ident, literal

NONE_KEY = "\x00none"  # stands for a None key: a NUL never survives the CSV layer
SEED_CHECKS = ("seed-path", "seed-hash", "seed-encoding", "seed-registered")
BLOCK, EXTRA = 256, 1024  # code points per block of a seed, and how far past its block a slice may run
MACROS = f"""
-- Python slicing on code points: negative indices count from the end, both ends clamped.
CREATE OR REPLACE MACRO py_index(n, i) AS
    CASE WHEN n IS NULL OR i IS NULL THEN NULL WHEN i < 0 THEN greatest(i + n, 0) ELSE least(i, n) END;
-- A seed's text is also cut into blocks of {BLOCK} code points, each stored with the {EXTRA} that
-- follow (seed_blocks.tail): substring() walks a text from its start, so a slice is cut from the
-- block it starts in, and only a slice longer than {EXTRA} from the whole text.
CREATE OR REPLACE MACRO slice_differs(n, whole, tail, a, b, quote) AS
    CASE WHEN py_index(n, b) <= py_index(n, a) THEN true
         WHEN py_index(n, b) - py_index(n, a) <= {EXTRA}
             THEN substring(tail, py_index(n, a) % {BLOCK} + 1, py_index(n, b) - py_index(n, a)) <> quote
         ELSE substring(whole, py_index(n, a) + 1, py_index(n, b) - py_index(n, a)) <> quote END;
CREATE OR REPLACE MACRO same(a, b) AS
    CASE WHEN a IS NULL OR b IS NULL THEN a IS NULL AND b IS NULL ELSE abs(a - b) < 1e-9 END;
CREATE OR REPLACE MACRO key_of(k) AS coalesce(k, {literal(NONE_KEY)});
"""
# Lookups a pass joins (to its rows, alias t), each one row per key: the last loaded row wins.
LOOKUPS = {
    "props": ("LEFT JOIN (SELECT property_id AS k, arg_max_null(value_type, rowidx) AS value_type, "
              "arg_max_null(is_scoped, rowidx) AS is_scoped FROM k_properties WHERE loaded GROUP BY property_id) props "
              "ON t.property_id IS NOT DISTINCT FROM props.k"),
    "rubric": ("LEFT JOIN (SELECT rule_id AS k, arg_max_null(confidence, rowidx) AS confidence FROM k_confidence_rubric "
               "WHERE loaded GROUP BY rule_id) rubric ON t.confidence_rule IS NOT DISTINCT FROM rubric.k"),
}


def seed_joins(source: str, start: str) -> tuple[str, str]:
    """The seed of a row and the block its slice starts in (aliases seed and blk)."""
    return (f"LEFT JOIN seeds seed ON key_of({source}) = seed.source_id",
            f"LEFT JOIN seed_blocks blk ON blk.source_id = seed.source_id "
            f"AND blk.block = py_index(seed.n, {start}) // {BLOCK}")


@dataclass(frozen=True)
class RowCheck:
    rule: str
    table: str
    field: str
    fails: str
    joins: tuple[str, ...] = ()  # names in LOOKUPS, or join clauses


def _col(name: str) -> str:
    return "t." + ident(name)


def _kinds(test) -> str:
    return ", ".join(literal(kind) for kind in sorted(TYPE_COLUMNS) if test(kind)) or "NULL"


def _value_type(field: str) -> RowCheck:
    kind = "props.value_type"
    needs = _kinds(lambda k: field in TYPE_COLUMNS[k])
    forbids = _kinds(lambda k: field not in ALLOWED_COLUMNS[k])
    fails = (f"({kind} IN ({needs}) AND {_col(field)} IS NULL) OR "
             f"({kind} IN ({forbids}) AND {_col(field)} IS NOT NULL)")
    return RowCheck("value-matches-type", "claims", field, fails, ("props",))


def _intervals() -> list[RowCheck]:
    checks = []
    for table, pairs in INTERVALS.items():
        for low, high in pairs:
            compare = ">=" if low in ("quote_start", "evidence_start", "start") else ">"
            checks.append(RowCheck("interval-order", table, low, f"{_col(low)} IS NOT NULL AND {_col(high)} IS NOT NULL "
                                                                 f"AND {_col(low)} {compare} {_col(high)}"))
    return checks


def _span(table: str, rule: str, text: str, start: str, end: str) -> RowCheck:
    present = " AND ".join(f"{_col(n)} IS NOT NULL" for n in (text, start, end))
    fails = (f"seed.text IS NOT NULL AND {present} AND "
             f"slice_differs(seed.n, seed.text, blk.tail, {_col(start)}, {_col(end)}, {_col(text)})")
    return RowCheck(rule, table, text, fails, seed_joins("t.source_id", _col(start)))


def row_checks() -> list[RowCheck]:
    scoped = "props.is_scoped"
    sides = "string_split(t.scope, '+')"
    # One side is sorted and unrepeated: only a scope with a '+' is split and sorted.
    scope = (f"{scoped} IS NOT NULL AND (({scoped} AND t.scope IS NULL) OR (NOT {scoped} AND t.scope IS NOT NULL) "
             f"OR ({scoped} AND contains(t.scope, '+') AND {sides} <> list_sort(list_distinct({sides}))))")
    return [
        _span("claims", "quote-in-seed", "quote", "quote_start", "quote_end"),
        _span("exclusions", "exclusion-in-seed", "text", "start", "end"),
        RowCheck("claim-id-namespace", "claims", "claim_id",
                 "t.claim_id IS NOT NULL AND t.source_id IS NOT NULL AND split_part(t.claim_id, '/', 1) <> t.source_id"),
        RowCheck("entity-id-prefix", "entities", "entity_id",
                 "t.entity_id IS NOT NULL AND t.entity_type IS NOT NULL "
                 "AND split_part(t.entity_id, ':', 1) <> t.entity_type"),
        *[_value_type(field) for field in TYPED_COLUMNS],
        RowCheck("scope-matches-property", "claims", "scope", scope, ("props",)),
        *_intervals(),
        RowCheck("confidence-rubric", "claims", "confidence",
                 "rubric.confidence IS NOT NULL AND t.confidence IS NOT NULL AND NOT same(rubric.confidence, t.confidence)",
                 ("rubric",)),
    ]


def foreign_key_check(table: str, number: int, fields: list[str], target: str, target_fields: list[str],
                      pattern: str | None = None) -> tuple[str, RowCheck, str | None]:
    """A foreign key into a small table read earlier: a join with its distinct loaded keys. The
    join also answers the column's own pattern for the keys it finds (a few thousand regular
    expressions instead of one per row); the third value is that pattern test, or None."""
    alias, key, column = f"fk{number}", ident(target_fields[0]), f"t.{ident(fields[0])}"
    tested = f", regexp_full_match({key}, {literal(pattern)}) AS ok" if pattern else ""
    join = (f"LEFT JOIN (SELECT DISTINCT {key} AS k{tested} FROM k_{target} WHERE loaded AND {key} IS NOT NULL) "
            f"{alias} ON {column} = {alias}.k")
    check = RowCheck("foreign-key", table, fields[0], f"{column} IS NOT NULL AND {alias}.k IS NULL")
    pattern_fails = (f"t.loaded AND {column} IS NOT NULL AND NOT coalesce({alias}.ok, "
                     f"regexp_full_match({column}, {literal(pattern)}))") if pattern else None
    return join, check, pattern_fails


# Checks across rows ----------------------------------------------------------------------------

def duplicate_keys(table: str, key: list[str]) -> str:
    """Rows whose primary key an earlier loaded row already has, with that row's number."""
    cols = ", ".join(ident(k) for k in key)
    present = " AND ".join(f"{ident(k)} IS NOT NULL" for k in key)
    return (f"WITH keyed AS (SELECT rowidx, {cols} FROM k_{table} WHERE loaded AND {present}), "
            f"dups AS (SELECT {cols}, min(rowidx) AS first FROM keyed GROUP BY {cols} HAVING count(*) > 1) "
            f"SELECT keyed.rowidx, dups.first FROM keyed JOIN dups USING ({cols}) WHERE keyed.rowidx <> dups.first")


def missing_references(table: str, fields: list[str], target: str, target_fields: list[str]) -> str:
    """Loaded rows whose foreign key is complete and matches no loaded row of the target."""
    present = " AND ".join(f"s.{ident(f)} IS NOT NULL" for f in fields)
    match = " AND ".join(f"s.{ident(f)} = k.{ident(g)}" for f, g in zip(fields, target_fields))
    return (f"SELECT s.rowidx FROM k_{table} s WHERE s.loaded AND {present} AND NOT EXISTS "
            f"(SELECT 1 FROM k_{target} k WHERE k.loaded AND {match})")


# An attribution's evidence is read in the document of its claim: the last loaded claims row
# with that claim_id (checks.check_evidence builds a dict), None when there is none.
WRONG_EVIDENCE = f"""
WITH claim_source AS (
    SELECT claim_id, arg_max_null(source_id, rowidx) AS source_id FROM k_claims WHERE loaded GROUP BY claim_id
)
SELECT t.rowidx FROM k_attributions t
LEFT JOIN claim_source c ON t.claim_id IS NOT DISTINCT FROM c.claim_id
{" ".join(seed_joins("c.source_id", "t.evidence_start"))}
WHERE t.loaded AND seed.text IS NOT NULL AND t.evidence IS NOT NULL AND t.evidence_start IS NOT NULL
  AND t.evidence_end IS NOT NULL
  AND slice_differs(seed.n, seed.text, blk.tail, t.evidence_start, t.evidence_end, t.evidence)
"""
CLAIM_SOURCES = """
WITH claim_source AS (
    SELECT claim_id, arg_max_null(source_id, rowidx) AS source_id FROM k_claims WHERE loaded GROUP BY claim_id
)
SELECT claim_id, source_id FROM claim_source
WHERE claim_id IN (SELECT unnest(?::VARCHAR[])) OR (claim_id IS NULL AND ?)
"""
BROKEN_CHAINS = """
WITH ordered AS (
    SELECT rowidx, claim_id, position,
           row_number() OVER (PARTITION BY claim_id ORDER BY coalesce(position, 0), rowidx) AS expected
    FROM k_attributions WHERE loaded
), wrong AS (
    SELECT claim_id, min(expected) AS first_wrong FROM ordered
    WHERE position IS DISTINCT FROM expected GROUP BY claim_id
)
SELECT ordered.rowidx FROM ordered JOIN wrong
    ON ordered.claim_id IS NOT DISTINCT FROM wrong.claim_id AND ordered.expected = wrong.first_wrong
"""
CHAIN_MEMBERS = """
SELECT rowidx FROM k_attributions
WHERE loaded AND (claim_id IN (SELECT unnest(?::VARCHAR[])) OR (claim_id IS NULL AND ?))
"""
# The bounds rule lives in quantities.derive_bounds; SQL only compares. The distinct
# (qualifier, figure) pairs go to Python once each and come back as the table "bounds".
BOUND_INPUTS = """
SELECT DISTINCT value_qualifier, r_value_number FROM k_claims
WHERE loaded AND value_qualifier IS NOT NULL AND r_value_number IS NOT NULL
"""
WRONG_BOUNDS = f"""
SELECT c.rowidx, NOT same(c.value_min, b.low) AS min_wrong, NOT same(c.value_max, b.high) AS max_wrong
FROM k_claims c LEFT JOIN bounds b ON c.value_qualifier = b.qualifier AND c.r_value_number = b.number
WHERE c.loaded AND (c.value_qualifier IS NULL OR c.value_qualifier IN ({", ".join(map(literal, QUALIFIERS))}))
  AND (NOT same(c.value_min, b.low) OR NOT same(c.value_max, b.high))
"""
