"""The gate: is the package valid? Every layer, set-based, each test a superset of the Python path's.

Per CSV file, one read of its text (read_text) answers the CSV layer: no BOM, CR or NUL, the
whole file a full match of the RFC 4180 grammar (a stray or unclosed quote fails it), and
its comma count. Per table, one strict all-text read_csv types every cell as
schemas.RecordSchema.to_json_value does and evaluates every JSON Schema keyword compiled to
SQL (compile.py); rows DuckDB rejects are counted. A row with one empty cell too many is the
one width fault DuckDB's reader lets through: the file's commas then exceed the header's
commas per row plus the commas inside cells. Then keys, unique keys and foreign keys as
joins, and the named checks and lints of named.py. Descriptor and seed layers are small and
run through the Python path's own code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .. import checks, descriptor, safeio
from ..package import (MAX_CELL_CHARS, TABLE_ORDER, DescriptorError, Package, load_table,
                       read_descriptor_text, resource_parts, unsafe_path)
from ..problems import Problem
from ..schemas import load_schemas
from . import named
from .compile import TableSql, ident, literal, raw

SEED_RULES = ("seed-path", "seed-hash", "seed-encoding", "seed-registered")
# One CSV file as RFC 4180 allows it: unquoted cells hold no quote, comma or newline; quoted
# cells double their quotes. RE2 matches it in linear time.
CSV_GRAMMAR = r'(?s)(?:[^",\n]*|"(?:[^"]|"")*")(?:[,\n](?:[^",\n]*|"(?:[^"]|"")*"))*'


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

    @property
    def is_clean(self) -> bool:
        return not self.problems and not any(self.flags.values())

    def flag(self, rule: str, number: int) -> None:
        if number:
            self.flags[rule] = self.flags.get(rule, 0) + int(number)


def run_gate(root: Path) -> GateResult:
    root = root.resolve()
    result = GateResult()
    try:
        document, text = read_descriptor_text(root)
    except DescriptorError as exc:
        result.problems.append(exc.problem)
        return result
    schemas = load_schemas(root / "schemas")
    resources = resource_parts(document)
    for name in TABLE_ORDER:
        parts = resources.get(name) or []
        if name not in schemas or not parts or any(unsafe_path(rel) for rel in parts):
            result.flag("descriptor-resource", 1)
        elif any(safeio.unreadable_reason(root, rel, safeio.MAX_TABLE_BYTES) for rel in parts):
            result.flag("file-symlink", 1)  # a link, a missing or oversized file: read by nobody
    if result.flags:
        return result
    result.problems += descriptor.frictionless_problems(root)
    result.problems += descriptor.profile_problems(document, text)
    # sources is small: the Python path loads it, checks the seeds and the generated files.
    sources, source_problems = load_table(root, "sources", resources["sources"], schemas["sources"])
    package = Package(root, document, schemas, {"sources": sources}, [], text)
    result.problems += source_problems
    result.problems += descriptor.sync_problems(package)
    for rule in SEED_RULES:
        result.problems += checks.IMPLEMENTED[rule](package)
    if result.problems:
        return result
    connection = duckdb.connect(config=settings())
    connection.execute("SET enable_progress_bar = false")
    try:
        for name in TABLE_ORDER:
            _scan_table(connection, root, name, resources[name], TableSql(schemas[name]), result)
            if result.flags:
                return result
        connection.execute("CREATE TEMP TABLE seeds (source_id VARCHAR, text VARCHAR)")
        texts = checks.seed_texts(package)
        connection.executemany("INSERT INTO seeds VALUES (?, ?)", list(texts.items()))
        for rule, sql in named.cross_row_checks(schemas):
            result.flag(rule, connection.execute(sql).fetchone()[0])
        for rule, count in named.alias_variants(connection):
            result.flag(rule, count)
    except duckdb.Error as exc:
        # DuckDB refuses what it cannot read (bytes that are not UTF-8, a malformed row): the
        # Python path locates it.
        result.flag("duckdb:" + type(exc).__name__, 1)
    finally:
        connection.close()
    return result


def _scan_table(connection, root: Path, name: str, parts: list[str], sql: TableSql, result: GateResult) -> None:
    fields = sql.schema.fields
    commas = newlines = 0
    for index, rel in enumerate(parts):
        path = root / rel
        if not path.is_file():
            result.flag("file-missing", 1)
            return
        row = connection.execute(
            "SELECT starts_with(content, '\ufeff'), contains(content, '\r'), contains(content, chr(0)), "
            "regexp_full_match(content, $grammar), strlen(content) - strlen(replace(content, ',', '')), "
            "strlen(content) - strlen(replace(content, chr(10), '')), "
            "split_part(content, chr(10), 1), ends_with(content, chr(10)) FROM read_text($path)",
            {"grammar": CSV_GRAMMAR, "path": str(path)}).fetchone() if path.stat().st_size else None
        if row is None:
            result.flag("csv-empty", 1)
            return
        has_bom, has_cr, has_nul, is_grammatical, file_commas, file_newlines, header, ends_with_newline = row
        result.flag("csv-bom", has_bom)
        result.flag("csv-line-ending", has_cr)
        result.flag("csv-nul-byte", has_nul)
        result.flag("csv-stray-quote", not is_grammatical)
        result.flag("csv-header", header != ",".join(fields))
        result.flag("csv-part-newline", index < len(parts) - 1 and not ends_with_newline)
        commas += file_commas - (len(fields) - 1)
        newlines += file_newlines - 1 + (not ends_with_newline)  # as if every row ended with one
    if result.flags:
        return
    files = "[" + ", ".join(literal(str(root / rel)) for rel in parts) + "]"
    columns = ", ".join(f"{literal('r_' + f)}: 'VARCHAR'" for f in fields)
    read = (f"(SELECT * FROM read_csv({files}, header = true, auto_detect = false, strict_mode = true, "
            f"delim = ',', quote = '\"', escape = '\"', nullstr = '', new_line = '\\n', columns = {{{columns}}}, "
            f"store_rejects = true, rejects_table = 'rejects_{name}', rejects_scan = 'rejects_scan_{name}'))")
    inner_commas, inner_newlines = (" + ".join(f"coalesce(strlen({raw(f)}) - strlen(replace({raw(f)}, {char}, '')), 0)"
                                               for f in fields) for char in ("','", "chr(10)"))
    too_long = " OR ".join(f"strlen({raw(f)}) > {MAX_CELL_CHARS}" for f in fields)
    typed = ", ".join(ident(f) for f in fields)
    connection.execute(
        f"CREATE TEMP TABLE {ident(name)} AS SELECT {typed}, NOT loaded OR len(rh) > 0 AS is_flagged, "
        f"{inner_commas} AS inner_commas, {inner_newlines} AS inner_newlines, coalesce({too_long}, false) AS is_too_long "
        f"FROM ({sql.checked_sql(read)})")
    rows, flagged, inner, inner_lines, too_long_rows = connection.execute(
        f"SELECT count(*), count(*) FILTER (WHERE is_flagged), coalesce(sum(inner_commas), 0), "
        f"coalesce(sum(inner_newlines), 0), "
        f"count(*) FILTER (WHERE is_too_long) FROM {ident(name)}").fetchone()
    rejected = connection.execute(f"SELECT count(*) FROM rejects_{name}").fetchone()[0]
    result.counts[name] = rows
    result.flag("record", flagged)
    result.flag("csv-cell-size", too_long_rows)
    result.flag("csv-row-width", rejected)
    result.flag("csv-row-width", commas != rows * (len(fields) - 1) + inner)
    # DuckDB skips blank lines; a blank line is a one-cell row to the Python path.
    result.flag("csv-row-width", newlines != rows + inner_lines)
