"""Untrusted input stays bounded and inert: each probe of a careless or hostile contribution
gets a located error (file, line or JSON path), exit 1, never "internal error", never a read
outside the package, never a network connection, never a terminal escape or workflow command."""

from __future__ import annotations

import json
import os
import re
import socket
from pathlib import Path

import pytest

from claims import safeio
from claims.schemas import MAX_SCHEMA_NODES

from breakage import append_row, rows_of

SCHEMA = "schemas/entities.schema.json"


def assert_located(result, where: str, rule: str) -> str:
    """Exit 1, the problem at where under rule, no internal error. where is file:line:column, or
    ends early with a colon (file: or file:line:) for any line or column after it."""
    output = result.stdout + result.stderr
    assert result.exit_code == 1, output
    assert "internal error" not in output and "Traceback" not in output
    rest = ""
    if where.endswith(":"):
        rest = r"[0-9]+:[0-9]+" if where.count(":") == 1 else r"[0-9]+"
    assert re.search(re.escape(where) + rest + re.escape(f": error [{rule}]"), output), output
    return output


def edit_schema(root: Path, change) -> None:
    path = root / SCHEMA
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")


# Bounded -------------------------------------------------------------------------------------------

def test_header_of_many_columns_is_one_short_problem(package_copy, cli):
    path = package_copy / "claims/entities.csv"
    header, rows = rows_of(path)
    path.write_text(",".join(f"c{i}" for i in range(200_000)) + "\n", encoding="utf-8")
    result = cli("validate", "--root", package_copy, "--engine", "python")
    output = assert_located(result, "claims/entities.csv:1:1", "csv-header")
    message = next(line for line in output.splitlines() if "[csv-header]" in line)
    assert "200,000 columns" in message and "199,980 more" in message  # counted, not all listed


def test_backtracking_pattern_runs_in_linear_time(package_copy, cli):
    """^(a+)+$ takes Python's re exponential time on 'aaa...ab'; RE2 answers at once."""
    edit_schema(package_copy, lambda d: d["properties"]["notes"].update(pattern="^(a+)+$"))
    line = append_row(package_copy / "claims/entities.csv", entity_id="person:probe", entity_type="person",
                      canonical_name="Probe", description="Probe.", notes="a" * 41 + "b")
    result = cli("validate", "--root", package_copy, "--engine", "python")
    output = result.stdout + result.stderr
    assert result.exit_code == 1 and "internal error" not in output
    assert f"claims/entities.csv:{line}:" in output and "[record-pattern]" in output


def test_pattern_re2_cannot_run_is_a_located_schema_error(package_copy, cli):
    edit_schema(package_copy, lambda d: d["properties"]["notes"].update(pattern="^(a)\\1$"))
    assert_located(cli("validate", "--root", package_copy), f"{SCHEMA}:", "schema-file")


def test_ref_fan_out_is_refused(package_copy, cli):
    def fan_out(document):
        document["$defs"] = {f"d{i}": {"allOf": [{"$ref": f"#/$defs/d{i + 1}"}, {"$ref": f"#/$defs/d{i + 1}"}]}
                             for i in range(40)}
        document["$defs"]["d40"] = {"type": "string"}
        document["properties"]["notes"]["$ref"] = "#/$defs/d0"
    edit_schema(package_copy, fan_out)
    output = assert_located(cli("validate", "--root", package_copy), f"{SCHEMA}:", "schema-file")
    assert f"more than {MAX_SCHEMA_NODES:,}" in output


def test_table_file_over_the_cap_is_refused_unread(package_copy, cli, monkeypatch):
    """The cap is 4 GiB; lowered here so that a small file exceeds it (both engines read it from safeio)."""
    size = (package_copy / "claims/aliases.csv").stat().st_size
    monkeypatch.setattr(safeio, "MAX_TABLE_BYTES", size - 1)
    for engine in ("python", "duckdb"):
        output = assert_located(cli("validate", "--root", package_copy, "--engine", engine),
                                "claims/aliases.csv:1:1", "file-size")
        assert f"file of {size:,} bytes, more than the {size - 1:,} allowed" in output


@pytest.mark.parametrize("ref", ["https://example.org/s.json", "other.schema.json#/x", "#/$defs/missing"])
def test_ref_outside_the_file_is_refused(package_copy, cli, ref):
    edit_schema(package_copy, lambda d: d["properties"]["notes"].update({"$ref": ref}))
    assert_located(cli("validate", "--root", package_copy), f"{SCHEMA}:", "schema-file")


@pytest.mark.parametrize("text, where", [
    ("[" * 100_000 + "]" * 100_000, f"datapackage.json:1:{safeio.MAX_JSON_DEPTH + 1}"),
    ('{"name": ' + "9" * 5_000 + "}", "datapackage.json:1:10"),
    ('{"name": "x",\n "resources": [', "datapackage.json:2:"),
])
def test_descriptor_that_breaks_the_parser_is_located(package_copy, cli, text, where):
    (package_copy / "datapackage.json").write_text(text, encoding="utf-8")
    for command in (["validate"], ["validate", "--engine", "duckdb"], ["build"], ["fmt"], ["summary"]):
        assert_located(cli(*command, "--root", package_copy), where, "descriptor-json")


