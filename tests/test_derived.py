"""Nothing listed by hand that can be derived: the table order from the foreign keys, the
table resources of datapackage.json and the base lines of sql/load.sql written by claims sync,
and the views read after the views they read."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from claims.build import load_statements, working_directory
from claims.package import table_order
from claims.problems import ClaimsError
from claims.schemas import RecordSchema, load_schemas

from conftest import ROOT


def schema(name: str, *references: str) -> RecordSchema:
    keys = [{"fields": [f"{target}_id"], "reference": {"resource": target, "fields": ["id"]}} for target in references]
    return RecordSchema(name, Path(f"{name}.schema.json"), {"x-foreignKeys": keys})


def test_every_table_comes_after_the_tables_it_references():
    schemas = load_schemas(ROOT / "schemas")
    order = table_order(schemas)
    assert sorted(order) == sorted(schemas)
    for name in order:
        for foreign in schemas[name].foreign_keys:
            assert order.index(foreign["reference"]["resource"]) <= order.index(name), (name, foreign)


def listing(*names: str) -> dict:
    return {"resources": [{"name": name, "type": "table", "path": f"{name}.csv"} for name in names]}


def test_the_descriptor_breaks_ties_and_an_unlisted_table_goes_as_soon_as_it_can():
    schemas = {s.name: s for s in (schema("b"), schema("a"), schema("c", "a"), schema("d", "d", "b"))}
    assert table_order(schemas) == ("a", "b", "c", "d")  # a table may reference itself (d)
    assert table_order(schemas, listing("b", "d", "a")) == ("b", "d", "a", "c")
    assert table_order(schemas, listing("b", "d")) == ("a", "c", "b", "d")


def test_a_cycle_of_foreign_keys_is_an_error():
    with pytest.raises(ClaimsError, match="cycle among a, b"):
        table_order({"a": schema("a", "b"), "b": schema("b", "a"), "c": schema("c")})


@pytest.mark.parametrize("table", ["aliases", "exclusions"])
def test_sync_restores_a_deleted_table_resource(table, package_copy, cli):
    path = package_copy / "datapackage.json"
    before = path.read_text(encoding="utf-8")
    descriptor = json.loads(before)
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != table]
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    result = cli("validate", "--root", package_copy)
    assert result.exit_code == 1 and f"no table resource {table}" in result.output
    assert cli("sync", "--root", package_copy).exit_code == 0
    restored = json.loads(path.read_text(encoding="utf-8"))
    names = [r["name"] for r in restored["resources"]]
    assert sorted(names) == sorted(r["name"] for r in json.loads(before)["resources"])
    if table == "aliases":  # goes back where it was: as soon as the tables it references
        assert names == [r["name"] for r in json.loads(before)["resources"]]
    original = next(r for r in json.loads(before)["resources"] if r["name"] == table)
    again = next(r for r in restored["resources"] if r["name"] == table)
    assert {k: again[k] for k in ("path", "schema", "type", "format")} == \
        {k: original[k] for k in ("path", "schema", "type", "format")}
    assert cli("validate", "--root", package_copy).exit_code == 0


def test_sync_restores_a_deleted_read_line_of_the_load_script(package_copy, cli):
    path = package_copy / "sql/load.sql"
    before = path.read_text(encoding="utf-8")
    line = before.split("\n").index(".read sql/base/claims.sql") + 1
    path.write_text(before.replace(".read sql/base/claims.sql\n", ""), encoding="utf-8")
    result = cli("validate", "--root", package_copy)
    assert result.exit_code == 1 and f"sql/load.sql:{line}:1: error [generated-sync]" in result.output
    assert cli("sync", "--root", package_copy).exit_code == 0
    assert path.read_text(encoding="utf-8") == before


def test_the_load_script_reads_every_view_and_macro_once_after_what_it_reads():
    """The hand-listed part of sql/load.sql: every file of sql/views and sql/macros is read, and
    each view after every view and macro its SQL names."""
    read = [str(path) for path, _ in load_statements(ROOT)]
    files = sorted(f"sql/{kind}/{p.name}" for kind in ("views", "macros") for p in (ROOT / "sql" / kind).glob("*.sql"))
    assert sorted(r for r in read if not r.startswith("sql/base/")) == files
    names = {Path(r).stem: index for index, r in enumerate(read)}
    for index, rel in enumerate(read):
        if rel.startswith("sql/base/"):
            continue
        text = re.sub(r"--[^\n]*|'[^']*'", "", (ROOT / rel).read_text(encoding="utf-8"))
        used = {word for word in re.findall(r"[a-z_]+", text) if word in names and word != Path(rel).stem}
        assert all(names[word] < index for word in used), (rel, sorted(w for w in used if names[w] > index))


def test_the_load_script_runs_in_its_order_on_a_fresh_database():
    connection = duckdb.connect()
    try:
        with working_directory(ROOT):
            for path, text in load_statements(ROOT):
                connection.execute(text)
        views = {row[0] for row in connection.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert views == {p.stem for p in (ROOT / "sql/views").glob("*.sql")}
    finally:
        connection.close()
