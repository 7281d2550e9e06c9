"""The reader's views: fact_statements (competing claims in order of value, with who says them),
fact_estimates (open claims move one end, never a figure or a best) and scope_rollups (totals
against the sum of their parts). Content on the frozen fixture of views_fixture plus its roll-up
claims; invariants on the live package; the estimate rules on generated claims."""

from __future__ import annotations

import statistics

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.build import connect_memory
from claims.quantities import derive_bounds

from views_fixture import (CLAIMS, FACT_1998, FACT_2012, FACT_FRIDAY_TOTAL, FACT_TOTAL_1998, ROLLUP_CLAIMS, ROOT,
                           make_package)


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    root = make_package(tmp_path_factory.mktemp("reader-views") / "package", CLAIMS + ROLLUP_CLAIMS)
    connection = connect_memory(root)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def live_db():
    connection = connect_memory(ROOT)
    yield connection
    connection.close()


def rows(connection, sql, params=()):
    return connection.execute(sql, list(params)).fetchall()


# fact_statements --------------------------------------------------------------------------------

def test_statements_of_a_fact_in_order_of_lower_then_upper_bound_with_their_chains(fixture_db):
    assert rows(fixture_db, "SELECT value_rank, value, value_low, value_high, modality, chain, voice "
                            "FROM fact_statements WHERE fact_key = ? ORDER BY value_rank", [FACT_2012]) == [
        (1, "no soldiers", 0, 0, "asserted", ["Tajik state-owned television"], "Tajik state-owned television"),
        (2, "12 dead soldiers", 12, 12, "asserted", ["Al Jazeera"], "Al Jazeera"),
        (3, "at least 12 soldiers", 12, None, "asserted", ["BBC News"], "BBC News"),
        (4, "at least twenty soldiers", 20, None, "asserted",
         ["Associated Press", "unnamed government source (AP, 2012)"],
         "Associated Press > unnamed government source (AP, 2012)"),
        (5, "41 killed", 41, 41, "asserted", [], "own voice"),
        (6, "more than 100 military personnel", 101, None, "asserted", ["BBC News", "hospital source (BBC, 2012)"],
         "BBC News > hospital source (BBC, 2012)")]
    assert rows(fixture_db, "SELECT value, value_low, value_high FROM fact_statements WHERE fact_key = ? "
                            "ORDER BY value_rank", [FACT_1998]) == [
        ("up to 100 government troops", None, 100), ("39 government soldiers", 39, 39)]


def test_statements_of_entity_values_keep_their_modality(fixture_db):
    assert rows(fixture_db, "SELECT value, modality, stance FROM fact_statements "
                            "WHERE fact_key = 'event:nazarov-killing-2012|held-responsible' ORDER BY value_rank") == [
        ("Ayyombekov", "denied", "denies"), ("the forces of Tolib Ayyombekov", "alleged", "affirms")]


def test_live_statements_rank_every_active_claim_once_in_order_of_bounds(live_db):
    assert rows(live_db, "SELECT count(*) FROM fact_statements") == rows(live_db, "SELECT count(*) FROM claim_facts")
    gaps = rows(live_db, """SELECT fact_key FROM fact_statements GROUP BY fact_key
                            HAVING list(value_rank ORDER BY value_rank) <> range(1, count(*) + 1)""")
    assert gaps == []
    backwards = rows(live_db, """
        SELECT s.claim_id FROM fact_statements AS s JOIN claim_facts AS c USING (claim_id)
        JOIN fact_statements AS n ON n.fact_key = s.fact_key AND n.value_rank = s.value_rank + 1
        JOIN claim_facts AS nc ON nc.claim_id = n.claim_id
        WHERE nc.interval_low < c.interval_low
           OR (nc.interval_low = c.interval_low AND nc.interval_high < c.interval_high)""")
    assert backwards == []


# fact_estimates ---------------------------------------------------------------------------------

def test_estimates_name_the_open_claim_that_moved_an_end(fixture_db):
    got = rows(fixture_db, "SELECT fact_key, low, low_rule, best, best_rule, high, high_rule, high_is_open "
                           "FROM fact_estimates WHERE fact_key IN (?, ?) ORDER BY fact_key", [FACT_2012, FACT_1998])
    assert got == [
        (FACT_2012, 0, "lowest stated figure", 12, "median of point figures (exact, about, rounded)", 101,
         "floor of an open claim (more than 100 military personnel), above every stated figure: nothing caps it",
         True),
        (FACT_1998, 39, "lowest stated figure", 39, "median of point figures (exact, about, rounded)", 100,
         "ceiling of an open claim (up to 100 government troops), above every stated figure", False)]


FACT_COLUMNS = ("fact_key VARCHAR, subject_name VARCHAR, property_id VARCHAR, scope VARCHAR, value_type VARCHAR, "
                "stance VARCHAR, claim_id VARCHAR, value VARCHAR, value_qualifier VARCHAR, value_number DOUBLE, "
                "value_min DOUBLE, value_max DOUBLE")
ESTIMATES_SQL = (ROOT / "sql/views/fact_estimates.sql").read_text(encoding="utf-8")
FACT_TIER_SQL = (ROOT / "sql/macros/fact_tier.sql").read_text(encoding="utf-8")
STATED = st.tuples(st.sampled_from(["exact", "about", "rounded", "at-least", "more-than", "up-to", "less-than"]),
                   st.integers(min_value=1, max_value=300))


