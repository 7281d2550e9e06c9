"""Loading the package: descriptor, JSON Schemas, and every table as located, typed records.

A table resource's `path` may be one file or an array of parts (Data Package v2: the parts
are read as if concatenated). Every part starts with the header row: each part is then a
valid CSV file on its own, DuckDB reads the list with header=true, frictionless-py skips the
first line of every part after the first, and an error is reported in the part file itself,
at its real line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import csvio, jsonloc, safeio
from .csvio import Cell
from .problems import ClaimsError, Problem
from .safeio import LocatedError
from .schemas import RecordSchema, load_schemas, record_problems

DESCRIPTOR = "datapackage.json"
# Longer cells are refused before typing: the longest real cell is a note of a few hundred
# characters, and a huge one is a mistake (a pasted document) that would slow every engine.
MAX_CELL_CHARS = 100_000
# Tables load in this order so that foreign keys always point at something already loaded.
TABLE_ORDER = ("sources", "confidence_rubric", "properties", "entities", "aliases", "claims", "attributions",
               "exclusions")


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


@dataclass
class Package:
    root: Path
    descriptor: dict
    schemas: dict[str, RecordSchema]
    tables: dict[str, LoadedTable]
    problems: list[Problem]
    descriptor_text: str = ""

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
        raise ClaimsError(f"{DESCRIPTOR} not found in {root}: run the command in the package's root folder", 2)
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


def resource_parts(descriptor: dict) -> dict[str, list[str]]:
    """Resource name -> its CSV files in order (one for a single-file resource)."""
    return {name: path if isinstance(path, list) else [path] for name, path in tabular_resources(descriptor).items()}


def unsafe_path(rel) -> str | None:
    """Why a resource path must not be read, or None: paths stay relative and inside the package."""
    if not isinstance(rel, str) or not rel:
        return "is not a file path"
    if rel.startswith(("/", "\\")) or ":" in rel or ".." in Path(rel).parts or "\\" in rel:
        return "leads outside the package (absolute, '..' or a drive)"
    return None


def load_table(root: Path, name: str, parts: list[str], schema: RecordSchema) -> tuple[LoadedTable, list[Problem]]:
    loaded = LoadedTable(name, parts[0], schema, files=list(parts))
    problems: list[Problem] = []
    for index, rel_path in enumerate(parts):
        refused = safeio.unreadable_reason(root, rel_path, safeio.MAX_TABLE_BYTES)
        if refused is not None:
            problems.append(Problem(rel_path, 1, 1, *refused))
            continue
        table = csvio.read_table(root / rel_path, rel_path)
        problems.extend(table.problems)
        if not table.header:
            continue
        if table.header != schema.fields:
            problems.append(header_problem(rel_path, table.header, schema.fields, multipart=len(parts) > 1))
            continue
        if index < len(parts) - 1 and not table.final_newline:
            last = table.records[-1].cells[-1] if table.records else Cell("", 1, 1)
            problems.append(Problem(rel_path, last.line, last.column, "csv-part-newline",
                                    "a part of a multipart resource must end with a newline",
                                    "end the file with a newline (claims fmt does)"))
        for record in table.records:
            loaded.records.append((rel_path, record))
            row, row_problems = _typed_row(schema, rel_path, record)
            problems.extend(row_problems)
            if row is not None:
                loaded.rows.append(row)
    return loaded, problems


def width_problem(file: str, record: csvio.Record, width: int) -> Problem | None:
    if len(record.cells) == width:
        return None
    return Problem(file, record.line, record.cells[-1].column, "csv-row-width",
                   f"row has {len(record.cells)} cells, the header has {width}",
                   "add or remove cells (a comma inside a cell needs the cell quoted)")


def _typed_row(schema: RecordSchema, file: str, record: csvio.Record) -> tuple[Row | None, list[Problem]]:
    wrong_width = width_problem(file, record, len(schema.fields))
    if wrong_width:
        return None, [wrong_width]
    return typed_row(schema, file, dict(zip(schema.fields, record.cells)), record.line)


def typed_row(schema: RecordSchema, file: str, cells: dict[str, Cell], line: int) -> tuple[Row | None, list[Problem]]:
    """Type one record's cells and check it against its JSON Schema. The row is None when a
    cell cannot be typed (its record problems would only repeat the typing problem)."""
    values, problems = {}, []
    for name, cell in cells.items():
        if len(cell.text) > MAX_CELL_CHARS:
            problems.append(Problem(file, cell.line, cell.column, "csv-cell-size",
                                    f"{name}: cell of {len(cell.text):,} characters (at most {MAX_CELL_CHARS:,})",
                                    "a cell holds one value, not a document; check for a pasted text", name))
        elif cell.text != "":
            try:
                values[name] = schema.to_json_value(name, cell.text)
            except ValueError as exc:
                problems.append(Problem(file, cell.line, cell.column, "cell-type", f"{name}: {exc}",
                                        f"write a {schema.field_type(name)} value", name))
    if problems:
        return None, problems
    return Row(values, cells, line, file), record_problems(schema, values, cells, file, line)


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
    for name in TABLE_ORDER:
        if name not in resources or name not in schemas:
            missing = "table resource" if name not in resources else f"schemas/{name}.schema.json for"
            problems.append(Problem(DESCRIPTOR, 1, 1, "descriptor-resource", f"no {missing} {name}",
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
