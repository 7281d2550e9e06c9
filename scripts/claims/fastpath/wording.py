"""The located report of what the gate flagged, worded by the Python path's code on the rows flagged.

The gate (gate.py) says, rule by rule, which rows may break it and which rows its Python check
reads to word them. Here each table is streamed once (csvstream.py: Python's csv module, cells
located only for the records kept): small tables are loaded whole; of a large one only the
rows the gate selected, and every record DuckDB could not read as a row (a wrong width, a
blank line), are located, typed and checked by package.load_table as the Python path does.
On that package every rule's Python check runs; a problem of a rule with SQL is kept when it
is on a row the rule's SQL selected, which is where the Python path, reading every row,
reports it too (its check of a selected row reads only rows the SQL selected with it, or small
tables loaded whole). Rules marked PYTHON_ONLY were run by the gate on whole tables: their
problems are the gate's. So the report equals the Python path's, at the cost of reading the
flagged rows (tests/test_fastpath_gate.py and tests/test_rule_registry.py compare them,
with every table reduced).

Where DuckDB read other rows than the Python path would (a row with one empty cell too many
is a row to DuckDB, a width error to the Python path), NotTheSameRows sends the package to the
Python path whole.
"""

from __future__ import annotations

import bisect
import os

from .. import descriptor, rootcause
from ..package import LoadedTable, Package, load_table, resource_parts, table_order
from ..problems import Problem
from ..rules import LAYERS, REGISTRY, all_rules, run_python
from ..schemas import RecordSchema
from .compile import TableSql
from .gate import GateResult

# Tables with at most this many rows are loaded whole (CLAIMS_WHOLE_ROWS: the tests set 0, so
# that every table is read row by row as a large one is).
WHOLE_ROWS = int(os.environ.get("CLAIMS_WHOLE_ROWS", "20000"))
LATER_LAYERS = set(LAYERS[LAYERS.index("record"):])


class NotTheSameRows(Exception):
    """DuckDB read another set of rows than the Python path: only the Python path can report."""


class Keeper:
    """Which records of a table are located: those the gate selected by their place among the
    rows DuckDB read (None: all), and every record of another width, which DuckDB did not read
    as a row. Remembers the place of each row kept, by file and line."""

    def __init__(self, width: int, wanted: set[int] | None, first_cells: dict[int, str | None]):
        self.width, self.wanted, self.next, self.first_cells = width, wanted, 0, first_cells
        self.places: dict[str, tuple[list[int], list[int]]] = {}  # file -> (lines, places), in order
        self.place_at: dict[tuple[str, int], int] = {}
        self.file = ""

    def for_part(self, rel: str):
        self.file = rel
        self.places.setdefault(rel, ([], []))
        return self.keep

    def keep(self, texts: list[str], line: int) -> bool:
        if len(texts) != self.width:
            return True
        place = self.next
        self.next += 1
        if place in self.first_cells and (texts[0] or None) != self.first_cells[place]:
            raise NotTheSameRows(f"{self.file}:{line}: not the row DuckDB read at place {place}")
        if self.wanted is None or place in self.wanted:
            lines, places = self.places[self.file]
            lines.append(line)
            places.append(place)
            self.place_at[(self.file, line)] = place
            return True
        return False

    def place(self, file: str, line: int) -> int | None:
        """The place of the kept row a problem at this line of this file is in."""
        lines, places = self.places.get(file, ([], []))
        index = bisect.bisect_right(lines, line) - 1
        return places[index] if index >= 0 else None


def located_report(gate: GateResult):
    from ..validate import Report, table_facts

    package, keepers, loading = _package(gate)
    rules = all_rules()
    by_gate = {entry.rule for entry in rules if entry.python_only}
    table_of = {file: name for name, table in package.tables.items() for file in table.files}

    def selected(found: list[Problem]) -> list[Problem]:
        kept = []
        for problem in found:
            table = table_of.get(problem.file)
            if problem.rule in gate.counted or table is None:
                kept.append(problem)
                continue
            place = keepers[table].place(problem.file, problem.line)
            if place is None or place not in gate.rows.get(problem.rule, {}).get(table, ()):
                continue
            fields = gate.fields.get(problem.rule, {}).get((table, place))
            if fields is None or problem.field in fields:
                kept.append(problem)
        return kept

    problems = gate.problems + loading
    problems += selected(run_python(package, ("descriptor", "table"), skip=by_gate))
    if not [p for p in problems if p.rule not in REGISTRY or REGISTRY[p.rule].layer not in LATER_LAYERS]:
        second = descriptor.frictionless_data_problems(package)
        if second and not all(table.complete for table in package.tables.values()):
            raise NotTheSameRows("frictionless-py reports rows not loaded")
        problems += second
    problems += selected(run_python(package, LAYERS[LAYERS.index("record"):], skip=by_gate))
    return Report(rootcause.fold(set(problems), *table_facts(package)), dict(gate.counts))


def _checks(keeper: Keeper, sql: TableSql, failing: dict[int, tuple[int, ...]]):
    """The schema each kept row is checked against: cut down to the checks the gate found it
    failing (None when it passed them all; every record of another width, whole)."""
    reduced: dict[tuple[int, ...], RecordSchema] = {}

    def checks_for(file: str, line: int) -> RecordSchema | None:
        place = keeper.place_at.get((file, line))
        if place is None:
            return sql.schema
        numbers = failing.get(place)
        if not numbers:
            return None
        if numbers not in reduced:
            reduced[numbers] = sql.reduced(numbers)
        return reduced[numbers]
    return checks_for


def _package(gate: GateResult) -> tuple[Package, dict[str, Keeper], list[Problem]]:
    """The package with, of each table, the rows to word; the keepers that know their places."""
    root, schemas, document = gate.package.root, gate.package.schemas, gate.package.descriptor
    resources = resource_parts(document)
    tables: dict[str, LoadedTable] = {}
    keepers: dict[str, Keeper] = {}
    problems: list[Problem] = []
    for name in table_order(schemas, document):
        parts = resources[name]
        wanted = None if gate.read_counts.get(name, 0) <= WHOLE_ROWS or name in gate.whole else \
            {row for tables_rows in gate.rows.values() for row in tables_rows.get(name, ())}
        keeper = keepers[name] = Keeper(len(schemas[name].fields), wanted, gate.first_cells.get(name, {}))
        if wanted is not None and not wanted and name not in gate.suspect:
            # Nothing to word, nothing DuckDB read otherwise: the rows stay unread.
            tables[name] = LoadedTable(name, parts[0], schemas[name], files=list(parts), complete=False)
            continue
        clean = {**gate.clean_lines, **dict.fromkeys(gate.clean_files, True)}
        tables[name], found = load_table(root, name, parts, schemas[name], keeper.for_part, clean,
                                         _checks(keeper, TableSql(schemas[name]), gate.record_checks.get(name, {})))
        tables[name].complete = wanted is None
        problems += found
        if keeper.next != gate.read_counts.get(name, 0):
            raise NotTheSameRows(f"{name}: DuckDB read {gate.read_counts.get(name, 0)} rows, the Python path "
                                 f"{keeper.next}")
    return Package(root, document, schemas, tables, [], gate.package.descriptor_text), keepers, problems
