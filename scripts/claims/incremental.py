"""claims validate --incremental --base REF: row rules on the rows changed since REF, the rest in full.

A fast first answer for a pull request on a large package, on the assumption that the base
state was valid (CI checks every push to main in full). changes.py reads what git says
changed as whole records. Then:

* the records added or changed, and the rows that point at a changed or removed row through a
  foreign key which a row rule reads (an attribution whose claim changed), are loaded, located,
  typed and checked against their JSON Schema by the Python path's code, and every rule of
  scope ROW (rules.py) runs on them; a foreign key's target is fetched as context;
* tables of at most WHOLE_BYTES are loaded whole (the rubric, the properties, the sources);
* every rule of scope PACKAGE (keys, references, uniqueness, chains, duplicates) runs in full:
  its SQL on DuckDB over a typed read of the columns it names, its Python implementation on the
  tables it reads otherwise;
* with the history checks against the base, from the removed and added records and the base's
  small tables.

Where that is not the whole answer, FullCheck sends the package to the full check, which
gives the report: a changed file that says how every row is checked (the descriptor, schemas/,
sql/, the toolkit), a changed or removed seed or table part, a changed line that is not whole
clean CSV, a changed row that does not load, and any row a PACKAGE rule flags (its full
report words it). tests/test_incremental.py holds the report equal to the full one.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import csvstream, descriptor, rootcause, safeio
from .build import CSV_DIALECT
from .changes import Changes, FullCheck, find
from .csvio import Cell
from .package import (LoadedTable, Package, Row, load_table, read_descriptor_text, resource_parts, table_order,
                      typed_record, typed_row)
from .problems import ClaimsError, Problem
from .rules import PACKAGE, PYTHON_ONLY, ROW, Rule, all_rules
from .schemas import RecordSchema, load_schemas
from .states import export_commit
from .validate import Report, table_facts

# Tables whose files hold at most this many bytes are loaded whole (a few thousand rows).
WHOLE_BYTES = int(os.environ.get("CLAIMS_WHOLE_BYTES", str(4 << 20)))
LOADING_LAYERS = ("table",)


def validate_incremental(root: Path, base: str, repo: Path, rules_change: bool = False,
                         engine: str = "auto") -> Report:
    """The report of root, checked incrementally since base where that gives the full report."""
    from .history import with_history
    from .validate import validate

    root = root.resolve()
    try:
        report = _incremental(root, base, Path(repo), rules_change)
    except FullCheck as reason:
        report = with_history(validate(root, engine), root, base, Path(repo), rules_change)
        report.scope = {"incremental": False, "base": base, "reason": str(reason)}
    return report


def _incremental(root: Path, base: str, repo: Path, rules_change: bool) -> Report:
    try:
        document, text = read_descriptor_text(root)
        schemas = load_schemas(root / "schemas")
    except ClaimsError as exc:
        raise FullCheck("the descriptor or a schema cannot be read") from exc
    resources = resource_parts(document)
    names = table_order(schemas, document)
    if set(names) - set(resources):
        raise FullCheck("a table is not a resource of the descriptor")
    table_of = {rel: name for name in names for rel in resources[name]}
    for rel in table_of:  # before anything reads them: the full check reports a link or a missing file
        refused = safeio.unreadable_reason(root, rel, safeio.MAX_TABLE_BYTES)
        if refused is not None:
            raise FullCheck(f"{rel} cannot be read ({refused[0]})")
    # sources is always read whole: the generated files (the seed resources) follow from it.
    whole = {name for name in names if name == "sources" or _size(root, resources[name]) <= WHOLE_BYTES}
    rules = all_rules()
    with _database() as connection, ThreadPoolExecutor(max_workers=1) as pool:
        # DuckDB reads every table and runs the PACKAGE rules (without the GIL) while git and
        # Python find and load the changed rows.
        scanned = pool.submit(_scan_and_check, connection, root, schemas, names, resources, rules, whole)
        try:
            changes = find(root, base, repo, set(table_of))
        except ClaimsError as exc:
            raise FullCheck(str(exc)) from exc
        head = Package(root, document, schemas, {}, [], text)
        spans = {rel: list(change.spans) for rel, change in changes.parts.items()}
        problems: list[Problem] = []
        for name in names:
            if name in whole:
                head.tables[name], found = _load_whole(root, name, resources[name], schemas[name], spans)
                problems += found
            else:
                head.tables[name] = LoadedTable(name, resources[name][0], schemas[name], files=list(resources[name]),
                                                complete=False)
        for rel, change in changes.parts.items():
            if table_of[rel] not in whole:
                rows, found = _rows(schemas[table_of[rel]], rel, change.added)
                head.tables[table_of[rel]].rows += rows
                problems += found
        if any(p.rule in LOADING_PROBLEMS for p in problems if _inside(p, spans)):
            raise FullCheck("a changed row of a table read whole does not load")
        problems = [p for p in problems if _inside(p, spans)]
        # What needs no DuckDB runs while it works: generated files, the Python-only rules
        # that compare rows, the history checks.
        problems += descriptor.sync_problems(head)
        if changes.descriptor_changed:  # its seed resources: the descriptor's own checks run in full
            problems += descriptor.frictionless_problems(root) + descriptor.profile_problems(document, text)
        problems += _python_package_rules(root, head, rules, resources, whole)
        problems += _history(root, head, changes, resources, whole, rules_change)
        counts = scanned.result()
        dependents = _dependents(connection, head, changes, table_of, rules, whole)
        checked = sum(len(change.added) for change in changes.parts.values())
        checked += _add_rows(root, head, resources, dependents, spans, whole)
        _add_context(connection, root, head, resources, rules, whole)
    checked_rows = _row_package(head, spans, rules)
    for entry in rules:
        if entry.scope == ROW and entry.python is not None:
            problems += [p for p in entry.python(checked_rows) if _inside(p, spans)]
    report = Report(sorted(rootcause.fold(set(problems), *table_facts(head))), counts)
    report.scope = {"incremental": True, "base": changes.label,
                    "rows": checked}
    return report


LOADING_PROBLEMS = {"csv-row-width", "cell-type", "csv-cell-size"}


def _size(root: Path, parts: list[str]) -> int:
    return sum((root / rel).stat().st_size for rel in parts if (root / rel).is_file())


def _inside(problem: Problem, spans: dict[str, list[tuple[int, int]]]) -> bool:
    return any(first <= problem.line <= last for first, last in spans.get(problem.file, ()))


def _rows(schema: RecordSchema, rel: str, records) -> tuple[list[Row], list[Problem]]:
    """The records typed and checked against their JSON Schema; one that does not load goes to
    the full check (it is left out of every table there)."""
    rows, problems = [], []
    for record in records:
        row, found = typed_record(schema, rel, record, schema)
        if row is None:
            raise FullCheck(f"{rel}:{found[0].line}: a changed row does not load ({found[0].rule})")
        rows.append(row)
        problems += found
    return rows, problems


@contextlib.contextmanager
def _database():
    import duckdb

    from .fastpath.gate import settings

    connection = duckdb.connect(config=settings())
    connection.execute("SET enable_progress_bar = false")
    try:
        yield connection
    except duckdb.Error as exc:
        raise FullCheck(f"DuckDB cannot read the package as it is ({type(exc).__name__})") from exc
    finally:
        connection.close()


def _sql_queries(rules: list[Rule], schemas) -> list[tuple[str, object]]:
    return [(entry.rule, query) for entry in rules if entry.scope == PACKAGE and entry.sql not in (None, PYTHON_ONLY)
            for query in entry.queries(schemas)]


def _columns_named(connection, query: str) -> set[str]:
    """The column names a query refers to, from DuckDB's own parse of it."""
    tree = json.loads(connection.execute("SELECT json_serialize_sql($query)", {"query": query}).fetchone()[0])
    if tree.get("error"):
        raise FullCheck("a rule's SQL does not parse")
    names: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("class") == "COLUMN_REF" and node.get("column_names"):
                names.add(node["column_names"][-1])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return names


