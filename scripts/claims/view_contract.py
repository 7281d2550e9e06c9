"""The view columns as a contract: sql/view_columns.json names every view's columns and types.

A release's users write queries against the views; a column renamed, dropped or retyped breaks
them, so it is a structure change (a major data version, see README "Versions"). The file is
written by `claims sync` and checked by `claims sync --check` and by a test, so a change to a
view is always a visible change to this file in review.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from . import csvio

CONTRACT = Path("sql/view_columns.json")


def view_columns(connection: duckdb.DuckDBPyConnection) -> dict[str, list[list[str]]]:
    """View name -> [[column, DuckDB type], ...] in column order, views by name."""
    rows = connection.execute(
        "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns AS c "
        "JOIN duckdb_views() AS v ON v.view_name = c.table_name AND v.schema_name = c.table_schema "
        "WHERE NOT v.internal AND c.table_schema = 'main' "
        "ORDER BY c.table_name, c.ordinal_position").fetchall()
    columns: dict[str, list[list[str]]] = {}
    for view, column, kind in rows:
        columns.setdefault(view, []).append([column, kind])
    return columns


def contract_text(columns: dict[str, list[list[str]]]) -> str:
    lines = ["{"]
    for number, (view, pairs) in enumerate(columns.items()):
        comma = "," if number < len(columns) - 1 else ""
        body = ",\n".join(f"    {json.dumps(pair, ensure_ascii=False)}" for pair in pairs)
        lines.append(f"  {json.dumps(view)}: [\n{body}\n  ]{comma}")
    return "\n".join(lines) + "\n}\n"


def current_text(root: Path) -> str:
    """The contract as the package's SQL defines it now (loads the package in memory)."""
    from .build import connect_memory

    connection = connect_memory(root)
    try:
        return contract_text(view_columns(connection))
    finally:
        connection.close()


def is_stale(root: Path) -> bool:
    path = root / CONTRACT
    return not path.is_file() or path.read_text(encoding="utf-8") != current_text(root)


def write(root: Path) -> bool:
    """Rewrite the contract if it differs; True when it was rewritten."""
    wanted = current_text(root)
    path = root / CONTRACT
    if path.is_file() and path.read_text(encoding="utf-8") == wanted:
        return False
    csvio.write_atomic(path, wanted.encode("utf-8"))
    return True


def read(root: Path) -> dict[str, list[list[str]]]:
    path = root / CONTRACT
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
