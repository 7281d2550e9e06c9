"""The gate: which rows may break which rule? Every layer, set-based, each test a superset of the Python path's.

Per CSV file, one read of its text (read_text) answers the CSV layer: BOM, CR, NUL, the
longest prefix of whole records that matches the RFC 4180 grammar csvio reads (a stray or
unclosed quote ends it), and its comma and newline counts. A file that is not grammatical to
its end is read by DuckDB up to that prefix (a copy of it), as csvio loads the records before
the error. Per table, one strict all-text read_csv types every cell as
schemas.RecordSchema.to_json_value does and evaluates every JSON Schema keyword compiled to
SQL (compile.py); rows DuckDB rejects are counted. The typed rows the Python path keeps (every
cell typed, none too long) are the view named after the table, each with `_row`, its place
among the rows DuckDB read; the SQL of every rule of the registry (rules.py) selects from
these views the rows it may report, and the rows the Python check reads to word them.
Descriptor and seed layers are small and run through the Python path's own code, as does every
rule marked PYTHON_ONLY. wording.py then reads only the rows selected, located, and words them
with the Python path's code.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .. import checks, descriptor, safeio
from ..build import CSV_DIALECT
from ..package import (MAX_CELL_CHARS, DescriptorError, LoadedTable, Package, load_table, read_descriptor_text,
                       resource_parts, table_order, unsafe_path)
from ..problems import Problem
from ..rules import Rule, all_rules
from ..schemas import load_schemas
from .compile import TableSql, ident, literal, raw
from .sqltext import RowQuery

# A record as csvio reads it without error (no CR or NUL anywhere): unquoted cells hold no
# quote, comma or newline; quoted cells double their quotes. RE2 matches it in linear time.
FIELD = r'(?:[^",\n\r\x00]*|"(?:[^"\r\x00]|"")*")'
RECORD = rf"{FIELD}(?:,{FIELD})*"
WHOLE_RECORDS = rf"^(?:{RECORD}\n)*"


def cell_pattern(anywhere: str = "", first: str = "") -> str:
    """FIELD, less the cells holding a character of the RE2 class anywhere or starting with one of first."""
    if not anywhere and not first:
        return FIELD
    unquoted, quoted = rf'[^",\n\r\x00{anywhere}', rf'(?:[^"\r\x00{anywhere}'
    return (rf'(?:(?:{unquoted}{first}]{unquoted}]*)?|"(?:{quoted}{first}]|""){quoted}]|"")*)?")')


def pure_file_pattern(fields: list[str], queries) -> str | None:
    """The text of a file every record of which has exactly the table's width, matches the
    grammar and holds no cell that the RowQuery.cells of queries name (those queries then
    select nothing from the table). None for a one-column table, where a blank line is a record."""
    if len(fields) < 2:
        return None
    anywhere: dict[str, str] = {}
    first: dict[str, str] = {}
    for query in queries:
        for name, (chars, starts) in getattr(query, "cells", {}).items():
            anywhere[name] = anywhere.get(name, "") + chars
            first[name] = first.get(name, "") + starts
    record = ",".join(cell_pattern(anywhere.get(f, ""), first.get(f, "")) for f in fields)
    return rf"(?:{record}\n)*(?:{record})?"
ROW = "_row"  # a typed row's place among the rows DuckDB read of its table (wording.py finds it by it)


def settings() -> dict:
    """DuckDB settings: CLAIMS_DUCKDB_THREADS and CLAIMS_DUCKDB_MEMORY override the defaults
    (all cores; 600 MB, so that with Python's share the process stays under 1 GiB)."""
    config = {"memory_limit": os.environ.get("CLAIMS_DUCKDB_MEMORY", "600MB"), "preserve_insertion_order": True,
              # Never fetch an extension (httpfs would open the network for a URL).
              "autoinstall_known_extensions": False, "autoload_known_extensions": False}
    if os.environ.get("CLAIMS_DUCKDB_THREADS"):
        config["threads"] = int(os.environ["CLAIMS_DUCKDB_THREADS"])
    return config


@dataclass
class GateResult:
    problems: list[Problem] = field(default_factory=list)  # found exactly, by the Python path's code
    flags: dict[str, int] = field(default_factory=dict)  # rule -> rows (or files) flagged
    counts: dict[str, int] = field(default_factory=dict)
    # rule -> table -> the _row of every row its SQL selected (to report, or to word a report)
    rows: dict[str, dict[str, set[int]]] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)  # tables a rule needs whole (it gave a count, not rows)
    counted: set[str] = field(default_factory=set)  # the rules that gave a count
    # rule -> (table, _row) -> the fields its problems there are about, where the SQL says
    fields: dict[str, dict[tuple[str, int], set[str]]] = field(default_factory=dict)
    read_counts: dict[str, int] = field(default_factory=dict)  # rows DuckDB read, typed or not
    suspect: set[str] = field(default_factory=set)  # tables with records DuckDB did not read as rows
    first_cells: dict[str, dict[int, str | None]] = field(default_factory=dict)  # table -> place -> first cell
    # table -> place -> the compiled record checks (TableSql.checks indices) a typed row fails
    record_checks: dict[str, dict[int, tuple[int, ...]]] = field(default_factory=dict)
    clean_files: set[str] = field(default_factory=set)  # RFC 4180 to the end, no BOM: no need to check records
    # file -> lines of its whole clean records from the start, where it is not clean to the end
    clean_lines: dict[str, int] = field(default_factory=dict)
    # tables every file of which is pure (pure_file_pattern): the queries with cells select nothing there
    pure: set[str] = field(default_factory=set)
    # False where the gate could not read the package as the Python path does (a resource
    # missing from the descriptor, an error from DuckDB): only the Python path can say.
    exact: bool = True
    package: Package | None = None  # the descriptor, schemas and the sources table, as loaded here

    @property
    def is_clean(self) -> bool:
        return not self.problems and not any(self.flags.values())

    def flag(self, rule: str, number: int) -> None:
        if number:
            self.flags[rule] = self.flags.get(rule, 0) + int(number)

    def select(self, rule: str, table: str, rows) -> None:
        found = self.rows.setdefault(rule, {}).setdefault(table, set())
        before = len(found)
        found.update(rows)
        self.flag(rule, len(found) - before)


