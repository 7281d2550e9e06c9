"""What changed in a package since a git commit, as whole CSV records (claims validate --incremental).

git itself finds the changed files (its index skips the unchanged ones by their stat) and, in
each changed table part, the changed lines (`git diff -U0`). A changed line may lie inside a
quoted cell that spans lines, so each run of changed lines is widened to whole records: a line
starts a record when the quote characters before it in the file are even in number, which one
pass over the file's bytes counts (in C: bytes.count per block), keeping the lines only near the
changes. The widened head lines are the records added or changed; the same lines with the
diff's removed lines in place of its added ones are the base records removed or changed. Both
are parsed by csvio, with their real line numbers.

Anything this cannot read as whole, clean records of unchanged tables and schemas raises
FullCheck with the reason: the caller then checks the package in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import csvio
from .states import git, resolve_commit

# Lines kept on each side of a change to widen it to whole records: a quoted cell of more lines
# than this next to a change sends the package to the full check.
WINDOW_LINES = 64
BLOCK_BYTES = 1 << 22
HUNK = re.compile(rb"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
# What the validator reads besides the tables: a change to any of these is checked in full.
# (seeds/ is decided file by file: a new seed is checked by the seed rules, which run in full.)
RULE_FILES = ("datapackage.json", "schemas/", "sql/", "docs/rules.md", "scripts/", "pyproject.toml",
              "constraints.txt")


class FullCheck(Exception):
    """The change cannot be checked row by row: the reason, for the report."""


@dataclass
class Hunk:
    old_start: int
    old_count: int
    new_start: int
    new_count: int
    removed: list[bytes] = field(default_factory=list)  # base lines, each with its newline
    added: list[bytes] = field(default_factory=list)


@dataclass
class TableChange:
    """One changed part of a table: the head records added or changed, the base records
    removed or changed (csvio records at their real lines), and the head's changed line spans."""
    rel: str
    added: list[csvio.Record] = field(default_factory=list)
    removed: list[csvio.Record] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # head lines (first, last) of the records added


@dataclass
class Changes:
    commit: str
    label: str
    parts: dict[str, TableChange]  # part path -> its change
    new_seeds: list[str]
    repo_root: Path
    prefix: str  # the package's folder inside the repository ("" at its top), with a slash


def find(root: Path, base: str, repo: Path, table_parts: set[str]) -> Changes:
    """The changes of the package in root since the commit base names in repo."""
    commit = resolve_commit(repo, base)
    top = Path(git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    try:
        prefix = root.resolve().relative_to(top).as_posix()
    except ValueError as exc:
        raise FullCheck(f"{root} is not inside the git repository of --base") from exc
    prefix = "" if prefix == "." else prefix + "/"
    if Path(git(repo, "rev-parse", "--show-toplevel").strip()).resolve() != top:
        raise FullCheck("--repo is another repository than the package's: its files cannot be compared by git")
    listed = git(top, "diff", "--no-renames", "--name-status", "-z", commit, "--", prefix or ".")
    fields = listed.split("\0")
    changed = {fields[i + 1][len(prefix):]: fields[i] for i in range(0, len(fields) - 1, 2)}
    untracked = git(top, "ls-files", "--others", "--exclude-standard", "-z", "--", prefix or ".").split("\0")
    changed.update({rel[len(prefix):]: "A" for rel in untracked if rel})
    parts, new_seeds = {}, []
    for rel, status in sorted(changed.items()):
        if rel.startswith(RULE_FILES):
            raise FullCheck(f"{rel} changed: it says how every row is checked")
        if rel.startswith("seeds/"):
            if status != "A":
                raise FullCheck(f"{rel} changed: the claims quoting it are checked again")
            new_seeds.append(rel)
        elif rel in table_parts:
            if status != "M":
                raise FullCheck(f"{rel} was {'added' if status == 'A' else 'removed'}: the table's parts changed")
            parts[rel] = _table_change(root, top, commit, prefix + rel, rel)
    return Changes(commit, f"{base} ({commit[:12]})", parts, new_seeds, top, prefix)


def _hunks(top: Path, commit: str, path: str) -> list[Hunk]:
    diff = git(top, "diff", "--no-renames", "--no-ext-diff", "--no-color", "--text", "-U0", commit, "--", path,
               binary=True)
    hunks: list[Hunk] = []
    for line in _lines(diff):
        found = HUNK.match(line)
        if found:
            a, b, c, d = found.groups()
            hunks.append(Hunk(int(a), 1 if b is None else int(b), int(c), 1 if d is None else int(d)))
        elif not hunks:
            continue  # the diff's header lines
        elif line.startswith(b"\\"):
            raise FullCheck(f"{path}: its last line has no newline")
        elif line.startswith(b"-"):
            hunks[-1].removed.append(line[1:])
        elif line.startswith(b"+"):
            hunks[-1].added.append(line[1:])
    return hunks


def _lines(data: bytes) -> list[bytes]:
    """The lines of data, each with its newline (only \n ends a line, as in csvio)."""
    pieces = data.split(b"\n")
    return [piece + b"\n" for piece in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])


