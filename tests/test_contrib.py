"""The contribution commands: add-source, add-entity, add-claim, fmt; atomic, locked writes."""

from __future__ import annotations

import re

import hashlib
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from claims import contrib, csvio
from claims.authoring import read_rows
from claims.validate import validate

from breakage import rows_of
from conftest import ROOT

FIXTURE = ROOT / "tests/fixtures/example-report.txt"
SOURCE = "example-wire-2031-03-04-exampleville-clash"
EVENT = "event:exampleville-ring-road-clash-2031"
KILLED = ["--source", SOURCE, "--subject", EVENT, "--property", "killed", "--scope", "government",
          "--value", "Three police officers", "--qualifier", "exact", "--number", "3",
          "--quote", "Three police officers were killed", "--confidence-rule", "C2"]


def add_source(cli, root: Path, *extra: str):
    return cli("add-source", FIXTURE, "--root", root, "--source-id", SOURCE, "--title", "Exampleville clash",
               "--rights", "Invented test fixture.", "--published", "2031-03-04",
               "--published-note", "Dateline of the report.", *extra)


@pytest.fixture
def contrib_copy(package_copy, cli) -> Path:
    """A copy with the fixture document and the walk-through's entities added."""
    assert add_source(cli, package_copy).exit_code == 0
    for entity, name in ((EVENT, "Exampleville clash"), ("person:ana-sample", "Ana Sample")):
        result = cli("add-entity", entity, "--name", name, "--description", "Invented.", "--root", package_copy)
        assert result.exit_code == 0, result.output
    return package_copy


def claim_rows(root: Path) -> dict[str, dict]:
    return {row["claim_id"]: row for row in read_rows(root, "claims")}


def errors(root: Path) -> list[str]:
    return [p.render() for p in validate(root).errors]


# add-source -----------------------------------------------------------------------------------------

def test_add_source_copies_bytes_records_hash_and_syncs(contrib_copy, cli):
    seed = contrib_copy / f"seeds/{SOURCE}.txt"
    assert seed.read_bytes() == FIXTURE.read_bytes()
    row = next(r for r in read_rows(contrib_copy, "sources") if r["source_id"] == SOURCE)
    assert row["sha256"] == hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert row["byte_size"] == str(len(FIXTURE.read_bytes()))
    assert (row["published_start"], row["published_end"], row["published_precision"]) == ("2031-03-04",) * 2 + ("day",)
    assert cli("sync", "--check", "--root", contrib_copy).exit_code == 0
    assert errors(contrib_copy) == []


def test_add_source_refuses_the_same_document_twice(contrib_copy, cli):
    result = cli("add-source", FIXTURE, "--root", contrib_copy, "--source-id", "another-id", "--title", "t",
                 "--rights", "r")
    assert result.exit_code == 1
    assert f"already in the package as source {SOURCE}" in result.stderr


def test_add_source_refuses_to_overwrite_a_different_file(package_copy, cli, tmp_path):
    (package_copy / f"seeds/{SOURCE}.txt").write_text("something else\n", encoding="utf-8")
    before = (package_copy / "claims/sources.csv").read_bytes()
    result = add_source(cli, package_copy)
    assert result.exit_code == 1 and "already exists with other content" in result.stderr
    assert (package_copy / "claims/sources.csv").read_bytes() == before


