"""The benchmark's baseline: load a package's CSV files into DuckDB, every column typed and cast.

    python benchmarks/baseline.py PACKAGE_DIR

It runs the package's own sql/base/*.sql (the generated typed, strict read_csv of each
table) into an in-memory database, so every column of every row is parsed and cast (a bare
count(*) would let DuckDB skip casting columns it does not read). Threads and memory limit
come from CLAIMS_DUCKDB_THREADS and CLAIMS_DUCKDB_MEMORY, as for claims validate; what does
not fit spills beside the package, never inside it.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import duckdb

from settings import duckdb_config


def main() -> None:
    root = Path(sys.argv[1]).resolve()
    spill = root.parent / f".{root.name}.baseline-spill"
    connection = duckdb.connect(config={**duckdb_config(), "temp_directory": str(spill)})
    os.chdir(root)  # the generated files read paths relative to the package root
    rows = 0
    try:
        for path in sorted(Path("sql/base").glob("*.sql")):
            connection.execute(path.read_text(encoding="utf-8"))
            rows += connection.execute(f"SELECT count(*) FROM {path.stem}").fetchone()[0]
    finally:
        connection.close()
        shutil.rmtree(spill, ignore_errors=True)
    print(f"loaded {rows} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
