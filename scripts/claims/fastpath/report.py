"""The fast path's last step: flags from SQL become located problems worded by the Python path.

SQL says which row breaks which rule at which column; the words come from the Python path's
own code, run on just those rows: record rules through schemas.record_problems with a schema
cut down to the one keyword or conditional that failed, the named checks and the keys
through checks.py on a package holding the flagged rows and what they refer to. Every flag
must come back as a problem at the same file, line and column. One that does not is a
disagreement between the engines and stops the run: a fast answer that differs from the
reference is worse than none.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import checks, csvio, descriptor
from ..package import TABLE_ORDER, LoadedTable, Package, Row, cell_type_problem, width_problem
from ..problems import ClaimsError, Problem
from ..quantities import QUALIFIERS, derive_bounds
from ..schemas import RecordSchema, record_problems
from ..validate import Report
from . import named
from .compile import Check
from .locate import Locator, Record, TypedValues



@dataclass(frozen=True)
class Flag:
    table: str
    rowidx: int
    rule: str
    field: str
    check: object = None


class Wording:
    """Locates flagged rows (once per row) and words their problems."""

    def __init__(self, engine):
        self.engine = engine
        self.locators: dict[str, Locator] = {}
        self.cache: dict[tuple[str, int], Row] = {}
        self.reduced: dict[int, RecordSchema] = {}
        self.words: dict[tuple, list[tuple]] = {}
        self.columns: dict[int, tuple[str, ...]] = {}

    def locator(self, table: str) -> Locator:
        if table not in self.locators:
            self.locators[table] = Locator(self.engine.runs[table])
        return self.locators[table]

    def forget(self) -> None:
        """Drop the located rows: at a million claims a tenth broken, they are hundreds of MB."""
        self.cache.clear()

    def rows(self, table: str, rowidxs) -> dict[int, Row]:
        missing = [r for r in set(rowidxs) if (table, r) not in self.cache]
        if missing:
            for rowidx, row in self.locator(table).rows(missing).items():
                self.cache[(table, rowidx)] = row
        return {r: self.cache[(table, r)] for r in rowidxs}

    def package(self, tables: dict[str, list[Row]]) -> Package:
        """A package of a few rows, with every table present so lookups and hints work."""
        runs = self.engine.runs
        loaded = {name: LoadedTable(name, run.file, run.schema, tables.get(name, [])) for name, run in runs.items()}
        return Package(self.engine.root, self.engine.descriptor, self.engine.schemas, loaded, [])

    # Record rules ----------------------------------------------------------------------------

    def reduced_schema(self, run, check: Check) -> RecordSchema:
        """The table's schema cut down to the one keyword or conditional a check compiled."""
        key = id(check)
        if key not in self.reduced:
            document = run.schema.document
            if check.keyword == "required":
                cut = {"required": document["required"]}
            elif check.keyword in ("then", "else"):
                branches = document["allOf"]
                cut = {"allOf": [branch if branch is check.detail else {} for branch in branches]}
            else:
                cut = {"properties": {check.field: {check.keyword: check.detail}}}
            self.reduced[key] = RecordSchema(run.schema.name, run.schema.path, cut)
        return self.reduced[key]

    def record(self, run, row: Row, check: Check) -> list[Problem]:
        """The Python path's problems for one flagged check on one row: schemas.record_problems
        on the schema cut down to that check. What it says depends only on a few cells (the
        value, or which columns are empty), so it is worked out once per such case and placed at
        each row's own line and column."""
        if check.keyword == "cell-type":
            cell = row.cells[check.field]
            try:
                run.schema.to_json_value(check.field, cell.text)
            except ValueError as exc:
                return [cell_type_problem(run.file, run.schema, check.field, cell, exc)]
            return []
        names = self.inputs(run, check)
        texts, index = row.values.record.texts, row.values.index
        key = (id(check), tuple(texts[index[name]] if index[name] < len(texts) else "" for name in names))
        if key not in self.words:
            values = {name: row.values.get(name) for name in names if name in row.values}
            found = record_problems(self.reduced_schema(run, check), values, {}, run.file, row.line)
            self.words[key] = [(p.rule, p.message, p.hint, p.field) for p in found]
        return [Problem(run.file, row.line, row.cells[field].column if field in row.cells else 1, rule, message, hint,
                        field) for rule, message, hint, field in self.words[key]]

    def inputs(self, run, check: Check) -> tuple[str, ...]:
        """The columns whose cells decide what a check's problems say."""
        if id(check) not in self.columns:
            self.columns[id(check)] = (tuple(run.schema.document["required"]) if check.keyword == "required" else
                                       tuple(sorted(mentioned(check.detail))) if check.keyword in ("then", "else")
                                       else (check.field,))
        return self.columns[id(check)]


