"""Record rules (from the JSON Schemas) reject a broken copy with the right rule, file and line.
Every rule of the registry is broken by its own case in tests/test_rule_registry.py."""

from __future__ import annotations

import pytest

from breakage import ENC, SEED_2012, edit_claim, line_of_row


def break_quote(root):
    return edit_claim(root, quote="Casualties1: 42 killed")


def break_seed_byte(root):
    path = root / SEED_2012
    data = bytearray(path.read_bytes())
    data[data.index(b"See also")] = ord("s")
    path.write_bytes(bytes(data))
    return "claims/sources.csv", line_of_row(root / "claims/sources.csv", "source_id", ENC)


def break_required(root):
    return edit_claim(root, modality="")


def break_pattern(root):
    return edit_claim(root, subject_id="Event:Khorog")


def break_enum(root):
    return edit_claim(root, modality="maybe")


def break_conditional(root):
    return edit_claim(root, status="deprecated")


def break_foreign_key(root):
    return edit_claim(root, source_id="no-such-document")


LAYERS = {
    "record-required": break_required,
    "record-pattern": break_pattern,
    "record-enum": break_enum,
    "claim-deprecation-reason": break_conditional,
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
