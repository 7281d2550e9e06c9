"""The views in sql/views/: their grain and keys, the contested casualty facts of 2012 and 1998,
the estimates, and the documented one-liners run by the real DuckDB CLI."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings, strategies as st

from claims.build import build, connect_memory, load_statements
from claims.package import load_package

from views_fixture import FACT_1998, FACT_2012, FACT_BLAME, REPORT_1998, ROOT, make_package

KEYS = {
    "claims_resolved": ["claim_id"],
    "claim_facts": ["claim_id"],
    "claim_disagreements": ["claim_id", "other_claim_id"],
    "competing_claims": ["fact_key"],
    "contested_facts": ["fact_key"],
    "fact_estimates": ["fact_key"],
    "fact_statements": ["claim_id"],
    "scope_rollups": ["claim_id"],
    "entity_names": ["entity_id", "name"],
    "entity_claims": ["entity_id", "claim_id", "role"],
    "source_summary": ["level", "source_key"],
    "claim_reviews": ["claim_id"],
    "review_coverage": ["level", "coverage_key"],
}
DUCKDB_CLI = shutil.which("duckdb", path=str(Path(sys.executable).parent))


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory) -> Path:
    return make_package(tmp_path_factory.mktemp("views") / "package")


@pytest.fixture(scope="module", params=["committed", "grown", "fixture"])
def database(request, fixture_root):
    """Invariants hold on the live package as committed, as grown by a contribution, and on the
    fixture; content is asserted on the fixture only."""
    roots = {"committed": ROOT, "fixture": fixture_root}
    connection = connect_memory(roots.get(request.param) or request.getfixturevalue("grown_root"))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def fixture_db(fixture_root):
    connection = connect_memory(fixture_root)
    yield connection
    connection.close()


def scalar(connection, sql: str, params=()):
    return connection.execute(sql, list(params)).fetchone()[0]


def test_every_view_file_is_one_view_named_after_it_stating_its_grain_and_loaded():
    loaded = {path for path, _ in load_statements(ROOT)}
    files = sorted((ROOT / "sql/views").glob("*.sql"))
    assert {file.stem for file in files} == set(KEYS)
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert text.startswith(f"-- {file.stem}\n-- Grain: one row per "), file.name
        assert re.findall(r"CREATE OR REPLACE VIEW (\w+) AS", text) == [file.stem]
        assert file.relative_to(ROOT) in loaded


@pytest.mark.parametrize("view", sorted(KEYS))
def test_view_keys_are_unique_and_not_null(database, view):
    key = ", ".join(KEYS[view])
    rows, distinct = database.execute(f"SELECT count(*), count(DISTINCT ({key})) FROM {view}").fetchone()
    assert rows == distinct
    for column in KEYS[view]:
        assert scalar(database, f"SELECT count(*) FROM {view} WHERE {column} IS NULL") == 0


def test_grains_count_what_they_say(database):
    assert scalar(database, "SELECT count(*) FROM claims_resolved") == scalar(database, "SELECT count(*) FROM claims")
    assert scalar(database, "SELECT count(*) FROM claim_facts") == scalar(
        database, "SELECT count(*) FROM claims WHERE status = 'active'")
    assert scalar(database, "SELECT count(*) FROM competing_claims") == scalar(
        database, "SELECT count(DISTINCT fact_key) FROM claim_facts")
    assert scalar(database, "SELECT count(*) FROM fact_estimates") == scalar(
        database, "SELECT count(DISTINCT fact_key) FROM claim_facts WHERE value_type = 'quantity'")
    assert scalar(database, "SELECT count(*) FROM contested_facts WHERE tier NOT IN ('incompatible', 'divergent') "
                            "OR fact_key NOT IN (SELECT fact_key FROM competing_claims)") == 0
    assert scalar(database, "SELECT count(*) FROM claim_disagreements AS d JOIN claim_facts AS c "
                            "ON c.claim_id = d.other_claim_id WHERE d.claim_id >= d.other_claim_id "
                            "OR c.fact_key <> d.fact_key") == 0
    documents = scalar(database, "SELECT count(DISTINCT source_id) FROM claim_facts")
    assert scalar(database, "SELECT count(*) FROM source_summary WHERE level = 'document'") == documents


def test_fact_key_comes_from_the_macro(database):
    assert scalar(database, "SELECT count(*) FROM claims_resolved "
                            "WHERE fact_key <> fact_key(subject_id, property_id, scope)") == 0


def figure_givers(connection, fact_key: str) -> set[str]:
    return {row[0] for row in connection.execute(
        "SELECT DISTINCT coalesce(reporter_name, 'own voice: ' || document_title) FROM claim_facts "
        "WHERE fact_key = ? AND stance = 'affirms' AND value_number IS NOT NULL", [fact_key]).fetchall()}


def test_2012_soldiers_killed_is_incompatible_with_every_reporter_that_gives_a_figure(fixture_db):
    database = fixture_db
    tier, reason, reporters = database.execute(
        "SELECT tier, reason, reporters FROM contested_facts WHERE fact_key = ?", [FACT_2012]).fetchone()
    assert (tier, reason) == ("incompatible", "bounds do not overlap")
    givers = figure_givers(database, FACT_2012)
    assert {"Tajik state-owned television", "BBC News", "Associated Press", "Al Jazeera"} <= givers
    assert set(reporters) >= givers
    # each of them is on one side of an incompatible pair: nobody's figure fits all the others
    in_conflict = {row[0] for row in database.execute(
        "SELECT DISTINCT coalesce(c.reporter_name, 'own voice: ' || c.document_title) FROM claim_disagreements AS d "
        "JOIN claim_facts AS c ON c.claim_id IN (d.claim_id, d.other_claim_id) "
        "WHERE d.fact_key = ? AND d.tier = 'incompatible'", [FACT_2012]).fetchall()}
    assert in_conflict == givers


def test_fixture_tiers_documents_and_reporters(fixture_db):
    rows = fixture_db.execute("SELECT fact_key, tier, reason, documents, reporters FROM contested_facts "
                              "ORDER BY fact_key").fetchall()
    assert rows == [
        (FACT_2012, "incompatible", "bounds do not overlap", ["encyclopedia-2012-gorno-badakhshan-clashes"],
         ["Al Jazeera", "Associated Press", "BBC News", "Tajik state-owned television",
          "own voice: 2012 Gorno-Badakhshan clashes"]),
        (FACT_1998, "divergent", "stated figures differ", [REPORT_1998], ["Interfax", "Zafar Saidov"]),
        (FACT_BLAME, "incompatible", "an assertion against its denial",
         ["encyclopedia-2012-gorno-badakhshan-clashes"], ["Government of Tajikistan", "Tolib Ayombekov"]),
    ]


def test_fixture_competing_claims(fixture_db):
    row = fixture_db.execute(
        "SELECT claim_count, document_count, reporter_count, originator_count, lowest_min, highest_max "
        "FROM competing_claims WHERE fact_key = ?", [FACT_2012]).fetchone()
    assert row == (6, 1, 5, 6, 0, None)  # "more than 100" leaves the top open
    assert fixture_db.execute("SELECT stated_values, lowest_min, highest_max FROM competing_claims "
                              "WHERE fact_key = ?", [FACT_1998]).fetchone() == (
        ["up to 100 government troops", "39 government soldiers"], 0, 100)  # by lower bound: 0, then 39


def test_fixture_estimates(fixture_db):
    rows = fixture_db.execute("SELECT fact_key, tier, low, best, high, conservative_min, best_rule "
                              "FROM fact_estimates ORDER BY fact_key").fetchall()
    point_rule = "median of point figures (exact, about, rounded)"
    assert rows == [(FACT_2012, "incompatible", 0, 12, 101, 0, point_rule),
                    (FACT_1998, "divergent", 39, 39, 100, 39, point_rule)]


def test_fixture_source_summary(fixture_db):
    rows = fixture_db.execute("SELECT level, source_key, claims, facts, contested_facts, contested_share "
                              "FROM source_summary WHERE source_key IN (?, ?, ?) ORDER BY level, source_key",
                              ["organisation:bbc-news", REPORT_1998, "person:zafar-saidov"]).fetchall()
    assert rows == [("document", REPORT_1998, 2, 1, 1, 1.0),
                    ("reporter", "organisation:bbc-news", 2, 1, 1, 1.0),
                    ("reporter", "person:zafar-saidov", 1, 1, 1, 1.0)]


def test_entity_claims_under_any_spelling(fixture_db):
    rows = fixture_db.execute("SELECT DISTINCT entity_id, role FROM entity_claims "
                              "WHERE list_contains(match_names, lower(?)) ORDER BY ALL", ["AYYOMBEKOV"]).fetchall()
    assert rows == [("person:tolib-ayombekov", "reporter"), ("person:tolib-ayombekov", "value")]
    saidovs = fixture_db.execute("SELECT DISTINCT entity_id FROM entity_claims "
                                 "WHERE list_contains(match_names, 'saidov') ORDER BY 1").fetchall()
    assert saidovs == [("person:zafar-saidov",)]  # Khairullo Saidov is named but makes and gets no claim


def documented_one_liners() -> list[str]:
    text = (ROOT / "docs/queries.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("duckdb ")]


def run_duckdb_cli(line: str, root: Path) -> str:
    if DUCKDB_CLI is None:
        pytest.skip("the duckdb CLI (pip install duckdb-cli) is not installed beside this Python")
    args = shlex.split(line)
    result = subprocess.run([DUCKDB_CLI, *args[1:]], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout


def test_docs_give_the_one_liners():
    lines = documented_one_liners()
    assert len(lines) == 5
    assert all('-c ".read sql/load.sql"' in line for line in lines if "build/claims.duckdb" not in line)


@pytest.mark.parametrize("line", documented_one_liners())
def test_documented_one_liners_show_the_2012_and_1998_facts_in_the_duckdb_cli(line, fixture_root):
    if "build/claims.duckdb" in line:
        build(load_package(fixture_root), fixture_root / "build/claims.duckdb")
    output = run_duckdb_cli(line, fixture_root)
    assert FACT_2012 in output and FACT_1998 in output
    if "tier" in line:
        assert re.search(re.escape(FACT_2012) + r"\W+(?:tier\W+)?incompatible", output)
        assert re.search(re.escape(FACT_1998) + r"\W+(?:tier\W+)?divergent", output)
    if "reporters" in line:
        assert "Zafar Saidov" in output and "Tajik state-owned television" in output
        assert REPORT_1998 in output and "encyclopedia-2012-gorno-badakhshan-clashes" in output


@pytest.mark.parametrize("line", [line for line in documented_one_liners() if "build/claims.duckdb" not in line])
def test_documented_one_liners_run_on_the_live_package(line, live_root):
    """The same lines on the live package: they run cleanly whatever the data holds."""
    run_duckdb_cli(line, live_root)


def test_review_coverage_counts_every_active_claim_once_per_level(database):
    active = scalar(database, "SELECT count(*) FROM claims WHERE status = 'active'")
    assert scalar(database, "SELECT count(*) FROM claim_reviews") == active
    for level in ("document", "fact"):
        claims, reviewed, unreviewed = database.execute(
            "SELECT sum(claims), sum(reviewed_claims), sum(unreviewed_claims) FROM review_coverage WHERE level = ?",
            [level]).fetchone()
        assert claims == active and reviewed + unreviewed == claims
    assert scalar(database, "SELECT count(*) FROM review_coverage WHERE confirmed + corrected + disputed "
                            "<> reviewed_claims") == 0
    assert scalar(database, "SELECT count(*) FROM claim_reviews WHERE is_reviewed <> (review_count > 0)") == 0


def test_fixture_review_coverage_takes_the_latest_verdict(fixture_db):
    rows = fixture_db.execute("SELECT level, coverage_key, claims, reviewed_claims, unreviewed_claims, confirmed, "
                              "disputed, reviewed_share FROM review_coverage ORDER BY level, coverage_key").fetchall()
    assert rows == [
        ("document", "encyclopedia-2012-gorno-badakhshan-clashes", 8, 3, 5, 1, 2, 0.375),
        ("document", REPORT_1998, 2, 1, 1, 1, 0, 0.5),
        ("fact", FACT_2012, 6, 3, 3, 1, 2, 0.5),
        ("fact", FACT_1998, 2, 1, 1, 1, 0, 0.5),
        ("fact", FACT_BLAME, 2, 0, 2, 0, 0, 0.0),
    ]
    latest = fixture_db.execute("SELECT review_count, reviewers, latest_verdict FROM claim_reviews "
                                "WHERE claim_id LIKE '%/0000a003'").fetchone()
    assert latest == (2, "reviewer one; reviewer two", "disputed")


# value_key (sql/macros/value_interval.sql) runs its regular expression only on a text with a run
# of white space to collapse; on every text it gives what the expression alone gives.
WHITE_SPACE_TEXTS = st.text(alphabet=[" ", "\t", "\n", "\f", "\r", "\x0b", "a", "B", "é", "Ж"], max_size=12)


@given(texts=st.lists(WHITE_SPACE_TEXTS, min_size=1, max_size=20))
@settings(max_examples=60, deadline=None)
def test_value_key_skips_the_regular_expression_only_where_it_changes_nothing(texts):
    connection = duckdb.connect()
    try:
        connection.execute((ROOT / "sql/macros/value_interval.sql").read_text(encoding="utf-8"))
        got = connection.execute(
            "SELECT value_key('text', NULL, t), lower(trim(regexp_replace(t, '[ \\t\\n\\f\\r]+', ' ', 'g'))) "
            "FROM unnest(?::VARCHAR[]) AS u(t)", [texts]).fetchall()
    finally:
        connection.close()
    assert [key for key, _ in got] == [expected for _, expected in got]
