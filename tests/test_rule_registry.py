"""The rule registry drives coverage: every rule's breaking case makes both engines report the
rule at the place the case names, and a rule added in one place is run by both engines and
documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest

from claims import cases
from claims.checks import problem
from claims.descriptor import write_generated
from claims.fastpath import gate as gate_module
from claims.fastpath import sqltext as sql
from claims.fastpath import wording
from claims.package import Package, load_package
from claims.problems import Problem
from claims.rules import PYTHON_ONLY, Rule, all_rules, rule, unregister


@pytest.fixture(autouse=True)
def every_table_read_as_a_large_one(monkeypatch):
    """The wording loads small tables whole; here every table is read row by row, as a large one."""
    monkeypatch.setattr(wording, "WHOLE_ROWS", 0)

RULES = {entry.rule: entry for entry in all_rules()}


def test_every_rule_has_a_case_or_says_why():
    assert [e.rule for e in RULES.values() if e.case is None and not e.no_case] == []


def test_every_rule_has_sql_or_is_marked_python_only():
    assert [e.rule for e in RULES.values() if e.python is not None and e.sql is None] == []


def both_engines_report(root: Path, entry: Rule, file: str, line: int, monkeypatch, cli) -> None:
    """The Python path reports the rule at file:line; the gate finds it by the rule's own SQL
    (or, for a Python-only rule, runs it; for a rule of the loader, by its scan of the files),
    so `--engine duckdb` prints the same report."""
    python = cli("validate", "--root", root, "--engine", "python", "--strict")
    assert python.exit_code == 1
    where = re.compile(rf"^{re.escape(file)}:{line}:[0-9]+: {entry.severity} \[{re.escape(entry.rule)}\]", re.M)
    assert where.search(python.output), python.output
    gate = gate_module.run_gate(root)
    if entry.python_only:
        assert entry.rule in {p.rule for p in gate.problems}, (gate.flags, gate.problems)
    elif entry.python is not None:
        assert gate.flags.get(entry.rule, 0) > 0, (gate.flags, gate.problems)
    else:
        assert not gate.is_clean
    monkeypatch.setattr(gate_module, "run_gate", lambda _root: gate)  # the result just checked, not a rerun
    duckdb = cli("validate", "--root", root, "--engine", "duckdb", "--strict")
    assert (duckdb.exit_code, duckdb.output) == (python.exit_code, python.output)


@pytest.mark.parametrize("rule_id", sorted(r for r, e in RULES.items() if e.case is not None))
def test_both_engines_report_each_rule_on_its_case(rule_id, package_copy, monkeypatch, cli):
    entry = RULES[rule_id]
    try:
        file, line = entry.case(package_copy)
    except cases.Unsupported as exc:  # no symbolic links without privileges on Windows
        pytest.skip(str(exc))
    both_engines_report(package_copy, entry, file, line, monkeypatch, cli)


# A throwaway rule, Python and SQL together, registered for one test ---------------------------------

def _note_says_xyzzy(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        if "xyzzy" in row.get("note", ""):
            yield problem(package, "claims", row, "note", "throwaway-xyzzy", "the note says xyzzy")


THROWAWAY = dict(description="no claim's note says xyzzy", hint="say something else")
XYZZY_CASE = cases.edit("claims", note="xyzzy")


@pytest.fixture(params=["sql", "python-only"])
def throwaway(request):
    if request.param == "sql":
        register = rule("throwaway-xyzzy", "consistency", **THROWAWAY, case=XYZZY_CASE,
                        sql=lambda schemas: [sql.count("claims", "contains(note, 'xyzzy')")])
    else:  # the gate must route it to the Python path, which loads the claims it reads
        register = rule("throwaway-xyzzy", "consistency", **THROWAWAY, case=XYZZY_CASE, sql=PYTHON_ONLY,
                        reads=("claims",))
    register(_note_says_xyzzy)
    yield next(e for e in all_rules() if e.rule == "throwaway-xyzzy")
    unregister("throwaway-xyzzy")


def test_a_rule_added_in_one_place_is_run_by_both_engines_and_documented(throwaway, package_copy, monkeypatch, cli):
    assert write_generated(load_package(package_copy)) == ["docs/rules.md"]  # what claims sync does
    docs = (package_copy / "docs/rules.md").read_text(encoding="utf-8")
    assert "| `throwaway-xyzzy` | consistency | no claim's note says xyzzy | say something else |" in docs
    assert gate_module.run_gate(package_copy).is_clean
    file, line = throwaway.case(package_copy)
    both_engines_report(package_copy, throwaway, file, line, monkeypatch, cli)
