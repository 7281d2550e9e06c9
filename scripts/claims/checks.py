"""The Python engine: key constraints and the named checks of rules.py, over a loaded package."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterator

from . import repair, safeio
from .package import Package, Row, unsafe_path
from .problems import Problem
from .quantities import QUALIFIERS, derive_bounds
from .rules import BY_RULE

Check = Callable[[Package], Iterator[Problem]]
IMPLEMENTED: dict[str, Check] = {}


def named_check(rule: str, registry: dict[str, Check] = IMPLEMENTED):
    def register(function: Check) -> Check:
        if rule not in BY_RULE:
            raise KeyError(f"{rule} is not listed in rules.py")
        registry[rule] = function
        return function
    return register


def problem(package: Package, table: str, row: Row, field: str, rule: str, message: str, hint: str = "") -> Problem:
    cell = row.cells.get(field)
    column = cell.column if cell is not None else 1
    line = cell.line if cell is not None else row.line
    if not hint and rule in BY_RULE:
        hint = BY_RULE[rule].hint
    severity = BY_RULE[rule].severity if rule in BY_RULE else "error"
    return Problem(row.file or package.file(table), line, column, rule, message, hint, field, severity)


# Keys -------------------------------------------------------------------------------------------

def key_problems(package: Package) -> Iterator[Problem]:
    """Primary and unique keys unique; foreign keys resolve (an empty reference is allowed).
    frictionless-py checks no uniqueKeys (a v2 feature): they are checked here."""
    for name, table in package.tables.items():
        yield from _duplicates(package, name, table.schema.primary_key, "primary-key",
                               "give the row a new id: ids are never reused")
        for unique in table.schema.unique_keys:
            yield from _duplicates(package, name, unique, "unique-key", BY_RULE["unique-key"].hint)
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


def _duplicates(package: Package, name: str, key: list[str], rule: str, hint: str) -> Iterator[Problem]:
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
        yield problem(package, name, row, key[0], rule,
                      f"{'/'.join(key)} {'/'.join(map(str, value))} already used on {where}", hint)


# Provenance ---------------------------------------------------------------------------------------

def seed_texts(package: Package) -> dict[str, str]:
    """source_id -> decoded seed text, for seeds that are safe to read."""
    texts = {}
    for row in package.rows("sources"):
        path = _safe_seed(package.root, row.get("seed_path", ""))
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


def _safe_seed(root: Path, rel: str) -> Path | None:
    return None if not rel or seed_path_problem(root, rel) else root / rel


@named_check("seed-path")
def check_seed_path(package: Package) -> Iterator[Problem]:
    for row in package.rows("sources"):
        rel = row.get("seed_path", "")
        reason = seed_path_problem(package.root, rel) if rel else None
        if reason:
            yield problem(package, "sources", row, "seed_path", "seed-path", f"{rel} {reason}")


@named_check("seed-hash")
def check_seed_hash(package: Package) -> Iterator[Problem]:
    for row in package.rows("sources"):
        path = _safe_seed(package.root, row.get("seed_path", ""))
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


@named_check("seed-encoding")
def check_seed_encoding(package: Package) -> Iterator[Problem]:
    for row in package.rows("sources"):
        path = _safe_seed(package.root, row.get("seed_path", ""))
        if path is None:
            continue
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            yield problem(package, "sources", row, "seed_path", "seed-encoding",
                          f"{row.get('seed_path')} is not UTF-8 (byte {exc.start})")


@named_check("seed-registered")
def check_seed_registered(package: Package) -> Iterator[Problem]:
    registered = {row.get("seed_path") for row in package.rows("sources")}
    seeds = package.root / "seeds"
    for path in sorted(seeds.iterdir()) if seeds.is_dir() else []:
        rel = f"seeds/{path.name}"
        if rel not in registered and not path.name.startswith("."):
            yield Problem(rel, 1, 1, "seed-registered", f"{rel} is not described by any row of sources",
                          BY_RULE["seed-registered"].hint)


def _span_problems(package, table, texts, rule, text_field, start_field, end_field, source_of) -> Iterator[Problem]:
    for row in package.rows(table):
        text = texts.get(source_of(row))
        quote, start, end = row.get(text_field), row.get(start_field), row.get(end_field)
        if text is None or quote is None or start is None or end is None:
            continue
        if text[start:end] == quote:
            continue
        hint = repair.suggest(text, quote, start, text_field, start_field, end_field) or BY_RULE[rule].hint
        yield problem(package, table, row, text_field, rule,
                      f"{text_field} differs from the seed text at {start}-{end}: {text[start:end]!r}", hint)


@named_check("quote-in-seed")
def check_quotes(package: Package) -> Iterator[Problem]:
    texts = seed_texts(package)
    yield from _span_problems(package, "claims", texts, "quote-in-seed", "quote", "quote_start", "quote_end",
                              lambda row: row.get("source_id"))


@named_check("evidence-in-seed")
def check_evidence(package: Package) -> Iterator[Problem]:
    texts = seed_texts(package)
    source_of_claim = {row.get("claim_id"): row.get("source_id") for row in package.rows("claims")}
    yield from _span_problems(package, "attributions", texts, "evidence-in-seed", "evidence", "evidence_start",
                              "evidence_end", lambda row: source_of_claim.get(row.get("claim_id")))


@named_check("exclusion-in-seed")
def check_exclusions(package: Package) -> Iterator[Problem]:
    texts = seed_texts(package)
    yield from _span_problems(package, "exclusions", texts, "exclusion-in-seed", "text", "start", "end",
                              lambda row: row.get("source_id"))


# Consistency --------------------------------------------------------------------------------------

@named_check("claim-id-namespace")
def check_claim_namespace(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        claim_id, source_id = row.get("claim_id", ""), row.get("source_id", "")
        if claim_id and source_id and claim_id.split("/")[0] != source_id:
            yield problem(package, "claims", row, "claim_id", "claim-id-namespace",
                          f"claim_id {claim_id} is not in the namespace of source {source_id}")


@named_check("entity-id-prefix")
def check_entity_prefix(package: Package) -> Iterator[Problem]:
    for row in package.rows("entities"):
        entity_id, kind = row.get("entity_id", ""), row.get("entity_type", "")
        if entity_id and kind and entity_id.split(":")[0] != kind:
            yield problem(package, "entities", row, "entity_id", "entity-id-prefix",
                          f"entity_id {entity_id} does not start with its type {kind}:")


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) < 1e-9


@named_check("value-bounds")
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


TYPE_COLUMNS = {
    "quantity": {"value_qualifier"},
    "date": {"value_date_precision"},
    "entity": {"value_entity_id"},
    "text": set(),
}
TYPED_COLUMNS = ("value_qualifier", "value_number", "value_min", "value_max", "value_entity_id",
                 "value_date_start", "value_date_end", "value_date_precision")
ALLOWED_COLUMNS = {
    "quantity": {"value_qualifier", "value_number", "value_min", "value_max"},
    "date": {"value_date_start", "value_date_end", "value_date_precision"},
    "entity": {"value_entity_id"},
    "text": set(),
}


@named_check("value-matches-type")
def check_value_type(package: Package) -> Iterator[Problem]:
    value_types = {row.get("property_id"): row.get("value_type") for row in package.rows("properties")}
    for row in package.rows("claims"):
        kind = value_types.get(row.get("property_id"))
        if kind is None:
            continue
        for field in sorted(TYPE_COLUMNS[kind]):
            if row.get(field) is None:
                yield problem(package, "claims", row, field, "value-matches-type",
                              f"property {row.get('property_id')} takes a {kind} value: {field} is required")
        for field in TYPED_COLUMNS:
            if field not in ALLOWED_COLUMNS[kind] and row.get(field) is not None:
                yield problem(package, "claims", row, field, "value-matches-type",
                              f"property {row.get('property_id')} takes a {kind} value: {field} must be empty")


@named_check("scope-matches-property")
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


INTERVALS = {
    "sources": (("published_start", "published_end"),),
    "claims": (("value_date_start", "value_date_end"), ("time_start", "time_end"), ("value_min", "value_max"),
               ("quote_start", "quote_end")),
    "attributions": (("evidence_start", "evidence_end"),),
    "exclusions": (("start", "end"),),
}


@named_check("interval-order")
def check_interval_order(package: Package) -> Iterator[Problem]:
    for table, pairs in INTERVALS.items():
        for row in package.rows(table):
            for low, high in pairs:
                a, b = row.get(low), row.get(high)
                strict = isinstance(a, int) and low in ("quote_start", "evidence_start", "start")
                if a is not None and b is not None and (a >= b if strict else a > b):
                    yield problem(package, table, row, low, "interval-order", f"{low} {a} is not before {high} {b}")


@named_check("confidence-rubric")
def check_confidence(package: Package) -> Iterator[Problem]:
    rubric = {row.get("rule_id"): row.get("confidence") for row in package.rows("confidence_rubric")}
    for row in package.rows("claims"):
        expected = rubric.get(row.get("confidence_rule"))
        if expected is not None and row.get("confidence") is not None and not _same(expected, row.get("confidence")):
            yield problem(package, "claims", row, "confidence", "confidence-rubric",
                          f"confidence {row.get('confidence')} differs from rule {row.get('confidence_rule')} ({expected})",
                          f"set confidence to {expected}, or name the rubric rule that applies")


@named_check("attribution-chain")
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


def run_named_checks(package: Package) -> list[Problem]:
    problems = []
    for rule, function in IMPLEMENTED.items():
        problems.extend(function(package))
    return problems
