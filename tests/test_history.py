"""claims validate --base: the history checks, on the frozen views fixture and changes to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claims import authoring
from claims.history import changed_words

from conftest import csv_line_of
from pr_scenarios import add_document, loosen_rules, rewrite_evidence
from views_fixture import CLAIMS, make_package


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return make_package(tmp_path_factory.mktemp("history") / "base")


@pytest.fixture
def head(base, tmp_path) -> Path:
    return Path(shutil.copytree(base, tmp_path / "head"))


def problems(cli, head: Path, base: Path, *extra: str) -> tuple[int, list[str]]:
    result = cli("validate", "--root", head, "--base", base, *extra)
    return result.exit_code, [line for line in result.stdout.split("\n") if ": error [" in line]


def test_unchanged_and_added_documents_pass(cli, base, head):
    assert problems(cli, head, base) == (0, [])
    add_document(head)
    assert problems(cli, head, base) == (0, [])


def test_rewritten_evidence_is_refused_with_the_changed_words(cli, base, head):
    seed = rewrite_evidence(head)
    assert cli("validate", "--root", head).exit_code == 0  # on its own the rewrite is consistent
    code, found = problems(cli, head, base)
    seed_text = (head / seed).read_text(encoding="utf-8")
    offset = seed_text.index("ninety")
    line = seed_text.count("\n", 0, offset) + 1
    column = offset - seed_text.rfind("\n", 0, offset)
    assert code == 1
    rewritten = next(line for line in found if "history-seed-changed" in line)
    assert rewritten.startswith(f"{seed}:{line}:{column}: error [history-seed-changed] a published seed was rewritten: ")
    assert "at least [-twenty-]{+ninety+} soldiers" in rewritten
    rules = [line.split("[")[1].split("]")[0] for line in found]
    assert sorted(rules) == ["history-claim-frozen", "history-seed-changed", "history-seed-record"]
    frozen = next(line for line in found if "history-claim-frozen" in line)
    assert f"claims/claims.csv:{csv_line_of(head / 'claims/claims.csv', 'ninety soldiers had')}:" in frozen


def test_removed_claims_and_changed_rules_are_located(cli, base, head):
    removed = CLAIMS[0].claim_id
    authoring.write_table(head, "claims", [r for r in authoring.read_rows(head, "claims") if r["claim_id"] != removed])
    authoring.write_table(head, "attributions", [r for r in authoring.read_rows(head, "attributions")
                                                 if r["claim_id"] != removed])
    loosen_rules(head)
    code, found = problems(cli, head, base)
    assert code == 1
    assert any(f"[history-claim-removed] claim {removed} (base line " in line for line in found)
    rubric_line = csv_line_of(head / "claims/confidence_rubric.csv", "C1,")
    assert any(line.startswith(f"claims/confidence_rubric.csv:{rubric_line}:{len('C1,') + 1}: error [history-rubric-changed] "
                               "confidence_rubric C1: confidence 0.9 -> 7.5") for line in found)
    declared = problems(cli, head, base, "--rules-change")[1]
    assert not any("history-rubric-changed" in line for line in declared)
    assert any("history-claim-removed" in line for line in declared)


def test_property_meaning_changes_but_not_notes(cli, base, head):
    rows = authoring.read_rows(head, "properties")
    rows[0]["notes"] = "a note may change"
    authoring.write_table(head, "properties", rows)
    assert problems(cli, head, base) == (0, [])
    rows[0]["description"] = rows[0]["description"] + " Redefined."
    authoring.write_table(head, "properties", rows)
    code, found = problems(cli, head, base)
    assert code == 1 and len(found) == 1 and f"[history-property-changed] properties {rows[0]['property_id']}: " \
        "description" in found[0]


def test_changed_words_show_context_and_cap():
    assert changed_words("a b c d e f", "a b X d e f") == "…a b [-c-]{+X+} d e…"
    assert changed_words("one two", "one two three") == "…one two{+ three+}…"
    many = changed_words(" ".join(map(str, range(100))), " ".join(str(i + (i % 10 == 0)) for i in range(100)))
    assert many.endswith("(and 5 more changes)") and many.count("[-") == 5
