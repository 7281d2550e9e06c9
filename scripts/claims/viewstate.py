"""What a package's DuckDB views say, read safely from a state that may be untrusted.

The tables are read by SQL this module writes from the descriptor's Table Schemas (never the
state's own sql/base files), from paths checked to stay inside the package. Then file access is
switched off and locked, and only then the state's macros and views (the `.read` lines of its
sql/load.sql) run: a view cannot read or write a file, and a run that takes too long is
interrupted. What is read: each view's columns, the contested facts and the quantity estimates.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .build import DUCKDB_TYPES, LOAD_SCRIPT, read_paths
from .diff import inside, read_descriptor_json
from .package import table_resource_dicts
from .problems import DataError

# The views over this package run in well under a second; a view that takes longer than this
# (a runaway cross join in a contribution) is stopped.
VIEW_SECONDS = 60
MEMORY_LIMIT = "1GB"
BASE_FOLDER = "sql/base/"


@dataclass
class ViewState:
    columns: dict[str, list[str]] = field(default_factory=dict)  # view -> its columns in order
    types: dict[str, dict[str, str]] = field(default_factory=dict)  # view -> column -> DuckDB type
    contested: dict[str, str] = field(default_factory=dict)  # fact_key -> tier
    estimates: dict[str, tuple] = field(default_factory=dict)  # fact_key -> (low, best, high)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def table_sql(root: Path, resource: dict) -> str:
    """A strict typed read of one table resource, from its Table Schema."""
    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    fields = [f for f in schema.get("fields", []) if isinstance(f, dict) and isinstance(f.get("name"), str)]
    paths = resource.get("path")
    paths = paths if isinstance(paths, list) else [paths]
    files = ", ".join(_literal(str(inside(root, p))) for p in paths)
    columns = ", ".join(f"{_literal(f['name'])}: {_literal('DATE' if f.get('type') == 'date' else DUCKDB_TYPES.get(f.get('type'), 'VARCHAR'))}"
                        for f in fields)
    return (f"CREATE TABLE {_identifier(resource['name'])} AS SELECT * FROM read_csv([{files}], header = true, "
            "auto_detect = false, strict_mode = true, delim = ',', quote = '\"', escape = '\"', nullstr = '', "
            f"columns = {{{columns}}})")


def view_files(root: Path) -> list[tuple[str, str]]:
    """The non-base files sql/load.sql reads, in order, with their text."""
    script = inside(root, str(LOAD_SCRIPT))
    if not script.is_file():
        raise DataError(f"{LOAD_SCRIPT}: missing")
    files = []
    for rel in read_paths(script.read_text(encoding="utf-8")):
        if not rel.startswith(BASE_FOLDER):
            files.append((rel, inside(root, rel).read_text(encoding="utf-8")))
    return files


def _run(connection: duckdb.DuckDBPyConnection, label: str, sql: str) -> None:
    try:
        connection.execute(sql)
    except duckdb.Error as exc:
        raise DataError(f"{label}: {exc}") from exc


def read_view_state(root: Path) -> ViewState:
    descriptor = read_descriptor_json(root)
    try:
        files = view_files(root)
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{LOAD_SCRIPT}: cannot read a file it names: {exc}") from exc
    connection = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "threads": 1})
    timer = threading.Timer(VIEW_SECONDS, connection.interrupt)
    timer.start()
    try:
        for resource in table_resource_dicts(descriptor):
            _run(connection, f"table {resource['name']}", table_sql(root, resource))
        connection.execute("SET enable_external_access = false")
        connection.execute("SET lock_configuration = true")
        for rel, text in files:
            _run(connection, rel, text)
        return _read(connection)
    except duckdb.Error as exc:
        raise DataError(f"views: {exc}") from exc
    finally:
        timer.cancel()
        connection.close()


def _read(connection: duckdb.DuckDBPyConnection) -> ViewState:
    state = ViewState()
    views = [name for (name,) in connection.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' ORDER BY view_name").fetchall()]
    for view in views:
        columns = connection.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? "
            "ORDER BY column_index", [view]).fetchall()
        state.columns[view] = [name for name, _ in columns]
        state.types[view] = dict(columns)
    if {"fact_key", "tier"} <= set(state.columns.get("contested_facts", [])):
        state.contested = dict(connection.execute("SELECT fact_key, tier FROM contested_facts").fetchall())
    if {"fact_key", "low", "best", "high"} <= set(state.columns.get("fact_estimates", [])):
        state.estimates = {key: tuple(_plain(v) for v in values) for key, *values in connection.execute(
            "SELECT fact_key, low, best, high FROM fact_estimates").fetchall()}
    return state


def _plain(value):
    """Numbers as int when whole, so 20 and 20.0 compare and print alike."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if value is None or isinstance(value, (int, float)) else str(value)
