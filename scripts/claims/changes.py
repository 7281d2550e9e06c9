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

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import csvio
from .states import GIT_TIMEOUT_SECONDS, git, resolve_commit

# Lines kept on each side of a change to widen it to whole records: a quoted cell of more lines
# than this next to a change sends the package to the full check.
WINDOW_LINES = 64
BLOCK_BYTES = 1 << 22
SPAN_BYTES = 1 << 23  # a differing span longer than this is left to git diff
DIFF_BYTES = 1 << 26  # git diff's output beyond this: the change is checked in full
HUNK = re.compile(rb"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
# What the validator reads besides the tables: a change to any of these is checked in full.
# (seeds/ is decided file by file: a new seed is checked by the seed rules, which run in full.)
DESCRIPTOR = "datapackage.json"  # its seed resources follow from sources.csv (claims sync): they may change
RULE_FILES = ("schemas/", "sql/", "docs/rules.md", "scripts/", "pyproject.toml",
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
    descriptor_changed: bool
    repo_root: Path
    prefix: str  # the package's folder inside the repository ("" at its top), with a slash


def find(root: Path, base: str, repo: Path, table_parts: set[str]) -> Changes:
    """The changes of the package in root since the commit base names in repo."""
    if Path(base).is_dir():
        raise FullCheck(f"--base {base} is a folder: only a git ref tells the changed lines")
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
        if rel == DESCRIPTOR:
            if status != "M" or _tables_of(git(top, "show", f"{commit}:{prefix}{DESCRIPTOR}")) != \
                    _tables_of((root / DESCRIPTOR).read_text(encoding="utf-8")):
                raise FullCheck(f"{DESCRIPTOR} changed beyond its seed resources: it says how every row is checked")
        elif rel.startswith(RULE_FILES):
            raise FullCheck(f"{rel} changed: it says how every row is checked")
        if rel.startswith("seeds/"):
            if status != "A":
                raise FullCheck(f"{rel} changed: the claims quoting it are checked again")
            new_seeds.append(rel)
        elif rel in table_parts:
            if status != "M":
                raise FullCheck(f"{rel} was {'added' if status == 'A' else 'removed'}: the table's parts changed")
            parts[rel] = _table_change(root, top, commit, prefix + rel, rel)
    return Changes(commit, f"{base} ({commit[:12]})", parts, new_seeds, DESCRIPTOR in changed, top, prefix)


def _tables_of(text: str):
    """A descriptor without its seed (non-table) resources: what must not change."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise FullCheck(f"{DESCRIPTOR} is not JSON") from exc
    if not isinstance(document, dict) or not isinstance(document.get("resources"), list):
        raise FullCheck(f"{DESCRIPTOR} has no list of resources")
    return {**document, "resources": [r for r in document["resources"]
                                      if not (isinstance(r, dict) and r.get("type") != "table")]}


def _hunks(top: Path, commit: str, path: str, head: Path) -> tuple[list[Hunk], int | None]:
    """The changed lines of head against the file at path in commit: one hunk from the first to
    the last byte that differs (common prefix and suffix, compared streaming, in blocks), when
    that spans at most SPAN_BYTES (one edit, or rows added at the end), with the quote
    characters before it; else git diff's hunks."""
    found = _one_span(top, commit, path, head)
    if found is not None:
        return found
    diff = _bounded_diff(top, commit, path)
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
    return hunks, None


def _lines(data: bytes) -> list[bytes]:
    """The lines of data, each with its newline (only \n ends a line, as in csvio)."""
    pieces = data.split(b"\n")
    return [piece + b"\n" for piece in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])


def _bounded_diff(top: Path, commit: str, path: str) -> bytes:
    """git diff's hunks of path, read up to DIFF_BYTES (a pull request may rewrite a whole table)."""
    process = subprocess.Popen(["git", "-C", str(top), "diff", "--no-renames", "--no-ext-diff", "--no-color",
                                "--text", "-U0", commit, "--", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        diff = process.stdout.read(DIFF_BYTES + 1)
        if len(diff) > DIFF_BYTES:
            raise FullCheck(f"{path}: its changes take more than {DIFF_BYTES:,} bytes of diff")
        if process.wait(timeout=GIT_TIMEOUT_SECONDS) != 0:
            raise FullCheck(f"git diff failed on {path}")
    finally:
        process.stdout.close()
        if process.poll() is None:
            process.kill()
            process.wait(timeout=GIT_TIMEOUT_SECONDS)
    return diff


def _one_span(top: Path, commit: str, path: str, head: Path) -> tuple[list[Hunk], int] | None:
    base_size = int(git(top, "cat-file", "-s", f"{commit}:{path}"))
    process = subprocess.Popen(["git", "-C", str(top), "cat-file", "blob", f"{commit}:{path}"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        with head.open("rb") as file:
            return _compare(process.stdout, file, base_size, head.stat().st_size, path)
    finally:
        process.stdout.close()
        process.kill()
        process.wait(timeout=GIT_TIMEOUT_SECONDS)


def _compare(base, head, base_size: int, head_size: int, path: str) -> tuple[list[Hunk], int] | None:
    """Stream base (a pipe) against head (a file): the common prefix in whole lines, then, with
    the ends aligned, the last base byte that differs; the lines between are the one hunk.
    None when they span more than SPAN_BYTES. With the hunk, the quote characters before it."""
    delta = head_size - base_size
    offset = lines_before = line_start = quotes = quotes_before = 0
    kept = bytearray()  # the base bytes from line_start on
    while block := base.read(BLOCK_BYTES):
        other = head.read(len(block))
        index = len(block) if block == other else _common_prefix(block, other)
        newline = block.rfind(b"\n", 0, index)
        lines_before += block.count(b"\n", 0, index)
        if newline >= 0:
            line_start, kept = offset + newline + 1, bytearray(block[newline + 1:])
            quotes_before = quotes + block.count(b'"', 0, newline + 1)
        else:
            kept += block
        quotes += block.count(b'"')
        offset += len(block)
        if index < len(block):
            break

    def last_difference(piece: bytes, at: int) -> int | None:
        """The last base offset in piece (at its offset at) whose byte differs from head's aligned one."""
        skip = min(len(piece), max(0, line_start - (at + delta)))  # aligned before line_start: inside the hunk
        if skip == len(piece):
            return at + skip - 1
        head.seek(at + delta + skip)
        mine, theirs = piece[skip:], head.read(len(piece) - skip)
        if mine == theirs:
            return at + skip - 1 if skip else None
        return at + len(piece) - _common_suffix(mine, theirs) - 1

    last, at, piece, keeping = line_start - 1, line_start, bytes(kept), True
    while piece:
        found = last_difference(piece, at)
        if found is not None:
            if not keeping:
                return None
            last = max(last, found)
        at += len(piece)
        if keeping and len(kept) > 2 * SPAN_BYTES:
            if last + 1 - line_start > SPAN_BYTES:
                return None
            del kept[last + 1 - line_start + SPAN_BYTES:]
            keeping = False
        piece = base.read(BLOCK_BYTES)
        if keeping:
            kept += piece
    if at != base_size:
        raise FullCheck(f"{path}: git gave {at:,} bytes of the base file, not {base_size:,}")
    base_end = base_size - min(base_size - last - 1, head_size - line_start, base_size - line_start)
    # The common suffix starts where both sides start a line, else after its first newline.
    head.seek(max(base_end + delta - 1, 0))
    before = (kept[base_end - line_start - 1:base_end - line_start] if base_end > line_start else b"\n",
              head.read(1) if base_end + delta > 0 else b"\n")
    if before != (b"\n", b"\n"):
        newline = kept.find(b"\n", base_end - line_start)
        if newline < 0 and not keeping:
            return None
        base_end = line_start + newline + 1 if newline >= 0 else base_size
    removed = _lines(bytes(kept[:base_end - line_start]))
    head.seek(line_start)
    added = _lines(head.read(base_end + delta - line_start))
    if (removed and not removed[-1].endswith(b"\n")) or (added and not added[-1].endswith(b"\n")):
        raise FullCheck(f"{path}: its last line has no newline")
    start = lines_before + 1
    hunk = Hunk(start if removed else start - 1, len(removed), start if added else start - 1, len(added),
                removed, added)
    return ([hunk] if removed or added else []), quotes_before


def _common_prefix(a: bytes, b: bytes) -> int:
    """How many leading bytes a and b share (a binary search of slice comparisons, each a memcmp)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: bytes, b: bytes) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle:] == b[len(b) - middle:]:
            low = middle
        else:
            high = middle - 1
    return low


def _span_lines(hunks: list[Hunk], quotes_before: int | None) -> tuple[dict[int, tuple[bytes, bool]], int] | None:
    """The lines of the one hunk found by _compare with whether each starts a record, from the
    quotes before it, when a record starts both at it and right after it (no widening needed:
    the file need not be read again); else None."""
    if quotes_before is None or len(hunks) != 1:
        return None
    hunk = hunks[0]
    first = hunk.new_start if hunk.new_count else hunk.new_start + 1
    found, quotes = {}, quotes_before
    for number, text in enumerate(hunk.added, start=first):
        found[number] = (text, quotes % 2 == 0)
        quotes += text.count(b'"')
    if quotes_before % 2 or quotes % 2:
        return None
    found[first + len(hunk.added)] = (b"", True)  # the next line (or the end): a record starts there
    return found, first + len(hunk.added)


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
    hunks, quotes_before = _hunks(top, commit, repo_path, root / rel)
    found = _span_lines(hunks, quotes_before)
    lines, total = found if found is not None else _window_lines(root / rel, hunks)
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
