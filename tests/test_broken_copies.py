"""Each layer and each named check rejects a broken copy with the right rule, file and line."""

from __future__ import annotations

import json

import pytest

from claims.rules import NAMED_CHECKS
from claims.validate import validate

from breakage import (ENC, INFOBOX_QUOTE, SEED_2012, append_row, attributed_claim, edit_claim, edit_row, first_value, infobox_claim,
                      line_of_row, rows_of)
from claims import csvio
from conftest import csv_line_of


def break_quote(root):
    return edit_claim(root, quote="Casualties1: 42 killed")


def break_seed_byte(root):
    path = root / SEED_2012
    data = bytearray(path.read_bytes())
    data[data.index(b"See also")] = ord("s")
    path.write_bytes(bytes(data))
    return "claims/sources.csv", line_of_row(root / "claims/sources.csv", "source_id", ENC)


def break_seed_path(root):
    return "claims/sources.csv", edit_row(root / "claims/sources.csv", "source_id", ENC, seed_path="seeds/missing.txt")


def break_seed_encoding(root):
    import hashlib
    path = root / SEED_2012
    data = path.read_bytes() + b"\xff\xfe"
    path.write_bytes(data)
    return "claims/sources.csv", edit_row(root / "claims/sources.csv", "source_id", ENC,
                                          sha256=hashlib.sha256(data).hexdigest(), byte_size=str(len(data)))


def break_seed_registered(root):
    (root / "seeds/extra.txt").write_text("an unregistered document\n", encoding="utf-8")
    return "seeds/extra.txt", 1


def break_evidence(root):
    path = root / "claims/attributions.csv"
    claim_id = attributed_claim(root)
    evidence = first_value(path, "evidence", claim_id=claim_id, position="1")
    header_line = edit_row(path, "claim_id", claim_id, evidence=evidence.replace("e", "E", 1))
    return "claims/attributions.csv", header_line


def break_exclusion(root):
    path = root / "claims/exclusions.csv"
    line = append_row(path, source_id=ENC, text="px", start="0", end="2", reason="test")
    return "claims/exclusions.csv", line


def break_claim_namespace(root):
    return edit_claim(root, claim_id="report-2015-tajikistan-13-dead/0badc0de")


def break_entity_prefix(root):
    return "claims/entities.csv", edit_row(root / "claims/entities.csv", "entity_id", "place:khorog", entity_type="person")


def break_value_bounds(root):
    return edit_claim(root, value_min="40")


def break_value_type(root):
    return edit_claim(root, value_entity_id="place:khorog")


def break_scope(root):
    return edit_claim(root, scope="rebels+government")


def break_interval(root):
    return edit_claim(root, time_start="2012-07-25", time_end="2012-07-24", time_precision="day")


def break_confidence(root):
    return edit_claim(root, confidence="0.7")


def break_chain(root):
    path = root / "claims/attributions.csv"
    header, rows = rows_of(path)
    claim_id = attributed_claim(root)
    line = line_of_row(path, "claim_id", claim_id) + 1  # the position-2 row follows position 1
    for row in rows:
        if row[header.index("claim_id")] == claim_id and row[header.index("position")] == "2":
            row[header.index("position")] = "3"
    path.write_text(csvio.dumps(header, rows), encoding="utf-8")
    return "claims/attributions.csv", line


def break_duplicate(root):
    path = root / "claims/claims.csv"
    header, rows = rows_of(path)
    infobox = next(dict(zip(header, row)) for row in rows if row[header.index("quote")] == INFOBOX_QUOTE)
    return "claims/claims.csv", append_row(path, **{**infobox, "claim_id": f"{ENC}/0dd0dd00"})


NAMED = {
    "seed-path": break_seed_path,
    "seed-hash": break_seed_byte,
    "seed-encoding": break_seed_encoding,
    "seed-registered": break_seed_registered,
    "quote-in-seed": break_quote,
    "evidence-in-seed": break_evidence,
    "exclusion-in-seed": break_exclusion,
    "claim-id-namespace": break_claim_namespace,
    "entity-id-prefix": break_entity_prefix,
    "value-bounds": break_value_bounds,
    "value-matches-type": break_value_type,
    "scope-matches-property": break_scope,
    "interval-order": break_interval,
    "confidence-rubric": break_confidence,
    "attribution-chain": break_chain,
    "claim-duplicate": break_duplicate,
}


