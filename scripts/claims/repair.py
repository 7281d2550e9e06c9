"""Where a quote that does not match its seed really is, and how to fix the row.

Called only for rows that already failed (a quote or evidence that differs from the seed at
its offsets), so its searches cost nothing on a valid package. Three tries, best first: the
exact text elsewhere in the seed (the offsets are wrong); the text under Unicode (NFKC),
quote, dash and whitespace folding (the row has straight quotes where the seed has curly
ones, or a space where it has a no-break space); the nearest seed passage (a typo).
"""

from __future__ import annotations

import difflib
import json
import unicodedata

from .rules import REPAIR_HINTS

FOLD = {**dict.fromkeys("‘’‚‛′`´", "'"), **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-")}
INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
# The nearest-passage search compares every seed position with the quote: bound its work.
MAX_FUZZY_WORK = 20_000_000
MIN_SIMILARITY = 0.6


def normalise(text: str) -> tuple[str, list[int]]:
    """Folded text, and for each of its characters the index of the original it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in INVISIBLE:
            continue
        for folded in unicodedata.normalize("NFKC", char):
            folded = FOLD.get(folded, folded)
            if folded.isspace():
                if out and out[-1] == " ":
                    continue  # a run of spaces is one space
                folded = " "
            out.append(folded)
            origin.append(index)
    return "".join(out), origin


def shown(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def describe(chars: str) -> str:
    if not chars:
        return "nothing"
    names = []
    for char in chars[:3]:
        name = unicodedata.name(char, "").lower() or "unnamed character"
        names.append(f"U+{ord(char):04X} {name}" if char.isspace() else f"{char} (U+{ord(char):04X} {name})")
    return " ".join(names) + (" ..." if len(chars) > 3 else "")


def occurrences(text: str, needle: str) -> list[int]:
    """Every offset where needle starts in text, overlapping ones included."""
    found, index = [], text.find(needle) if needle else -1
    while index >= 0:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def locate_near(seed: str, text: str, start: int = 0) -> tuple[str, int, int] | None:
    """Where text is in the seed once normalised ("normalised"), or the most similar passage
    ("nearest"), as (kind, start, end) in the seed; the candidate nearest start wins."""
    seed_norm, origin = normalise(seed)
    text_norm, _ = normalise(text)
    spans = [(origin[i], origin[i + len(text_norm) - 1] + 1) for i in occurrences(seed_norm, text_norm)]
    if spans:
        low, high = min(spans, key=lambda span: abs(span[0] - start))
        return "normalised", low, high
    nearest = _nearest(seed_norm, origin, text_norm)
    return None if nearest is None else ("nearest", *nearest)


def difference(fixed: str, text: str) -> tuple[str, str, int] | None:
    """The first difference between the seed's text and the given one: (seed's characters,
    given characters, 1-based position in the given text)."""
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, text, fixed, autojunk=False).get_opcodes():
        if tag != "equal":
            return describe(fixed[j1:j2]), describe(text[i1:i2]), i1 + 1
    return None


def suggest(seed: str, text: str, start: int, field: str, start_field: str, end_field: str) -> str | None:
    """A hint that names the exact fix, or None when nothing near enough is found."""
    names = {"field": field, "start_field": start_field, "end_field": end_field}
    found = sorted(occurrences(seed, text), key=lambda i: abs(i - start))
    if found:
        where = ", ".join(f"{i}-{i + len(text)}" for i in found[:3]) + (" ..." if len(found) > 3 else "")
        return REPAIR_HINTS["moved"].format(where=where, start=found[0], end=found[0] + len(text), **names)
    near = locate_near(seed, text, start)
    if near is None:
        return None
    kind, low, high = near
    fixed = seed[low:high]
    values = {"fixed": shown(fixed), "start": low, "end": high, **names}
    changed = difference(fixed, text) if kind == "normalised" else None
    if changed:
        seed_char, text_char, index = changed
        return REPAIR_HINTS["normalised"].format(seed_char=seed_char, text_char=text_char, index=index, **values)
    return REPAIR_HINTS["normalised-offsets" if kind == "normalised" else "nearest"].format(**values)


def _nearest(seed_norm: str, origin: list[int], text_norm: str) -> tuple[int, int] | None:
    """The seed passage most like the text: anchored on their longest common block, as long as
    the text, kept only if similar enough to be the passage meant."""
    if not text_norm or not seed_norm or len(seed_norm) * len(text_norm) > MAX_FUZZY_WORK:
        return None
    matcher = difflib.SequenceMatcher(None, seed_norm, text_norm, autojunk=False)
    block = matcher.find_longest_match(0, len(seed_norm), 0, len(text_norm))
    if block.size == 0:
        return None
    low = max(0, block.a - block.b)
    high = min(len(seed_norm), low + len(text_norm))
    candidate = seed_norm[low:high]
    if difflib.SequenceMatcher(None, candidate, text_norm, autojunk=False).ratio() < MIN_SIMILARITY:
        return None
    return origin[low], origin[high - 1] + 1
