"""Contribution commands that change what is there or add to it besides claims: deprecate a
claim, correct one (deprecate it and write the corrected claim), add an alias, add a coverage
exclusion.

Same standards as contrib.py: each command one transaction (transaction.py: the package lock,
all of its files written together or none), every new or changed row checked by the
validator's rules before anything is written. A claim is never
deleted and its id never reused: a withdrawn claim stays, deprecated, with its reason.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import authoring, checks, repair, transaction
from .contrib import (ClaimRequest, append_rows, claim_bounds, refuse_on_package_problems, build_claim, check_new_rows,
                      write_claim)
from .package import Package, Row, load_package
from .problems import DataError, Problem, UsageError, param
from .suggest import did_you_mean

# Columns a correction derives again rather than copies from the old claim.
DERIVED = ("claim_id", "quote", "quote_start", "quote_end", "value_min", "value_max", "confidence",
           "confidence_rule", "status", "deprecation_reason", "extracted_by", "guideline_version")


def _claim_row(package: Package, claim_id: str) -> Row:
    for row in package.rows("claims"):
        if row.get("claim_id") == claim_id:
            return row
    ids = [row.get("claim_id") for row in package.rows("claims")]
    raise DataError(f"no claim {claim_id!r}" + did_you_mean(claim_id, {i: [] for i in ids}))


def _raw(row: Row) -> dict:
    """The row as written (cell text), so a rewrite changes only what it means to."""
    return {name: cell.text for name, cell in row.cells.items() if cell.text != ""}


def _replace(txn: transaction.Transaction, table: str, changed: dict, key: str) -> None:
    """Rewrite the one part file that holds the row whose key equals changed[key], when txn commits."""
    for part in authoring.table_parts(txn.root, table):
        rows = authoring.read_rows(txn.root, table, part, txn)
        if any(row.get(key) == changed[key] for row in rows):
            authoring.write_table(txn.root, table, [changed if row.get(key) == changed[key] else row for row in rows],
                                  part, txn)
            return
    raise DataError(f"{table}: no row with {key} {changed[key]!r} to replace")


def _deprecated(row: Row, reason: str) -> dict:
    if not reason.strip():
        raise UsageError(param("reason") + " is empty: say why the claim is withdrawn")
    if row.get("status") == "deprecated":
        raise DataError(f"claim {row.get('claim_id')} is already deprecated ({row.get('deprecation_reason')})")
    return {**_raw(row), "status": "deprecated", "deprecation_reason": reason.strip()}


def _rederived(package: Package, row: Row) -> dict:
    """The old claim's derived columns worked out again (offsets nearest where they were, bounds,
    confidence), so that the deprecated row it stays as validates even when the mistake being
    corrected was in them. What the old claim said is left as it was."""
    derived: dict = {}
    seed = checks.seed_texts(package).get(row.get("source_id"))
    starts = repair.occurrences(seed, row.get("quote", "")) if seed is not None and row.get("quote") else []
    if starts:
        start = min(starts, key=lambda s: abs(s - (row.get("quote_start") or 0)))
        derived.update(quote_start=start, quote_end=start + len(row.get("quote")))
    derived.update(claim_bounds(package, dict(row.values)))
    rubric = {r.get("rule_id"): r.get("confidence") for r in package.rows("confidence_rubric")}
    if row.get("confidence_rule") in rubric:
        derived["confidence"] = rubric[row.get("confidence_rule")]
    return derived


def deprecate(root: Path, claim_id: str, reason: str) -> list[Problem]:
    """Mark a claim deprecated with its reason; the row and its id stay."""
    with transaction.Transaction(root) as txn:
        package = load_package(root)
        refuse_on_package_problems(package, ("claims",))
        old = _deprecated(_claim_row(package, claim_id), reason)
        warnings = check_new_rows(package, {}, {"claims": [old]})
        _replace(txn, "claims", old, "claim_id")
    return warnings


def correct(root: Path, claim_id: str, reason: str, changes: dict[str, str], clear: list[str],
            request: ClaimRequest) -> tuple[str, list[Problem]]:
    """Deprecate a claim and write its corrected version under a new id. The new claim is the
    old one with `changes` applied and `clear` emptied; the quote is located again (its text
    from request.quote or the old claim; when it repeats and nothing chooses, the occurrence
    nearest the old one), bounds and confidence derived again, and the attribution chain taken
    from request.attributions or else copied with its evidence located again."""
    with transaction.Transaction(root) as txn:
        package = load_package(root)
        refuse_on_package_problems(package, ("claims", "attributions"))
        row = _claim_row(package, claim_id)
        schema = package.schemas["claims"]
        unknown = [name for name in clear if name not in schema.fields or name in DERIVED]
        if unknown:
            raise UsageError(f"{param('clear')} {', '.join(unknown)}: not a column a correction can empty; use one of "
                             + ", ".join(f for f in schema.fields if f not in DERIVED))
        cells = {k: v for k, v in _raw(row).items() if k not in DERIVED and k not in clear}
        cells.update({k: v for k, v in changes.items() if v})
        old_links = sorted((a for a in package.rows("attributions") if a.get("claim_id") == claim_id),
                           key=lambda a: a.get("position"))
        copied = not request.attributions
        chain = request.attributions or [f"{a.get('agent_id')}:{a.get('attribution_kind')}:{a.get('evidence')}"
                                         for a in old_links]
        request = replace(request, cells=cells, quote=request.quote or row.get("quote", ""),
                          confidence_rule=request.confidence_rule or row.get("confidence_rule", ""),
                          attributions=chain)
        claim, new_chain = build_claim(package, request, near=row.get("quote_start"))
        if copied:  # a copied chain keeps what was noted on each link (nothing is dropped silently)
            for link, old_link in zip(new_chain, old_links):
                if old_link.get("note"):
                    link["note"] = old_link.get("note")
        old = _deprecated(row, f"corrected by {claim['claim_id']}: {reason.strip()}" if reason.strip() else " ")
        old.update(_rederived(package, row))
        warnings = check_new_rows(package, {"claims": [claim], "attributions": new_chain}, {"claims": [old]})
        write_claim(txn, claim, new_chain)
        _replace(txn, "claims", old, "claim_id")
    return claim["claim_id"], warnings


def add_alias(root: Path, row: dict[str, str]) -> list[Problem]:
    """Add a spelling of an entity. With a source, the spelling must occur in its seed as written."""
    row = {k: v for k, v in row.items() if v}
    with transaction.Transaction(root) as txn:
        package = load_package(root)
        refuse_on_package_problems(package, ("aliases",))
        source = row.get("source_id")
        seed = checks.seed_texts(package).get(source) if source else None
        if seed is not None and row.get("alias", "") not in seed:
            raise DataError(f"alias {row.get('alias')!r} is not written in the seed of {source}: copy the "
                            "spelling exactly as the document has it" + authoring.near_hint(seed, row["alias"]))
        warnings = check_new_rows(package, {"aliases": [row]})
        append_rows(txn, "aliases", [row])
    return warnings


def add_exclusion(root: Path, source_id: str, text: str, reason: str, occurrence: int | None,
                  prefix: str, suffix: str) -> dict:
    """Record a number of a seed that is not a claim (a dateline, a page number), located in the seed."""
    with transaction.Transaction(root) as txn:
        package = load_package(root)
        refuse_on_package_problems(package, ("exclusions",))
        seed = checks.seed_texts(package).get(source_id)
        if seed is None:
            sources = {r.get("source_id"): [r.get("title", "")] for r in package.rows("sources")}
            raise DataError(f"no readable seed for source {source_id!r}" + did_you_mean(source_id, sources))
        span = authoring.locate(seed, text, occurrence, prefix, suffix)
        row = {"source_id": source_id, "text": span.text, "start": span.start, "end": span.end, "reason": reason}
        check_new_rows(package, {"exclusions": [row]})
        append_rows(txn, "exclusions", [row])
    return row
