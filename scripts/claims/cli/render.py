"""The one output layer of the command line: every command that prints data takes --format
(text, json, csv, markdown: those that fit the command; --json stays as a synonym of --format
json) and prints through emit().

A command hands emit() its data once: rows under column names (csv, markdown and the default
text table), the JSON payload (by default the rows as objects), and, where the command has a
layout of its own, the text lines. Text fits an 80-column terminal: a table too wide has its
widest columns wrapped; on a terminal its header is bold, elsewhere it is plain text.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

import typer

WIDTH = 80
GAP = "  "
# A column is never wrapped narrower than this (nor narrower than its header).
MIN_COLUMN = 12
FORMAT_HELP = {"text": "text (80 columns)", "json": "json", "csv": "csv (a header row, then one row per item)",
               "markdown": "markdown (a table)", "github": "github (workflow commands and a step summary)"}


def format_option(*formats: str, help: str | None = None):
    """The --format option of a command that can print the formats given (the first is the
    default), with --json as its synonym."""
    choices = Enum("Format", {name: name for name in formats}, type=str)  # type: ignore[misc]
    text = help or "Output format: " + ", ".join(FORMAT_HELP[name] for name in formats) + "."
    return Annotated[choices, typer.Option("--format", "-f", help=text, metavar="FORMAT", case_sensitive=False)]


JsonAlias = Annotated[bool, typer.Option("--json", help="Same as --format json.")]


def chosen(output_format, as_json: bool) -> str:
    """The format asked for: --json is --format json, and excludes any format but text and json."""
    name = getattr(output_format, "value", output_format)
    if as_json and name not in ("text", "json"):
        raise typer.BadParameter(f"--json and --format {name} exclude each other", param_hint="--json")
    return "json" if as_json else name


def on_terminal() -> bool:
    return sys.stdout.isatty()


def cell(value) -> str:
    """A value as text: whole floats without '.0', lists joined, NULL spelled out."""
    if value is None:
        return "NULL"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(item) for item in value)
    return str(value)


def _fitted_widths(columns: Sequence[str], cells: list[list[str]], width: int) -> list[int]:
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    floor = [max(MIN_COLUMN, len(name)) for name in columns]
    while sum(widths) + len(GAP) * (len(widths) - 1) > width:
        shrinkable = [i for i, w in enumerate(widths) if w > floor[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def table(columns: Sequence[str], rows: Sequence[Sequence], width: int = WIDTH, bold: bool = False) -> list[str]:
    """A text table: columns padded with two spaces, a dashed rule under the header; a cell wider
    than its column (the table made to fit width) continues on the lines below."""
    cells = [[cell(value) for value in row] for row in rows]
    widths = _fitted_widths(columns, cells, width)
    lines = []
    for kind, line in [("header", list(columns)), ("rule", ["-" * w for w in widths])] + [("row", r) for r in cells]:
        pieces = [textwrap.wrap(text, w, break_on_hyphens=False) or [""] if len(text) > w else [text]
                  for text, w in zip(line, widths)]
        for depth in range(max(map(len, pieces))):
            text = GAP.join((piece[depth] if depth < len(piece) else "").ljust(w)
                            for piece, w in zip(pieces, widths)).rstrip()
            lines.append(typer.style(text, bold=True) if bold and kind == "header" else text)
    return lines


def _json_default(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


def to_json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=_json_default)


def to_csv(columns: Sequence[str], rows: Sequence[Sequence]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if value is None else cell(value) for value in row] for row in rows])
    return buffer.getvalue()


def _markdown_cell(value) -> str:
    text = "" if value is None else cell(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def to_markdown(columns: Sequence[str], rows: Sequence[Sequence]) -> str:
    lines = ["| " + " | ".join(map(_markdown_cell, columns)) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(map(_markdown_cell, row)) + " |" for row in rows]
    return "\n".join(lines) + "\n"


@dataclass
class Output:
    """What a command prints: rows under columns, the JSON payload (default: the rows as
    objects) and its own text, exactly as written, newlines included (default: the rows as a
    table)."""

    columns: Sequence[str] = ()
    rows: Sequence[Sequence] = ()
    payload: Any = None
    text: Callable[[], str] | None = None

    def json_payload(self):
        if self.payload is not None:
            return self.payload
        return [dict(zip(self.columns, row)) for row in self.rows]


def emit(output: Output, output_format: str) -> None:
    """Print output to stdout in the format chosen."""
    if output_format == "json":
        typer.echo(to_json(output.json_payload()))
    elif output_format == "csv":
        typer.echo(to_csv(output.columns, output.rows), nl=False)
    elif output_format == "markdown":
        typer.echo(to_markdown(output.columns, output.rows), nl=False)
    elif output.text is not None:
        typer.echo(output.text(), nl=False)
    else:
        for line in table(output.columns, output.rows, bold=on_terminal()):
            typer.echo(line)
