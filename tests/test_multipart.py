"""A table resource in several files (path as an array): every part has the header row, and
every engine's errors are located in the part file, at the real line."""

from __future__ import annotations

import duckdb
import pytest

from claims import descriptor
from claims.package import load_package
from claims.validate import validate

from breakage import cell_at, edit_row, rows_of, split_table

FIRST_ROWS = 5


@pytest.fixture
def multipart(package_copy):
    return package_copy, split_table(package_copy, "claims", FIRST_ROWS)


def test_split_package_is_valid_and_builds(multipart, cli):
    root, parts = multipart
    assert [p.render() for p in validate(root).errors] == []
    assert descriptor.frictionless_data_problems(load_package(root)) == []
    assert cli("build", "--root", root).exit_code == 0
    connection = duckdb.connect(str(root / "build/claims.duckdb"), read_only=True)
    try:
        count = connection.execute("SELECT count(*) FROM claims").fetchone()[0]
    finally:
        connection.close()
    assert count == sum(len(rows_of(root / part)[1]) for part in parts)


def test_frictionless_rows_are_mapped_back_to_the_part_and_real_line(multipart):
    root, (first, second) = multipart
    # A three-line cell in the first part: record numbers and file lines now differ.
    edit_row(root / first, "claim_id", rows_of(root / first)[1][0][0], note="one\ntwo\nthree")
    claim_id = rows_of(root / second)[1][-1][0]
    line = edit_row(root / second, "claim_id", claim_id, confidence="high")
    column = cell_at(root / second, "claim_id", claim_id, "confidence")[1]
    problems = descriptor.frictionless_data_problems(load_package(root))
    located = {(p.file, p.line, p.column) for p in problems if p.field == "confidence"}
    assert located == {(second, line, column)}


def test_a_part_without_its_header_is_reported_in_that_part(multipart):
    root, (_, second) = multipart
    text = (root / second).read_text(encoding="utf-8")
    (root / second).write_text(text.split("\n", 1)[1], encoding="utf-8")
    problems = [(p.rule, p.file, p.line) for p in validate(root).errors]
    assert ("csv-header", second, 1) in problems
    assert any("every part of a multipart resource starts with the header row" in p.hint
               for p in validate(root).errors)


def test_a_part_must_end_with_a_newline(multipart):
    root, (first, _) = multipart
    (root / first).write_bytes((root / first).read_bytes().rstrip(b"\n"))
    lines = (root / first).read_text(encoding="utf-8").count("\n") + 1
    assert ("csv-part-newline", first, lines) in [(p.rule, p.file, p.line) for p in validate(root).errors]


def test_fmt_and_add_claim_keep_rows_in_their_parts(multipart, cli):
    root, (first, second) = multipart
    before = rows_of(root / first)[1]
    # the value differs from the committed infobox claim's, or this would be the same claim twice
    result = cli("add-claim", "--source", "encyclopedia-2012-gorno-badakhshan-clashes", "--subject",
                 "event:gorno-badakhshan-clashes-2012", "--property", "killed", "--scope", "government",
                 "--value", "41 (as a test)", "--qualifier", "exact", "--number", "41", "--quote", "Casualties1: 41 killed",
                 "--confidence-rule", "C1", "--root", root)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() in {row[0] for row in rows_of(root / second)[1]}
    assert rows_of(root / first)[1] == before
    assert cli("fmt", "--check", "--root", root).exit_code == 0
