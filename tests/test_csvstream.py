"""The fast reader (csv module, cells located only for the records kept) reads every file as the
located parser csvio does: the same header, records, cells with the same line and column (in
multi-line cells too), the same problems, on CSV text written by csv.writer and then broken
anywhere by a byte (a stray quote, CR, NUL, a byte that is not UTF-8, a BOM, a blank line)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from claims import csvio, csvstream
from claims.fastpath.gate import WHOLE_RECORDS
from claims.package import load_table
from claims.schemas import RecordSchema

cell_text = st.text(st.characters(blacklist_characters="\r\x00", blacklist_categories=("Cs",)), max_size=12)
cells = st.one_of(cell_text, st.sampled_from(["a\nb", '"q"', "x,y", "", "\n", 'say ""hi""', "é\n\u2028"]))
tables = st.integers(min_value=1, max_value=4).flatmap(
    lambda width: st.lists(st.lists(cells, min_size=width, max_size=width), min_size=1, max_size=6))
BREAKS = [b'"', b",", b"\n", b"\r", b"\x00", b"\xff", b"\xef\xbb\xbf", b"x", b'""', b"\n\n", b""]


def located(records) -> list[tuple]:
    return [(cell.text, cell.line, cell.column) for record in records for cell in record.cells]


def written(rows, breaks) -> bytes:
    data = csvio.dumps(rows[0], rows[1:]).encode("utf-8")
    for at, insert, cut in breaks:
        at = int(at * len(data))
        data = data[:at] + insert + data[at + cut:]
    return data


breaks = st.lists(st.tuples(st.floats(0, 1), st.sampled_from(BREAKS), st.integers(0, 2)), max_size=2)


@settings(max_examples=300, deadline=None)
@given(rows=tables, changes=breaks, keep_every=st.integers(1, 3), final_newline=st.booleans())
def test_fast_reader_reads_what_csvio_reads(tmp_path_factory, rows, changes, keep_every, final_newline):
    data = written(rows, changes)
    if not final_newline:
        data = data.rstrip(b"\n")
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes(data)
    expected = csvio.read_table(path, "t.csv")
    everything = csvstream.scan(path, "t.csv")
    assert everything.problems == expected.problems
    assert everything.header == expected.header
    assert located(r for _, r in everything.records) == located(expected.records)
    if expected.header:
        assert everything.final_newline == expected.final_newline
        assert located([everything.last] if everything.last else []) == located(expected.records[-1:])
    some = csvstream.scan(path, "t.csv", keep=lambda texts, line: line % keep_every == 0)
    assert located(r for _, r in some.records) == located(r for r in expected.records if r.line % keep_every == 0)
    assert [i for i, _ in some.records] == [i for i, r in enumerate(expected.records) if r.line % keep_every == 0]
    # Told (as the gate tells it) that the lines of the whole clean records from the start need
    # no check, it still reads what csvio reads.
    body = data.removeprefix(b"\xef\xbb\xbf")
    if body.decode("utf-8", errors="replace") == body.decode("utf-8", errors="ignore"):
        clean_lines = re.match(WHOLE_RECORDS, body.decode("utf-8")).group(0).count("\n")
        told = csvstream.scan(path, "t.csv", clean=clean_lines)
        assert told.problems == expected.problems
        assert located(r for _, r in told.records) == located(expected.records)


@settings(max_examples=60, deadline=None)
@given(parts=st.lists(tables, min_size=2, max_size=3), changes=breaks)
def test_multipart_table_is_located_in_its_part_files(tmp_path_factory, parts, changes):
    """A resource of parts: every part read with the header the schema gives, located in its own file."""
    root = tmp_path_factory.mktemp("parts")
    width = len(parts[0][0])
    header = [f"c{n}" for n in range(width)]
    names = []
    for number, rows in enumerate(parts):
        rows = [header] + [row[:width] + [""] * (width - len(row)) for row in rows]
        names.append(f"part{number}.csv")
        (root / names[-1]).write_bytes(written(rows, changes if number == 1 else []))
    schema = RecordSchema("t", Path("t.schema.json"),
                          {"properties": {name: {"type": "string"} for name in header}, "x-primaryKey": header[:1]})
    table, problems = load_table(root, "t", names, schema)
    reference = []
    for name in names:
        read = csvio.read_table(root / name, name)
        reference += [(name, *cell) for record in (read.records if read.header == header else [])
                      for cell in located([record])]
    assert [(name, *cell) for name, record in table.records for cell in located([record])] == reference
    assert all(p.file in names for p in problems)