def mentioned(node) -> set[str]:
    """Column names a subschema reads: its required lists and properties."""
    found = set()
    if isinstance(node, dict):
        found.update(node.get("required", []))
        found.update(node.get("properties", {}))
        for key, value in node.items():
            if not key.startswith("x-"):
                found |= mentioned(value)
    elif isinstance(node, list):
        for value in node:
            found |= mentioned(value)
    return found


def agree(flags: list[tuple[Flag, Row]], found: list[Problem], file: str) -> list[Problem]:
    """The problems the Python check reports at the flagged cells; every flag must have one."""
    wanted = {(flag.rule, row.cells[flag.field].line, row.cells[flag.field].column) for flag, row in flags}
    kept = [p for p in found if p.file == file and (p.rule, p.line, p.column) in wanted]
    missing = wanted - {(p.rule, p.line, p.column) for p in kept}
    if missing:
        rule, line, column = sorted(missing)[0]
        raise ClaimsError(f"{file}:{line}:{column}: the fast path flags [{rule}] here but the Python path does not; "
                          "run claims validate --engine python and please report this")
    return kept


def fetch_flags(engine) -> list[Flag]:
    flags = []
    for name, run in engine.runs.items():
        checks_ = run.checks
        for rowidx, hits in engine.connection.execute(
                f"SELECT rowidx, hits FROM k_{name} WHERE hits IS NOT NULL").fetchall():
            for number in hits:
                if number < 0:
                    flags.append(Flag(name, rowidx, "csv-row-width", ""))
                    continue
                check = checks_[number]
                flags.append(Flag(name, rowidx, check.rule, check.field, check))
    return flags


def cross_row_flags(engine) -> list[tuple[Flag, int | None]]:
    """Keys, references left for after the passes, chains, evidence and bounds, as
    (flag, the row it depends on)."""
    con, out = engine.connection, []
    for name, run in engine.runs.items():
        key = run.schema.primary_key
        for rowidx, first in con.execute(named.duplicate_keys(name, key)).fetchall():
            out.append((Flag(name, rowidx, "primary-key", key[0]), first))
    for name, foreign in engine.later_keys:
        query = named.missing_references(name, foreign["fields"], foreign["reference"]["resource"],
                                         foreign["reference"]["fields"])
        out += [(Flag(name, r, "foreign-key", foreign["fields"][0]), None) for (r,) in con.execute(query).fetchall()]
    out += [(Flag("attributions", r, "attribution-chain", "position"), None)
            for (r,) in con.execute(named.BROKEN_CHAINS).fetchall()]
    out += [(Flag("attributions", r, "evidence-in-seed", "evidence"), None)
            for (r,) in con.execute(named.WRONG_EVIDENCE).fetchall()]
    bounds = []
    for qualifier, text in con.execute(named.BOUND_INPUTS).fetchall():
        if qualifier in QUALIFIERS:
            low, high = derive_bounds(qualifier, engine.schemas["claims"].to_json_value("value_number", text))
            bounds.append((qualifier, text, None if low is None else float(low), None if high is None else float(high)))
    columns = [list(c) for c in zip(*bounds)] or [[], [], [], []]
    con.execute("CREATE OR REPLACE TABLE bounds AS SELECT unnest(?::VARCHAR[]) AS qualifier, unnest(?::VARCHAR[]) "
                "AS number, unnest(?::DOUBLE[]) AS low, unnest(?::DOUBLE[]) AS high", columns)
    for rowidx, min_wrong, max_wrong in con.execute(named.WRONG_BOUNDS).fetchall():
        out += [(Flag("claims", rowidx, "value-bounds", name), None)
                for wrong, name in ((min_wrong, "value_min"), (max_wrong, "value_max")) if wrong]
    return out


def value_rows(engine, table: str) -> list[Row]:
    """The loaded rows of a small table, in file order, typed but not located (for lookups)."""
    fields = engine.schemas[table].fields
    columns = ", ".join(f'"r_{f}"' for f in fields)
    rows = engine.connection.execute(f"SELECT {columns} FROM k_{table} WHERE loaded ORDER BY rowidx").fetchall()
    index = {name: i for i, name in enumerate(fields)}
    return [Row(TypedValues(engine.schemas[table], index, Record.of_texts([v or "" for v in values])), {}, 0)
            for values in rows]


