"""claims build, then every view of the built database materialised in full, in one process.

    python benchmarks/build_views.py PACKAGE_DIR OUTPUT.duckdb

A view costs nothing until it is read, and a count(*) over it lets DuckDB skip most of the
work, so each view is copied into a temporary table: every row and column computed. The views
are the ones the package's sql/views/ defines (whatever sql/load.sql creates, now or after more
views are merged); a view of sql/views/ missing from the database is an error. claims build
itself does not read CLAIMS_DUCKDB_THREADS and CLAIMS_DUCKDB_MEMORY, so every DuckDB
connection of this process gets them added to its configuration. The seconds of the build and
of each view go to stderr, for the profile.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import duckdb

from settings import duckdb_config

from claims.cli import app


def capped(connect):
    """duckdb.connect with the benchmark's threads and memory limit added to any configuration."""
    def connect_capped(database=":memory:", read_only=False, config=None, **options):
        return connect(database, read_only=read_only, config={**duckdb_config(), **(config or {})}, **options)
    return connect_capped


def main() -> None:
    root, output = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    duckdb.connect = capped(duckdb.connect)
    started = time.perf_counter()
    try:
        app(["build", "--root", str(root), "--output", str(output)], standalone_mode=False)
    except SystemExit as exc:  # typer exits on failure
        if exc.code:
            raise
    print(f"claims build: {time.perf_counter() - started:.2f} s", file=sys.stderr)
    # A materialised view may not fit in the memory limit at a million claims: it spills beside
    # the database, and each is dropped once counted.
    spill = output.parent / f".{output.name}.views-spill"
    connection = duckdb.connect(str(output), read_only=True, config={"temp_directory": str(spill)})
    views = {name for (name,) in connection.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = current_database()").fetchall()}
    missing = {path.stem for path in (root / "sql" / "views").glob("*.sql")} - views
    if missing:
        raise SystemExit(f"views of sql/views/ not in the built database: {', '.join(sorted(missing))}")
    for view in sorted(views):
        started = time.perf_counter()
        connection.execute(f'CREATE TEMP TABLE "m_{view}" AS SELECT * FROM "{view}"')
        rows = connection.execute(f'SELECT count(*) FROM "m_{view}"').fetchone()[0]
        connection.execute(f'DROP TABLE "m_{view}"')
        print(f"{view}: {rows} rows, {time.perf_counter() - started:.2f} s", file=sys.stderr)
    connection.close()
    shutil.rmtree(spill, ignore_errors=True)


if __name__ == "__main__":
    main()
