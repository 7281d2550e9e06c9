"""Every pattern in the schemas means the same in Python and in DuckDB."""

from __future__ import annotations

import re

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.schemas import load_schemas

from conftest import ROOT


def all_patterns() -> list[str]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.append(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    for schema in load_schemas(ROOT / "schemas").values():
        walk(schema.document)
    return sorted(set(found))


PATTERNS = all_patterns()


@pytest.mark.parametrize("pattern", PATTERNS)
def test_pattern_is_anchored_and_portable(pattern):
    assert pattern.startswith("^") and pattern.endswith("$")
    # Shorthand classes differ between engines (\d takes Arabic-Indic digits in Python).
    assert re.search(r"\\[dDwWsSbB]", pattern) is None


# Strings near the patterns' alphabets, plus the characters the engines disagree on.
tricky = st.text(st.sampled_from(list("abcz09-+/:._ CQ\n\t") + ["٣", "é", "Z"]), max_size=12)
connection = duckdb.connect()


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PATTERNS), tricky)
def test_python_full_match_agrees_with_duckdb(pattern, text):
    python = re.fullmatch(pattern, text) is not None
    duck = connection.execute("SELECT regexp_full_match(?, ?)", [text, pattern]).fetchone()[0]
    assert python == duck


def test_trailing_newline_is_rejected_as_duckdb_does():
    from claims.schemas import RecordValidator
    validator = RecordValidator({"type": "string", "pattern": "^[a-z]+$"})
    assert not validator.is_valid("abc\n")
    assert validator.is_valid("abc")
