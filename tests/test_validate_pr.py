""".ci/validate-pr BASE HEAD on local git histories: the three pull requests of issue 12.

The base commit is the frozen views fixture with this toolkit; its verdict heading carries a
marker, and the pull requests that touch the toolkit carry another, so the tests see whose code
wrote the verdict. The base's Python packages are the ones installed here (same constraints),
so the script reuses this interpreter and runs the base's code from its export.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from pr_scenarios import add_document, loosen_rules, rewrite_evidence
from views_fixture import make_package

TOOLKIT_PARTS = ("scripts", "pyproject.toml", "constraints.txt", "Makefile", ".ci", ".github", ".gitattributes",
                 "CODEOWNERS")
HEADING = "# Pull-request verdict: "
BASE_MARK, HEAD_MARK = "# Pull-request verdict (base toolkit): ", "# Pull-request verdict (HEAD CODE RAN): "
SCRIPT = ROOT / ".ci/validate-pr"
LOCAL_ONLY = shutil.ignore_patterns("__pycache__", "*.egg-info", "node_modules")  # never committed


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.org",
                           *args], check=True, capture_output=True, text=True).stdout.strip()


def mark_verdict(repo: Path, old: str, new: str) -> None:
    path = repo / "scripts/claims/verdict.py"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = make_package(tmp_path_factory.mktemp("prs") / "repo")
    for part in TOOLKIT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=LOCAL_ONLY)
        elif source.is_file():
            shutil.copy2(source, root / part)
    mark_verdict(root, HEADING, BASE_MARK)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    return root


def pull_request(repo: Path, name: str, change) -> str:
    git(repo, "checkout", "-q", "-b", name, "main")
    try:
        change(repo)
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", name)
    finally:
        git(repo, "checkout", "-q", "main")
    return name


def verdict(repo: Path, head: str, base: str = "main") -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, str(SCRIPT), base, head, "--repo", str(repo)],
                          capture_output=True, text=True, timeout=600, check=False)
    return done.returncode, done.stdout, done.stderr


def test_rewritten_evidence_is_refused_with_the_changed_words(repo):
    code, text, _ = verdict(repo, pull_request(repo, "rewrite", rewrite_evidence))
    assert code == 1 and text.startswith(BASE_MARK + "**refused**")
    assert "\\[-twenty-\\]{+ninety+}" in text  # the changed words, Markdown-escaped
    assert "history-seed-changed" in text and "history-claim-frozen" in text
    assert "rules changed" not in text


def test_loosened_rules_are_refused_under_the_base_rules_and_flagged(repo):
    def loosen_and_tamper(root: Path) -> None:
        loosen_rules(root)
        mark_verdict(root, BASE_MARK, HEAD_MARK)
    code, text, _ = verdict(repo, pull_request(repo, "loosen", loosen_and_tamper))
    assert code == 1 and text.startswith(BASE_MARK + "**refused**") and HEAD_MARK not in text
    assert "**rules changed: needs maintainer review**" in text
    for changed in ("schemas/claims.schema.json", "schemas/confidence\\_rubric.schema.json",
                    "scripts/claims/verdict.py", "confidence\\_rubric C1: confidence 0.9 -&gt; 7.5"):
        assert f"- {changed}" in text or changed in text
    under_base = text.split("## The data under the base branch's rules: ")[1].split("##")[0]
    assert under_base.startswith("invalid") and "`record-maximum`" in under_base
    assert "## The data under the pull request's own rules (its schemas, SQL, properties and rubric, checked by " \
           "the base's toolkit): valid" in text


def test_a_new_document_with_claims_passes(repo):
    holder = {}

    def add(root: Path) -> None:
        holder["claim"] = add_document(root)
    code, text, stderr = verdict(repo, pull_request(repo, "document", add))
    assert code == 0 and text.startswith(BASE_MARK + "**passes**"), stderr
    assert "rules changed" not in text and "## History checks: 0 problem(s)" in text
    assert "**release level: minor**" in text
    assert holder["claim"].replace("-", "-") in text.replace("\\", "")


def test_a_base_without_the_verdict_cannot_judge(repo):
    old = pull_request(repo, "old-base", lambda root: (root / "scripts/claims/verdict.py").unlink())
    code, text, stderr = verdict(repo, "main", base=old)
    assert code == 2 and text == "" and "has no scripts/claims/verdict.py: it predates this pipeline" in stderr


def load_script():
    loader = importlib.machinery.SourceFileLoader("validate_pr", str(SCRIPT))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("validate_pr", loader))
    loader.exec_module(module)
    return module


def test_the_base_environment_is_reused_only_when_every_pin_matches(tmp_path):
    script = load_script()
    wanted = script.pins(ROOT / "constraints.txt")
    assert wanted and script.matches(sys.executable, wanted)  # make installed exactly these
    name = next(iter(wanted))
    assert not script.matches(sys.executable, {**wanted, name: wanted[name] + ".post999"})
    assert not script.matches(sys.executable, {})
    assert script.matches(sys.executable, {**wanted, "an-extra-not-installed": "1.0"})  # claims spark's pins
    (tmp_path / "constraints.txt").write_text("Foo_Bar.baz == 1.2 ; python_version > '3'\n# c\n-e .\n")
    assert script.pins(tmp_path / "constraints.txt") == {"foo-bar-baz": "1.2"}