def estimates_of(stated: list[tuple[str, int]]) -> dict:
    """fact_estimates of one fact whose affirming claims state these (qualifier, number)s."""
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE claim_facts ({FACT_COLUMNS})")
    connection.execute("CREATE TABLE claim_disagreements (fact_key VARCHAR, tier VARCHAR)")
    connection.execute(FACT_TIER_SQL)
    for number, (qualifier, figure) in enumerate(stated):
        low, high = derive_bounds(qualifier, figure)
        connection.execute("INSERT INTO claim_facts VALUES ('f', 's', 'killed', NULL, 'quantity', 'affirms', ?, ?, ?, "
                           "?, ?, ?)", [f"c{number:03}", f"{qualifier} {figure}", qualifier, figure, low, high])
    connection.execute(ESTIMATES_SQL)
    cursor = connection.execute("SELECT * FROM fact_estimates")
    estimate = dict(zip([column[0] for column in cursor.description], cursor.fetchone()))
    connection.close()
    return estimate


@settings(max_examples=40, deadline=None)
@given(stated=st.lists(STATED, min_size=1, max_size=6))
def test_an_open_claim_is_never_a_figure_or_a_best(stated):
    estimate = estimates_of(stated)
    claims = {f"c{number:03}": (qualifier, figure, *derive_bounds(qualifier, figure))
              for number, (qualifier, figure) in enumerate(stated)}
    points = [figure for qualifier, figure, _, _ in claims.values() if qualifier in ("exact", "about", "rounded")]
    floors = [low for qualifier, _, low, high in claims.values() if high is None]
    ceilings = [high for qualifier, _, low, high in claims.values() if low is None]
    assert estimate["best"] == (statistics.median(points) if points else None)
    assert (estimate["best_rule"] == "median of point figures (exact, about, rounded)") == bool(points)
    assert estimate["low"] == min(points + floors, default=None)
    assert estimate["high"] == max(points + floors + ceilings)
    low_claim, high_claim = claims.get(estimate["low_claim_id"]), claims[estimate["high_claim_id"]]
    if estimate["low_rule"] == "lowest stated figure":
        assert low_claim[0] in ("exact", "about", "rounded")
    elif estimate["low"] is not None:
        assert estimate["low_rule"].startswith(f"floor of an open claim ({low_claim[0]} {low_claim[1]})")
        assert all(point > estimate["low"] for point in points)
    if estimate["high_rule"] == "highest stated figure":
        assert high_claim[0] in ("exact", "about", "rounded") and not estimate["high_is_open"]
    else:
        assert f"of an open claim ({high_claim[0]} {high_claim[1]})" in estimate["high_rule"]
        assert all(point < estimate["high"] for point in points)
        assert estimate["high_is_open"] == (high_claim[3] is None)


def test_an_open_claim_alone_gives_bounds_and_no_best():
    estimate = estimates_of([("more-than", 500)])
    assert (estimate["low"], estimate["best"], estimate["high"], estimate["high_is_open"]) == (501, None, 501, True)
    assert estimate["best_rule"] == "no stated point figure (an open claim gives no best)"
    assert estimate["low_rule"] == "floor of an open claim (more-than 500), no figure stated"


def test_live_estimates_never_take_a_best_or_a_stated_figure_from_an_open_claim(live_db):
    assert rows(live_db, """
        SELECT e.fact_key FROM fact_estimates AS e
        JOIN claim_facts AS c ON c.claim_id IN (e.low_claim_id, e.high_claim_id)
        WHERE (e.low_rule = 'lowest stated figure' AND c.claim_id = e.low_claim_id
               OR e.high_rule = 'highest stated figure' AND c.claim_id = e.high_claim_id)
          AND c.value_qualifier NOT IN ('exact', 'about', 'rounded')""") == []
    assert rows(live_db, """
        SELECT fact_key FROM fact_estimates
        WHERE (best IS NULL) <> (point_count = 0)
           OR best_rule NOT IN ('median of point figures (exact, about, rounded)',
                                'no stated point figure (an open claim gives no best)', 'no affirming figure')""") == []


# scope_rollups ----------------------------------------------------------------------------------

def test_the_1998_total_is_consistent_with_its_parts(fixture_db):
    assert rows(fixture_db, "SELECT value, total_low, total_high, sum_low, sum_high, verdict, sides_without_parts "
                            "FROM scope_rollups WHERE fact_key = ?", [FACT_TOTAL_1998]) == [
        ("A total of 89 Tajik government soldiers and rebel troops", 89, 89, 50, 150, "consistent", [])]


def test_a_total_its_parts_contradict_is_inconsistent(fixture_db):
    assert rows(fixture_db, "SELECT value, total_low, total_high, sum_low, sum_high, verdict, parts "
                            "FROM scope_rollups WHERE fact_key = ?", [FACT_FRIDAY_TOTAL]) == [
        ("13 dead", 13, 13, 17, 17, "inconsistent",
         "government: eight policemen (own voice, report-2015-tajikistan-13-dead) | "
         "rebels: nine attackers (own voice, report-2015-tajikistan-13-dead)")]


def test_live_rollups_every_total_once_with_a_verdict_its_figures_support(live_db):
    totals = rows(live_db, "SELECT count(*) FROM claim_facts WHERE value_type = 'quantity' AND stance = 'affirms' "
                           "AND contains(scope, '+') AND NOT is_unbounded")
    assert rows(live_db, "SELECT count(*) FROM scope_rollups") == totals
    assert rows(live_db, """
        SELECT claim_id FROM scope_rollups WHERE NOT CASE verdict
            WHEN 'inconsistent' THEN total_high < sum_low OR total_low > sum_high
            WHEN 'incomplete' THEN len(sides_without_parts) > 0
                 AND NOT (total_high < sum_low OR total_low > coalesce(sum_high, 'infinity'))
            WHEN 'consistent' THEN len(sides_without_parts) = 0
                 AND total_low <= coalesce(sum_high, 'infinity') AND coalesce(total_high, 'infinity') >= sum_low
        END""") == []
