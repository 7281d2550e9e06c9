"""The CSV layer at scale: what csvio would report, without parsing every record in Python.

csvio is the reference: strict RFC 4180, decoded as a whole, parsing stopped at the first
syntax error (the records before it still load), rows of the wrong width reported and
skipped. Here one RE2 match (DuckDB's regexp_full_match, run on pieces of the file cut at
record boundaries) proves a file clean: valid UTF-8, no CR, no NUL, every quote where RFC 4180
allows it, every record exactly as wide as the header. Only a file that fails is looked at
closer: the first bad byte is found by decoding, the first syntax error by a longest-prefix
match and then csvio itself on the few kilobytes after it, and rows of the wrong width by
DuckDB's reject table (engine.py). Blank lines, which DuckDB skips without a word and csvio
counts as one-cell rows, are found by the record map.
"""

from __future__ import annotations

import codecs
import os
import queue
import threading
from array import array
from bisect import bisect_right
from itertools import accumulate, compress
from operator import xor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .. import csvio
from ..problems import Problem

# csvio's grammar in RE2 syntax. CR and NUL are not allowed anywhere, quoted or not.
QUOTED = '"[^"\\r\\x00]*(?:""[^"\\r\\x00]*)*"'
UNQUOTED = '[^",\\n\\r\\x00]*'
FIELD = f"(?:{QUOTED}|{UNQUOTED})"
PIECE = 1 << 25  # bytes handed to one regexp call: big enough to amortise the call, small for memory
WINDOW = 1 << 16
WHOLE_FILE = 400 << 20  # bytes: a file this size is matched in one piece


def record_pattern(width: int | None) -> str:
    cells = "*" if width is None else f"{{{width - 1}}}"
    return f"{FIELD}(?:,{FIELD}){cells}"


def pieces(path: Path):
    """(offset, bytes) pieces of a file, each ending at a record boundary as far as quote parity
    shows (a newline after an even number of quotes), except the last. In a file that breaks the
    grammar a cut may fall inside a record; the match then fails on that piece, which is all the
    caller needs to know."""
    with path.open("rb") as handle:
        offset, carry = 0, b""
        while True:
            chunk = handle.read(PIECE)
            data = carry + chunk
            if not chunk:
                if data:
                    yield offset, data
                return
            cut = data.rfind(b"\n") + 1
            quotes = data.count(b'"', 0, cut)
            while cut > 0 and quotes & 1:
                previous = data.rfind(b"\n", 0, cut - 1) + 1
                quotes -= data.count(b'"', previous, cut)
                cut = previous
            if cut == 0:  # one record longer than a piece: read on
                carry = data
                continue
            yield offset, data[:cut]
            offset, carry = offset + cut, data[cut:]


def matches_everywhere(connection, path: Path, pattern: str, workers: int = 2) -> bool:
    """Whether every piece of the file fully matches (pattern newline)*, each piece checked by
    RE2 in DuckDB, by parallel cursors (DuckDB releases the GIL while it works). Invalid UTF-8
    fails the match too: decode() refuses it."""
    work: queue.Queue = queue.Queue(maxsize=workers)
    failed = threading.Event()
    whole = f"(?:{pattern}\\n)*(?:{pattern})?"

    def worker():
        cursor = connection.cursor()
        cursor.execute("SET enable_progress_bar = false")
        try:
            while (item := work.get()) is not None:
                if failed.is_set():
                    continue
                try:
                    ok = cursor.execute("SELECT regexp_full_match(decode(?::BLOB), ?)", [item, whole]).fetchone()[0]
                except Exception:  # noqa: BLE001 - invalid UTF-8 arrives as a DuckDB error
                    ok = False
                if not ok:
                    failed.set()
        finally:
            cursor.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for _, data in pieces(path):
        if failed.is_set():
            break
        work.put(data)
    for _ in threads:
        work.put(None)
    for thread in threads:
        thread.join()
    return not failed.is_set()


CLEAN, NOT_UTF8 = "clean", "not UTF-8"


def whole_file(connection, path: Path, width: int, limit: int = WHOLE_FILE, prefix: bool = True):
    """One read_text of the file and RE2 on it, no Python copies: CLEAN when every record is
    well formed and as wide as the header, NOT_UTF8, or else (if prefix, or 0) the bytes of the
    longest run of complete well-formed records at its start (any width). None when the file
    is larger than limit (it would sit in memory whole) or does not fit."""
    if path.stat().st_size > limit:
        return None
    clean = f"(?:{record_pattern(width)}\\n)*(?:{record_pattern(width)})?"
    run = f"^(?:{record_pattern(None)}\\n)*" if prefix else ""
    try:
        found = connection.execute("SELECT CASE WHEN regexp_full_match(content, ?) THEN -1 "
                                   "ELSE strlen(regexp_extract(content, ?)) END FROM read_text(?)",
                                   [clean, run, str(path)]).fetchall()
    except duckdb.InvalidInputException:  # read_text takes only valid UTF-8
        return NOT_UTF8
    except duckdb.OutOfMemoryException:
        return None
    if len(found) != 1:  # a path read_text took for a glob
        return None
    return CLEAN if found[0][0] == -1 else found[0][0]


