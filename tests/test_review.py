"""claims review: the walk-through (interactive) and the scripted forms, on the frozen fixture package."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.authoring import read_rows
from claims.review import printable

from views_fixture import ENCYCLOPEDIA, FACT_BLAME, REPORT_1998, make_package

A004 = f"{ENCYCLOPEDIA}/0000a004"
B001 = f"{ENCYCLOPEDIA}/0000b001"
B002 = f"{ENCYCLOPEDIA}/0000b002"


@pytest.fixture
def root(tmp_path) -> Path:
    return make_package(tmp_path / "package")


def reviews_of(root: Path, claim_id: str) -> list[dict]:
    return [row for row in read_rows(root, "reviews") if row["claim_id"] == claim_id]


def test_list_shows_each_unreviewed_claim_with_its_quote_marked_and_its_reading(root, cli):
    result = cli("review", "--root", root, "--fact", FACT_BLAME, "--list", "--context", "20")
    assert result.exit_code == 0, result.output
    blocks = result.stdout.split("\n\n")
    assert len(blocks) == 2 and result.stderr == "2 unreviewed claim(s)\n"
    lines = blocks[0].splitlines()
    assert lines[0] == f"[1/2] {B001}"
    assert lines[2] == ("    quote:      …he Tajik government >>>accused the forces of Tolib Ayyombekov, a former "
                        "opposition fighter, of responsibility<<<. Ayyombekov had bee…")
    assert lines[3:9] == [
        "    subject:    event:nazarov-killing-2012 (Killing of Abdullo Nazarov)",
        "    property:   held-responsible",
        "    value:      the forces of Tolib Ayyombekov  [entity person:tolib-ayombekov]",
        "    modality:   alleged",
        '    chain:      1 organisation:government-of-tajikistan (accused: "The Tajik government accused")',
        "    confidence: 0.6 (C3)"]


def test_list_of_a_document_leaves_out_reviewed_claims(root, cli):
    result = cli("review", "--root", root, "--document", REPORT_1998, "--json")
    assert result.exit_code == 0, result.output
    import json
    assert [claim["claim_id"] for claim in json.loads(result.stdout)] == [f"{REPORT_1998}/0000c002"]


def test_unknown_document_or_fact_is_a_usage_error(root, cli):
    result = cli("review", "--root", root, "--document", "no-such-source", "--list")
    assert result.exit_code == 2 and "no document 'no-such-source'" in result.stderr
    result = cli("review", "--root", root, "--fact", "event:x|killed", "--list")
    assert result.exit_code == 2 and "no active claim has the fact" in result.stderr


def test_scripted_verdict_is_appended_with_reviewer_date_and_method(root, cli):
    before = read_rows(root, "reviews")
    result = cli("review", "--root", root, "--claim", B002, "--verdict", "confirmed", "--reviewer", "ann",
                 "--date", "2026-02-03")
    assert result.exit_code == 0, result.output
    assert result.stderr == "recorded 1 review(s) by ann on 2026-02-03\n"
    rows = read_rows(root, "reviews")
    assert len(rows) == len(before) + 1 and all(row in rows for row in before)
    assert reviews_of(root, B002) == [{"claim_id": B002, "reviewer": "ann", "reviewed_on": "2026-02-03",
                                       "verdict": "confirmed", "method": "walk-through"}]
    assert cli("validate", "--root", root).exit_code == 0


@pytest.mark.parametrize("args, message", [
    (("--claim", A004, "--verdict", "disputed"), "[review-reason]"),
    (("--claim", A004, "--verdict", "corrected", "--note", "wrong span"), "[review-replacement]"),
    (("--claim", A004, "--verdict", "confirmed", "--replaced-by", B001), "[review-replacement-verdict]"),
    (("--claim", f"{ENCYCLOPEDIA}/ffffffff", "--verdict", "confirmed"), "[foreign-key]"),
    (("--claim", A004, "--verdict", "confirmed", "--reviewer", "test fixture"), "a review is a second pair of eyes"),
    (("--claim", f"{ENCYCLOPEDIA}/0000a001", "--verdict", "confirmed", "--reviewer", "reviewer one",
      "--date", "2026-01-01"), "[primary-key]"),
])
def test_refused_verdicts_write_nothing(root, cli, args, message):
    before = (root / "claims/reviews.csv").read_bytes()
    result = cli("review", "--root", root, "--reviewer", "ann", *args)
    assert result.exit_code == 1 and message in result.stderr, result.output
    assert (root / "claims/reviews.csv").read_bytes() == before


def test_bad_verdict_word_is_a_usage_error(root, cli):
    result = cli("review", "--root", root, "--claim", A004, "--verdict", "fine")
    assert result.exit_code == 2 and "verdict 'fine': use one of confirmed, corrected, disputed" in result.stderr


def test_verdicts_file_records_every_row_or_none(root, cli, tmp_path):
    good = tmp_path / "verdicts.csv"
    good.write_text(f"claim_id,verdict,note\n{A004},confirmed,\n{B001},disputed,\"reads C2, not C3\"\n",
                    encoding="utf-8")
    result = cli("review", "--root", root, "--verdicts", good, "--reviewer", "ann", "--date", "2026-02-03")
    assert result.exit_code == 0, result.output
    assert [row["verdict"] for row in reviews_of(root, A004) + reviews_of(root, B001)] == ["confirmed", "disputed"]
    assert reviews_of(root, B001)[0]["note"] == "reads C2, not C3"
    bad = tmp_path / "bad.csv"
    bad.write_text(f"claim_id,verdict\n{B002},confirmed\n{B002},maybe\n", encoding="utf-8")
    before = (root / "claims/reviews.csv").read_bytes()
    result = cli("review", "--root", root, "--verdicts", bad, "--reviewer", "ann")
    assert result.exit_code == 2 and f"{bad}:3:2: verdict 'maybe'" in result.stderr
    assert (root / "claims/reviews.csv").read_bytes() == before


def test_walk_through_confirms_disputes_skips_and_quits(root, cli):
    from typer.testing import CliRunner

    from claims.cli import app

    # The fact has two unreviewed claims: confirm the first; for the second, an empty reason is asked again.
    result = CliRunner().invoke(app, ["review", "--root", str(root), "--fact", FACT_BLAME, "--reviewer", "ann",
                                      "--date", "2026-02-03"], input="c\nd\n\nreads the denial as C1\n")
    assert result.exit_code == 0, result.output
    assert ">>>Ayyombekov denied any responsibility for Nazarov's death<<<" in result.stdout
    assert result.stderr.endswith("recorded 2 review(s); 0 left unreviewed\n")
    assert [(r["verdict"], r["method"], r.get("note")) for r in reviews_of(root, B001) + reviews_of(root, B002)] == [
        ("confirmed", "walk-through", None), ("disputed", "walk-through", "reads the denial as C1")]
    again = CliRunner().invoke(app, ["review", "--root", str(root), "--document", ENCYCLOPEDIA, "--reviewer", "ann",
                                     "--date", "2026-02-03"], input="s\nq\n")
    assert again.exit_code == 0 and again.stderr.endswith("recorded 0 review(s); 3 left unreviewed\n")


def test_printable_neutralises_terminal_escapes():
    assert printable("a\x1b[31mred\x07\r\u202eb\nc") == "a\\x1b[31mred\\x07\\x0d\\u202eb c"
