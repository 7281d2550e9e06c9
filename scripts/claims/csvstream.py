"""Reading a CSV file at the speed of Python's csv module, with csvio's exact locations.

csvio.parse walks every character in Python (about 3 MB/s). Here the csv module splits the
records, a line at a time from the file, and the lines of each record are kept just long
enough to place its cells: only the records a caller keeps are located (line and column of
every cell, inside multi-line cells too), the others are counted and dropped, so a table of a
million rows streams through in constant memory. What the csv module reads differently from
csvio (a stray quote, CR, NUL: anything outside RFC 4180) never reaches a caller: each record
is checked against the grammar csvio accepts, and from the first one that fails, the rest of
the file goes to csvio.parse itself, which reports the error exactly where it always did.
A file that is not UTF-8 goes to csvio whole. tests/test_csvstream.py holds the two readers
to the same records, cells, locations and problems.
"""

from __future__ import annotations

import csv
import io
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from typing import Callable

from . import csvio
from .csvio import Cell, Record
from .problems import Problem

BOM = b"\xef\xbb\xbf"
# A field as csvio.parse reads it without error: quoted (inner quotes doubled) or bare, and
# neither CR nor NUL anywhere. Possessive, so a cell of megabytes never backtracks.
_FIELD = r'(?:"(?:[^"\r\x00]|"")*+"|[^",\n\r\x00]*+)'
CLEAN_RECORD = re.compile(rf"{_FIELD}(?:,{_FIELD})*+\n?")
# Where the next field of a clean record ends (its start is known).
_FIELD_END = re.compile(r'"(?:[^"]|"")*+"|[^,\n]*+')
# Keep: called with a record's cell texts and the line it starts on; True keeps it located.
Keep = Callable[[list[str], int], bool]

csv.field_size_limit(sys.maxsize)  # csvio has no limit: a cell too long is csv-cell-size's to report


