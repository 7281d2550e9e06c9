"""The named checks of rules.py in SQL, each under the rule id the Python path reports.

Row-local checks run inside a table's streaming pass (engine.py) on loaded rows (rows whose
cells all typed), with small lookup tables joined in. Lookups mirror checks.py exactly,
including its dictionaries' "last row wins" and None keys: props_last, rubric_last and
claim_source keep the last loaded row per key (arg_max_null over the row index) and join
with IS NOT DISTINCT FROM. The checks across rows (keys, attribution chains, value bounds) run
after the passes, on the narrow tables the passes keep. The seed-file checks stay in Python
(checks.py): a few files, not rows.

SQL only decides which rows break a rule. The words come from checks.py itself, run on a
package of just the flagged rows (locate.py), so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import ALLOWED_COLUMNS, INTERVALS, TYPE_COLUMNS, TYPED_COLUMNS
from .compile import ident, literal

# Named lookups a row check can ask for; the pass joins each once, as alias "t" for the table.
LOOKUPS = {
    "props": "LEFT JOIN props_last props ON t.property_id IS NOT DISTINCT FROM props.property_id",
    "rubric": "LEFT JOIN rubric_last rubric ON t.confidence_rule IS NOT DISTINCT FROM rubric.rule_id",
    "seed": "LEFT JOIN seeds seed ON t.source_id IS NOT DISTINCT FROM seed.source_id",
    "claim_seed": ("LEFT JOIN claim_source cs ON t.claim_id IS NOT DISTINCT FROM cs.claim_id "
                   "LEFT JOIN seeds seed ON cs.source_id IS NOT DISTINCT FROM seed.source_id"),
}
SEED_CHECKS = ("seed-path", "seed-hash", "seed-encoding", "seed-registered")
# Python slicing (negative indices count from the end, both ends clamped) on code points.
MACROS = """
CREATE OR REPLACE MACRO py_index(n, i) AS CASE WHEN i < 0 THEN greatest(i + n, 0) ELSE least(i, n) END;
CREATE OR REPLACE MACRO py_slice(t, n, a, b) AS
    substring(t, CAST(py_index(n, a) + 1 AS BIGINT), CAST(greatest(py_index(n, b) - py_index(n, a), 0) AS BIGINT));
CREATE OR REPLACE MACRO same(a, b) AS
    CASE WHEN a IS NULL OR b IS NULL THEN a IS NULL AND b IS NULL ELSE abs(a - b) < 1e-9 END;
"""


@dataclass(frozen=True)
class RowCheck:
    rule: str
    table: str
    field: str
    fails: str
    lookups: tuple[str, ...] = ()


def _col(name: str) -> str:
    return "t." + ident(name)


def _span(table: str, rule: str, text: str, start: str, end: str, lookup: str) -> RowCheck:
    present = " AND ".join(f"{_col(n)} IS NOT NULL" for n in (text, start, end))
    return RowCheck(rule, table, text, f"seed.text IS NOT NULL AND {present} AND "
                                       f"py_slice(seed.text, seed.n, {_col(start)}, {_col(end)}) <> {_col(text)}",
                    (lookup,))


def _kinds(test) -> str:
    return ", ".join(literal(kind) for kind in sorted(TYPE_COLUMNS) if test(kind)) or "NULL"


def _value_type(field: str) -> RowCheck:
    needs = _kinds(lambda kind: field in TYPE_COLUMNS[kind])
    forbids = _kinds(lambda kind: field not in ALLOWED_COLUMNS[kind])
    fails = (f"(props.value_type IN ({needs}) AND {_col(field)} IS NULL) OR "
             f"(props.value_type IN ({forbids}) AND {_col(field)} IS NOT NULL)")
    return RowCheck("value-matches-type", "claims", field, fails, ("props",))


def _intervals() -> list[RowCheck]:
    checks = []
    for table, pairs in INTERVALS.items():
        for low, high in pairs:
            strict = low in ("quote_start", "evidence_start", "start")
            compare = ">=" if strict else ">"
            checks.append(RowCheck("interval-order", table, low, f"{_col(low)} IS NOT NULL AND {_col(high)} IS NOT NULL "
                                                                 f"AND {_col(low)} {compare} {_col(high)}"))
    return checks


def row_checks() -> list[RowCheck]:
    sides = "string_split(t.scope, '+')"
    scope = ("props.is_scoped IS NOT NULL AND ("
             "(props.is_scoped AND t.scope IS NULL) OR (NOT props.is_scoped AND t.scope IS NOT NULL) OR "
             f"(props.is_scoped AND t.scope IS NOT NULL AND {sides} <> list_sort(list_distinct({sides}))))")
    return [
        _span("claims", "quote-in-seed", "quote", "quote_start", "quote_end", "seed"),
        _span("attributions", "evidence-in-seed", "evidence", "evidence_start", "evidence_end", "claim_seed"),
        _span("exclusions", "exclusion-in-seed", "text", "start", "end", "seed"),
        RowCheck("claim-id-namespace", "claims", "claim_id",
                 "t.claim_id IS NOT NULL AND t.source_id IS NOT NULL AND split_part(t.claim_id, '/', 1) <> t.source_id"),
        RowCheck("entity-id-prefix", "entities", "entity_id",
                 "t.entity_id IS NOT NULL AND t.entity_type IS NOT NULL "
                 "AND split_part(t.entity_id, ':', 1) <> t.entity_type"),
        *[_value_type(field) for field in TYPED_COLUMNS],
        RowCheck("scope-matches-property", "claims", "scope", scope, ("props",)),
        *_intervals(),
        RowCheck("confidence-rubric", "claims", "confidence",
                 "rubric.confidence IS NOT NULL AND t.confidence IS NOT NULL "
                 "AND NOT same(rubric.confidence, t.confidence)", ("rubric",)),
    ]


# Checks across rows ----------------------------------------------------------------------------

def duplicate_keys(table: str, key: list[str]) -> str:
    """Rows whose primary key an earlier loaded row already has, with that row's index."""
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


BROKEN_CHAINS = """
WITH ordered AS (
    SELECT rowidx, claim_id, position,
           row_number() OVER (PARTITION BY claim_id ORDER BY coalesce(position, 0), rowidx) AS expected
    FROM k_attributions WHERE loaded
), wrong AS (
    SELECT claim_id, min(expected) AS first_wrong FROM ordered
    WHERE position IS DISTINCT FROM expected GROUP BY claim_id
)
SELECT ordered.rowidx, ordered.claim_id FROM ordered JOIN wrong
    ON ordered.claim_id IS NOT DISTINCT FROM wrong.claim_id AND ordered.expected = wrong.first_wrong
"""

# The bounds rule lives in quantities.derive_bounds; SQL only compares. The distinct
# (qualifier, figure) pairs go to Python once each and come back as the table "bounds".
BOUND_INPUTS = """
SELECT DISTINCT value_qualifier, r_value_number FROM k_claims
WHERE loaded AND value_qualifier IS NOT NULL AND r_value_number IS NOT NULL
"""
WRONG_BOUNDS = """
SELECT c.rowidx, NOT same(c.value_min, b.low) AS min_wrong, NOT same(c.value_max, b.high) AS max_wrong
FROM k_claims c LEFT JOIN bounds b ON c.value_qualifier = b.qualifier AND c.r_value_number = b.number
WHERE c.loaded AND (c.value_qualifier IS NULL OR c.value_qualifier IN ({qualifiers}))
  AND (NOT same(c.value_min, b.low) OR NOT same(c.value_max, b.high))
"""
