"""DuckDB settings shared by the benchmark's own processes: threads and memory limit from
CLAIMS_DUCKDB_THREADS and CLAIMS_DUCKDB_MEMORY (benchmarks/run.py sets 2 and 600MB)."""

from __future__ import annotations

import os


def duckdb_config() -> dict:
    config = {"memory_limit": os.environ.get("CLAIMS_DUCKDB_MEMORY", "600MB")}
    if os.environ.get("CLAIMS_DUCKDB_THREADS"):
        config["threads"] = int(os.environ["CLAIMS_DUCKDB_THREADS"])
    return config
