"""The command line: help for every command, documented in the README, clean failures."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claims.cli import app

from conftest import ROOT

COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, cli):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"claims {command}" in readme


def test_validate_valid_package(cli, live_root):
    """As CI runs it: errors fail, warnings are listed and do not (the lint policy)."""
    result = cli("validate", "--root", live_root)
    assert result.exit_code == 0
    assert "error [" not in result.stdout
    assert result.stderr.startswith("valid (")


def test_validate_json_is_machine_readable(cli, live_root):
    import json
    result = cli("validate", "--root", live_root, "--json")
    data = json.loads(result.stdout)
    assert data["valid"] is True and data["errors"] == 0
    assert all(p["severity"] == "warning" for p in data["problems"])


def test_usage_error_exits_two(cli):
    assert cli("validate", "--no-such-option").exit_code == 2


def test_missing_package_exits_two_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-c", "from claims.cli import run; run()", "validate",
                             "--root", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "datapackage.json not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_json_descriptor_exits_one_with_location(tmp_path, cli):
    (tmp_path / "datapackage.json").write_text('{"name": }', encoding="utf-8")
    result = cli("validate", "--root", tmp_path)
    assert result.exit_code == 1
    assert "datapackage.json:1:10: error [descriptor-json]" in result.stdout


def test_summary_counts(cli, live_root):
    import json
    from claims.package import load_package
    result = cli("summary", "--root", live_root, "--json")
    counts = json.loads(result.stdout)
    package = load_package(live_root)
    assert counts["documents"] == len(package.rows("sources"))
    assert counts["claims"] + counts["deprecated_claims"] == len(package.rows("claims"))
    assert counts["attributions"] == len(package.rows("attributions"))
    assert 0 < counts["facts"] <= counts["claims"]
    assert 0 <= counts["facts_with_competing_claims"] <= counts["facts"]
    assert counts["incompatible_facts"] + counts["divergent_facts"] <= counts["facts_with_competing_claims"]
    assert counts["reviewed_claims"] + counts["unreviewed_claims"] == counts["claims"]
    assert counts["disputed_claims"] <= counts["reviewed_claims"] <= counts["reviews"]
