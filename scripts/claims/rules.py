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
    severity: str = "error"  # lints are warnings: exit 0 unless claims validate --strict


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

# Rules of the other layers, raised where the files are read; listed here so that every rule id
# a user can meet is documented in docs/rules.md.
LAYER_RULES: tuple[NamedCheck, ...] = (
    NamedCheck("descriptor-json", "descriptor", "datapackage.json is valid UTF-8 JSON of at most 16 MiB, 64 levels "
               "of nesting and numbers of 100 characters", "fix the JSON syntax at the position given"),
    NamedCheck("descriptor-frictionless", "descriptor", "frictionless-py accepts the descriptor", "fix the descriptor as reported"),
    NamedCheck("descriptor-profile", "descriptor", "the descriptor is valid against the official Data Package v2 profile",
               "follow the Data Package v2 specification"),
    NamedCheck("descriptor-remote", "descriptor", "the descriptor refers to nothing outside the package: schemas and "
               "dialects inline, paths inside it, the official profile (validation never opens a connection)",
               "give the Table Schema inline and the path of a file in the package (claims sync writes both)"),
    NamedCheck("schema-file", "descriptor", "each schemas/*.schema.json is UTF-8 JSON within the limits, names its "
               "x-resource, properties and x-primaryKey, is a valid JSON Schema whose $ref stay in the file and "
               "expand to at most 20,000 parts, and whose patterns RE2 accepts",
               "fix the schema file at the place given (docs/model.md describes what each one holds)"),
    NamedCheck("write-interrupted", "table", "no write of a contribution command was interrupted "
               "(claims/.journal.json is absent)", "run any write command (claims fmt) to finish or undo it"),
    NamedCheck("file-symlink", "table", "no file the toolkit reads (descriptor, schema, table, seed) is or lies "
               "behind a symbolic link; it is refused without being read", "commit the file itself, not a link"),
    NamedCheck("file-size", "table", "a table file is at most 4 GiB, a JSON file 16 MiB, a seed 256 MiB",
               "split a large table into parts (a multipart resource); check for a mistake"),
    NamedCheck("descriptor-resource", "descriptor", "every table of the model is a resource of the descriptor",
               "run claims sync"),
    NamedCheck("generated-sync", "descriptor", "generated files (Table Schemas, seed resources, sql/base/*.sql, docs/rules.md) "
               "equal what schemas/ and sources.csv generate", "run claims sync"),
    NamedCheck("file-missing", "table", "the resource's CSV file exists", "create the file or correct its path"),
    NamedCheck("csv-empty", "table", "the file has at least a header row", "start the file with the header row"),
    NamedCheck("csv-bom", "table", "the file has no UTF-8 byte-order mark", "save as UTF-8 without BOM"),
    NamedCheck("csv-encoding", "table", "the file is valid UTF-8", "re-save the file as UTF-8"),
    NamedCheck("csv-line-ending", "table", "lines end with LF only (no CR)", "convert line endings to LF"),
    NamedCheck("csv-nul-byte", "table", "no NUL character", "remove the NUL character"),
    NamedCheck("csv-unclosed-quote", "table", "every quoted cell is closed (a stray quote would merge rows)",
               'close the quote or double a quote inside the cell ("")'),
    NamedCheck("csv-stray-quote", "table", "quote characters appear only around whole cells or doubled inside them",
               'quote the cell and double the inner quote'),
    NamedCheck("csv-header", "table", "the header names exactly the schema's columns, in order, once each",
               "copy the header from the schema (docs/model.md)"),
    NamedCheck("csv-row-width", "table", "every row has as many cells as the header", "add or remove cells"),
    NamedCheck("cell-type", "table", "a cell parses as its column's type (integer, number, boolean true/false, date)",
               "write a value of the column's type"),
    NamedCheck("csv-cell-size", "table", "no cell is longer than 100,000 characters",
               "a cell holds one value, not a document; check for a pasted text"),
    NamedCheck("csv-part-newline", "table", "every part of a multipart resource but the last ends with a newline "
               "(parts are joined line by line)", "end the file with a newline (claims fmt does)"),
    NamedCheck("primary-key", "table", "primary keys are unique", "give the row a new id: ids are never reused"),
    NamedCheck("unique-key", "table", "the columns of each unique key (x-uniqueKeys, uniqueKeys in the descriptor) "
               "are unique together", "the row repeats another row's value: correct it or drop the duplicate row"),
    NamedCheck("foreign-key", "table", "references resolve to a row of the referenced table", "add the row or fix the reference"),
    NamedCheck("frictionless-data", "table", "frictionless-py, reading the tables with the generated Table Schemas, "
               "agrees they are valid (run only when our own table layer found nothing)",
               "fix the cell; if the value is right, the generated Table Schema and the JSON Schema disagree: report it"),
)

