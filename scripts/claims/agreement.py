"""claims agreement: how far two readings of the same documents agree.

A reading is either a package (its active claims with their attribution chains) or a CSV file
in the second-reading format (extraction/second-reading/README.md). Both are turned into
`Reading` records and matched by one documented rule (docs/agreement.md):

* two readings match when they are about the same document (the seed file), their quote spans
  overlap (a.start < b.end and b.start < a.end), and they have the same property and scope;
* each reading is matched at most once: candidate pairs are taken best first, by same subject,
  then by the larger overlap over union of the spans (Jaccard), then by position, so the result
  does not depend on the order of the rows.

For matched pairs, the figures say how often the two readings give equal bounds (quantity
min/max, date start/end; over the pairs where either side has a bound), the same modality, the
same attribution chain (agent ids, reporter first) and the same confidence rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import csvio
from .problems import DataError, UsageError

READING_COLUMNS = ("document", "quote_start", "quote_end", "subject_id", "property_id", "scope", "modality",
                   "value_min", "value_max", "value_date_start", "value_date_end", "attribution_chain",
                   "confidence_rule")
CHAIN_SEPARATOR = ">"
# A reading file is a hand-made list of claims; far more rows than any document has claims is a mistake.
MAX_READING_ROWS = 200_000


@dataclass(frozen=True)
class Reading:
    """One claim of one reading, reduced to what the matching rule and the figures compare."""

    ref: str  # claim id or reading id
    document: str  # seed path, the key both kinds of input share
    start: int
    end: int
    subject: str
    prop: str
    scope: str
    modality: str
    bounds: tuple[str, str, str, str]  # value_min, value_max, value_date_start, value_date_end
    chain: tuple[str, ...]
    rule: str
    quote: str = ""
    value: str = ""

    @property
    def has_bounds(self) -> bool:
        return any(self.bounds)


@dataclass
class Agreement:
    pairs: list[tuple[Reading, Reading]] = field(default_factory=list)
    only_a: list[Reading] = field(default_factory=list)
    only_b: list[Reading] = field(default_factory=list)

    def figures(self) -> dict:
        bounded = [(a, b) for a, b in self.pairs if a.has_bounds or b.has_bounds]
        matched = len(self.pairs)
        figures = {
            "readings_a": matched + len(self.only_a), "readings_b": matched + len(self.only_b),
            "matched": matched, "only_a": len(self.only_a), "only_b": len(self.only_b),
            "matched_with_bounds": len(bounded),
            "equal_bounds": sum(a.bounds == b.bounds for a, b in bounded),
            "equal_modality": sum(a.modality == b.modality for a, b in self.pairs),
            "equal_attribution_chain": sum(a.chain == b.chain for a, b in self.pairs),
            "equal_confidence_rule": sum(a.rule == b.rule for a, b in self.pairs),
            "equal_subject": sum(a.subject == b.subject for a, b in self.pairs),
        }
        for name, denominator in (("equal_bounds", len(bounded)), ("equal_modality", matched),
                                  ("equal_attribution_chain", matched), ("equal_confidence_rule", matched),
                                  ("equal_subject", matched)):
            figures[f"share_{name}"] = round(figures[name] / denominator, 3) if denominator else None
        return figures


def differences(a: Reading, b: Reading) -> list[str]:
    """The compared columns on which a matched pair differs."""
    names = []
    if a.subject != b.subject:
        names.append("subject")
    if (a.has_bounds or b.has_bounds) and a.bounds != b.bounds:
        names.append("bounds")
    for name, left, right in (("modality", a.modality, b.modality), ("attribution chain", a.chain, b.chain),
                              ("confidence rule", a.rule, b.rule)):
        if left != right:
            names.append(name)
    return names


def _overlap(a: Reading, b: Reading) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _jaccard(a: Reading, b: Reading) -> float:
    return _overlap(a, b) / (max(a.end, b.end) - min(a.start, b.start))


def compare(first: list[Reading], second: list[Reading], documents: set[str] | None = None) -> Agreement:
    """Match two readings by the rule above; documents limits both to those seed paths."""
    if documents is not None:
        first = [r for r in first if r.document in documents]
        second = [r for r in second if r.document in documents]
    by_key: dict[tuple[str, str, str], list[Reading]] = {}
    for b in second:
        by_key.setdefault((b.document, b.prop, b.scope), []).append(b)
    candidates = []
    for a in first:
        for b in by_key.get((a.document, a.prop, a.scope), []):
            if a.start < b.end and b.start < a.end:
                rank = (a.subject != b.subject, -_jaccard(a, b), a.document, a.start, a.end, a.ref, b.start, b.end,
                        b.ref)
                candidates.append((rank, a, b))
    taken_a, taken_b, pairs = set(), set(), []
    for _, a, b in sorted(candidates, key=lambda item: item[0]):
        if a.ref in taken_a or b.ref in taken_b:
            continue
        taken_a.add(a.ref)
        taken_b.add(b.ref)
        pairs.append((a, b))
    order = lambda r: (r.document, r.start, r.end, r.prop, r.ref)  # noqa: E731
    pairs.sort(key=lambda pair: order(pair[0]))
    return Agreement(pairs, sorted((r for r in first if r.ref not in taken_a), key=order),
                     sorted((r for r in second if r.ref not in taken_b), key=order))


# Loading the two kinds of input -----------------------------------------------------------------------

def load(path: Path) -> list[Reading]:
    """A package directory (holds datapackage.json) or a second-reading CSV file."""
    if path.is_dir():
        return package_readings(path)
    if path.is_file():
        return file_readings(path)
    raise UsageError(f"{path}: not found (give a package folder or a second-reading CSV file)")


def package_readings(root: Path) -> list[Reading]:
    from .package import load_package

    package = load_package(root)
    if package.problems:
        raise DataError(f"{root}: the package does not load cleanly ({len(package.problems)} problem(s)); "
                        "run claims validate")
    seeds = {row.get("source_id"): row.get("seed_path") for row in package.rows("sources")}
    chains: dict[str, list[tuple[int, str]]] = {}
    for row in package.rows("attributions"):
        chains.setdefault(row.get("claim_id"), []).append((row.get("position"), row.get("agent_id")))
    readings = []
    for row in package.rows("claims"):
        if row.get("status") != "active":
            continue
        claim_id = row.get("claim_id")
        readings.append(Reading(
            claim_id, seeds.get(row.get("source_id"), row.get("source_id")), row.get("quote_start"),
            row.get("quote_end"), row.get("subject_id"), row.get("property_id"), row.get("scope") or "",
            row.get("modality"), tuple(_text(row.get(name)) for name in
                                       ("value_min", "value_max", "value_date_start", "value_date_end")),
            tuple(agent for _, agent in sorted(chains.get(claim_id, []))), row.get("confidence_rule"),
            row.get("quote") or "", row.get("value") or ""))
    return readings


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def file_readings(path: Path) -> list[Reading]:
    """A second-reading CSV; every problem is reported with its file, line and column."""
    display = str(path)
    table = csvio.read_table(path, display)
    if table.problems:
        raise DataError(table.problems[0].render())
    missing = [name for name in READING_COLUMNS if name not in table.header]
    if missing:
        raise DataError(f"{display}:1:1: [reading-header] missing column(s) {', '.join(missing)}; "
                        "fix: the columns are listed in extraction/second-reading/README.md")
    if len(table.records) > MAX_READING_ROWS:
        raise DataError(f"{display}: {len(table.records):,} rows (at most {MAX_READING_ROWS:,}); "
                        "fix: split the reading by document")
    has_id = "reading_id" in table.header
    readings, seen = [], set()
    for number, record in enumerate(table.records, start=1):
        if len(record.cells) != len(table.header):
            raise DataError(f"{display}:{record.line}:1: [csv-row-width] row has {len(record.cells)} cells, the "
                            f"header has {len(table.header)}; fix: quote cells that hold a comma")
        cells = dict(zip(table.header, record.cells))
        ref = cells["reading_id"].text if has_id and cells["reading_id"].text else f"line {record.line}"
        if ref in seen:
            cell = cells["reading_id"]
            raise DataError(f"{display}:{cell.line}:{cell.column}: [reading-id] {ref!r} is used twice; "
                            "fix: give every row its own reading_id")
        seen.add(ref)
        start, end = (_offset(display, cells[name]) for name in ("quote_start", "quote_end"))
        if end <= start:
            cell = cells["quote_end"]
            raise DataError(f"{display}:{cell.line}:{cell.column}: [reading-span] quote_end {end} is not after "
                            f"quote_start {start}; fix: offsets are code points, end exclusive")
        for name in ("document", "property_id"):
            if not cells[name].text:
                raise DataError(f"{display}:{cells[name].line}:{cells[name].column}: [reading-required] "
                                f"{name} is empty; fix: fill it in")
        readings.append(Reading(
            ref, cells["document"].text, start, end, cells["subject_id"].text, cells["property_id"].text,
            cells["scope"].text, cells["modality"].text or "asserted",
            tuple(cells[name].text for name in ("value_min", "value_max", "value_date_start", "value_date_end")),
            tuple(a for a in cells["attribution_chain"].text.split(CHAIN_SEPARATOR) if a),
            cells["confidence_rule"].text, cells["quote"].text if "quote" in cells else "",
            cells["value"].text if "value" in cells else ""))
    return readings


def _offset(display: str, cell: csvio.Cell) -> int:
    text = cell.text
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise DataError(f"{display}:{cell.line}:{cell.column}: [reading-offset] {text!r} is not a whole "
                        "number of code points; fix: write the offset as digits")
    return int(text)


def by_document(result: Agreement) -> dict[str, dict]:
    """The figures of each document (the matching never crosses documents, so these add up)."""
    documents = sorted({a.document for a, _ in result.pairs} | {r.document for r in result.only_a + result.only_b})
    return {document: Agreement([(a, b) for a, b in result.pairs if a.document == document],
                                [r for r in result.only_a if r.document == document],
                                [r for r in result.only_b if r.document == document]).figures()
            for document in documents}
