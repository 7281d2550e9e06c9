"""Pieces of SQL the rules of the registry state their fast-path test with (rules.py).

Each query selects, as (tbl, row, field) triples (field NULL: any), the rows the Python path may report, over the views
of typed rows the gate makes under the resource names (gate.py; `_row` is a row's place in its
table): a superset of the Python path's, never fewer. It also selects, from other tables, the
rows the Python check reads to word a report (a claim's source for its attribution's evidence),
so that wording.py can run the check on those rows alone.
"""

from __future__ import annotations

from .compile import ident, literal

__all__ = ["RowQuery", "count", "differs_from_seed", "ident", "key_repeats", "literal", "rows", "same", "unresolved"]

ROW = "_row"


class RowQuery(str):
    """The text of a rows() query, which also keeps its parts: the gate fuses the per-row
    conditions of one table (with the same joins) into one scan (gate.py). cells, where given,
    proves the query selects nothing from a table: field -> (RE2 class of characters none of
    the field's cells may hold anywhere, class of characters none may start with); when every
    file of the table holds no such cell (the gate's read of the file text says so, in the
    pass that checks the CSV grammar), no row can meet the condition."""

    table: str
    condition: str
    joins: str
    context: tuple[tuple[str, str], ...]
    field: str | None
    cells: dict[str, tuple[str, str]]

    def __new__(cls, text: str, **parts) -> "RowQuery":
        query = super().__new__(cls, text)
        query.__dict__.update(parts)
        return query


def selected(table: str, alias: str = "t", field: str | None = None) -> str:
    return f"SELECT {literal(table)} AS tbl, {alias}.{ROW} AS row, {'NULL' if field is None else literal(field)} AS field"


def rows(table: str, condition: str, joins: str = "", context: tuple[tuple[str, str], ...] = (),
         field: str | None = None, cells: dict[str, tuple[str, str]] | None = None) -> RowQuery:
    """Rows of table (alias t) for which condition holds; context: (alias, table) of joined
    rows the Python check reads to word them; field: the one field the rule's problem on such a
    row is about, where its check may report others of the same row that only rows not loaded
    would decide (a foreign key among several); cells: see RowQuery."""
    tail = f"FROM {ident(table)} t {joins} WHERE {condition}"
    text = " UNION ALL ".join([f"{selected(table, field=field)} {tail}"] + [f"{selected(name, alias)} {tail}"
                                                                            for alias, name in context])
    return RowQuery(text, table=table, condition=condition, joins=joins, context=tuple(context), field=field,
                    cells=dict(cells or {}))


count = rows  # the name the rules were first written with, when a query counted rows


def same(a: str, b: str, epsilon: float) -> str:
    """Both empty, or both given and within epsilon (as the Python check compares numbers); never NULL."""
    return f"(({a} IS NULL AND {b} IS NULL) OR coalesce(abs({a} - {b}) < {epsilon}, false))"


def differs_from_seed(table: str, text: str, start: str, end: str, source: str, joins: str = "",
                      context: tuple[tuple[str, str], ...] = ()) -> str:
    """Rows whose text is not the seed's text between the offsets (seeds: source_id, text)."""
    return rows(table, f"t.{text} IS NOT NULL AND t.{start} IS NOT NULL AND t.{end} IS NOT NULL AND "
                       f"substring(s.text, t.{start} + 1, greatest(t.{end} - t.{start}, 0)) IS DISTINCT FROM t.{text}",
                f"{joins} JOIN seeds s ON s.source_id = {source} JOIN sources seed_row ON seed_row.source_id = {source}",
                (*context, ("seed_row", "sources")))


def key_repeats(table: str, fields: list[str], condition: str = "true", present: bool = True) -> str:
    """Every row (of those meeting condition) of a key that more than one row has (rows with an
    empty key cell skipped, unless present is False: then empty cells are equal): the first is
    where the Python check says the key is already used."""
    columns = ", ".join(ident(f) for f in fields)
    where = " AND ".join([condition] + [f"{ident(f)} IS NOT NULL" for f in fields if present])
    return (f"SELECT {literal(table)} AS tbl, {ROW} AS row, NULL AS field FROM (SELECT {ROW}, count(*) OVER "
            f"(PARTITION BY {columns}) AS n FROM {ident(table)} WHERE {where}) WHERE n > 1")


def unresolved(table: str, foreign: dict) -> str:
    """Rows whose foreign key (all cells given) matches no row of the referenced table."""
    target = foreign["reference"]["resource"]
    pairs = zip(foreign["fields"], foreign["reference"]["fields"])
    condition = " AND ".join(f"t.{ident(a)} = r.{ident(b)}" for a, b in pairs)
    present = " AND ".join(f"t.{ident(f)} IS NOT NULL" for f in foreign["fields"])
    return rows(table, f"{present} AND NOT EXISTS (SELECT 1 FROM {ident(target)} r WHERE {condition})",
                field=foreign["fields"][0])