def run_gate(root: Path, tables_only: bool = False) -> GateResult:
    """The gate over every layer; tables_only: only whether every table loads cleanly (what
    claims build needs: the CSV layer and the record rules, no named check, lint or descriptor)."""
    root = root.resolve()
    result = GateResult()
    try:
        document, text = read_descriptor_text(root)
        schemas = load_schemas(root / "schemas")
    except DescriptorError as exc:  # the descriptor or a schema file cannot be read at all
        result.problems.append(exc.problem)
        result.exact = False
        return result
    resources = resource_parts(document)
    tables = table_order(schemas, document)
    for name in tables:
        parts = resources.get(name) or []
        if not parts or any(unsafe_path(rel) for rel in parts):
            result.flag("descriptor-resource", 1)
        elif any(safeio.unreadable_reason(root, rel, safeio.MAX_TABLE_BYTES) for rel in parts):
            result.flag("file-symlink", 1)  # a link, a missing or oversized file: read by nobody
    if result.flags:
        result.exact = False
        return result
    if tables_only:
        return _tables_only(root, schemas, resources, tables, result)
    # frictionless-py's reading of the descriptor is Python (a second or two at any size): it
    # runs in a thread while DuckDB, which lets go of the GIL, scans the tables.
    pool = ThreadPoolExecutor(max_workers=1)
    descriptor_checks = pool.submit(lambda: descriptor.frictionless_problems(root)
                                    + descriptor.profile_problems(document, text))
    counted = {rel: pool.submit(count_bytes, root / rel) for name in tables for rel in resources[name]
               if (root / rel).is_file()}
    # sources is small: the Python path loads it, checks the seeds and the generated files.
    sources, source_problems = load_table(root, "sources", resources["sources"], schemas["sources"])
    loaded = {name: sources if name == "sources" else LoadedTable(name, resources[name][0], schemas[name],
                                                                   files=list(resources[name])) for name in tables}
    package = Package(root, document, schemas, loaded, [], text)
    result.package = package
    result.problems += source_problems
    result.problems += descriptor.sync_problems(package)
    rules = all_rules()
    early = [entry for entry in rules if entry.python_only and _reads_only_sources(entry)]
    for entry in early:
        result.problems += entry.python(package)
    package.tables = {"sources": sources}
    planned = [(entry, query) for entry in rules for query in entry.queries(schemas)]
    with _database(result) as (connection, spill):
        for name in tables:
            pure = pure_file_pattern(schemas[name].fields, [q for _, q in planned if _table_of(q) == name])
            _scan_table(connection, root, name, resources[name], TableSql(schemas[name]), result, spill, counted,
                        pure)
        connection.execute("CREATE TEMP TABLE seeds (source_id VARCHAR, text VARCHAR)")
        texts = checks.seed_texts(package)
        connection.executemany("INSERT INTO seeds VALUES (?, ?)", list(texts.items()))
        # The per-row conditions of one table with the same joins are evaluated in one scan of
        # the join. Conditions without a join run alone: a scan of a few columns, filtered
        # where it reads them, costs less than one OR of every condition (measured at 100,000
        # claims: 0.28 s apart, 0.35 s fused; with subqueries worse).
        groups: dict[tuple, list[tuple[Rule, RowQuery]]] = {}
        for entry, query in planned:
            if getattr(query, "cells", None) and query.table in result.pure:
                continue  # its table's files hold no cell it could select (pure_file_pattern)
            if isinstance(query, RowQuery) and query.joins:
                groups.setdefault((query.table, query.joins, query.context), []).append((entry, query))
            else:
                _select(connection, entry, query, result)
        for members in groups.values():
            if len(members) == 1:
                _select(connection, *members[0], result)
            else:
                _select_fused(connection, members, result)
        _first_cells(connection, schemas, result)
    result.problems += descriptor_checks.result()
    pool.shutdown()
    late = [entry for entry in rules if entry.python_only and entry not in early]
    if late:
        result.problems += _python_only(root, package, resources, late)
    return result


