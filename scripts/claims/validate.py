"""claims validate: every layer in order (rules.LAYERS), one list of located problems.

Layers: descriptor (frictionless-py and the official v2 profile, generated files in sync);
tables (encoding, header, types, then keys); records (the JSON Schemas); a second engine
(frictionless-py reading the data, only when ours found nothing, so it reports disagreements
rather than repeats); named checks (provenance and consistency); lints (warnings). The
loader raises the file and record rules; every other rule runs from the registry.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import checks, descriptor, rootcause
from .beside import FrictionlessChecks
from .package import DescriptorError, load_package
from .problems import Problem
from .rules import LAYERS, run_python
from .safeio import LocatedError


@dataclass
class Report:
    problems: list[Problem]
    counts: dict[str, int]
    skipped: dict[str, str] = field(default_factory=dict)  # rule -> why it did not run
    # claims validate --incremental: whether the rows changed since base were checked alone
    # (incremental.py), the base, and the rows checked or why the package was checked in full
    scope: dict = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def capped(self) -> dict[str, int]:
        """Span rule -> how many of its problems came past checks.REPAIR_HINT_LIMIT (in file
        order), so carry the rule's general fix instead of a located repair."""
        counts = Counter(p.rule for p in self.problems if p.rule in checks.SPAN_RULES)
        return {rule: n - checks.REPAIR_HINT_LIMIT for rule, n in sorted(counts.items())
                if n > checks.REPAIR_HINT_LIMIT}

    def passes(self, strict: bool = False) -> bool:
        """Valid, and with --strict free of warnings too."""
        return not (self.problems if strict else self.errors)


def validate(root: Path, engine: str = "auto") -> Report:
    """Every layer, on the engine asked for (auto: the fast path for large packages). The fast
    path's gate proves a package valid set-based; the rows it flags get their located report
    from the Python path's code (fastpath/wording.py), so both engines report the same problems."""
    from .fastpath import engine_for

    with contextlib.ExitStack() as stack:
        try:
            if engine_for(root, engine) == "duckdb" and not _seeds_withheld(root):
                from .fastpath.gate import run_gate
                from .fastpath.wording import NotTheSameRows, located_report

                gate = run_gate(root)
                if gate.is_clean:
                    return Report([], gate.counts)
                if gate.exact:
                    try:
                        return located_report(gate)
                    except NotTheSameRows:
                        pass  # the Python path reads every row
            # frictionless-py's checks run beside what follows (beside.py)
            second_engine = stack.enter_context(FrictionlessChecks(Path(root).resolve()))
            package = load_package(root)
        except LocatedError as exc:  # the descriptor or a schema cannot be read at all
            return Report([exc.problem], {})
        problems = list(package.problems)
        problems += second_engine.descriptor_problems()
        problems += descriptor.profile_problems(package.descriptor, package.descriptor_text)
        problems += descriptor.sync_problems(package)
        problems += run_python(package, ("descriptor", "table"))
        if not problems:
            problems += descriptor.frictionless_data_problems(package, second_engine.data_errors())
    skipped = {rule: checks.SEEDS_WITHHELD_REASON for rule in checks.NEEDS_SEED_TEXT} if package.seeds_withheld else {}
    problems += run_python(package, LAYERS[LAYERS.index("record"):], skip=set(skipped))
    counts = {name: len(table.rows) for name, table in package.tables.items()}
    return Report(rootcause.fold(set(problems), *table_facts(package)), counts, skipped)


def table_facts(package) -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """Each table's files, and where each table's foreign keys point (by their first field)."""
    files = {name: (package.tables[name].files if name in package.tables else [])
             for name in package.schemas}
    foreign_keys = {name: {fk["fields"][0]: fk["reference"]["resource"] for fk in schema.foreign_keys}
                    for name, schema in package.schemas.items()}
    return files, foreign_keys


def _seeds_withheld(root: Path) -> bool:
    """A release without its seed texts goes to the Python path, which reports the skipped checks."""
    from .package import SEEDS_PROPERTY, SEEDS_WITHHELD, read_descriptor

    try:
        return read_descriptor(root).get(SEEDS_PROPERTY) == SEEDS_WITHHELD
    except DescriptorError:
        return False
