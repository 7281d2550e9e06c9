"""Shared fixtures: the repository root, throwaway copies of the package to break, and the live
package twice over: as committed, and grown the way a contributor grows it.

Tests that read the live package assert invariants only (true of any valid package), and take
the `live_root` fixture so that they run on both: the committed package, and a copy to which the
CONTRIBUTING.md walk-through and a second new document with a dozen claims
(tests/fixtures/second-contribution.sh) were added with the command line. Assertions about
particular content run on frozen fixtures (tests/views_fixture.py), never on claims/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import app

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_PARTS = ("datapackage.json", "schemas", "claims", "seeds", "sql", "docs")
SECOND_CONTRIBUTION = "tests/fixtures/second-contribution.sh"


# What a write command leaves in a working tree (git ignores them): never part of a copy.
RUNTIME_FILES = shutil.ignore_patterns(".lock", ".journal.json*", ".*.pending")


def copy_package(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PACKAGE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=RUNTIME_FILES)
        else:
            shutil.copy2(source, target / part)
    return target


def cast_reviewed_share_to_text(root: Path) -> None:
    """Change one view column's type (review_coverage.reviewed_share, DOUBLE -> VARCHAR), keeping its name."""
    view = root / "sql/views/review_coverage.sql"
    text = view.read_text(encoding="utf-8")
    column = "round(1000 * reviewed_claims / claims) / 1000 AS reviewed_share"
    assert column in text
    view.write_text(text.replace(column, f"CAST({column.removesuffix(' AS reviewed_share')} AS VARCHAR) "
                                         "AS reviewed_share"), encoding="utf-8")


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    return copy_package(tmp_path / "package")


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [str(a) for a in args])
    return invoke


def csv_line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing needle."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def sh_blocks(markdown: str) -> list[str]:
    """The ```sh blocks of a Markdown page, in order."""
    return re.findall(r"^```sh\n(.*?)^```$", markdown, flags=re.MULTILINE | re.DOTALL)


def contributor_env(home: Path) -> dict[str, str]:
    """The environment of a contributor who set up with `make`: claims on PATH, own git identity."""
    return {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}",
            "GIT_CONFIG_GLOBAL": str(home / "gitconfig"), "GIT_CONFIG_NOSYSTEM": "1"}


def contributor_clone(target: Path, env: dict[str, str]) -> Path:
    """A copy of the package as a contributor's clone: a git repository with the fixtures."""
    root = copy_package(target)
    shutil.copytree(ROOT / "tests/fixtures", root / "tests/fixtures")
    shutil.copy2(ROOT / ".gitignore", root / ".gitignore")
    setup = ("git init -q -b main && git config user.name 'Test Contributor' && "
             "git config user.email test@example.org && git add -A && git commit -qm baseline")
    subprocess.run(["bash", "-c", setup], cwd=root, env=env, check=True)
    return root


def run_script(script: str, root: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", "set -euo pipefail\n" + script], cwd=root, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def grown_root(tmp_path_factory) -> Path:
    """The committed package plus the CONTRIBUTING.md walk-through plus a second new document and
    a dozen claims, all added with the command line as a contributor would."""
    home = tmp_path_factory.mktemp("contributor")
    env = contributor_env(home)
    root = contributor_clone(home / "package", env)
    walk_through = "\n".join(sh_blocks((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")))
    second = (ROOT / SECOND_CONTRIBUTION).read_text(encoding="utf-8")
    for script in (walk_through, second):
        result = run_script(script, root, env)
        assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session", params=["committed", "grown"])
def live_root(request) -> Path:
    """The live package as committed, then as grown by a contribution: invariants only."""
    return ROOT if request.param == "committed" else request.getfixturevalue("grown_root")
