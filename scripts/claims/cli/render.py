"""How the commands print data: a plain text table, JSON."""

from __future__ import annotations

import datetime
import json


def cell(value) -> str:
    """A value as text: whole floats without '.0', lists joined, NULL spelled out."""
    if value is None:
        return "NULL"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "; ".join(cell(item) for item in value)
    return str(value)


def table(columns: list[str], rows: list[tuple]) -> list[str]:
    """A plain text table: columns padded with two spaces, a dashed rule under the header."""
    cells = [[cell(value) for value in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    lines = [columns, ["-" * width for width in widths]] + cells
    return ["  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip() for line in lines]


def to_json(data) -> str:
    def default(value):
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return str(value)
    return json.dumps(data, indent=2, ensure_ascii=False, default=default)
