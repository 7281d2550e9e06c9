"""Read-only questions to the loaded package: contested facts, every claim about a fact or an
entity, and ad-hoc SQL.

Nothing here works out a fact, a tier or an estimate: those come from the views in sql/views/
(the fact_key macro is their one definition), so the CLI and the DuckDB CLI always agree.
Values from users always go in as query parameters, never into the SQL text.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from . import search
from .build import connect_memory
from .checks import safe_seed
from .package import read_descriptor
from .problems import DataError, UsageError, param

TIERS = ("incompatible", "divergent")
# Statement types that cannot change anything; DESCRIBE, SHOW and SUMMARIZE parse as SELECT.
READ_ONLY_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


@contextlib.contextmanager
def open_database(root: Path, database: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The package loaded in memory from its CSV files (always current), or a built database
    file opened read-only. Either way the connection then loses file access, for good: a query
    can neither write files nor read any the load did not."""
    read_descriptor(root)  # a usage error (exit 2) when root is not a package
    if database is None:
        connection = connect_memory(root)
    else:
        if not database.is_file():
            raise UsageError(f"no database file {database}: run claims build, or leave out {param('database')}")
        try:
            connection = duckdb.connect(str(database), read_only=True)
        except duckdb.Error as exc:
            raise DataError(f"cannot open {database}: {exc}") from exc
    try:
        connection.execute("SET enable_external_access = false")
        connection.execute("SET lock_configuration = true")
        yield connection
    finally:
        connection.close()


