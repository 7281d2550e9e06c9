"""The vocabularies a contributor chooses from, for the command line (claims vocab, the --help
of the contribution commands, "did you mean").

The closed lists (modalities, qualifiers, sides, attribution, document and alias kinds) are the
JSON Schemas' enums, repeated here with a one-line meaning each so that --help can name them
before any package is read; a test keeps them equal to schemas/. The open lists (properties,
rubric rules, sources, entities) are rows of the package and are read from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quantities import QUALIFIERS as QUALIFIER_ORDER

if TYPE_CHECKING:
    from .package import Package

MODALITY_MEANINGS = {
    "asserted": "put forward as fact",
    "denied": "the source says it is not so (competes with the claim it denies)",
    "alleged": "an accusation or suspicion",
    "expected": "a forecast ('is expected to sign')",
    "demanded": "a demand",
    "intended": "a statement of intent",
    "promised": "a promise",
    "proposed": "a proposal",
    "refused": "a refusal",
}
QUALIFIER_MEANINGS = {
    "exact": "'41 killed', 'no soldiers' (0): bounds n to n",
    "at-least": "'at least 12': n and up (no upper bound)",
    "more-than": "'more than 100': n + 1 and up (counts are whole)",
    "up-to": "'up to 100': at most n",
    "less-than": "'fewer than 10': at most n - 1",
    "about": "'about 300', 'some 200 km', 'an estimated 1,000': floor(0.9 n) to ceil(1.1 n)",
    "rounded": "'5.7 million' stated as a round total: n +/- half the unit it was rounded to",
    "unspecified": "'many', 'several': no figure and no bounds (leave --number out)",
}
SIDE_MEANINGS = {
    "civilians": "civilians",
    "government": "police, soldiers, government forces",
    "rebels": "militants, attackers, members of armed groups",
    "unknown": "the document says the side is not known",
}
ATTRIBUTION_KIND_MEANINGS = {
    "said": "reported speech: 'X said'",
    "statement": "a written or formal statement",
    "reported": "a news outlet reported it",
    "interview": "said in an interview",
    "announced": "an official announcement",
    "according-to": "'according to X'",
    "cited": "the reporter cites another source: 'AP cited a source'",
    "estimated": "an estimate made by the agent",
    "accused": "an accusation by the agent",
    "denied": "a denial by the agent",
}
DOCUMENT_KIND_MEANINGS = {
    "news-report": "a news article",
    "news-wire": "a wire-agency dispatch",
    "encyclopedia-article": "an encyclopedia article",
    "press-release": "a press release",
    "other": "anything else (say what in notes)",
}
ALIAS_KIND_MEANINGS = {
    "canonical": "the canonical name itself, as a document writes it",
    "transliteration": "another transliteration (Rakhmonov / Rahmon)",
    "short-form": "a shorter form (Saidov for Khairullo Saidov)",
    "full-form": "a fuller form",
    "later-name": "a name taken later (a change of name, not a variant)",
    "earlier-name": "a name used earlier (a change of name, not a variant)",
    "descriptive": "a description used as a name ('an unnamed government source')",
}

ENTITY_TYPES = ("person", "organisation", "place", "event", "agent", "object")
MODALITIES = tuple(MODALITY_MEANINGS)
QUALIFIERS = QUALIFIER_ORDER
SIDES = tuple(SIDE_MEANINGS)
ATTRIBUTION_KINDS = tuple(ATTRIBUTION_KIND_MEANINGS)
DOCUMENT_KINDS = tuple(DOCUMENT_KIND_MEANINGS)
ALIAS_KINDS = tuple(ALIAS_KIND_MEANINGS)

# Vocabulary -> (the column its values go in, value -> meaning).
FIXED = {"modalities": ("modality", MODALITY_MEANINGS), "qualifiers": ("value_qualifier", QUALIFIER_MEANINGS),
         "scopes": ("scope side", SIDE_MEANINGS), "attribution-kinds": ("attribution_kind", ATTRIBUTION_KIND_MEANINGS),
         "document-kinds": ("document_kind", DOCUMENT_KIND_MEANINGS), "alias-kinds": ("alias_kind", ALIAS_KIND_MEANINGS)}
# Vocabulary -> (table, columns shown); the first column is the id.
FROM_PACKAGE = {
    "properties": ("properties", ("property_id", "value_type", "unit", "cardinality", "is_scoped", "description")),
    "rubric": ("confidence_rubric", ("rule_id", "confidence", "label", "description")),
    "sources": ("sources", ("source_id", "document_kind", "published_start", "title")),
}
NAMES = tuple(FROM_PACKAGE) + tuple(FIXED)


def listing(package: Package | None, name: str) -> tuple[list[str], list[dict]]:
    """The columns and rows of one vocabulary."""
    if name in FIXED:
        column, meanings = FIXED[name]
        return [column, "meaning"], [{column: key, "meaning": text} for key, text in meanings.items()]
    table, columns = FROM_PACKAGE[name]
    return list(columns), [{c: row.get(c, "") for c in columns} for row in package.rows(table)]


def known(package: Package, what: str) -> dict[str, list[str]]:
    """Ids of one kind with their names, for "did you mean": properties (label), entities
    (canonical name and aliases), rubric rules (label), sources (title)."""
    if what == "entities":
        found: dict[str, list[str]] = {r.get("entity_id"): [r.get("canonical_name", "")]
                                       for r in package.rows("entities")}
        for row in package.rows("aliases"):
            found.setdefault(row.get("entity_id"), []).append(row.get("alias", ""))
        return found
    table, key, name = {"properties": ("properties", "property_id", "label"),
                        "rubric": ("confidence_rubric", "rule_id", "label"),
                        "sources": ("sources", "source_id", "title")}[what]
    return {row.get(key): [row.get(name, "")] for row in package.rows(table)}