def register_seeds(engine) -> None:
    """The seed texts, as checks.seed_texts reads them from the loaded sources rows, as the
    tables seeds and seed_blocks (named.py says why blocks)."""
    wording = Wording(engine)
    texts = checks.seed_texts(wording.package({"sources": value_rows(engine, "sources")}))
    keys = [named.NONE_KEY if key is None else key for key in texts]
    engine.connection.execute(
        "CREATE OR REPLACE TABLE seeds AS SELECT unnest(?::VARCHAR[]) AS source_id, unnest(?::VARCHAR[]) AS text, "
        "unnest(?::BIGINT[]) AS n", [keys, list(texts.values()), [len(t) for t in texts.values()]])
    blocks = [(key, block, text[block * named.BLOCK:(block + 1) * named.BLOCK + named.EXTRA])
              for key, text in zip(keys, texts.values()) for block in range(len(text) // named.BLOCK + 1)]
    columns = [list(c) for c in zip(*blocks)] or [[], [], []]
    engine.connection.execute(
        "CREATE OR REPLACE TABLE seed_blocks AS SELECT unnest(?::VARCHAR[]) AS source_id, "
        "unnest(?::BIGINT[]) AS block, unnest(?::VARCHAR[]) AS tail", columns)


def context_rows(engine, wording: Wording, rule: str, flagged: dict[str, dict[int, Row]]) -> dict[str, list[Row]]:
    """What the Python check of a rule reads besides the flagged rows."""
    con, extra = engine.connection, {}
    if rule in ("quote-in-seed", "evidence-in-seed", "exclusion-in-seed"):
        extra["sources"] = value_rows(engine, "sources")
    if rule in ("evidence-in-seed", "attribution-chain"):
        ids = {row.get("claim_id") for row in flagged["attributions"].values()}
        params = [sorted(i for i in ids if i is not None), None in ids]
        if rule == "evidence-in-seed":
            extra["claims"] = [Row({"claim_id": c, "source_id": s}, {}, 0)
                               for c, s in con.execute(named.CLAIM_SOURCES, params).fetchall()]
        else:
            members = [r for (r,) in con.execute(named.CHAIN_MEMBERS, params).fetchall()]
            extra["attributions"] = list(wording.rows("attributions", members).values())
    if rule in ("value-matches-type", "scope-matches-property"):
        extra["properties"] = value_rows(engine, "properties")
    if rule == "confidence-rubric":
        extra["confidence_rubric"] = value_rows(engine, "confidence_rubric")
    return extra


def word_flags(engine, wording: Wording, flags: list[tuple[Flag, int | None]]) -> list[Problem]:
    """Named checks and keys: the Python check of each rule, on the flagged rows."""
    problems = []
    by_rule: dict[str, list[tuple[Flag, int | None]]] = defaultdict(list)
    for flag, depends in flags:
        by_rule[flag.rule].append((flag, depends))
    for rule, items in sorted(by_rule.items()):
        flagged: dict[str, dict[int, Row]] = defaultdict(dict)
        for table in {flag.table for flag, _ in items}:
            wanted = [flag.rowidx for flag, _ in items if flag.table == table]
            wanted += [depends for flag, depends in items if flag.table == table and depends is not None]
            flagged[table] = wording.rows(table, wanted)
        tables = {table: sorted(rows.values(), key=lambda r: r.line) for table, rows in flagged.items()}
        for table, rows in context_rows(engine, wording, rule, flagged).items():
            tables[table] = rows if table not in tables or table == "attributions" else tables[table] + rows
        mini = wording.package(tables)
        if rule in ("primary-key", "foreign-key"):
            found = key_problems(engine, mini, items, flagged)
        else:
            found = list(checks.IMPLEMENTED[rule](mini))
        for table in flagged:
            pairs = [(flag, flagged[table][flag.rowidx]) for flag, _ in items if flag.table == table]
            problems += agree(pairs, found, engine.runs[table].file)
        wording.forget()
    return problems


def key_problems(engine, mini: Package, items: list[tuple[Flag, int | None]], flagged) -> list[Problem]:
    """Each flagged key in checks.py's words (its key_problems would also report every other
    reference of the rows, to tables the small package leaves empty)."""
    found = []
    for flag, first in items:
        row, schema = flagged[flag.table][flag.rowidx], engine.schemas[flag.table]
        if flag.rule == "primary-key":
            value = tuple(row.get(f) for f in schema.primary_key)
            found.append(checks.duplicate_key_problem(mini, flag.table, row, value, flagged[flag.table][first].line))
        else:
            foreign = next(f for f in schema.foreign_keys if f["fields"][0] == flag.field)
            value = tuple(row.get(f) for f in foreign["fields"])
            found.append(checks.missing_reference_problem(mini, flag.table, row, foreign, value))
    return found


def word_records(engine, wording: Wording, flags: list[Flag]) -> list[Problem]:
    problems = []
    for table in {flag.table for flag in flags}:
        run = engine.runs[table]
        mine = [flag for flag in flags if flag.table == table]
        rows = wording.rows(table, [flag.rowidx for flag in mine])
        done = set()
        for flag in mine:
            key = (flag.rowidx, "required" if flag.check.keyword == "required" else id(flag.check))
            if key in done:
                continue
            done.add(key)
            found = wording.record(run, rows[flag.rowidx], flag.check)
            if not any(p.rule == flag.rule for p in found):
                row = rows[flag.rowidx]
                raise ClaimsError(f"{run.file}:{row.line}: the fast path flags [{flag.rule}] on {flag.field or 'the row'} "
                                  "but the Python path does not; run claims validate --engine python and please report this")
            problems += found
        wording.forget()
    return problems


def csv_problems(engine, wording: Wording) -> list[Problem]:
    """The CSV layer's findings, and the rows of the wrong width (DuckDB's rejects, blank lines)."""
    problems = []
    for run in engine.runs.values():
        problems += run.problems
        if run.source is None or run.layout.clean:
            continue
        locator = wording.locator(run.name)
        returned = engine.connection.execute(f"SELECT count(*) FROM k_{run.name}").fetchone()[0]
        if returned + len(locator.skipped) != len(locator.map) - 1:
            raise ClaimsError(f"{run.file}: DuckDB returned {returned} rows and left out {len(locator.skipped)} of "
                              f"{len(locator.map) - 1} records; run claims validate --engine python")
        width = len(run.schema.fields)
        for _, cells in locator.skipped_records():
            problems.append(width_problem(run.file, csvio.Record(tuple(cells)), width))
    return problems


def width_problems(engine, wording: Wording, flags: list[Flag]) -> list[Problem]:
    """Rows DuckDB returned with a wrong width (one cell too many or too few)."""
    problems = []
    for table in {flag.table for flag in flags}:
        locator, width = wording.locator(table), len(engine.runs[table].schema.fields)
        for flag in (f for f in flags if f.table == table):
            cells = locator.cells(locator.record_index(flag.rowidx))
            problems.append(width_problem(engine.runs[table].file, csvio.Record(tuple(cells)), width))
    return problems


def table_problems(engine, wording: Wording | None = None, flags: list[Flag] | None = None) -> list[Problem]:
    """The problems that keep a row from loading or break a record rule (package.problems)."""
    wording = wording or Wording(engine)
    flags = fetch_flags(engine) if flags is None else flags
    return (csv_problems(engine, wording)
            + width_problems(engine, wording, [f for f in flags if f.rule == "csv-row-width"])
            + word_records(engine, wording, [f for f in flags if isinstance(f.check, Check)]))


def report(engine, descriptor_problems: list[Problem]) -> Report:
    """Everything validate reports; the descriptor's own checks come ready (schedule.py)."""
    wording = Wording(engine)
    flags = fetch_flags(engine)
    problems = table_problems(engine, wording, flags)
    problems += word_flags(engine, wording, [(f, None) for f in flags if isinstance(f.check, named.RowCheck)]
                           + cross_row_flags(engine))
    sources = engine.connection.execute("SELECT rowidx FROM k_sources WHERE loaded").fetchall()
    located = wording.rows("sources", [r for (r,) in sources]) if "sources" in engine.runs else {}
    mini = wording.package({"sources": sorted(located.values(), key=lambda r: r.line)})
    for rule in named.SEED_CHECKS:
        problems += checks.IMPLEMENTED[rule](mini)
    problems += descriptor_problems + descriptor.sync_problems(mini)
    counts = {name: engine.connection.execute(f"SELECT count(*) FILTER (WHERE loaded) FROM k_{name}").fetchone()[0]
              for name in TABLE_ORDER if name in engine.runs and name in engine.resources}
    return Report(sorted(set(problems)), counts)
