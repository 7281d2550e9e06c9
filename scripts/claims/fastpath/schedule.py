"""The order of the fast path's work, and what runs side by side.

The descriptor's own checks (frictionless-py and the Data Package profile, pure Python) run in
a forked child from the start. The small tables go first (the others look things up in
them). Then the largest table's CSV layer is checked and its rows read (in parts, two at a
time: engine.parts_scan) while another thread reads the other tables. DuckDB releases the GIL while it works, so on two cores the threads
really overlap; the checks across rows come after, when every table is in.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
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


def scan_all(engine: Engine) -> None:
    """Every table's pass."""
    from .report import register_seeds

    with ThreadPoolExecutor(max_workers=1) as pool:
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
    engine.settle(*rest)


def descriptor_problems(root: Path) -> list[Problem]:
    """frictionless-py's and the official profile's checks of the descriptor: pure Python."""
    from ..package import read_descriptor

    return descriptor.frictionless_problems(root) + descriptor.profile_problems(read_descriptor(root))


def beside(function, *args):
    """Run function(*args) beside this process's work: in a forked child where the platform
    forks (the descriptor checks are Python through and through, and a thread would wait on
    the GIL the tables' Python work holds), else on a thread. Call before DuckDB starts."""
    if "fork" in multiprocessing.get_all_start_methods():
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    else:
        pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(function, *args)
    pool.shutdown(wait=False)
    return future


def validate_fast(root: Path):
    """claims validate on the fast path: the same Report as validate.validate."""
    from .report import report

    described = beside(descriptor_problems, root.resolve())
    engine = Engine(root)
    try:
        scan_all(engine)
        return report(engine, described.result())
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