def test_every_named_check_has_a_breaking_case():
    assert set(NAMED) == {check.rule for check in NAMED_CHECKS}


@pytest.mark.parametrize("rule", sorted(NAMED))
def test_named_check_rejects_broken_copy(rule, package_copy, cli):
    file, line = NAMED[rule](package_copy)
    report = validate(package_copy)
    located = [(p.file, p.line) for p in report.problems if p.rule == rule]
    assert (file, line) in located, [p.render() for p in report.problems]
    result = cli("validate", "--root", package_copy)
    assert result.exit_code == 1
    assert f"{file}:{line}:" in result.output and f"[{rule}]" in result.output


def break_header(root):
    path = root / "claims/claims.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quote_start", "quote_begin", 1), encoding="utf-8")
    return "claims/claims.csv", 1


def break_width(root):
    path = root / "claims/entities.csv"
    line = line_of_row(path, "entity_id", "place:khorog")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1] + ",extra"
    path.write_text("\n".join(lines), encoding="utf-8")
    return "claims/entities.csv", line


def break_cell_type(root):
    return edit_claim(root, quote_start="forty")


def break_required(root):
    return edit_claim(root, modality="")


def break_pattern(root):
    return edit_claim(root, subject_id="Event:Khorog")


def break_enum(root):
    return edit_claim(root, modality="maybe")


def break_conditional(root):
    return edit_claim(root, status="deprecated")


def break_primary_key(root):
    path = root / "claims/claims.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    line = line_of_row(path, "claim_id", infobox_claim(root))
    lines.insert(line, lines[line - 1])
    path.write_text("\n".join(lines), encoding="utf-8")
    return "claims/claims.csv", line + 1


def break_foreign_key(root):
    return edit_claim(root, source_id="no-such-document")


def break_stray_opening_quote(root):
    path = root / "claims/entities.csv"
    line = line_of_row(path, "entity_id", "place:khorog")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = '"' + lines[line - 1]
    path.write_text("\n".join(lines), encoding="utf-8")
    return "claims/entities.csv", line


def break_crlf(root):
    path = root / "claims/properties.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return "claims/properties.csv", 1


def break_bom(root):
    path = root / "claims/aliases.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return "claims/aliases.csv", 1


def break_generated(root):
    path = root / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["resources"][0]["schema"]["fields"][0]["description"] = "edited by hand"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return "datapackage.json", csv_line_of(path, "edited by hand")  # the first line that differs


LAYERS = {
    "csv-header": break_header,
    "csv-row-width": break_width,
    "cell-type": break_cell_type,
    "record-required": break_required,
    "record-pattern": break_pattern,
    "record-enum": break_enum,
    "claim-deprecation-reason": break_conditional,
    "primary-key": break_primary_key,
    "foreign-key": break_foreign_key,
    "csv-stray-quote": break_stray_opening_quote,
    "csv-line-ending": break_crlf,
    "csv-bom": break_bom,
    "generated-sync": break_generated,
}


@pytest.mark.parametrize("rule", sorted(LAYERS))
def test_layer_rejects_broken_copy(rule, package_copy, cli):
    file, line = LAYERS[rule](package_copy)
    result = cli("validate", "--root", package_copy)
    assert result.exit_code == 1, result.output
    assert f"{file}:{line}:" in result.output and f"[{rule}]" in result.output, result.output
    assert "Traceback" not in result.output


def test_the_three_done_when_breakages_each_exit_one(package_copy, tmp_path, cli):
    """One changed quote character, one changed seed byte, a claim pointing at an unknown document."""
    from conftest import copy_package
    for index, breaker in enumerate((break_quote, break_seed_byte, break_foreign_key)):
        root = copy_package(tmp_path / f"copy{index}")
        file, line = breaker(root)
        result = cli("validate", "--root", root)
        assert result.exit_code == 1
        assert f"{file}:{line}:" in result.output


def test_unclosed_quote_in_last_row_points_at_its_opening(package_copy, cli):
    path = package_copy / "claims/properties.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines.append('zzz-last,"never closed,x,text,,single,false,')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("validate", "--root", package_copy)
    assert result.exit_code == 1
    assert f"claims/properties.csv:{len(lines)}:10: error [csv-unclosed-quote]" in result.output
