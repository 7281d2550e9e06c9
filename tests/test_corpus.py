"""The bad-input corpus (tests/corpus/cases.py): every broken contribution is reported with
its rule, file, line (and column), exit code 1 for errors and 0 for warnings (1 with --strict),
and never a traceback."""

from __future__ import annotations

import json

import pytest

from corpus.cases import CASES


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_case_is_reported_where_it_is(name, package_copy, cli):
    expected = CASES[name](package_copy)
    result = cli("validate", "--root", package_copy, "--json")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    report = json.loads(result.stdout)
    found = [p for p in report["problems"] if (p["rule"], p["file"], p["line"]) ==
             (expected.rule, expected.file, expected.line)]
    shown = [f"{p['file']}:{p['line']}:{p['column']} {p['rule']}: {p['message']} / {p['hint']}"
             for p in report["problems"] if p["rule"] != "lint-orphan-entity"]
    assert found, shown
    if expected.column is not None:
        assert expected.column in [p["column"] for p in found], shown
    assert any(expected.hint in p["hint"] for p in found), shown
    assert all(p["severity"] == expected.severity for p in found)
    assert result.exit_code == (1 if expected.severity == "error" else 0)
    if expected.severity == "warning":
        assert cli("validate", "--root", package_copy, "--strict").exit_code == 1
