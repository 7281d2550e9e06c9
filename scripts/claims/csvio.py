"""Reading and writing the package's CSV files with exact positions.

The reader is a strict RFC 4180 parser that remembers where every field starts (line and
column, both 1-based, columns in code points), so an error in a quoted cell that spans
lines is reported on the line where it really is. The test suite checks that it agrees with
Python's csv module on everything csv.writer produces.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem


@dataclass(frozen=True)
class Cell:
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Record:
    cells: tuple[Cell, ...]

    @property
    def line(self) -> int:
        return self.cells[0].line

    @property
    def values(self) -> list[str]:
        return [cell.text for cell in self.cells]


@dataclass
class Table:
    path: str
    header: list[str]
    records: list[Record]
    problems: list[Problem]
    final_newline: bool = True  # the parts of a multipart resource are joined line by line


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


_UNQUOTED = re.compile(r'[^,\n"]*')
# Characters no cell may hold, with the rule each breaks.
_FORBIDDEN = (
    ("\r", "csv-line-ending", "carriage return (CRLF or CR line ending)",
     "use LF line endings (claims fmt rewrites them)"),
    ("\x00", "csv-nul-byte", "NUL character in cell", "remove the NUL character"),
)


def _position_in(raw: str, index: int, line: int, column: int) -> tuple[int, int]:
    """Line and column of raw[index], where raw is the source text of a field starting at line:column."""
    newlines = raw.count("\n", 0, index)
    if not newlines:
        return line, column + index
    return line + newlines, index - raw.rfind("\n", 0, index)


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode strict UTF-8 without BOM, locating the first bad byte. A BOM is reported and
    the rest still read, so that what a spreadsheet writes (a BOM and CRLF) is named in full."""
    problems = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(path, 1, 1, "csv-bom", "file starts with a UTF-8 byte-order mark",
                                "save the file as UTF-8 without BOM (claims fmt does this)"))
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", errors="replace")
        line, column = _line_col(prefix, len(prefix))
        return None, problems + [Problem(path, line, column, "csv-encoding",
                                         f"invalid UTF-8 byte 0x{data[exc.start]:02x} at byte {exc.start}",
                                         "re-save the file as UTF-8")]
    return text, problems


def parse(text: str, path: str, first_line: int = 1) -> tuple[list[Record], list[Problem]]:
    """Split CSV text into records of located cells; stop at the first syntax error. The text
    may be the rest of a file from a record boundary on, whose first line is first_line."""
    records: list[Record] = []
    cells: list[Cell] = []
    i, n = 0, len(text)
    line, col = first_line, 1
    while i < n:
        start_line, start_col, field_start = line, col, i
        if text[i] == '"':
            # Quoted field: runs to the closing quote, "" is a literal quote, newlines allowed.
            i += 1
            col += 1
            parts = []
            while True:
                j = text.find('"', i)
                if j < 0:
                    return records, [Problem(path, start_line, start_col, "csv-unclosed-quote",
                                             "quoted field is never closed: every later row would merge into it",
                                             'close the quote, or double a quote inside the cell ("")')]
                chunk = text[i:j]
                parts.append(chunk)
                newlines = chunk.count("\n")
                if newlines:
                    line += newlines
                    col = len(chunk) - chunk.rfind("\n")
                else:
                    col += len(chunk)
                i = j + 1
                col += 1
                if i < n and text[i] == '"':
                    parts.append('"')
                    i += 1
                    col += 1
                    continue
                break
            value = "".join(parts)
            if i < n and text[i] == "\r":
                return records, [Problem(path, line, col, *_FORBIDDEN[0][1:])]
            if i < n and text[i] not in ",\n" and line > start_line:
                # The usual cause: a stray quote opened a field that swallowed the next rows
                # up to some other quote. Point at where it opened, not where it ends.
                return records, [Problem(path, start_line, start_col, "csv-stray-quote",
                                         f"a quote opened here runs on to line {line}, column {col}, merging "
                                         f"{line - start_line + 1} lines into one cell",
                                         'remove the stray quote, or double a quote meant inside the cell ("")')]
            if i < n and text[i] not in ",\n":
                return records, [Problem(path, line, col, "csv-stray-quote",
                                         "text after the closing quote of a quoted field",
                                         'a quote inside a quoted cell must be doubled ("")')]
        else:
            # One regex scan instead of a Python loop per character: a 50 MB cell stays fast.
            j = _UNQUOTED.match(text, i).end()
            if j < n and text[j] == '"':
                return records, [Problem(path, line, col + (j - i), "csv-stray-quote",
                                         "quote character inside an unquoted field",
                                         'quote the whole cell and double the inner quote: "say ""x"""')]
            value = text[i:j]
            col += j - i
            i = j
        for char, rule, message, hint in _FORBIDDEN:
            if char in value:
                raw = text[field_start:i]
                bad_line, bad_col = _position_in(raw, raw.index(char), start_line, start_col)
                return records, [Problem(path, bad_line, bad_col, rule, message, hint)]
        cells.append(Cell(value, start_line, start_col))
        if i < n and text[i] == ",":
            i += 1
            col += 1
            if i == n:
                cells.append(Cell("", line, col))
                records.append(Record(tuple(cells)))
            continue
        # End of record: newline or end of text.
        records.append(Record(tuple(cells)))
        cells = []
        if i < n:
            i += 1
            line += 1
            col = 1
    return records, []


def read_table(path: Path, display: str) -> Table:
    """Read a CSV file into a located table. Problems are returned, never raised."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Table(display, [], [], [Problem(display, 1, 1, "file-missing", f"cannot read file: {exc.strerror}",
                                               "check the resource path in datapackage.json")])
    return table_from_bytes(data, display)


def table_from_bytes(data: bytes, display: str) -> Table:
    """A located table from a CSV file's bytes. Problems are returned, never raised."""
    text, problems = decode(data, display)
    if text is None:
        return Table(display, [], [], problems)
    if not text:
        return Table(display, [], [], problems + [Problem(display, 1, 1, "csv-empty",
                                                          "file is empty: the header row is missing",
                                                          "start the file with the header row")])
    records, parse_problems = parse(text, display)
    problems += parse_problems
    if not records:
        return Table(display, [], [], problems)
    header = records[0].values
    return Table(display, header, records[1:], problems, text.endswith("\n"))


def dumps(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Replace one file atomically, keeping its permissions (transaction.write_atomic)."""
    from .transaction import write_atomic as replace_file

    replace_file(path, data)
