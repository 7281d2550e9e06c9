"""claims validate: every layer in order (rules.LAYERS), one list of located problems.

Layers: descriptor (frictionless-py and the official v2 profile, generated files in sync);
tables (encoding, header, types, then keys); records (the JSON Schemas); a second engine
(frictionless-py reading the data, only when ours found nothing, so it reports disagreements
rather than repeats); named checks (provenance and consistency); lints (warnings). The
loader raises the file and record rules; every other rule runs from the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import checks, descriptor, rootcause
from .beside import FrictionlessChecks
from .package import DescriptorError, load_package
from .problems import Problem
from .rules import LAYERS, run_python


@dataclass
class Report:
    problems: list[Problem]
    counts: dict[str, int]
    skipped: dict[str, str] = field(default_factory=dict)  # rule -> why it did not run

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


def validate(root: Path, engine: str = "auto") -> Report:
    """Every layer, on the engine asked for (auto: the fast path for large packages). The fast
    path's gate proves a package valid set-based; anything it flags gets its located report
    from the Python path below, so both engines report the same problems."""
    from .fastpath import engine_for

    if engine_for(root, engine) == "duckdb" and not _seeds_withheld(root):
        from .fastpath.gate import run_gate

        gate = run_gate(root)
        if gate.is_clean:
            return Report([], gate.counts)
    with FrictionlessChecks(Path(root).resolve()) as second_engine:  # runs beside what follows
        try:
            package = load_package(root)
        except DescriptorError as exc:
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
    return Report(rootcause.fold(set(problems), *_table_facts(package)), counts, skipped)


def _table_facts(package) -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
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
