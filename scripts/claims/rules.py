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

from . import cases

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
ROW, PACKAGE = "row", "package"  # a rule's scope (Rule.scope)


@dataclass(frozen=True)
class Rule:
    rule: str
    layer: str
    description: str
    hint: str
    severity: str = "error"  # lints are warnings: exit 0 unless claims validate --strict
    python: Check | None = None  # None: raised where the files are read (package.py, csvio.py, descriptor.py)
    sql: SqlFor | str | None = None  # PYTHON_ONLY, or the queries; None for rules raised by the loader
    # The tables the rule reads, its own among them: a PYTHON_ONLY rule's are loaded for it by the
    # gate (None: all of them); a root cause in one of the others folds its problems (rootcause.py).
    reads: tuple[str, ...] | None = None
    case: Case | None = None
    no_case: str = ""  # why a rule has no breaking case (the coverage test requires one or the other)
    # A problem that leaves a table unread or cut short: what follows from it is folded under it.
    root_cause: bool = False
    # ROW: whether a row breaks the rule depends on that row alone, on tables read whole and on
    # the rows its foreign keys point at, so claims validate --incremental checks it on the rows
    # changed since the base (and on the rows pointing at a changed one); PACKAGE: it compares
    # rows with each other (keys, chains, duplicates) and always runs on every row.
    scope: str = "package"
    # Of a ROW rule: the columns of the rows its foreign keys point at that the check reads
    # ("claims.source_id"); none given: any. A row pointing at a changed row is checked again
    # only when one of these changed (an attribution, when its claim's document changed).
    follows: tuple[str, ...] = ()

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
    if entry.scope not in (ROW, PACKAGE):
        raise ValueError(f"rule {entry.rule}: scope {entry.scope!r} is not {ROW!r} or {PACKAGE!r}")
    if entry.python is not None and entry.sql is None:
        raise ValueError(f"rule {entry.rule}: give its SQL, or sql=PYTHON_ONLY")
    REGISTRY[entry.rule] = entry
    return entry


def unregister(rule_id: str) -> None:
    REGISTRY.pop(rule_id, None)


def rule(rule_id: str, layer: str, description: str, hint: str, *, sql: SqlFor | str,
         case: Case | None = None, no_case: str = "", reads: tuple[str, ...] | None = None,
         severity: str | None = None, scope: str = PACKAGE, follows: tuple[str, ...] = ()) -> Callable[[Check], Check]:
    """Register the decorated function as the Python implementation of a rule."""
    def register_function(function: Check) -> Check:
        register(Rule(rule_id, layer, description, hint, severity or ("warning" if layer == "lint" else "error"),
                      function, sql, reads, case, no_case, scope=scope, follows=follows))
        return function
    return register_function


def loader(rule_id: str, layer: str, description: str, hint: str, case: Case | None = None,
           no_case: str = "", root_cause: bool = False) -> Rule:
    """A rule raised outside the registry's run: where the files are read (the gate's scan of
    the files covers it), by validate itself, or by history.py."""
    return register(Rule(rule_id, layer, description, hint, case=case, no_case=no_case, root_cause=root_cause))


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


def run_python(package: "Package", layers: Iterable[str] = LAYERS, skip: Iterable[str] = ()) -> list["Problem"]:
    """The Python implementations of the rules of the given layers, in layer order (less the
    rules in skip: a release without seed texts skips those that read them)."""
    wanted, skipped = set(layers), set(skip)
    return [found for entry in all_rules() if entry.python is not None and entry.layer in wanted
            and entry.rule not in skipped for found in entry.python(package)]


# Rules of the other layers, raised where the files are read. ------------------------------------

loader("descriptor-json", "descriptor", "datapackage.json is valid UTF-8 JSON of at most 16 MiB, 64 levels of "
       "nesting and numbers of 100 characters", "fix the JSON syntax at the position given",
       case=cases.descriptor_not_json)
loader("descriptor-frictionless", "descriptor", "frictionless-py accepts the descriptor",
       "fix the descriptor as reported", case=cases.descriptor_version_not_a_string)
loader("descriptor-profile", "descriptor", "the descriptor is valid against the official Data Package v2 profile",
       "follow the Data Package v2 specification", case=cases.descriptor_name_not_a_string)
