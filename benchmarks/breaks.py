"""Ways to break one row of a synthetic package, each aimed at one rule id.

A break takes a row (cell texts by column) and returns the broken row, or None when the row
does not suit it (a bounds break needs a quantity claim). Breaks marked `unreferenced` leave a
row that others could no longer point at (a bad cell type or width unloads it, a changed id
hides the old one): the generator gives them only rows nothing refers to, so the one break
does not cascade into foreign-key errors. Where a rule
cannot be broken alone (a figure without a qualifier is also a quantity without one), the
second rule is named in `also`. A break with a `limit` is used at most that many times (a
100,001-character cell is costly to write a hundred thousand times). The CSV-level breaks
that stop a file's parsing are `TAILS`: one appended record per file, at its end, so every row
before it is still checked. Lints are broken like the other rules: the validator reports them
as warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from claims.lints import HEDGE
from claims.package import MAX_CELL_CHARS

EXTRA_CELL = "__extra_cell__"  # the writer appends this value as one cell too many
BAD_SEED_BYTE = "__bad_seed_byte__"  # the generator appends a byte that is not UTF-8 to the seed
SEED_LINK = "__seed_link__"  # the generator stores the seed outside seeds/ and links to it from there


@dataclass(frozen=True)
class Context:
    value_types: dict[str, str]
    scoped: dict[str, bool]
    some_entity: str
    previous: dict | None  # the last row of the table left unbroken
    last_in_chain: bool = True
    text: str = ""  # the text of the row's document (claims)


@dataclass(frozen=True)
class Break:
    rule: str
    apply: Callable[[dict, Context], dict | None]
    unreferenced: bool = False
    also: tuple[str, ...] = ()
    limit: int | None = None


def _set(**changes) -> Callable[[dict, Context], dict]:
    return lambda row, ctx: {**row, **changes}


def _kind(row: dict, ctx: Context) -> str | None:
    return ctx.value_types.get(row.get("property_id", ""))


def _quantity(row, ctx, **changes):
    if _kind(row, ctx) != "quantity" or row.get("value_qualifier") in (None, "", "unspecified"):
        return None
    return {**row, **changes}


def _minimum(row, ctx):
    if _kind(row, ctx) != "quantity":
        return None
    return {**row, "value_qualifier": "at-least", "value_number": "-1", "value_min": "-1", "value_max": ""}


def _bounds(row, ctx):
    """A maximum 1000 above the figure: no qualifier derives it, and it stays above the minimum."""
    if _quantity(row, ctx) is None or not row.get("value_number"):
        return None
    return {**row, "value_max": str(float(row["value_number"]) + 1000)}


def _unspecified(row, ctx):
    if _kind(row, ctx) != "quantity":
        return None
    return {**row, "value_qualifier": "unspecified", "value_number": "5", "value_min": "", "value_max": ""}


def _no_figure(row, ctx):
    if _kind(row, ctx) != "quantity":
        return None
    return {**row, "value_qualifier": "exact", "value_number": "", "value_min": "", "value_max": ""}


def _date_precision(row, ctx):
    return {**row, "value_date_precision": ""} if row.get("value_date_start") else None


def _scope(row, ctx):
    return {**row, "scope": "rebels+government"} if ctx.scoped.get(row.get("property_id", "")) else None


def _duplicate(row, ctx):
    """Reuse the previous claim's id (same document, so lookups by claim id see the same source)."""
    previous = ctx.previous
    if previous is None or previous.get("source_id") != row.get("source_id"):
        return None
    return {**row, "claim_id": previous["claim_id"]}


def _last_character_changed(column: str) -> Callable[[dict, Context], dict | None]:
    """A quote or evidence that no longer equals the seed at its offsets, every word kept (so
    every figure it states, in digits or in words, stays stated and lint-figure-in-quote stays
    quiet): its last space made a no-break space, else its last character that is neither a
    letter nor a digit made another such; a text of one word is left alone."""
    def change(row, ctx):
        text = row[column]
        at = text.rfind(" ")
        if at >= 0:
            return {**row, column: text[:at] + "\u00a0" + text[at + 1:]}
        at = next((i for i in range(len(text) - 1, -1, -1) if not text[i].isalnum()), None)
        if at is None:
            return None
        return {**row, column: text[:at] + ("~" if text[at] != "~" else "#") + text[at + 1:]}
    return change


