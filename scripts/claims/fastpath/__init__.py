"""The fast path of claims validate: every layer and named check, set-based in DuckDB.

The Python path (package.py, schemas.py, checks.py, lints.py) reads every record into Python
and runs python-jsonschema on it: exact, located to the cell, and the reference, but about
five minutes and several GiB per million claims. This path answers the question a pull
request asks first, "is the package valid?", from one DuckDB pass per table and a few
set-based queries:

* gate.py: the CSV layer (BOM, line endings, NUL, quoting, width, header, cell size) from
  byte scans and DuckDB's strict reader; the record rules as SQL compiled from the JSON
  Schemas (compile.py); keys, named checks and lints as the SQL each rule of the registry
  carries (rules.py, checks.py, lints.py). The descriptor and seed layers, and any rule
  marked PYTHON_ONLY, run in Python, the same code as the Python path.
* Every test is a superset of the Python path's: a row the Python path would report is
  always flagged. So a package the gate passes is one the Python path passes (the tests hold
  the two to this on generated packages and on the corpus of broken contributions).
* When the gate flags anything, the located report (file, line, column, rule, fix) comes
  from the Python path itself, so the wording is the reference's by construction.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import UsageError

ENGINES = ("auto", "python", "duckdb")
# Tables larger than this together are gated on the fast path when the engine is "auto"
# (the Python path takes about a millisecond per claim; a megabyte is a few thousand claims).
AUTO_BYTES = 1 << 20


def engine_for(root: Path, requested: str = "auto") -> str:
    """Which engine checks a package: the one asked for, or by the size of its tables."""
    if requested not in ENGINES:
        raise UsageError(f"unknown engine {requested!r}: use one of {', '.join(ENGINES)}")
    if requested != "auto":
        return requested
    from ..package import DescriptorError, read_descriptor, resource_parts, unsafe_path

    root = root.resolve()
    try:
        document = read_descriptor(root)
    except DescriptorError:
        return "python"  # which reports where the descriptor breaks
    total = 0
    for parts in resource_parts(document).values():
        for rel in parts:
            path = root / rel if unsafe_path(rel) is None else None
            total += path.stat().st_size if path is not None and path.is_file() else 0
    return "duckdb" if total > AUTO_BYTES else "python"