def position(path: Path, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of a byte offset (the bytes before it are valid UTF-8)."""
    lines, last_newline = 1, -1
    with path.open("rb") as handle:
        read = 0
        while read < offset:
            chunk = handle.read(min(PIECE, offset - read))
            lines += chunk.count(b"\n")
            found = chunk.rfind(b"\n")
            if found >= 0:
                last_newline = read + found
            read += len(chunk)
        handle.seek(last_newline + 1)
        tail = handle.read(offset - last_newline - 1)
    return lines, len(tail.decode("utf-8")) + 1


def first_bad_byte(path: Path) -> tuple[int, int] | None:
    """Offset and value of the first byte that is not valid UTF-8, as bytes.decode would find it."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(PIECE)
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                where = offset - pending + exc.start
                return where, exc.object[exc.start]
            if not chunk:
                return None
            offset += len(chunk)


def encoding_problem(path: Path, display: str) -> Problem | None:
    bad = first_bad_byte(path)
    if bad is None:
        return None
    where, value = bad
    line, column = position(path, where)
    return Problem(display, line, column, "csv-encoding", f"invalid UTF-8 byte 0x{value:02x} at byte {where}",
                   "re-save the file as UTF-8")


def valid_prefix(connection, path: Path) -> int:
    """Bytes of the longest run of complete, well-formed records at the start of the file."""
    pattern = f"^(?:{record_pattern(None)}\\n)*"
    done = 0
    for offset, data in pieces(path):
        length = connection.execute("SELECT strlen(regexp_extract(decode(?::BLOB), ?))", [data, pattern]).fetchone()[0]
        done = offset + length
        if length < len(data):
            break
    return done


def parse_window(path: Path, start: int, size: int, display: str) -> tuple[list[csvio.Record], list[Problem], bool]:
    """csvio on the bytes from a line start; says whether the window reached the end of the file."""
    with path.open("rb") as handle:
        handle.seek(start)
        data = handle.read(size + 1)
    at_end = len(data) <= size
    text = codecs.getincrementaldecoder("utf-8")().decode(data[:size], final=at_end)
    records, problems = csvio.parse(text, display)
    return records, problems, at_end


def syntax_problem(path: Path, start: int, display: str) -> Problem | None:
    """csvio's first syntax error at or after a record start, in real lines. A window that cuts a
    record can show a false error at the cut, so an error counts once a window twice as large
    shows the same one."""
    size, seen = WINDOW, None
    while True:
        _, problems, at_end = parse_window(path, start, size, display)
        found = problems[0] if problems else None
        if at_end or (found is not None and found == seen):
            break
        seen, size = found, size * 2
    if found is None:
        return None
    base_line = position(path, start)[0]
    return Problem(found.file, found.line + base_line - 1, found.column, found.rule, found.message, found.hint)


def first_record(path: Path, end: int, display: str) -> list[str] | None:
    """The header: the first record, read with csvio (None if bytes [0, end) hold no whole record)."""
    size = WINDOW
    while True:
        records, _, at_end = parse_window(path, 0, min(size, end), display)
        if len(records) > 1 or (records and (at_end or size >= end)):
            return records[0].values
        if at_end or size >= end:
            return None
        size *= 2


@dataclass
class RecordMap:
    """Where each record of bytes [0, end) starts (record 0 is the header), on which line, and
    which records are blank lines. Built in one pass over the lines, with quote parity telling
    which newlines end a record."""

    starts: array
    lines: array
    blank: list[int]
    end: int

    @classmethod
    def build(cls, path: Path, end: int) -> "RecordMap":
        starts, lines, blank = array("q"), array("q"), []
        parity, offset, line = 0, 0, 1
        with path.open("rb") as handle:
            carry, remaining = b"", end
            while True:
                chunk = handle.read(min(PIECE, remaining))
                remaining -= len(chunk)
                data, last = carry + chunk, not chunk or remaining <= 0
                if not last:
                    cut = data.rfind(b"\n") + 1
                    data, carry = data[:cut], data[cut:]
                parts = data.split(b"\n")
                if parts[-1] == b"":
                    parts.pop()  # what follows the last newline is the next chunk's
                # Per line, in C-level loops: where it starts, on which line, and the quote
                # parity before it (a line that starts at even parity starts a record).
                before = list(accumulate((p.count(b'"') & 1 for p in parts), xor, initial=parity))
                at = list(accumulate((len(p) + 1 for p in parts), initial=offset))
                first = len(starts)
                opens = [p == 0 for p in before[:-1]]
                starts.extend(compress(at, opens))
                lines.extend(compress(range(line, line + len(parts)), opens))
                blank.extend(first + i for i, p in enumerate(compress(parts, opens)) if not p)
                parity, offset, line = before[-1], at[-1], line + len(parts)
                if last:
                    break
        return cls(starts, lines, blank, end)

    def __len__(self) -> int:
        return len(self.starts)

    def index_of(self, offset: int) -> int:
        """The record that starts at a byte offset."""
        index = bisect_right(self.starts, offset) - 1
        if index < 0 or self.starts[index] != offset:
            raise ValueError(f"no record starts at byte {offset}")
        return index

    def span(self, index: int) -> tuple[int, int]:
        stop = self.starts[index + 1] if index + 1 < len(self.starts) else self.end
        return self.starts[index], stop


@dataclass
class Layout:
    """What the CSV layer found in one file, and which bytes hold the records that load."""

    problems: list[Problem]
    header: list[str] | None  # None: no whole first record to read a header from
    end: int  # the records that load lie in bytes [0, end): a syntax error stops the rest
    clean: bool  # every record in [0, end) is as wide as the schema: DuckDB can reject none


def inspect(connection, path: Path, display: str, fields: list[str]) -> Layout:
    """The CSV layer of one table file, with csvio's findings and locations."""
    try:
        with path.open("rb") as handle:
            head = handle.read(3)
    except OSError:  # csvio words it: file-missing
        return Layout(csvio.read_table(path, display).problems, None, 0, True)
    if not head:  # csvio words it: csv-empty
        return Layout(csvio.read_table(path, display).problems, None, 0, True)
    if head == b"\xef\xbb\xbf":
        return Layout(csvio.decode(head, display)[1], None, 0, True)
    size = path.stat().st_size
    verdict = whole_file(connection, path, len(fields))
    if verdict is None:  # piece by piece: less memory, more copying
        verdict = CLEAN if matches_everywhere(connection, path, record_pattern(len(fields))) else \
            NOT_UTF8 if first_bad_byte(path) is not None else valid_prefix(connection, path)
    if verdict == CLEAN:
        return Layout([], first_record(path, size, display), size, True)
    if verdict == NOT_UTF8:
        return Layout([encoding_problem(path, display)], None, 0, True)
    fatal = syntax_problem(path, verdict, display) if verdict < size else None
    end = verdict if fatal is not None else size
    header = first_record(path, end, display) if end > 0 else None
    return Layout([fatal] if fatal else [], header, end, False)


def record_boundaries(path: Path, targets: list[int]) -> list[int]:
    """For each target byte (ascending), the first record start at or after it in a clean
    file: the start of a line that follows an even number of quotes. One pass over the file."""
    found, quotes, read = [], 0, 0
    with path.open("rb") as handle:
        for target in targets:
            if found and found[-1] >= target:
                found.append(found[-1])
                continue
            while read < target:  # count the quotes up to the target
                chunk = handle.read(min(PIECE, target - read))
                if not chunk:
                    break
                quotes += chunk.count(b'"')
                read += len(chunk)
            while True:  # then line by line to a line start at even parity
                line = handle.readline()
                if not line:
                    found.append(read)
                    break
                if not line.endswith(b"\n"):
                    read += len(line)
                    found.append(read)
                    break
                quotes += line.count(b'"')
                read += len(line)
                if quotes % 2 == 0:
                    found.append(read)
                    break
    return found


def copy_range(source, target, start: int, stop: int) -> None:
    """Bytes [start, stop) of one open file appended to another, copied by the kernel."""
    target.flush()
    while start < stop:
        sent = os.sendfile(target.fileno(), source.fileno(), start, stop - start)
        if sent == 0:
            raise OSError(f"could not copy bytes {start}-{stop} of {source.name}")
        start += sent


def parts(path: Path, stem: Path, size_each: int, end: int) -> list[tuple[Path, int, int]]:
    """CSV files with the records of bytes [0, end) of a file, cut into parts of about
    size_each bytes (at least two) at record boundaries as quote parity shows them, each with
    the header: (file, where its records start in the original, how long the header is). Where
    the bytes are not clean a cut may fall inside a record: that part then fails its match."""
    count = max(2, -(-end // size_each))
    cuts = record_boundaries(path, [0] + [end * k // count for k in range(1, count)]) + [end]
    body = cuts[0]  # where the header record ends
    files = []
    with path.open("rb") as source:
        for number, (start, stop) in enumerate(zip(cuts, cuts[1:])):
            files.append((stem.with_suffix(f".{number}.csv"), start, body))
            with files[-1][0].open("wb") as target:
                copy_range(source, target, 0, body)
                copy_range(source, target, start, max(start, min(stop, end)))
    return files