def _wrong_namespace(row, ctx):
    return {**row, "claim_id": "wrong-namespace/" + row["claim_id"].split("/")[1]}


def _hedged_quote(row, ctx):
    """Quote a hedge word of the document at the top confidence (a value without digits, so the
    number lint stays quiet)."""
    hedge = HEDGE.search(ctx.text)
    if _kind(row, ctx) == "quantity" or hedge is None:
        return None
    return {**row, "quote": hedge.group(0), "quote_start": str(hedge.start()), "quote_end": str(hedge.end()),
            "confidence": "0.9", "confidence_rule": "C1"}


def _unloadable(**bad_cell) -> tuple[Break, Break]:
    """The two breaks that unload a row: a cell of the wrong type, and one cell too many."""
    return (Break("cell-type", _set(**bad_cell), unreferenced=True),
            Break("csv-row-width", _set(**{EXTRA_CELL: "extra"}), unreferenced=True))


CLAIMS = (
    *_unloadable(quote_start="forty"),
    Break("record-required", _set(modality="")),
    Break("record-pattern", _set(guideline_version="1.0")),
    Break("record-enum", _set(modality="maybe")),
    Break("record-minimum", _minimum),
    Break("record-maximum", _set(confidence="1.5"), also=("confidence-rubric",)),
    Break("record-format", _set(time_start="2012-02-30", time_end="", time_precision="day")),
    Break("claim-unspecified-has-no-figure", _unspecified),
    Break("claim-qualifier-needs-figure", _no_figure),
    Break("claim-figure-needs-qualifier", lambda row, ctx: _quantity(row, ctx, value_qualifier="", value_min="",
                                                                      value_max=""), also=("value-matches-type",)),
    Break("claim-date-precision", _date_precision, also=("value-matches-type",)),
    Break("claim-time-precision", _set(time_start="2012-07-24", time_end="", time_precision="")),
    Break("claim-inference-basis", _set(value_is_inferred="true", inference_basis="")),
    Break("claim-deprecation-reason", _set(status="deprecated", deprecation_reason="")),
    Break("primary-key", _duplicate, unreferenced=True),
    Break("foreign-key", _set(subject_id="event:no-such-event")),
    Break("quote-in-seed", _last_character_changed("quote")),
    Break("claim-id-namespace", _wrong_namespace, unreferenced=True),
    Break("value-bounds", _bounds),
    Break("value-matches-type", lambda row, ctx: _quantity(row, ctx, value_entity_id=ctx.some_entity)),
    Break("scope-matches-property", _scope),
    Break("interval-order", _set(time_start="2012-07-25", time_end="2012-07-24", time_precision="day")),
    Break("confidence-rubric", _set(confidence="0.7")),
    Break("csv-cell-size", _set(note="x" * (MAX_CELL_CHARS + 1)), unreferenced=True, limit=3),
    Break("lint-number-in-quote", _set(value="987654 in all")),
    Break("lint-hedge-confidence", _hedged_quote),
)


def _chain_gap(row, ctx):
    """Skip a number at the end of a chain (earlier in it, the gap would also repeat a key)."""
    return {**row, "position": str(int(row["position"]) + 1)} if ctx.last_in_chain else None


def _copy_previous(row, ctx):
    return dict(ctx.previous) if ctx.previous is not None else None


ATTRIBUTIONS = (
    *_unloadable(position="first"),
    Break("record-required", _set(attribution_kind="")),
    Break("record-enum", _set(attribution_kind="whispered")),
    Break("foreign-key", _set(agent_id="agent:no-such-agent")),
    Break("evidence-in-seed", _last_character_changed("evidence")),
    Break("attribution-chain", _chain_gap),
)

