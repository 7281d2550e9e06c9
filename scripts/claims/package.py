"""Loading the package: descriptor, JSON Schemas, and every table as located, typed records.

A table resource's `path` may be one file or an array of parts (Data Package v2: the parts
are read as if concatenated). Every part starts with the header row: each part is then a
valid CSV file on its own, DuckDB reads the list with header=true, frictionless-py skips the
first line of every part after the first, and an error is reported in the part file itself,
at its real line.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import csvio, csvstream, jsonloc, safeio
from .csvio import Cell
from .problems import DataError, Problem, UsageError
from .safeio import LocatedError
from .schemas import RecordSchema, load_schemas, record_problems

DESCRIPTOR = "datapackage.json"
# Longer cells are refused before typing: the longest real cell is a note of a few hundred
# characters, and a huge one is a mistake (a pasted document) that would slow every engine.
MAX_CELL_CHARS = 100_000
# A release made for redistributors leaves the seed texts out and says so in its descriptor
# (claims release --without-seeds): validate then skips the checks that read them.
SEEDS_PROPERTY = "x-seeds"
SEEDS_WITHHELD = "withheld"


@dataclass
class Row:
    """One CSV record: its typed values (empty cells left out), cells by field, real line, and
    the file it is in (a part of a multipart resource)."""

    values: dict
    cells: dict
    line: int
    file: str = ""

    def get(self, name, default=None):
        return self.values.get(name, default)


@dataclass
class LoadedTable:
    name: str
    file: str  # the first part, where messages about the table as a whole point
    schema: RecordSchema
    rows: list[Row] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # Every data record of every part in order, typed or not: record n is row n + 2 of the
    # concatenation other engines (frictionless-py) number their errors by.
    records: list[tuple[str, csvio.Record]] = field(default_factory=list)
    complete: bool = True  # False: only the records the gate flagged were loaded (fastpath/wording.py)


@dataclass
class Package:
    root: Path
    descriptor: dict
    schemas: dict[str, RecordSchema]
    tables: dict[str, LoadedTable]
    problems: list[Problem]
    descriptor_text: str = ""

    @property
    def seeds_withheld(self) -> bool:
        return self.descriptor.get(SEEDS_PROPERTY) == SEEDS_WITHHELD

    def rows(self, name: str) -> list[Row]:
        return self.tables[name].rows if name in self.tables else []

    def file(self, name: str) -> str:
        """The table's (first) file, or its name when it did not load."""
        return self.tables[name].file if name in self.tables else name


# The descriptor (or a schema) cannot be read at all: the located problem is the whole report.
DescriptorError = LocatedError


def find_root(start: Path) -> Path | None:
    """The package a folder is in, found the way git finds a repository: the folder itself or
    its nearest parent that holds datapackage.json. None outside any package."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / DESCRIPTOR).is_file():
            return candidate
    return None

def read_descriptor(root: Path) -> dict:
    return read_descriptor_text(root)[0]


def read_descriptor_text(root: Path) -> tuple[dict, str]:
    """The descriptor and its text (kept to place problems on their line)."""
    path = root / DESCRIPTOR
    if not path.is_file() and not path.is_symlink():
        raise UsageError(f"{DESCRIPTOR} not found in {root}: run the command in the package's root folder")
    descriptor, text = safeio.read_json(root, DESCRIPTOR, "descriptor-json")
    if not isinstance(descriptor, dict):
        raise DescriptorError(Problem(DESCRIPTOR, 1, 1, "descriptor-json", "the descriptor is not a JSON object",
                                      "the file must hold one object: {\"name\": ..., \"resources\": [...]}"))
    return descriptor, text


def table_resource_dicts(descriptor: dict) -> list[dict]:
    """The well-formed table resources of a descriptor (the profile check reports the others)."""
    resources = descriptor.get("resources")
    return [res for res in resources if isinstance(res, dict) and res.get("type") == "table"
            and isinstance(res.get("name"), str)] if isinstance(resources, list) else []


def tabular_resources(descriptor: dict) -> dict[str, str | list[str]]:
    """Resource name -> the `path` as declared: one CSV path, or a list of parts."""
    return {res["name"]: res.get("path") for res in table_resource_dicts(descriptor)}


def files_digest(paths: list[Path]) -> tuple[int, str]:
    """Size and SHA-256 (hex) of files read one after another, as a multipart resource is."""
    digest = hashlib.sha256()
    size = 0
    for path in paths:
        data = path.read_bytes()
        digest.update(data)
        size += len(data)
    return size, digest.hexdigest()


def resource_parts(descriptor: dict) -> dict[str, list[str]]:
    """Resource name -> its CSV files in order (one for a single-file resource)."""
    return {name: path if isinstance(path, list) else [path] for name, path in tabular_resources(descriptor).items()}


def table_order(schemas: dict[str, RecordSchema], descriptor: dict | None = None) -> tuple[str, ...]:
    """Every table of schemas/, each after the tables its foreign keys point at (a table may
    point at itself), so that a reference always meets a loaded table. Among the tables free
    to go, the descriptor's order decides; a table it does not list goes as soon as it can."""
    listed = list(tabular_resources(descriptor)) if descriptor else []
    needs = {name: {fk["reference"]["resource"] for fk in schema.foreign_keys} & set(schemas) - {name}
             for name, schema in schemas.items()}
    order: list[str] = []
    while len(order) < len(needs):
        ready = [name for name in needs if name not in order and needs[name] <= set(order)]
        if not ready:
            raise DataError("the foreign keys of schemas/ form a cycle among "
                            + ", ".join(sorted(set(needs) - set(order))) + ": no table can be loaded first")
        order.append(min(ready, key=lambda name: (listed.index(name) if name in listed else -1, name)))
    return tuple(order)


