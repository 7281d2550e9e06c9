"""The site as a person uses it, in headless Chromium from Debian (never a downloaded browser),
driven by npm's playwright-core (tests/browser/site_walk.mjs): a fact page opened through file://
shows one drawn mark per claim of the fact, and the search box finds the fact's subject and
takes the reader to its page. With CI set, a missing browser fails; elsewhere it skips.

Only invariants of the real package are asserted here (any valid package passes)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims import query
from claims.cli import app
from claims.site.build import slug

from conftest import ROOT

PREFERRED_FACT = "event:gorno-badakhshan-clashes-2012|killed|government"  # the example, when present
WALK = ROOT / "tests" / "browser" / "site_walk.mjs"


def _missing() -> str | None:
    if shutil.which("chromium") is None:
        return "no chromium on PATH (Debian's chromium: .ci/install-browser installs it)"
    if shutil.which("node") is None:
        return "no node on PATH"
    if not (ROOT / "node_modules" / "playwright-core").is_dir():
        return "playwright-core is not installed (make test runs npm ci when npm is on PATH)"
    return None


@pytest.fixture(scope="module")
def browser() -> str:
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the browser test cannot run in CI: {reason}")
        pytest.skip(reason)
    return shutil.which("chromium")


@pytest.fixture(scope="module")
def fact() -> dict:
    """The issue's 2012 soldiers-killed fact when the package has it, else the quantity fact
    with the most claims; with its claims and its subject's name."""
    with query.open_database(ROOT) as connection:
        facts = query.fetch_dicts(connection, """
            SELECT f.fact_key, f.claim_ids, f.subject_id, e.canonical_name AS subject_name
            FROM competing_claims AS f JOIN entities AS e ON e.entity_id = f.subject_id
            WHERE f.value_type = 'quantity'
            ORDER BY f.fact_key = ? DESC, f.claim_count DESC, f.fact_key LIMIT 1""", [PREFERRED_FACT])
    if not facts:
        pytest.skip("the package has no quantity fact to chart")
    return facts[0]


@pytest.fixture(scope="module")
def walk(browser, fact, tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("browser")
    site = work / "site"
    result = CliRunner().invoke(app, ["site", "--root", str(ROOT), "--output", str(site)])
    assert result.exit_code == 0, result.output
    screenshot = work / "fact.png"
    run = subprocess.run(["node", str(WALK), browser, str(work / "profile"), str(site / "facts" / f"{slug(fact['fact_key'])}.html"),
                          fact["subject_name"], f"entities/{slug(fact['subject_id'])}.html", str(screenshot)],
                         capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    seen["screenshot"] = screenshot
    seen["site"] = site
    return seen


def test_the_fact_page_draws_one_mark_per_claim(walk, fact):
    assert sorted(mark["claimId"] for mark in walk["marks"]) == sorted(fact["claim_ids"])
    assert all(mark["drawn"] for mark in walk["marks"])
    assert walk["chartTitle"].startswith("Range chart: ")
    assert walk["problems"] == []


def test_the_search_box_finds_the_subject_and_its_result_leads_to_its_page(walk, fact):
    assert walk["searchVisible"]
    assert fact["subject_name"] in [result["label"] for result in walk["results"]]
    expected = (walk["site"] / "entities" / f"{slug(fact['subject_id'])}.html").resolve().as_uri()
    assert walk["followed"] == {"url": expected, "heading": fact["subject_name"]}


def test_a_screenshot_is_saved(walk):
    data = Path(walk["screenshot"]).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == 1100 and height >= 900
