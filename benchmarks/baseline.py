"""The benchmark's baseline: load a package's CSV files into DuckDB, every column typed and cast.

    python benchmarks/baseline.py PACKAGE_DIR

It runs the package's own sql/base/*.sql (the generated typed, strict read_csv of each
table) into an in-memory database, so every column of every row is parsed and cast (a bare
count(*) would let DuckDB skip casting columns it does not read). Threads and memory limit
come from CLAIMS_DUCKDB_THREADS and CLAIMS_DUCKDB_MEMORY, as for claims validate.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb


def main() -> None:
    root = Path(sys.argv[1]).resolve()
    config = {"memory_limit": os.environ.get("CLAIMS_DUCKDB_MEMORY", "600MB"),
              "temp_directory": str(root / ".baseline-spill")}
    if os.environ.get("CLAIMS_DUCKDB_THREADS"):
        config["threads"] = int(os.environ["CLAIMS_DUCKDB_THREADS"])
    connection = duckdb.connect(config=config)
    os.chdir(root)  # the generated files read paths relative to the package root
    rows = 0
    for path in sorted(Path("sql/base").glob("*.sql")):
        connection.execute(path.read_text(encoding="utf-8"))
        rows += connection.execute(f"SELECT count(*) FROM {path.stem}").fetchone()[0]
    print(f"loaded {rows} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
