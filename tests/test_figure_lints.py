"""Mistakes caught when made: a figure the quote does not state, a qualifier its words
contradict, the same claim twice, an entity named like another. Each lint with listed true
and false positives."""

from __future__ import annotations

import pytest

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.figures import QUALIFYING_WORDS, numbers_in
from claims.lints import QUALIFIER_CANDIDATE, figure_problem, qualifier_problem
from claims.quantities import QUALIFIERS
from claims.validate import validate

from conftest import ROOT
from test_contrib import KILLED, claim_rows, contrib_copy  # noqa: F401


def claim(number, quote, qualifier="exact"):
    return {"value_number": number, "quote": quote, "value_qualifier": qualifier}


@pytest.mark.parametrize("text, numbers", [
    ("at least twenty soldiers and 1,000 rebels", {20, 1000}),
    ("Thirteen members of armed groups", {13}),
    ("three hundred and twenty-five", {325}),
    ("two dozen men", {24}),
    ("a dozen men", {12}),
    ("no soldiers or civilians had been killed", {0}),
    ("a state of 5.7 million people", {5.7, 5_700_000}),
    ("Russia has a big army", set()),
])
def test_numbers_in_reads_digits_words_and_none(text, numbers):
    assert numbers_in(text) == {__import__("decimal").Decimal(str(n)) for n in numbers}


FIGURE_FLAGGED = [  # true positives: the figure is not what the quote states
    claim(24, "at least 11 civilians were wounded", "at-least"),
    claim(3, "13 dead in a vast police operation"),
    claim(12, "at least twenty soldiers had been killed", "at-least"),
    claim(5.7, "a state of 57 million people", "rounded"),
]
FIGURE_QUIET = [  # false positives avoided: the quote states it, in whatever form
    claim(20, "at least twenty soldiers had been killed", "at-least"),
    claim(0, "there were no injuries"),
    claim(1000, "an estimated 1,000 rebels", "about"),
    claim(5_700_000, "a mountainous state of 5.7 million people", "rounded"),
    claim(13, "Thirteen members of armed groups"),
    claim(12, "a dozen soldiers"),
]


@pytest.mark.parametrize("row", FIGURE_FLAGGED)
def test_figure_not_in_the_quote_is_flagged(row):
    assert "is not among the figures the quote states" in figure_problem(row)


@pytest.mark.parametrize("row", FIGURE_QUIET)
def test_figure_stated_in_words_or_digits_is_not_flagged(row):
    assert figure_problem(row) is None


QUALIFIER_FLAGGED = [  # the words in front of the figure say otherwise
    claim(11, "at least 11 civilians were wounded", "exact"),
    claim(100, "more than 100 government troops", "at-least"),
    claim(100, "up to 100 government troops", "about"),
    claim(300, "about 300 reinforcements", "exact"),
    claim(50, "nearly 50 people", "at-least"),
    claim(10, "fewer than 10 people", "up-to"),
]
QUALIFIER_QUIET = [
    claim(11, "at least 11 civilians were wounded", "at-least"),
    claim(50, "nearly 50 people", "about"),
    claim(50, "nearly 50 people", "up-to"),
    claim(30, "at least 12 soldiers and 30 militants", "at-least"),  # a hedge over several figures
    claim(100, "more than 100 military personnel and 100 civilians", "exact"),  # the second 100 is bare
    claim(800, "800 Tajik soldiers had been deployed", "about"),  # the qualifier is outside the quote
    claim(200, "some 200 kilometers north", "about"),
    claim(41, "Casualties1: 41 killed", "exact"),
]


@pytest.mark.parametrize("row", QUALIFIER_FLAGGED)
def test_qualifier_contradicting_the_quote_is_flagged(row):
    assert "but the quote's words before" in qualifier_problem(row)


@pytest.mark.parametrize("row", QUALIFIER_QUIET)
def test_qualifier_the_quote_allows_is_not_flagged(row):
    assert qualifier_problem(row) is None


NEW_RULES = {"lint-figure-in-quote", "lint-qualifier-in-quote", "lint-entity-name-taken", "claim-duplicate"}


