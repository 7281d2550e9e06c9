"""Pieces of SQL the rules of the registry state their fast-path test with (rules.py).

Each query counts the rows the Python path may report, over the typed tables the gate loads
under their resource names (gate.py): the count may exceed the Python path's, never fall
short of it.
"""

from __future__ import annotations

from .compile import ident, literal

__all__ = ["count", "differs_from_seed", "ident", "key_repeats", "literal", "same", "unresolved"]


def count(table: str, condition: str, joins: str = "") -> str:
    """Rows of table (alias t) for which condition holds."""
    return f"SELECT count(*) FROM {ident(table)} t {joins} WHERE {condition}"


def same(a: str, b: str, epsilon: float) -> str:
    """Both empty, or both given and within epsilon (as the Python check compares numbers)."""
    return f"(({a} IS NULL AND {b} IS NULL) OR abs({a} - {b}) < {epsilon})"


def differs_from_seed(table: str, text: str, start: str, end: str, source: str, joins: str = "") -> str:
    """Rows whose text is not the seed's text between the offsets (seeds: source_id, text)."""
    return count(table, f"t.{text} IS NOT NULL AND t.{start} IS NOT NULL AND t.{end} IS NOT NULL AND "
                        f"substring(s.text, t.{start} + 1, greatest(t.{end} - t.{start}, 0)) IS DISTINCT FROM t.{text}",
                 f"{joins} JOIN seeds s ON s.source_id = {source}")


def key_repeats(table: str, fields: list[str]) -> str:
    """Rows repeating an earlier row's key (rows with an empty key cell skipped)."""
    columns = ", ".join(ident(f) for f in fields)
    present = " AND ".join(f"{ident(f)} IS NOT NULL" for f in fields)
    return (f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {ident(table)} WHERE {present} "
            f"GROUP BY {columns} HAVING count(*) > 1)")


def unresolved(table: str, foreign: dict) -> str:
    """Rows whose foreign key (all cells given) matches no row of the referenced table."""
    target = foreign["reference"]["resource"]
    pairs = zip(foreign["fields"], foreign["reference"]["fields"])
    condition = " AND ".join(f"t.{ident(a)} = r.{ident(b)}" for a, b in pairs)
    present = " AND ".join(f"t.{ident(f)} IS NOT NULL" for f in foreign["fields"])
    return (f"SELECT count(*) FROM {ident(table)} t WHERE {present} "
            f"AND NOT EXISTS (SELECT 1 FROM {ident(target)} r WHERE {condition})")