def _global_scan(connection, root: Path, schemas, names, resources, queries, whole: set[str]) -> dict[str, int]:
    """Each table as a DuckDB table under its name, typed as the gate types it, with the columns
    the PACKAGE rules' SQL names, the keys and the foreign keys (every column of a table read
    whole); the number of rows of each."""
    from .fastpath.compile import TableSql, ident

    named: set[str] = set()
    for _, query in queries:
        if isinstance(query, str):
            named |= _columns_named(connection, query)
    counts = {}
    for name in names:
        schema = schemas[name]
        keys = set(schema.primary_key) | {f for fk in schema.foreign_keys for f in fk["fields"]}
        wanted = None if name in whole else (named | keys) & set(schema.fields)
        connection.execute(f"CREATE TEMP TABLE {ident(name)} AS SELECT 0::BIGINT AS _row, "
                           f"{', '.join(TableSql(schema).typed_columns(wanted))} "
                           f"FROM {_read_texts(root, resources[name], schema.fields, 'r_')}")
        counts[name] = connection.execute(f"SELECT count(*) FROM {ident(name)}").fetchone()[0]
    return counts


def _read_texts(root: Path, parts: list[str], fields: list[str], prefix: str = "") -> str:
    """DuckDB's read of a table's parts in the package's dialect, every cell as text, the
    columns named prefix + field."""
    from .fastpath.compile import literal

    columns = ", ".join(f"{literal(prefix + f)}: 'VARCHAR'" for f in fields)
    files = "[" + ", ".join(literal(str(root / rel)) for rel in parts) + "]"
    return f"read_csv({files}, {', '.join(CSV_DIALECT)}, new_line = '\\n', columns = {{{columns}}})"