def test_the_committed_package_has_none_of_these_problems():
    assert [p.render() for p in validate(ROOT, "python").problems if p.rule in NEW_RULES] == []


def test_add_claim_warns_of_a_figure_the_quote_does_not_state(contrib_copy, cli):  # noqa: F811
    args = {"killed": "wounded", "government": "civilians", "Three police officers": "at least 11 civilians",
            "exact": "at-least", "3": "24", "Three police officers were killed": "at least 11 civilians were wounded"}
    result = cli("add-claim", *[args.get(a, a) for a in KILLED], "--occurrence", "1", "--root", contrib_copy)
    assert result.exit_code == 0  # a warning: written, and said
    assert ("<new claims row> value_number: warning [lint-figure-in-quote] value_number 24 is not among the "
            "figures the quote states (11)") in result.stderr
    exact = {**args, "exact": "exact", "3": "11", "Three police officers": "11 civilians"}
    result = cli("add-claim", *[exact.get(a, a) for a in KILLED], "--occurrence", "1", "--root", contrib_copy)
    assert ("warning [lint-qualifier-in-quote] value_qualifier is exact, but the quote's words before 11 say "
            "at-least") in result.stderr


def test_the_same_claim_twice_is_refused(contrib_copy, cli):  # noqa: F811
    first = cli("add-claim", *KILLED, "--occurrence", "1", "--root", contrib_copy)
    assert first.exit_code == 0
    before = claim_rows(contrib_copy)
    again = cli("add-claim", *KILLED, "--occurrence", "1", "--root", contrib_copy)
    assert again.exit_code == 1
    assert f"[claim-duplicate] the same claim as {first.stdout.strip()}" in again.stderr
    assert claim_rows(contrib_copy) == before
    # once the first is withdrawn, the claim can be made again (a correction restates it)
    assert cli("deprecate", first.stdout.strip(), "--reason", "test", "--root", contrib_copy).exit_code == 0
    assert cli("add-claim", *KILLED, "--occurrence", "1", "--root", contrib_copy).exit_code == 0


def test_an_entity_named_like_another_is_flagged(contrib_copy, cli):  # noqa: F811
    result = cli("add-entity", "person:ana-sample-2", "--name", "ANA SÁMPLE", "--description", "Invented twin.",
                 "--root", contrib_copy)
    assert result.exit_code == 0
    assert "warning [lint-entity-name-taken] 'ANA SÁMPLE' already names person:ana-sample" in result.stderr


def candidate(connection, row) -> bool:
    return connection.execute(f"SELECT {QUALIFIER_CANDIDATE} FROM (SELECT $quote AS quote, $qualifier AS "
                              "value_qualifier)", {"quote": row["quote"], "qualifier": row["value_qualifier"]}
                              ).fetchone()[0]


@pytest.fixture(scope="module")
def connection():
    with duckdb.connect() as connection:
        yield connection


def test_the_gate_judges_every_flagged_qualifier_and_passes_quiet_ones_at_once(connection):
    """The SQL the gate selects candidates with (the Python function judges them) finds every
    true positive, and passes the quotes whose words allow the qualifier without asking."""
    assert all(candidate(connection, row) for row in QUALIFIER_FLAGGED)
    assert not candidate(connection, claim(11, "at least 11 civilians were wounded", "at-least"))
    assert not candidate(connection, claim(50, "nearly 50 people", "up-to"))


words = st.sampled_from([*QUALIFYING_WORDS, "AT LEAST", "No More Than", "killed", "and", "a", "dozen", "twenty",
                         "no", "soldiers", "Over", "\u00a0", ",", "."])
figures_in_quote = st.sampled_from(["12", "30", "1,000", "5.7", "twenty", "a dozen", "no"])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(words, figures_in_quote), min_size=1, max_size=8),
       spaces=st.sampled_from([" ", "  ", "\u00a0", "\t"]),
       number=st.sampled_from([12, 30, 1000, 5.7, 20, 0]), qualifier=st.sampled_from(QUALIFIERS))
def test_every_quote_the_qualifier_lint_flags_is_a_candidate(connection, parts, spaces, number, qualifier):
    row = claim(number, spaces.join(parts), qualifier)
    if qualifier_problem(row):
        assert candidate(connection, row)
