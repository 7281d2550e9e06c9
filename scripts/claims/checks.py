"""The named checks (provenance and consistency) and the key rules: each a registry entry
(rules.py) with its Python implementation, its SQL for the fast path, the constants it needs
and its breaking case, declared once with @rule."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path
from typing import Iterator

from . import cases, repair, safeio, transaction
from .fastpath import sqltext as sql
from .package import Package, Row, unsafe_path
from .problems import Problem
from .quantities import QUALIFIERS, derive_bounds
from .rules import PYTHON_ONLY, ROW, REGISTRY, Check, loader, rule  # noqa: F401 - Check: the type of an implementation


def problem(package: Package, table: str, row: Row, field: str, rule: str, message: str, hint: str = "") -> Problem:
    cell = row.cells.get(field)
    column = cell.column if cell is not None else 1
    line = cell.line if cell is not None else row.line
    if not hint and rule in REGISTRY:
        hint = REGISTRY[rule].hint
    severity = REGISTRY[rule].severity if rule in REGISTRY else "error"
    return Problem(row.file or package.file(table), line, column, rule, message, hint, field, severity)


# An interrupted write ------------------------------------------------------------------------------

@rule("write-interrupted", "table", "no write of a contribution command was interrupted "
      "(claims/.journal.json is absent)", "run any write command (claims fmt) to finish or undo it; never commit "
      "claims/.journal.json", sql=PYTHON_ONLY, reads=(), case=cases.write_interrupted)
def check_interrupted_write(package: Package) -> Iterator[Problem]:
    """A write killed before it finished leaves its journal: the tables may be between their
    before and after states until the next write command finishes it (validating never does:
    the checkout must stay as it is)."""
    state = transaction.pending(package.root)
    if state is not None:
        yield Problem(transaction.JOURNAL, 1, 1, "write-interrupted", f"a write was interrupted (journal {state}): "
                      "the tables may be half-written", REGISTRY["write-interrupted"].hint)


# Keys -------------------------------------------------------------------------------------------
# frictionless-py checks no uniqueKeys (a v2 feature): they are checked here.

def _primary_key_sql(schemas):
    return [sql.key_repeats(name, schema.primary_key) for name, schema in schemas.items()]


@rule("primary-key", "table", "primary keys are unique", "give the row a new id: ids are never reused",
      sql=_primary_key_sql, case=cases.duplicate_first_row("claims"))
def check_primary_keys(package: Package) -> Iterator[Problem]:
    for name, table in package.tables.items():
        yield from _duplicates(package, name, table.schema.primary_key, "primary-key")


def _unique_key_sql(schemas):
    return [sql.key_repeats(name, unique) for name, schema in schemas.items() for unique in schema.unique_keys]


def _second_source_on_the_first_seed(root: Path) -> tuple[str, int]:
    first = cases.records(root, "sources")[0]
    rel = cases.table_file(root, "sources")
    return rel, cases.append_row(root / rel, **{**first, "source_id": "copy-of-the-first-document"})


@rule("unique-key", "table", "the columns of each unique key (x-uniqueKeys, uniqueKeys in the descriptor) "
      "are unique together", "the row repeats another row's value: correct it or drop the duplicate row",
      sql=_unique_key_sql, case=cases.then_sync(_second_source_on_the_first_seed))
def check_unique_keys(package: Package) -> Iterator[Problem]:
    for name, table in package.tables.items():
        for unique in table.schema.unique_keys:
            yield from _duplicates(package, name, unique, "unique-key")


def _foreign_key_sql(schemas):
    return [sql.unresolved(name, foreign) for name, schema in schemas.items() for foreign in schema.foreign_keys]


@rule("foreign-key", "table", "references resolve to a row of the referenced table",
      "add the row or fix the reference", sql=_foreign_key_sql,
      case=cases.edit("claims", source_id="no-such-document"))
def check_foreign_keys(package: Package) -> Iterator[Problem]:
    """An empty reference is allowed."""
    for name, table in package.tables.items():
        for foreign in table.schema.foreign_keys:
            target = foreign["reference"]["resource"]
            target_fields = foreign["reference"]["fields"]
            known = {tuple(r.get(f) for f in target_fields) for r in package.rows(target)}
            for row in table.rows:
                value = tuple(row.get(f) for f in foreign["fields"])
                if None in value or value in known:
                    continue
                field = foreign["fields"][0]
                yield problem(package, name, row, field, "foreign-key",
                              f"{field} {'/'.join(map(str, value))} is not a {'/'.join(target_fields)} of {target}",
                              f"add the row to {package.file(target)} or correct the reference")


def key_problems(package: Package) -> list[Problem]:
    """Primary, unique and foreign keys."""
    return [*check_primary_keys(package), *check_unique_keys(package), *check_foreign_keys(package)]


def _duplicates(package: Package, name: str, key: list[str], rule_id: str) -> Iterator[Problem]:
    """Rows repeating an earlier row's key; a row with an empty key cell is skipped (reported
    as record-required for primary keys; unique keys ignore empty values, as SQL does)."""
    seen: dict[tuple, Row] = {}
    for row in package.rows(name):
        value = tuple(row.get(f) for f in key)
        if None in value:
            continue
        if value not in seen:
            seen[value] = row
            continue
        first = seen[value]
        where = f"line {first.line}" if first.file == row.file else f"{first.file}:{first.line}"
        yield problem(package, name, row, key[0], rule_id,
                      f"{'/'.join(key)} {'/'.join(map(str, value))} already used on {where}")


# frictionless-py reading the data, as a second engine: claims validate runs it only when the
# layers before found nothing (descriptor.frictionless_data_problems), so it reports disagreements.
loader("frictionless-data", "table", "frictionless-py, reading the tables with the generated Table Schemas, "
       "agrees they are valid (run only when our own table layer found nothing)",
       "fix the cell; if the value is right, the generated Table Schema and the JSON Schema disagree: report it",
       no_case="a case would need a value our reader accepts and frictionless-py refuses: none is known (that "
               "would be a bug to fix in the generated Table Schemas)")


# Provenance ---------------------------------------------------------------------------------------

def seed_texts(package: Package) -> dict[str, str]:
    """source_id -> decoded seed text, for seeds that are safe to read."""
    texts = {}
    for row in package.rows("sources"):
        path = safe_seed(package.root, row.get("seed_path", ""))
        if path is None:
            continue
        try:
            texts[row.get("source_id")] = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return texts


def seed_path_problem(root: Path, rel: str) -> str | None:
    """Why a seed_path must not be read, or None. A seed is a regular file directly inside
    seeds/; no symbolic link on the way, which could lead out of the repository."""
    seeds = root / "seeds"
    name = rel[len("seeds/"):] if rel.startswith("seeds/") else ""
    if unsafe_path(rel) or not name or "/" in name or name.startswith("."):
        return "is not a file directly inside seeds/"
    if seeds.is_symlink():
        return f"is inside seeds/, which is a symbolic link (to {os.readlink(seeds)})"
    candidate = seeds / name
    if candidate.is_symlink():
        return f"is a symbolic link (to {os.readlink(candidate)}), which may lead out of the repository"
    if not candidate.exists():
        return "does not exist"
    if not candidate.is_file() or candidate.resolve().parent != seeds.resolve():
        return "is not a regular file inside seeds/"
    if candidate.stat().st_size > safeio.MAX_SEED_BYTES:
        return f"is larger than {safeio.MAX_SEED_BYTES:,} bytes: a seed is one document"
    return None


def safe_seed(root: Path, rel: str) -> Path | None:
    return None if not rel or seed_path_problem(root, rel) else root / rel


# The checks that read the seed texts: skipped, and reported as skipped, in a release made
# without them (claims release --without-seeds marks its descriptor x-seeds: withheld).
NEEDS_SEED_TEXT = ("seed-path", "seed-hash", "seed-encoding", "seed-registered", "quote-in-seed",
                   "evidence-in-seed", "exclusion-in-seed")
SEEDS_WITHHELD_REASON = ("the seed texts are not in this package (datapackage.json: x-seeds is withheld); "
                         "sources.csv keeps each one's SHA-256 and size")


@rule("resource-hash", "provenance", "a table resource that declares bytes or hash (a release's descriptor "
      "does) matches its files", "the table changed after the release was built: restore the released file "
      "or build a new release (claims release)", sql=PYTHON_ONLY, reads=(), case=cases.resource_hash_mismatch)
def check_resource_hash(package: Package) -> Iterator[Problem]:
    """A release's descriptor records each table's bytes and hash: the files must still match."""
    from . import jsonloc
    from .package import DESCRIPTOR, files_digest, resource_parts

    parts = resource_parts(package.descriptor)
    resources = package.descriptor.get("resources")
    for index, resource in enumerate(resources if isinstance(resources, list) else []):
        if not (isinstance(resource, dict) and isinstance(resource.get("name"), str) and resource["name"] in parts
                and ("hash" in resource or "bytes" in resource)):
            continue
        rels = parts[resource["name"]]
        if not all(isinstance(rel, str) and not unsafe_path(rel) and (package.root / rel).is_file() for rel in rels):
            continue  # file-missing and the descriptor checks report it
        size, digest = files_digest([package.root / rel for rel in rels])
        for key, actual in (("bytes", size), ("hash", f"sha256:{digest}")):
            declared = resource.get(key)
            if declared is not None and declared != actual:
                line, column = jsonloc.locate(package.descriptor_text, ["resources", index, key]) \
                    if package.descriptor_text else (1, 1)
                yield Problem(DESCRIPTOR, line, column, "resource-hash",
                              f"resource {resource['name']} declares {key} {declared}, its files have {actual}",
                              REGISTRY["resource-hash"].hint)


@rule("seed-path", "provenance", "a source's seed_path names a regular file inside seeds/ (no symlink, "
      "nothing outside)", "put the document in seeds/ (claims add-source does) and point seed_path at it",
      sql=PYTHON_ONLY, reads=("sources",), case=cases.edit("sources", seed_path="seeds/missing.txt"), scope=ROW)
def check_seed_path(package: Package) -> Iterator[Problem]:
    for row in package.rows("sources"):
        rel = row.get("seed_path", "")
        reason = seed_path_problem(package.root, rel) if rel else None
        if reason:
            yield problem(package, "sources", row, "seed_path", "seed-path", f"{rel} {reason}")


@rule("seed-hash", "provenance", "the seed file's SHA-256 and byte size equal those recorded in sources",
      "seeds are immutable: restore the original bytes, or add the changed text as a new source",
      sql=PYTHON_ONLY, reads=("sources",), case=cases.change_seed_byte, scope=ROW)
def check_seed_hash(package: Package) -> Iterator[Problem]:
    for row in package.rows("sources"):
        path = safe_seed(package.root, row.get("seed_path", ""))
        if path is None:
            continue
        data = path.read_bytes()
        if row.get("byte_size") is not None and len(data) != row.get("byte_size"):
            yield problem(package, "sources", row, "byte_size", "seed-hash",
                          f"{row.get('seed_path')} has {len(data)} bytes, sources records {row.get('byte_size')}")
        digest = hashlib.sha256(data).hexdigest()
        if row.get("sha256") is not None and digest != row.get("sha256"):
            yield problem(package, "sources", row, "sha256", "seed-hash",
                          f"{row.get('seed_path')} has SHA-256 {digest}, sources records {row.get('sha256')}")


@rule("seed-encoding", "provenance", "the seed file is valid UTF-8, so quote offsets are defined",
      "store the document as UTF-8", sql=PYTHON_ONLY, reads=("sources",), case=cases.seed_not_utf8, scope=ROW)
def check_seed_encoding(package: Package) -> Iterator[Problem]:
    for row in package.rows("sources"):
        path = safe_seed(package.root, row.get("seed_path", ""))
        if path is None:
            continue
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            yield problem(package, "sources", row, "seed_path", "seed-encoding",
                          f"{row.get('seed_path')} is not UTF-8 (byte {exc.start})")


@rule("seed-registered", "provenance", "every file in seeds/ is described by a row of sources",
      "add a sources row for the file, or remove the file", sql=PYTHON_ONLY, reads=("sources",),
      case=cases.unregistered_seed)
def check_seed_registered(package: Package) -> Iterator[Problem]:
    registered = {row.get("seed_path") for row in package.rows("sources")}
    seeds = package.root / "seeds"
    for path in sorted(seeds.iterdir()) if seeds.is_dir() else []:
        rel = f"seeds/{path.name}"
        if rel not in registered and not path.name.startswith("."):
            yield Problem(rel, 1, 1, "seed-registered", f"{rel} is not described by any row of sources",
                          REGISTRY["seed-registered"].hint)


# A repair (where the text really is in the seed) is searched for up to this many problems of
# each span rule, in file order; each search can take a tenth of a second on a long seed, so
# past the limit a problem carries the rule's general fix (the report says how many do).
REPAIR_HINT_LIMIT = 1000
SPAN_RULES = ("quote-in-seed", "evidence-in-seed", "exclusion-in-seed")


def _span_problems(package, table, texts, rule, text_field, start_field, end_field, source_of) -> Iterator[Problem]:
    searched = 0
    for row in package.rows(table):
        text = texts.get(source_of(row))
        quote, start, end = row.get(text_field), row.get(start_field), row.get(end_field)
        if text is None or quote is None or start is None or end is None:
            continue
        if text[start:end] == quote:
            continue
        searched += 1
        found = repair.suggest(text, quote, start, text_field, start_field, end_field) \
            if searched <= REPAIR_HINT_LIMIT else None
        hint = found or REGISTRY[rule].hint
        yield problem(package, table, row, text_field, rule,
                      f"{text_field} differs from the seed text at {start}-{end}: {text[start:end]!r}", hint)


@rule("quote-in-seed", "provenance", "a claim's quote equals the seed text between quote_start and quote_end",
      "copy the quote from the seed exactly (same quotes, dashes and spaces), or correct the offsets",
      sql=lambda schemas: [sql.differs_from_seed("claims", "quote", "quote_start", "quote_end", "t.source_id")],
      case=cases.edit("claims", quote=cases.changed_last_character("quote")), reads=("claims", "sources"), scope=ROW)
def check_quotes(package: Package) -> Iterator[Problem]:
    texts = seed_texts(package)
    yield from _span_problems(package, "claims", texts, "quote-in-seed", "quote", "quote_start", "quote_end",
                              lambda row: row.get("source_id"))


@rule("evidence-in-seed", "provenance",
      "an attribution's evidence equals the seed text between evidence_start and evidence_end",
      "copy the evidence from the seed exactly, or correct the offsets",
      sql=lambda schemas: [sql.differs_from_seed("attributions", "evidence", "evidence_start", "evidence_end",
                                                 "c.source_id", "JOIN claims c ON c.claim_id = t.claim_id",
                                                 context=(("c", "claims"),))],
      case=cases.edit("attributions", evidence=cases.changed_last_character("evidence")),
      reads=("attributions", "claims", "sources"), scope=ROW, follows=("claims.source_id",))
def check_evidence(package: Package) -> Iterator[Problem]:
    texts = seed_texts(package)
    source_of_claim = {row.get("claim_id"): row.get("source_id") for row in package.rows("claims")}
    yield from _span_problems(package, "attributions", texts, "evidence-in-seed", "evidence", "evidence_start",
                              "evidence_end", lambda row: source_of_claim.get(row.get("claim_id")))


@rule("exclusion-in-seed", "provenance", "a coverage exclusion's text equals the seed text between start and end",
      "copy the number exactly as written and correct the offsets",
      sql=lambda schemas: [sql.differs_from_seed("exclusions", "text", "start", '"end"', "t.source_id")],
      case=cases.edit("exclusions", text=lambda row: row["text"] + "0"), reads=("exclusions", "sources"), scope=ROW)
def check_exclusions(package: Package) -> Iterator[Problem]:
    texts = seed_texts(package)
    yield from _span_problems(package, "exclusions", texts, "exclusion-in-seed", "text", "start", "end",
                              lambda row: row.get("source_id"))


# Consistency --------------------------------------------------------------------------------------

@rule("claim-id-namespace", "consistency", "a claim_id starts with its source_id and a slash",
      "name the claim <source_id>/<8 hex digits>",
      sql=lambda schemas: [sql.rows("claims", "split_part(claim_id, '/', 1) <> source_id")],
      case=cases.edit("claims", claim_id=lambda row: "wrong-namespace/" + row["claim_id"].split("/")[-1]), scope=ROW)
def check_claim_namespace(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        claim_id, source_id = row.get("claim_id", ""), row.get("source_id", "")
        if claim_id and source_id and claim_id.split("/")[0] != source_id:
            yield problem(package, "claims", row, "claim_id", "claim-id-namespace",
                          f"claim_id {claim_id} is not in the namespace of source {source_id}")


@rule("entity-id-prefix", "consistency", "an entity_id's prefix equals its entity_type",
      "make the prefix before ':' equal entity_type",
      sql=lambda schemas: [sql.rows("entities", "split_part(entity_id, ':', 1) <> entity_type")],
      case=cases.edit("entities", entity_type=lambda row: "place" if row["entity_type"] == "person" else "person"), scope=ROW)
def check_entity_prefix(package: Package) -> Iterator[Problem]:
    for row in package.rows("entities"):
        entity_id, kind = row.get("entity_id", ""), row.get("entity_type", "")
        if entity_id and kind and entity_id.split(":")[0] != kind:
            yield problem(package, "entities", row, "entity_id", "entity-id-prefix",
                          f"entity_id {entity_id} does not start with its type {kind}:")


EPSILON = 1e-9  # numbers read from text compare equal within this


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) < EPSILON


def _bounds_sql() -> tuple[str, str]:
    """quantities.derive_bounds in SQL: the low and high bound of value_qualifier value_number.
    "about" goes through DECIMAL, as derive_bounds goes through Fraction, so 330 stays 330."""
    n = "value_number"
    exact = f"CAST({n} AS DECIMAL(38, 10))"
    zeros = f"length(CAST(CAST({n} AS HUGEINT) AS VARCHAR)) - length(rtrim(CAST(CAST({n} AS HUGEINT) AS VARCHAR), '0'))"
    half = f"(CASE WHEN {n} > 0 AND {n} = floor({n}) THEN power(10, {zeros}) ELSE 1 END) / 2"
    low = (f"CASE value_qualifier WHEN 'exact' THEN {n} WHEN 'at-least' THEN {n} WHEN 'more-than' THEN floor({n}) + 1 "
           f"WHEN 'about' THEN CAST(floor({exact} * 0.9) AS DOUBLE) WHEN 'rounded' THEN {n} - {half} END")
    high = (f"CASE value_qualifier WHEN 'exact' THEN {n} WHEN 'up-to' THEN {n} WHEN 'less-than' THEN ceil({n}) - 1 "
            f"WHEN 'about' THEN CAST(ceil({exact} * 1.1) AS DOUBLE) WHEN 'rounded' THEN {n} + {half} END")
    return low, high


def _value_bounds_sql(schemas):
    low, high = _bounds_sql()
    qualifiers = ", ".join(map(sql.literal, QUALIFIERS))
    both_derived = f"{sql.same('value_min', low, EPSILON)} AND {sql.same('value_max', high, EPSILON)}"
    return [sql.rows("claims", f"(value_qualifier IS NULL OR value_qualifier IN ({qualifiers})) "
                                f"AND NOT ({both_derived})")]


@rule("value-bounds", "consistency", "value_min and value_max are the bounds derived from value_number and "
      "value_qualifier", "set the bounds the guideline derives (see docs/model.md, 'Quantities')",
      sql=_value_bounds_sql,
      case=cases.edit("claims", cases.is_exact_figure, value_min=lambda row: str(float(row["value_number"]) - 1)),
      reads=("claims", "properties"), scope=ROW)
def check_value_bounds(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        if row.get("value_qualifier") not in (None, *QUALIFIERS):
            continue  # reported as record-enum
        low, high = derive_bounds(row.get("value_qualifier"), row.get("value_number"))
        for field, expected in (("value_min", low), ("value_max", high)):
            if not _same(row.get(field), expected):
                shown = "empty" if expected is None else f"{expected:g}"
                yield problem(package, "claims", row, field, "value-bounds",
                              f"{field} is {row.get(field, 'empty')}, but {row.get('value_qualifier')} "
                              f"{row.get('value_number')} gives {shown}", f"set {field} to {shown}")


# The value columns each value type fills (the first of them required), in report order.
ALLOWED_COLUMNS = {
    "quantity": ("value_qualifier", "value_number", "value_min", "value_max"),
    "entity": ("value_entity_id",),
    "date": ("value_date_start", "value_date_end", "value_date_precision"),
    "text": (),
}
REQUIRED_COLUMN = {"quantity": "value_qualifier", "date": "value_date_precision", "entity": "value_entity_id"}
TYPED_COLUMNS = tuple(column for columns in ALLOWED_COLUMNS.values() for column in columns)


def _value_type_sql(schemas):
    wrong = " OR ".join(
        f"(p.value_type = {sql.literal(kind)} AND ("
        + " OR ".join(([f"t.{REQUIRED_COLUMN[kind]} IS NULL"] if kind in REQUIRED_COLUMN else [])
                      + [f"t.{c} IS NOT NULL" for c in TYPED_COLUMNS if c not in columns] or ["false"]) + "))"
        for kind, columns in ALLOWED_COLUMNS.items())
    return [sql.rows("claims", wrong, "JOIN properties p ON p.property_id = t.property_id", (("p", "properties"),))]


def _some_entity(row: dict) -> str:
    return row["subject_id"]


@rule("value-matches-type", "consistency", "a claim fills exactly the value columns of its property's value type",
      "quantity: qualifier and figure; date: value_date_*; entity: value_entity_id; text: none of them",
      sql=_value_type_sql, case=cases.edit("claims", cases.is_quantity, value_entity_id=_some_entity),
      reads=("claims", "properties"), scope=ROW)
def check_value_type(package: Package) -> Iterator[Problem]:
    value_types = {row.get("property_id"): row.get("value_type") for row in package.rows("properties")}
    for row in package.rows("claims"):
        kind = value_types.get(row.get("property_id"))
        if kind not in ALLOWED_COLUMNS:
            continue  # no property, or a value type outside the vocabulary (record-enum reports it there)
        required = REQUIRED_COLUMN.get(kind)
        if required is not None and row.get(required) is None:
            yield problem(package, "claims", row, required, "value-matches-type",
                          f"property {row.get('property_id')} takes a {kind} value: {required} is required")
        for field in TYPED_COLUMNS:
            if field not in ALLOWED_COLUMNS[kind] and row.get(field) is not None:
                yield problem(package, "claims", row, field, "value-matches-type",
                              f"property {row.get('property_id')} takes a {kind} value: {field} must be empty")


SORTED_SCOPE = "array_to_string(list_sort(list_distinct(string_split(t.scope, '+'))), '+')"


@rule("scope-matches-property", "consistency", "scope is given exactly when the property is scoped, with sides "
      "sorted and not repeated", "write the sides in alphabetical order joined by '+', and only for scoped properties",
      sql=lambda schemas: [sql.rows("claims", f"(p.is_scoped AND t.scope IS NULL) OR (NOT p.is_scoped AND "
                                               f"t.scope IS NOT NULL) OR t.scope <> {SORTED_SCOPE}",
                                     "JOIN properties p ON p.property_id = t.property_id", (("p", "properties"),))],
      case=cases.edit("claims", cases.is_scoped, scope="rebels+government"), reads=("claims", "properties"), scope=ROW)
def check_scope(package: Package) -> Iterator[Problem]:
    scoped = {row.get("property_id"): row.get("is_scoped") for row in package.rows("properties")}
    for row in package.rows("claims"):
        is_scoped = scoped.get(row.get("property_id"))
        scope = row.get("scope")
        if is_scoped is None:
            continue
        if is_scoped and scope is None:
            yield problem(package, "claims", row, "scope", "scope-matches-property",
                          f"property {row.get('property_id')} is scoped: say which sides the figure covers")
        elif not is_scoped and scope is not None:
            yield problem(package, "claims", row, "scope", "scope-matches-property",
                          f"property {row.get('property_id')} is not scoped: scope must be empty")
        elif scope is not None:
            sides = scope.split("+")
            if sides != sorted(set(sides)):
                yield problem(package, "claims", row, "scope", "scope-matches-property",
                              f"scope {scope} is not sorted or repeats a side: write {'+'.join(sorted(set(sides)))}")


# (start column, end column, strict): offsets end after they start; dates and bounds may be equal.
INTERVALS = {
    "sources": (("published_start", "published_end", False),),
    "claims": (("value_date_start", "value_date_end", False), ("time_start", "time_end", False),
               ("value_min", "value_max", False), ("quote_start", "quote_end", True)),
    "attributions": (("evidence_start", "evidence_end", True),),
    "exclusions": (("start", "end", True),),
}


def _interval_sql(schemas):
    return [sql.rows(table, " OR ".join(f"{sql.ident(a)} {'>=' if strict else '>'} {sql.ident(b)}"
                                         for a, b, strict in pairs)) for table, pairs in INTERVALS.items()]


@rule("interval-order", "consistency", "every start date is on or before its end date, and every start offset "
      "before its end", "swap or correct the two values", sql=_interval_sql,
      case=cases.edit("claims", time_start="2012-07-25", time_end="2012-07-24", time_precision="day"), scope=ROW)
def check_interval_order(package: Package) -> Iterator[Problem]:
    for table, pairs in INTERVALS.items():
        for row in package.rows(table):
            for low, high, is_strict in pairs:
                a, b = row.get(low), row.get(high)
                strict = is_strict and isinstance(a, int)
                if a is not None and b is not None and (a >= b if strict else a > b):
                    yield problem(package, table, row, low, "interval-order", f"{low} {a} is not before {high} {b}")


def _other_confidence(row: dict) -> str:
    return "0.7" if row.get("confidence") not in ("0.7", "0.70") else "0.5"


@rule("confidence-rubric", "consistency", "confidence equals the confidence of the rubric rule the claim names",
      "set confidence to the value of confidence_rule in confidence_rubric.csv",
      sql=lambda schemas: [sql.rows("claims", f"t.confidence IS NOT NULL AND NOT "
                                               f"(abs(r.confidence - t.confidence) < {EPSILON})",
                                     "JOIN confidence_rubric r ON r.rule_id = t.confidence_rule",
                                     (("r", "confidence_rubric"),))],
      case=cases.edit("claims", confidence=_other_confidence), reads=("claims", "confidence_rubric"), scope=ROW)
def check_confidence(package: Package) -> Iterator[Problem]:
    rubric = {row.get("rule_id"): row.get("confidence") for row in package.rows("confidence_rubric")}
    for row in package.rows("claims"):
        expected = rubric.get(row.get("confidence_rule"))
        if expected is not None and row.get("confidence") is not None and not _same(expected, row.get("confidence")):
            yield problem(package, "claims", row, "confidence", "confidence-rubric",
                          f"confidence {row.get('confidence')} differs from rule {row.get('confidence_rule')} ({expected})",
                          f"set confidence to {expected}, or name the rubric rule that applies")


@rule("attribution-chain", "consistency", "a claim's attribution positions run 1, 2, 3, ... without gaps",
      "number the chain from 1: reporter, then originator",
      sql=lambda schemas: ["SELECT 'attributions' AS tbl, a._row AS row, NULL AS field FROM attributions a JOIN (SELECT claim_id "
                           "FROM attributions GROUP BY claim_id HAVING min(coalesce(position, 0)) <> 1 OR "
                           "max(coalesce(position, 0)) <> count(*) OR count(DISTINCT position) <> count(*)) b "
                           "ON a.claim_id IS NOT DISTINCT FROM b.claim_id"],
      case=cases.gap_in_chain, reads=("attributions",))
def check_attribution_chain(package: Package) -> Iterator[Problem]:
    chains: dict[str, list[Row]] = defaultdict(list)
    for row in package.rows("attributions"):
        chains[row.get("claim_id")].append(row)
    for claim_id, rows in chains.items():
        ordered = sorted(rows, key=lambda r: (r.get("position") or 0, r.line))
        for expected, row in enumerate(ordered, start=1):
            if row.get("position") != expected:
                positions = [r.get("position") for r in ordered]
                yield problem(package, "attributions", row, "position", "attribution-chain",
                              f"claim {claim_id} has attribution positions {positions}: expected {expected} here")
                break


DUPLICATE_KEY = ("source_id", "quote_start", "quote_end", "subject_id", "property_id", "scope", "value")


def _same_as_an_active_claim(root: Path) -> tuple[str, int]:
    """An active claim written twice under a new id: the copy is the duplicate."""
    rel = cases.table_file(root, "claims")
    header, rows = cases.rows_of(root / rel)
    first = next(dict(zip(header, row)) for row in rows if row[header.index("status")] == "active")
    copy = {**first, "claim_id": first["source_id"] + "/0dd0dd00"}
    return rel, cases.append_row(root / rel, **copy)


@rule("claim-duplicate", "consistency", "no two active claims have the same document, quote span, subject, "
      "property, scope and value", "it is the same claim twice: deprecate one (claims deprecate), or correct "
      "what tells them apart", reads=("claims",), case=_same_as_an_active_claim,
      sql=lambda schemas: [sql.key_repeats("claims", list(DUPLICATE_KEY), "status = 'active'", present=False)])
def check_duplicate_claims(package: Package) -> Iterator[Problem]:
    # Deprecated claims are left out: a correction may restate a withdrawn claim word for word.
    seen: dict[tuple, Row] = {}
    for row in package.rows("claims"):
        if row.get("status") != "active":
            continue
        key = tuple(row.get(name) for name in DUPLICATE_KEY)
        first = seen.setdefault(key, row)
        if first is not row:
            where = f"line {first.line}" if first.file == row.file else f"{first.file}:{first.line}"
            yield problem(package, "claims", row, "quote", "claim-duplicate",
                          f"the same claim as {first.get('claim_id')} ({where}): same document, quote span, "
                          "subject, property, scope and value")
