"""Rows with problems, read back from their file with real lines and columns.

DuckDB numbers the rows it returns but knows no line numbers. A row index becomes a record
number once the records DuckDB left out (rejected for their width, blank lines) are counted
back in, and a record number becomes bytes, a line and cells through the record map (one
pass over the file, made only when a table has problems). A record on one line is split by
Python's csv module, with each cell's column counted from the quoting; a record that spans
lines goes through csvio itself. Either way the cells are csvio's.
"""

from __future__ import annotations

import csv
from bisect import bisect_right
from collections.abc import Mapping

from .. import csvio
from ..package import Row
from ..schemas import RecordSchema


class TypedValues(Mapping):
    """A row's typed values (empty cells left out), each typed on first use: a check reads two
    or three of a row's 33 cells."""

    def __init__(self, schema: RecordSchema, texts: dict[str, str]):
        self.schema = schema
        self.texts = {name: text for name, text in texts.items() if text != ""}
        self.typed: dict = {}

    def __getitem__(self, name):
        if name not in self.typed:
            self.typed[name] = self.schema.to_json_value(name, self.texts[name])
        return self.typed[name]

    def __contains__(self, name) -> bool:
        return name in self.texts

    def __iter__(self):
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def full(self) -> dict:
        """Every present value, as package.load_table gives them to python-jsonschema."""
        return dict(self.items())


def split_line(text: str, line: int) -> list[csvio.Cell] | None:
    """The cells of a one-line record, with their columns; None when csv and the quoting
    disagree about where the record ends (then csvio decides)."""
    values = next(csv.reader([text]), None)
    if not values:
        return None
    cells, column = [], 0
    for value in values:
        cells.append(csvio.Cell(value, line, column + 1))
        quoted = text.startswith('"', column)
        column += (len(value) + value.count('"') + 2 if quoted else len(value)) + 1
    return cells if column - 1 == len(text) else None


def parse_record(text: str, line: int) -> list[csvio.Cell]:
    if not text:  # a blank line: csvio reads one empty cell
        return [csvio.Cell("", line, 1)]
    cells = split_line(text, line) if "\n" not in text else None
    if cells is not None:
        return cells
    records, problems = csvio.parse(text, "")
    if problems or len(records) != 1:
        raise ValueError(f"record on line {line} does not parse as one record")
    return [csvio.Cell(c.text, c.line + line - 1, c.column) for c in records[0].cells]


class Locator:
    """Row index (DuckDB's) -> record of the file (csvio's), for one table."""

    def __init__(self, run):
        self.run = run
        self.map = run.ensure_map()
        skipped = sorted(set(self.map.blank) | {self.map.index_of(offset) for offset in run.rejected})
        self.skipped = skipped
        # For the i-th skipped record (1-based), how many rows DuckDB returned before it.
        self.before = [record - 1 - i for i, record in enumerate(skipped)]

    def record_index(self, rowidx: int) -> int:
        return rowidx + 1 + bisect_right(self.before, rowidx)

    def cells(self, record: int) -> list[csvio.Cell]:
        start, stop = self.map.span(record)
        with self.run.path.open("rb") as handle:
            handle.seek(start)
            data = handle.read(stop - start)
        text = data.decode("utf-8")
        if text.endswith("\n"):
            text = text[:-1]
        return parse_record(text, self.map.lines[record])

    def rows(self, rowidxs) -> dict[int, Row]:
        """Located rows, with cells by column name and lazily typed values."""
        fields = self.run.schema.fields
        located = {}
        with self.run.path.open("rb") as handle:
            for rowidx in sorted(set(rowidxs)):
                record = self.record_index(rowidx)
                start, stop = self.map.span(record)
                handle.seek(start)
                text = handle.read(stop - start).decode("utf-8")
                if text.endswith("\n"):
                    text = text[:-1]
                cells = parse_record(text, self.map.lines[record])
                by_name = dict(zip(fields, cells))
                texts = {name: cell.text for name, cell in by_name.items()}
                located[rowidx] = Row(TypedValues(self.run.schema, texts), by_name, self.map.lines[record])
        return located

    def skipped_records(self) -> list[tuple[int, list[csvio.Cell]]]:
        """The records DuckDB left out, with their cells (they are the rows of the wrong width)."""
        return [(record, self.cells(record)) for record in self.skipped]
