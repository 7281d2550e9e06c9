"""CONTRIBUTING.md works as written: every ```sh block, run in order on a copy of the package
(a git repository, as a contributor's clone is), ends with claims validate green."""

from __future__ import annotations

import subprocess

from claims.authoring import read_rows

from conftest import ROOT, contributor_clone, contributor_env, run_script, sh_blocks

SOURCE = "example-wire-2031-03-04-exampleville-clash"


def test_contributing_walk_through(tmp_path):
    env = contributor_env(tmp_path)
    root = contributor_clone(tmp_path / "package", env)
    blocks = sh_blocks((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    result = run_script("\n".join(blocks), root, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid (" in result.stderr and "invalid" not in result.stderr
    assert "CONFLICT (content): Merge conflict in claims/claims.csv" in result.stdout  # section 9 meets one
    claims = [row for row in read_rows(root, "claims") if row["source_id"] == SOURCE]
    assert len(claims) == 5  # three figures, the inferred date, and the road closure merged in
    assert {row["extracted_by"] for row in claims} == {"Test Contributor"}
    assert {row["property_id"]: row["confidence_rule"] for row in claims if row.get("value_is_inferred")
            or row.get("time_is_inferred")} == {"date": "C5", "restriction-imposed": "C5"}
    parents = subprocess.run(["git", "log", "-1", "--format=%P"], cwd=root, env=env, capture_output=True, text=True)
    assert len(parents.stdout.split()) == 2  # the walk-through ends on the merge of the two contributions
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, env=env, capture_output=True, text=True)
    assert status.stdout.strip() == ""  # everything the walk-through made is committed
    tracked = subprocess.run(["git", "ls-files"], cwd=root, env=env, capture_output=True, text=True).stdout
    assert "claims/.lock" not in tracked


def test_the_walk_through_uses_the_invented_fixture_only():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "tests/fixtures/example-report.txt" in text
    assert not (ROOT / f"seeds/{SOURCE}.txt").exists()
    assert (ROOT / "tests/fixtures/example-report.txt").read_text(encoding="utf-8").startswith("TEST FIXTURE")
