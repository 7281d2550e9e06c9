"""claims build: the package as a DuckDB database, written atomically.

The database is made by running sql/load.sql, the same file the DuckDB CLI runs in the
repository root: it materialises one table per resource from the CSV files (sql/base/,
generated from the JSON Schemas) and creates the views (sql/views/) above them.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from typing import TYPE_CHECKING

from .package import Package, tabular_resources
from .problems import DataError
from .schemas import RecordSchema

if TYPE_CHECKING:
    import duckdb

DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}
# Most DuckDB clients in use (the duckdb-cli 1.x on PyPI among them) cannot open files in
# the 2.0 storage format; this keeps build/claims.duckdb readable by them.
STORAGE_COMPATIBILITY = "v1.0.0"
LOAD_SCRIPT = Path("sql/load.sql")
READ_LINE = re.compile(r"^\.read\s+(\S+)\s*$")
BASE_DIR = "sql/base"
# How every reader of the package's CSV files reads them (sql/base/*.sql, the fast path's gate):
# strictly, as RFC 4180 with the header row, an empty cell as NULL.
CSV_DIALECT = ("header = true, auto_detect = false, strict_mode = true",
               "delim = ',', quote = '\"', escape = '\"', nullstr = ''")


def duckdb_module():
    """duckdb, imported when a database is made (validate's Python path needs none)."""
    import duckdb

    return duckdb


def column_types(schema: RecordSchema) -> dict[str, str]:
    return {name: "DATE" if spec.get("format") == "date" else DUCKDB_TYPES[spec["type"]]
            for name, spec in schema.document["properties"].items()}


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def base_sql(schema: RecordSchema, rel_path: str | list[str]) -> str:
    """The generated base-layer file for one resource: a typed, strict read of its CSV, or of
    the list of its parts (each part has the header row, as header = true expects)."""
    columns = ",\n".join(f"        {_sql_string(col)}: {_sql_string(kind)}"
                         for col, kind in column_types(schema).items())
    parts = rel_path if isinstance(rel_path, list) else [rel_path]
    files = _sql_string(parts[0]) if len(parts) == 1 else "[" + ", ".join(map(_sql_string, parts)) + "]"
    return (
        f"-- Generated from schemas/{schema.path.name} by `claims sync`; do not edit.\n"
        f"-- Grain: one row per record of {', '.join(parts)}.\n"
        f"CREATE OR REPLACE TABLE {schema.name} AS\n"
        f"SELECT * FROM read_csv(\n    {files},\n"
        f"    {CSV_DIALECT[0]},\n"
        f"    {CSV_DIALECT[1]},\n"
        f"    columns = {{\n{columns}\n    }}\n);\n"
    )


def base_files(package: Package) -> dict[Path, str]:
    # Only for resources that loaded: a malformed path is reported by validate, not written to SQL.
    return {Path(BASE_DIR) / f"{name}.sql": base_sql(package.schemas[name], rel_path)
            for name, rel_path in tabular_resources(package.descriptor).items() if name in package.tables}


def load_script(current: str, tables) -> str:
    """sql/load.sql with one `.read sql/base/<table>.sql` per table, in table order, where its
    base lines are (before its first .read line when it has none); the rest kept as written."""
    lines = current.split("\n")
    is_base = [bool(m) and m.group(1).startswith(BASE_DIR + "/") for m in map(READ_LINE.match, lines)]
    reads = [i for i, line in enumerate(lines) if READ_LINE.match(line)]
    at = is_base.index(True) if any(is_base) else (reads[0] if reads else len(lines) - (lines[-1:] == [""]))
    kept = [line for line, base in zip(lines, is_base) if not base]
    return "\n".join(kept[:at] + [f".read {BASE_DIR}/{name}.sql" for name in tables] + kept[at:])


def read_paths(script_text: str) -> list[str]:
    """The files a sql/load.sql text reads, in its order; anything but '.read FILE' lines and
    comments is refused, located."""
    paths = []
    for number, line in enumerate(script_text.splitlines(), start=1):
        if not line.strip() or line.startswith("--"):
            continue
        match = READ_LINE.match(line)
        if match is None:
            raise DataError(f"{LOAD_SCRIPT}:{number}:1: only '.read FILE' lines and comments are allowed")
        paths.append(match.group(1))
    return paths


def load_statements(root: Path) -> list[tuple[Path, str]]:
    """The SQL files sql/load.sql reads, in its order, with their text."""
    return [(Path(rel), (root / rel).read_text(encoding="utf-8"))
            for rel in read_paths((root / LOAD_SCRIPT).read_text(encoding="utf-8"))]


@contextlib.contextmanager
def working_directory(path: Path):
    # The SQL files use paths relative to the repository root, as the DuckDB CLI does.
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def run_load_script(connection: duckdb.DuckDBPyConnection, root: Path) -> None:
    with working_directory(root):
        for path, text in load_statements(root):
            try:
                connection.execute(text)
            except duckdb_module().Error as exc:
                raise DataError(f"{path}: {exc}") from exc


def connect_memory(root: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the package loaded, for queries that need no build file."""
    connection = duckdb_module().connect()
    run_load_script(connection, root)
    return connection


def build(package: Package, target: Path) -> Path:
    """Write the database beside target, then rename it into place: a failed build changes nothing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    wal = temporary.with_name(temporary.name + ".wal")
    for leftover in (temporary, wal):
        leftover.unlink(missing_ok=True)
    try:
        connection = duckdb_module().connect(str(temporary), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
        try:
            run_load_script(connection, package.root)
            connection.execute("CHECKPOINT")
        finally:
            connection.close()
        os.replace(temporary, target)
    finally:
        for leftover in (temporary, wal):
            leftover.unlink(missing_ok=True)
    return target
