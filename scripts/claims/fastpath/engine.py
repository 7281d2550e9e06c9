"""Driving the fast path: the CSV layer, one streaming pass per table, then the checks across rows.

Each table is read once by DuckDB (all columns as text, in file order, numbered by a streaming
row_number) into k_<table>: the row index, whether its cells all typed ("loaded", as the Python
path loads a row), the typed columns later steps need, and the ids of the checks the row fails.
Every column is touched by some check, so DuckDB cannot skip casting any (projection pushdown).
Small tables keep every column; the big ones only their keys and what a later check reads.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..package import DESCRIPTOR, TABLE_ORDER, _header_problem, read_descriptor, tabular_resources
from ..problems import ClaimsError, Problem
from ..schemas import RecordSchema, load_schemas
from . import csvscan
from .compile import Check, TableSql, ident, literal, raw
from .named import LOOKUPS, MACROS, RowCheck, row_checks

SMALL_FILE = 8 << 20  # bytes: a table this small keeps all its columns for the Python-side checks
KEEP = {  # columns later steps read, beyond keys and foreign-key targets
    "claims": ("source_id", "value_qualifier", "r_value_number", "value_min", "value_max"),
}
LOOKUP_TABLES = {  # lookup table -> (the table it is made from, SQL)
    "props_last": ("properties", "SELECT property_id, arg_max_null(value_type, rowidx) AS value_type, "
                                 "arg_max_null(is_scoped, rowidx) AS is_scoped FROM k_properties WHERE loaded "
                                 "GROUP BY property_id"),
    "rubric_last": ("confidence_rubric", "SELECT rule_id, arg_max_null(confidence, rowidx) AS confidence "
                                         "FROM k_confidence_rubric WHERE loaded GROUP BY rule_id"),
    "claim_source": ("claims", "SELECT claim_id, arg_max_null(source_id, rowidx) AS source_id "
                               "FROM k_claims WHERE loaded GROUP BY claim_id"),
}


def settings() -> dict:
    """DuckDB settings: CLAIMS_DUCKDB_THREADS and CLAIMS_DUCKDB_MEMORY override the defaults
    (all cores, 600 MB: with Python's own share the process stays under 1 GiB)."""
    config = {"memory_limit": os.environ.get("CLAIMS_DUCKDB_MEMORY", "600MB"), "preserve_insertion_order": True}
    if os.environ.get("CLAIMS_DUCKDB_THREADS"):
        config["threads"] = int(os.environ["CLAIMS_DUCKDB_THREADS"])
    return config


@dataclass
class TableRun:
    """One table of the package as the fast path saw it."""

    name: str
    file: str
    path: Path
    schema: RecordSchema
    sql: TableSql
    row_checks: list[RowCheck]
    layout: csvscan.Layout | None = None
    problems: list[Problem] = field(default_factory=list)
    source: Path | None = None
    rejected: list[int] = field(default_factory=list)  # byte offsets of records DuckDB rejected
    record_map: csvscan.RecordMap | None = None

    @property
    def checks(self) -> list[Check | RowCheck]:
        return self.sql.checks + self.row_checks

    def ensure_map(self) -> csvscan.RecordMap:
        if self.record_map is None:
            self.record_map = csvscan.RecordMap.build(self.path, self.layout.end)
        return self.record_map


def kept_columns(name: str, schemas: dict[str, RecordSchema], small: bool) -> list[str]:
    schema = schemas[name]
    if small:
        return schema.fields + ["r_" + f for f in schema.fields]
    keep = list(schema.primary_key) + list(KEEP.get(name, ()))
    for other in schemas.values():
        for foreign in other.foreign_keys:
            if foreign["reference"]["resource"] == name:
                keep += foreign["reference"]["fields"]
            if other.name == name and TABLE_ORDER.index(foreign["reference"]["resource"]) >= TABLE_ORDER.index(name):
                keep += foreign["fields"]
    return list(dict.fromkeys(keep))


def foreign_checks(name: str, schema: RecordSchema) -> tuple[list[RowCheck], list[str]]:
    """Foreign keys to tables read earlier, checked in the pass against their kept keys."""
    checks, joins = [], []
    for number, foreign in enumerate(schema.foreign_keys):
        target = foreign["reference"]["resource"]
        if target not in TABLE_ORDER or TABLE_ORDER.index(target) >= TABLE_ORDER.index(name):
            continue
        alias = f"fk{number}"
        keys = ", ".join(f"{ident(g)} AS k{i}" for i, g in enumerate(foreign["reference"]["fields"]))
        match = " AND ".join(f"t.{ident(f)} = {alias}.k{i}" for i, f in enumerate(foreign["fields"]))
        joins.append(f"LEFT JOIN (SELECT DISTINCT {keys} FROM k_{target} WHERE loaded) {alias} ON {match}")
        present = " AND ".join(f"t.{ident(f)} IS NOT NULL" for f in foreign["fields"])
        checks.append(RowCheck("foreign-key", name, foreign["fields"][0], f"{present} AND {alias}.k0 IS NULL"))
    return checks, joins


def read_csv_sql(run: TableRun) -> str:
    """The strict, all-text read of a table's records; an empty relation when it has none."""
    if run.source is None:
        columns = ", ".join(f"NULL::VARCHAR AS {raw(f)}" for f in run.schema.fields)
        return f"(SELECT {columns} LIMIT 0)"
    columns = ", ".join(f"{literal('r_' + f)}: 'VARCHAR'" for f in run.schema.fields)
    rejects = (f", store_rejects = true, rejects_table = 'rej_{run.name}', rejects_scan = 'rejscan_{run.name}'"
               if not run.layout.clean else "")
    return (f"read_csv({literal(str(run.source))}, header = true, auto_detect = false, strict_mode = true, "
            f"delim = ',', quote = '\"', escape = '\"', nullstr = '', new_line = '\\n', "
            f"max_line_size = 67108864, columns = {{{columns}}}{rejects})")


def pass_sql(run: TableRun, kept: list[str], joins: list[str]) -> str:
    sql = run.sql
    record = ", ".join(f"CASE WHEN {c.fails} THEN {i} END" for i, c in enumerate(sql.checks))
    offset = len(sql.checks)
    named = ", ".join(f"CASE WHEN t.loaded AND ({c.fails}) THEN {offset + i} END" for i, c in enumerate(run.row_checks))
    lookups = list(dict.fromkeys(LOOKUPS[name] for c in run.row_checks for name in c.lookups))
    kept_sql = ", ".join(f"t.{ident(k)}" for k in kept)
    named_hits = f"list_concat(t.rh, list_filter([{named}], lambda x: x IS NOT NULL))" if named else "t.rh"
    return f"""
CREATE OR REPLACE TABLE k_{run.name} AS
WITH numbered AS (
    SELECT row_number() OVER () - 1 AS rowidx, * FROM {read_csv_sql(run)}
), typed AS (
    SELECT rowidx, {", ".join(raw(f) for f in run.schema.fields)}, {", ".join(sql.typed_columns())},
           {sql.loaded()} AS loaded
    FROM numbered
), checked AS (
    SELECT *, list_filter([{record or 'NULL'}], lambda x: x IS NOT NULL) AS rh FROM typed
), joined AS (
    SELECT t.rowidx, t.loaded{", " + kept_sql if kept_sql else ""}, {named_hits} AS h
    FROM checked t {" ".join(lookups + joins)}
)
SELECT rowidx, loaded{", " + ", ".join(ident(k) for k in kept) if kept else ""},
       CASE WHEN len(h) > 0 THEN h END AS hits
FROM joined
"""


class Engine:
    """The fast path over one package: open it, run the passes, hand the flags to locate.py."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.descriptor = read_descriptor(self.root)
        self.schemas = load_schemas(self.root / "schemas")
        self.resources = tabular_resources(self.descriptor)
        self.tmp = Path(tempfile.mkdtemp(prefix="claims-fastpath-"))
        self.connection = duckdb.connect(config={**settings(), "temp_directory": str(self.tmp / "spill")})
        self.connection.execute(MACROS)
        self.problems: list[Problem] = []
        self.runs: dict[str, TableRun] = {}
        by_table: dict[str, list[RowCheck]] = {}
        for check in row_checks():
            by_table.setdefault(check.table, []).append(check)
        self.row_checks = by_table

    @staticmethod
    def order(name: str) -> int:
        return TABLE_ORDER.index(name)

    def close(self) -> None:
        self.connection.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def scan(self, name: str) -> TableRun:
        schema = self.schemas[name]
        rel = self.resources.get(name)
        foreign, joins = foreign_checks(name, schema)
        run = TableRun(name, rel or "", self.root / (rel or ""), schema, TableSql(schema),
                       self.row_checks.get(name, []) + foreign)
        if rel is None:
            self.problems.append(Problem(DESCRIPTOR, 1, 1, "descriptor-resource", f"no table resource named {name}",
                                         "run claims sync to regenerate the descriptor"))
        else:
            run.layout = csvscan.inspect(self.connection, run.path, rel, schema.fields)
            run.problems += run.layout.problems
            if run.layout.header is not None and run.layout.header != schema.fields:
                run.problems.append(_header_problem(rel, run.layout.header, schema.fields))
            elif run.layout.header is not None:
                run.source = self.prefix(run)
        small = run.source is None or run.path.stat().st_size < SMALL_FILE
        kept = kept_columns(name, self.schemas, small)
        try:
            self.connection.execute(pass_sql(run, kept, joins))
        except duckdb.Error as exc:
            raise ClaimsError(f"{rel}: the fast path could not read the table ({exc}); "
                              "run claims validate --engine python") from exc
        if run.source is not None and not run.layout.clean:
            run.rejected = self.rejected(run)
        for lookup, (source, sql) in LOOKUP_TABLES.items():
            if source == name:
                self.connection.execute(f"CREATE OR REPLACE TABLE {lookup} AS {sql}")
        self.runs[name] = run
        return run

    def prefix(self, run: TableRun) -> Path:
        """The file DuckDB reads: the table itself, or a copy of the part before a syntax error."""
        size = run.path.stat().st_size
        if run.layout.end >= size:
            return run.path
        copy = self.tmp / f"{run.name}.csv"
        with run.path.open("rb") as source, copy.open("wb") as target:
            remaining = run.layout.end
            while remaining > 0:
                chunk = source.read(min(csvscan.PIECE, remaining))
                target.write(chunk)
                remaining -= len(chunk)
        return copy

    def rejected(self, run: TableRun) -> list[int]:
        """Byte offsets of the records DuckDB rejected for their width (the only reason left
        once the CSV layer has passed the bytes)."""
        rows = self.connection.execute(f"SELECT DISTINCT line_byte_position, error_type FROM rej_{run.name}").fetchall()
        unexpected = {kind for _, kind in rows if kind not in ("MISSING COLUMNS", "TOO MANY COLUMNS")}
        if unexpected:
            raise ClaimsError(f"{run.file}: the fast path disagrees with the CSV layer ({', '.join(unexpected)}); "
                              "run claims validate --engine python")
        return sorted(position - 1 for position, _ in rows)  # line_byte_position counts from 1


def validate_fast(root: Path):
    """claims validate on the fast path: the same Report as validate.validate."""
    from .report import register_seeds, report

    engine = Engine(root)
    try:
        for name in TABLE_ORDER:
            engine.scan(name)
            if name == "sources":
                register_seeds(engine)
        return report(engine)
    finally:
        engine.close()
