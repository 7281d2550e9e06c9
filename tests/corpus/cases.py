"""The bad-input corpus: broken contributions, each made by one function from a valid copy
of the package, each saying which rule must be reported, in which file, on which line (and
column where one character is at fault). tests/test_corpus.py runs them all."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from breakage import (ENC, SEED_2012, append_row, attributed_claim, cell_at, edit_claim, edit_row, first_value,
                      infobox_claim, line_of_row, replace_in_line, rows_of, split_table)
from claims import csvio, jsonloc


@dataclass(frozen=True)
class Expected:
    rule: str
    file: str
    line: int
    column: int | None = None
    severity: str = "error"
    hint: str = ""  # a fragment the fix hint must contain


CASES: dict[str, Callable[[Path], Expected]] = {}
CLAIMS = "claims/claims.csv"
ASIAPLUS = "asiaplus-2012-07-30-khorog-amnesty"
SEED_2012_ASIAPLUS = "seeds/000_02e6608481056cca.txt"


def case(function: Callable[[Path], Expected]) -> Callable[[Path], Expected]:
    CASES[function.__name__] = function
    return function


def infobox_cell(root: Path, field: str) -> tuple[int, int]:
    return cell_at(root / CLAIMS, "claim_id", infobox_claim(root), field)


def infobox_line(root: Path) -> int:
    return line_of_row(root / CLAIMS, "claim_id", infobox_claim(root))


def new_claim(root: Path, source_id: str, **cells: str) -> int:
    """Append a copy of the infobox claim under another id; return its line."""
    header, rows = rows_of(root / CLAIMS)
    base = dict(zip(header, next(r for r in rows if r[0] == infobox_claim(root))))
    base.update(claim_id=f"{source_id}/0000abcd", source_id=source_id, **cells)
    return append_row(root / CLAIMS, **base)


def seed_span(root: Path, seed: str, text: str) -> tuple[int, int]:
    start = (root / seed).read_text(encoding="utf-8").index(text)
    return start, start + len(text)


# CSV syntax and encoding ---------------------------------------------------------------------------

@case
def stray_quote_merges_rows(root):
    """No quote follows in the file: every later row would merge into the cell."""
    # The last line of a table that holds no quote character: nothing after it can close the cell.
    for table in ("attributions", "claims", "aliases", "entities", "properties"):
        path = root / f"claims/{table}.csv"
        lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        if '"' not in lines[-1]:
            replace_in_line(path, len(lines), lines[-1], '"' + lines[-1])
            return Expected("csv-unclosed-quote", f"claims/{table}.csv", len(lines), 1)
    raise AssertionError("every table ends with a quoted cell: pick another case")


@case
def stray_quote_swallows_rows_up_to_the_next_quote(root):
    """The stray quote pairs with a quote lines below: reported where it opened."""
    path = root / "claims/entities.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(n for n in range(2, len(lines)) if '"' not in lines[n - 1] + lines[n]
                and any('"' in later for later in lines[n + 1:]))
    column = replace_in_line(path, line, ",", ',"')
    return Expected("csv-stray-quote", "claims/entities.csv", line, column + 1)


@case
def text_after_closing_quote(root):
    path = root / "claims/entities.csv"
    line = line_of_row(path, "entity_id", "agent:bbc-hospital-source-2012")
    column = replace_in_line(path, line, '2012)",', '2012)"x,')
    return Expected("csv-stray-quote", "claims/entities.csv", line, column + 6)


@case
def unclosed_quote_in_last_row(root):
    path = root / "claims/aliases.csv"
    text = path.read_text(encoding="utf-8")
    line = text.rstrip("\n").count("\n") + 1
    path.write_text(text.rstrip("\n") + '"\n', encoding="utf-8")
    last = text.rstrip("\n").split("\n")[-1]
    return Expected("csv-unclosed-quote", "claims/aliases.csv", line, len(last) + 1)


@case
def crlf_line_endings(root):
    path = root / "claims/properties.csv"
    header = path.read_text(encoding="utf-8").split("\n")[0]
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return Expected("csv-line-ending", "claims/properties.csv", 1, len(header) + 1)


@case
def byte_order_mark(root):
    path = root / "claims/aliases.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return Expected("csv-bom", "claims/aliases.csv", 1, 1)


@case
def latin1_encoded_file(root):
    path = root / "claims/entities.csv"
    rows = path.read_text(encoding="utf-8").split("\n")
    line = 3
    rows[line - 1] = rows[line - 1].replace("2012", "2012 caf\u00e9", 1)
    path.write_bytes("\n".join(rows).encode("latin-1"))
    return Expected("csv-encoding", "claims/entities.csv", line, rows[line - 1].index("\u00e9") + 1)


@case
def duplicate_header_column(root):
    path = root / CLAIMS
    path.write_text(path.read_text(encoding="utf-8").replace(",hedge,", ",quote,", 1), encoding="utf-8")
    return Expected("csv-header", CLAIMS, 1, 1, hint="the header must be exactly")


@case
def missing_header_column(root):
    path = root / "claims/properties.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",notes\n", "\n", 1), encoding="utf-8")
    return Expected("csv-header", "claims/properties.csv", 1, 1)


@case
def missing_header_row(root):
    path = root / "claims/properties.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    return Expected("csv-header", "claims/properties.csv", 1, 1)


@case
def extra_cell(root):
    path = root / "claims/entities.csv"
    line = line_of_row(path, "entity_id", "place:khorog")
    rows = path.read_text(encoding="utf-8").split("\n")
    rows[line - 1] += ",extra"
    path.write_text("\n".join(rows), encoding="utf-8")
    return Expected("csv-row-width", "claims/entities.csv", line, len(rows[line - 1]) - len("extra") + 1)


@case
def missing_cell(root):
    path = root / "claims/confidence_rubric.csv"
    line = line_of_row(path, "rule_id", "C2")
    rows = path.read_text(encoding="utf-8").split("\n")
    rows[line - 1] = rows[line - 1].replace("C2,0.8,", "C2,", 1)
    path.write_text("\n".join(rows), encoding="utf-8")
    return Expected("csv-row-width", "claims/confidence_rubric.csv", line)


@case
def blank_line_between_rows(root):
    path = root / "claims/properties.csv"
    rows = path.read_text(encoding="utf-8").split("\n")
    rows.insert(3, "")
    path.write_text("\n".join(rows), encoding="utf-8")
    return Expected("csv-row-width", "claims/properties.csv", 4, 1)


@case
def empty_file(root):
    (root / "claims/aliases.csv").write_bytes(b"")
    return Expected("csv-empty", "claims/aliases.csv", 1, 1)


@case
def file_of_one_newline(root):
    (root / "claims/exclusions.csv").write_bytes(b"\n")
    return Expected("csv-header", "claims/exclusions.csv", 1, 1)


@case
def missing_table_file(root):
    (root / "claims/aliases.csv").unlink()
    return Expected("file-missing", "claims/aliases.csv", 1, 1)


@case
def fifty_megabyte_field(root):
    line, column = infobox_cell(root, "note")
    header, rows = rows_of(root / CLAIMS)
    for row in rows:
        if row[0] == infobox_claim(root):
            row[header.index("note")] = "x" * (50 * 1024 * 1024)
    (root / CLAIMS).write_text(csvio.dumps(header, rows), encoding="utf-8")
    return Expected("csv-cell-size", CLAIMS, line, column)


@case
def multiline_cell_shifts_later_lines(root):
    """A note spanning three lines: a later error is still reported on its real line."""
    claim_id = infobox_claim(root)
    edit_row(root / CLAIMS, "claim_id", claim_id, note="first line\nsecond line\nthird line")
    other = first_value(root / CLAIMS, "claim_id", quote="23 wounded")
    line = edit_row(root / CLAIMS, "claim_id", other, modality="maybe")
    assert line > infobox_line(root) + 2  # the file line, not the record number
    return Expected("record-enum", CLAIMS, line, cell_at(root / CLAIMS, "claim_id", other, "modality")[1])


# Keys ---------------------------------------------------------------------------------------------

@case
def duplicate_claim_id(root):
    path = root / CLAIMS
    rows = path.read_text(encoding="utf-8").split("\n")
    line = infobox_line(root)
    rows.insert(line, rows[line - 1])
    path.write_text("\n".join(rows), encoding="utf-8")
    return Expected("primary-key", CLAIMS, line + 1, 1)


@case
def duplicate_attribution_position(root):
    path = root / "claims/attributions.csv"
    claim_id = attributed_claim(root)
    line = line_of_row(path, "claim_id", claim_id) + 1
    header, rows = rows_of(path)
    for row in rows:
        if row[0] == claim_id and row[header.index("position")] == "2":
            row[header.index("position")] = "1"
    path.write_text(csvio.dumps(header, rows), encoding="utf-8")
    return Expected("primary-key", "claims/attributions.csv", line, 1)


@case
def same_document_added_twice(root):
    path = root / "claims/sources.csv"
    header, rows = rows_of(path)
    copy = dict(zip(header, rows[0]))
    copy["source_id"] = "copy-of-the-first-document"
    line = append_row(path, **copy)
    column = cell_at(path, "source_id", copy["source_id"], "seed_path")[1]
    return Expected("unique-key", "claims/sources.csv", line, column)


@case
def attribution_of_unknown_claim(root):
    path = root / "claims/attributions.csv"
    line = edit_row(path, "claim_id", attributed_claim(root), claim_id=f"{ENC}/deadbeef")
    return Expected("foreign-key", "claims/attributions.csv", line, 1)


# A character put into one cell of the infobox claim: the problem is at that character ------------

def infobox_text(rule: str, replacement: str | bytes, offset: int) -> Callable[[Path], Expected]:
    def make(root: Path) -> Expected:
        line = infobox_line(root)
        column = replace_in_line(root / CLAIMS, line, "41 killed,exact", replacement)
        return Expected(rule, CLAIMS, line, column + offset)
    return make


CASES.update({
    "stray_quote_inside_unquoted_cell": infobox_text("csv-stray-quote", '41 "killed,exact', 3),
    "carriage_return_inside_cell": infobox_text("csv-line-ending", "41\rkilled,exact", 2),
    "invalid_utf8_byte": infobox_text("csv-encoding", b"41 k\xffilled,exact", 4),
    "nul_byte": infobox_text("csv-nul-byte", "41 ki\x00lled,exact", 5),
})


# References and types: one cell of a claim changed, the problem at that cell ----------------------

def one_cell(rule: str, field: str, value: str, **also: str) -> Callable[[Path], Expected]:
    def make(root: Path) -> Expected:
        file, line = edit_claim(root, **{field: value}, **also)
        return Expected(rule, file, line, infobox_cell(root, field)[1])
    return make


CASES.update({
    "dangling_source": one_cell("foreign-key", "source_id", "no-such-document"),
    "dangling_subject": one_cell("foreign-key", "subject_id", "event:no-such-event"),
    "non_numeric_confidence": one_cell("cell-type", "confidence", "high"),
    "nan_confidence": one_cell("cell-type", "confidence", "NaN"),
    "confidence_above_one": one_cell("record-maximum", "confidence", "1.5"),
    "thousands_separator_in_number": one_cell("cell-type", "value_number", "1,000"),
    "impossible_date": one_cell("record-format", "time_start", "2012-02-30", time_precision="day"),
})


# Provenance -----------------------------------------------------------------------------------------

@case
def quote_absent_from_seed(root):
    column = infobox_cell(root, "quote")[1]
    file, line = edit_claim(root, quote="Casualties1: 99 wounded on Mars")
    return Expected("quote-in-seed", file, line, column)


@case
def typo_in_quote(root):
    file, line = edit_claim(root, quote="Casualties1: 41 kiled")
    return Expected("quote-in-seed", file, line, hint='nearest seed text is "Casualties1: 41 kille')


@case
def straight_quote_where_seed_is_curly(root):
    start, end = seed_span(root, SEED_2012_ASIAPLUS, "Asia-Plus’s correspondent")
    line = new_claim(root, ASIAPLUS, quote="Asia-Plus's correspondent", quote_start=str(start), quote_end=str(end))
    return Expected("quote-in-seed", CLAIMS, line, hint="’ (U+2019 right single quotation mark) where the quote "
                    f"has ' (U+0027 apostrophe) at character 10: use \"Asia-Plus’s correspondent\" with "
                    f"quote_start/quote_end {start}/{end}")


@case
def space_where_seed_has_no_break_space(root):
    text = "brought to justice.\u00a0 Two other persons"
    start, end = seed_span(root, SEED_2012_ASIAPLUS, text)
    line = new_claim(root, ASIAPLUS, quote=text.replace("\u00a0", " "), quote_start=str(start), quote_end=str(end))
    return Expected("quote-in-seed", CLAIMS, line, hint="U+00A0 no-break space where the quote has U+0020 space")


@case
def offsets_off_by_one(root):
    file, line = edit_claim(root, quote_start="422", quote_end="444")
    return Expected("quote-in-seed", file, line, hint="set quote_start/quote_end to 421/443")


@case
def evidence_offsets_off_by_one(root):
    path = root / "claims/attributions.csv"
    claim_id = attributed_claim(root)
    start = int(first_value(path, "evidence_start", claim_id=claim_id, position="1"))
    end = int(first_value(path, "evidence_end", claim_id=claim_id, position="1"))
    line = edit_row(path, "claim_id", claim_id, evidence_start=str(start + 1), evidence_end=str(end + 1))
    return Expected("evidence-in-seed", "claims/attributions.csv", line,
                    hint=f"set evidence_start/evidence_end to {start}/{end}")


@case
def tampered_seed(root):
    path = root / SEED_2012
    data = bytearray(path.read_bytes())
    data[data.index(b"41 killed")] = ord("4")  # one digit changed, same size
    data[data.index(b"41 killed") + 1] = ord("2")
    path.write_bytes(bytes(data))
    line, column = cell_at(root / "claims/sources.csv", "source_id", ENC, "sha256")
    return Expected("seed-hash", "claims/sources.csv", line, column)


@case
def truncated_seed(root):
    path = root / SEED_2012
    path.write_bytes(path.read_bytes()[:-10])
    line, column = cell_at(root / "claims/sources.csv", "source_id", ENC, "byte_size")
    return Expected("seed-hash", "claims/sources.csv", line, column)


@case
def seed_path_escaping_seeds(root):
    line = edit_row(root / "claims/sources.csv", "source_id", ENC, seed_path="seeds/../datapackage.json")
    column = cell_at(root / "claims/sources.csv", "source_id", ENC, "seed_path")[1]
    return Expected("record-pattern", "claims/sources.csv", line, column)


@case
def seed_symlink_out_of_repository(root):
    outside = root.parent / "outside.txt"
    outside.write_bytes((root / SEED_2012).read_bytes())
    (root / SEED_2012).unlink()
    os.symlink(outside, root / SEED_2012)
    line, column = cell_at(root / "claims/sources.csv", "source_id", ENC, "seed_path")
    return Expected("seed-path", "claims/sources.csv", line, column)


@case
def seeds_folder_is_a_symlink(root):
    outside = root.parent / "seeds-elsewhere"
    (root / "seeds").rename(outside)
    os.symlink(outside, root / "seeds")
    first = rows_of(root / "claims/sources.csv")[1][0][0]
    line, column = cell_at(root / "claims/sources.csv", "source_id", first, "seed_path")
    return Expected("seed-path", "claims/sources.csv", line, column)


@case
def seed_that_is_not_utf8(root):
    path = root / SEED_2012
    data = path.read_bytes() + b"\xff"
    path.write_bytes(data)
    line = edit_row(root / "claims/sources.csv", "source_id", ENC, sha256=hashlib.sha256(data).hexdigest(),
                    byte_size=str(len(data)))
    return Expected("seed-encoding", "claims/sources.csv", line)


# Descriptor and multipart ------------------------------------------------------------------------

@case
def descriptor_not_json(root):
    path = root / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"name": ', '"name" ', 1), encoding="utf-8")
    line = text[: text.index('"name": ')].count("\n") + 1
    return Expected("descriptor-json", "datapackage.json", line)


@case
def resource_path_leaving_the_package(root):
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    index = next(i for i, r in enumerate(descriptor["resources"]) if r["name"] == "aliases")
    descriptor["resources"][index]["path"] = "../aliases.csv"
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    line, column = jsonloc.locate(text, ["resources", index, "path"])
    return Expected("descriptor-resource", "datapackage.json", line, column)


@case
def error_in_second_part_of_multipart_table(root):
    _, second = split_table(root, "claims", 5)
    other = rows_of(root / second)[1][-1][0]
    line = edit_row(root / second, "claim_id", other, confidence="high")
    return Expected("cell-type", second, line, cell_at(root / second, "claim_id", other, "confidence")[1])


# Lints (warnings) --------------------------------------------------------------------------------

@case
def hedge_word_with_high_confidence(root):
    start, end = seed_span(root, SEED_2012, "Ayyombekov estimated in an interview")
    claim_id = infobox_claim(root)
    file, line = edit_claim(root, quote="Ayyombekov estimated in an interview", quote_start=str(start),
                            quote_end=str(end), value="killed")
    column = cell_at(root / CLAIMS, "claim_id", claim_id, "confidence")[1]
    return Expected("lint-hedge-confidence", file, line, column, "warning")


@case
def number_in_value_not_in_quote(root):
    file, line = edit_claim(root, value="42 killed")
    return Expected("lint-number-in-quote", file, line, infobox_cell(root, "value")[1], "warning")


@case
def orphan_entity(root):
    line = append_row(root / "claims/entities.csv", entity_id="person:nobody-at-all", entity_type="person",
                      canonical_name="Nobody", description="An entity no row uses.")
    return Expected("lint-orphan-entity", "claims/entities.csv", line, 1, "warning")


@case
def alias_differing_only_by_case(root):
    path = root / "claims/aliases.csv"
    header, rows = rows_of(path)
    first = dict(zip(header, rows[0]))
    line = append_row(path, entity_id=first["entity_id"], alias=first["alias"].upper(), alias_kind="descriptive")
    return Expected("lint-alias-variant", "claims/aliases.csv", line, cell_at(path, "alias", first["alias"].upper(),
                                                                             "alias")[1], "warning")
