"""Library for adding rows by program: locate quotes in seeds, mint ids, write tables in
canonical order. The contribution commands (claims add-claim, claims fmt) are thin layers
over it, and extraction scripts use it directly."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from . import csvio, repair, transaction
from .package import read_descriptor, resource_parts
from .problems import DataError, param
from .schemas import RecordSchema, load_schemas

LOCK_FILE = Path(transaction.LOCK_FILE)
# Every write command runs in one transaction.Transaction (the portable lock, a redo journal):
# locked() is kept for callers that only need the lock.
locked = transaction.locked
# Claims sort in reading order within each document, so a pull request that adds claims to
# one document touches one region of the file; other tables sort by primary key.
# Sources sort by seed file, the order the documents were stored in (seed_path is unique).
SORT_KEYS = {
    "claims": ("source_id", "quote_start", "quote_end", "claim_id"),
    "sources": ("seed_path",),
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def locate(text: str, quote: str, occurrence: int | None = None, prefix: str = "", suffix: str = "") -> Span:
    """Find quote in text. If it occurs more than once, an occurrence number (1-based) or a
    prefix/suffix that fits only one of them must choose; otherwise refuse, listing candidates."""
    if not quote:
        raise DataError("the quote is empty")
    starts = repair.occurrences(text, quote)
    if not starts:
        raise DataError(f"not found in the seed: {quote!r}" + near_hint(text, quote))
    if prefix or suffix:
        starts = [s for s in starts if text[:s].endswith(prefix) and text[s + len(quote):].startswith(suffix)]
        if not starts:
            raise DataError(f"no occurrence of the quote has that prefix/suffix: {quote!r}")
    if occurrence is not None:
        if not 1 <= occurrence <= len(starts):
            raise DataError(f"occurrence {occurrence} asked, the quote occurs {len(starts)} time(s)")
        start = starts[occurrence - 1]
    elif len(starts) > 1:
        listed = "\n".join(f"  #{n} at offset {s} (line {text.count(chr(10), 0, s) + 1}): "
                           f"{_context(text, s, s + len(quote))}" for n, s in enumerate(starts, 1))
        raise DataError(f"the quote occurs {len(starts)} times; choose one with {param('occurrence')} N, or "
                        f"{param('prefix')}/{param('suffix')} (the text just before or after it):\n{listed}")
    else:
        start = starts[0]
    return Span(start, start + len(quote), quote)


def near_hint(text: str, quote: str) -> str:
    near = repair.locate_near(text, quote)
    if near is None:
        return ""
    _, start, end = near
    changed = repair.difference(text[start:end], quote)
    detail = f" (the seed has {changed[0]} where you wrote {changed[1]} at character {changed[2]})" if changed else ""
    return (f"\n  the nearest seed text is {repair.shown(text[start:end])} at offset {start} "
            f"(line {text.count(chr(10), 0, start) + 1}){detail}: copy it exactly")


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    """The span in [brackets] with some text either side, escaped so line breaks show."""
    before, inside, after = text[max(0, start - width):start], text[start:end], text[end:end + width]
    return json.dumps(f"…{before}[{inside}]{after}…", ensure_ascii=False)


def new_claim_id(source_id: str, taken: set[str]) -> str:
    """<source_id>/<8 random hex digits>: random so that parallel pull requests do not collide."""
    while True:
        claim_id = f"{source_id}/{secrets.token_hex(4)}"
        if claim_id not in taken:
            return claim_id


def _sort_value(value: str, numeric: bool):
    if numeric and value:
        # A cell that is not a whole number (an error validate reports) sorts last, as text.
        return (0, int(value)) if value.lstrip("-").isdigit() and value.isascii() else (2, value)
    if numeric:
        return (1, 0)
    return (0, value)


def canonical_rows(table: str, header: list[str], rows: list[list[str]], schema_fields: dict) -> list[list[str]]:
    keys = SORT_KEYS.get(table) or tuple(schema_fields["x-primaryKey"])
    indexes = [header.index(k) for k in keys]
    numeric = [schema_fields["properties"][k]["type"] == "integer" for k in keys]
    return sorted(rows, key=lambda row: [_sort_value(row[i], n) for i, n in zip(indexes, numeric)])


def table_parts(root: Path, table: str) -> list[str]:
    """The files of a table resource (one, or the parts of a multipart resource)."""
    parts = resource_parts(read_descriptor(root))
    if table not in parts:
        raise DataError(f"datapackage.json has no table resource {table}")
    return parts[table]


def canonical_text(schema: RecordSchema, rows: list[dict]) -> str:
    """A table file's text in canonical order, quoting and line endings."""
    header = schema.fields
    unknown = {key for row in rows for key in row} - set(header)
    if unknown:
        raise DataError(f"unknown column(s) for {schema.name}: {', '.join(sorted(unknown))}")
    values = [[cell_text(row.get(name)) for name in header] for row in rows]
    return csvio.dumps(header, canonical_rows(schema.name, header, values, schema.document))


def write_table(root: Path, table: str, rows: list[dict], part: str | None = None,
                txn: transaction.Transaction | None = None) -> Path:
    """Write a whole table file in canonical order and quoting. For a multipart resource, part
    names the file the rows are for. With txn, the file is written when the transaction
    commits, together with its other files (the write commands do this, under its lock);
    without, it is replaced atomically on its own (extraction scripts that run alone)."""
    parts = table_parts(root, table)
    if part is None and len(parts) > 1:
        raise DataError(f"{table} has several parts: name the one to write")
    rel = part or parts[0]
    data = canonical_text(load_schemas(root / "schemas")[table], rows).encode("utf-8")
    if txn is None:
        transaction.write_atomic(root / rel, data)
    else:
        txn.write(rel, data)
    return root / rel


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_rows(root: Path, table: str, part: str | None = None,
              txn: transaction.Transaction | None = None) -> list[dict]:
    """A table's rows (or one part's) as dicts of cell text (empty cells left out), in file order;
    with txn, as the transaction leaves them (its pending writes included)."""
    rows = []
    for rel in [part] if part else table_parts(root, table):
        if txn is not None and rel in txn.writes:
            loaded = csvio.table_from_bytes(txn.writes[rel], rel)
        else:
            loaded = csvio.read_table(root / rel, rel)
        if loaded.problems:
            raise DataError(loaded.problems[0].render())
        rows += [{name: cell.text for name, cell in zip(loaded.header, record.cells) if cell.text != ""}
                 for record in loaded.records]
    return rows