loader("descriptor-remote", "descriptor", "the descriptor refers to nothing outside the package: schemas and "
       "dialects inline, paths inside it, the official profile (validation never opens a connection)",
       "give the Table Schema inline and the path of a file in the package (claims sync writes both)",
       case=cases.schema_by_url)
loader("schema-file", "descriptor", "each schemas/*.schema.json is UTF-8 JSON within the limits, names its "
       "x-resource, properties and x-primaryKey, is a valid JSON Schema whose $ref stay in the file and expand to "
       "at most 20,000 parts, and whose patterns RE2 accepts",
       "fix the schema file at the place given (docs/model.md describes what each one holds)",
       case=cases.pattern_re2_refuses)
loader("descriptor-resource", "descriptor", "every table of the model is a resource of the descriptor",
       "run claims sync", case=cases.resource_removed("aliases"),
       root_cause=True)
loader("generated-sync", "descriptor", "generated files (table and seed resources with their Table Schemas, "
       "sql/base/*.sql and the base lines of sql/load.sql, docs/rules.md) equal what schemas/, sources.csv "
       "and the rule registry generate", "run claims sync",
       case=cases.generated_part_edited)
loader("file-missing", "table", "the resource's CSV file exists", "create the file or correct its path",
       case=cases.file_written("aliases", None),
       root_cause=True)
loader("file-symlink", "table", "no file the toolkit reads (descriptor, schema, table) is or lies behind a "
       "symbolic link; it is refused without being read", "commit the file itself, not a link",
       case=cases.table_as_symlink("aliases"), root_cause=True)
loader("file-size", "table", "a table file is at most 4 GiB, a JSON file 16 MiB (a seed 256 MiB: seed-path)",
       "split a large table into parts (a multipart resource); check for a mistake",
       no_case="a file over the cap takes gigabytes: tests/test_hostile.py lowers the cap and checks both engines",
       root_cause=True)
loader("csv-empty", "table", "the file has at least a header row", "start the file with the header row",
       case=cases.file_written("aliases", b""),
       root_cause=True)
loader("csv-bom", "table", "the file has no UTF-8 byte-order mark", "save as UTF-8 without BOM",
       case=cases.with_bom("aliases"),
       root_cause=True)
loader("csv-encoding", "table", "the file is valid UTF-8", "re-save the file as UTF-8",
       case=cases.changed_line("entities", lambda line: (line + " caf\u00e9").encode("latin-1")),
       root_cause=True)
loader("csv-line-ending", "table", "lines end with LF only (no CR)", "convert line endings to LF",
       case=cases.crlf_line_endings("properties"),
       root_cause=True)
loader("csv-nul-byte", "table", "no NUL character", "remove the NUL character",
       case=cases.changed_line("entities", lambda line: line + "\x00"),
       root_cause=True)
loader("csv-unclosed-quote", "table", "every quoted cell is closed (a stray quote would merge rows)",
       'close the quote or double a quote inside the cell ("")', case=cases.unclosed_quote_at_end("aliases"),
       root_cause=True)
loader("csv-stray-quote", "table", "quote characters appear only around whole cells or doubled inside them",
       'quote the cell and double the inner quote',
       case=cases.changed_line("entities", lambda line: '"{}"x,{}'.format(*line.split(",", 1))),
       root_cause=True)
loader("csv-header", "table", "the header names exactly the schema's columns, in order, once each",
       "copy the header from the schema (docs/model.md)", case=cases.renamed_header_column("claims"),
       root_cause=True)
loader("csv-row-width", "table", "every row has as many cells as the header", "add or remove cells",
       case=cases.changed_line("entities", lambda line: line + ",extra"))
loader("cell-type", "table", "a cell parses as its column's type (integer, number, boolean true/false, date)",
       "write a value of the column's type", case=cases.edit("claims", quote_start="forty"))
loader("csv-cell-size", "table", "no cell is longer than 100,000 characters",
       "a cell holds one value, not a document; check for a pasted text",
       case=cases.edit("claims", note="x" * 100_001))
loader("csv-part-newline", "table", "every part of a multipart resource but the last ends with a newline "
       "(parts are joined line by line)", "end the file with a newline (claims fmt does)",
       case=cases.part_without_final_newline)

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