def unsafe_path(rel) -> str | None:
    """Why a resource path must not be read, or None: paths stay relative and inside the package."""
    if not isinstance(rel, str) or not rel:
        return "is not a file path"
    if rel.startswith(("/", "\\")) or ":" in rel or ".." in Path(rel).parts or "\\" in rel:
        return "leads outside the package (absolute, '..' or a drive)"
    return None


def load_table(root: Path, name: str, parts: list[str], schema: RecordSchema, keep_for=None,
               clean: Mapping[str, bool | int] | None = None,
               checks_for=None) -> tuple[LoadedTable, list[Problem]]:
    """A table from its parts, every record located, typed and checked. keep_for(rel_path), when
    given, returns the csvstream.Keep deciding which records of a part are loaded (the others
    are read and dropped: the DuckDB gate found nothing in them); clean: of a part, True when it
    is known to be RFC 4180 throughout, a number when its records starting on a line up to it
    are; checks_for(rel_path, line), when given, the schema a typed row is checked against
    (None: none; the DuckDB gate found it passes every record rule)."""
    loaded = LoadedTable(name, parts[0], schema, files=list(parts), complete=keep_for is None)
    problems: list[Problem] = []
    for index, rel_path in enumerate(parts):
        refused = safeio.unreadable_reason(root, rel_path, safeio.MAX_TABLE_BYTES)
        if refused is not None:
            problems.append(Problem(rel_path, 1, 1, *refused))
            continue
        keep = keep_for(rel_path) if keep_for is not None else None
        table = csvstream.scan(root / rel_path, rel_path, keep, (clean or {}).get(rel_path, False),
                               header=schema.fields)
        problems.extend(table.problems)
        if not table.header:
            continue
        if table.header != schema.fields:
            problems.append(header_problem(rel_path, table.header, schema.fields, multipart=len(parts) > 1))
            continue
        if index < len(parts) - 1 and not table.final_newline:
            last = table.last.cells[-1] if table.last is not None else Cell("", 1, 1)
            problems.append(Problem(rel_path, last.line, last.column, "csv-part-newline",
                                    "a part of a multipart resource must end with a newline",
                                    "end the file with a newline (claims fmt does)"))
        for _, record in table.records:
            loaded.records.append((rel_path, record))
            check = schema if checks_for is None else checks_for(rel_path, record.line)
            row, row_problems = typed_record(schema, rel_path, record, check)
            problems.extend(row_problems)
            if row is not None:
                loaded.rows.append(row)
    return loaded, problems


def width_problem(file: str, record: csvio.Record, width: int) -> Problem | None:
    if len(record.values) == width:
        return None
    return Problem(file, record.line, record.cells[-1].column, "csv-row-width",
                   f"row has {len(record.values)} cells, the header has {width}",
                   "add or remove cells (a comma inside a cell needs the cell quoted)")


