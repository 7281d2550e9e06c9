"""Rows with problems, read back from their file with real lines and columns.

DuckDB numbers the rows it returns but knows no line numbers. A row index becomes a record
number once the records DuckDB left out (rejected for their width, blank lines) are counted
back in, and a record number becomes bytes, a line and cells through the record map (one
pass over the file, made only when a table has problems). A record on one line is split by
Python's csv module, with each cell's column counted from the quoting; a record that spans
lines goes through csvio itself. Either way the cells are csvio's: the records located lie
before any syntax error, where the two read the same.
"""

from __future__ import annotations

import csv
import os
from bisect import bisect_right
from collections.abc import Mapping

from .. import csvio
from ..package import Row
from ..schemas import RecordSchema


class Record:
    """One record read back from its file: split into cells, and the cells placed (their columns
    counted), on first use."""

    __slots__ = ("text", "line", "_texts", "_lines", "_columns")

    def __init__(self, text: str, line: int):
        self.text, self.line = text, line
        self._texts = self._lines = self._columns = None

    @classmethod
    def of_texts(cls, texts: list[str]) -> "Record":
        """A record known by its cell texts only (a row fetched from DuckDB, not located)."""
        record = cls("", 0)
        record._texts = texts
        return record

    @property
    def texts(self) -> list[str]:
        if self._texts is None:
            if self.text and "\n" not in self.text:
                self._texts = next(csv.reader([self.text]), None) or [""]
                self._lines = self.line
            else:
                self._texts, self._lines, self._columns = parse_record(self.text, self.line)
        return self._texts

    def cell(self, i: int) -> csvio.Cell:
        texts = self.texts
        if self._columns is None:  # one record line: count every column once
            columns, at, text = [], 0, self.text
            for value in texts:
                columns.append(at + 1)
                at += (len(value) + value.count('"') + 3) if text.startswith('"', at) else len(value) + 1
            self._columns = columns
        line = self._lines if isinstance(self._lines, int) else self._lines[i]
        return csvio.Cell(texts[i], line, self._columns[i])


class Cells(Mapping):
    """A record's cells by column name, each a csvio.Cell made on first use (a row with a
    problem has up to 33 cells; its problem names one or two)."""

    def __init__(self, index: dict[str, int], record: Record):
        self.index, self.record = index, record

    def __getitem__(self, name) -> csvio.Cell:
        i = self.index[name]
        if i >= len(self.record.texts):
            raise KeyError(name)
        return self.record.cell(i)

    def __iter__(self):
        return iter(list(self.index)[:len(self.record.texts)])

    def __len__(self) -> int:
        return min(len(self.index), len(self.record.texts))


class TypedValues(Mapping):
    """A row's typed values (empty cells left out), each typed on first use: a check reads two
    or three of a row's cells."""

    def __init__(self, schema: RecordSchema, index: dict[str, int], record: Record):
        self.schema, self.index, self.record = schema, index, record
        self.typed: dict = {}

    def text(self, name: str) -> str:
        i = self.index.get(name)
        texts = self.record.texts
        return texts[i] if i is not None and i < len(texts) else ""

    def __getitem__(self, name):
        if name not in self.typed:
            text = self.text(name)
            if text == "":
                raise KeyError(name)
            self.typed[name] = self.schema.to_json_value(name, text)
        return self.typed[name]

    def __contains__(self, name) -> bool:
        return self.text(name) != ""

    def __iter__(self):
        return (name for name in self.index if self.text(name) != "")

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def full(self) -> dict:
        """Every present value, as package.load_table gives them to python-jsonschema."""
        return dict(self.items())


def parse_record(text: str, line: int) -> tuple[list[str], list[int] | int, list[int]]:
    """csvio's cells of a record that spans lines (or is blank): texts, lines, columns."""
    if not text:  # a blank line: csvio reads one empty cell
        return [""], line, [1]
    records, problems = csvio.parse(text, "")
    if problems or len(records) != 1:
        raise ValueError(f"record on line {line} does not parse as one record")
    cells = records[0].cells
    return [c.text for c in cells], [c.line + line - 1 for c in cells], [c.column for c in cells]


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

    def text(self, handle, record: int) -> str:
        start, stop = self.map.span(record)
        text = os.pread(handle.fileno(), stop - start, start).decode("utf-8")
        return text[:-1] if text.endswith("\n") else text

    def cells(self, record: int) -> list[csvio.Cell]:
        with self.run.path.open("rb") as handle:
            located = Record(self.text(handle, record), self.map.lines[record])
        return [located.cell(i) for i in range(len(located.texts))]

    def rows(self, rowidxs) -> dict[int, Row]:
        """Located rows, with cells by column name and lazily typed values."""
        schema = self.run.schema
        index = {name: i for i, name in enumerate(schema.fields)}
        located = {}
        with self.run.path.open("rb") as handle:
            for rowidx in sorted(set(rowidxs)):
                number = self.record_index(rowidx)
                record = Record(self.text(handle, number), self.map.lines[number])
                located[rowidx] = Row(TypedValues(schema, index, record), Cells(index, record), record.line)
        return located

    def skipped_records(self) -> list[tuple[int, list[csvio.Cell]]]:
        """The records DuckDB left out, with their cells (they are the rows of the wrong width)."""
        return [(record, self.cells(record)) for record in self.skipped]
