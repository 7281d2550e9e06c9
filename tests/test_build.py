"""claims build writes a complete database atomically, readable by the DuckDB CLI 1.x."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from claims.package import load_package, tabular_resources


def test_build_has_one_table_per_resource_with_every_row(package_copy, cli):
    assert cli("build", "--root", package_copy).exit_code == 0
    database = package_copy / "build/claims.duckdb"
    package = load_package(package_copy)
    connection = duckdb.connect(str(database), read_only=True)
    try:
        for name in tabular_resources(package.descriptor):
            count = connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            assert count == len(package.rows(name)), name
    finally:
        connection.close()


def test_failed_build_leaves_previous_database_intact(package_copy, cli):
    assert cli("build", "--root", package_copy).exit_code == 0
    database = package_copy / "build/claims.duckdb"
    before = database.read_bytes()
    (package_copy / "sql/views/claim_facts.sql").write_text("CREATE VIEW broken AS SELECT * FROM nowhere;\n")
    result = cli("build", "--root", package_copy)
    assert result.exit_code == 1
    assert "sql/views/claim_facts.sql" in result.stderr
    assert database.read_bytes() == before
    assert sorted(p.name for p in database.parent.iterdir()) == ["claims.duckdb"]


def duckdb_cli() -> str | None:
    return shutil.which("duckdb", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(duckdb_cli() is None, reason="the duckdb-cli package is not installed")
def test_duckdb_cli_opens_the_built_database(package_copy, cli):
    assert cli("build", "--root", package_copy).exit_code == 0
    result = subprocess.run([duckdb_cli(), "-readonly", "-csv", "-noheader", str(package_copy / "build/claims.duckdb"),
                             "-c", "SELECT count(*) FROM claims"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) == len(load_package(package_copy).rows("claims"))
