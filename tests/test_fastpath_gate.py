"""The fast path's gate agrees with the Python path on what is valid.

The gate may only pass a package the Python path passes (every test of it is a superset of
the Python path's), and it must pass the valid ones, or large packages would never be fast.
What it flags is reported by the Python path, so `--engine duckdb` and `--engine python`
print the same report: checked here on the real package, on every case of the bad-input
corpus, on generated packages (valid and with rows broken across every rule) and on
hypothesis-mutated bytes of a table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import duckdb

from claims import cases, checks, csvio, lints
from claims.fastpath.gate import pure_file_pattern, run_gate
from claims.fastpath import sqltext, wording
from claims.validate import validate

from conftest import ROOT, copy_package
from corpus.cases import CASES
from generate import MIN_CLAIMS, generate



@pytest.fixture(autouse=True)
def every_table_read_as_a_large_one(monkeypatch):
    """The wording loads small tables whole; here every table is read row by row, as a large one."""
    monkeypatch.setattr(wording, "WHOLE_ROWS", 0)

def same_reports(root: Path) -> bool:
    """Whether the gate passed the package; both engines' reports must be equal either way."""
    python = validate(root, "python")
    duckdb = validate(root, "duckdb")
    assert [p.render() for p in duckdb.problems] == [p.render() for p in python.problems]
    return run_gate(root).is_clean


def test_live_package_gets_the_same_report_from_both_engines(live_root):
    """Any valid package: the gate passes it when the Python path finds nothing at all, and both
    engines report the same warnings otherwise (the lint policy lets warnings through CI)."""
    is_clean = same_reports(live_root)
    python = validate(live_root, "python")
    assert python.is_valid
    assert is_clean == (not python.problems)
    if is_clean:
        assert run_gate(live_root).counts == python.counts


@pytest.mark.parametrize("name", sorted(CASES))
def test_gate_flags_every_corpus_case(name, package_copy):
    CASES[name](package_copy)
    assert not same_reports(package_copy)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("generated")


def test_generated_valid_package_passes(generated):
    generate(MIN_CLAIMS, generated / "valid", seed=5)
    assert same_reports(generated / "valid")
    # Its files are read once by RE2 and their commas never counted (pure_file_pattern).
    gate = run_gate(generated / "valid")
    assert gate.pure == set(gate.counts)


# A two-column table: the first column any text, the second one whose cells a control
# character anywhere or a formula's first character makes impure (the lints' RowQuery.cells).
PURE_SECOND = [sqltext.rows("t", "true", cells={"b": (lints.CONTROL_CHARS_RE2, "")}),
               sqltext.rows("t", "true", cells={"b": ("", lints.FORMULA_FIRST_RE2)})]
cell = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=6) | \
    st.sampled_from(["=1", "-3", "+x", "@a", "\tx", "a\x1b", "\u202e", "\x85", '"=', "\n=", ",", '""', "x\ny"])


@pytest.fixture(scope="module")
def connection():
    with duckdb.connect() as connection:
        yield connection


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(cell, cell), min_size=1, max_size=4), quote_all=st.booleans(),
       final_newline=st.booleans())
def test_a_pure_file_is_one_no_cell_query_can_select_from(connection, rows, quote_all, final_newline):
    """The pattern accepts a table text exactly when its records have the width and csvio's
    grammar (the header included) and no cell of the second column holds a control character
    or starts with a formula's first character."""
    if quote_all:
        text = "".join(",".join('"' + c.replace('"', '""') + '"' for c in row) + "\n" for row in [("a", "b"), *rows])
    else:
        text = csvio.dumps(["a", "b"], [list(row) for row in rows])
    text = text if final_newline else text.removesuffix("\n")
    pure = connection.execute("SELECT regexp_full_match($text, $pattern)",
                              {"text": text, "pattern": pure_file_pattern(["a", "b"], PURE_SECOND)}).fetchone()[0]
    safe = all(lints.CONTROL.search(b) is None and not b.startswith(("=", "@", "\t", "+", "-")) for _, b in rows)
    assert pure == safe


@pytest.mark.parametrize("fraction", [0.1, 0.001])
def test_generated_broken_package_is_flagged(generated, fraction):
    generate(MIN_CLAIMS, generated / f"broken-{fraction}", seed=5, broken=fraction)
    assert not same_reports(generated / f"broken-{fraction}")


TABLES = ["claims/claims.csv", "claims/attributions.csv", "claims/entities.csv", "claims/aliases.csv"]
BYTES = [b'"', b",", b"\n", b"\r", b"\x00", b"\xff", b"x", b"-", b"0", b"\xe2\x80\x9c", b""]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(TABLES), offset=st.floats(0, 1), cut=st.integers(0, 2),
       insert=st.sampled_from(BYTES))
def test_gate_never_passes_what_the_python_path_rejects(tmp_path_factory, table, offset, cut, insert):
    root = copy_package(tmp_path_factory.mktemp("mutated"))
    path = root / table
    data = path.read_bytes()
    at = int(offset * len(data))
    path.write_bytes(data[:at] + insert + data[at + cut:])
    if run_gate(root).is_clean:
        assert validate(root, "python").problems == []


def test_repair_hints_are_capped_alike_in_both_engines_and_the_report_says_so(package_copy, monkeypatch, cli):
    """Past the limit (1 here), a failing quote carries the rule's general fix in both engines."""
    monkeypatch.setattr(checks, "REPAIR_HINT_LIMIT", 1)
    for _ in range(2):
        cases.edit_where(package_copy, "claims", lambda row, root: not row["quote"].endswith(" [sic]"),
                         quote=lambda row: row["quote"] + " [sic]")
    python = cli("validate", "--root", package_copy, "--engine", "python")
    duckdb = cli("validate", "--root", package_copy, "--engine", "duckdb")
    assert (duckdb.exit_code, duckdb.output) == (python.exit_code, python.output)
    assert python.output.count("error [quote-in-seed]") == 2
    assert python.output.count(checks.REGISTRY["quote-in-seed"].hint) == 1
    assert "capped [quote-in-seed] a located repair is searched for the first 1 of its problems; 1 more carry" \
        in python.output
