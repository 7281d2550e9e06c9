"""The contribution commands' logic: add a source, an entity, a claim; format the tables.

Every command is one transaction (transaction.Transaction: the package lock, then all of its
files written together or none of them, even if the process is killed), and
every new row is checked, before anything is written, by the same JSON Schemas and named
checks as claims validate.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import authoring, checks, csvio, descriptor, repair, suggest, transaction
from .csvio import Cell
from .package import (DESCRIPTOR, Package, header_problem, load_package, read_descriptor, resource_parts, typed_row,
                      unsafe_path, width_problem)
from .problems import ClaimsError, DataError, Problem, UsageError, param
from .rules import run_python
from .quantities import QUALIFIERS, derive_bounds
from .schemas import RecordSchema, load_schemas

GUIDELINE = re.compile(r"Guideline version: \*\*([0-9]+\.[0-9]+\.[0-9]+)\*\*")
DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
ATTRIBUTION = re.compile(r"([a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*):([a-z-]+):(.+)", re.DOTALL)
NEW = "<new {table} row>"  # where a new row's problems are reported: it has no line yet
CHANGED = "<changed {table} row>"


# Checking new rows ------------------------------------------------------------------------------

def check_new_rows(package: Package, new: dict[str, list[dict]],
                   changed: dict[str, list[dict]] | None = None) -> list[Problem]:
    """Problems of the new rows (and of `changed` rows, which replace the rows with the same
    primary key), by the same checks as claims validate, found by putting them in the loaded
    package in memory. Refuses (ClaimsError) on any error; returns warnings."""
    problems = []
    for label, given in ((NEW, new), (CHANGED, changed or {})):
        for table, rows in given.items():
            schema = package.schemas[table]
            if label == CHANGED:
                keys = {tuple(authoring.cell_text(values.get(k)) for k in schema.primary_key) for values in rows}
                package.tables[table].rows = [
                    row for row in package.tables[table].rows
                    if tuple(authoring.cell_text(row.get(k)) for k in schema.primary_key) not in keys]
            for values in rows:
                cells = {name: Cell(authoring.cell_text(values.get(name)), 0, 0) for name in schema.fields}
                row, row_problems = typed_row(schema, label.format(table=table), cells, 0)
                problems += row_problems
                if row is not None:
                    package.tables[table].rows.append(row)
    problems += run_python(package)
    labelled = {label.format(table=t): (t, rows) for label, given in ((NEW, new), (CHANGED, changed or {}))
                for t, rows in given.items()}
    mine = [p for p in problems if p.file in labelled]
    errors = [_with_suggestion(package, p, *labelled[p.file]) for p in mine if p.severity == "error"]
    if errors:
        raise DataError("refused, nothing written:\n" + "\n".join(_render_new(p) for p in errors))
    return mine


def _with_suggestion(package: Package, problem: Problem, table: str, rows: list[dict]) -> Problem:
    """An unknown id or value gets the nearest known ones ("did you mean")."""
    if problem.rule not in ("foreign-key", "record-enum", "record-pattern") or not problem.field:
        return problem
    hint = suggest.for_new_rows(package, table, problem.field, rows)
    return replace(problem, message=problem.message + hint) if hint else problem


def _render_new(problem: Problem) -> str:
    text = f"  {problem.file} {problem.field or ''}: {problem.severity} [{problem.rule}] {problem.message}"
    return text + (f"\n      fix: {problem.hint}" if problem.hint else "")


def render_warnings(problems: list[Problem]) -> list[str]:
    return [_render_new(p) for p in problems]


def refuse_on_package_problems(package: Package, tables: tuple[str, ...]) -> None:
    """Writing a table that does not load would drop the rows that fail to load."""
    broken = [p for p in package.problems if p.severity == "error" and
              any(p.file in package.tables[t].files for t in tables if t in package.tables)]
    if broken:
        raise DataError("refused, nothing written: fix these first (claims validate lists all):\n"
                        + "\n".join("  " + p.render() for p in broken[:10]))


# Sources ----------------------------------------------------------------------------------------

def date_interval(text: str) -> tuple[str, str, str]:
    """YYYY, YYYY-MM or YYYY-MM-DD as (first day, last day, precision)."""
    import calendar

    match = DATE.fullmatch(text)
    if match is None:
        raise UsageError(f"date {text!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    if day:
        return text, text, "day"
    if month:
        last = calendar.monthrange(int(year), int(month))[1] if 1 <= int(month) <= 12 else 31
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}", "month"
    return f"{year}-01-01", f"{year}-12-31", "year"


def add_source(root: Path, document: Path, source_id: str, meta: dict[str, str]) -> str:
    """Copy document into seeds/ byte for byte and add its sources row; return the seed path."""
    try:
        data = document.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read {document}: {exc.strerror}") from exc
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{document} is not UTF-8 (byte {exc.start}): convert it to UTF-8 first, so quote "
                        "offsets are defined") from exc
    suffix = document.suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,8}", document.suffix.lower()) else ".txt"
    seed_path = f"seeds/{source_id}{suffix}"
    sha256 = hashlib.sha256(data).hexdigest()
    row = {**{k: v for k, v in meta.items() if v}, "source_id": source_id, "seed_path": seed_path,
           "sha256": sha256, "byte_size": str(len(data))}
    with transaction.Transaction(root) as txn:
        package = load_package(root)
        refuse_on_package_problems(package, ("sources",))
        for other in package.rows("sources"):
            if other.get("sha256") == sha256:
                raise DataError(f"{document} is already in the package as source {other.get('source_id')} "
                                f"({other.get('seed_path')})")
        target = root / seed_path
        if target.exists() and (target.is_symlink() or target.read_bytes() != data):
            raise DataError(f"{seed_path} already exists with other content: choose another {param('source_id')}")
        # The seed goes in first so the new row is checked against the file it describes; the
        # transaction removes it again if the check refuses or the process dies before the commit.
        if not target.exists():
            txn.create_now(seed_path, data)
        check_new_rows(package, {"sources": [row]})  # adds the row to package: the descriptor includes it
        append_rows(txn, "sources", [row])
        descriptor.write_generated(package, txn)
    return seed_path


# Entities ---------------------------------------------------------------------------------------

def add_entity(root: Path, row: dict[str, str]) -> list[Problem]:
    """Add an entity; return the lint warnings (a name another entity already has)."""
    row = {k: v for k, v in row.items() if v}
    row.setdefault("entity_type", row.get("entity_id", "").split(":")[0])
    with transaction.Transaction(root) as txn:
        package = load_package(root)
        refuse_on_package_problems(package, ("entities",))
        warnings = check_new_rows(package, {"entities": [row]})
        append_rows(txn, "entities", [row])
    return warnings


def append_rows(txn: transaction.Transaction, table: str, rows: list[dict]) -> None:
    """Add rows to a table (to the last part of a multipart one), in canonical order, when txn commits."""
    part = authoring.table_parts(txn.root, table)[-1]
    authoring.write_table(txn.root, table, authoring.read_rows(txn.root, table, part, txn) + rows, part, txn)


# Claims -----------------------------------------------------------------------------------------

@dataclass
class ClaimRequest:
    """What add-claim is told; everything else (offsets, bounds, confidence, id) is derived."""

    cells: dict[str, str]  # claim columns given directly (source_id, subject_id, value, ...)
    quote: str
    confidence_rule: str
    occurrence: int | None = None
    prefix: str = ""
    suffix: str = ""
    attributions: list[str] = field(default_factory=list)


def current_guideline_version(root: Path) -> str:
    match = GUIDELINE.search((root / "docs/model.md").read_text(encoding="utf-8"))
    if match is None:
        raise DataError("docs/model.md does not state 'Guideline version: **X.Y.Z**': pass " + param("guideline_version"))
    return match.group(1)


def git_user(root: Path) -> str:
    try:
        result = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True, text=True)
    except OSError:
        return "unknown"
    return result.stdout.strip() or "unknown"


def add_claim(root: Path, request: ClaimRequest) -> tuple[str, list[Problem]]:
    """Add one claim and its attribution chain; return its id and the lint warnings."""
    with transaction.Transaction(root) as txn:
        package = load_package(root)
        refuse_on_package_problems(package, ("claims", "attributions"))
        claim, chain = build_claim(package, request)
        warnings = check_new_rows(package, {"claims": [claim], "attributions": chain})
        write_claim(txn, claim, chain)
    return claim["claim_id"], warnings


def build_claim(package: Package, request: ClaimRequest, near: int | None = None) -> tuple[dict, list[dict]]:
    """The claim row and its attribution rows, everything derived: the quote located in the
    seed (when it repeats and nothing chooses, the occurrence nearest `near` if given), offsets,
    bounds, confidence, a new id. Nothing is checked or written here."""
    source_id = request.cells.get("source_id", "")
    seed = checks.seed_texts(package).get(source_id)
    if seed is None:
        raise DataError(f"no readable seed for source {source_id!r}: add the document with claims add-source "
                        "(claims validate says what is wrong with an existing one)")
    occurrence = request.occurrence
    if near is not None and occurrence is None and not (request.prefix or request.suffix):
        starts = repair.occurrences(seed, request.quote)
        if len(starts) > 1:
            occurrence = 1 + min(range(len(starts)), key=lambda i: abs(starts[i] - near))
    span = authoring.locate(seed, request.quote, occurrence, request.prefix, request.suffix)
    claim_id = authoring.new_claim_id(source_id, {r.get("claim_id") for r in package.rows("claims")})
    claim = {**{k: v for k, v in request.cells.items() if v}, "claim_id": claim_id, "quote": span.text,
             "quote_start": span.start, "quote_end": span.end, "status": "active",
             "confidence_rule": request.confidence_rule,
             "confidence": _rubric_confidence(package, request.confidence_rule)}
    claim.setdefault("extracted_by", git_user(package.root))
    claim.setdefault("guideline_version", current_guideline_version(package.root))
    claim.update(claim_bounds(package, claim))
    chain = [_attribution(seed, span, claim_id, position, text)
             for position, text in enumerate(request.attributions, start=1)]
    return claim, chain


def write_claim(txn: transaction.Transaction, claim: dict, chain: list[dict]) -> None:
    """Append a checked claim and its chain, in one transaction: killed at any point, the package
    has both the claim and its chain or neither."""
    if chain:
        append_rows(txn, "attributions", chain)
    append_rows(txn, "claims", [claim])


def _rubric_confidence(package: Package, rule: str) -> float:
    rubric = {row.get("rule_id"): row.get("confidence") for row in package.rows("confidence_rubric")}
    if rule not in rubric:
        rules = {row.get("rule_id"): [row.get("label", "")] for row in package.rows("confidence_rubric")}
        raise DataError(f"no rubric rule {rule!r}{suggest.did_you_mean(rule, rules)} (one of "
                        f"{', '.join(sorted(rubric))}: claims vocab rubric explains each)")
    return rubric[rule]


def claim_bounds(package: Package, claim: dict) -> dict:
    """value_min/value_max as the guideline derives them from the figure and its qualifier."""
    number = claim.get("value_number")
    if number is None:
        return {}
    try:
        figure = package.schemas["claims"].to_json_value("value_number", str(number))
    except ValueError as exc:
        raise DataError(f"{param('number')}: {exc}") from exc
    if claim.get("value_qualifier") not in QUALIFIERS:
        return {}  # no qualifier, or an unknown one: the schema check says which
    low, high = derive_bounds(claim["value_qualifier"], figure)
    return {"value_min": low, "value_max": high}


def _attribution(seed: str, quote: authoring.Span, claim_id: str, position: int, text: str) -> dict:
    """AGENT_ID:KIND:EVIDENCE as a row; the evidence is located in the seed, the occurrence
    nearest the quote when it occurs more than once (evidence often repeats, a chain does not)."""
    match = ATTRIBUTION.fullmatch(text)
    if match is None:
        raise UsageError(f"{param('attribution')} {text!r}: write AGENT_ID:KIND:EVIDENCE, e.g. "
                         "organisation:bbc-news:reported:BBC News reported")
    agent_id, kind, evidence = match.groups()
    starts = repair.occurrences(seed, evidence)
    if not starts:
        raise DataError(f"attribution {position}: evidence not found in the seed: {evidence!r}")
    start = min(starts, key=lambda i: abs(i - quote.start))
    return {"claim_id": claim_id, "position": position, "agent_id": agent_id, "attribution_kind": kind,
            "evidence": evidence, "evidence_start": start, "evidence_end": start + len(evidence)}


# Formatting -------------------------------------------------------------------------------------

def fmt(root: Path, check: bool) -> list[str]:
    """Rewrite every table file in canonical order, quoting and line endings (UTF-8, no BOM, LF).
    Returns the files that changed (or would). All files are read and checked before any is
    written: a file that cannot be parsed stops the whole run. --check only reads: no lock, so it
    works on a read-only checkout."""
    with contextlib.nullcontext() if check else transaction.Transaction(root) as txn:
        schemas = load_schemas(root / "schemas")
        wanted: dict[str, bytes] = {}
        problems: list[Problem] = []
        for table, parts in resource_parts(read_descriptor(root)).items():
            for rel in parts if table in schemas else []:  # claims validate reports the rest
                if unsafe_path(rel) or not (root / rel).is_file():
                    problems.append(Problem(DESCRIPTOR, 1, 1, "file-missing", f"{rel}: not a file of the package"))
                    continue
                data = (root / rel).read_bytes()
                text, found = _canonical(schemas[table], rel, data)
                problems += found
                if text is not None and text.encode("utf-8") != data:
                    wanted[rel] = text.encode("utf-8")
        if problems:
            raise DataError("cannot format, nothing written:\n" + "\n".join("  " + p.render() for p in problems))
        if not check:
            for rel, data in wanted.items():
                txn.write(rel, data)
    return sorted(wanted)


def _canonical(schema: RecordSchema, rel: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """The canonical text of one file, or the problems fmt cannot repair (it repairs a BOM and
    CR line endings, nothing that needs a decision)."""
    text, problems = csvio.decode(data.removeprefix(b"\xef\xbb\xbf"), rel)
    if text is None:
        return None, problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    records, problems = csvio.parse(text, rel)
    if problems:
        return None, problems
    if not records or records[0].values != schema.fields:
        return None, [header_problem(rel, records[0].values if records else [], schema.fields)]
    rows = []
    for record in records[1:]:
        wrong_width = width_problem(rel, record, len(schema.fields))
        if wrong_width:
            return None, [wrong_width]
        rows.append({name: value for name, value in zip(schema.fields, record.values) if value})
    return authoring.canonical_text(schema, rows), []