SOURCES = (
    Break("record-pattern", _set(url="ftp://example.org/report")),
    Break("record-enum", _set(document_kind="blog")),
    Break("record-format", _set(page_updated_date="2016-02-30")),
    Break("source-date-known", lambda row, ctx: {**row, "published_precision": ""}
          if row.get("published_date_basis") != "unknown" else None),
    Break("source-date-unknown", _set(published_date_basis="unknown", published_start="2012-08-01",
                                      published_end="", published_precision="", published_date_note="")),
    Break("seed-path", lambda row, ctx: {**row, "seed_path": "seeds/missing-" + row["seed_path"][6:]}),
    Break("seed-path", _set(**{SEED_LINK: "1"})),
    Break("seed-hash", lambda row, ctx: {**row, "sha256": row["sha256"][::-1]}),  # unique, as sha256 must be
    Break("seed-encoding", _set(**{BAD_SEED_BYTE: "1"})),
    Break("interval-order", lambda row, ctx: {**row, "published_start": "2012-09-02", "published_end": "2012-09-01"}
          if row.get("published_date_basis") != "unknown" else None),
)

# Rows of these tables are spare rows nothing refers to, so any break is safe.
ENTITIES = (
    Break("record-maxlength", lambda row, ctx: {**row, "entity_id": "event:" + "long-" * 20 + row["entity_id"][-4:]}),
    Break("entity-id-prefix", lambda row, ctx: {**row, "entity_type": "person" if row["entity_type"] != "person"
                                                else "place"}),
    Break("foreign-key", _set(part_of_id="event:no-such-event")),
    Break("record-required", _set(description="")),
    Break("primary-key", _copy_previous),
)
ALIASES = (
    Break("record-pattern", lambda row, ctx: {**row, "alias": " " + row["alias"]}),
    Break("record-enum", _set(alias_kind="nickname")),
    Break("foreign-key", _set(source_id="no-such-source")),
    Break("primary-key", _copy_previous),
    Break("lint-alias-variant", lambda row, ctx: {**row, "alias": ctx.previous["alias"].upper()}
          if ctx.previous and ctx.previous["alias"].upper() != ctx.previous["alias"] else None),
)
PROPERTIES = (
    Break("property-unit", lambda row, ctx: {**row, "unit": ""} if row["value_type"] == "quantity" else None),
)
RUBRIC = (
    Break("record-maximum", _set(confidence="1.5")),
    Break("primary-key", _copy_previous),
)
EXCLUSIONS = (
    Break("exclusion-in-seed", lambda row, ctx: {**row, "text": row["text"] + "0"}),
    Break("foreign-key", _set(source_id="no-such-source")),
)
BY_TABLE = {"claims": CLAIMS, "attributions": ATTRIBUTIONS, "sources": SOURCES, "entities": ENTITIES,
            "aliases": ALIASES, "properties": PROPERTIES, "confidence_rubric": RUBRIC, "exclusions": EXCLUSIONS}

# One record appended at the end of a file, breaking how the file parses from there on.
TAILS = {
    "claims": ("csv-stray-quote", 'stray,"quote"here\n'),
    "attributions": ("csv-nul-byte", "nul\x00byte,1\n"),
    "entities": ("csv-line-ending", "event:cr-ending,event,CR ending,ends in a carriage return\r\n"),
    "exclusions": ("csv-unclosed-quote", 'no-such-source,"never closed,1,2,reason\n'),
}


class Cycler:
    """Hands out a table's breaks in turn. A break not used yet goes first; a row that does not
    suit the break whose turn it is gets the first one after it that fits. So every break is
    used as soon as a row suits it, and then they take turns (a break at its limit sits out)."""

    def __init__(self, breaks: tuple[Break, ...]):
        self.breaks = breaks
        self.turn = 0
        self.uses = [0] * len(breaks)
        self.used: dict[str, int] = {}  # rule -> rows broken for it (an `also` rule counted with it)

    def apply(self, row: dict, ctx: Context, referenced: bool) -> dict | None:
        count = len(self.breaks)
        order = [(self.turn + step) % count for step in range(count)]
        for index in [i for i in order if not self.uses[i]] + order:
            candidate = self.breaks[index]
            if (candidate.unreferenced and referenced) or (candidate.limit is not None
                                                           and self.uses[index] >= candidate.limit):
                continue
            broken = candidate.apply(row, ctx)
            if broken is not None:
                self.turn += 1
                self.uses[index] += 1
                for rule in (candidate.rule, *candidate.also):
                    self.used[rule] = self.used.get(rule, 0) + 1
                return broken
        return None
