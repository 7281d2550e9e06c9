"""The declared minimum versions are ones that work: installed alone in a throwaway environment,
the floors of pyproject.toml run the commands.

Installing them costs minutes (about two here, from the package index), so this runs in CI
(`.ci/run` and the workflow set CI) and is skipped elsewhere with the reason.
"""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
import venv

import pytest

from conftest import ROOT, copy_package

pytestmark = pytest.mark.skipif(not os.environ.get("CI"), reason="installs the dependency floors in a throwaway "
                                "environment (minutes): runs where CI is set (.ci/run, the workflow)")


def floors() -> list[str]:
    """name==minimum for every runtime dependency, and duckdb-cli from the test extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + [d for d in project["optional-dependencies"]["test"] if "duckdb" in d]
    pinned = []
    for requirement in declared:
        match = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][^,;\s]*)", requirement)
        assert match, f"{requirement}: every dependency declares its floor with >="
        pinned.append(f"{match.group(1)}=={match.group(2)}")
    return pinned


def test_every_dependency_declares_a_floor():
    assert len(floors()) >= 5


def test_commands_run_with_the_dependency_floors(tmp_path):
    environment = tmp_path / "floors"
    venv.create(environment, with_pip=True)
    python = environment / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", *floors()], check=True)
    package = copy_package(tmp_path / "package")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    run = "from claims.cli import run; run()"
    for command in (["validate"], ["validate", "--engine", "duckdb"], ["build"], ["sql", "select count(*) from claims"],
                    ["conflicts"], ["summary"], ["fmt", "--check"],
                    ["add-entity", "person:floor-probe", "--name", "Floor", "--description", "Floor probe."]):
        result = subprocess.run([python, "-c", run, *command, "--root", str(package)], capture_output=True,
                                text=True, env=env)
        assert result.returncode == 0, f"{command}: {result.stderr}"
    cli = environment / ("Scripts/duckdb.exe" if os.name == "nt" else "bin/duckdb")
    result = subprocess.run([cli, "-readonly", "-csv", "-noheader", str(package / "build/claims.duckdb"),
                             "-c", "SELECT count(*) > 0 FROM claims"], capture_output=True, text=True)
    assert result.stdout.strip() == "true", result.stderr
