"""The benchmark's package generator (benchmarks/generate.py), at a small size: the same
arguments give the same bytes, the valid package has no problem at all (not even a lint),
and a broken package reports exactly the rule ids the generator says it broke (on the Python
engine, row by row: the reference the fast path is compared with)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claims.validate import validate

from generate import MIN_CLAIMS, generate

CLAIMS = MIN_CLAIMS


def tree(root: Path) -> dict[str, bytes]:
    """Every file of a package by relative path: its bytes, or a symbolic link's target."""
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            rel = str(path.relative_to(root))
            found[rel] = ("-> " + os.readlink(path)).encode() if path.is_symlink() else path.read_bytes()
    return found


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("synthetic")


def test_same_arguments_same_bytes(packages: Path) -> None:
    first = generate(CLAIMS, packages / "first", seed=3, broken=0.1)
    second = generate(CLAIMS, packages / "second", seed=3, broken=0.1)
    assert first == second
    assert tree(packages / "first") == tree(packages / "second")


def test_valid_package_has_no_problem(packages: Path) -> None:
    generate(CLAIMS, packages / "valid", seed=1)
    report = validate(packages / "valid", engine="python")
    assert [p.render() for p in report.problems] == []  # no error and no warning: passes --strict
    assert report.counts["claims"] == CLAIMS


@pytest.mark.parametrize("fraction", [0.1, 0.001])
def test_broken_package_reports_the_rules_broken(packages: Path, fraction: float) -> None:
    made = generate(CLAIMS, packages / f"broken-{fraction}", seed=1, broken=fraction)
    report = validate(packages / f"broken-{fraction}", engine="python")
    assert {p.rule for p in report.problems} == set(made["rules"])