def _scan_and_check(connection, root: Path, schemas, names, resources, rules, whole: set[str]) -> dict[str, int]:
    queries = _sql_queries(rules, schemas)
    counts = _global_scan(connection, root, schemas, names, resources, queries, whole)
    _run_package_rules(connection, queries)
    return counts


def _load_whole(root: Path, name: str, parts: list[str], schema: RecordSchema,
                spans: dict[str, list[tuple[int, int]]]) -> tuple[LoadedTable, list[Problem]]:
    """A table loaded whole, its changed records checked against the JSON Schema (the others
    were valid in the base)."""
    def checks_for(rel: str, line: int) -> RecordSchema | None:
        return schema if any(first <= line <= last for first, last in spans.get(rel, ())) else None
    return load_table(root, name, parts, schema, checks_for=checks_for)


def _run_package_rules(connection, queries) -> None:
    """Every PACKAGE rule's SQL over every row: a row it flags is worded by the full check."""
    for rule_id, query in queries:
        if callable(query):
            found = query(connection)
            flagged = found if isinstance(found, int) else len(list(found))
        else:
            flagged = connection.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
        if flagged:
            raise FullCheck(f"[{rule_id}] flags {flagged:,} row(s)")


def _python_package_rules(root: Path, head: Package, rules: list[Rule], resources, whole: set[str]) -> list[Problem]:
    """PACKAGE rules without SQL, on the tables they read loaded whole."""
    problems = []
    for entry in rules:
        if entry.scope != PACKAGE or entry.sql != PYTHON_ONLY:
            continue
        for name in entry.reads if entry.reads is not None else tuple(head.schemas):
            _ensure_whole(root, head, name, resources, whole)
        problems += entry.python(head)
    return problems


