"""claims agreement: the matching rule and the figures, on the frozen fixture package and a
hand-made second reading of it; properties of the matching on generated readings."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import agreement
from claims.authoring import locate

from views_fixture import make_package

ENC = "seeds/001_89907d2348d58a55.txt"
R1998 = "seeds/003_e1dcb4253e9708da.txt"
HEADER = ["reading_id", "document", "quote", "quote_start", "quote_end", "subject_id", "property_id", "scope",
          "modality", "value_min", "value_max", "value_date_start", "value_date_end", "attribution_chain",
          "confidence_rule"]
GOV = "event:gorno-badakhshan-clashes-2012"
# (id, document, quote, subject, property, scope, modality, min, max, chain, rule)
SECOND_READING = [
    ("b1", ENC, "no soldiers or civilians had been killed", GOV, "killed", "government", "asserted", "0", "0",
     "organisation:tajik-state-television", "C2"),  # = fixture a001
    ("b2", ENC, "at least 12 soldiers", GOV, "killed", "government", "asserted", "12", "12",
     "organisation:bbc-news", "C2"),  # a002, other bounds
    ("b3", ENC, "twenty soldiers had been killed", GOV, "killed", "government", "asserted", "20", "", "", "C1"),
    # a004: other chain and rule
    ("b4", ENC, "23 soldiers had been wounded", GOV, "wounded", "government", "asserted", "23", "23",
     "organisation:tajik-state-television", "C2"),  # not in the fixture
    ("b5", ENC, "12 dead soldiers", GOV, "killed", "rebels", "asserted", "12", "12", "organisation:al-jazeera",
     "C2"),  # a005's span, other scope: no match
    ("b6", ENC, "accused the forces of Tolib Ayyombekov", "event:nazarov-killing-2012", "held-responsible", "",
     "asserted", "", "", "organisation:government-of-tajikistan", "C3"),  # b001, other modality
    ("b7", R1998, "39 government soldiers have been killed", "event:khujand-rebellion-1998", "killed", "government",
     "asserted", "39", "39", "person:zafar-saidov", "C1"),  # = c001
]


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory) -> Path:
    return make_package(tmp_path_factory.mktemp("agreement") / "package")


@pytest.fixture(scope="module")
def reading_file(fixture_root, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reading") / "reading.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for ref, document, quote, subject, prop, scope, modality, low, high, chain, rule in SECOND_READING:
            span = locate((fixture_root / document).read_text(encoding="utf-8"), quote)
            writer.writerow([ref, document, quote, span.start, span.end, subject, prop, scope, modality, low, high,
                             "", "", chain, rule])
    return path


def test_figures_on_the_fixture(fixture_root, reading_file, cli):
    result = cli("agreement", fixture_root, reading_file, "--json", "--details")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    figures = payload["figures"]
    assert {k: figures[k] for k in ("readings_a", "readings_b", "matched", "only_a", "only_b")} == {
        "readings_a": 10, "readings_b": 7, "matched": 5, "only_a": 5, "only_b": 2}
    assert (figures["equal_bounds"], figures["matched_with_bounds"], figures["share_equal_bounds"]) == (3, 4, 0.75)
    assert (figures["equal_modality"], figures["equal_attribution_chain"], figures["equal_confidence_rule"]) == (4, 4, 4)
    assert figures["share_equal_modality"] == 0.8
    assert sorted(r["ref"] for r in payload["only_b"]) == ["b4", "b5"]
    assert sorted(r["ref"].rsplit("/", 1)[1] for r in payload["only_a"]) == [
        "0000a003", "0000a005", "0000a006", "0000b002", "0000c002"]
    differing = {pair["b"]["ref"]: pair["differ_in"] for pair in payload["differing_pairs"]}
    assert differing == {"b2": ["bounds"], "b3": ["attribution chain", "confidence rule"], "b6": ["modality"]}
    assert payload["documents"][R1998]["matched"] == 1 and payload["documents"][R1998]["only_a"] == 1


def test_text_output_names_the_figures(fixture_root, reading_file, cli):
    result = cli("agreement", fixture_root, reading_file)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2].split() == ["found", "by", "both", "(matched)", "5"]
    assert lines[5].split()[-4:] == ["3", "of", "4", "(0.750)"]
    assert f"{R1998}: both 1, A only 1, B only 0; equal bounds 1 of 1 (1.000)" in result.stdout


def test_a_reading_against_itself_agrees_fully(fixture_root, cli):
    result = cli("agreement", fixture_root, fixture_root, "--json")
    figures = json.loads(result.stdout)["figures"]
    assert figures["matched"] == figures["readings_a"] and figures["only_a"] == figures["only_b"] == 0
    assert {figures[k] for k in figures if k.startswith("share_")} == {1.0}


@pytest.mark.parametrize("row, message", [
    ({"quote_start": "x1"}, "[reading-offset] 'x1' is not a whole number"),
    ({"quote_end": "0"}, "[reading-span] quote_end 0 is not after quote_start"),
    ({"property_id": ""}, "[reading-required] property_id is empty"),
])
def test_a_bad_reading_file_is_refused_with_its_location(tmp_path, fixture_root, cli, row, message):
    cells = dict(zip(HEADER, ["r1", ENC, "q", "5", "9", GOV, "killed", "government", "asserted", "", "", "", "", "",
                              "C1"]))
    cells.update(row)
    (column_name,) = row
    column = len(",".join(cells[h] for h in HEADER[:HEADER.index(column_name)])) + 2
    path = tmp_path / "bad.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(cells[h] for h in HEADER) + "\n", encoding="utf-8")
    result = cli("agreement", fixture_root, path)
    assert result.exit_code == 1 and f"{path}:2:{column}: {message}" in result.stderr, result.output
    assert "Traceback" not in result.output


def test_missing_columns_and_missing_inputs(tmp_path, fixture_root, cli):
    path = tmp_path / "short.csv"
    path.write_text("document,quote_start\n", encoding="utf-8")
    result = cli("agreement", fixture_root, path)
    assert result.exit_code == 1 and "[reading-header] missing column(s) quote_end" in result.stderr
    result = cli("agreement", fixture_root, tmp_path / "absent.csv")
    assert result.exit_code == 2 and "not found" in result.stderr


def reading(ref, start, end, subject="s", prop="p", scope="", document="d"):
    return agreement.Reading(ref, document, start, end, subject, prop, scope, "asserted", ("", "", "", ""), (), "C1")


def test_each_reading_is_matched_once_best_pair_first():
    a = [reading("a1", 0, 10)]
    b = [reading("b1", 8, 20), reading("b2", 0, 9), reading("b3", 0, 10, subject="other")]
    result = agreement.compare(a, b)
    assert [(x.ref, y.ref) for x, y in result.pairs] == [("a1", "b2")]
    assert [r.ref for r in result.only_b] == ["b3", "b1"]  # in document order
    # Same subject outranks a larger overlap.
    result = agreement.compare([reading("a1", 0, 10)], [reading("b1", 0, 10, subject="x"), reading("b2", 5, 10)])
    assert [(x.ref, y.ref) for x, y in result.pairs] == [("a1", "b2")]
    # Touching spans do not overlap (end exclusive); another document never matches.
    assert agreement.compare([reading("a1", 0, 10)], [reading("b1", 10, 12)]).pairs == []
    assert agreement.compare([reading("a1", 0, 10)], [reading("b1", 0, 10, document="e")]).pairs == []


spans = st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from("pq"), st.sampled_from(["", "g"]),
                  st.sampled_from("st"))


def readings_from(prefix: str, items) -> list[agreement.Reading]:
    return [reading(f"{prefix}{i}", start, start + length, subject, prop, scope)
            for i, (start, length, prop, scope, subject) in enumerate(items)]


def rule_holds(a: agreement.Reading, b: agreement.Reading) -> bool:
    return (a.document, a.prop, a.scope) == (b.document, b.prop, b.scope) and a.start < b.end and b.start < a.end


@settings(max_examples=60, deadline=None)
@given(st.lists(spans, max_size=12), st.lists(spans, max_size=12))
def test_matching_is_one_to_one_maximal_and_accounts_for_every_reading(first, second):
    a, b = readings_from("a", first), readings_from("b", second)
    result = agreement.compare(a, b)
    figures = result.figures()
    assert figures["matched"] + figures["only_a"] == len(a) and figures["matched"] + figures["only_b"] == len(b)
    assert all(rule_holds(x, y) for x, y in result.pairs)
    assert len({x.ref for x, _ in result.pairs}) == len({y.ref for _, y in result.pairs}) == len(result.pairs)
    assert not any(rule_holds(x, y) for x in result.only_a for y in result.only_b)
    swapped = agreement.compare(b, a)
    assert {(y.ref, x.ref) for x, y in swapped.pairs} <= {(x.ref, y.ref) for x, y in result.pairs} | {
        (x.ref, y.ref) for x in a for y in b if rule_holds(x, y)}


def test_the_committed_second_reading_quotes_its_seeds_exactly():
    from conftest import ROOT

    path = ROOT / "extraction/second-reading/reading.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        text = (ROOT / row["document"]).read_text(encoding="utf-8")
        assert text[int(row["quote_start"]):int(row["quote_end"])] == row["quote"], row["reading_id"]
