"""The one output layer (claims/cli/render.py): every data-printing command takes --format, --json
is its synonym, text fits 80 columns and is plain off a terminal. Driven through the command
line, with exact output; values come from the queries themselves, not from the committed data."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claims.cli import app
from claims.cli.render import WIDTH, table

from conftest import ROOT

QUERY = "SELECT 1 AS n, 'a|b' AS s, NULL AS z, 2.5::DOUBLE AS f, [1, 2] AS l"


@pytest.mark.parametrize("output_format, expected", [
    ("text", "n  s    z     f    l\n-  ---  ----  ---  ----\n1  a|b  NULL  2.5  1; 2\n"),
    ("csv", "n,s,z,f,l\n1,a|b,,2.5,1; 2\n"),
    ("markdown", "| n | s | z | f | l |\n|---|---|---|---|---|\n| 1 | a\\|b |  | 2.5 | 1; 2 |\n"),
    ("json", '[\n  {\n    "n": 1,\n    "s": "a|b",\n    "z": null,\n    "f": 2.5,\n    "l": [\n      1,\n'
             '      2\n    ]\n  }\n]\n'),
])
def test_sql_prints_each_format_exactly(cli, output_format, expected):
    result = cli("sql", QUERY, "--format", output_format, "--root", ROOT)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected


def test_json_is_a_synonym_of_format_json_and_excludes_the_other_formats(cli):
    assert cli("sql", QUERY, "--json", "--root", ROOT).stdout == cli("sql", QUERY, "-f", "json", "--root", ROOT).stdout
    clash = cli("summary", "--json", "--format", "csv", "--root", ROOT)
    assert clash.exit_code == 2 and "--json and --format csv exclude each other" in clash.stderr
    unknown = cli("conflicts", "--format", "yaml", "--root", ROOT)
    assert unknown.exit_code == 2 and "yaml" in unknown.stderr


def test_a_wide_table_is_wrapped_to_80_columns_without_losing_a_word(cli):
    words = " ".join(f"word{n}" for n in range(40))
    result = cli("sql", "SELECT ? AS long_text, 'short' AS s, ? AS other", "-p", words, "-p", words.upper(),
                 "--root", ROOT)
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= WIDTH
    assert lines[0].split() == ["long_text", "s", "other"]
    first = lines[0].index("s ")
    assert " ".join(line[:first].strip() for line in lines[2:]).split() == words.split()
    assert "\x1b" not in result.stdout  # off a terminal: plain text


def test_the_table_keeps_narrow_tables_as_they_are_and_bolds_the_header_only_when_asked():
    assert table(["a", "bb"], [(1, None)]) == ["a  bb", "-  ----", "1  NULL"]
    assert table(["a"], [("x",)], bold=True)[0] == "\x1b[1ma\x1b[0m"


@pytest.mark.parametrize("command", [
    ["summary"], ["coverage"], ["conflicts"], ["sql", "SELECT 1 AS n"], ["vocab", "modalities"],
    ["entities", "a"],
])
def test_every_table_command_prints_csv_markdown_and_json_of_the_same_rows(cli, command):
    outputs = {name: cli(*command, "--format", name, "--root", ROOT) for name in ("csv", "markdown", "json")}
    for result in outputs.values():
        assert result.exit_code in (0, 1), result.output  # coverage exits 1 when a number is uncovered
    rows = list(csv.reader(io.StringIO(outputs["csv"].stdout)))
    markdown = outputs["markdown"].stdout.splitlines()
    assert len(markdown) == len(rows) + 1  # the header, its rule, then one line per row
    assert markdown[0] == "| " + " | ".join(rows[0]) + " |"
    assert isinstance(json.loads(outputs["json"].stdout), (list, dict))


def test_validate_prints_csv_of_its_problems_and_markdown_of_its_report(cli):
    as_csv = cli("validate", "-f", "csv", "--root", ROOT)
    assert as_csv.stdout.splitlines()[0] == "file,line,column,severity,rule,message,hint,field"
    report = json.loads(cli("validate", "--json", "--root", ROOT).stdout)
    assert len(as_csv.stdout.splitlines()) == 1 + len(report["problems"])
    assert cli("validate", "-f", "markdown", "--root", ROOT).stdout.startswith("#")


def test_every_data_printing_command_accepts_format():
    printing = {"validate", "summary", "coverage", "conflicts", "show", "sql", "vocab", "entities", "diff",
                "review", "agreement", "release"}
    import typer.main

    commands = typer.main.get_command(app).commands
    assert printing <= set(commands)
    for name in printing:
        options = {opt for param in commands[name].params for opt in getattr(param, "opts", [])}
        assert {"--format", "--json"} <= options, name