def _tables_only(root: Path, schemas, resources, tables, result: GateResult) -> GateResult:
    with _database(result) as (connection, spill):
        for name in tables:
            _scan_table(connection, root, name, resources[name], TableSql(schemas[name]), result, spill,
                        pure=pure_file_pattern(schemas[name].fields, []))
    return result


def _table_of(query) -> str | None:
    return getattr(query, "table", None)


@contextlib.contextmanager
def _database(result: GateResult):
    """An in-memory DuckDB and a folder for the clean copies of files, both gone afterwards. An
    error from DuckDB (what it cannot read) leaves the package to the Python path, which locates it."""
    spill = Path(tempfile.mkdtemp(prefix="claims-gate-"))
    # What does not fit in the memory limit spills here, never beside the package.
    connection = duckdb.connect(config={**settings(), "temp_directory": str(spill / "duckdb")})
    connection.execute("SET enable_progress_bar = false")
    try:
        yield connection, spill
    except duckdb.Error as exc:
        result.flag("duckdb:" + type(exc).__name__, 1)
        result.exact = False
    finally:
        connection.close()
        shutil.rmtree(spill, ignore_errors=True)


def _select(connection, entry: Rule, query, result: GateResult) -> None:
    """Run one query of a rule: the rows it selects, or (a query that counts) the tables it reads whole."""
    if callable(query):
        found = query(connection)
        rows = None if isinstance(found, int) else list(found)
        count = found if rows is None else len(rows)
    else:
        relation = connection.execute(query)
        if [column[0] for column in relation.description] == ["tbl", "row", "field"]:
            rows = relation.fetchall()
        else:
            rows, count = None, relation.fetchone()[0]
    if rows is None:
        if count:
            result.flag(entry.rule, count)
            result.counted.add(entry.rule)
            result.whole.update(entry.reads or result.package.schemas)
        return
    _record(entry, rows, result)


def _select_fused(connection, members: list[tuple[Rule, RowQuery]], result: GateResult) -> None:
    """Queries of rows() over one table with the same joins, as one scan: each row meeting any
    condition, with which conditions it meets; each rule selects what its own query would."""
    table, joins, context = members[0][1].table, members[0][1].joins, members[0][1].context
    conditions = [f"coalesce(({query.condition}), false)" for _, query in members]
    places = "".join(f", {alias}.{ROW}" for alias, _ in context)
    found = connection.execute(
        f"SELECT t.{ROW}{places}, {', '.join(conditions)} FROM {ident(table)} t {joins} "
        f"WHERE {' OR '.join(conditions)}").fetchall()
    width = 1 + len(context)
    for index, (entry, query) in enumerate(members):
        rows = []
        for found_row in found:
            if found_row[width + index]:
                rows.append((table, found_row[0], query.field))
                rows += [(name, found_row[1 + j], None) for j, (_, name) in enumerate(context)]
        _record(entry, rows, result)


