"""claims build, then every view of the built database computed in full, in one process.

    python benchmarks/build_views.py PACKAGE_DIR OUTPUT.duckdb

A view costs nothing until it is read, and a count(*) over it lets DuckDB skip most of the
work, so each view (whatever sql/load.sql creates, now or after more views are merged) is
copied into a temporary table: every row and column computed. Threads and memory limit come
from CLAIMS_DUCKDB_THREADS and CLAIMS_DUCKDB_MEMORY.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb

from claims.cli import app


def main() -> None:
    root, output = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    try:
        app(["build", "--root", str(root), "--output", str(output)], standalone_mode=False)
    except SystemExit as exc:  # typer exits on failure
        if exc.code:
            raise
    config = {"memory_limit": os.environ.get("CLAIMS_DUCKDB_MEMORY", "600MB")}
    if os.environ.get("CLAIMS_DUCKDB_THREADS"):
        config["threads"] = int(os.environ["CLAIMS_DUCKDB_THREADS"])
    connection = duckdb.connect(str(output), read_only=True, config=config)
    views = [name for (name,) in connection.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = current_database()").fetchall()]
    for view in views:
        connection.execute(f'CREATE TEMP TABLE "m_{view}" AS SELECT * FROM "{view}"')
        rows = connection.execute(f'SELECT count(*) FROM "m_{view}"').fetchone()[0]
        print(f"{view}: {rows} rows", file=sys.stderr)
    connection.close()


if __name__ == "__main__":
    main()
