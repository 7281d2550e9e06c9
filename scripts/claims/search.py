"""Finding entities by name: one accent- and case-insensitive search over canonical names,
aliases and ids, used by `claims show` and by the "did you mean" of the contribution commands.

    search(package_or_root, "rahmonov") -> [Candidate(entity_id, canonical_name, matched, score), ...]

Candidates are ranked best first: a spelling equal to the words (score 1.0), then one that holds
every word whole, then one that contains the words, then spellings that are merely similar
(difflib's ratio, scaled below the others). Nothing below MIN_SCORE is returned.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MIN_SCORE = 0.45
NOT_A_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Candidate:
    entity_id: str
    canonical_name: str
    matched: str  # the spelling (name, alias or id) that matched best
    score: float


def fold(text: str) -> str:
    """Text compared without case, accents or punctuation: 'Rakhmonov’s' ~ 'rakhmonov s'."""
    decomposed = unicodedata.normalize("NFKD", text)
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
    return 0.75 * difflib.SequenceMatcher(None, query, text).ratio()


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
