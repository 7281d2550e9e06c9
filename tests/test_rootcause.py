"""Root causes first: a table saved by a spreadsheet (CRLF, or BOM and CRLF) is reported by its
cause, with what follows from it folded into one line per file and rule; JSON keeps every
problem with the cause it follows from."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, strategies as st

from claims import report as reports
from claims.problems import Problem
from claims.rootcause import ROOT_CAUSE_RULES, fold
from claims.validate import validate


def spreadsheet_save(path, bom: bool) -> None:
    """What a spreadsheet writes: CRLF line endings, and with some a byte-order mark."""
    data = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def test_crlf_claims_is_reported_first_and_its_cascade_folded(package_copy, cli):
    spreadsheet_save(package_copy / "claims/claims.csv", bom=False)
    result = cli("validate", "--root", package_copy)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("claims/claims.csv:1:") and "error [csv-line-ending]" in lines[0]
    assert lines[1].startswith("    fix: ")
    folded = [line for line in lines if line.startswith("    and ")]
    assert folded and all(line.endswith("that follow from it") for line in folded)
    assert any("foreign-key errors in claims/attributions.csv" in line for line in folded)
    # nothing that follows from the cause is printed on its own
    assert not [line for line in lines if "[foreign-key]" in line]
    assert "follow from 1 root cause(s) listed first" in result.stderr


def test_bom_and_crlf_are_both_named_as_root_causes(package_copy, cli):
    spreadsheet_save(package_copy / "claims/claims.csv", bom=True)
    result = cli("validate", "--root", package_copy)
    assert result.exit_code == 1
    located = [line for line in result.stdout.splitlines() if not line.startswith("    ")]
    assert [line.split(" [")[1].split("]")[0] for line in located[:2]] == ["csv-bom", "csv-line-ending"]
    assert all(line.startswith("claims/claims.csv:1:") for line in located[:2])


def test_json_keeps_every_problem_with_its_cause(package_copy, cli):
    spreadsheet_save(package_copy / "claims/claims.csv", bom=True)
    data = json.loads(cli("validate", "--root", package_copy, "--json").stdout)
    problems = data["problems"]
    assert data["errors"] == sum(p["severity"] == "error" for p in problems)
    followers = [p for p in problems if p["follows_from"]]
    assert followers and {p["rule"] for p in followers} >= {"foreign-key"}
    causes = {(p["file"], p["line"], p["column"], p["rule"]) for p in problems if p["rule"] in ROOT_CAUSE_RULES}
    assert all(tuple(p["follows_from"].values()) in causes for p in followers)
    assert problems.index(followers[0]) > max(i for i, p in enumerate(problems) if p["rule"] in ROOT_CAUSE_RULES)


def test_github_annotations_lead_with_the_root_cause(package_copy):
    spreadsheet_save(package_copy / "claims/claims.csv", bom=False)
    commands = reports.github_commands(validate(package_copy))
    assert commands[0].startswith("::error file=claims/claims.csv,line=1,")
    assert "title=csv-line-ending" in commands[0] and "that follow from it" in commands[0]
    assert not any("title=foreign-key" in command for command in commands)
    summary = reports.markdown_summary(validate(package_copy))
    assert summary.index("csv-line-ending") < summary.index("foreign-key")
    assert "<details><summary>" in summary


def test_an_independent_problem_is_not_folded(package_copy):
    spreadsheet_save(package_copy / "claims/claims.csv", bom=False)
    rubric = package_copy / "claims/confidence_rubric.csv"
    rubric.write_text(rubric.read_text(encoding="utf-8").replace("C1,0.9,", "C1,high,", 1), encoding="utf-8")
    report = validate(package_copy)
    cell_type = [p for p in report.problems if p.rule == "cell-type"]
    assert cell_type and not cell_type[0].follows_from
    assert "[cell-type]" in reports.as_text(report)


PROBLEMS = st.builds(
    Problem, file=st.sampled_from(["a.csv", "b.csv", "datapackage.json"]), line=st.integers(1, 5),
    column=st.integers(1, 3), rule=st.sampled_from(sorted(ROOT_CAUSE_RULES) + ["foreign-key", "cell-type",
                                                                                "lint-orphan-entity"]),
    message=st.sampled_from(["m", "no table resource b"]), field=st.sampled_from(["", "id", "b_id"]),
    severity=st.sampled_from(["error", "warning"]))


@given(st.sets(PROBLEMS, max_size=12))
def test_folding_keeps_every_problem(problems):
    folded = fold(problems, {"a": ["a.csv"], "b": ["b.csv"]}, {"a": {"b_id": "b"}, "b": {}})
    assert sorted(replace(p, follows_from=()) for p in folded) == sorted(problems)
    roots = {(p.file, p.line, p.column, p.rule) for p in folded if p.rule in ROOT_CAUSE_RULES}
    assert all(p.follows_from in roots for p in folded if p.follows_from)
    assert all(not p.follows_from for p in folded if p.rule in ROOT_CAUSE_RULES)
