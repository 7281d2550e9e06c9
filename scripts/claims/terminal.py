"""Text for an 80-column terminal: contested facts with their values and who states them,
claims grouped under fact headings, a document with its claimed spans marked.

Cell text is untrusted (contributions): every control character and bidirectional override is
shown as U+FFFD, one for one, so that nothing printed can act as a terminal escape and offsets
into a seed stay valid. Quoted spans are marked >>> <<<, or in reverse video on a terminal
(marks chosen by the caller: Marks.plain or Marks.terminal).
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

WIDTH = 80
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
REPLACEMENT = "\ufffd"


def safe(text: object) -> str:
    """text with each control character (but the line break) and bidi control as U+FFFD, tabs as
    spaces: same length, so offsets hold."""
    text = "" if text is None else str(text)
    return "".join(" " if char == "\t" else REPLACEMENT
                   if (unicodedata.category(char) == "Cc" and char != "\n") or char in BIDI_CONTROLS else char
                   for char in text)


@dataclass(frozen=True)
class Marks:
    """How a marked span opens and closes. On a terminal the marks are one-character sentinels
    while the text is wrapped (they take no column once styled), then become escape codes."""

    open: str
    close: str
    styled: bool

    @classmethod
    def plain(cls) -> "Marks":
        return cls(">>>", "<<<", False)

    @classmethod
    def terminal(cls) -> "Marks":
        return cls("\x02", "\x03", True)

    def finish(self, line: str) -> str:
        if not self.styled:
            return line
        return line.replace(self.open, "\x1b[1;7m").replace(self.close, "\x1b[0m")


def wrap(text: str, indent: str = "", hanging: str | None = None, marks: Marks | None = None) -> list[str]:
    """text wrapped to WIDTH columns after indent, continuation lines after hanging (default:
    as many spaces as indent); long words are broken, hyphens are not break points."""
    hanging = " " * len(indent) if hanging is None else hanging
    lines = textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=hanging,
                          break_on_hyphens=False, drop_whitespace=True) or [indent.rstrip()]
    return [marks.finish(line) for line in lines] if marks else lines


def labelled(label: str, text: str, marks: Marks | None = None, indent: int = 4, column: int = 14) -> list[str]:
    """"    label:    text", the text wrapped under itself."""
    head = (" " * indent + f"{label}:").ljust(column)
    return wrap(text, head, " " * column, marks)


def columns(left: str, right: Sequence[str], indent: int = 2, left_width: int = 30) -> list[str]:
    """Two wrapped columns side by side: left (a value) and right (who states it, where), each
    paragraph of right starting a line."""
    left_lines = textwrap.wrap(left, left_width, break_on_hyphens=False) or [""]
    right_width = WIDTH - indent - left_width - 2
    right_lines = [line for paragraph in right
                   for line in textwrap.wrap(paragraph, right_width, break_on_hyphens=False) or [""]]
    rows = max(len(left_lines), len(right_lines))
    left_lines += [""] * (rows - len(left_lines))
    right_lines += [""] * (rows - len(right_lines))
    return [(" " * indent + l.ljust(left_width) + "  " + r).rstrip() for l, r in zip(left_lines, right_lines)]


def number(value) -> str:
    """A figure as written: whole floats without '.0'; None as '-'."""
    if value is None:
        return "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def statement_lines(statements: Sequence[dict], several_documents: bool) -> list[str]:
    """One line (or more, wrapped) per claim of a fact, lowest value first: the value, with its
    modality when it is not asserted, and who states it (the document too when there are several)."""
    lines = []
    for statement in statements:
        value = safe(statement["value"])
        if statement["modality"] != "asserted":
            value = f"{statement['modality']}: {value}"
        who = [safe(statement["voice"])]
        if several_documents:
            who.append(f"in {safe(statement['source_id'])}")
        lines += columns(value, who)
    return lines


def conflict_block(fact: dict, statements: Sequence[dict]) -> list[str]:
    """A contested fact: its key, tier and reason, counts, then every value and who states it."""
    lines = wrap(safe(fact["fact_key"]))
    lines += wrap(f"{fact['tier']}: {safe(fact['reason'])}; {fact['claim_count']} claim(s), "
                  f"{fact['document_count']} document(s), {fact['reporter_count']} reporter(s)", "  ")
    if fact["document_count"] == 1:
        lines += wrap(f"in {safe(fact['documents'][0])}", "  ")
    return lines + statement_lines(statements, fact["document_count"] > 1)


@dataclass(frozen=True)
class Region:
    """A stretch of a document covered by one or more claimed spans (overlapping spans merge)."""

    start: int
    end: int
    claims: tuple[int, ...]  # indexes into the claims list, in order


def regions(spans: Iterable[tuple[int, int]]) -> list[Region]:
    """Claimed spans (start, end), merged where they overlap or touch, in document order."""
    ordered = sorted((start, end, index) for index, (start, end) in enumerate(spans))
    merged: list[list] = []
    for start, end, index in ordered:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(index)
        else:
            merged.append([start, end, [index]])
    return [Region(start, end, tuple(indexes)) for start, end, indexes in merged]


def marked_document(text: str, spans: Sequence[tuple[int, int]], marks: Marks) -> tuple[list[str], list[Region]]:
    """The document's lines wrapped to WIDTH, each claimed region between marks and followed by
    its number [n]; and the regions, numbered from 1 in that order."""
    text = safe(text)
    found = regions(spans)
    pieces, position = [], 0
    for number_, region in enumerate(found, 1):
        pieces += [text[position:region.start], marks.open, text[region.start:region.end], marks.close,
                   f"[{number_}]"]
        position = region.end
    pieces.append(text[position:])
    lines: list[str] = []
    inside = False
    for raw in "".join(pieces).replace("\r\n", "\n").split("\n"):
        # a region that runs over a line break is closed at the end of the line and reopened
        opened = (marks.open if inside else "") + raw
        inside = opened.rfind(marks.open) > opened.rfind(marks.close)
        if inside:
            opened += marks.close
        lines += wrap(opened, marks=marks) if opened.strip() else [""]
    return lines, found
