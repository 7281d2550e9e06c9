"""History checks (claims validate --base REF): what was published stays as it was.

Against the base state: every seed is byte-identical, and its recorded seed_path, sha256 and
byte size unchanged; no claim_id removed (deprecate instead) or reused for other evidence (an
existing claim keeps its document, quote and offsets); existing confidence rubric rules and
property meanings unchanged, unless the change is declared a rules change (then maintainers
review it: .ci/validate-pr says so). A changed seed is shown as the words that changed.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from .diff import MEANING_TABLES, read_seeds
from .diff_render import inert
from .package import Package, Row
from .problems import Problem

FROZEN_CLAIM_COLUMNS = ("source_id", "quote", "quote_start", "quote_end")
SOURCE_RECORD_COLUMNS = ("seed_path", "sha256", "byte_size")
WORDS = re.compile(r"\s+|\w+|[^\w\s]")
CONTEXT_WORDS = 4
SHOWN_CHANGES = 5
RULES_TABLE = {"confidence_rubric": "history-rubric-changed", "properties": "history-property-changed"}


def _keyed(package: Package, table: str) -> dict[tuple, Row]:
    keys = package.tables[table].schema.primary_key if table in package.tables else []
    return {tuple(str(row.get(k, "")) for k in keys): row for row in package.rows(table)}


def _cell_at(row: Row, column: str) -> tuple[int, int]:
    cell = row.cells.get(column)
    return (cell.line, cell.column) if cell is not None else (row.line, 1)


def changed_words(old: str, new: str) -> str:
    """The changed words with a few words of context each side: "... at least [-twenty-]{+ninety+} soldiers ..."."""
    before, after = WORDS.findall(old), WORDS.findall(new)
    pieces = []
    opcodes = [op for op in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes() if op[0] != "equal"]
    for tag, i1, i2, j1, j2 in opcodes[:SHOWN_CHANGES]:
        lead = "".join(before[max(0, i1 - CONTEXT_WORDS):i1])
        tail = "".join(before[i2:i2 + CONTEXT_WORDS])
        removed = f"[-{''.join(before[i1:i2])}-]" if i2 > i1 else ""
        added = f"{{+{''.join(after[j1:j2])}+}}" if j2 > j1 else ""
        pieces.append(inert(f"…{lead}{removed}{added}{tail}…", limit=400))
    more = f" (and {len(opcodes) - SHOWN_CHANGES} more changes)" if len(opcodes) > SHOWN_CHANGES else ""
    return " ".join(pieces) + more


def _first_difference(old: str, new: str) -> tuple[int, int]:
    index = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    line = new.count("\n", 0, index) + 1
    return line, index - (new.rfind("\n", 0, index) + 1) + 1


def seed_problems(base_root: Path, head_root: Path) -> list[Problem]:
    problems = []
    old_seeds, new_seeds = read_seeds(base_root), read_seeds(head_root)
    for rel, digest in old_seeds.items():
        if rel not in new_seeds:
            problems.append(Problem(rel, 1, 1, "history-seed-changed", "a published seed was removed",
                                    "seeds are immutable evidence: restore the file"))
        elif new_seeds[rel] != digest:
            old = (base_root / rel).read_bytes().decode("utf-8", "replace")
            new = (head_root / rel).read_bytes().decode("utf-8", "replace")
            line, column = _first_difference(old, new)
            problems.append(Problem(rel, line, column, "history-seed-changed",
                                    f"a published seed was rewritten: {changed_words(old, new)}",
                                    "seeds are immutable evidence: restore the original bytes; a new text of "
                                    "the document is a new source (claims add-source)"))
    return problems


def row_problems(base: Package, head: Package) -> list[Problem]:
    problems = []
    head_sources = _keyed(head, "sources")
    for key, old in _keyed(base, "sources").items():
        new = head_sources.get(key)
        if new is None:
            problems.append(Problem(head.file("sources"), 1, 1, "history-seed-record",
                                    f"source {key[0]} (base line {old.line}) was removed",
                                    "published sources stay: restore the row"))
            continue
        changed = [c for c in SOURCE_RECORD_COLUMNS if old.get(c) != new.get(c)]
        if changed:
            line, column = _cell_at(new, changed[0])
            problems.append(Problem(new.file, line, column, "history-seed-record",
                                    f"source {key[0]}: " + "; ".join(f"{c} {old.get(c)} -> {new.get(c)}" for c in changed),
                                    "the recorded seed of a published source never changes: restore the values",
                                    changed[0]))
    head_claims = _keyed(head, "claims")
    for key, old in _keyed(base, "claims").items():
        new = head_claims.get(key)
        if new is None:
            problems.append(Problem(head.file("claims"), 1, 1, "history-claim-removed",
                                    f"claim {key[0]} (base line {old.line}) was removed",
                                    "claims are never deleted: restore the row and set status deprecated with a "
                                    "deprecation_reason"))
            continue
        changed = [c for c in FROZEN_CLAIM_COLUMNS if old.get(c) != new.get(c)]
        if changed:
            line, column = _cell_at(new, changed[0])
            problems.append(Problem(new.file, line, column, "history-claim-frozen",
                                    f"claim {key[0]}: its evidence changed (" + "; ".join(
                                        f"{c} {old.get(c)!r} -> {new.get(c)!r}" for c in changed) + ")",
                                    "an existing claim keeps its document, quote and offsets: deprecate it and "
                                    "add a new claim (a new id) for the new reading", changed[0]))
    return problems


def rules_row_problems(base: Package, head: Package) -> list[Problem]:
    """Existing rubric rules and property meanings that changed or went (a rules change)."""
    problems = []
    for table, rule in RULES_TABLE.items():
        ignored = MEANING_TABLES.get(table, set())
        head_rows = _keyed(head, table)
        for key, old in _keyed(base, table).items():
            new = head_rows.get(key)
            if new is None:
                problems.append(Problem(head.file(table), 1, 1, rule, f"{table} {key[0]} was removed",
                                        "restore the row, or declare a rules change for maintainer review"))
                continue
            columns = sorted(set(old.values) | set(new.values))
            changed = [c for c in columns if c not in ignored and old.get(c) != new.get(c)]
            if changed:
                line, column = _cell_at(new, changed[0])
                problems.append(Problem(new.file, line, column, rule, f"{table} {key[0]}: " + "; ".join(
                    f"{c} {old.get(c)!r} -> {new.get(c)!r}" for c in changed),
                    "existing rules keep their meaning: restore the row, add a new rule or property instead, or "
                    "declare a rules change for maintainer review", changed[0]))
    return problems


def history_problems(base_root: Path, head: Package, rules_change: bool = False) -> list[Problem]:
    """Every history problem of head against the package in base_root; rubric and property
    changes are left out when they are declared a rules change."""
    from .package import load_package

    base = load_package(base_root)
    problems = seed_problems(base_root, head.root) + row_problems(base, head)
    if not rules_change:
        problems += rules_row_problems(base, head)
    return problems


def with_history(report, root: Path, base: str, repo: Path, rules_change: bool = False):
    """The validation report of root with the history problems against base (a git ref looked up
    in repo, or a folder) added."""
    from .package import DescriptorError, load_package
    from .states import package_state
    from .validate import Report

    try:
        head = load_package(root)
    except DescriptorError:
        return report  # the report already says the descriptor cannot be read
    with package_state(base, repo) as (base_root, _):
        found = history_problems(base_root, head, rules_change)
    return Report(sorted(set(report.problems) | set(found)), report.counts)