@pytest.mark.parametrize("data, where", [
    (None, f"{SCHEMA}:"),  # truncated: see below
    (b'{"x-resource": "entities", "title": "\xff"}', f"{SCHEMA}:1:38"),
    (b'{"title": "no x-resource", "properties": {}}', f"{SCHEMA}:1:1"),
    (b"[" * 10_000 + b"]" * 10_000, f"{SCHEMA}:1:{safeio.MAX_JSON_DEPTH + 1}"),
])
def test_broken_schema_file_is_located(package_copy, cli, data, where):
    path = package_copy / SCHEMA
    path.write_bytes(path.read_bytes()[:200] if data is None else data)
    for command in (["validate"], ["fmt"], ["add-entity", "person:x", "--name", "X", "--description", "X."],
                    ["build"]):
        assert_located(cli(*command, "--root", package_copy), where, "schema-file")


# Inert ---------------------------------------------------------------------------------------------

@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to reach the network fails loudly and is recorded."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network use during a test")
    for name in ("create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.mark.parametrize("key, value", [("schema", "https://example.org/table-schema.json"),
                                        ("path", "https://example.org/entities.csv"),
                                        ("dialect", "https://example.org/dialect.json")])
def test_remote_reference_in_descriptor_is_refused_without_network(package_copy, cli, no_network, key, value):
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r.get("name") == "entities")
    resource[key] = value
    path.write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    for engine in ("python", "duckdb"):
        result = cli("validate", "--root", package_copy, "--engine", engine)
        output = result.stdout + result.stderr
        assert result.exit_code == 1 and "internal error" not in output
        assert "[descriptor-remote]" in output, output
    assert no_network == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
@pytest.mark.parametrize("rel", ["claims/exclusions.csv", SCHEMA])
def test_symlink_out_of_the_package_is_refused_unread(package_copy, tmp_path, cli, rel):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FIRST-LINE,x\n", encoding="utf-8")
    (package_copy / rel).unlink()
    os.symlink(secret, package_copy / rel)
    for engine in ("python", "duckdb"):
        result = cli("validate", "--root", package_copy, "--engine", engine)
        output = assert_located(result, f"{rel}:1:1", "file-symlink")
        assert "SECRET-FIRST-LINE" not in output


HOSTILE_CELL = "Probe \x1b]0;owned\x07\x1b[2J\x9b31m name\n::add-mask::secret\n  ::stop-commands::x ##[error]boom"


@pytest.fixture(scope="module")
def hostile_package(tmp_path_factory):
    from conftest import copy_package

    root = copy_package(tmp_path_factory.mktemp("hostile") / "package")
    append_row(root / "claims/entities.csv", entity_id="person:probe", entity_type="person",
               canonical_name=HOSTILE_CELL, description=HOSTILE_CELL)
    return root


def assert_inert(text: str, annotations: bool = False) -> None:
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), repr(text)
    assert "##[" not in text
    for line in text.split("\n"):
        if line.lstrip().startswith("::"):
            assert annotations and re.match(r"::(error|warning|notice) [^\n]*::", line), line


@pytest.mark.parametrize("args", [
    ["show", "person:probe"], ["show", "person:probe", "--json"],
    ["sql", "select canonical_name, description from entities where entity_id = ?", "--param", "person:probe"],
    ["sql", "select canonical_name from entities where entity_id = ?", "--param", "person:probe", "--json"],
    ["validate", "--strict"], ["validate", "--format", "github"], ["validate", "--json"],
    ["add-alias", "person:probe", "--alias", HOSTILE_CELL],
])
def test_cell_text_never_becomes_an_escape_or_a_workflow_command(hostile_package, cli, args):
    result = cli(*args, "--root", hostile_package)
    assert "internal error" not in result.stderr
    assert_inert(result.stdout, annotations="github" in args)
    assert_inert(result.stderr)
    if "--json" in args and args[0] == "sql":
        assert json.loads(result.stdout)[0]["canonical_name"] == HOSTILE_CELL  # escapes decode to the cell


@pytest.mark.parametrize("cell, rule", [("=HYPERLINK(\"http://x\",\"y\")", "lint-formula-cell"),
                                        ("@SUM(A1)", "lint-formula-cell"), ("+HYPERLINK(\"x\")", "lint-formula-cell"), ("-2+3+cmd|' /C calc'!A0", "lint-formula-cell"),
                                        ("plain \x1b[31m red", "lint-control-character"),
                                        ("abc\u202edcba", "lint-control-character")])
def test_cells_that_act_on_their_reader_fail_strict(package_copy, cli, cell, rule):
    line = append_row(package_copy / "claims/entities.csv", entity_id="person:probe", entity_type="person",
                      canonical_name="Probe", description=cell)
    for engine in ("python", "duckdb"):
        assert cli("validate", "--root", package_copy, "--engine", engine).exit_code == 0
        result = cli("validate", "--strict", "--root", package_copy, "--engine", engine)
        assert result.exit_code == 1
        assert re.search(rf"claims/entities.csv:{line}:[0-9]+: warning \[{rule}\] description", result.stdout), \
            result.stdout


@pytest.mark.parametrize("cell", ["-3", "+12", "-1,5", "a=b", "e-mail", "x@y", "-year-old", "- 12 killed"])
def test_signed_numbers_and_inner_signs_are_not_formulas(cell):
    from claims.lints import is_formula_like

    assert not is_formula_like(cell)