def _record(entry: Rule, rows, result: GateResult) -> None:
    """The (tbl, row, field) triples a rule's SQL selected."""
    by_table: dict[str, list[int]] = {}
    for table, row, field_name in rows:
        by_table.setdefault(table, []).append(row)
        if field_name is not None:
            result.fields.setdefault(entry.rule, {}).setdefault((table, row), set()).add(field_name)
    for table, found_rows in by_table.items():
        result.select(entry.rule, table, found_rows)


def _create_in_order(connection, statement: str) -> None:
    """Run a CREATE TABLE AS that must keep the order of the rows read: DuckDB keeps it where its
    plan inserts in batches (a projection over a scan); a plan that does not (a list built by
    a lambda, measured) runs on one thread, which keeps it."""
    plan = "".join(str(row[1]) for row in connection.execute(f"EXPLAIN {statement}").fetchall())
    if "Batch Create Table As" in plan:
        connection.execute(statement)
        return
    threads = connection.execute("SELECT current_setting('threads')").fetchone()[0]
    connection.execute("SET threads = 1")
    try:
        connection.execute(statement)
    finally:
        connection.execute(f"SET threads = {int(threads)}")


def _first_cells(connection, schemas, result: GateResult) -> None:
    """The first cell of every selected row, by place: wording.py checks that the record it
    reads at that place is the row DuckDB read there."""
    for name, schema in schemas.items():
        places = sorted({row for tables in result.rows.values() for row in tables.get(name, ())})
        if places:
            result.first_cells[name] = dict(connection.execute(
                f"SELECT rowid, {raw(schema.fields[0])} FROM {ident('read_' + name)} "
                f"WHERE rowid IN (SELECT unnest($places::BIGINT[]))", {"places": places}).fetchall())


def _reads_only_sources(entry: Rule) -> bool:
    return entry.reads is not None and set(entry.reads) <= {"sources"}


def _python_only(root: Path, package: Package, resources: dict[str, list[str]], entries: list[Rule]) -> list[Problem]:
    """Rules without SQL, run by the Python path on the tables they read (all, when they do
    not say), so the gate never passes what one of them would report. The loading problems of
    those tables are the SQL's to find (the wording reports them), so only the rules' are kept."""
    tables = table_order(package.schemas, package.descriptor)
    wanted = set(tables) if any(e.reads is None for e in entries) else {t for e in entries for t in e.reads}
    for name in tables:
        if name in wanted and name not in package.tables:
            # Typed without the record checks (their problems are the SQL's; rows are kept either way).
            package.tables[name], _ = load_table(root, name, resources[name], package.schemas[name],
                                                 checks_for=_no_record_checks)
    problems: list[Problem] = []
    for entry in entries:
        problems += entry.python(package)
    return problems


def _is_pure(connection, path: Path, pure: str | None) -> tuple[str, bool] | None:
    """One RE2 pass over a file (no copy of its text) that stops at the first place it fails:
    whether it is, without a BOM, records of exactly the table's width in csvio's grammar with
    no cell pure rules out (pure_file_pattern), and its first line; None when it is not (or
    has a BOM, or pure is None): then _file_facts tells what it is."""
    if pure is None:
        return None
    header, is_pure = connection.execute(
        "SELECT split_part(content, chr(10), 1), CASE WHEN starts_with(content, '\ufeff') THEN false "
        "ELSE regexp_full_match(content, $pure) END FROM read_text($path)", {"path": str(path), "pure": pure}).fetchone()
    return (header, ends_with_newline(path)) if is_pure else None


def ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _no_record_checks(file: str, line: int) -> None:
    return None