@dataclass
class Scan:
    """A file read through: its header, the records kept (with their index among the data
    records), csvio's problems, and whether it ends with a newline."""

    path: str
    header: list[str] = field(default_factory=list)
    records: list[tuple[int, Record]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    final_newline: bool = True
    last: Record | None = None  # the last data record, kept or not (csv-part-newline points at it)


class LazyRecord:
    """A record whose cells are located on first use: most rows of a valid table never are."""

    __slots__ = ("_raw", "values", "line", "_cells")

    def __init__(self, raw: str, values: list[str], line: int):
        self._raw, self.values, self.line, self._cells = raw, values, line, None

    @property
    def cells(self) -> tuple[Cell, ...]:
        if self._cells is None:
            self._cells = locate(self._raw, self.values, self.line).cells
            self._raw = ""
        return self._cells


class RowCells(Mapping):
    """A row's cells by field name, located only when one is asked for (checks.problem asks for
    the cell it reports): the texts are there at once."""

    __slots__ = ("fields", "record")

    def __init__(self, fields: list[str], record):
        self.fields, self.record = fields, record

    def __getitem__(self, name: str) -> Cell:
        try:
            return self.record.cells[self.fields.index(name)]
        except (ValueError, IndexError):
            raise KeyError(name) from None

    def __iter__(self):
        return iter(self.fields[:len(self.record.values)])

    def __len__(self) -> int:
        return min(len(self.fields), len(self.record.values))

    def texts(self):
        """(field, text) of every cell, without locating any."""
        return zip(self.fields, self.record.values)


def locate(raw: str, texts: list[str], line: int) -> Record:
    """The record whose source text (from its first character, clean) is raw, starting on line."""
    if '"' not in raw:  # no quote: one line, each cell right after the previous one's comma
        cells, column = [], 1
        for text in texts:
            cells.append(Cell(text, line, column))
            column += len(text) + 1
        return Record(tuple(cells))
    cells, at, end = [], 0, len(raw)
    for text in texts:
        newlines = raw.count("\n", 0, at)
        cells.append(Cell(text, line, at + 1) if not newlines else
                     Cell(text, line + newlines, at - raw.rfind("\n", 0, at)))
        at = _FIELD_END.match(raw, at).end() + 1
        if at > end:
            break
    return Record(tuple(cells))


def scan(path: Path, display: str, keep: Keep | None = None, clean: bool | int = False,
         header: list[str] | None = None) -> Scan:
    """Read a CSV file as csvio.read_table does, locating only the records keep accepts (all
    when keep is None). clean: the caller knows the file is RFC 4180 throughout (True), or its
    records that start on a line up to this number are (the DuckDB gate matched its grammar),
    so those records need not be checked one by one. header: the header expected; a file with
    another one is not read past it (its records are not loaded)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        return Scan(display, problems=[Problem(display, 1, 1, "file-missing", f"cannot read file: {exc.strerror}",
                                               "check the resource path in datapackage.json")], final_newline=False)
    with handle:
        found = Scan(display)
        if handle.read(3) == BOM:
            found.problems.append(Problem(display, 1, 1, "csv-bom", "file starts with a UTF-8 byte-order mark",
                                          "save the file as UTF-8 without BOM (claims fmt does this)"))
        else:
            handle.seek(0)
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
        try:
            _read(found, text, keep, clean, header)
        except UnicodeDecodeError:
            return _from_table(csvio.read_table(path, display), keep, header)
        text.detach()
    return found


def _read(found: Scan, text: io.TextIOWrapper, keep: Keep | None, clean: bool | int,
          expected: list[str] | None) -> None:
    lines: list[list[str]] = [[]]  # the lines of the record being read
    clean_lines = math.inf if clean is True else int(clean)

    def each_line():
        for physical in text:
            lines[0].append(physical)
            yield physical

    reader = csv.reader(each_line(), strict=True)
    line, index, header, last, last_lines = 1, -1, None, None, [""]
    while True:
        try:
            texts = next(reader)
        except StopIteration:
            break
        except csv.Error:
            found.last = _located(last)
            _rest(found, "".join(lines[0]) + text.read(), line, index, header, keep, expected)
            return
        raw = last_lines = lines[0]
        lines[0] = []
        if line > clean_lines:
            joined = "".join(raw)
            if CLEAN_RECORD.fullmatch(joined) is None:
                found.last = _located(last)
                _rest(found, joined + text.read(), line, index, header, keep, expected)
                return
        texts = texts or [""]  # a blank line is a record of one empty cell to csvio
        if index < 0:
            header = texts
            if expected is not None and header != expected:
                keep = _none  # its syntax is still checked to the end, as csvio does
        else:
            last = (raw, texts, line)
            if keep is None or keep(texts, line):
                found.records.append((index, LazyRecord("".join(raw), texts, line)))
        index += 1
        line = reader.line_num + 1
    if header is None:
        found.problems.append(Problem(found.path, 1, 1, "csv-empty", "file is empty: the header row is missing",
                                      "start the file with the header row"))
        found.final_newline = False
        return
    found.header = header
    found.final_newline = last_lines[-1].endswith("\n")
    found.last = _located(last)


def _located(last: tuple[list[str], list[str], int] | None) -> LazyRecord | None:
    return None if last is None else LazyRecord("".join(last[0]), last[1], last[2])


def _rest(found: Scan, rest: str, line: int, index: int, header: list[str] | None, keep: Keep | None,
          expected: list[str] | None) -> None:
    """From the first record the csv module and csvio might read differently: csvio itself."""
    records, problems = csvio.parse(rest, found.path, first_line=line)
    found.problems += problems
    if header is None and not records:
        return
    for record in records:
        if index < 0:
            header = record.values
            if expected is not None and header != expected:
                keep = _none
        else:
            found.last = record
            if keep is None or keep(record.values, record.line):
                found.records.append((index, record))
        index += 1
    found.header = header
    found.final_newline = rest.endswith("\n") or (not rest and found.final_newline)


def _none(texts: list[str], line: int) -> bool:
    return False


def _from_table(table: csvio.Table, keep: Keep | None, expected: list[str] | None) -> Scan:
    found = Scan(table.path, table.header, problems=table.problems, final_newline=table.final_newline)
    if expected is not None and table.header != expected:
        return found
    for index, record in enumerate(table.records):
        if keep is None or keep(record.values, record.line):
            found.records.append((index, record))
    found.last = table.records[-1] if table.records else None
    return found
