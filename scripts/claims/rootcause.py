"""Root causes first: a problem that makes others meaningless is reported first, and what follows
from it is folded under it.

A table whose file cannot be read as a whole (missing, not UTF-8, a byte-order mark, CR line
endings, a NUL byte, a quote that swallows the rest of the file, a wrong header, a resource path
that does not resolve) loads with some or all of its rows missing. Every later problem in that
file, every foreign key into that table, and every rule that reads that table then only repeats
the same cause: a spreadsheet's CRLF save of claims.csv gave 146 errors and 36 warnings, the cause
sorted in the middle of them. Each such problem keeps its place in the report (JSON lists them
all) and names the root cause it follows from; the text, GitHub and Markdown reports show the
root cause with one line per file and rule for what follows from it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Iterable

from .problems import Problem
from .rules import all_rules

# Problems that leave a table unread or cut short (registry entries marked root_cause). Within
# one file they are each other's equals (a BOM and CR line endings are both reported, both root
# causes).
ROOT_CAUSE_RULES = frozenset(entry.rule for entry in all_rules() if entry.root_cause)

# The tables each rule reads (its registry entry's `reads`): a root cause in any of them makes
# the rule's findings meaningless. (Foreign keys name their table in the schema, and are
# resolved from it.)
READS: dict[str, tuple[str, ...]] = {entry.rule: entry.reads for entry in all_rules() if entry.reads}


def cause_key(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.file, problem.line, problem.column, problem.rule)


def fold(problems: Iterable[Problem], table_files: dict[str, list[str]],
         foreign_keys: dict[str, dict[str, str]]) -> list[Problem]:
    """Every problem, each that follows from a root cause carrying it in `follows_from`.

    table_files: table name -> its files; foreign_keys: table -> {first field of a foreign key:
    the table it points at}. Root causes come first, then the problems independent of them,
    each group in file order; the followers keep their order after them."""
    problems = sorted(problems)
    table_of = {file: table for table, files in table_files.items() for file in files}
    broken_tables: dict[str, Problem] = {}  # table -> its first root cause
    broken_files: dict[str, Problem] = {}  # table file -> its first root cause
    for problem in problems:
        if problem.rule not in ROOT_CAUSE_RULES:
            continue
        table = table_of.get(problem.file)
        if table is not None:
            broken_files.setdefault(problem.file, problem)
        else:
            table = _table_named(problem, table_files)
        if table is not None:
            broken_tables.setdefault(table, problem)
    if not broken_tables:
        return problems
    roots, independent, followers = [], [], []
    for problem in problems:
        if problem.rule in ROOT_CAUSE_RULES:
            roots.append(problem)
            continue
        cause = broken_files.get(problem.file) or _cause(problem, table_of.get(problem.file), foreign_keys,
                                                          broken_tables)
        if cause is None:
            independent.append(problem)
        else:
            followers.append(replace(problem, follows_from=cause_key(cause)))
    return roots + independent + followers


def _table_named(problem: Problem, table_files: dict[str, list[str]]) -> str | None:
    """The table a descriptor-level root cause is about (its message names it)."""
    if problem.rule != "descriptor-resource":
        return None
    words = set(problem.message.replace(":", " ").split())
    return next((table for table in table_files if table in words), None)


def _cause(problem: Problem, table: str | None, foreign_keys: dict[str, dict[str, str]],
           broken: dict[str, Problem]) -> Problem | None:
    """The root cause of a table this problem's rule reads, if any."""
    if problem.rule == "foreign-key":
        target = foreign_keys.get(table or "", {}).get(problem.field)
        return broken.get(target) if target else None
    for name in READS.get(problem.rule, ()):
        if name in broken:
            return broken[name]
    return None


def followers_of(problems: list[Problem]) -> dict[tuple, list[Problem]]:
    """Root cause key -> the problems that follow from it."""
    found: dict[tuple, list[Problem]] = {}
    for problem in problems:
        if problem.follows_from:
            found.setdefault(problem.follows_from, []).append(problem)
    return found


def folded_lines(followers: list[Problem]) -> list[str]:
    """One line per file, rule and severity: "and 145 foreign-key errors in claims/attributions.csv
    that follow from it"."""
    counts = Counter((p.file, p.rule, p.severity) for p in followers)
    lines = []
    for (file, rule, severity), count in sorted(counts.items()):
        noun = severity if count == 1 else severity + "s"
        lines.append(f"and {count} {rule} {noun} in {file} that follow from it")
    return lines