def _file_facts(connection, path: Path) -> tuple:
    """BOM, CR, NUL, bytes of whole clean records from the start (after any BOM), whether the
    rest is one clean record without a newline, the commas and newlines of the rest (the clean
    part's are the file's less these: counting the file's is count_bytes's, in Python, beside
    DuckDB), the first line, and whether the clean part ends with a newline. No copy of the
    text is made but the rest's (where a file is clean, the last record at most)."""
    return connection.execute(
        "WITH file AS (SELECT starts_with(content, '\ufeff') AS bom, CASE WHEN starts_with(content, '\ufeff') "
        "THEN substr(content, 2) ELSE content END AS body FROM read_text($path)), "
        "parts AS (SELECT bom, body, regexp_replace(body, $whole, '') AS rest FROM file) "
        "SELECT bom, contains(body, chr(13)), contains(body, chr(0)), strlen(body) - strlen(rest), "
        "regexp_full_match(rest, $record), strlen(rest) - strlen(replace(rest, ',', '')), "
        "strlen(rest) - strlen(replace(rest, chr(10), '')), split_part(body, chr(10), 1), "
        "ends_with(body, chr(10)) FROM parts",
        {"path": str(path), "whole": WHOLE_RECORDS, "record": RECORD}).fetchone()


def count_bytes(path: Path) -> tuple[int, int]:
    """The commas and newlines of a file, read in blocks (no copy of it in memory)."""
    commas = newlines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 22):
            commas += block.count(b",")
            newlines += block.count(b"\n")
    return commas, newlines


def _clean_copy(path: Path, start: int, size: int, spill: Path) -> Path:
    """The bytes of the whole clean records of a file (what csvio loads of it), as a file DuckDB reads."""
    copy = spill / f"{len(list(spill.iterdir()))}.csv"
    with path.open("rb") as source, copy.open("wb") as target:
        source.seek(start)
        remaining = size
        while remaining > 0:
            chunk = source.read(min(remaining, 1 << 22))
            if not chunk:
                break
            target.write(chunk)
            remaining -= len(chunk)
    return copy


