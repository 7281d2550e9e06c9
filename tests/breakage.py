"""Helpers that break one thing in a copy of the package and say where the error must appear."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from claims import csvio


def rows_of(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return rows[0], rows[1:]


def line_of_row(path: Path, column: str, value: str) -> int:
    """Real 1-based line where the row whose column equals value starts."""
    table = csvio.read_table(path, path.name)
    index = table.header.index(column)
    for record in table.records:
        if record.values[index] == value:
            return record.line
    raise AssertionError(f"no row with {column}={value} in {path}")


def edit_row(path: Path, column: str, value: str, **changes: str) -> int:
    """Change cells of the first row whose column equals value; return that row's line."""
    header, rows = rows_of(path)
    index = header.index(column)
    for row in rows:
        if row[index] == value:
            for name, new in changes.items():
                row[header.index(name)] = new
            break
    else:
        raise AssertionError(f"no row with {column}={value}")
    line = line_of_row(path, column, value)
    path.write_text(csvio.dumps(header, rows), encoding="utf-8")
    return line


def first_value(path: Path, column: str, **where: str) -> str:
    header, rows = rows_of(path)
    for row in rows:
        if all(row[header.index(k)] == v for k, v in where.items()):
            return row[header.index(column)]
    raise AssertionError(f"no row matching {where} in {path}")


def append_row(path: Path, **cells: str) -> int:
    header, rows = rows_of(path)
    rows.append([cells.get(name, "") for name in header])
    path.write_text(csvio.dumps(header, rows), encoding="utf-8")
    return len(path.read_text(encoding="utf-8").rstrip("\n").split("\n"))
