"""The order of the fast path's work, and what runs side by side.

The small tables go first (the others look things up in them), while a second thread checks
the descriptor (frictionless-py and the Data Package profile, pure Python). Then the largest
table's CSV layer is checked and its rows read (in parts, two at a time: engine.split_scan)
while another thread reads the other tables. DuckDB releases the GIL while it works, so on two cores the threads
really overlap; the checks across rows come after, when every table is in.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import descriptor
from ..package import TABLE_ORDER, Package
from ..problems import Problem
from .engine import Engine

FIRST = ("sources", "confidence_rubric", "properties", "entities", "aliases")


def largest(engine: Engine, names: list[str]) -> str:
    def size(name):
        path = engine.root / engine.resources.get(name, "")
        return path.stat().st_size if name in engine.resources and path.is_file() else -1
    return max(names, key=size)


def scan_all(engine: Engine, side_work=None) -> list[Problem]:
    """Every table's pass; returns what side_work (run on a thread of its own) returned."""
    from .report import register_seeds

    with ThreadPoolExecutor(max_workers=2) as pool:
        described = pool.submit(side_work) if side_work else None
        for name in FIRST:
            engine.scan(name)
            engine.settle(name)
            if name == "sources":
                register_seeds(engine)
        rest = [name for name in TABLE_ORDER if name not in FIRST]
        main = largest(engine, rest)

        def others():
            cursor = engine.cursor()
            try:
                for name in rest:
                    if name != main:
                        engine.scan(name, cursor)
            finally:
                cursor.close()

        # The others start once the largest file's CSV layer is checked: that check holds the
        # whole file in DuckDB's memory for a moment.
        scanned = []
        engine.scan(main, checked=lambda: scanned.append(pool.submit(others)))
        for future in scanned:
            future.result()
        found = described.result() if described else []
    engine.settle(*rest)
    return found


def descriptor_problems(engine: Engine) -> list[Problem]:
    return descriptor.frictionless_problems(engine.root) + descriptor.profile_problems(engine.descriptor)


def validate_fast(root: Path):
    """claims validate on the fast path: the same Report as validate.validate."""
    from .report import report

    engine = Engine(root)
    try:
        found = scan_all(engine, lambda: descriptor_problems(engine))
        return report(engine, found)
    finally:
        engine.close()


def load_problems(root: Path) -> Package:
    """What claims build needs before it writes: the CSV, table and record problems (the
    Python path's package.problems), as a Package with no rows."""
    from .report import table_problems

    engine = Engine(root, named_checks=False)
    try:
        scan_all(engine)
        return Package(engine.root, engine.descriptor, engine.schemas, {}, table_problems(engine))
    finally:
        engine.close()
