"""Both engines give the same problem list: same rules, files, lines, columns, messages, hints.

Small generated packages stand in for the million-row ones of the benchmark: valid, with a
tenth and with a thousandth of their rows broken across every rule (benchmarks/breaks.py),
and with one CSV-level fault each. A hypothesis test mutates the bytes of a table file
(quotes, CR, NUL, newlines, commas, bytes that are not UTF-8) and compares what keeps rows
from loading.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.fastpath import load_checked
from claims.package import load_package
from claims.rules import BY_RULE
from claims.validate import validate

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from breaks import BY_TABLE, TAILS  # noqa: E402
from generate import generate  # noqa: E402


def same_report(root: Path):
    python, fast = validate(root, "python"), validate(root, "duckdb")
    assert fast.counts == python.counts
    only_python = [p.render() for p in python.problems if p not in set(fast.problems)]
    only_fast = [p.render() for p in fast.problems if p not in set(python.problems)]
    assert (only_python, only_fast) == ([], [])
    assert fast.problems == python.problems
    return python


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    base = tmp_path_factory.mktemp("generated")
    return {
        "valid": generate(150, base / "valid", seed=3) and base / "valid",
        "tenth": generate(800, base / "tenth", seed=5, broken=0.1) and base / "tenth",
        "thousandth": generate(600, base / "thousandth", seed=8, broken=0.001) and base / "thousandth",
    }


def test_valid_package_is_valid_by_both_engines(packages):
    assert same_report(packages["valid"]).problems == []


@pytest.fixture
def tiny_parts(monkeypatch):
    """Large-file handling (parts read side by side) on small files: thresholds of a few KB."""
    from claims.fastpath import engine
    monkeypatch.setattr(engine, "SPLIT_FILE", 8 << 10)
    monkeypatch.setattr(engine, "PART_FILE", 24 << 10)


@pytest.mark.parametrize("variant", ["valid", "tenth"])
def test_reading_in_parts_changes_nothing(packages, tiny_parts, variant):
    same_report(packages[variant])


@pytest.mark.parametrize("fault", ["blank-line-middle", "short-and-long-rows", "nul-middle", "text-after-quote"])
def test_reading_in_parts_around_a_fault(packages, tmp_path, tiny_parts, fault):
    root = tmp_path / "package"
    shutil.copytree(packages["valid"], root)
    rel, change = FAULTS[fault]
    _rewrite(root / rel, change)
    same_report(root)


@pytest.mark.parametrize("variant", ["tenth", "thousandth"])
def test_broken_variants_get_the_same_problems(packages, variant):
    report = same_report(packages[variant])
    rules = {p.rule for p in report.problems}
    expected = {b.rule for breaks in BY_TABLE.values() for b in breaks} | {rule for rule, _ in TAILS.values()}
    assert expected | {"generated-sync", "seed-registered"} <= rules
    assert rules <= set(BY_RULE) | {r for r in rules if r.startswith("record-") or "-" in r}


def test_build_precondition_is_the_same(packages):
    for root in packages.values():
        assert set(load_checked(root, "duckdb").problems) == set(load_package(root).problems)


def _rewrite(path: Path, change) -> None:
    path.write_bytes(change(path.read_bytes()))


def _nth_line(data: bytes, n: int) -> int:
    at = 0
    for _ in range(n):
        at = data.index(b"\n", at) + 1
    return at


def _insert(n: int, text: bytes, shift: int = 0):
    return lambda data: data[:_nth_line(data, n) + shift] + text + data[_nth_line(data, n) + shift:]


FAULTS = {
    "bom": ("claims/aliases.csv", lambda d: b"\xef\xbb\xbf" + d),
    "bad-byte-middle": ("claims/claims.csv", _insert(40, b"\xff", 10)),
    "bad-byte-end": ("claims/attributions.csv", lambda d: d + b"\xc3"),
    "header": ("claims/claims.csv", lambda d: d.replace(b"quote_start", b"quote_begin", 1)),
    "empty": ("claims/attributions.csv", lambda d: b""),
    "crlf": ("claims/entities.csv", lambda d: d.replace(b"\n", b"\r\n")),
    "nul-middle": ("claims/claims.csv", _insert(30, b"\x00", 5)),
    "unclosed-quote-middle": ("claims/claims.csv", _insert(50, b'"', 0)),
    "quote-in-unquoted-field": ("claims/claims.csv", _insert(20, b'x"y', 3)),
    "quote-ending-unquoted-field": ("claims/attributions.csv", lambda d: d.replace(b",said,", b",said\",", 1)),
    "doubled-quote-unquoted": ("claims/claims.csv", _insert(25, b'a""b', 2)),
    "text-after-quote": ("claims/claims.csv", lambda d: d.replace(b'",', b'"x,', 1)),
    "blank-line-middle": ("claims/claims.csv", _insert(60, b"\n")),
    "blank-lines-end": ("claims/entities.csv", lambda d: d + b"\n\n"),
    "no-final-newline": ("claims/claims.csv", lambda d: d.rstrip(b"\n")),
    "short-and-long-rows": ("claims/attributions.csv", lambda d: _insert(10, b"a,b\n")(_insert(5, b"1,2,3,4,5,6,7,8,9\n")(d))),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_csv_fault_gets_the_same_problems(packages, tmp_path, fault):
    root = tmp_path / "package"
    shutil.copytree(packages["valid"], root)
    rel, change = FAULTS[fault]
    _rewrite(root / rel, change)
    report = same_report(root)
    assert bool(report.problems) is (fault != "no-final-newline")  # a last record without newline is fine


def test_missing_file_and_missing_resource(packages, tmp_path):
    root = tmp_path / "package"
    shutil.copytree(packages["valid"], root)
    (root / "claims/exclusions.csv").unlink()
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "aliases"]
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    assert {"file-missing", "descriptor-resource"} <= {p.rule for p in same_report(root).problems}


MUTATIONS = st.lists(st.tuples(st.floats(0, 1), st.sampled_from([b'"', b'""', b"\r", b"\x00", b"\n", b",", b"\xff",
                                                                   b"\n\n", b'x"', b'",', b"\xc3\xa9"])),
                     min_size=1, max_size=3)


@pytest.fixture(scope="module")
def mutable(tmp_path_factory):
    root = tmp_path_factory.mktemp("small") / "package"
    generate(60, root, seed=11)
    return root


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=MUTATIONS, table=st.sampled_from(["aliases", "attributions", "entities"]))
def test_mutated_bytes_keep_the_same_rows_out(mutable, tmp_path_factory, mutations, table):
    root = tmp_path_factory.mktemp("mutated") / "package"
    shutil.copytree(mutable, root)
    path = root / "claims" / f"{table}.csv"
    data = path.read_bytes()
    for where, text in mutations:
        at = int(where * len(data))
        data = data[:at] + text + data[at:]
    path.write_bytes(data)
    assert sorted(set(load_checked(root, "duckdb").problems)) == sorted(set(load_package(root).problems))
