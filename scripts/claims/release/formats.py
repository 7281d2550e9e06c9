"""The release's Parquet files and claims.duckdb, written by DuckDB from the release's own CSV.

Tables are read by the package's generated SQL (sql/base/, typed from the JSON Schemas, the
same types the Table Schemas state) and views created by sql/views/, in one in-memory
database with one thread, so rows come out in the same order every build: tables in file
order, views sorted by all their columns. Parquet files are zstd-compressed and byte-identical
across builds. claims.duckdb holds every table and every view materialised as a table (no view
over a relative path, no SQL an older client must re-bind), in the v1.0.0 storage format.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..build import run_load_script
from ..view_contract import view_columns

# DuckDB 1.0.0 and every later version read files written in this storage format; the tests
# open the release with the oldest DuckDB they have (duckdb-cli, pinned in constraints.txt).
STORAGE_VERSION = "v1.0.0"
PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    # COPY and ATTACH take no parameters for their file names.
    return "'" + text.replace("'", "''") + "'"


def load(directory: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(config={"threads": 1, "preserve_insertion_order": True})
    connection.execute("SET enable_progress_bar = false")
    run_load_script(connection, directory)
    return connection


def views(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return list(view_columns(connection))


def select(name: str, is_view: bool) -> str:
    return f"SELECT * FROM memory.main.{ident(name)}" + (" ORDER BY ALL" if is_view else "")


def write_parquet(connection: duckdb.DuckDBPyConnection, name: str, is_view: bool, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    connection.execute(f"COPY ({select(name, is_view)}) TO {literal(str(target))} ({PARQUET_OPTIONS})")


def write_database(connection: duckdb.DuckDBPyConnection, tables: list[str], view_names: list[str],
                   target: Path) -> None:
    connection.execute(f"ATTACH {literal(str(target))} AS release (STORAGE_VERSION {literal(STORAGE_VERSION)})")
    try:
        for name in tables:
            connection.execute(f"CREATE TABLE release.main.{ident(name)} AS {select(name, False)}")
        for name in view_names:
            connection.execute(f"CREATE TABLE release.main.{ident(name)} AS {select(name, True)}")
        connection.execute("CHECKPOINT release")
    finally:
        connection.execute("DETACH release")
