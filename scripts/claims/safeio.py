"""Reading a package's files as untrusted input: bounded and inert.

A pull request can hold anything. Every file the toolkit reads from a package goes through
here first, so that reading it takes bounded time and memory and never leaves the package:

- no symbolic link anywhere on the path (refused before anything is read: a link could lead
  to any file of the machine, whose first line would end up in the report);
- a size cap per kind of file, checked on the file's metadata before it is read;
- JSON with bounded nesting and bounded numbers, scanned in one linear pass before Python's
  parser sees it (which recurses per level and refuses integers of more than 4,300 digits
  with a ValueError, not a syntax error), every failure located at line and column.

The caps are documented in README.md ("Limits").
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from .problems import DataError, Problem

MAX_JSON_BYTES = 16 * 2**20  # datapackage.json, a JSON Schema
MAX_JSON_DEPTH = 64  # the package's own files nest 8 levels at most
MAX_JSON_NUMBER_CHARS = 100  # a number longer than this is not data but an attack on the parser
MAX_TABLE_BYTES = 4 * 2**30  # one CSV file (the benchmark's 1M-claim package is well under)
MAX_SEED_BYTES = 256 * 2**20  # one seed document
MAX_COLUMNS = 1_000  # a header wider than this is reported by its width, not column by column


class LocatedError(DataError):
    """A file cannot be read at all; carries the located problem for the report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.render())
        self.problem = problem


def link_on_path(root: Path, rel: str) -> str | None:
    """The first symbolic link on the way from root to rel (the link's relative path), or None."""
    current = root
    for part in Path(rel).parts:
        current = current / part
        if current.is_symlink():
            return str(current.relative_to(root)).replace(os.sep, "/")
    return None


def unreadable_reason(root: Path, rel: str, max_bytes: int) -> tuple[str, str, str] | None:
    """(rule, message, hint) saying why rel must not be read, or None when it may. Reads nothing."""
    link = link_on_path(root, rel)
    if link is not None:
        return ("file-symlink", f"{link} is a symbolic link (to {os.readlink(root / link)}): refused without "
                "reading it, a link could lead out of the package",
                "commit the file itself, not a link to it")
    try:
        info = (root / rel).stat()
    except OSError as exc:
        return "file-missing", f"cannot read file: {exc.strerror}", "check the path in datapackage.json"
    if not stat.S_ISREG(info.st_mode):
        return "file-missing", "not a regular file", "check the path in datapackage.json"
    if info.st_size > max_bytes:
        return ("file-size", f"file of {info.st_size:,} bytes, more than the {max_bytes:,} allowed",
                "split the table into parts (a multipart resource), or check for a mistake")
    return None


def read_bytes(root: Path, rel: str, max_bytes: int) -> bytes:
    """The bytes of rel, or LocatedError when it is a link, missing, not a file or too large."""
    reason = unreadable_reason(root, rel, max_bytes)
    if reason is not None:
        raise LocatedError(Problem(rel, 1, 1, *reason))
    try:
        with open(root / rel, "rb") as handle:
            data = handle.read(max_bytes + 1)  # the file could grow between stat and read
    except OSError as exc:
        raise LocatedError(Problem(rel, 1, 1, "file-missing", f"cannot read file: {exc.strerror}",
                                   "check the path")) from exc
    if len(data) > max_bytes:
        raise LocatedError(Problem(rel, 1, 1, "file-size", f"file of more than {max_bytes:,} bytes",
                                   "check for a mistake"))
    return data


# JSON ----------------------------------------------------------------------------------------

# Strings, structural characters and numbers; everything else (spaces, literals, commas,
# colons) needs no attention here: json.loads checks the syntax afterwards.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]|-?[0-9][0-9.eE+-]*', re.DOTALL)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def json_limit_problem(text: str, file: str, rule: str) -> Problem | None:
    """The first place where text nests deeper or has a longer number than allowed (one pass)."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return Problem(file, *_line_col(text, match.start()), rule,
                               f"JSON nested more than {MAX_JSON_DEPTH} levels deep",
                               "flatten the structure: no file of the package needs this depth")
        elif token in ("]", "}"):
            depth -= 1
        elif token[0] != '"' and len(token) > MAX_JSON_NUMBER_CHARS:
            return Problem(file, *_line_col(text, match.start()), rule,
                           f"a number of {len(token):,} characters (at most {MAX_JSON_NUMBER_CHARS})",
                           "write the number with fewer digits")
    return None


def parse_json(data: bytes, file: str, rule: str):
    """Decode and parse JSON from an untrusted file; LocatedError (with rule) on any failure."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[:exc.start].decode("utf-8", errors="replace")
        raise LocatedError(Problem(file, *_line_col(prefix, len(prefix)), rule,
                                   f"invalid UTF-8 byte 0x{data[exc.start]:02x} at byte {exc.start}",
                                   "save the file as UTF-8")) from exc
    limit = json_limit_problem(text, file, rule)
    if limit is not None:
        raise LocatedError(limit)
    try:
        return json.loads(text), text
    except json.JSONDecodeError as exc:
        raise LocatedError(Problem(file, exc.lineno, exc.colno, rule, f"not valid JSON: {exc.msg}",
                                   "fix the JSON syntax at this position")) from exc
    except (ValueError, RecursionError) as exc:  # a limit the scan above did not foresee
        raise LocatedError(Problem(file, 1, 1, rule, f"cannot be parsed: {exc}", "simplify the file")) from exc


def read_json(root: Path, rel: str, rule: str):
    """(value, text) of a JSON file of the package, read within the caps."""
    return parse_json(read_bytes(root, rel, MAX_JSON_BYTES), rel, rule)
