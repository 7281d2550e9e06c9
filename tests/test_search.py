"""The shared search over items of any kind (find, similar): folding, ranking, did-you-mean, on
small fixed items and generated names. The entity layer (search, rank) is tested in test_vocab.py."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from claims import search

ENTITY_ROWS = [
    {"entity_id": "event:gorno-badakhshan-clashes-2012", "canonical_name": "2012 Gorno-Badakhshan clashes"},
    {"entity_id": "place:khorog", "canonical_name": "Khorog"},
    {"entity_id": "event:khorog-negotiations-2012", "canonical_name": "Khorog negotiations (July 2012)"},
    {"entity_id": "person:zafar-saidov", "canonical_name": "Zafar Saidov"},
    {"entity_id": "person:khairullo-saidov", "canonical_name": "Khairullo Saidov"},
    {"entity_id": "place:khujand", "canonical_name": "Khujand"},
    {"entity_id": "person:emomali-rahmon", "canonical_name": "Emomali Rahmon"},
]
ALIAS_ROWS = [
    {"entity_id": "event:gorno-badakhshan-clashes-2012", "alias": "the clashes in Khorog"},
    {"entity_id": "person:zafar-saidov", "alias": "Saidov"},
    {"entity_id": "person:khairullo-saidov", "alias": "Saidov"},
    {"entity_id": "person:emomali-rahmon", "alias": "Emomalí Rahmón"},
    {"entity_id": "place:khujand", "alias": "Ходжент"},
]
ITEMS = search.entities(ENTITY_ROWS, ALIAS_ROWS)


def found(text, limit=10):
    return [(match.key, match.score) for match in search.find(ITEMS, text, limit)]


def test_fold_drops_accents_case_and_punctuation():
    assert search.fold("  Gorno–BADAKHSHAN  ") == "gorno badakhshan"
    assert search.fold("Emomalí Rahmón") == search.fold("emomali rahmon") == "emomali rahmon"
    assert search.fold("Łódź, Øresund; Straße") == "lodz oresund strasse"
    assert search.fold("event:gorno-badakhshan-clashes-2012") == "event gorno badakhshan clashes 2012"


def test_words_in_any_order_find_an_alias_and_a_fuller_cover_ranks_first():
    assert found("Khorog clashes") == [("event:gorno-badakhshan-clashes-2012", 0.9)]
    assert found("khorog") == [("place:khorog", 1.0), ("event:gorno-badakhshan-clashes-2012", 0.9),
                               ("event:khorog-negotiations-2012", 0.9)]
    fact = search.Named("fact", "event:gorno-badakhshan-clashes-2012|killed", "killed",
                        ("the clashes in Khorog killed",))
    assert [m.key for m in search.find([fact, *ITEMS], "clashes in Khorog")] == [
        "event:gorno-badakhshan-clashes-2012", "event:gorno-badakhshan-clashes-2012|killed"]


def test_accents_and_case_do_not_matter_either_way():
    assert found("EMOMALI RAHMON", 1) == [("person:emomali-rahmon", 1.0)]
    assert found("rahmón", 1) == [("person:emomali-rahmon", 0.9)]
    assert found("ходжент") == [("place:khujand", 1.0)]


def test_a_shared_name_matches_each_entity_equally():
    assert found("saidov") == [("person:khairullo-saidov", 1.0), ("person:zafar-saidov", 1.0)]


def test_contained_words_and_ids():
    assert found("Gorno Bad") == [("event:gorno-badakhshan-clashes-2012", 0.8)]
    assert found("afar sai") == [("person:zafar-saidov", 0.8)]
    assert found("event:gorno-badakhshan-clashes-2012") == [("event:gorno-badakhshan-clashes-2012", 1.0)]


def test_nothing_found_for_empty_or_punctuation_only_queries():
    assert found("") == found(" -- ") == found("nobody at all") == []


def test_similar_ranks_misspellings_and_unknown_ids():
    assert [m.key for m in search.similar(ITEMS, "Kujand", limit=1)] == ["place:khujand"]
    assert [m.key for m in search.similar(ITEMS, "event:khorog-negotiation", limit=1)] == [
        "event:khorog-negotiations-2012"]
    assert search.similar(ITEMS, "zzzzqqq") == []


def test_named_merges_rows_with_one_key_and_keeps_the_first_label():
    rows = [{"id": "f1", "title": "First", "other": "alpha"}, {"id": "f1", "title": "Again", "other": ["beta"]}]
    assert search.named(rows, "fact", "id", "title", ["other"]) == [
        search.Named("fact", "f1", "First", ("First", "alpha", "Again", "beta"))]


def test_described_names_key_and_label():
    assert [search.described(m) for m in search.find(ITEMS, "Zafar", 1)] == ["person:zafar-saidov (Zafar Saidov)"]


def test_a_long_hostile_query_is_cut_not_compared_in_full():
    assert search.fold("khorog " * 10_000) == search.fold(("khorog " * 10_000)[:search.LONGEST])
    assert [m.key for m in search.find(ITEMS, "khorog " * 10_000)] == []  # its last word is cut to "khor"
    assert search.similar(ITEMS, "x" * 100_000) == []


names = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "Pd")), min_size=1, max_size=30)


def _accented(text: str) -> str:
    return "".join(char + "\u0301" if char.isascii() and char.isalpha() else char for char in text)


@settings(max_examples=60, deadline=None)
@given(name=names, other=names)
def test_any_name_finds_its_item_first_in_any_case_and_accents(name, other):
    if not search.fold(name):
        return
    items = [search.Named("entity", "x:one", name, (name,)), search.Named("entity", "x:two", other, (other,))]
    for query in (name, name.upper(), unicodedata.normalize("NFC", _accented(name))):
        assert "x:one" in {m.key for m in search.find(items, query) if m.score == 1.0}


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=40))
def test_fold_is_idempotent_and_search_never_fails(text):
    assert search.fold(search.fold(text)) == search.fold(text)
    assert all(search.FOUND <= match.score <= 1 for match in search.find(ITEMS, text, None))
