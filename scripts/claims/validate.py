"""claims validate: every layer in order, one list of located problems.

Layers: descriptor (frictionless-py and the official v2 profile, generated files in sync);
tables (encoding, header, types, keys, unique keys); records (the JSON Schemas); a second
engine (frictionless-py reading the data, only when ours found nothing, so it reports
disagreements rather than repeats); named checks (provenance and consistency); lints
(warnings).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import checks, descriptor, lints, rootcause, transaction
from .package import load_package
from .problems import Problem
from .safeio import LocatedError


@dataclass
class Report:
    problems: list[Problem]
    counts: dict[str, int]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def passes(self, strict: bool = False) -> bool:
        """Valid, and with --strict free of warnings too."""
        return not (self.problems if strict else self.errors)


def interrupted_write(root: Path) -> list[Problem]:
    """A write killed before it finished leaves its journal: the tables may be between their
    before and after states until the next write command finishes it (validating never does:
    the checkout must stay as it is)."""
    state = transaction.pending(root)
    if state is None:
        return []
    return [Problem(transaction.JOURNAL, 1, 1, "write-interrupted", f"a write was interrupted (journal {state}): "
                    "the tables may be half-written", "run any write command, e.g. claims fmt, to finish or undo "
                    "it; never commit claims/.journal.json")]


def validate(root: Path, engine: str = "auto") -> Report:
    """Every layer, on the engine asked for (auto: the fast path for large packages). The fast
    path's gate proves a package valid set-based; anything it flags gets its located report
    from the Python path below, so both engines report the same problems."""
    from .fastpath import engine_for

    try:
        if engine_for(root, engine) == "duckdb":
            from .fastpath.gate import run_gate

            gate = run_gate(root)
            if gate.is_clean and not interrupted_write(root):
                return Report([], gate.counts)
        package = load_package(root)
    except LocatedError as exc:  # the descriptor or a schema cannot be read at all
        return Report([exc.problem], {})
    problems = list(package.problems) + interrupted_write(package.root)
    problems += descriptor.frictionless_problems(package.root)
    problems += descriptor.profile_problems(package.descriptor, package.descriptor_text)
    problems += descriptor.sync_problems(package)
    problems += checks.key_problems(package)
    if not problems:
        problems += descriptor.frictionless_data_problems(package)
    problems += checks.run_named_checks(package)
    problems += lints.run_lints(package)
    counts = {name: len(table.rows) for name, table in package.tables.items()}
    return Report(rootcause.fold(set(problems), *_table_facts(package)), counts)


def _table_facts(package) -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """Each table's files, and where each table's foreign keys point (by their first field)."""
    files = {name: (package.tables[name].files if name in package.tables else [])
             for name in package.schemas}
    foreign_keys = {name: {fk["fields"][0]: fk["reference"]["resource"] for fk in schema.foreign_keys}
                    for name, schema in package.schemas.items()}
    return files, foreign_keys
