"""Finding things by name: one accent- and case-insensitive search, used by `claims show`,
`claims entities` and the "did you mean" of the contribution commands.

Two layers over one comparison (similarity):

    search(package_or_root, "rahmonov") -> [Candidate(entity_id, canonical_name, matched, score), ...]

finds entities by id, canonical name and aliases. For anything else with names (facts,
documents, properties...), build items and rank them:

    items = entities(entity_rows, alias_rows) + named(rows, "document", "source_id", "title")
    find(items, "khorog clashes")        -> [Match(item, name, score, coverage), ...] best first
    similar(items, "event:khorog-clash") -> the items spelled most like it ("did you mean")

Spellings are compared folded (fold): accents dropped, case folded, punctuation a word break.
Ranked best first: a spelling equal to the words (score 1.0), then one that holds every word
whole (0.9: "Khorog clashes" finds "the clashes in Khorog"), then one that contains the words
(0.8: "afar sai" in "Zafar Saidov"), then spellings that are merely similar (difflib's ratio,
scaled below the others). Nothing below MIN_SCORE is returned. find keeps the first three kinds
and breaks ties by coverage, the share of the spelling's words the query holds, so the event
"the clashes in Khorog" ranks above the fact "the clashes in Khorog killed government".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MIN_SCORE = 0.45
FOUND = 0.8  # find: at least "contains the words"; below is only similar
NOT_A_WORD = re.compile(r"[\W_]+")
# Letters that NFKD does not split into a base letter and a mark.
UNMARKED = str.maketrans({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ı": "i", "æ": "ae",
                          "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d"})
# Untrusted words are cut to this many characters before any comparison (difflib is quadratic).
LONGEST = 200


@dataclass(frozen=True)
class Candidate:
    entity_id: str
    canonical_name: str
    matched: str  # the spelling (name, alias or id) that matched best
    score: float


def fold(text: str) -> str:
    """Text compared without case, accents or punctuation: 'Rakhmonov’s' ~ 'rakhmonov s'."""
    decomposed = unicodedata.normalize("NFKD", text[:LONGEST].translate(UNMARKED))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return NOT_A_WORD.sub(" ", bare).strip()


def similarity(words: str, spelling: str) -> float:
    """How well a spelling matches the words, 0 to 1 (both folded first)."""
    query, text = fold(words), fold(spelling)
    if not query or not text:
        return 0.0
    if query == text:
        return 1.0
    if set(query.split()) <= set(text.split()):
        return 0.9
    if query in text:
        return 0.8
    return 0.75 * difflib.SequenceMatcher(None, query, text, autojunk=False).ratio()


def rank(spellings: Iterable[tuple[str, str, str]], words: str, limit: int = 10) -> list[Candidate]:
    """Candidates from (entity_id, canonical_name, spelling) triples, best spelling per entity."""
    best: dict[str, Candidate] = {}
    for entity_id, canonical_name, spelling in spellings:
        score = similarity(words, spelling)
        if score >= MIN_SCORE and (entity_id not in best or score > best[entity_id].score):
            best[entity_id] = Candidate(entity_id, canonical_name, spelling, score)
    return sorted(best.values(), key=lambda c: (-c.score, c.entity_id))[:limit]


def entity_spellings(package) -> list[tuple[str, str, str]]:
    """Every (entity_id, canonical_name, spelling) of a loaded package: the id, the canonical
    name and each alias."""
    names = {row.get("entity_id"): row.get("canonical_name", "") for row in package.rows("entities")}
    triples = [(entity_id, name, spelling) for entity_id, name in names.items() for spelling in (name, entity_id)]
    triples += [(row.get("entity_id"), names[row.get("entity_id")], row.get("alias", ""))
                for row in package.rows("aliases") if row.get("entity_id") in names]
    return triples


def search(package_or_root, words: str, limit: int = 10) -> list[Candidate]:
    """Entities whose id, name or an alias matches the words, best first (see the module doc)."""
    package = package_or_root
    if isinstance(package_or_root, (str, Path)):
        from .package import load_package

        package = load_package(Path(package_or_root))
    return rank(entity_spellings(package), words, limit)


# Items of any kind ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Named:
    """Something to find: its kind ("entity", "fact", "document"...), its key (the id a command
    takes), a label to show, and the names it is found by (the key is always one)."""

    kind: str
    key: str
    label: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """One item found: its best spelling, the score of that spelling (similarity) and the share
    of the spelling's words the query holds (coverage, which breaks ties)."""

    item: Named
    name: str
    score: float
    coverage: float

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def rank(self) -> tuple[float, float]:
        return self.score, self.coverage


def _coverage(words: str, spelling: str) -> float:
    held = set(fold(spelling).split())
    return len(set(fold(words).split()) & held) / len(held) if held else 0.0


def _best(item: Named, words: str) -> Match:
    return max((Match(item, name, round(similarity(words, name), 4), round(_coverage(words, name), 4))
                for name in (item.key, *item.names)), key=lambda match: match.rank)


def _ranked(matches: list[Match]) -> list[Match]:
    return sorted(matches, key=lambda match: (-match.score, -match.coverage, match.item.kind, match.key))


def find(items: Iterable[Named], words: str, limit: int | None = 10) -> list[Match]:
    """The items whose key or a name equals, holds or contains the words, best first (ties by
    coverage, then kind and key); at most limit (None: all)."""
    found = _ranked([match for item in items if (match := _best(item, words)).score >= FOUND])
    return found if limit is None else found[:limit]


def similar(items: Iterable[Named], words: str, limit: int = 5) -> list[Match]:
    """The items spelled most like the words, for "did you mean" when find has nothing."""
    return _ranked([match for item in items if (match := _best(item, words)).score >= MIN_SCORE])[:limit]


def named(rows: Iterable[Mapping], kind: str, key: str, label: str, names: Sequence[str] = ()) -> list[Named]:
    """One item per row: row[key] is the key, row[label] the label; the label and each names
    column (a text, or a list of texts) are its names. Rows with the same key are merged."""
    merged: dict[str, Named] = {}
    for row in rows:
        spellings = [row[label]]
        for column in names:
            value = row.get(column)
            spellings.extend(value if isinstance(value, (list, tuple)) else [value])
        previous = merged.get(row[key])
        known = previous.names if previous else ()
        merged[row[key]] = Named(kind, row[key], previous.label if previous else row[label],
                                 tuple(dict.fromkeys(known + tuple(s for s in spellings if s))))
    return list(merged.values())


def entities(entity_rows: Iterable[Mapping], alias_rows: Iterable[Mapping] = ()) -> list[Named]:
    """Entities found by id, canonical name and every alias, from rows of claims/entities.csv
    and claims/aliases.csv (or any mappings with those columns)."""
    aliases: dict[str, list[str]] = {}
    for row in alias_rows:
        aliases.setdefault(row["entity_id"], []).append(row["alias"])
    return named(({**row, "aliases": aliases.get(row["entity_id"], [])} for row in entity_rows),
                 "entity", "entity_id", "canonical_name", ["aliases"])


def described(match: Match) -> str:
    """key (label), the way messages list candidates."""
    item = match.item
    return item.key if item.label == item.key else f"{item.key} ({item.label})"