def _scan_table(connection, root: Path, name: str, parts: list[str], sql: TableSql, result: GateResult,
                spill: Path, counted: dict | None = None, pure: str | None = None) -> None:
    """One table: its files' CSV layer, one read of its rows, their record checks. pure: the
    pattern of a file whose records need no counting (pure_file_pattern)."""
    counted = counted or {}
    fields = sql.schema.fields
    commas = newlines = 0
    before = dict(result.flags)
    readable: list[Path] = []
    pure_files = 0
    for index, rel in enumerate(parts):
        path = root / rel
        if not path.is_file():
            result.flag("file-missing", 1)
            continue
        if not path.stat().st_size:
            result.flag("csv-empty", 1)
            continue
        try:
            found_pure = _is_pure(connection, path, pure)
            facts = None if found_pure else _file_facts(connection, path)
        except duckdb.Error:  # not UTF-8: csvio loads nothing of it
            result.flag("csv-encoding", 1)
            continue
        if found_pure:
            header, ends_clean = found_pure
            has_bom = has_cr = has_nul = False
            rest_is_clean, clean_bytes, rest_commas, rest_newlines = True, 0, 0, 0
            pure_files += 1
        else:
            has_bom, has_cr, has_nul, clean_bytes, rest_is_clean, rest_commas, rest_newlines, header, ends_clean = facts
        all_commas, all_newlines = counted[rel].result() if rel in counted else count_bytes(path)
        # The clean records' commas and newlines (all of the file's when it is clean to the end).
        file_commas, file_newlines = ((all_commas, all_newlines) if rest_is_clean else
                                      (all_commas - rest_commas, all_newlines - rest_newlines))
        ends_with_newline = ends_clean if rest_is_clean else True
        result.flag("csv-bom", has_bom)
        result.flag("csv-line-ending", has_cr)
        result.flag("csv-nul-byte", has_nul)
        result.flag("csv-stray-quote", not rest_is_clean)
        if header != ",".join(fields):
            result.flag("csv-header", 1)
            continue
        result.flag("csv-part-newline", index < len(parts) - 1 and not ends_with_newline)
        if rest_is_clean and not has_bom:
            result.clean_files.add(rel)
            readable.append(path)
        else:
            result.clean_lines[rel] = all_newlines if rest_is_clean else file_newlines
            start = 3 if has_bom else 0
            readable.append(_clean_copy(path, start, path.stat().st_size - start if rest_is_clean else clean_bytes,
                                        spill))
        commas += file_commas - (len(fields) - 1)
        newlines += file_newlines - 1 + (not ends_with_newline)  # as if every row ended with one
    columns = ", ".join(f"{literal('r_' + f)}: 'VARCHAR'" for f in fields)
    if readable:
        files = "[" + ", ".join(literal(str(path)) for path in readable) + "]"
        read = (f"(SELECT * FROM read_csv({files}, {', '.join(CSV_DIALECT)}, new_line = '\\n', "
                f"columns = {{{columns}}}, store_rejects = true, rejects_table = 'rejects_{name}', "
                f"rejects_scan = 'rejects_scan_{name}'))")
    else:
        read = "(SELECT " + ", ".join(f"NULL::VARCHAR AS {raw(f)}" for f in fields) + " WHERE false)"
    # Every record of a pure file has the table's width: its commas need no counting.
    every_file_pure = pure_files == len(parts)
    inner_commas, inner_newlines = (" + ".join(f"CASE WHEN contains({raw(f)}, {char}) THEN strlen({raw(f)}) - "
                                               f"strlen(replace({raw(f)}, {char}, '')) ELSE 0 END" for f in fields)
                                    for char in ("','", "chr(10)"))
    too_long = " OR ".join(f"strlen({raw(f)}) > {MAX_CELL_CHARS}" for f in fields)
    every = ident("read_" + name)
    # The texts as read, each cell of a number or boolean column typed too (once, here), in
    # file order, so that rowid is a row's place among the rows DuckDB read.
    typed = [raw(f) if sql.kind(f) == "string" else f"{raw(f)}, {column}"
             for f, column in zip(fields, sql.typed_columns())]
    _create_in_order(connection, f"CREATE TEMP TABLE {every} AS SELECT {', '.join(typed)} FROM {read}")
    rows, inner, inner_lines = connection.execute(
        f"SELECT count(*), {'0' if every_file_pure else f'coalesce(sum({inner_commas}), 0)'}, "
        f"coalesce(sum({inner_newlines}), 0) FROM {every}").fetchone()
    # A text column's typed value is its text.
    texts_typed = "".join(f", {raw(f)} AS {ident(f)}" for f in fields if sql.kind(f) == "string")
    flagged = connection.execute(
        f"SELECT place, loaded AND NOT is_too_long, rh FROM (SELECT place, loaded, rh, coalesce({too_long}, false) "
        f"AS is_too_long FROM ({sql.checked_sql(f'(SELECT rowid AS place, *{texts_typed} FROM {every})', typed=True)})) "
        f"WHERE NOT loaded OR len(rh) > 0 OR is_too_long").fetchall()
    untyped = [place for place, is_row, _ in flagged if not is_row]
    result.record_checks[name] = {place: tuple(checks) for place, is_row, checks in flagged if is_row and checks}
    connection.execute(f"CREATE TEMP TABLE {ident('untyped_' + name)} AS SELECT unnest($rows::BIGINT[]) AS place",
                       {"rows": untyped})
    # The rows the Python path keeps as typed rows (every cell typed, none too long): the rules' SQL reads these.
    columns = ", ".join(f"t.{raw(f)} AS {ident(f)}" if sql.kind(f) == "string" else f"t.{ident(f)}" for f in fields)
    unkept = f" WHERE t.rowid NOT IN (SELECT place FROM {ident('untyped_' + name)})" if untyped else ""
    connection.execute(f"CREATE TEMP VIEW {ident(name)} AS SELECT t.rowid AS {ROW}, {columns} FROM {every} t{unkept}")
    result.counts[name] = rows - len(untyped)
    result.read_counts[name] = rows
    result.select("record", name, (place for place, _, _ in flagged))
    rejected = connection.execute(f"SELECT count(*) FROM rejects_{name}").fetchone()[0] if readable else 0
    result.flag("csv-row-width", rejected)
    # A rejected row has commas too; so has a row with one empty cell too many, which DuckDB
    # loads (wording.py then finds that DuckDB's rows are not the Python path's).
    if every_file_pure:
        result.pure.add(name)
    result.flag("csv-row-width", not every_file_pure and commas != rows * (len(fields) - 1) + inner)
    # DuckDB skips blank lines; a blank line is a one-cell row to the Python path.
    result.flag("csv-row-width", newlines != rows + inner_lines)
    if any(result.flags.get(rule, 0) != before.get(rule, 0) for rule in result.flags if rule != "record") \
            or any(rel not in result.clean_files for rel in parts):
        result.suspect.add(name)  # the wording reads it through, for what DuckDB did not read
