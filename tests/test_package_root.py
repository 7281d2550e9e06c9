"""Where commands run: from a subfolder they find the package root the way git does; outside
any package they say so, mention --root and write nothing anywhere; read-only commands take
no write lock and write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

FIXTURE = ROOT / "tests/fixtures/example-report.txt"


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under folder, with its bytes (None for a folder)."""
    return {str(path.relative_to(folder)): (path.read_bytes() if path.is_file() else None)
            for path in sorted(folder.rglob("*"))}


WRITE_COMMANDS = [
    ("add-entity", "person:ana-sample", "--name", "Ana Sample", "--description", "Invented."),
    ("add-source", FIXTURE, "--source-id", "example-doc", "--title", "T", "--rights", "R"),
    ("fmt",),
]


@pytest.mark.parametrize("command", WRITE_COMMANDS, ids=lambda c: c[0])
def test_outside_a_package_write_commands_say_so_and_write_nothing(tmp_path, monkeypatch, cli, command):
    (tmp_path / "claims").mkdir()  # a folder named claims is not a package
    monkeypatch.chdir(tmp_path / "claims")
    result = cli(*command)
    assert result.exit_code == 2
    assert f"datapackage.json not found in {tmp_path.resolve() / 'claims'} or any folder above it" in result.output
    assert "--root DIR" in result.output
    assert snapshot(tmp_path) == {"claims": None}


def test_explicit_root_that_is_not_a_package_writes_nothing(tmp_path, cli):
    result = cli("add-entity", "person:ana-sample", "--name", "Ana", "--description", "D", "--root", tmp_path)
    assert result.exit_code == 2
    assert f"datapackage.json not found in {tmp_path.resolve()}: this is not a claims package" in result.output
    assert snapshot(tmp_path) == {}


def test_from_inside_claims_the_package_root_is_found(package_copy, monkeypatch, cli):
    monkeypatch.chdir(package_copy / "claims")
    result = cli("add-entity", "person:ana-sample", "--name", "Ana Sample", "--description", "Invented person.")
    assert result.exit_code == 0, result.output
    assert "person:ana-sample," in (package_copy / "claims/entities.csv").read_text(encoding="utf-8")
    assert not (package_copy / "claims/claims").exists()


def test_from_a_nested_subfolder_read_commands_find_the_root(package_copy, monkeypatch, cli):
    nested = package_copy / "sql/views"
    monkeypatch.chdir(nested)
    assert cli("fmt", "--check").exit_code == 0
    result = cli("sql", "SELECT count(*) AS n FROM sources")
    assert result.exit_code == 0, result.output


READ_ONLY = [("validate",), ("fmt", "--check"), ("sql", "SELECT 1 AS one"), ("summary",),
             ("conflicts",), ("show", "killed")]


def test_read_only_commands_take_no_lock_and_write_nothing(package_copy, cli):
    before = snapshot(package_copy)
    for command in READ_ONLY:
        result = cli(*command, "--root", package_copy)
        assert result.exit_code in (0, 1), (command, result.output)  # show of a missing name exits 1
        assert snapshot(package_copy) == before, command
    assert not (package_copy / "claims/.lock").exists()
