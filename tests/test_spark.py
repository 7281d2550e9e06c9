"""The views on Spark (claims spark, the optional extra 'spark'): the translation's traps, each run on
both engines; what it refuses; and the equality test: every view's rows on PySpark's local mode equal
DuckDB's, on the committed package and on a generated 100,000-claim package.

The normalisation (docs/at-scale.md, "Equality"): a view's rows are compared as a multiset (no view
promises an order; EXCEPT ALL both ways, NULL equal to NULL as in any set operation), values exactly
(no tolerance on doubles), and the column names and types of what Spark writes, read back by DuckDB,
equal the view's in DuckDB (sql/view_columns.json). Nothing else is normalised.

Without the extra or without Java these tests skip with the reason; with CI set they fail (.ci/run
installs both: .ci/install-java, make extra-spark). All Spark tests share one local[2] session and
run on one pytest-xdist worker (xdist_group), so the suite starts one JVM.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import duckdb
import pytest

from claims.build import connect_memory
from claims.release import formats
from claims.spark.run import java_missing
from claims.view_contract import view_columns

from conftest import ROOT

pytestmark = pytest.mark.xdist_group("spark")
GENERATED_CLAIMS = 100_000
# Two shuffle partitions for two cores; the JIT's quick tier only (the suite's runs are short: it
# halves the time to warm up, measured with tests/test_spark.py --durations).
SESSION_CONF = {"spark.sql.shuffle.partitions": "2", "spark.ui.enabled": "false",
                "spark.ui.showConsoleProgress": "false", "spark.sql.session.timeZone": "UTC",
                "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1"}


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"the Spark tests cannot run in CI: {reason}")
    pytest.skip(reason)


def _need_sqlglot() -> None:
    if importlib.util.find_spec("sqlglot") is None:
        _skip_or_fail("sqlglot is not installed (the optional extra 'spark': make extra-spark)")


@pytest.fixture(scope="session")  # not module: xdist may interleave other modules' tests on this worker
def spark():
    _need_sqlglot()
    if importlib.util.find_spec("pyspark") is None:
        _skip_or_fail("pyspark is not installed (the optional extra 'spark': make extra-spark)")
    reason = java_missing()
    if reason:
        _skip_or_fail(f"{reason} (.ci/install-java installs Debian's OpenJDK 17)")
    from claims.spark.run import open_session

    session, created = open_session("local[2]", SESSION_CONF)
    yield session
    if created:
        session.stop()


@pytest.fixture(scope="module")
def duck():
    connection = duckdb.connect()
    yield connection
    connection.close()


def translate(sql: str) -> str:
    from claims.spark.transpile import translate as to_spark

    return to_spark(sql)


SPARK_TYPES = {"string": "VARCHAR", "bigint": "BIGINT", "int": "INTEGER", "double": "DOUBLE", "date": "DATE",
               "boolean": "BOOLEAN"}


def _type_name(spark_type: str) -> str:
    if spark_type.startswith("array<"):
        return _type_name(spark_type[6:-1]) + "[]"
    return SPARK_TYPES.get(spark_type, spark_type.upper())


def both(spark, duck, sql: str) -> tuple[list[tuple], list[tuple]]:
    """The rows of one DuckDB query in DuckDB and, translated, in Spark."""
    frame = spark.sql(translate(sql))
    return duck.execute(sql).fetchall(), [tuple(row) for row in frame.collect()]


def assert_same(spark, duck, sql: str, types: bool = True) -> None:
    expected, got = both(spark, duck, sql)
    assert got == expected, translate(sql)
    if types:
        frame = spark.sql(translate(sql))
        duck_types = [kind for _, kind, *_ in duck.execute(f"DESCRIBE {sql}").fetchall()]
        assert [_type_name(field.dataType.simpleString()) for field in frame.schema.fields] == duck_types


# --- the traps the issue lists, each run on both engines -------------------------------------------

def test_list_functions_keep_their_meaning(spark, duck) -> None:
    assert_same(spark, duck, "SELECT list_transform([1, 2, 3], lambda x: x * 10) AS tens, "
                             "list_filter([1, 2, 3], lambda x: x > 1) AS above_one, "
                             "list_contains([1, 2], 2) AS has_two")


def test_list_indexing_counts_from_one_and_from_the_end(spark, duck) -> None:
    assert_same(spark, duck, "SELECT l[1] AS first, l[3] AS last, l[-1] AS from_end, l[5] AS outside, "
                             "l[0] AS zero FROM (SELECT ['a', 'b', 'c'] AS l)")
    assert_same(spark, duck, "SELECT list_position(['a', 'b'], 'b') AS found, "
                             "list_position(['a', 'b'], 'z') AS absent", types=False)


def test_ordered_lists_keep_order_nulls_and_empty_groups(spark, duck) -> None:
    rows = "(VALUES ('b', 2), (NULL, 1), ('a', NULL), ('b', 3)) AS t(x, y)"
    assert_same(spark, duck, f"SELECT list(x ORDER BY y) AS by_y, list(x ORDER BY x) AS by_x, "
                             f"list(x ORDER BY x NULLS FIRST, y) AS nulls_first, "
                             f"list(DISTINCT x ORDER BY x) AS distinct_x, "
                             f"list(x ORDER BY x) FILTER (WHERE y > 10) AS no_rows FROM {rows}")
    assert_same(spark, duck, f"SELECT string_agg(x, ', ' ORDER BY y) AS by_y, "
                             f"string_agg(DISTINCT x, '; ' ORDER BY x) AS distinct_x, "
                             f"string_agg(x, ',') FILTER (WHERE x IS NULL) AS only_nulls FROM {rows}")


def test_regular_expressions_and_string_literals(spark, duck) -> None:
    # The white space class the views spell out: the same in RE2 and Java, vertical tab included.
    assert_same(spark, duck, "SELECT regexp_replace(v, '[ \\t\\n\\f\\r]+', ' ', 'g') AS squeezed, "
                             "regexp_matches(v, '^a[^x]+c$') AS matches "
                             "FROM (SELECT 'a ' || chr(9) || chr(10) || ' b' || chr(11) || 'c' AS v)")
    assert_same(spark, duck, "SELECT 'it''s' AS quote, 'C:\\new\\table' AS backslashes, "
                             "length('a\\b') AS three, string_split('government+rebels', '+') AS sides")


def test_value_key_collapses_white_space_alike(spark, duck) -> None:
    # The macro runs its regular expression only on texts with a run to collapse (a vertical tab,
    # chr(11), is no white space to either engine).
    from claims.spark.transpile import macros_of, parse_duckdb, translate as to_spark

    text = (ROOT / "sql/macros/value_interval.sql").read_text(encoding="utf-8")
    duck.execute(text)
    sql = ("SELECT v, value_key('text', NULL, v) AS k FROM (VALUES ('a  b'), ('a' || chr(9) || 'B'), ('a b'), "
           "(' A' || chr(10) || chr(13) || 'b '), ('a' || chr(11) || ' b'), ('a' || chr(12) || 'b'), ('ab')) AS t(v)")
    spark_sql = to_spark(sql, macros_of(parse_duckdb(text, "sql/macros/value_interval.sql")))
    assert sorted(tuple(row) for row in spark.sql(spark_sql).collect()) == sorted(duck.execute(sql).fetchall())


def test_text_sorts_by_code_point_and_lowers_alike(spark, duck) -> None:
    words = "('b'), ('B'), ('a'), ('é'), ('ё'), ('Z'), ('a b'), ('ab'), ('Ҳ'), ('😀'), ('ﬀ')"
    assert_same(spark, duck, f"SELECT list(x ORDER BY x) AS sorted FROM (VALUES {words}) AS t(x)")
    assert_same(spark, duck, f"SELECT x, row_number() OVER (ORDER BY x) AS place FROM (VALUES {words}) AS t(x) "
                             "ORDER BY place")
    assert_same(spark, duck, "SELECT lower('ҒӢҚӮҲҶ Ёё ÉÀÇ BBC News') AS tajik_latin, upper('ғӣқӯҳҷ') AS upper")


def test_division_is_by_doubles_as_in_duckdb(spark, duck) -> None:
    assert_same(spark, duck, "SELECT 7 / 2 AS ints, 1.0 / 3 AS decimal_literal, 1000 * 201 / 400 AS share, "
                             "round(1000 * 201 / 400) / 1000 AS rounded_share")
    assert_same(spark, duck, "SELECT 7 // 2 AS whole", types=False)  # INTEGER in DuckDB, BIGINT in Spark


def test_nulls_sort_last_in_both_directions(spark, duck) -> None:
    rows = "(VALUES (2), (NULL), (1)) AS t(x)"
    assert_same(spark, duck, f"SELECT x, row_number() OVER (ORDER BY x) AS up, "
                             f"row_number() OVER (ORDER BY x DESC) AS down FROM {rows} ORDER BY x")
    assert_same(spark, duck, f"SELECT greatest(1.5, NULL) AS g, least(NULL, 2.5) AS l")


def test_date_arithmetic_ignores_the_session_time_zone(spark, duck) -> None:
    sql = ("SELECT date_diff('day', DATE '1970-01-01', DATE '2012-07-24') AS days, "
           "DATE '1970-01-01' + 15545 AS back, make_date(2012, 2, 1) AS made, "
           "last_day(DATE '2012-02-10') AS leap_month_end, date_diff('day', DATE '2015-03-01', DATE '2015-03-09') AS dst")
    zone = spark.conf.get("spark.sql.session.timeZone")
    try:
        for name in ("UTC", "America/New_York", "Asia/Dushanbe"):
            spark.conf.set("spark.sql.session.timeZone", name)
            assert_same(spark, duck, sql)
    finally:
        spark.conf.set("spark.sql.session.timeZone", zone)


def test_any_value_skips_nulls(spark, duck) -> None:
    assert_same(spark, duck, "SELECT any_value(x) AS anything, any_value(x) FILTER (WHERE y > 1) AS filtered "
                             "FROM (VALUES (NULL, 1), ('a', 2)) AS t(x, y)")


def test_what_the_engines_do_differently_and_the_views_avoid(spark, duck) -> None:
    """Why sql/ spells some things out (docs/at-scale.md): rounding a double to places, the median's
    interpolation and \\s differ between the engines as they stand."""
    duck_share, duck_middle = duck.execute("SELECT round(201 / 400, 3), median(x) FROM "
                                           "(VALUES (5.7::DOUBLE), (40.0::DOUBLE)) AS t(x)").fetchone()
    spark_share, spark_middle = spark.sql("SELECT round(201D / 400D, 3), median(x) FROM "
                                          "VALUES (5.7D), (40.0D) AS t(x)").collect()[0]
    assert (duck_share, spark_share) == (0.502, 0.503)
    assert duck_middle == 22.85 and spark_middle != duck_middle
    duck_vt = duck.execute("SELECT regexp_replace(chr(11), '\\s', '', 'g')").fetchone()[0]
    spark_vt = spark.sql("SELECT regexp_replace(char(11), '\\\\s', '')").collect()[0][0]
    assert (duck_vt, spark_vt) == ("\x0b", "")


# --- what has no faithful translation is refused, naming the file -----------------------------------

@pytest.mark.parametrize(("sql", "says"), [
    ("SELECT regexp_replace(v, 'a', 'b') FROM t", "without the 'g' flag"),
    ("SELECT regexp_replace(v, '\\s+', ' ', 'g') FROM t", "'\\\\s' means something else"),
    ("SELECT regexp_matches(v, '[[:alpha:]]') FROM t", "'[[:' means something else"),
    ("SELECT regexp_matches(v, '(?i)bbc') FROM t", "'(?i' means something else"),
    ("SELECT regexp_replace(v, '(a)', '\\1\\1', 'g') FROM t", "a replacement must be a literal without"),
    ("SELECT list(v ORDER BY v DESC) FROM t", "DESC inside an aggregate's ORDER BY"),
    ("SELECT string_agg(DISTINCT v, ',' ORDER BY w) FROM t", "DISTINCT ordered by something else"),
    ("SELECT isfinite(v) FROM t", "isfinite() is neither a macro nor a function known"),
    ("SELECT date_diff('month', a, b) FROM t", "only date_diff('day', ...) is translated"),
])
def test_untranslatable_constructs_are_refused(sql: str, says: str) -> None:
    _need_sqlglot()
    from claims.spark.transpile import Untranslatable

    with pytest.raises(Untranslatable) as caught:
        from claims.spark.transpile import translate as to_spark
        to_spark(sql, where="sql/views/example.sql")
    assert str(caught.value).startswith("sql/views/example.sql: ") and says in str(caught.value)


def test_macros_are_inlined_with_their_arguments() -> None:
    _need_sqlglot()
    from claims.spark.transpile import Untranslatable, macros_of, parse_duckdb, translate as to_spark

    macros = macros_of(parse_duckdb("CREATE MACRO twice(x) AS x * 2; CREATE MACRO plus_one(x) AS twice(x) + 1;", "m.sql"))
    assert to_spark("SELECT plus_one(a + 1) AS b FROM t", macros) == "SELECT ((((a + 1)) * 2) + 1) AS b FROM t"
    with pytest.raises(Untranslatable, match="plus_one takes 1 arguments, not 2"):
        to_spark("SELECT plus_one(a, b) FROM t", macros, where="v.sql")


def test_every_view_translates_and_reads_only_what_comes_before_it() -> None:
    _need_sqlglot()
    from claims.spark.transpile import base_tables, spark_views

    views = spark_views(ROOT)
    with connect_memory(ROOT) as connection:
        assert sorted(view.name for view in views) == sorted(view_columns(connection))
        tables = {name for (name,) in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert set(base_tables(views)) <= tables
    seen = set(tables)
    for view in views:
        assert set(view.reads) <= seen, view.name
        seen.add(view.name)


# --- claims spark, and the equality test ------------------------------------------------------------

def write_tables(root: Path, folder: Path, claims_by_document: bool = False) -> Path:
    """The tables the views read, as the release writes them (claims.release.formats); with
    claims_by_document, claims.parquet as a folder partitioned by source_id (docs/at-scale.md)."""
    from claims.spark.transpile import base_tables, spark_views

    connection = formats.load(root)
    try:
        for name in base_tables(spark_views(root)):
            target = folder / f"{name}.parquet"
            if name == "claims" and claims_by_document:
                connection.execute(f"COPY claims TO {formats.literal(str(target))} "
                                   "(FORMAT parquet, PARTITION_BY (source_id))")
            else:
                formats.write_parquet(connection, name, False, target)
    finally:
        connection.close()
    return folder


def differences(root: Path, out: Path, only: tuple[str, ...] | None = None) -> dict[str, str]:
    """Per view, what differs between DuckDB's view and what Spark wrote to out/<view>/ (empty: equal)."""
    found = {}
    with connect_memory(root) as connection:
        for view, columns in view_columns(connection).items():
            if only is not None and view not in only:
                continue
            written = f"read_parquet({formats.literal(str(out / view / '*.parquet'))})"
            types = [[name, kind] for name, kind, *_ in connection.execute(f"DESCRIBE SELECT * FROM {written}").fetchall()]
            if types != columns:
                found[view] = f"columns {types} != {columns}"
                continue
            missing, extra = (connection.execute(f"SELECT * FROM ({a} EXCEPT ALL {b}) LIMIT 3").fetchall()
                              for a, b in ((f"SELECT * FROM {view}", f"SELECT * FROM {written}"),
                                           (f"SELECT * FROM {written}", f"SELECT * FROM {view}")))
            if missing or extra:
                found[view] = f"rows only in DuckDB: {missing}; rows only in Spark: {extra}"
    return found


