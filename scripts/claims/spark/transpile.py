"""sql/views/ in Spark SQL: parsed as DuckDB by sqlglot, macros inlined, translated to Spark.

sqlglot translates most of DuckDB's SQL to Spark's. Where its translation is not faithful, a
rewrite here makes it so, and each rewrite has a test against both engines (tests/test_spark.py):

  list(x ORDER BY k), string_agg(x, s ORDER BY k)  Spark's collect_list drops NULLs, keeps no
        order and gives [] for no rows, and its listagg fails with DISTINCT: they become
        collect_list of structs (k IS NULL, k, ..., x), sorted, then the x of each (NULLs last as
        in DuckDB; NULL for no rows; string_agg skips NULL values);
  l[i]  DuckDB counts from 1 (and from the end when negative) and gives NULL out of range:
        try_element_at(l, nullif(i, 0));
  a / b  DuckDB divides as DOUBLE, Spark keeps DECIMAL(p, s): both sides cast to DOUBLE;
  date_diff('day', a, b)  Spark's 3-argument form counts in the session time zone: datediff(b, a);
  row_number(), rank(), dense_rank(), length()  BIGINT as in DuckDB (Spark's are INT);
  list_position(l, x)  NULL when absent as in DuckDB (Spark's array_position gives 0);
  any_value(x)  skips NULLs as in DuckDB: any_value(x, true).

What has no faithful translation is refused, naming the file: a regular expression using a
construct RE2 (DuckDB) and Java (Spark) read differently, regexp_replace without the 'g' flag or
with a replacement holding '$' or '\\', DESC inside an aggregate's ORDER BY, DISTINCT ordered by
anything but the value, and any function neither a macro nor known to mean the same in Spark.
The DuckDB SQL avoids these (round of a double, median, isfinite, date_trunc by a column, '\\s' were
rewritten into portable forms in sql/ for this reason).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import DataError, UsageError

EXTRA_HINT = "install the optional extra: pip install '.[spark]' (pyspark and sqlglot)"
MACRO_DEPTH = 8
# Functions sqlglot leaves untyped (exp.Anonymous) that exist in Spark with DuckDB's meaning.
SAME_IN_SPARK = {"make_date", "contains", "try_element_at", "nullif", "datediff", "any_value"}
# Regular-expression constructs RE2 and Java read differently: \s (Java adds \x0B), \b and \B
# (Java's word boundary knows Unicode letters), \v and \h (classes in Java, characters in RE2),
# \Z, \p{..} (different property names), POSIX classes [[:..:]] (Java reads them as a set of
# characters) and inline flags (?i) (RE2 folds Unicode case, Java only ASCII).
REGEX_TRAPS = re.compile(r"\\[sSbBvhVHZpP]|\[\[:|\(\?[a-zA-Z]")


def _sqlglot():
    try:
        import sqlglot
        from sqlglot import exp
    except ImportError:
        raise UsageError(f"sqlglot is not installed: {EXTRA_HINT}") from None
    return sqlglot, exp


@dataclass(frozen=True)
class Macro:
    params: tuple[str, ...]
    body: object  # a sqlglot expression


@dataclass(frozen=True)
class SparkView:
    name: str
    path: str  # the DuckDB file it comes from
    select: str  # its query in Spark SQL
    reads: tuple[str, ...]  # the tables and views it reads, by name


class Untranslatable(DataError):
    """A view (or a macro it uses) holds SQL with no faithful translation to Spark."""


def parse_duckdb(text: str, where: str) -> list:
    sqlglot, _ = _sqlglot()
    try:
        return [statement for statement in sqlglot.parse(text, read="duckdb") if statement is not None]
    except sqlglot.errors.ParseError as exc:
        raise DataError(f"{where}: sqlglot cannot parse it as DuckDB SQL: {exc}") from exc


def macros_of(statements: list) -> dict[str, Macro]:
    _, exp = _sqlglot()
    found = {}
    for statement in statements:
        if isinstance(statement, exp.Create) and str(statement.args.get("kind", "")).upper() == "MACRO":
            signature = statement.this
            found[signature.this.name.lower()] = Macro(tuple(p.name for p in signature.expressions),
                                                       statement.expression)
    return found


def _inline(tree, macros: dict[str, Macro], where: str, depth: int = 0):
    _, exp = _sqlglot()
    if depth > MACRO_DEPTH:
        raise Untranslatable(f"{where}: macros nested deeper than {MACRO_DEPTH}")

    def expand(node):
        if not isinstance(node, exp.Anonymous) or node.name.lower() not in macros:
            return node
        macro = macros[node.name.lower()]
        if len(node.expressions) != len(macro.params):
            raise Untranslatable(f"{where}: {node.name} takes {len(macro.params)} arguments, "
                                 f"not {len(node.expressions)}")
        # An argument keeps its own precedence inside the body: twice(a + 1) is (a + 1) * 2.
        arguments = {param: argument if isinstance(argument, (exp.Column, exp.Literal)) else exp.Paren(this=argument)
                     for param, argument in zip(macro.params, node.expressions)}
        body = macro.body.copy().transform(
            lambda part: arguments[part.name].copy()
            if isinstance(part, exp.Column) and not part.table and part.name in arguments else part)
        return exp.Paren(this=_inline(body, macros, where, depth + 1))

    return tree.transform(expand)


def _spark(node) -> str:
    return node.sql(dialect="spark")


def _parse_spark(text: str):
    sqlglot, _ = _sqlglot()
    return sqlglot.parse_one(text, read="spark")


def _ordered_aggregate(node, where: str):
    """list()/string_agg() with their DuckDB meaning, as Spark SQL (see the module's docstring)."""
    _, exp = _sqlglot()
    aggregate = node.this if isinstance(node, exp.Filter) else node
    condition = node.expression if isinstance(node, exp.Filter) else None
    inner, keys = aggregate.this, []
    if isinstance(inner, exp.Order):
        inner, keys = inner.this, list(inner.expressions)
    distinct = isinstance(inner, exp.Distinct)
    if distinct:
        if len(inner.expressions) != 1:
            raise Untranslatable(f"{where}: {aggregate.sql('duckdb')}: DISTINCT over several values")
        inner = inner.expressions[0]
        if any(key.this != inner for key in keys):
            raise Untranslatable(f"{where}: {aggregate.sql('duckdb')}: DISTINCT ordered by something else than "
                                 "the value has no faithful translation")
    fields = []
    for number, key in enumerate(keys):
        if key.args.get("desc"):
            raise Untranslatable(f"{where}: {aggregate.sql('duckdb')}: DESC inside an aggregate's ORDER BY "
                                 "is not translated; order ascending")
        flag = "IS NOT NULL" if key.args.get("nulls_first") else "IS NULL"
        fields += [f"'n{number}', ({_spark(key.this)}) {flag}", f"'k{number}', {_spark(key.this)}"]
    value = _spark(inner)
    element = f"named_struct({', '.join(fields + [f'{chr(39)}v{chr(39)}, {value}'])})"
    is_text = isinstance(aggregate, exp.GroupConcat)
    if is_text:  # string_agg skips NULL values (collect_list drops the NULL elements)
        element = f"IF(({value}) IS NULL, NULL, {element})"
    collected = f"{'collect_set' if distinct else 'collect_list'}({element})"
    if condition is not None:
        collected += f" FILTER ({_spark(condition)})"
    values = f"transform(array_sort({collected}), item -> item.v)"
    if is_text:
        separator = aggregate.args.get("separator")
        values = f"array_join({values}, {_spark(separator) if separator is not None else chr(39) + ',' + chr(39)})"
    return _parse_spark(f"IF(size({collected}) = 0, NULL, {values})")


def _check_regex(node, where: str) -> None:
    _, exp = _sqlglot()
    pattern = node.expression
    if not isinstance(pattern, exp.Literal) or not pattern.is_string:
        raise Untranslatable(f"{where}: {node.sql('duckdb')}: a regular expression must be a literal to be checked")
    trap = REGEX_TRAPS.search(pattern.this)
    if trap:
        raise Untranslatable(f"{where}: {node.sql('duckdb')}: {trap.group(0)!r} means something else in Java's "
                             "regular expressions (Spark) than in RE2's (DuckDB); spell it out "
                             r"(for example [ \t\n\f\r] for \s)")
    if isinstance(node, exp.RegexpReplace):
        modifiers = node.args.get("modifiers")
        if modifiers is None or modifiers.this != "g":
            raise Untranslatable(f"{where}: {node.sql('duckdb')}: without the 'g' flag DuckDB replaces the first "
                                 "match only, Spark every match; add 'g'")
        replacement = node.args.get("replacement")
        if not isinstance(replacement, exp.Literal) or set(replacement.this) & {"$", "\\"}:
            raise Untranslatable(f"{where}: {node.sql('duckdb')}: a replacement must be a literal without '$' "
                                 "or '\\' (group references are written differently)")


def _duckdb_index(index):
    """The index as written in DuckDB: sqlglot's parser already moved an integer literal to 0-based
    (l[1] is stored as 0, l[-1] as -2) and left any other expression as written."""
    _, exp = _sqlglot()
    literal = index.this if isinstance(index, exp.Neg) else index
    if isinstance(literal, exp.Literal) and not literal.is_string:
        value = int(literal.this) * (-1 if isinstance(index, exp.Neg) else 1) + 1
        return exp.Literal.number(value) if value >= 0 else exp.Neg(this=exp.Literal.number(-value))
    return index.copy()


def _faithful(node, where: str):
    """One node's faithful Spark form (the module's docstring), or the node itself."""
    _, exp = _sqlglot()
    if isinstance(node, exp.Bracket):
        if len(node.expressions) != 1:
            raise Untranslatable(f"{where}: {node.sql('duckdb')}: slices are not translated")
        return exp.Anonymous(this="try_element_at", expressions=[node.this.copy(), exp.Anonymous(
            this="nullif", expressions=[_duckdb_index(node.expressions[0]), exp.Literal.number(0)])])
    if isinstance(node, exp.Length):  # BIGINT in DuckDB, INT in Spark
        return exp.cast(node, "BIGINT")
    if isinstance(node, exp.Div):
        return exp.Div(this=exp.cast(node.this, "DOUBLE"), expression=exp.cast(node.expression, "DOUBLE"))
    if isinstance(node, exp.DateDiff):
        unit = (node.unit.name if node.unit is not None else "day").lower()
        if unit not in ("day", "days"):
            raise Untranslatable(f"{where}: {node.sql('duckdb')}: only date_diff('day', ...) is translated "
                                 "(DuckDB counts boundaries crossed, Spark whole units)")
        return exp.cast(exp.Anonymous(this="datediff", expressions=[node.this.copy(), node.expression.copy()]),
                        "BIGINT")
    if isinstance(node, exp.Window) and isinstance(node.this, (exp.RowNumber, exp.Rank, exp.DenseRank)):
        return exp.cast(node, "BIGINT")
    if isinstance(node, exp.IgnoreNulls) and isinstance(node.this, exp.AnyValue):
        # sqlglot writes any_value(x) IGNORE NULLS FILTER (...), which Spark cannot parse.
        return exp.Anonymous(this="any_value", expressions=[node.this.this.copy(), exp.true()])
    if isinstance(node, exp.Anonymous) and node.name.lower() == "list_position":
        return exp.Anonymous(this="nullif", expressions=[
            exp.ArrayPosition(this=node.expressions[0].copy(), expression=node.expressions[1].copy()),
            exp.Literal.number(0)])
    return node


def _rewrite(tree, where: str):
    """The faithful forms of what sqlglot translates unfaithfully (the module's docstring),
    deepest first so that a rewritten node keeps its rewritten parts."""
    _, exp = _sqlglot()
    for node in tree.find_all(exp.RegexpReplace, exp.RegexpLike, exp.RegexpExtract, exp.RegexpSplit,
                              exp.RegexpILike):
        _check_regex(node, where)
    kinds = (exp.Bracket, exp.Div, exp.DateDiff, exp.Window, exp.Anonymous, exp.IgnoreNulls, exp.Length)
    for node in reversed(list(tree.find_all(*kinds, bfs=False))):
        replacement = _faithful(node, where)
        if replacement is not node:
            node.replace(replacement)
    for node in reversed(list(tree.find_all(exp.ArrayAgg, exp.GroupConcat, bfs=False))):
        target = node.parent if isinstance(node.parent, exp.Filter) else node
        target.replace(_ordered_aggregate(target, where))
    for node in tree.find_all(exp.Anonymous):
        if node.name.lower() not in SAME_IN_SPARK:
            raise Untranslatable(f"{where}: {node.name}() is neither a macro nor a function known to mean the same "
                                 "in Spark; use a portable form or add a translation (scripts/claims/spark/transpile.py)")
    return tree


def translate(sql: str, macros: dict[str, Macro] | None = None, where: str = "SQL") -> str:
    """One DuckDB query (or expression after SELECT) in Spark SQL, macros inlined."""
    statements = parse_duckdb(sql, where)
    if len(statements) != 1:
        raise DataError(f"{where}: expected one statement, found {len(statements)}")
    tree = _inline(statements[0], macros or {}, where)
    return _spark(_rewrite(tree, where))


def _reads(tree) -> tuple[str, ...]:
    _, exp = _sqlglot()
    local = {cte.alias for cte in tree.find_all(exp.CTE)}
    return tuple(sorted({table.name for table in tree.find_all(exp.Table)} - local))


def spark_views(root: Path) -> list[SparkView]:
    """Every view of the package in Spark SQL, in the order sql/load.sql creates them."""
    from ..build import load_statements

    _, exp = _sqlglot()
    macros: dict[str, Macro] = {}
    views = []
    for path, text in load_statements(root):
        where = path.as_posix()
        for statement in parse_duckdb(text, where):
            if not isinstance(statement, exp.Create):
                continue
            kind = str(statement.args.get("kind", "")).upper()
            if kind == "MACRO":
                macros.update(macros_of([statement]))
            elif kind == "VIEW":
                query = _rewrite(_inline(statement.expression, macros, where), where)
                views.append(SparkView(statement.this.name, where, _spark(query), _reads(query)))
    return views


def base_tables(views: list[SparkView]) -> list[str]:
    """The tables the views read that no view defines: what must come from Parquet."""
    defined = {view.name for view in views}
    return sorted({name for view in views for name in view.reads} - defined)


def _string(text: str) -> str:
    # Spark SQL string literals take backslash escapes.
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def table_location(tables: str, name: str) -> str:
    return f"{tables.rstrip('/')}/{name}.parquet"


def script(views: list[SparkView], tables: str, out: str) -> str:
    """A Spark SQL script (spark-sql -f, a notebook) doing what `claims spark` does: the tables as
    temporary views over their Parquet, every view, and each view written as Parquet."""
    lines = ["-- Generated by `claims spark --sql` from sql/views/ (DuckDB) with sqlglot; do not edit.",
             "-- The package's tables, read from the release's Parquet files."]
    for name in base_tables(views):
        lines.append(f"CREATE OR REPLACE TEMPORARY VIEW {name} USING parquet "
                     f"OPTIONS (path {_string(table_location(tables, name))});")
    for view in views:
        lines += ["", f"-- {view.name}, from {view.path}",
                  f"CREATE OR REPLACE TEMPORARY VIEW {view.name} AS\n{view.select};"]
    lines += ["", "-- Each view written as Parquet."]
    for view in views:
        lines.append(f"INSERT OVERWRITE DIRECTORY {_string(out.rstrip('/') + '/' + view.name)} USING parquet "
                     f"SELECT * FROM {view.name};")
    return "\n".join(lines) + "\n"