def fetch(connection: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
    try:
        cursor = connection.execute(sql, params or [])
        return [column[0] for column in cursor.description], cursor.fetchall()
    except duckdb.Error as exc:
        raise DataError(f"query failed: {exc}") from exc


def fetch_dicts(connection: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    columns, rows = fetch(connection, sql, params)
    return [dict(zip(columns, row)) for row in rows]


def run_sql(connection: duckdb.DuckDBPyConnection, query: str, params: list[str]) -> tuple[list[str], list[tuple]]:
    """One read-only statement, with its ? placeholders bound to params in order."""
    try:
        statements = connection.extract_statements(query)
    except duckdb.Error as exc:
        raise DataError(f"query failed: {exc}") from exc
    if len(statements) != 1:
        raise DataError(f"give exactly one SQL statement ({len(statements)} given)")
    if statements[0].type not in READ_ONLY_STATEMENTS:
        raise DataError(f"only read-only queries run here (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN), "
                        f"not {statements[0].type.name}")
    return fetch(connection, query, params)


CONTESTED_SQL = """
SELECT fact_key, tier, reason, claim_count, document_count, reporter_count,
       statements, documents, reporters, claim_ids
FROM contested_facts
WHERE $tier IS NULL OR tier = $tier
ORDER BY tier = 'divergent', fact_key
"""


STATEMENTS_SQL = """
SELECT s.fact_key, s.value_rank, s.claim_id, s.value, s.value_low, s.value_high, s.modality, s.stance,
       s.chain, s.voice, s.source_id
FROM fact_statements AS s
WHERE list_contains($facts, s.fact_key)
ORDER BY s.fact_key, s.value_rank
"""


def contested(connection: duckdb.DuckDBPyConnection, tier: str | None = None) -> list[dict]:
    """Contested facts, incompatible before divergent, optionally one tier only; each with its
    claims in order of value and who states them (values, from fact_statements)."""
    if tier is not None and tier not in TIERS:
        raise UsageError(f"unknown tier {tier!r}: choose {' or '.join(TIERS)}")
    facts = fetch_dicts(connection, CONTESTED_SQL, {"tier": tier})
    statements: dict[str, list[dict]] = {}
    for row in fetch_dicts(connection, STATEMENTS_SQL, {"facts": [fact["fact_key"] for fact in facts]}):
        statements.setdefault(row.pop("fact_key"), []).append(row)
    return [dict(fact, values=statements.get(fact["fact_key"], [])) for fact in facts]


@dataclass(frozen=True)
class Target:
    """What `claims show` was asked about: a claim, a fact, an entity or a document, by its key;
    also: the other things the words matched, less well (empty when given an id)."""

    kind: str
    key: str
    label: str
    also: tuple[search.Match, ...] = ()


ID_LOOKUPS = (
    ("claim", "SELECT claim_id, value FROM claims_resolved WHERE claim_id = ?"),
    ("fact", "SELECT fact_key, fact_key FROM competing_claims WHERE fact_key = ?"),
    ("entity", "SELECT entity_id, canonical_name FROM entities WHERE entity_id = ?"),
    ("document", "SELECT source_id, title FROM sources WHERE source_id = ?"),
)

# Everything show finds by words: entities by every spelling, facts by their subject's
# spellings with the property's label and the scope, documents by title.
SEARCHABLE_SQL = {
    "entity": """SELECT entity_id, canonical_name, list(name ORDER BY name) AS names
                 FROM entity_names GROUP BY entity_id, canonical_name ORDER BY entity_id""",
    "fact": """SELECT f.fact_key, f.fact_key AS label,
                      list(concat_ws(' ', n.name, p.label, f.scope) ORDER BY n.name) AS names
               FROM competing_claims AS f
               JOIN properties AS p USING (property_id)
               LEFT JOIN entity_names AS n ON n.entity_id = f.subject_id
               GROUP BY f.fact_key ORDER BY f.fact_key""",
    "document": "SELECT source_id, title, [] AS names FROM sources ORDER BY source_id",
}


def searchable(connection: duckdb.DuckDBPyConnection) -> list[search.Named]:
    """The entities, facts and documents of the package, as the shared search takes them."""
    items = []
    for kind, sql in SEARCHABLE_SQL.items():
        for key, label, names in fetch(connection, sql)[1]:
            items.append(search.Named(kind, key, label, tuple([label, *[name for name in names if name]])))
    return items


def _beside(matches, shown: set[str]) -> list[search.Match]:
    """matches without the facts about an entity among shown (its own output lists them)."""
    return [match for match in matches
            if not (match.item.kind == "fact" and match.item.key.split("|")[0] in shown)]


def _listed(matches) -> str:
    return "; ".join(f"{match.item.kind} {search.described(match)}" for match in matches)


def resolve(connection: duckdb.DuckDBPyConnection, text: str, also: int = 5) -> Target:
    """A claim id, fact key, entity id or document id as given; otherwise the one entity, fact
    or document whose names the words match best (search.py). Words that match several equally
    well, or nothing, are an error that lists the candidates ("did you mean")."""
    for kind, sql in ID_LOOKUPS:
        rows = fetch(connection, sql, [text])[1]
        if rows:
            return Target(kind, rows[0][0], rows[0][1])
    items = searchable(connection)
    matches = search.find(items, text, limit=None)
    if not matches:
        similar = search.similar(items, text, limit=20)
        similar = _beside(similar, {match.key for match in similar if match.item.kind == "entity"})[:also]
        hint = f"; did you mean: {_listed(similar)}" if similar else ""
        raise DataError(f"no claim id, fact key, entity id, document id or name {text!r}{hint}")
    best = [match for match in matches if match.rank == matches[0].rank]
    if len(best) > 1:
        raise DataError(f"{text!r} matches {len(best)} equally well: {_listed(best)}; give one of their ids")
    top = best[0]
    entities = {match.key for match in matches if match.item.kind == "entity"}
    return Target(top.item.kind, top.item.key, top.item.label, tuple(_beside(matches[1:], entities)[:also]))


CLAIM_COLUMNS = """c.claim_id, c.fact_key, c.status, c.modality, c.stance, c.value, c.value_qualifier,
    c.value_number, c.value_min, c.value_max, c.value_entity_id, c.value_entity_name, c.value_date_start,
    c.value_date_end, c.value_date_precision, c.voice, c.reporter_id, c.reporter_name, c.originator_id,
    c.originator_name, c.source_id, c.document_title, c.seed_path, c.quote, c.quote_start, c.quote_end,
    c.hedge, c.confidence, c.confidence_rule, c.note"""

CLAIMS_SQL = {
    "claim": f"SELECT NULL AS role, {CLAIM_COLUMNS} FROM claims_resolved AS c WHERE c.claim_id = ?",
    "fact": f"""SELECT NULL AS role, {CLAIM_COLUMNS} FROM claim_facts AS c
                JOIN fact_statements AS s USING (claim_id) WHERE c.fact_key = ?
                ORDER BY s.value_rank""",
    "entity": f"""SELECT ec.role, {CLAIM_COLUMNS} FROM entity_claims AS ec
                  JOIN claims_resolved AS c USING (claim_id)
                  LEFT JOIN fact_statements AS s USING (claim_id) WHERE ec.entity_id = ?
                  ORDER BY list_position(['subject', 'value', 'place', 'reporter', 'originator'], ec.role),
                           c.fact_key, s.value_rank NULLS LAST, c.claim_id""",
    "document": f"""SELECT NULL AS role, {CLAIM_COLUMNS} FROM claims_resolved AS c WHERE c.source_id = ?
                    ORDER BY c.quote_start, c.quote_end, c.claim_id""",
}

FACT_SQL = """
SELECT f.fact_key, f.subject_name, f.property_id, f.scope, f.claim_count, f.document_count, f.reporter_count,
       coalesce(t.tier, 'uncontested') AS tier, t.reason,
       e.low, e.low_rule, e.best, e.best_rule, e.high, e.high_rule, e.high_is_open,
       e.conservative_min, e.conservative_min_rule
FROM competing_claims AS f
LEFT JOIN contested_facts AS t USING (fact_key)
LEFT JOIN fact_estimates AS e USING (fact_key)
WHERE f.fact_key = ?
"""

ENTITY_SQL = """
SELECT entity_id, any_value(canonical_name) AS canonical_name, any_value(entity_type) AS entity_type,
       list(name ORDER BY name) FILTER (WHERE name <> canonical_name) AS aliases
FROM entity_names
WHERE entity_id = ?
GROUP BY entity_id
"""


DOCUMENT_SQL = """
SELECT source_id, title, publisher, author, published_start, published_end, document_kind, seed_path
FROM sources WHERE source_id = ?
"""


def describe(connection: duckdb.DuckDBPyConnection, target: Target) -> dict | None:
    """The fact's counts, tier and estimates, the entity's names, or the document's metadata;
    None for a claim."""
    sql = {"fact": FACT_SQL, "entity": ENTITY_SQL, "document": DOCUMENT_SQL}.get(target.kind)
    return fetch_dicts(connection, sql, [target.key])[0] if sql else None


def claims_about(connection: duckdb.DuckDBPyConnection, target: Target) -> list[dict]:
    return fetch_dicts(connection, CLAIMS_SQL[target.kind], [target.key])


def facts_of(connection: duckdb.DuckDBPyConnection, fact_keys: list[str]) -> dict[str, dict]:
    """describe() of each fact, by key: the headings of show's groups."""
    return {key: describe(connection, Target("fact", key, key)) for key in dict.fromkeys(fact_keys)
            if key and fetch(connection, "SELECT 1 FROM competing_claims WHERE fact_key = ?", [key])[1]}


def seed_text(root: Path, seed_path: str) -> str | None:
    """A seed's text, or None when it cannot be read safely (outside seeds/, a symlink, not UTF-8)."""
    path = safe_seed(root, seed_path or "")
    if path is None:
        return None
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


@dataclass(frozen=True)
class QuoteInContext:
    before: str
    quote: str
    after: str


def quote_in_context(root: Path, claim: dict, width: int) -> QuoteInContext | None:
    """The quoted span and up to width code points either side, from the seed itself (line
    breaks shown as spaces); None when the seed cannot be read safely."""
    text = seed_text(root, claim.get("seed_path"))
    if text is None:
        return None
    start, end = claim["quote_start"], claim["quote_end"]
    first, last = max(0, start - width), min(len(text), end + width)
    return QuoteInContext(("…" if first > 0 else "") + _one_line(text[first:start]), _one_line(text[start:end]),
                          _one_line(text[end:last]) + ("…" if last < len(text) else ""))


def _one_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ")
