"""Library for adding rows by program: locate quotes in seeds, mint ids, write tables in
canonical order. The contribution commands (claims add-claim, claims fmt) are thin layers
over it, and extraction scripts use it directly."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from . import csvio
from .package import tabular_resources, read_descriptor
from .problems import ClaimsError
from .schemas import load_schemas

# Claims sort in reading order within each document, so a pull request that adds claims to
# one document touches one region of the file; other tables sort by primary key.
SORT_KEYS = {
    "claims": ("source_id", "quote_start", "quote_end", "claim_id"),
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
        raise ClaimsError("the quote is empty")
    starts = []
    index = text.find(quote)
    while index >= 0:
        starts.append(index)
        index = text.find(quote, index + 1)
    if not starts:
        raise ClaimsError(f"quote not found in the seed: {quote!r}")
    if prefix or suffix:
        starts = [s for s in starts if text[:s].endswith(prefix) and text[s + len(quote):].startswith(suffix)]
        if not starts:
            raise ClaimsError(f"no occurrence of the quote has that prefix/suffix: {quote!r}")
    if occurrence is not None:
        if not 1 <= occurrence <= len(starts):
            raise ClaimsError(f"occurrence {occurrence} asked, the quote occurs {len(starts)} time(s)")
        start = starts[occurrence - 1]
    elif len(starts) > 1:
        listed = "; ".join(f"#{n} at {s}: ...{text[max(0, s - 30):s]}[{quote[:20]}" for n, s in enumerate(starts, 1))
        raise ClaimsError(f"the quote occurs {len(starts)} times; choose one with an occurrence, prefix or suffix: {listed}")
    else:
        start = starts[0]
    return Span(start, start + len(quote), quote)


def new_claim_id(source_id: str, taken: set[str]) -> str:
    """<source_id>/<8 random hex digits>: random so that parallel pull requests do not collide."""
    while True:
        claim_id = f"{source_id}/{secrets.token_hex(4)}"
        if claim_id not in taken:
            return claim_id


def _sort_value(value: str, numeric: bool):
    if numeric:
        return (0, int(value)) if value else (1, 0)
    return (0, value)


def canonical_rows(table: str, header: list[str], rows: list[list[str]], schema_fields: dict) -> list[list[str]]:
    keys = SORT_KEYS.get(table) or tuple(schema_fields["x-primaryKey"])
    indexes = [header.index(k) for k in keys]
    numeric = [schema_fields["properties"][k]["type"] == "integer" for k in keys]
    return sorted(rows, key=lambda row: [_sort_value(row[i], n) for i, n in zip(indexes, numeric)])


def write_table(root: Path, table: str, rows: list[dict]) -> Path:
    """Write a whole table in canonical order and quoting, atomically."""
    schemas = load_schemas(root / "schemas")
    schema = schemas[table]
    path = root / tabular_resources(read_descriptor(root))[table]
    header = schema.fields
    unknown = {key for row in rows for key in row} - set(header)
    if unknown:
        raise ClaimsError(f"unknown column(s) for {table}: {', '.join(sorted(unknown))}")
    values = [[_cell(row.get(name)) for name in header] for row in rows]
    ordered = canonical_rows(table, header, values, schema.document)
    csvio.write_atomic(path, csvio.dumps(header, ordered).encode("utf-8"))
    return path


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_rows(root: Path, table: str) -> list[dict]:
    """A table's rows as dicts of cell text (empty cells left out), in file order."""
    rel = tabular_resources(read_descriptor(root))[table]
    loaded = csvio.read_table(root / rel, rel)
    if loaded.problems:
        raise ClaimsError(loaded.problems[0].render())
    return [{name: cell.text for name, cell in zip(loaded.header, record.cells) if cell.text != ""}
            for record in loaded.records]
