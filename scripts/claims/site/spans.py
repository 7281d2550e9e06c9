"""A document's text cut into runs at every quote boundary, so that overlapping quotes can all
be highlighted: each run knows the claims whose quotes cover it.

Offsets are code points (as quote_start/quote_end, and as W3C Web Annotation's
TextPositionSelector), the same unit Python's str indexes in.
"""

from __future__ import annotations

from dataclasses import dataclass
import re

# Characters an HTML parser would not hand back as they are: CR (turned into LF, or dropped
# after CR LF) and the C0/C1 controls and noncharacters an HTML validator rejects in text.
UNSAFE_TEXT = re.compile("[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    text: str
    claim_ids: tuple[str, ...]


def runs(text: str, spans: list[tuple[int, int, str]]) -> list[Run]:
    """The text as consecutive runs covering it exactly; a run's claim_ids are the spans
    (start, end, claim_id) covering it, in the order given. Spans outside the text are left out."""
    inside = [(start, end, claim_id) for start, end, claim_id in spans if 0 <= start < end <= len(text)]
    cuts = sorted({0, len(text)} | {start for start, _, _ in inside} | {end for _, end, _ in inside})
    starts_at: dict[int, list[int]] = {}
    for index, (start, _, _) in enumerate(inside):
        starts_at.setdefault(start, []).append(index)
    active: list[int] = []
    result = []
    for left, right in zip(cuts, cuts[1:]):
        active = [i for i in active if inside[i][1] > left] + starts_at.get(left, [])
        active.sort()
        result.append(Run(left, right, text[left:right], tuple(inside[i][2] for i in active)))
    return result


def visible(text: str) -> str:
    """Text safe to put in HTML as character data: each unsafe character shown as U+FFFD, one
    for one, so offsets still count the same code points."""
    return UNSAFE_TEXT.sub("\ufffd", text)


def context(text: str, start: int, end: int, width: int) -> tuple[str, str, str]:
    """The quoted span with up to width code points either side, an ellipsis where cut."""
    first, last = max(0, start - width), min(len(text), end + width)
    return (("…" if first > 0 else "") + text[first:start], text[start:end],
            text[end:last] + ("…" if last < len(text) else ""))