# Lints: likely mistakes that are not always wrong. Warnings, so a reviewer decides; they stay
# near-linear in the number of rows.
LINT_RULES: tuple[NamedCheck, ...] = (
    NamedCheck("lint-hedge-confidence", "lint", "a quote with a hedge word (reportedly, allegedly, estimated, ...) "
               "does not carry a confidence above the hedged rubric rule's",
               "fill hedge and use the rubric rule for hedged claims (C3) or lower, or say in note why the word "
               "does not hedge this claim", "warning"),
    NamedCheck("lint-number-in-quote", "lint", "every number written in a claim's value is in its quote",
               "quote the words that state the figure, or correct the value", "warning"),
    NamedCheck("lint-orphan-entity", "lint", "every entity is used by a claim, an attribution or another entity",
               "use the entity in a claim or remove it (ids are never reused: remove only unpublished ones)",
               "warning"),
    NamedCheck("lint-alias-variant", "lint", "no two aliases differ only by letter case or diacritics",
               "keep the spelling each document uses; if both are real spellings, say so in note", "warning"),
    NamedCheck("lint-control-character", "lint", "no text cell holds a control character (other than tab and line "
               "feed) or a bidirectional override: they act on terminals and reorder what a reviewer reads",
               "remove the character (if the seed really has it, say so in note)", "warning"),
    NamedCheck("lint-formula-cell", "lint", "no text cell starts like a spreadsheet formula (=, @ or a tab first, or + or - "
               "first with a call, a reference or an equals sign after it): opened in a spreadsheet it would run "
               "(quotes, evidence and exclusion texts are the seed's own words and left out)",
               "reword the cell so it does not start with the character (if the seed has it, say so in note)",
               "warning"),
)

# How a quote or evidence that differs from its seed is repaired. Only rows that already failed
# are searched, so the cost stays off valid rows.
REPAIR_HINTS: dict[str, str] = {
    "moved": "the text occurs in the seed at {where}: set {start_field}/{end_field} to {start}/{end}",
    "normalised": "the seed has {seed_char} where the {field} has {text_char} at character {index}: "
                  "use {fixed} with {start_field}/{end_field} {start}/{end}",
    "normalised-offsets": "the seed text equals the {field} after normalising spaces, quotes and dashes: "
                          "use {fixed} with {start_field}/{end_field} {start}/{end}",
    "nearest": "not in the seed even after normalising; the nearest seed text is {fixed} at {start}-{end}",
}

# History checks (claims validate --base REF): what was published stays as it was.
HISTORY_RULES: tuple[NamedCheck, ...] = (
    NamedCheck("history-seed-changed", "history", "every seed of the base state is still there, byte for byte",
               "seeds are immutable evidence: restore the original bytes; a new text is a new source"),
    NamedCheck("history-seed-record", "history", "a published source keeps its row and its seed_path, sha256 "
               "and byte_size", "restore the recorded values"),
    NamedCheck("history-claim-removed", "history", "no claim_id of the base state is removed",
               "restore the row and deprecate it (status deprecated, deprecation_reason)"),
    NamedCheck("history-claim-frozen", "history", "an existing claim keeps its source_id, quote, quote_start and "
               "quote_end (an id is never reused for other evidence)",
               "deprecate the claim and add a new one for the new reading"),
    NamedCheck("history-rubric-changed", "history", "existing confidence rubric rules are unchanged (unless the change "
               "is declared a rules change, --rules-change)", "add a new rule, or ask maintainers for a rules change"),
    NamedCheck("history-property-changed", "history", "existing properties keep their meaning: every column but notes "
               "unchanged (unless declared a rules change, --rules-change)",
               "add a new property, or ask maintainers for a rules change"),
)

BY_RULE = {check.rule: check for check in NAMED_CHECKS + LAYER_RULES + LINT_RULES + HISTORY_RULES}
