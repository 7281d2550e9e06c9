"""The CI workflow and the pre-commit hooks run the same checks as a contributor does."""

from __future__ import annotations

import re
import shlex

import yaml

from claims.cli import app

from conftest import ROOT

COMMANDS = {command.name or command.callback.__name__ for command in app.registered_commands}


def test_pull_requests_are_validated_with_annotations_then_tested():
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    runs = [step.get("run", "") for step in workflow["jobs"]["package"]["steps"]]
    assert ".venv/bin/claims validate --format github" in runs
    assert runs.index(".venv/bin/claims validate --format github") < runs.index("make test")
    assert "make" in runs and ".venv/bin/claims fmt --check" in runs


def test_ci_script_keeps_its_contract():
    lines = [line for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines[-2:] == ["make", "make test"]


def test_pre_commit_hooks_run_real_commands():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["id"] for hook in hooks} == {"claims-validate", "claims-fmt"}
    for hook in hooks:
        words = shlex.split(hook["entry"])
        assert words[0] == "claims" and words[1] in COMMANDS
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert re.search(hook["files"], "claims/claims.csv")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'claims = "claims.cli:run"' in pyproject  # the entry point pre-commit installs


def test_pre_commit_hooks_pin_what_ci_tests_and_watch_generated_files():
    import tomllib

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pins = dict(line.split("==") for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").split()
                if "==" in line)
    pins = {name.lower(): version for name, version in pins.items()}
    runtime = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    wanted = sorted(f"{name}=={pins[name.lower()]}" for name in (re.match(r"[A-Za-z0-9_.-]+", d).group() for d in runtime))
    for hook in hooks:
        assert sorted(hook["additional_dependencies"]) == wanted, hook["id"]
    validate = next(hook for hook in hooks if hook["id"] == "claims-validate")
    for generated in ("sql/base/claims.sql", "sql/views/contested_facts.sql", "docs/rules.md", "datapackage.json"):
        assert re.search(validate["files"], generated), generated


LINT_POLICY = "CI fails on errors, not on lint warnings"


def test_one_lint_policy_stated_alike_everywhere():
    """README, CONTRIBUTING, .ci/run and the workflow say the same, and none runs --strict."""
    for path in ("README.md", "CONTRIBUTING.md", ".ci/run", ".github/workflows/ci.yml"):
        text = (ROOT / path).read_text(encoding="utf-8")
        assert LINT_POLICY in " ".join(text.replace("*", "").replace("#", "").split()), path
    for path in (".ci/run", "Makefile", *map(str, (ROOT / ".github/workflows").glob("*.yml"))):
        commands = [line for line in (ROOT / path).read_text(encoding="utf-8").splitlines()
                    if "claims validate" in line and not line.lstrip().startswith("#")]
        assert not [line for line in commands if "--strict" in line], path


def test_the_test_run_says_what_it_skipped():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    addopts = re.search(r'^addopts = "(.*)"$', pyproject, flags=re.MULTILINE).group(1).split()
    assert "-rs" in addopts


def test_tests_run_on_linux_macos_and_windows_with_every_python():
    """The matrix cannot run here: it is linted instead (every OS and Python, portable steps)."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    jobs = [job for job in workflow["jobs"].values() if "matrix" in job.get("strategy", {})]
    assert jobs, "no job has a matrix"
    matrix = jobs[0]["strategy"]["matrix"]
    assert set(matrix["os"]) == {"ubuntu-latest", "macos-latest", "windows-latest"}
    requires = re.search(r'requires-python = ">=3\.([0-9]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert min(matrix["python-version"]) == f"3.{requires.group(1)}" and "3.13" in matrix["python-version"]
    assert jobs[0]["runs-on"] == "${{ matrix.os }}"
    runs = " ".join(step.get("run", "") for step in jobs[0]["steps"])
    assert "pytest" in runs and "constraints.txt" in runs
    assert ".venv/bin" not in runs and "make" not in runs.split()  # neither exists on Windows
    # Node, Chromium and the floor install are the package job's: CI unset so they skip here.
    tests = next(step for step in jobs[0]["steps"] if "pytest" in step.get("run", ""))
    assert tests.get("env", {}).get("CI") == ""
