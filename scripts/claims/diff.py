"""claims diff: what changed between two states of the package, keyed, for reviewers and releases.

`diff_packages(old_root, new_root)` returns a `PackageDiff`:

* `tables_added`, `tables_removed`: table resources (by name);
* `columns`: `ColumnChange(table, column, action)` for columns added to or removed from a table
  that is in both states (the Table Schema's fields, else the CSV header), and a changed
  primary key (column "(primary key)");
* `views_added`, `views_removed`, `view_columns`: the same for the DuckDB views;
* `rows[table]`: `TableRows` with `added`, `removed` and `changed` rows, matched by the table's
  primary key; a changed row lists each changed column with its old and new text. For claims,
  `deprecated` holds the claims whose status became "deprecated" (they are also in `changed`);
* `seeds`: files under seeds/ added, removed or with other bytes (`SeedChange`);
* `contested`: facts that became contested, stopped being, or changed tier (`FactChange`);
* `estimates`: facts whose low / best / high estimate moved (`EstimateChange`);
* `views_unavailable`: why a state's views could not be read (then view columns, contested
  facts and estimates are left out for that state, and said so).

Release levels (semantic versioning of the data, for `claims release`): every change is of one
kind, `STRUCTURE`, `ADDITION` or `CORRECTION`; `diff.changes()` lists `(kind, description)` and
`diff.release_level` is "major", "minor", "patch" or None (nothing changed):

* STRUCTURE (major): a table, column or view column added or removed, a primary key changed, and
  a changed *meaning*: an existing property's row (any column but `notes`) or an existing
  confidence rubric rule changed or removed. Consumers' queries or readings may break.
* ADDITION (minor): rows added to any table (new claims, sources, entities, aliases, properties,
  rubric rules, attributions, exclusions) and new seed files.
* CORRECTION (patch): an existing row changed (deprecating a claim is one) or removed, outside
  the meaning changes above; a seed's bytes changed or a seed removed (history checks refuse
  these, the diff still reports them).

Facts that became contested and estimates that moved follow from rows and count for nothing on
their own. Cell values are compared as the text in the CSV files (typing is validate's job), so
a diff can be shown even for a state that does not validate.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .package import DESCRIPTOR, resource_parts, table_resource_dicts, unsafe_path
from .problems import ClaimsError, DataError, UsageError

STRUCTURE, ADDITION, CORRECTION = "structure", "addition", "correction"
RELEASE_LEVELS = {STRUCTURE: "major", ADDITION: "minor", CORRECTION: "patch"}
# Tables whose existing rows carry meaning the other rows rely on: a change to them is structural.
MEANING_TABLES = {"properties": {"notes"}, "confidence_rubric": set()}
SEEDS = "seeds"
csv.field_size_limit(1 << 27)  # the validator bounds cells; the diff reads whatever is there


@dataclass(frozen=True)
class ColumnChange:
    table: str
    column: str
    action: str  # "added" | "removed" | "changed" (the primary key) | "retyped"
    old_type: str = ""  # for "retyped": the Table Schema type, or the view column's DuckDB type
    new_type: str = ""

    @property
    def described(self) -> str:
        return f"retyped ({self.old_type} -> {self.new_type})" if self.action == "retyped" else self.action


@dataclass
class RowChange:
    key: tuple[str, ...]
    values: dict[str, str] = field(default_factory=dict)  # the row, for added and removed rows
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # changed: column -> (old, new)


@dataclass
class TableRows:
    key_columns: list[str]
    added: list[RowChange] = field(default_factory=list)
    removed: list[RowChange] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    deprecated: list[RowChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class SeedChange:
    path: str
    action: str  # "added" | "removed" | "changed"
    old_sha256: str = ""
    new_sha256: str = ""


@dataclass(frozen=True)
class FactChange:
    fact_key: str
    old_tier: str  # "" when uncontested
    new_tier: str


@dataclass(frozen=True)
class EstimateChange:
    fact_key: str
    old: tuple  # (low, best, high), () when the fact had no estimate
    new: tuple


@dataclass
class PackageDiff:
    old_label: str
    new_label: str
    tables_added: list[str] = field(default_factory=list)
    tables_removed: list[str] = field(default_factory=list)
    columns: list[ColumnChange] = field(default_factory=list)
    views_added: list[str] = field(default_factory=list)
    views_removed: list[str] = field(default_factory=list)
    view_columns: list[ColumnChange] = field(default_factory=list)
    rows: dict[str, TableRows] = field(default_factory=dict)
    seeds: list[SeedChange] = field(default_factory=list)
    contested: list[FactChange] = field(default_factory=list)
    estimates: list[EstimateChange] = field(default_factory=list)
    views_unavailable: dict[str, str] = field(default_factory=dict)  # "old"/"new" -> reason

    def changes(self) -> list[tuple[str, str]]:
        """Every change as (kind, one-line description), structure first."""
        found = [(STRUCTURE, f"table {name} added") for name in self.tables_added]
        found += [(STRUCTURE, f"table {name} removed") for name in self.tables_removed]
        found += [(STRUCTURE, f"column {c.table}.{c.column} {c.described}") for c in self.columns]
        found += [(STRUCTURE, f"view {name} added") for name in self.views_added]
        found += [(STRUCTURE, f"view {name} removed") for name in self.views_removed]
        found += [(STRUCTURE, f"view column {c.table}.{c.column} {c.described}") for c in self.view_columns]
        for table, rows in self.rows.items():
            meaning = table in MEANING_TABLES
            for row in rows.changed:
                kind = STRUCTURE if meaning and set(row.columns) - MEANING_TABLES[table] else CORRECTION
                found.append((kind, f"{table} {render_key(row.key)} changed: {', '.join(row.columns)}"))
            for row in rows.removed:
                found.append((STRUCTURE if meaning else CORRECTION, f"{table} {render_key(row.key)} removed"))
            found += [(ADDITION, f"{table} {render_key(row.key)} added") for row in rows.added]
        for seed in self.seeds:
            found.append((ADDITION if seed.action == "added" else CORRECTION, f"seed {seed.path} {seed.action}"))
        order = {STRUCTURE: 0, ADDITION: 1, CORRECTION: 2}
        return sorted(found, key=lambda change: order[change[0]])

    @property
    def release_level(self) -> str | None:
        """The smallest semantic-version bump that covers every change, or None."""
        kinds = {kind for kind, _ in self.changes()}
        for kind in (STRUCTURE, ADDITION, CORRECTION):
            if kind in kinds:
                return RELEASE_LEVELS[kind]
        return None

    @property
    def is_empty(self) -> bool:
        return not self.changes() and not self.contested and not self.estimates

    def as_dict(self) -> dict:
        data = asdict(self)
        data["rows"] = {table: {**asdict(rows), "key_columns": rows.key_columns} for table, rows in self.rows.items()}
        data["release_level"] = self.release_level
        data["changes"] = [{"kind": kind, "change": text} for kind, text in self.changes()]
        return data


def render_key(key: tuple[str, ...]) -> str:
    return " #".join(key)


# Reading one state ----------------------------------------------------------------------------

@dataclass
class TableState:
    columns: list[str]
    key_columns: list[str]
    rows: dict[tuple[str, ...], dict[str, str]]
    types: dict[str, str] = field(default_factory=dict)  # column -> Table Schema type, where declared


def read_descriptor_json(root: Path) -> dict:
    path = root / DESCRIPTOR
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: no {DESCRIPTOR}: not a claims package") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: not valid JSON ({exc}): run claims validate on that state") from exc
    if not isinstance(descriptor, dict):
        raise DataError(f"{path}:1:1: the descriptor is not a JSON object")
    return descriptor


def inside(root: Path, rel: str) -> Path:
    """root/rel, refused when the path or a link on it leads outside root."""
    reason = unsafe_path(rel)
    path = root / rel
    if reason is None and not path.resolve().is_relative_to(root.resolve()):
        reason = "is a link leading outside the package"
    if reason:
        raise DataError(f"{root / DESCRIPTOR}: path {rel} {reason}; run claims validate on that state")
    return path


def read_csv_rows(root: Path, parts: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    """Header of the first part and every data row of every part (each part repeats the header)."""
    header: list[str] = []
    rows: list[dict[str, str]] = []
    for rel in parts:
        path = inside(root, rel)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue  # the table lost a file: its rows count as removed, validate locates it
        except UnicodeDecodeError as exc:
            raise DataError(f"{rel}: not UTF-8 ({exc}); run claims validate on that state") from exc
        records = list(csv.reader(io.StringIO(text, newline="")))  # not splitlines: \f, \x1c... are cell text
        if not records:
            continue
        header = header or records[0]
        rows += [dict(zip(header, record + [""] * (len(header) - len(record)))) for record in records[1:]]
    return header, rows


def read_tables(root: Path) -> dict[str, TableState]:
    descriptor = read_descriptor_json(root)
    parts = resource_parts(descriptor)
    tables = {}
    for resource in table_resource_dicts(descriptor):
        name = resource["name"]
        header, rows = read_csv_rows(root, parts[name] if all(isinstance(p, str) for p in parts[name]) else [])
        schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
        fields = [f.get("name") for f in schema.get("fields", []) if isinstance(f, dict)]
        columns = fields if fields and all(isinstance(f, str) for f in fields) else header
        key = schema.get("primaryKey") or []
        key = [key] if isinstance(key, str) else [k for k in key if isinstance(k, str) and k in header]
        key = key or header  # no key: a row is itself
        types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])
                 if isinstance(f, dict) and isinstance(f.get("name"), str) and isinstance(f.get("type", "string"), str)}
        tables[name] = TableState(columns, key, {tuple(row.get(k, "") for k in key): row for row in rows}, types)
    return tables


def read_seeds(root: Path) -> dict[str, str]:
    """seeds/ file path -> sha256 of its bytes (links are listed, never followed)."""
    folder = root / SEEDS
    if not folder.is_dir() or folder.is_symlink():
        return {}
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = "link to " + str(path.readlink())
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


# Comparing ------------------------------------------------------------------------------------

def _column_changes(name: str, old: list[str], new: list[str], old_types: dict[str, str] | None = None,
                    new_types: dict[str, str] | None = None) -> list[ColumnChange]:
    """Columns removed, added, and kept under another type (a reader's code breaks on each)."""
    old_types, new_types = old_types or {}, new_types or {}
    retyped = [ColumnChange(name, c, "retyped", old_types[c], new_types[c]) for c in new
               if c in old and c in old_types and c in new_types and old_types[c] != new_types[c]]
    return ([ColumnChange(name, c, "removed") for c in old if c not in new]
            + [ColumnChange(name, c, "added") for c in new if c not in old] + retyped)


def diff_rows(old: TableState, new: TableState) -> TableRows:
    result = TableRows(new.key_columns)
    shared = [c for c in new.columns if c in old.columns] or sorted(set(new.columns) & set(old.columns))
    for key, row in new.rows.items():
        before = old.rows.get(key)
        if before is None:
            result.added.append(RowChange(key, dict(row)))
            continue
        changed = {c: (before.get(c, ""), row.get(c, "")) for c in shared if before.get(c, "") != row.get(c, "")}
        if changed:
            change = RowChange(key, columns=changed)
            result.changed.append(change)
            if "status" in changed and changed["status"][1] == "deprecated":
                result.deprecated.append(change)
    result.removed = [RowChange(key, dict(row)) for key, row in old.rows.items() if key not in new.rows]
    return result


def diff_packages(old_root: Path, new_root: Path, old_label: str = "", new_label: str = "",
                  views: bool = True) -> PackageDiff:
    """Everything that changed from the package in old_root to the one in new_root."""
    old_tables, new_tables = read_tables(old_root), read_tables(new_root)
    result = PackageDiff(old_label or str(old_root), new_label or str(new_root))
    result.tables_added = [name for name in new_tables if name not in old_tables]
    result.tables_removed = [name for name in old_tables if name not in new_tables]
    for name, new in new_tables.items():
        old = old_tables.get(name)
        if old is None:
            continue
        result.columns += _column_changes(name, old.columns, new.columns, old.types, new.types)
        if old.key_columns != new.key_columns and set(new.key_columns) <= set(old.columns):
            result.columns.append(ColumnChange(name, "(primary key)", "changed"))
        rows = diff_rows(old, new)
        if rows:
            result.rows[name] = rows
    old_seeds, new_seeds = read_seeds(old_root), read_seeds(new_root)
    result.seeds = sorted(
        [SeedChange(p, "added", new_sha256=h) for p, h in new_seeds.items() if p not in old_seeds]
        + [SeedChange(p, "removed", old_sha256=h) for p, h in old_seeds.items() if p not in new_seeds]
        + [SeedChange(p, "changed", old_seeds[p], h) for p, h in new_seeds.items()
           if p in old_seeds and old_seeds[p] != h], key=lambda s: s.path)
    if views:
        _diff_views(result, old_root, new_root)
    return result


def _diff_views(result: PackageDiff, old_root: Path, new_root: Path) -> None:
    from .viewstate import ViewState, read_view_state

    states: dict[str, ViewState] = {}
    for side, root in (("old", old_root), ("new", new_root)):
        try:
            states[side] = read_view_state(root)
        except ClaimsError as exc:
            result.views_unavailable[side] = str(exc)
    if len(states) < 2:
        return
    old, new = states["old"], states["new"]
    result.views_added = sorted(set(new.columns) - set(old.columns))
    result.views_removed = sorted(set(old.columns) - set(new.columns))
    for view in sorted(set(old.columns) & set(new.columns)):
        result.view_columns += _column_changes(view, old.columns.get(view, []), new.columns.get(view, []),
                                               old.types.get(view), new.types.get(view))
    result.contested = [FactChange(key, old.contested.get(key, ""), new.contested.get(key, ""))
                        for key in sorted(set(old.contested) | set(new.contested))
                        if old.contested.get(key, "") != new.contested.get(key, "")]
    result.estimates = [EstimateChange(key, old.estimates.get(key, ()), new.estimates.get(key, ()))
                        for key in sorted(set(old.estimates) | set(new.estimates))
                        if old.estimates.get(key, ()) != new.estimates.get(key, ())]