def _window_lines(path: Path, hunks: list[Hunk]) -> tuple[dict[int, tuple[bytes, bool]], int]:
    """Head line number -> (its bytes, whether a record starts there), for the lines within
    WINDOW_LINES of a change, and the number of lines; one pass over the file, lines split
    only in the blocks near a change."""
    wanted = sorted((max(1, h.new_start - WINDOW_LINES), h.new_start + h.new_count + WINDOW_LINES) for h in hunks)
    found: dict[int, tuple[bytes, bool]] = {}
    line, quotes, index = 1, 0, 0
    with path.open("rb") as handle:
        while block := handle.read(BLOCK_BYTES) + handle.readline():
            lines_in_block = block.count(b"\n") + (not block.endswith(b"\n"))
            while index < len(wanted) and wanted[index][1] < line:
                index += 1
            if index < len(wanted) and wanted[index][0] < line + lines_in_block:
                for text in _lines(block):
                    if any(first <= line <= last for first, last in wanted[index:]):
                        found[line] = (text, quotes % 2 == 0)
                    quotes += text.count(b'"')
                    line += 1
            else:
                quotes += block.count(b'"')
                line += lines_in_block
    return found, line - 1


def _regions(hunks: list[Hunk], lines: dict[int, tuple[bytes, bool]], total: int,
             path: str) -> list[tuple[int, int, list[Hunk]]]:
    """Runs of head lines (first, last) widened to whole records, with the hunks in each (a
    run of no head line, first = last + 1, where whole records were only removed)."""
    regions: list[tuple[int, int, list[Hunk]]] = []

    def starts_record(number: int) -> bool:
        if number > total:
            return True
        if number not in lines:
            raise FullCheck(f"{path}: a cell of more than {WINDOW_LINES} lines next to line {number}")
        return lines[number][1]

    for hunk in sorted(hunks, key=lambda h: h.new_start):
        first = hunk.new_start if hunk.new_count else hunk.new_start + 1
        last = hunk.new_start + hunk.new_count - 1
        while not starts_record(first):
            first -= 1
        last = max(last, first - 1)
        while not starts_record(last + 1):
            last += 1
        if first <= 1:
            raise FullCheck(f"{path}: the header changed")
        if regions and first <= regions[-1][1] + 1:
            start, end, inside = regions.pop()
            regions.append((start, max(last, end), inside + [hunk]))
        else:
            regions.append((first, last, [hunk]))
    return regions


def _table_change(root: Path, top: Path, commit: str, repo_path: str, rel: str) -> TableChange:
    hunks = _hunks(top, commit, repo_path)
    lines, total = _window_lines(root / rel, hunks)
    change = TableChange(rel)
    done: list[Hunk] = []
    for first, last, inside in _regions(hunks, lines, total, rel):
        head = b"".join(lines[n][0] for n in range(first, last + 1))
        base_lines: list[bytes] = []
        line = first
        for hunk in inside:
            start = hunk.new_start if hunk.new_count else hunk.new_start + 1
            base_lines += [lines[n][0] for n in range(line, start)] + hunk.removed
            line = start + hunk.new_count
        base_lines += [lines[n][0] for n in range(line, last + 1)]
        base_first = first + sum(h.old_count - h.new_count for h in done)
        done += inside
        change.added += _records(head, rel, first, "head")
        change.removed += _records(b"".join(base_lines), rel, base_first, "base")
        if last >= first:
            change.spans.append((first, last))
    return change


def _records(data: bytes, rel: str, first_line: int, side: str) -> list[csvio.Record]:
    if b"\r" in data or b"\x00" in data or b"\xef\xbb\xbf" in data:
        raise FullCheck(f"{rel}: a changed line holds a carriage return, NUL or byte-order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FullCheck(f"{rel}: a changed line is not UTF-8") from exc
    records, problems = csvio.parse(text, rel, first_line)
    if problems:
        raise FullCheck(f"{rel}:{problems[0].line}: the changed lines of the {side} are not whole CSV records")
    return records