def _ensure_whole(root: Path, head: Package, name: str, resources, whole: set[str]) -> None:
    """Load a table whole for a rule that reads all of it (its records valid in the base are not checked again)."""
    if name not in whole:
        head.tables[name], _ = _load_whole(root, name, resources[name], head.schemas[name], {})
        whole.add(name)


def _row_package(head: Package, spans: dict[str, list[tuple[int, int]]], rules: list[Rule]) -> Package:
    """What the ROW rules run on: the rows checked (changed, or pointing at a changed row), and
    the rows they point at through the foreign keys a ROW rule follows, and what those point at
    in turn (an attribution's claim, and that claim's source)."""
    tables = {}
    for name, table in head.tables.items():
        rows = table.rows if not table.complete else [
            row for row in table.rows if any(first <= row.line <= last for first, last in spans.get(row.file, ()))]
        tables[name] = LoadedTable(name, table.file, table.schema, list(rows), list(table.files), complete=False)
    links = _row_rule_links(head.schemas, rules)
    for _ in links:  # a chain of links is followed to its end in at most as many rounds
        for name, field_name, target, target_field in links:
            if not head.tables[target].complete:
                continue  # its rows pointed at were fetched as context already (_add_context)
            present = {row.get(target_field) for row in tables[target].rows}
            wanted = {row.get(field_name) for row in tables[name].rows} - present
            tables[target].rows += [row for row in head.tables[target].rows if row.get(target_field) in wanted]
    return Package(head.root, head.descriptor, head.schemas, tables, [], head.descriptor_text)


def _row_rule_links(schemas, rules: list[Rule]) -> list[tuple[str, str, str, str]]:
    """(table, field, referenced table, referenced field) of each one-field foreign key that a
    ROW rule follows: one that reads both tables (an attribution's evidence reads its claim)."""
    links = []
    for name, schema in schemas.items():
        for fk in schema.foreign_keys:
            target = fk["reference"]["resource"]
            if target == name or not _following(rules, name, target):
                continue
            if len(fk["fields"]) != 1:
                raise FullCheck(f"{name}: a foreign key of several columns that a row rule follows")
            links.append((name, fk["fields"][0], target, fk["reference"]["fields"][0]))
    return links


def _followed(rules: list[Rule], name: str, target: str) -> set[str] | None:
    """The columns of target that the ROW rules reading name through a foreign key read (None: any)."""
    columns: set[str] = set()
    for entry in _following(rules, name, target):
        if not entry.follows:
            return None
        columns |= {c.split(".", 1)[1] for c in entry.follows if c.split(".", 1)[0] == target}
    return columns


def _following(rules: list[Rule], name: str, target: str) -> list[Rule]:
    """The ROW rules that read a row of name with the target row it points at."""
    return [entry for entry in rules if entry.scope == ROW and entry.reads and {name, target} <= set(entry.reads)]


def _dependents(connection, head: Package, changes: Changes, table_of, rules, whole) -> list[tuple[str, str, set]]:
    """(table, field, values): the rows whose field points at a row that went, or changed in a
    column a row rule reads through that field."""
    from .fastpath.compile import ident

    found = []
    for name, field_name, target, target_field in _row_rule_links(head.schemas, rules):
        fields = head.schemas[target].fields
        index = fields.index(target_field)
        followed = _followed(rules, name, target)
        values: set[str] = set()
        for rel, change in changes.parts.items():
            if table_of[rel] != target:
                continue
            now = {record.values[index]: record.values for record in change.added}
            for record in change.removed:
                after = now.get(record.values[index])
                if after is None or any(a != b for column, a, b in zip(fields, record.values, after)
                                        if followed is None or column in followed):
                    values.add(record.values[index])
        if values and (name in whole or connection.execute(
                f"SELECT count(*) FROM {ident(name)} WHERE CAST({ident(field_name)} AS VARCHAR) IN "
                f"(SELECT unnest($values::VARCHAR[]))", {"values": sorted(values)}).fetchone()[0]):
            found.append((name, field_name, values))
    return found