def test_spark_sql_script_is_printed_without_running(cli, tmp_path: Path) -> None:
    _need_sqlglot()
    from claims.spark.transpile import spark_views

    result = cli("spark", "--root", ROOT, "--sql", "--tables", "s3a://bucket/release/parquet",
                 "--out", "s3a://bucket/views")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    views = [view.name for view in spark_views(ROOT)]
    assert "CREATE OR REPLACE TEMPORARY VIEW claims USING parquet OPTIONS " \
           "(path 's3a://bucket/release/parquet/claims.parquet');" in lines
    assert [line.split()[5] for line in lines if line.startswith("CREATE OR REPLACE TEMPORARY VIEW ") and
            line.endswith(" AS")] == views
    assert [line for line in lines if line.startswith("INSERT OVERWRITE")] == [
        f"INSERT OVERWRITE DIRECTORY 's3a://bucket/views/{name}' USING parquet SELECT * FROM {name};" for name in views]


def test_the_printed_script_runs_on_spark(spark, cli, tmp_path: Path) -> None:
    """The script of --sql, as spark-sql would run it: the tables over their Parquet, a view, and
    INSERT OVERWRITE DIRECTORY writing it (entity_names: the one view that reads tables only)."""
    tables = write_tables(ROOT, tmp_path / "parquet")
    result = cli("spark", "--root", ROOT, "--sql", "--tables", tables, "--out", tmp_path / "views")
    assert result.exit_code == 0, result.output
    statements = ["\n".join(line for line in text.splitlines() if not line.startswith("--")).strip()
                  for text in result.stdout.split(";\n")]
    wanted = [s for s in statements if " USING parquet OPTIONS " in s
              or s.startswith("CREATE OR REPLACE TEMPORARY VIEW entity_names AS")
              or s.endswith("USING parquet SELECT * FROM entity_names")]
    assert len(wanted) == len(list(tables.iterdir())) + 2
    for statement in wanted:
        spark.sql(statement)
    assert differences(ROOT, tmp_path / "views", only=("entity_names",)) == {}


