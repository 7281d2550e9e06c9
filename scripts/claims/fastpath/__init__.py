"""The fast path of claims validate: the same layers and rules, checked set-based in DuckDB.

The Python path (package.py, schemas.py, checks.py) reads every record into Python and runs
python-jsonschema on it: exact, and the reference, but about a minute and a half per million
claims. This path gets the same problem list from a few passes in DuckDB:

* csvscan.py: the CSV layer (encoding, BOM, line endings, quoting, width) from one RE2 match
  of the whole file, with csvio itself consulted only where a file breaks;
* compile.py: the JSON Schemas compiled to SQL, keyword by keyword and conditional by
  conditional, so the record rules are stated once, in schemas/;
* named.py: each named check of rules.py as SQL under the same rule id (the seed file checks,
  a few files, reuse checks.py);
* engine.py: one streaming pass per table that types, checks and keeps only the columns later
  checks need, then the checks across rows (keys, chains, bounds);
* locate.py: only for rows with problems, their real lines and columns and their messages,
  worded as the Python path words them.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import ClaimsError

ENGINES = ("auto", "python", "duckdb")
# Tables larger than this together are checked by the fast path when the engine is "auto".
# The Python path takes about a millisecond per claim (20,000 claims: 18 s, against 1.4 s on
# the fast path); below a megabyte (a few thousand claims) it is done in a second or two.
AUTO_BYTES = 1 << 20


def engine_for(root: Path, requested: str = "auto") -> str:
    """Which engine checks a package: the one asked for, or by the size of its tables."""
    if requested not in ENGINES:
        raise ClaimsError(f"unknown engine {requested!r}: use one of {', '.join(ENGINES)}", 2)
    if requested != "auto":
        return requested
    from ..package import read_descriptor, tabular_resources

    root = root.resolve()
    total = 0
    for rel in tabular_resources(read_descriptor(root)).values():
        path = root / rel
        total += path.stat().st_size if path.is_file() else 0
    return "duckdb" if total > AUTO_BYTES else "python"


def validate_fast(root: Path):
    from .schedule import validate_fast as run

    return run(root)


def load_checked(root: Path, engine: str = "auto"):
    """The package as claims build needs it: its table and record problems (package.problems),
    found by the engine the size calls for. On the fast path the rows stay in DuckDB."""
    from ..package import load_package

    if engine_for(root, engine) == "python":
        return load_package(root)
    from .schedule import load_problems

    return load_problems(root)


def checked_build(root: Path, output: Path, engine: str = "auto") -> Path:
    """claims build: the database is written only if the tables load cleanly. On the fast path
    the check and the writing run side by side, the database into a file beside the target
    that replaces it only once the check has passed (so a failed check changes nothing)."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    from ..build import build
    from ..package import Package, read_descriptor

    root = root.resolve()
    target = output if output.is_absolute() else root / output
    fast = engine_for(root, engine) == "duckdb"
    pending = target.with_name(f".{target.name}.{os.getpid()}.checking")
    with ThreadPoolExecutor(max_workers=1) as pool:
        written = pool.submit(build, Package(root, read_descriptor(root), {}, {}, []), pending) if fast else None
        try:
            package = load_checked(root, "duckdb" if fast else "python")
        finally:
            failure = written.exception() if written is not None else None  # waits for it
            if failure is not None:
                pending.unlink(missing_ok=True)
    if package.problems:
        pending.unlink(missing_ok=True)
        raise ClaimsError(f"cannot build: the tables do not load cleanly ({len(package.problems)} problem(s)); "
                          "run claims validate")
    if failure is not None:
        raise failure
    if fast:
        os.replace(pending, target)
    else:
        build(package, target)
    return target
