"""claims review: which claims still need a second pair of eyes, and recording verdicts.

Reviews are rows of claims/reviews.csv (schemas/reviews.schema.json): who checked which claim,
on which day, the verdict (confirmed, corrected, disputed), how (a second reading or a
walk-through) and why. They are only ever added, under the package lock and atomically, after
the same JSON Schema, key and foreign-key checks as claims validate.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from pathlib import Path

from . import contrib, transaction
from .package import load_package
from .problems import ClaimsError, DataError, UsageError, param
from .query import fetch_dicts, open_database

VERDICTS = ("confirmed", "corrected", "disputed")
METHODS = ("second-reading", "walk-through")
BULK_COLUMNS = ("claim_id", "verdict", "note", "replaced_by", "method")
# A verdict file lists one row per claim; far more than any package has claims is a mistake.
MAX_BULK_ROWS = 1_000_000

UNREVIEWED_SQL = """
SELECT c.*, r.review_count
FROM claims_resolved AS c
JOIN claim_reviews AS r USING (claim_id)
WHERE NOT r.is_reviewed
  AND (? IS NULL OR c.source_id = ?)
  AND (? IS NULL OR c.fact_key = ?)
ORDER BY c.source_id, c.quote_start, c.quote_end, c.claim_id
"""
CHAIN_SQL = """
SELECT a.claim_id, a.position, a.agent_id, e.canonical_name, a.attribution_kind, a.evidence
FROM attributions AS a LEFT JOIN entities AS e ON e.entity_id = a.agent_id
WHERE a.claim_id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY a.claim_id, a.position
"""


def unreviewed(root: Path, document: str | None = None, fact: str | None = None) -> list[dict]:
    """The active claims with no review, of one document or one fact (or all), in document
    order, each with its attribution chain (list of dicts, reporter first)."""
    with open_database(root) as connection:
        claims = fetch_dicts(connection, UNREVIEWED_SQL, [document, document, fact, fact])
        chains: dict[str, list[dict]] = {}
        if claims:
            for link in fetch_dicts(connection, CHAIN_SQL, [[c["claim_id"] for c in claims]]):
                chains.setdefault(link["claim_id"], []).append(link)
    for claim in claims:
        claim["chain"] = chains.get(claim["claim_id"], [])
    return claims


def known_scope(root: Path, document: str | None, fact: str | None) -> None:
    """Refuse a document or fact that the package does not have (a typo would list nothing)."""
    with open_database(root) as connection:
        if document is not None and not fetch_dicts(connection, "SELECT 1 FROM sources WHERE source_id = ?",
                                                     [document]):
            raise UsageError(f"no document {document!r}: use a source_id of claims/sources.csv")
        if fact is not None and not fetch_dicts(connection, "SELECT 1 FROM claim_facts WHERE fact_key = ?",
                                                [fact]):
            raise UsageError(f"no active claim has the fact {fact!r}: write subject|property[|scope]")


def review_row(claim_id: str, verdict: str, reviewer: str, reviewed_on: str, method: str, note: str = "",
               replaced_by: str = "") -> dict:
    if verdict not in VERDICTS:
        raise UsageError(f"verdict {verdict!r}: use one of {', '.join(VERDICTS)}")
    if method not in METHODS:
        raise UsageError(f"method {method!r}: use one of {', '.join(METHODS)}")
    row = {"claim_id": claim_id, "reviewer": reviewer, "reviewed_on": reviewed_on, "verdict": verdict,
           "method": method, "note": note, "replaced_by": replaced_by}
    return {key: value for key, value in row.items() if value}


def record(root: Path, rows: list[dict]) -> list[str]:
    """Append review rows after checking them all (nothing is written if one is refused).
    Returns the rendered lint warnings. A reviewer may not review a claim they extracted."""
    if not rows:
        return []
    with transaction.Transaction(root) as txn:
        package = load_package(root)
        contrib.refuse_on_package_problems(package, ("claims", "reviews"))
        extracted_by = {row.get("claim_id"): row.get("extracted_by") for row in package.rows("claims")}
        for row in rows:
            if extracted_by.get(row["claim_id"]) and extracted_by[row["claim_id"]] == row["reviewer"]:
                raise DataError(f"refused, nothing written: {row['claim_id']} was extracted by {row['reviewer']!r}; "
                                "a review is a second pair of eyes (give another " + param("reviewer") + ")")
        warnings = contrib.check_new_rows(package, {"reviews": rows})
        contrib.append_rows(txn, "reviews", rows)
    return contrib.render_warnings(warnings)


def read_verdicts(path: Path, reviewer: str, reviewed_on: str, default_method: str) -> list[dict]:
    """Review rows from a CSV file with the columns claim_id, verdict and optionally note,
    replaced_by, method; each refusal names the file, line and column."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read as UTF-8 text ({exc})") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    unknown = [name for name in header if name not in BULK_COLUMNS]
    if "claim_id" not in header or "verdict" not in header or unknown:
        raise UsageError(f"{path}:1:1: the header must name claim_id and verdict (and only {', '.join(BULK_COLUMNS)})"
                         + (f"; unknown: {', '.join(unknown)}" if unknown else ""))
    rows = []
    for line_number, cells in enumerate(reader, start=2):
        if not cells:
            continue
        if len(rows) >= MAX_BULK_ROWS:
            raise UsageError(f"{path}: more than {MAX_BULK_ROWS:,} verdicts; split the file")
        if len(cells) != len(header):
            raise UsageError(f"{path}:{line_number}:1: {len(cells)} cells, the header has {len(header)}; "
                             "quote cells that hold a comma")
        cell = dict(zip(header, cells))
        try:
            rows.append(review_row(cell["claim_id"], cell["verdict"], reviewer, reviewed_on,
                                   cell.get("method") or default_method, cell.get("note", ""),
                                   cell.get("replaced_by", "")))
        except ClaimsError as exc:
            column = header.index("method" if "method" in str(exc) else "verdict") + 1
            raise UsageError(f"{path}:{line_number}:{column}: {exc}") from None
    return rows


def today() -> str:
    return datetime.date.today().isoformat()


def printable(text: str) -> str:
    """Cell text safe to print on a terminal: control characters (escape sequences, carriage
    returns, bidi overrides) shown as \\x.. / \\u.... instead of acting."""
    def safe(char: str) -> str:
        if char == "\n":
            return " "
        category = unicodedata.category(char)
        if category in ("Cc", "Cf") and char not in ("\u00ad",):
            return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
        return char
    return "".join(safe(char) for char in text)