def _add_rows(root: Path, head: Package, resources, dependents, spans, whole: set[str]) -> int:
    """Load the dependent rows, located, to check them with the changed ones; how many."""
    added = 0
    for name, field_name, values in dependents:
        schema = head.schemas[name]
        index = schema.fields.index(field_name)
        for rel in resources[name]:
            table = csvstream.scan(root / rel, rel, lambda texts, line: len(texts) > index and texts[index] in values,
                                   False, header=schema.fields)
            for _, record in table.records:
                spans.setdefault(rel, []).append((record.line, record.line + sum(t.count("\n") for t in record.values)))
                added += 1
                if name not in whole:
                    rows, _ = _rows(schema, rel, [record])
                    head.tables[name].rows += rows
    return added


def _add_context(connection, root: Path, head: Package, resources, rules, whole: set[str]) -> None:
    """The rows a ROW rule reads through a foreign key of a checked row (a changed attribution's
    claim), from DuckDB: unlocated (line 0), they word nothing themselves."""
    from .fastpath.compile import ident

    for name, field_name, target, target_field in _row_rule_links(head.schemas, rules):
        if target in whole:
            continue
        present = {row.get(target_field) for row in head.tables[target].rows}
        wanted = {row.get(field_name) for row in head.tables[name].rows} - present - {None}
        if not wanted:
            continue
        schema = head.schemas[target]
        found = connection.execute(
            f"SELECT * FROM {_read_texts(root, resources[target], schema.fields)} "
            f"WHERE {ident(target_field)} IN (SELECT unnest($wanted::VARCHAR[]))",
            {"wanted": sorted(str(value) for value in wanted)}).fetchall()
        for texts in found:
            row, _ = typed_row(schema, resources[target][0], {f: Cell(t or "", 0, 0) for f, t in zip(schema.fields, texts)},
                               0, None)
            if row is not None:
                head.tables[target].rows.append(row)


HISTORY_TABLES = ("sources", "confidence_rubric", "properties")


def _history(root: Path, head: Package, changes: Changes, resources, whole: set[str], rules_change: bool) -> list[Problem]:
    """The history checks on what changed: the base's small tables, exported from git, and its
    removed records against the head's added ones. (A changed or removed seed was sent to the
    full check, so history-seed-changed has nothing to find here.)"""
    from .history import row_problems, rules_row_problems

    with tempfile.TemporaryDirectory(prefix="claims-base-") as temporary:
        paths = tuple(changes.prefix + rel for name in HISTORY_TABLES for rel in resources[name])
        try:
            base_root = export_commit(changes.repo_root, changes.commit, Path(temporary), paths) / changes.prefix
        except ClaimsError as exc:
            raise FullCheck(str(exc)) from exc
        base = Package(base_root, head.descriptor, head.schemas, {}, [])
        for name in HISTORY_TABLES:
            base.tables[name], _ = _load_whole(base_root, name, resources[name], head.schemas[name], {})
            _ensure_whole(root, head, name, resources, whole)
    base.tables["claims"] = _changed_claims(head, changes, resources, "removed")
    head_changed = Package(root, head.descriptor, head.schemas,
                           {**head.tables, "claims": _changed_claims(head, changes, resources, "added")}, [])
    problems = row_problems(base, head_changed)
    if not rules_change:
        problems += rules_row_problems(base, head_changed)
    return problems


def _changed_claims(head: Package, changes: Changes, resources, side: str) -> LoadedTable:
    """The claims removed from the base (side "removed") or added to it ("added"), typed."""
    schema = head.schemas["claims"]
    table = LoadedTable("claims", resources["claims"][0], schema, complete=False)
    for rel in resources["claims"]:
        for record in getattr(changes.parts[rel], side) if rel in changes.parts else ():
            row, _ = typed_record(schema, rel, record, None)
            if row is not None:
                table.rows.append(row)
    return table
