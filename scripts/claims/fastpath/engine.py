"""Driving the fast path: the CSV layer, one pass per table, then the checks across rows.

Each table is read once by DuckDB, all columns as text, into k_<table>: whether the row's
cells all typed ("loaded", as the Python path loads a row), the typed columns later steps
need, and the numbers of the checks the row fails. Rows are numbered as they come out of the CSV
reader (a streaming row_number), before any join may reorder them: k_<table>.rowidx is the
row's number among the records DuckDB returned. Every column is read by some check, so DuckDB
cannot skip casting any (projection pushdown). Small tables keep every column; the big ones
only their keys and what a later check reads.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..package import DESCRIPTOR, TABLE_ORDER, _header_problem, read_descriptor, tabular_resources
from ..problems import ClaimsError, Problem
from ..schemas import RecordSchema, load_schemas
from . import csvscan, named
from .compile import Check, TableSql, flag_list, ident, literal, raw
from .named import RowCheck

LOOKED_UP = ("sources", "properties", "confidence_rubric")  # Python-side checks read every column
SMALL_FILE = 8 << 20  # bytes: a table this small keeps all its columns anyway
SMALL_TARGET = 200_000  # rows: a foreign key to a smaller table is checked in the pass, by a join
SPLIT_FILE = 64 << 20  # bytes: a file this large is checked and read in parts, two at a time
PART_FILE = 200 << 20  # bytes: about the size of a part (the RE2 match holds a part in memory)
KEEP = {  # columns later steps read, beyond keys and foreign-key targets
    "claims": ("source_id", "value_qualifier", "r_value_number", "value_min", "value_max"),
    "attributions": ("evidence", "evidence_start", "evidence_end"),
}
# The pass joins small lookups to a large stream: left to itself the optimizer may build the
# hash table on the stream (its row estimate for a CSV file is tiny) and run out of memory.
PASS_OPTIMIZERS = "SET disabled_optimizers = 'join_order,build_side_probe_side'"


def settings() -> dict:
    """DuckDB settings: CLAIMS_DUCKDB_THREADS and CLAIMS_DUCKDB_MEMORY override the defaults
    (all cores; 600 MB, so that with Python's share the process stays under 1 GiB)."""
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
    deferred: dict[int, str] = field(default_factory=dict)  # record checks tested after the joins
    map_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def checks(self) -> list[Check | RowCheck]:
        return self.sql.checks + self.row_checks

    def ensure_map(self) -> csvscan.RecordMap:
        with self.map_lock:  # a background build (see Engine.scan) may be under way
            if self.record_map is None:
                self.record_map = csvscan.RecordMap.build(self.path, self.layout.end)
        return self.record_map


# Where the CSV layer found trouble, the read tells rows of the wrong width apart itself: DuckDB
# takes a row with one empty cell too many for a row with a trailing comma and does not reject
# it. So one column more is declared, short rows are padded with NULL, and empty cells come in
# as '' (nullstr is a text no cell holds); a row's width is right when its last column is not
# NULL and the extra one is. Rows two or more cells too wide are still rejected (reject table).
NO_NULL = "\x01claims-fastpath: no null\x01"
EXTRA = "r___extra_cell"


def read_csv_sql(run: TableRun, source: Path | None, target: str) -> str:
    """The strict, all-text read of a table's records; an empty relation when it has none."""
    fields = run.schema.fields
    if source is None:
        columns = ", ".join(f"NULL::VARCHAR AS {raw(f)}" for f in fields)
        return f"(SELECT {columns}, true AS width_ok LIMIT 0)"
    common = (f"header = true, auto_detect = false, strict_mode = true, delim = ',', quote = '\"', escape = '\"', "
              f"new_line = '\\n'")
    if run.layout.clean:
        columns = ", ".join(f"{literal('r_' + f)}: 'VARCHAR'" for f in fields)
        return (f"(SELECT *, true AS width_ok FROM read_csv({literal(str(source))}, {common}, nullstr = '', "
                f"columns = {{{columns}}}))")
    columns = ", ".join(f"{literal(c)}: 'VARCHAR'" for c in ["r_" + f for f in fields] + [EXTRA])
    cells = ", ".join(f"nullif({raw(f)}, '') AS {raw(f)}" for f in fields)
    return (f"(SELECT {cells}, {raw(fields[-1])} IS NOT NULL AND {ident(EXTRA)} IS NULL AS width_ok "
            f"FROM read_csv({literal(str(source))}, {common}, nullstr = {literal(NO_NULL)}, "
            f"allow_quoted_nulls = false, null_padding = true, parallel = false, columns = {{{columns}}}, "
            f"store_rejects = true, rejects_table = 'rej_{target}', rejects_scan = 'rejscan_{target}'))")


def pass_sql(run: TableRun, kept: list[str], joins: list[str], target: str, source: Path | None) -> str:
    offset = len(run.sql.checks)
    named_ = flag_list([(offset + i, f"t.loaded AND ({c.fails})") for i, c in enumerate(run.row_checks)]
                       + sorted(run.deferred.items()))
    width = "CASE WHEN t.width_ok THEN []::INTEGER[] ELSE [-1] END"  # -1: not as wide as the header
    flags = f"list_concat({width}, t.rh, {named_})"
    lookups = list(dict.fromkeys(named.LOOKUPS.get(join, join) for c in run.row_checks for join in c.joins))
    keep = "".join(f", t.{ident(k)}" for k in kept)
    numbered = f"(SELECT row_number() OVER () - 1 AS rowidx, * FROM {read_csv_sql(run, source, target)})"
    return f"""
CREATE OR REPLACE TABLE {target} AS
WITH checked AS ({run.sql.checked_sql(numbered, "width_ok", frozenset(run.deferred))})
SELECT t.rowidx, t.loaded{keep}, nullif({flags}, []::INTEGER[]) AS hits
FROM checked t {" ".join(lookups + joins)}
"""


class Engine:
    """The fast path over one package: open it, run the passes; report.py turns flags into problems."""

    def __init__(self, root: Path, named_checks: bool = True):
        self.root = root.resolve()
        self.named_checks = named_checks
        self.descriptor = read_descriptor(self.root)
        self.schemas = load_schemas(self.root / "schemas")
        self.resources = tabular_resources(self.descriptor)
        self.tmp = Path(tempfile.mkdtemp(prefix="claims-fastpath-"))
        self.connection = duckdb.connect(config={**settings(), "temp_directory": str(self.tmp / "spill")})
        self.connection.execute("SET enable_progress_bar = false")
        self.connection.execute(named.MACROS)
        self.runs: dict[str, TableRun] = {}
        self.settled: set[str] = set()
        self.later_keys: list[tuple[str, dict]] = []  # foreign keys checked after the passes
        self.row_checks: dict[str, list[RowCheck]] = {}
        for check in named.row_checks() if named_checks else []:
            self.row_checks.setdefault(check.table, []).append(check)

    def cursor(self):
        """A cursor for a thread of its own (a session: its settings are its own)."""
        cursor = self.connection.cursor()
        cursor.execute("SET enable_progress_bar = false")
        return cursor

    def close(self) -> None:
        self.connection.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def rows(self, name: str, con=None) -> int:
        return (con or self.connection).execute(f"SELECT count(*) FROM k_{name}").fetchone()[0]

    def foreign_keys(self, run: TableRun, con) -> tuple[list[RowCheck], list[str], list[str]]:
        """Keys into small tables read earlier are checked in the pass, joined to their keys
        (which also answer the column's pattern: run.deferred); the others after the passes,
        so their columns are kept."""
        checks, joins, later = [], [], []
        for number, foreign in enumerate(run.schema.foreign_keys if self.named_checks else []):
            target, fields = foreign["reference"]["resource"], foreign["fields"]
            if target in self.settled and len(fields) == 1 and self.rows(target, con) < SMALL_TARGET:
                index = run.sql.check_index(fields[0], "pattern")
                pattern = run.schema.document["properties"][fields[0]]["pattern"] if index is not None else None
                join, check, pattern_fails = named.foreign_key_check(run.name, number, fields, target,
                                                                     foreign["reference"]["fields"], pattern)
                joins.append(join)
                checks.append(check)
                if pattern_fails:
                    run.deferred[index] = pattern_fails
            else:
                self.later_keys.append((run.name, foreign))
                later += fields
        return checks, joins, later

    def scan(self, name: str, con=None, checked=None) -> TableRun:
        """One table's CSV layer and pass, on a cursor of its own if given (passes can run side
        by side); checked() is called once the CSV layer is known."""
        con = con or self.connection
        schema = self.schemas[name]
        rel = self.resources.get(name)
        self.later_keys = [(table, key) for table, key in self.later_keys if table != name]
        run = TableRun(name, rel or "", self.root / (rel or ""), schema, TableSql(schema), self.row_checks.get(name, []))
        foreign, joins, later = self.foreign_keys(run, con)
        run.row_checks = run.row_checks + foreign
        big = rel is not None and run.path.is_file() and run.path.stat().st_size > SPLIT_FILE
        # A table keeps only its keys and what later checks read, unless it is small or the
        # Python-side checks read all of it.
        keep = list(dict.fromkeys(list(schema.primary_key) + list(KEEP.get(name, ())) + later + self.targets(name)))
        if name in LOOKED_UP or not run.path.is_file() or run.path.stat().st_size < SMALL_FILE:
            keep = schema.fields + ["r_" + f for f in schema.fields]
        con.execute(f"DROP VIEW IF EXISTS k_{name}; DROP TABLE IF EXISTS k_{name}")
        try:
            if big and self.parts_scan(run, keep, joins, con, True):
                if checked is not None:
                    checked()
            else:
                self.single_scan(run, keep, joins, con, checked)
        except duckdb.Error as exc:
            raise ClaimsError(f"{rel}: the fast path could not read the table ({exc}); "
                              "run claims validate --engine python") from exc
        self.runs[name] = run
        return run

    def single_scan(self, run: TableRun, keep: list[str], joins: list[str], con, checked) -> None:
        if not run.file:
            run.problems.append(Problem(DESCRIPTOR, 1, 1, "descriptor-resource", f"no table resource named {run.name}",
                                        "run claims sync to regenerate the descriptor"))
        else:
            run.layout = csvscan.inspect(con, run.path, run.file, run.schema.fields)
            run.problems += run.layout.problems
            if run.layout.header is not None and run.layout.header != run.schema.fields:
                run.problems.append(_header_problem(run.file, run.layout.header, run.schema.fields))
            elif run.layout.header is not None:
                run.source = self.prefix(run)
        if checked is not None:
            checked()
        if run.source is not None and not run.layout.clean:
            # A file that is not clean has problems to place: map its records (Python, on a
            # thread of its own) while DuckDB reads it.
            threading.Thread(target=run.ensure_map, daemon=True).start()
        if run.source is not None and run.layout.end > SPLIT_FILE and self.parts_scan(run, keep, joins, con, False):
            return
        self.one_pass(run, keep, joins, f"k_{run.name}", run.source, con)
        if run.source is not None and not run.layout.clean:
            run.rejected = self.rejected(run, con, f"k_{run.name}")

    def settle(self, *names: str) -> None:
        """These tables' k_ tables are final: later passes may join them."""
        self.settled.update(names)

    @staticmethod
    def one_pass(run: TableRun, keep: list[str], joins: list[str], target: str, source: Path | None, con) -> None:
        con.execute(PASS_OPTIMIZERS)
        con.execute(pass_sql(run, keep, joins, target, source))
        con.execute("RESET disabled_optimizers")

    def parts_scan(self, run: TableRun, keep: list[str], joins: list[str], con, check: bool) -> bool:
        """A large file in parts side by side: DuckDB matches one text and reads one CSV file
        (numbering its rows) on one thread, so the records are copied into parts cut at record
        boundaries, each with the header, and two threads each read (and, if check, first
        match: the CSV layer's RE2) a part. k_<table> is then a view that numbers the rows on
        across the parts. False, with nothing kept, when a checked part is not clean: the file
        then goes the single way, which finds out why. (Parts of complete, clean records join
        into a clean file.) Unchecked, the parts cover the run's layout, before any syntax error."""
        end = run.layout.end if run.layout is not None else run.path.stat().st_size
        if run.layout is None:
            header = csvscan.first_record(run.path, end, run.file)
            if header != run.schema.fields:
                return False
            run.layout = csvscan.Layout([], header, end, True)  # what a checked part must be
        parts = csvscan.parts(run.path, self.tmp / run.name, PART_FILE, end)
        clean = [True] * len(parts)
        rejected: list[list[int]] = [[] for _ in parts]

        def read(numbers, cursor):
            for number in numbers:
                path, start, body = parts[number]
                if check and csvscan.whole_file(cursor, path, len(run.schema.fields), prefix=False) != csvscan.CLEAN:
                    clean[number] = False
                    return
                target = f"k_{run.name}_{number}"
                self.one_pass(run, keep, joins, target, path, cursor)
                if not run.layout.clean:  # offsets in the part -> offsets in the file
                    rejected[number] = [start + offset - body for offset in self.rejected(run, cursor, target)]

        cursor = self.cursor()
        try:
            with ThreadPoolExecutor(max_workers=1) as pool:
                other = pool.submit(read, range(1, len(parts), 2), cursor)
                read(range(0, len(parts), 2), con)
                other.result()
        finally:
            cursor.close()
            for path, _, _ in parts:
                path.unlink()
        if not all(clean):
            con.execute("; ".join(f"DROP TABLE IF EXISTS k_{run.name}_{n}" for n in range(len(parts))))
            run.layout = None
            return False
        unions, offset = [], "0"
        for number in range(len(parts)):
            unions.append(f"SELECT * REPLACE (rowidx + {offset} AS rowidx) FROM k_{run.name}_{number}")
            offset = f"{offset} + {self.rows(f'{run.name}_{number}', con)}"
        con.execute(f"CREATE VIEW k_{run.name} AS {' UNION ALL '.join(unions)}")
        run.source = run.path
        run.rejected = sorted(offset for offsets in rejected for offset in offsets)
        return True

    def targets(self, name: str) -> list[str]:
        """Columns of this table other tables' foreign keys point at."""
        return [f for other in self.schemas.values() for foreign in other.foreign_keys
                if foreign["reference"]["resource"] == name for f in foreign["reference"]["fields"]]

    def prefix(self, run: TableRun) -> Path:
        """The file DuckDB reads: the table itself, or a copy of the part before a syntax error."""
        if run.layout.end >= run.path.stat().st_size:
            return run.path
        copy = self.tmp / f"{run.name}.csv"
        with run.path.open("rb") as source, copy.open("wb") as target:
            csvscan.copy_range(source, target, 0, run.layout.end)
        return copy

    def rejected(self, run: TableRun, con, target: str) -> list[int]:
        """Byte offsets of the records DuckDB rejected for their width (the only reason left
        once the CSV layer has passed the bytes) while reading into target."""
        rows = con.execute(f"SELECT DISTINCT line_byte_position, error_type FROM rej_{target}").fetchall()
        unexpected = {kind for _, kind in rows if kind not in ("MISSING COLUMNS", "TOO MANY COLUMNS")}
        if unexpected:
            raise ClaimsError(f"{run.file}: the fast path disagrees with the CSV layer ({', '.join(unexpected)}); "
                              "run claims validate --engine python")
        return sorted(position - 1 for position, _ in rows)  # line_byte_position counts from 1
