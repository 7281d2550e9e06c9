"""claims site on the live package, through the CLI: invariants that hold for any valid package
(every fact, document, entity and property has a page; every quote is highlighted exactly at its
offsets; every local link resolves; the pages are valid HTML), on the package as committed and
as grown by a contribution (live_root). The site is built once per package for the module."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from claims import query
from claims.search import fold
from claims.cli import app
from claims.site import spans
from claims.site.build import document_html, slug

from conftest import ROOT
from site_dom import parse, text_runs

HTML_VALIDATE = ROOT / "node_modules" / ".bin" / "html-validate"


@pytest.fixture(scope="module")
def site(live_root, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site") / "site"
    result = CliRunner().invoke(app, ["site", "--root", str(live_root), "--output", str(target)])
    assert result.exit_code == 0, result.output
    pages = sum(1 for _ in target.rglob("*.html"))
    assert result.stderr == f"wrote {pages} pages to {target}\n"
    return target


@pytest.fixture(scope="module")
def package(live_root) -> dict:
    """What the pages must show, read from the views directly."""
    with query.open_database(live_root) as connection:
        def rows(sql):
            return query.fetch_dicts(connection, sql)
        return {
            "facts": rows("SELECT fact_key, value_type, claim_ids FROM competing_claims"),
            "claims": {c["claim_id"]: c for c in rows(
                "SELECT c.*, f.interval_low, f.interval_high FROM claims_resolved AS c "
                "LEFT JOIN claim_facts AS f USING (claim_id)")},
            "sources": rows("SELECT * FROM sources"),
            "entities": rows("SELECT entity_id, canonical_name FROM entities"),
            "names": rows("SELECT entity_id, name FROM entity_names"),
            "properties": rows("SELECT property_id FROM properties"),
        }


@pytest.fixture(scope="module")
def pages(site) -> dict[str, object]:
    return {str(path.relative_to(site)): parse(path) for path in site.rglob("*.html")}


def page_of(pages, kind: str, key: str):
    name = f"{kind}/{slug(key)}.html"
    assert name in pages, f"no page {name} for {key}"
    return pages[name]


def test_every_fact_document_entity_and_property_has_a_page(package, pages):
    for kind, rows, key in (("facts", package["facts"], "fact_key"), ("documents", package["sources"], "source_id"),
                            ("entities", package["entities"], "entity_id"),
                            ("properties", package["properties"], "property_id")):
        names = {f"{kind}/{slug(row[key])}.html" for row in rows}
        assert len(names) == len(rows), f"two {kind} share a page name"
        assert names == {name for name in pages if name.startswith(f"{kind}/") and name != f"{kind}/index.html"}


def test_a_fact_page_marks_each_claim_once_in_the_chart_and_highlights_its_quote(package, pages):
    for fact in package["facts"]:
        page = page_of(pages, "facts", fact["fact_key"])
        marks = [g.attrs["data-claim-id"] for g in page.find_all("g", class_="claim-mark")]
        if fact["value_type"] in ("quantity", "date"):
            assert sorted(marks) == sorted(fact["claim_ids"]), fact["fact_key"]
        else:
            assert marks == []
        quotes = page.find_all("mark", class_="quote")
        assert sorted(q.attrs["data-claim-id"] for q in quotes) == sorted(fact["claim_ids"])
        for mark in quotes:
            assert mark.text() == spans.visible(package["claims"][mark.attrs["data-claim-id"]]["quote"])


def test_a_fact_page_lists_its_claims_in_statement_order_and_sets_totals_against_their_parts(live_root, pages):
    """The order and the roll-up verdicts are the views' (fact_statements, scope_rollups), never the site's own."""
    with query.open_database(live_root) as connection:
        statements = query.fetch_dicts(connection, "SELECT fact_key, claim_id FROM fact_statements "
                                                   "ORDER BY fact_key, value_rank")
        rollups = query.fetch_dicts(connection, "SELECT fact_key, claim_id, verdict, parts FROM scope_rollups")
    ranked: dict[str, list[str]] = {}
    for row in statements:
        ranked.setdefault(row["fact_key"], []).append(row["claim_id"])
    for fact_key, claim_ids in ranked.items():
        page = page_of(pages, "facts", fact_key)
        assert [li.attrs["data-claim-id"] for li in page.find_all("li", class_="claim")] == claim_ids, fact_key
    totals: dict[str, list[dict]] = {}
    for row in rollups:
        totals.setdefault(row["fact_key"], []).append(row)
    for fact_key in ranked:
        shown = page_of(pages, "facts", fact_key).find_all("li", class_="rollup")
        wanted = totals.get(fact_key, [])
        assert sorted((li.attrs["data-claim-id"], li.attrs["data-verdict"]) for li in shown) == sorted(
            (row["claim_id"], row["verdict"]) for row in wanted), fact_key
        for li in shown:
            row = next(r for r in wanted if r["claim_id"] == li.attrs["data-claim-id"])
            assert " ".join(li.text().split()).endswith("Parts: " + " ".join(row["parts"].split()))


def test_chart_marks_draw_open_sides_open_and_have_a_title_and_description(package, pages):
    for fact in package["facts"]:
        if fact["value_type"] != "quantity":
            continue
        page = page_of(pages, "facts", fact["fact_key"])
        svg = page.find_all("svg")[0]
        assert svg.attrs["role"] == "img" and svg.attrs["aria-labelledby"] == "chart-title chart-desc"
        assert page.by_id("chart-title").text() and page.by_id("chart-desc").text().startswith(
            f"{len(fact['claim_ids'])} claim(s) on one axis")
        for mark in page.find_all("g", class_="claim-mark"):
            claim = package["claims"][mark.attrs["data-claim-id"]]
            assert mark.attrs["data-high-open"] == str(claim["value_max"] is None).lower()
            assert mark.attrs["data-low-open"] == str(claim["value_min"] is None).lower()
            assert mark.find_all("title")[0].text().startswith(claim["value"])
            assert claim["value"] in mark.find_all("text")[0].text() or mark.find_all("text")[0].text().endswith("…")


def test_a_document_page_highlights_every_quote_exactly_at_its_offsets(live_root, package, pages):
    by_source: dict[str, list[dict]] = {}
    for claim in package["claims"].values():
        by_source.setdefault(claim["source_id"], []).append(claim)
    for source in package["sources"]:
        page = page_of(pages, "documents", source["source_id"])
        seed = (live_root / source["seed_path"]).read_bytes().decode("utf-8")
        container = page.by_id("document-text")
        assert container.text() == spans.visible(seed)
        runs = text_runs(container)
        for claim in by_source.get(source["source_id"], []):
            covered = [(start, end) for start, end, mark in runs
                       if mark is not None and claim["claim_id"] in mark.attrs["data-claims"].split()]
            assert covered, claim["claim_id"]
            assert covered[0][0] == claim["quote_start"] and covered[-1][1] == claim["quote_end"], claim["claim_id"]
            assert all(a[1] == b[0] for a, b in zip(covered, covered[1:])), f"{claim['claim_id']}: a gap"
            assert page.by_id(f"claim-{slug(claim['claim_id'])}") is not None
        for start, end, mark in runs:
            if mark is not None:
                assert (int(mark.attrs["data-start"]), int(mark.attrs["data-end"])) == (start, end)


def test_a_document_page_states_its_rights_and_hash(package, pages):
    for source in package["sources"]:
        page = page_of(pages, "documents", source["source_id"])
        assert [dd.text() for dd in page.find_all("dd", class_="rights")] == [source["rights"]]
        assert source["sha256"] in page.text()


def test_an_entity_page_lists_its_spellings(package, pages):
    spellings: dict[str, set[str]] = {}
    for row in package["names"]:
        spellings.setdefault(row["entity_id"], set()).add(row["name"])
    for entity in package["entities"]:
        page = page_of(pages, "entities", entity["entity_id"])
        assert page.find_all("h1")[0].text() == entity["canonical_name"]
        shown = {li.text() for ul in page.find_all("ul", class_="spellings") for li in ul.find_all("li")}
        assert shown == spellings[entity["entity_id"]] - {entity["canonical_name"]}


def test_every_local_link_resolves(site, pages):
    ids = {name: {e.attrs["id"] for e in page.iter() if "id" in e.attrs} for name, page in pages.items()}
    checked = 0
    for name, page in pages.items():
        for element in page.iter():
            for attribute in ("href", "src"):
                if attribute not in element.attrs or element.tag == "marker":
                    continue
                link = urlsplit(element.attrs[attribute])
                if link.scheme in ("http", "https"):
                    continue
                assert not link.scheme and not link.netloc, f"{name}: {element.attrs[attribute]} leaves the site"
                target = (site / name).parent / unquote(link.path) if link.path else site / name
                target = target.resolve()
                assert target.is_file() and target.is_relative_to(site.resolve()), f"{name}: {element.attrs[attribute]}"
                if link.fragment:
                    assert unquote(link.fragment) in ids[str(target.relative_to(site.resolve()))], \
                        f"{name}: no id for {element.attrs[attribute]}"
                checked += 1
    assert checked > len(pages)


def _search_index(site: Path) -> list[dict]:
    text = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.CLAIMS_SEARCH_INDEX = "
    body = text[text.index(prefix) + len(prefix):].rstrip().rstrip(";")
    return json.loads(body)


def test_the_search_index_names_every_spelling_and_fact_and_points_at_pages(site, package):
    entries = _search_index(site)
    for entry in entries:
        assert (site / entry["url"]).is_file(), entry
    by_url = {}
    for entry in entries:
        by_url.setdefault(entry["url"], []).append(entry["terms"])
    for row in package["names"]:
        terms = by_url[f"entities/{slug(row['entity_id'])}.html"]
        assert any(fold(row["name"]) in t for t in terms), row
    for fact in package["facts"]:
        assert any(fold(fact["fact_key"]) in t for t in by_url[f"facts/{slug(fact['fact_key'])}.html"])


def test_pages_are_valid_html(site):
    """html-validate (npm; make test installs it): an offline HTML5 validator in Node.js that
    checks the content model, attributes, ids and accessibility rules without Java or a server.
    The repository's .htmlvalidate.json turns off one rule, long-title (a page's title is the
    fact's or document's own name)."""
    if not HTML_VALIDATE.is_file():
        message = "html-validate is not installed (make test runs npm ci when npm is on PATH)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run([str(HTML_VALIDATE), "--config", str(ROOT / ".htmlvalidate.json"), str(site)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hostile_text_is_escaped_and_offsets_still_count_code_points():
    text = "a<script>alert(1)</script>\r\n\x07é😀 end"
    quote_at = text.index("<script>")
    html = document_html(text, [{"quote_start": quote_at, "quote_end": quote_at + 8, "claim_id": 'x" onmouseover="y'}],
                         lambda claim_id: '"><b>')
    assert "<script>" not in html and 'onmouseover="y"' not in html and "<b>" not in html
    container = parse_fragment(f"<div id='t'>{html}</div>").by_id("t")
    assert container.text() == spans.visible(text) and len(container.text()) == len(text)
    marked = [(start, end) for start, end, mark in text_runs(container) if mark is not None]
    assert marked == [(quote_at, quote_at + 8)]


def parse_fragment(html: str):
    from site_dom import _Builder
    builder = _Builder()
    builder.feed(html)
    return builder.root


@given(st.text(alphabet="ab \n", max_size=30), st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=6))
def test_runs_cover_the_text_and_each_span_exactly(text, pairs):
    wanted = [(min(a, b), max(a, b), f"c{i}") for i, (a, b) in enumerate(pairs)]
    runs = spans.runs(text, wanted)
    assert "".join(run.text for run in runs) == text
    assert all(run.text for run in runs) or text == ""
    for start, end, claim_id in wanted:
        covered = [(run.start, run.end) for run in runs if claim_id in run.claim_ids]
        if 0 <= start < end <= len(text):
            assert covered[0][0] == start and covered[-1][1] == end
            assert all(a[1] == b[0] for a, b in zip(covered, covered[1:]))
        else:
            assert covered == []


def test_site_refuses_a_folder_it_did_not_write(cli, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    result = cli("site", "--root", ROOT, "--output", tmp_path / "mine")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {tmp_path / 'mine'} exists and was not written by claims site: give an empty "
                             "or new folder, or remove it\n")
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"
    (tmp_path / "link").symlink_to(tmp_path / "mine")
    result = cli("site", "--root", ROOT, "--output", tmp_path / "link")
    assert result.exit_code == 1 and "is a symbolic link" in result.stderr


EMPTY_SUMMARY = dict.fromkeys(("documents", "claims", "deprecated_claims", "attributions", "entities", "aliases", "facts",
                               "facts_with_competing_claims", "incompatible_facts", "divergent_facts"), 0)


def test_a_rebuild_replaces_the_site_and_a_failed_one_leaves_it(cli, tmp_path, monkeypatch):
    from claims.site import build as site_build
    from claims.site.data import SiteData

    monkeypatch.setattr(site_build, "load_site_data", lambda root, with_seeds: SiteData(EMPTY_SUMMARY, [], {}, [], [], [], []))
    target = tmp_path / "out"
    assert cli("site", "--root", ROOT, "--output", target).exit_code == 0
    (target / "stale.html").write_text("from an older run", encoding="utf-8")
    assert cli("site", "--root", ROOT, "--output", target).exit_code == 0
    assert not (target / "stale.html").exists() and (target / "index.html").is_file()

    def broken(*args):
        raise OSError("disk full")
    monkeypatch.setattr(site_build, "_write_tree", broken)
    (target / "stale.html").write_text("kept", encoding="utf-8")
    result = cli("site", "--root", ROOT, "--output", target)
    assert result.exit_code == 1 and result.stderr == f"error: cannot write the site to {target}: disk full\n"
    assert (target / "stale.html").read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_pages_workflow_builds_the_site_from_main_with_least_privilege():
    import re

    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"] == "pages"
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert ".venv/bin/claims site --output site" in runs
    for name, job in workflow["jobs"].items():
        assert isinstance(job["timeout-minutes"], int), name
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_without_seeds_no_document_text_is_published_only_the_quotes(tmp_path):
    target = tmp_path / "site"
    result = CliRunner().invoke(app, ["site", "--root", str(ROOT), "--output", str(target), "--without-seeds"])
    assert result.exit_code == 0, result.output
    with query.open_database(ROOT) as connection:
        quotes = {c["claim_id"]: c["quote"] for c in query.fetch_dicts(connection, "SELECT * FROM claims_resolved")}
    for path in (target / "documents").glob("*.html"):
        if path.name != "index.html":
            assert parse(path).by_id("document-text") is None, path
    for path in (target / "facts").glob("*.html"):
        for block in parse(path).find_all("blockquote", class_="quote-context"):
            mark = block.find_all("mark")[0]
            assert block.text().startswith(mark.text())
            assert mark.text() == spans.visible(quotes[mark.attrs["data-claim-id"]])
            assert block.text().endswith("(the text around it is not published here)")
