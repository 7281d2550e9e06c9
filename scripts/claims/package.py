"""Loading the package: descriptor, JSON Schemas, and every table as located, typed records."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import csvio
from .problems import ClaimsError, Problem
from .schemas import RecordSchema, load_schemas, record_problems

DESCRIPTOR = "datapackage.json"
# Tables load in this order so that foreign keys always point at something already loaded.
TABLE_ORDER = ("sources", "confidence_rubric", "properties", "entities", "aliases", "claims", "attributions",
               "exclusions")


@dataclass
class Row:
    """One CSV record: its typed values (empty cells left out), cells by field, real line."""

    values: dict
    cells: dict
    line: int

    def get(self, name, default=None):
        return self.values.get(name, default)


@dataclass
class LoadedTable:
    name: str
    file: str
    schema: RecordSchema
    rows: list[Row] = field(default_factory=list)


@dataclass
class Package:
    root: Path
    descriptor: dict
    schemas: dict[str, RecordSchema]
    tables: dict[str, LoadedTable]
    problems: list[Problem]

    def rows(self, name: str) -> list[Row]:
        return self.tables[name].rows if name in self.tables else []

    def file(self, name: str) -> str:
        return self.tables[name].file


def read_descriptor(root: Path) -> dict:
    path = root / DESCRIPTOR
    if not path.is_file():
        raise ClaimsError(f"{DESCRIPTOR} not found in {root}: run the command in the package's root folder", 2)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        column = getattr(exc, "colno", 1)
        raise ClaimsError(f"{DESCRIPTOR}:{line}:{column}: error [descriptor-json] not valid JSON: {exc}") from exc


def tabular_resources(descriptor: dict) -> dict[str, str]:
    """Resource name -> CSV path for the package's tables."""
    return {res["name"]: res["path"] for res in descriptor.get("resources", []) if res.get("type") == "table"}


def load_table(root: Path, name: str, rel_path: str, schema: RecordSchema) -> tuple[LoadedTable, list[Problem]]:
    table = csvio.read_table(root / rel_path, rel_path)
    loaded = LoadedTable(name, rel_path, schema)
    problems = list(table.problems)
    if not table.header:
        return loaded, problems
    expected = schema.fields
    if table.header != expected:
        problems.append(_header_problem(rel_path, table.header, expected))
        return loaded, problems
    width = len(expected)
    for record in table.records:
        if len(record.cells) != width:
            problems.append(width_problem(rel_path, record, width))
            continue
        values, cells, typing_problems = {}, {}, []
        for name_, cell in zip(expected, record.cells):
            cells[name_] = cell
            if cell.text == "":
                continue
            try:
                values[name_] = schema.to_json_value(name_, cell.text)
            except ValueError as exc:
                typing_problems.append(cell_type_problem(rel_path, schema, name_, cell, exc))
        problems.extend(typing_problems)
        if typing_problems:
            continue
        problems.extend(record_problems(schema, values, cells, rel_path, record.line))
        loaded.rows.append(Row(values, cells, record.line))
    return loaded, problems


def width_problem(file: str, record: csvio.Record, width: int) -> Problem:
    return Problem(file, record.line, record.cells[-1].column, "csv-row-width",
                   f"row has {len(record.cells)} cells, the header has {width}",
                   "add or remove cells (a comma inside a cell needs the cell quoted)")


def cell_type_problem(file: str, schema: RecordSchema, name: str, cell: csvio.Cell, exc: ValueError) -> Problem:
    return Problem(file, cell.line, cell.column, "cell-type", f"{name}: {exc}",
                   f"write a {schema.field_type(name)} value", name)


def _header_problem(file: str, header: list[str], expected: list[str]) -> Problem:
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if extra:
        parts.append("unknown " + ", ".join(extra))
    if duplicated:
        parts.append("repeated " + ", ".join(duplicated))
    if not parts:
        parts.append("columns out of order")
    return Problem(file, 1, 1, "csv-header", "header does not match the schema: " + "; ".join(parts),
                   "the header must be exactly: " + ",".join(expected))


def load_package(root: Path) -> Package:
    root = root.resolve()
    descriptor = read_descriptor(root)
    schemas = load_schemas(root / "schemas")
    resources = tabular_resources(descriptor)
    problems: list[Problem] = []
    tables: dict[str, LoadedTable] = {}
    for name in TABLE_ORDER:
        if name not in resources:
            problems.append(Problem(DESCRIPTOR, 1, 1, "descriptor-resource", f"no table resource named {name}",
                                    "run claims sync to regenerate the descriptor"))
            continue
        loaded, table_problems = load_table(root, name, resources[name], schemas[name])
        tables[name] = loaded
        problems.extend(table_problems)
    return Package(root, descriptor, schemas, tables, problems)
