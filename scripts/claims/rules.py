"""The named checks: rules JSON Schema cannot state, listed once here.

Each engine that runs a check implements it under the same id (the Python engine in
checks.py); a test keeps this list and the implementations in step, and docs/rules.md is
generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NamedCheck:
    rule: str
    layer: str
    description: str
    hint: str


NAMED_CHECKS: tuple[NamedCheck, ...] = (
    NamedCheck("seed-path", "provenance", "a source's seed_path names a regular file inside seeds/ (no symlink, nothing outside)",
               "put the document in seeds/ (claims add-source does) and point seed_path at it"),
    NamedCheck("seed-hash", "provenance", "the seed file's SHA-256 and byte size equal those recorded in sources",
               "seeds are immutable: restore the original bytes, or add the changed text as a new source"),
    NamedCheck("seed-encoding", "provenance", "the seed file is valid UTF-8, so quote offsets are defined",
               "store the document as UTF-8"),
    NamedCheck("seed-registered", "provenance", "every file in seeds/ is described by a row of sources",
               "add a sources row for the file, or remove the file"),
    NamedCheck("quote-in-seed", "provenance", "a claim's quote equals the seed text between quote_start and quote_end",
               "copy the quote from the seed exactly (same quotes, dashes and spaces), or correct the offsets"),
    NamedCheck("evidence-in-seed", "provenance", "an attribution's evidence equals the seed text between evidence_start and evidence_end",
               "copy the evidence from the seed exactly, or correct the offsets"),
    NamedCheck("exclusion-in-seed", "provenance", "a coverage exclusion's text equals the seed text between start and end",
               "copy the number exactly as written and correct the offsets"),
    NamedCheck("claim-id-namespace", "consistency", "a claim_id starts with its source_id and a slash",
               "name the claim <source_id>/<8 hex digits>"),
    NamedCheck("entity-id-prefix", "consistency", "an entity_id's prefix equals its entity_type",
               "make the prefix before ':' equal entity_type"),
    NamedCheck("value-bounds", "consistency", "value_min and value_max are the bounds derived from value_number and value_qualifier",
               "set the bounds the guideline derives (see docs/model.md, 'Quantities')"),
    NamedCheck("value-matches-type", "consistency", "a claim fills exactly the value columns of its property's value type",
               "quantity: qualifier and figure; date: value_date_*; entity: value_entity_id; text: none of them"),
    NamedCheck("scope-matches-property", "consistency", "scope is given exactly when the property is scoped, with sides sorted and not repeated",
               "write the sides in alphabetical order joined by '+', and only for scoped properties"),
    NamedCheck("interval-order", "consistency", "every start date is on or before its end date, and every start offset before its end",
               "swap or correct the two values"),
    NamedCheck("confidence-rubric", "consistency", "confidence equals the confidence of the rubric rule the claim names",
               "set confidence to the value of confidence_rule in confidence_rubric.csv"),
    NamedCheck("attribution-chain", "consistency", "a claim's attribution positions run 1, 2, 3, ... without gaps",
               "number the chain from 1: reporter, then originator"),
)

BY_RULE = {check.rule: check for check in NAMED_CHECKS}
