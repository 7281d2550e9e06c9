"""The commands that change or extend what is there: deprecate, correct, add-alias,
add-exclusion. Checked before writing, located refusals, nothing deleted, ids never reused."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.authoring import read_rows

from breakage import edit_row
from test_contrib import EVENT, FIXTURE, KILLED, SOURCE, claim_rows, contrib_copy, errors  # noqa: F401

SEED = FIXTURE.read_text(encoding="utf-8")
GOVERNOR = "person:ana-sample:said:the regional governor said"


def table_bytes(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "claims").glob("*.csv"))}


@pytest.fixture
def with_claim(contrib_copy, cli) -> tuple[Path, str]:  # noqa: F811
    """The fixture package with one claim whose figure is wrong (4 where the governor says three)."""
    args = [a if a != "3" else "4" for a in KILLED]
    result = cli("add-claim", *args, "--occurrence", "1", "--attribution", GOVERNOR, "--root", contrib_copy)
    assert result.exit_code == 0, result.output
    return contrib_copy, result.stdout.strip()


# deprecate ------------------------------------------------------------------------------------------

def test_deprecate_keeps_the_row_with_its_reason(with_claim, cli):
    root, claim_id = with_claim
    before = claim_rows(root)
    result = cli("deprecate", claim_id, "--reason", "the figure is misread", "--root", root)
    assert result.exit_code == 0, result.output
    assert result.stdout == claim_id + "\n"
    after = claim_rows(root)
    assert list(after) == list(before)  # nothing dropped, nothing added
    assert after[claim_id] == {**before[claim_id], "status": "deprecated",
                               "deprecation_reason": "the figure is misread"}
    assert errors(root) == []


def test_deprecate_refuses_twice_an_empty_reason_and_an_unknown_id(with_claim, cli):
    root, claim_id = with_claim
    assert cli("deprecate", claim_id, "--reason", "withdrawn", "--root", root).exit_code == 0
    before = table_bytes(root)
    again = cli("deprecate", claim_id, "--reason", "again", "--root", root)
    assert again.exit_code == 1 and f"claim {claim_id} is already deprecated (withdrawn)" in again.stderr
    empty = cli("deprecate", claim_id, "--reason", " ", "--root", root)
    assert empty.exit_code == 2 and "--reason is empty" in empty.stderr
    typo = claim_id[:-1] + ("0" if claim_id[-1] != "0" else "1")
    unknown = cli("deprecate", typo, "--reason", "x", "--root", root)
    assert unknown.exit_code == 1
    assert f"error: no claim {typo!r}; did you mean {claim_id}" in unknown.stderr
    assert table_bytes(root) == before


# correct --------------------------------------------------------------------------------------------

def test_correct_deprecates_the_old_claim_and_writes_the_corrected_one(with_claim, cli):
    root, claim_id = with_claim
    result = cli("correct", claim_id, "--reason", "the governor says three", "--number", "3",
                 "--confidence-rule", "C3", "--root", root)
    assert result.exit_code == 0, result.output
    new_id = result.stdout.strip()
    assert new_id != claim_id and new_id.startswith(SOURCE + "/")
    rows = claim_rows(root)
    old, new = rows[claim_id], rows[new_id]
    assert (old["status"], old["deprecation_reason"]) == ("deprecated", f"corrected by {new_id}: the governor says three")
    assert (old["value_number"], old["value_min"], old["confidence"]) == ("4", "4", "0.8")  # history as it was
    assert (new["status"], new["value_number"], new["value_min"], new["value_max"]) == ("active", "3", "3", "3")
    assert (new["confidence_rule"], new["confidence"]) == ("C3", "0.6")
    assert (new["quote"], new["quote_start"]) == (old["quote"], old["quote_start"])
    chain = [(r["agent_id"], r["evidence_start"]) for r in read_rows(root, "attributions") if r["claim_id"] == new_id]
    assert chain == [("person:ana-sample", str(SEED.index("the regional governor said")))]
    assert errors(root) == []


def test_correct_copies_the_chain_with_its_notes(with_claim, cli):
    root, claim_id = with_claim
    link_note = "the governor spoke at a press conference"
    edit_row(root / "claims/attributions.csv", "claim_id", claim_id, note=link_note)
    result = cli("correct", claim_id, "--reason", "the governor says three", "--number", "3", "--root", root)
    assert result.exit_code == 0, result.output
    links = {r["claim_id"]: r for r in read_rows(root, "attributions")}
    new = links[result.stdout.strip()]
    assert {k: v for k, v in new.items() if k != "claim_id"} == {k: v for k, v in links[claim_id].items()
                                                                 if k != "claim_id"}
    assert new["note"] == link_note and errors(root) == []


def test_correct_relocates_the_quote_and_rederives_what_was_hand_edited(with_claim, cli):
    root, claim_id = with_claim
    start = SEED.index("Three police officers were killed")
    edit_row(root / "claims/claims.csv", "claim_id", claim_id, quote_start=str(start + 1), quote_end=str(start + 34),
             value_min="5", confidence="0.3")
    assert {"quote-in-seed", "value-bounds", "confidence-rubric"} <= {p.split("[")[1].split("]")[0]
                                                                      for p in errors(root)}
    result = cli("correct", claim_id, "--reason", "offsets and figure", "--number", "3", "--root", root)
    assert result.exit_code == 0, result.output
    new = claim_rows(root)[result.stdout.strip()]
    assert (new["quote_start"], new["quote_end"], new["value_min"], new["confidence"]) == (
        str(start), str(start + 33), "3", "0.8")
    assert errors(root) == []  # the deprecated row's derived columns were worked out again too


def test_correct_checks_before_writing_and_suggests(with_claim, cli):
    root, claim_id = with_claim
    before = table_bytes(root)
    result = cli("correct", claim_id, "--reason", "x", "--subject", EVENT.replace("clash", "clsh"), "--root", root)
    assert result.exit_code == 1
    assert f"did you mean {EVENT} (Exampleville clash)?" in result.stderr
    bad_clear = cli("correct", claim_id, "--reason", "x", "--clear", "quote", "--root", root)
    assert bad_clear.exit_code == 2 and "--clear quote: not a column a correction can empty" in bad_clear.stderr
    assert table_bytes(root) == before


# add-alias ------------------------------------------------------------------------------------------

def test_add_alias_records_a_spelling_the_seed_writes(contrib_copy, cli):  # noqa: F811
    result = cli("add-alias", "person:ana-sample", "the regional governor", "--kind", "descriptive",
                 "--source", SOURCE, "--root", contrib_copy)
    assert result.exit_code == 0, result.output
    assert {"entity_id": "person:ana-sample", "alias": "the regional governor", "alias_kind": "descriptive",
            "source_id": SOURCE} in read_rows(contrib_copy, "aliases")
    found = cli("show", "The Regional Governor", "--root", contrib_copy)
    assert found.exit_code == 0 and "entity person:ana-sample" in found.stdout


def test_add_alias_refuses_a_spelling_not_in_the_seed_and_a_repeat(contrib_copy, cli):  # noqa: F811
    before = table_bytes(contrib_copy)
    missing = cli("add-alias", "person:ana-sample", "Anna Sample", "--kind", "transliteration", "--source", SOURCE,
                  "--root", contrib_copy)
    assert missing.exit_code == 1 and f"alias 'Anna Sample' is not written in the seed of {SOURCE}" in missing.stderr
    assert table_bytes(contrib_copy) == before
    args = ["add-alias", "person:ana-sample", "Ana Sample", "--kind", "canonical", "--root", contrib_copy]
    assert cli(*args).exit_code == 0
    repeat = cli(*args)
    assert repeat.exit_code == 1 and "[primary-key]" in repeat.stderr


# add-exclusion --------------------------------------------------------------------------------------

def test_add_exclusion_locates_the_number_and_coverage_stops_listing_it(contrib_copy, cli):  # noqa: F811
    text = "11"  # written twice: the lead paragraph is repeated
    listed = cli("coverage", "--json", "--root", contrib_copy).stdout
    assert f'"text": "{text}"' in listed
    ambiguous = cli("add-exclusion", SOURCE, text, "--reason", "Test: left out.", "--root", contrib_copy)
    assert SEED.count(text) > 1 and ambiguous.exit_code == 1 and "choose one with --occurrence N" in ambiguous.stderr
    result = cli("add-exclusion", SOURCE, text, "--reason", "Test: left out.", "--occurrence", "1",
                 "--root", contrib_copy)
    assert result.exit_code == 0, result.output
    start = SEED.index(text)
    assert result.stdout == f"{SOURCE}:{start}-{start + 2}: {text}\n"
    assert {"source_id": SOURCE, "text": text, "start": str(start), "end": str(start + 2),
            "reason": "Test: left out."} in read_rows(contrib_copy, "exclusions")
    assert errors(contrib_copy) == []
