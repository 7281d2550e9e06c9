"""The JSON Schemas compiled to SQL accept and reject exactly what python-jsonschema does.

For every schema, hypothesis draws records cell by cell (empty, a value that fits the column,
or one that nearly does), types them as package.load_table does and validates them with the
schema's python-jsonschema validator; the same texts go through the compiled SQL in DuckDB.
Both must find the same (rule, where) pairs in every record: the cell-type errors of each
column, each JSON Schema keyword error by column, each missing required column, and each
if/then/else branch that fails, by side.
"""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.fastpath.compile import TableSql, literal
from claims.schemas import load_schemas

from conftest import ROOT

SCHEMAS = load_schemas(ROOT / "schemas")
connection = duckdb.connect()

# Texts engines tend to disagree on: signs, spaces, exponents, other digits, odd dates.
NEAR_NUMBERS = ["0", "-0", "12", "007", "-3", "1.5", "-0.25", "1e3", "2E-2", "1e999", "+1", " 1", "1.", ".5",
                "0x10", "١٢", "1_000", "nan", "inf", "9" * 25, "12abc", "-"]
NEAR_DATES = ["2012-07-24", "2012-02-29", "2011-02-29", "2012-02-30", "0000-01-01", "0001-01-01", "2012-7-4",
              "2012-07-24T00:00", "20120724", "2012-13-01", "2012-07-24\n", "٢٠١٢-07-24", "9999-12-31"]
NEAR_TEXT = ["", " ", "x", "A", "a-b", "abc\n", "é", "C1", "C100", "c1", "1.0.0", "person:x", "event:a-b",
             "seeds/x.txt", "https://x", "ftp://x", "a b", "-a", "a--b", "Z" * 101, "x" * 81]


def fitting(spec: dict) -> st.SearchStrategy[str]:
    """Texts the column accepts (mostly): enum members, pattern matches, numbers in range."""
    kind = spec["type"]
    if kind == "boolean":
        return st.sampled_from(["true", "false"])
    if kind in ("integer", "number"):
        low, high = spec.get("minimum", 0), spec.get("maximum", 100)
        whole = st.integers(int(low), int(high)).map(str)
        return whole if kind == "integer" else st.one_of(whole, st.floats(low, high).map(lambda f: f"{f:.2f}"))
    if "enum" in spec:
        return st.sampled_from(spec["enum"])
    if spec.get("format") == "date":
        return st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10)
    if "pattern" in spec:
        return st.from_regex(spec["pattern"], fullmatch=True, alphabet=st.characters(codec="ascii"))
    return st.text(st.characters(codec="utf-8", exclude_characters="\r\x00"), min_size=1, max_size=6)


def near_miss(spec: dict) -> st.SearchStrategy[str]:
    """Texts made to sit on the edges: wrong types, signs, spaces, other digits, odd dates."""
    if spec["type"] == "boolean":
        return st.sampled_from(["True", "1", "yes", " true"])
    if spec["type"] in ("integer", "number"):
        low, high = spec.get("minimum", -5), spec.get("maximum", 50)
        return st.one_of(st.sampled_from(NEAR_NUMBERS), st.integers(int(low) - 2, int(high) + 2).map(str),
                         st.floats(-3, high + 2, allow_nan=False).map(lambda f: f"{f:.3g}"))
    options = [st.sampled_from(NEAR_TEXT), st.text(st.characters(codec="utf-8", exclude_characters="\r\x00"),
                                                    max_size=8)]
    if spec.get("format") == "date":
        options.append(st.sampled_from(NEAR_DATES))
    return st.one_of(*options)


def column_texts(spec: dict) -> st.SearchStrategy[str]:
    """Empty three times in ten, fitting five, a near miss two."""
    return st.integers(0, 9).flatmap(lambda k: st.just("") if k < 3 else fitting(spec) if k < 8 else near_miss(spec))


def records(schema) -> st.SearchStrategy[list[dict]]:
    fields = schema.document["properties"]
    record = st.fixed_dictionaries({name: column_texts(spec) for name, spec in fields.items()})
    return st.lists(record, min_size=1, max_size=30)


def python_findings(schema, texts: dict) -> set[tuple]:
    found, values = set(), {}
    for name, text in texts.items():
        if text == "":
            continue
        try:
            values[name] = schema.to_json_value(name, text)
        except ValueError:
            found.add(("cell-type", name))
    if found:
        return found  # a row that does not type is not validated further (package.load_table)
    for error in schema.validator.iter_errors(values):
        path = list(error.absolute_schema_path)
        if path[0] == "allOf":
            found.add((schema.document["allOf"][path[1]]["x-rule"], path[2]))
        elif error.validator == "required":
            found.add(("record-required", error.message.split("'")[1]))
        else:
            found.add((f"record-{error.validator.lower()}", str(error.path[0])))
    return found


def sql_findings(table: TableSql, rows: list[dict]) -> list[set[tuple]]:
    fields = table.schema.fields
    values = ", ".join("(" + ", ".join([str(i)] + [("NULL" if row[f] == "" else literal(row[f])) for f in fields])
                       + ")" for i, row in enumerate(rows))
    columns = ", ".join(["i"] + [f'"r_{f}"' for f in fields])
    source = f"(SELECT * FROM (VALUES {values}) AS v({columns}))"
    result = connection.execute(f"SELECT i, rh FROM ({table.checked_sql(source)}) ORDER BY i").fetchall()
    out = []
    for _, hits in result:
        found = set()
        for number in hits:
            check = table.checks[number]
            found.add((check.rule, check.keyword if check.keyword in ("then", "else") else check.field))
        out.append(found)
    return out


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_compiled_schema_agrees_with_jsonschema(name):
    schema = SCHEMAS[name]
    table = TableSql(schema)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(records(schema))
    def agree(rows):
        assert sql_findings(table, rows) == [python_findings(schema, row) for row in rows]

    agree()


def test_valid_records_of_the_package_pass_the_compiled_checks(live_root):
    from claims import authoring
    for name, schema in SCHEMAS.items():
        rows = authoring.read_rows(live_root, name)
        if rows:
            texts = [{f: row.get(f, "") for f in schema.fields} for row in rows]
            assert sql_findings(TableSql(schema), texts) == [set() for _ in texts], name


def test_an_unknown_keyword_is_refused_not_ignored():
    from claims.schemas import RecordSchema
    document = {"properties": {"x": {"type": "string", "uniqueItems": True}}, "required": [], "x-primaryKey": ["x"]}
    with pytest.raises(NotImplementedError):
        TableSql(RecordSchema("t", ROOT, document))
