"""The rule registry: every rule a user can meet, one entry each.

An entry (`Rule`) holds the id, layer, severity, description and fix hint; the Python path's
implementation; the fast path's SQL, or `PYTHON_ONLY` (then the DuckDB gate runs the Python
implementation itself on the tables the rule reads, so no engine skips it); and the breaking
case that makes the rule fire on a copy of a valid package. A named check or lint is declared
with `@rule(...)` on its Python function, beside the constants it needs (checks.py,
lints.py); rules raised where the files are read (descriptor, CSV, keys of the loader) are
listed below with `loader()`. docs/rules.md, the validators (validate, the contribution
commands, the gate) and the coverage test (tests/test_rule_registry.py) all read this
registry: adding a rule is one entry plus its case. CONTRIBUTING.md, "Adding a rule".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Union

if TYPE_CHECKING:
    import duckdb

    from .package import Package
    from .problems import Problem
    from .schemas import RecordSchema

# The layers, in the order every validator runs them: a later layer's findings are only
# trustworthy once the earlier ones hold (a row that does not type has no record checks).
# History rules run only with claims validate --base (history.py).
LAYERS = ("descriptor", "table", "record", "provenance", "consistency", "lint", "history")

Check = Callable[["Package"], Iterable["Problem"]]
# One SQL text counting the rows (or groups) the Python implementation may report, or a
# function of the gate's DuckDB connection returning that count. A count may exceed the rows
# the Python path reports, never fall short of it: above zero, the package goes to the
# Python path for the located report.
Query = Union[str, Callable[["duckdb.DuckDBPyConnection"], int]]
SqlFor = Callable[[dict[str, "RecordSchema"]], Iterable[Query]]
# A breaking case: changes a copy of a valid package so that the rule fires, and returns the
# file and line where it must be reported.
Case = Callable[[Path], tuple[str, int]]

PYTHON_ONLY = "python-only"  # no SQL: the gate runs the Python implementation itself


@dataclass(frozen=True)
class Rule:
    rule: str
    layer: str
    description: str
    hint: str
    severity: str = "error"  # lints are warnings: exit 0 unless claims validate --strict
    python: Check | None = None  # None: raised where the files are read (package.py, csvio.py, descriptor.py)
    sql: SqlFor | str | None = None  # PYTHON_ONLY, or the queries; None for rules raised by the loader
    reads: tuple[str, ...] | None = None  # tables a PYTHON_ONLY rule reads (None: all of them)
    case: Case | None = None
    no_case: str = ""  # why a rule has no breaking case (the coverage test requires one or the other)

    def queries(self, schemas: dict[str, "RecordSchema"]) -> list[Query]:
        if self.sql is None or self.sql == PYTHON_ONLY:
            return []
        return list(self.sql(schemas))

    @property
    def python_only(self) -> bool:
        return self.sql == PYTHON_ONLY


REGISTRY: dict[str, Rule] = {}
# The modules whose @rule entries complete the registry (imported on first use).
RULE_MODULES = ("checks", "lints")


def register(entry: Rule) -> Rule:
    if entry.layer not in LAYERS:
        raise ValueError(f"rule {entry.rule}: layer {entry.layer!r} is not one of {', '.join(LAYERS)}")
    if entry.rule in REGISTRY:
        raise ValueError(f"rule {entry.rule} is registered twice (in {REGISTRY[entry.rule].python})")
    if entry.python is not None and entry.sql is None:
        raise ValueError(f"rule {entry.rule}: give its SQL, or sql=PYTHON_ONLY")
    REGISTRY[entry.rule] = entry
    return entry


def unregister(rule_id: str) -> None:
    REGISTRY.pop(rule_id, None)


def rule(rule_id: str, layer: str, description: str, hint: str, *, sql: SqlFor | str,
         case: Case | None = None, no_case: str = "", reads: tuple[str, ...] | None = None,
         severity: str | None = None) -> Callable[[Check], Check]:
    """Register the decorated function as the Python implementation of a rule."""
    def register_function(function: Check) -> Check:
        register(Rule(rule_id, layer, description, hint, severity or ("warning" if layer == "lint" else "error"),
                      function, sql, reads, case, no_case))
        return function
    return register_function


def loader(rule_id: str, layer: str, description: str, hint: str, case: Case | None = None,
           no_case: str = "") -> Rule:
    """A rule raised outside the registry's run: where the files are read (the gate's scan of
    the files covers it), by validate itself, or by history.py."""
    return register(Rule(rule_id, layer, description, hint, case=case, no_case=no_case))


def all_rules() -> list[Rule]:
    """Every rule, in layer order (and in the order registered within a layer)."""
    import importlib

    for module in RULE_MODULES:
        importlib.import_module(f"{__package__}.{module}")
    return sorted(REGISTRY.values(), key=lambda entry: LAYERS.index(entry.layer))


def entry(rule_id: str) -> Rule:
    all_rules()
    return REGISTRY[rule_id]


def of_layers(*layers: str) -> list[Rule]:
    return [entry for entry in all_rules() if entry.layer in layers]


def run_python(package: "Package", layers: Iterable[str] = LAYERS) -> list["Problem"]:
    """The Python implementations of the rules of the given layers, in layer order."""
    wanted = set(layers)
    return [found for entry in all_rules() if entry.python is not None and entry.layer in wanted
            for found in entry.python(package)]


# Rules of the other layers, raised where the files are read. ------------------------------------

loader("descriptor-json", "descriptor", "datapackage.json is valid JSON", "fix the JSON syntax at the position given")
loader("descriptor-frictionless", "descriptor", "frictionless-py accepts the descriptor",
       "fix the descriptor as reported")
loader("descriptor-profile", "descriptor", "the descriptor is valid against the official Data Package v2 profile",
       "follow the Data Package v2 specification")
loader("descriptor-resource", "descriptor", "every table of the model is a resource of the descriptor",
       "run claims sync")
loader("generated-sync", "descriptor", "generated files (Table Schemas, seed resources, sql/base/*.sql, "
       "docs/rules.md) equal what schemas/ and sources.csv generate", "run claims sync")
loader("file-missing", "table", "the resource's CSV file exists", "create the file or correct its path")
loader("csv-empty", "table", "the file has at least a header row", "start the file with the header row")
loader("csv-bom", "table", "the file has no UTF-8 byte-order mark", "save as UTF-8 without BOM")
loader("csv-encoding", "table", "the file is valid UTF-8", "re-save the file as UTF-8")
loader("csv-line-ending", "table", "lines end with LF only (no CR)", "convert line endings to LF")
loader("csv-nul-byte", "table", "no NUL character", "remove the NUL character")
loader("csv-unclosed-quote", "table", "every quoted cell is closed (a stray quote would merge rows)",
       'close the quote or double a quote inside the cell ("")')
loader("csv-stray-quote", "table", "quote characters appear only around whole cells or doubled inside them",
       'quote the cell and double the inner quote')
loader("csv-header", "table", "the header names exactly the schema's columns, in order, once each",
       "copy the header from the schema (docs/model.md)")
loader("csv-row-width", "table", "every row has as many cells as the header", "add or remove cells")
loader("cell-type", "table", "a cell parses as its column's type (integer, number, boolean true/false, date)",
       "write a value of the column's type")
loader("csv-cell-size", "table", "no cell is longer than 100,000 characters",
       "a cell holds one value, not a document; check for a pasted text")
loader("csv-part-newline", "table", "every part of a multipart resource but the last ends with a newline "
       "(parts are joined line by line)", "end the file with a newline (claims fmt does)")

# How a quote or evidence that differs from its seed is repaired. Only rows that already failed
# are searched, so the cost stays off valid rows.
REPAIR_HINTS: dict[str, str] = {
    "moved": "the text occurs in the seed at {where}: set {start_field}/{end_field} to {start}/{end}",
    "normalised": "the seed has {seed_char} where the {field} has {text_char} at character {index}: "
                  "use {fixed} with {start_field}/{end_field} {start}/{end}",
    "normalised-offsets": "the seed text equals the {field} after normalising spaces, quotes and dashes: "
                          "use {fixed} with {start_field}/{end_field} {start}/{end}",
    "nearest": "not in the seed even after normalising; the nearest seed text is {fixed} at {start}-{end}",
}

# History checks (claims validate --base REF, history.py): what was published stays as it was.
# They compare the package with a base state; tests/test_history.py breaks each of them.
BASE_STATE = "needs a base state to compare with (claims validate --base): tests/test_history.py breaks it"
loader("history-seed-changed", "history", "every seed of the base state is still there, byte for byte",
       "seeds are immutable evidence: restore the original bytes; a new text is a new source", no_case=BASE_STATE)
loader("history-seed-record", "history", "a published source keeps its row and its seed_path, sha256 "
       "and byte_size", "restore the recorded values", no_case=BASE_STATE)
loader("history-claim-removed", "history", "no claim_id of the base state is removed",
       "restore the row and deprecate it (status deprecated, deprecation_reason)", no_case=BASE_STATE)
loader("history-claim-frozen", "history", "an existing claim keeps its source_id, quote, quote_start and "
       "quote_end (an id is never reused for other evidence)",
       "deprecate the claim and add a new one for the new reading", no_case=BASE_STATE)
loader("history-rubric-changed", "history", "existing confidence rubric rules are unchanged (unless the change "
       "is declared a rules change, --rules-change)", "add a new rule, or ask maintainers for a rules change",
       no_case=BASE_STATE)
loader("history-property-changed", "history", "existing properties keep their meaning: every column but notes "
       "unchanged (unless declared a rules change, --rules-change)",
       "add a new property, or ask maintainers for a rules change", no_case=BASE_STATE)

BY_RULE = REGISTRY  # an id's entry once its module is imported; entry(rule_id) imports them all