def typed_record(schema: RecordSchema, file: str, record: csvio.Record,
               check: RecordSchema | None) -> tuple[Row | None, list[Problem]]:
    wrong_width = width_problem(file, record, len(schema.fields))
    if wrong_width:
        return None, [wrong_width]
    return typed_row(schema, file, csvstream.RowCells(schema.fields, record), record.line, check)


_WHOLE = object()  # check a row against the whole schema


def typed_row(schema: RecordSchema, file: str, cells, line: int,
              check: RecordSchema | None = _WHOLE) -> tuple[Row | None, list[Problem]]:
    """Type one record's cells (a mapping of field to Cell; a csvstream.RowCells is located only
    where a problem is) and check it against its JSON Schema (or the schema given, a part of it
    known to hold all that can fail; None: nothing can). The row is None when a cell cannot be
    typed (its record problems would only repeat the typing problem)."""
    values, problems = {}, []
    texts = cells.texts() if isinstance(cells, csvstream.RowCells) else ((n, c.text) for n, c in cells.items())
    for name, text in texts:
        if len(text) > MAX_CELL_CHARS:
            cell = cells[name]
            problems.append(Problem(file, cell.line, cell.column, "csv-cell-size",
                                    f"{name}: cell of {len(text):,} characters (at most {MAX_CELL_CHARS:,})",
                                    "a cell holds one value, not a document; check for a pasted text", name))
        elif text != "":
            try:
                values[name] = schema.to_json_value(name, text)
            except ValueError as exc:
                cell = cells[name]
                problems.append(Problem(file, cell.line, cell.column, "cell-type", f"{name}: {exc}",
                                        f"write a {schema.field_type(name)} value", name))
    if problems:
        return None, problems
    check = schema if check is _WHOLE else check
    return Row(values, cells, line, file), record_problems(check, values, cells, file, line) if check else []


def _some(names: list[str], shown: int = 20) -> str:
    more = f" and {len(names) - shown:,} more" if len(names) > shown else ""
    return ", ".join(repr(name) if not name.isprintable() else name for name in names[:shown]) + more


def header_problem(file: str, header: list[str], expected: list[str], multipart: bool = False) -> Problem:
    # Linear in the header's width (a pull request can hold a header of a million columns),
    # and the names listed are capped so the message stays readable.
    seen = Counter(header)
    wanted = set(expected)
    missing = [name for name in expected if name not in seen]
    extra = [name for name in seen if name not in wanted]
    duplicated = sorted(name for name, count in seen.items() if count > 1)
    parts = []
    if len(header) > safeio.MAX_COLUMNS:
        parts.append(f"{len(header):,} columns (the schema has {len(expected)})")
    if missing:
        parts.append("missing " + _some(missing))
    if extra:
        parts.append("unknown " + _some(extra))
    if duplicated:
        parts.append("repeated " + _some(duplicated))
    if not parts:
        parts.append("columns out of order")
    hint = "the header must be exactly: " + ",".join(expected)
    if multipart:
        hint = "every part of a multipart resource starts with the header row; " + hint
    return Problem(file, 1, 1, "csv-header", "header does not match the schema: " + "; ".join(parts), hint)


def load_package(root: Path) -> Package:
    root = root.resolve()
    descriptor, text = read_descriptor_text(root)
    schemas = load_schemas(root / "schemas")
    resources = resource_parts(descriptor)
    problems: list[Problem] = []
    tables: dict[str, LoadedTable] = {}
    for name in table_order(schemas, descriptor):
        if name not in resources:
            problems.append(Problem(DESCRIPTOR, 1, 1, "descriptor-resource", f"no table resource {name}",
                                    "run claims sync to regenerate the descriptor"))
            continue
        unsafe = [(rel, unsafe_path(rel)) for rel in resources[name] if unsafe_path(rel)]
        if unsafe or not resources[name]:
            rel, reason = unsafe[0] if unsafe else ("[]", "is empty")
            index = next(i for i, res in enumerate(descriptor["resources"])
                         if isinstance(res, dict) and res.get("name") == name)
            line, column = jsonloc.locate(text, ["resources", index, "path"])
            problems.append(Problem(DESCRIPTOR, line, column, "descriptor-resource",
                                    f"resource {name}: path {rel} {reason}",
                                    "give a relative path inside the package, such as claims/" + name + ".csv"))
            continue
        loaded, table_problems = load_table(root, name, resources[name], schemas[name])
        tables[name] = loaded
        problems.extend(table_problems)
    return Package(root, descriptor, schemas, tables, problems, text)
