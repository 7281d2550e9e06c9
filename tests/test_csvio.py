"""The located CSV reader: round trips, agreement with Python's csv module, real line numbers."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from claims import csvio

# Any text a cell may hold in a valid file: everything but CR and NUL, which the format forbids.
cell_text = st.text(st.characters(blacklist_characters="\r\x00", blacklist_categories=("Cs",)), max_size=30)
tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda width: st.tuples(st.lists(cell_text, min_size=width, max_size=width),
                            st.lists(st.lists(cell_text, min_size=width, max_size=width), max_size=8)))
# A one-column row holding "" is written as a blank line, which csv.reader skips; the package's
# tables have many columns, so this case never arises in them.
tables = tables.filter(lambda t: not (len(t[0]) == 1 and any(row == [""] for row in [t[0], *t[1]])))


@settings(max_examples=300, deadline=None)
@given(tables)
def test_round_trip_write_then_parse(table):
    header, rows = table
    text = csvio.dumps(header, rows)
    records, problems = csvio.parse(text, "t.csv")
    assert problems == []
    assert [r.values for r in records] == [header, *rows]


@settings(max_examples=300, deadline=None)
@given(tables)
def test_parser_agrees_with_python_csv_module(table):
    header, rows = table
    text = csvio.dumps(header, rows)
    expected = list(csv.reader(io.StringIO(text, newline="")))
    records, _ = csvio.parse(text, "t.csv")
    assert [r.values for r in records] == expected


@settings(max_examples=200, deadline=None)
@given(tables)
def test_record_lines_count_newlines_inside_quoted_cells(table):
    header, rows = table
    text = csvio.dumps(header, rows)
    records, _ = csvio.parse(text, "t.csv")
    for record in records:
        for cell in record.cells:
            start = _offset(text, cell.line, cell.column)
            raw = text[start:]
            if raw.startswith('"'):
                assert raw[1:].replace('""', '"').startswith(cell.text)
            else:
                assert raw.startswith(cell.text)


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(l) + 1 for l in lines[: line - 1]) + column - 1


def test_multiline_cell_error_is_reported_on_its_real_line():
    text = 'a,b\n"one\ntwo",x\n3,"y"z\n'
    records, problems = csvio.parse(text, "t.csv")
    assert [r.line for r in records] == [1, 2]
    assert (problems[0].line, problems[0].column, problems[0].rule) == (4, 6, "csv-stray-quote")


def test_unclosed_quote_points_at_where_the_cell_opens():
    _, problems = csvio.parse('a,b\n1,"never closed\n2,3\n', "t.csv")
    assert (problems[0].line, problems[0].column, problems[0].rule) == (2, 3, "csv-unclosed-quote")


def test_invalid_utf8_is_located():
    text, problems = csvio.decode(b"a,b\nok,\xff\n", "t.csv")
    assert text is None
    assert (problems[0].line, problems[0].column, problems[0].rule) == (2, 4, "csv-encoding")


def test_write_atomic_replaces_whole_file(tmp_path):
    path = tmp_path / "t.csv"
    csvio.write_atomic(path, b"old\n")
    csvio.write_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]
