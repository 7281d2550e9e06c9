"""claims validate: every layer in order, one list of located problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import checks, descriptor
from .package import load_package
from .problems import Problem


@dataclass
class Report:
    problems: list[Problem]
    counts: dict[str, int]

    @property
    def is_valid(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def validate(root: Path, engine: str = "auto") -> Report:
    from .fastpath import engine_for, validate_fast  # the DuckDB engine for large packages

    if engine_for(root, engine) == "duckdb":
        return validate_fast(root)
    package = load_package(root)
    problems = list(package.problems)
    problems += descriptor.frictionless_problems(package.root)
    problems += descriptor.profile_problems(package.descriptor)
    problems += descriptor.sync_problems(package)
    problems += checks.key_problems(package)
    problems += checks.run_named_checks(package)
    counts = {name: len(table.rows) for name, table in package.tables.items()}
    return Report(sorted(set(problems)), counts)
