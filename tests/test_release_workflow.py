"""The release workflow: on version tags only, validate, build with claims release (the tag
checked against the version), attach the zip and SHA256SUMS, with write access for that job only."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/release.yml"


def test_release_runs_on_version_tags_with_least_privilege():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow[True] == {"push": {"tags": ["v[0-9]+.[0-9]+.[0-9]+"]}}  # YAML 1.1 reads `on` as true
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write"} and job["timeout-minutes"] <= 60
    for step in job["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False and checkout["with"]["fetch-depth"] == 0


def test_release_validates_builds_checks_and_attaches():
    job = next(iter(yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"].values()))
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    order = [".venv/bin/claims validate --format github", '.venv/bin/claims release --tag "$GITHUB_REF_NAME"',
             "sha256sum -c", '.venv/bin/claims validate --root "$folder"', "frictionless validate",
             'gh release create "$GITHUB_REF_NAME" --verify-tag']
    positions = [runs.index(text) for text in order]
    assert positions == sorted(positions)
    assert '"$zip" "$zip.sha256" "$folder/SHA256SUMS"' in runs
    with_token = [step.get("name") for step in job["steps"] if "GH_TOKEN" in step.get("env", {})]
    assert with_token == [job["steps"][-1]["name"]]  # the write token reaches the publishing step only