def test_spark_refuses_bad_settings_and_missing_tables(cli, tmp_path: Path) -> None:
    _need_sqlglot()
    result = cli("spark", "--root", ROOT, "--out", tmp_path / "out", "--conf", "no-equals-sign")
    assert result.exit_code == 2
    assert result.stderr == "error: --conf 'no-equals-sign': expected KEY=VALUE, e.g. spark.sql.shuffle.partitions=8\n"
    result = cli("spark", "--root", ROOT, "--out", tmp_path / "out", "--tables", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert result.stderr == (f"error: no folder of tables at {tmp_path / 'nowhere'}: give a release's parquet/ "
                             "folder with --tables (claims release writes one)\n")
    assert not (tmp_path / "out").exists()


def test_views_on_spark_equal_duckdb_on_the_committed_package(spark, cli, tmp_path: Path) -> None:
    tables = write_tables(ROOT, tmp_path / "parquet", claims_by_document=True)
    assert (tables / "claims.parquet").is_dir()
    out = tmp_path / "views"
    result = cli("spark", "--root", ROOT, "--tables", tables, "--out", out,
                 "--conf", "spark.sql.sources.partitionColumnTypeInference.enabled=false")
    assert result.exit_code == 0, result.output
    views = sorted(view_columns_of(ROOT))
    assert sorted(result.stdout.splitlines()) == sorted(str(out / name) for name in views)
    assert result.stderr.splitlines()[-1].startswith(f"wrote {len(views)} views to {out} in ")
    assert differences(ROOT, out) == {}


def test_views_on_spark_equal_duckdb_on_a_generated_package(spark, tmp_path: Path) -> None:
    from generate import generate

    from claims.spark.run import write_views
    from claims.spark.transpile import spark_views

    root = tmp_path / "generated"
    generate(GENERATED_CLAIMS, root, seed=1)
    tables = write_tables(root, tmp_path / "parquet")
    written = write_views(spark, spark_views(root), str(tables), str(tmp_path / "views"))
    assert [item.view for item in written] == [view.name for view in spark_views(root)]
    assert differences(root, tmp_path / "views") == {}


def view_columns_of(root: Path) -> dict:
    with connect_memory(root) as connection:
        return view_columns(connection)