def test_add_source_refuses_non_utf8(package_copy, cli, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\u00e9\n".encode("latin-1"))
    result = cli("add-source", latin, "--root", package_copy, "--source-id", "latin", "--title", "t", "--rights", "r")
    assert result.exit_code == 1 and "not UTF-8" in result.stderr


def test_add_source_refuses_invalid_metadata_and_writes_nothing(package_copy, cli):
    before = sorted(p.name for p in (package_copy / "seeds").iterdir())
    result = add_source(cli, package_copy, "--kind", "blog-post")
    assert result.exit_code == 1
    assert "document_kind" in result.stderr and "[record-enum]" in result.stderr
    assert sorted(p.name for p in (package_copy / "seeds").iterdir()) == before


def test_add_source_bad_date_is_a_usage_error(package_copy, cli):
    assert add_source(cli, package_copy, "--published", "4 March 2031").exit_code == 2


# add-claim ------------------------------------------------------------------------------------------

def test_add_claim_derives_offsets_bounds_confidence_and_chain(contrib_copy, cli):
    result = cli("add-claim", *KILLED, "--occurrence", "1", "--root", contrib_copy,
                 "--attribution", "person:ana-sample:said:the regional governor said", "--extracted-by", "tester")
    assert result.exit_code == 0, result.output
    claim_id = result.stdout.strip()
    assert claim_id.startswith(SOURCE + "/") and len(claim_id) == len(SOURCE) + 9
    row = claim_rows(contrib_copy)[claim_id]
    seed = FIXTURE.read_text(encoding="utf-8")
    start = seed.index("Three police officers were killed")
    assert (row["quote_start"], row["quote_end"]) == (str(start), str(start + 33))
    assert (row["value_min"], row["value_max"], row["confidence"]) == ("3", "3", "0.8")
    stated = re.search(r"Guideline version: \*\*(.+?)\*\*", (contrib_copy / "docs/model.md").read_text(encoding="utf-8"))
    assert row["extracted_by"] == "tester" and row["guideline_version"] == stated.group(1)
    chain = [r for r in read_rows(contrib_copy, "attributions") if r["claim_id"] == claim_id]
    evidence = seed.index("the regional governor said")  # the first of two: the one nearest the quote
    assert [(r["position"], r["evidence_start"]) for r in chain] == [("1", str(evidence))]
    assert errors(contrib_copy) == []


def test_add_claim_refuses_a_repeated_quote_listing_candidates(contrib_copy, cli):
    before = (contrib_copy / "claims/claims.csv").read_bytes()
    result = cli("add-claim", *KILLED, "--root", contrib_copy)
    assert result.exit_code == 1
    assert "occurs 2 times" in result.stderr and "#1 at offset" in result.stderr and "#2 at offset" in result.stderr
    assert (contrib_copy / "claims/claims.csv").read_bytes() == before


def test_add_claim_prefix_chooses_an_occurrence(contrib_copy, cli):
    result = cli("add-claim", *KILLED, "--prefix", "(Example Wire) - ", "--root", contrib_copy)
    assert result.exit_code == 0, result.output
    seed = FIXTURE.read_text(encoding="utf-8")
    row = claim_rows(contrib_copy)[result.stdout.strip()]
    assert row["quote_start"] == str(seed.index("(Example Wire) - Three") + len("(Example Wire) - "))


def test_add_claim_with_straight_quotes_names_the_curly_ones(contrib_copy, cli):
    args = [a if a != "Three police officers were killed" else 'lasted "about four hours"' for a in KILLED]
    result = cli("add-claim", *args, "--root", contrib_copy)
    assert result.exit_code == 1
    assert "“ (U+201C left double quotation mark) where you wrote \" (U+0022 quotation mark)" in result.stderr


def test_add_claim_checks_the_new_row_before_writing(contrib_copy, cli):
    before = {p: (contrib_copy / p).read_bytes() for p in ("claims/claims.csv", "claims/attributions.csv")}
    args = [a if a != "government" else "rebels+government" for a in KILLED]
    result = cli("add-claim", *args, "--occurrence", "1", "--root", contrib_copy,
                 "--attribution", "person:nobody:said:the regional governor said")
    assert result.exit_code == 1
    assert "[scope-matches-property]" in result.stderr and "[foreign-key]" in result.stderr
    assert {p: (contrib_copy / p).read_bytes() for p in before} == before


def test_add_claim_unknown_source_or_rule_is_refused(contrib_copy, cli):
    args = [a if a != SOURCE else "no-such-source" for a in KILLED]
    assert "add-source" in cli("add-claim", *args, "--root", contrib_copy).stderr
    args = [a if a != "C2" else "C99" for a in KILLED]
    assert "no rubric rule 'C99'" in cli("add-claim", *args, "--occurrence", "1", "--root", contrib_copy).stderr


def test_add_claim_prints_lint_warnings_but_writes(contrib_copy, cli):
    args = [a if a != "Three police officers" else "Four police officers (4)" for a in KILLED]
    result = cli("add-claim", *args, "--occurrence", "1", "--root", contrib_copy)
    assert result.exit_code == 0
    assert "[lint-number-in-quote]" in result.stderr


# fmt ------------------------------------------------------------------------------------------------

def test_fmt_restores_canonical_order_quoting_and_line_endings(package_copy, cli):
    path = package_copy / "claims/claims.csv"
    canonical = path.read_bytes()
    header, rows = rows_of(path)
    path.write_bytes(b"\xef\xbb\xbf" + csvio.dumps(header, rows[::-1]).replace("\n", "\r\n").encode("utf-8"))
    check = cli("fmt", "--check", "--root", package_copy)
    assert check.exit_code == 1 and "claims/claims.csv" in check.stderr
    assert cli("fmt", "--root", package_copy).exit_code == 0
    assert path.read_bytes() == canonical
    assert cli("fmt", "--check", "--root", package_copy).exit_code == 0


def test_fmt_refuses_what_needs_a_decision_and_writes_nothing(package_copy, cli):
    (package_copy / "claims/aliases.csv").write_bytes(b"\xef\xbb\xbf" + (package_copy / "claims/aliases.csv").read_bytes())
    broken = package_copy / "claims/entities.csv"
    broken.write_text(broken.read_text(encoding="utf-8") + '"unclosed\n', encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (package_copy / "claims").glob("*.csv")}
    result = cli("fmt", "--root", package_copy)
    assert result.exit_code == 1 and "[csv-unclosed-quote]" in result.stderr
    assert {p.name: p.read_bytes() for p in (package_copy / "claims").glob("*.csv")} == before


# Atomic, locked writes ----------------------------------------------------------------------------

def _add_numbered_claim(root: str, number: int) -> str:
    request = contrib.ClaimRequest({"source_id": SOURCE, "subject_id": EVENT, "property_id": "killed",
                                    "scope": "government", "modality": "asserted",
                                    # a value of its own: the same claim twice would be refused (claim-duplicate)
                                    "value": f"Three police officers, as writer {chr(97 + number)} read it",
                                    "value_qualifier": "exact", "value_number": "3", "extracted_by": f"writer {number}"},
                                   "Three police officers were killed", "C2", occurrence=1)
    return contrib.add_claim(Path(root), request)[0]


def test_concurrent_writers_lose_no_row(contrib_copy):
    writers = 6
    with multiprocessing.get_context("spawn").Pool(writers) as pool:
        ids = pool.starmap(_add_numbered_claim, [(str(contrib_copy), n) for n in range(writers)])
    rows = claim_rows(contrib_copy)
    assert set(ids) <= set(rows)
    assert sorted(rows[i]["extracted_by"] for i in ids) == sorted(f"writer {n}" for n in range(writers))
    assert errors(contrib_copy) == []


def test_failed_rename_leaves_tables_intact(contrib_copy, monkeypatch):
    before = {p.name: p.read_bytes() for p in (contrib_copy / "claims").iterdir()}

    def refuse(*args):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        _add_numbered_claim(str(contrib_copy), 1)
    assert {p.name: p.read_bytes() for p in (contrib_copy / "claims").iterdir()} == before


KILLABLE = """
import os, sys, time
marker = sys.argv.pop(1)
def stuck(fd):  # the data is written to the temporary file; stop here until killed
    open(marker, "w").close()
    time.sleep(600)
os.fsync = stuck
from claims.cli import run
run()
"""


def test_writer_killed_mid_write_leaves_tables_intact(contrib_copy, tmp_path, cli):
    before = {p: (contrib_copy / p).read_bytes() for p in ("claims/claims.csv", "claims/attributions.csv")}
    marker = tmp_path / "mid-write"
    process = subprocess.Popen([sys.executable, "-c", KILLABLE, str(marker), "add-claim", *KILLED, "--occurrence", "1",
                                "--attribution", "person:ana-sample:said:the regional governor said",
                                "--root", str(contrib_copy)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while not marker.exists():
        assert process.poll() is None, process.stderr.read().decode()
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert {p: (contrib_copy / p).read_bytes() for p in before} == before
    assert errors(contrib_copy) == []
    # The lock died with the writer: the next one goes through.
    assert cli("add-claim", *KILLED, "--occurrence", "1", "--root", contrib_copy).exit_code == 0
