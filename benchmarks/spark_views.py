"""Benchmark: every view on DuckDB and on Spark (claims spark), side by side, over the same Parquet.

    python benchmarks/spark_views.py [--claims 1000000] [--results benchmarks/RESULTS.md | -]

The generated package (benchmarks/out/valid-N, made by run.py's ensure_package) has its tables
written as the release writes them (one zstd Parquet file per table). Then, each a new process:
DuckDB (this script's `duckdb` mode: the tables as views over their Parquet, the package's macros
and views, each view copied to a Parquet file) and `claims spark` (local mode, one view after the
other, each read back by the next). Both write every view as Parquet; DuckDB then compares the
two outputs view by view (EXCEPT ALL both ways). The section "Views on Spark and DuckDB" of the
results file is replaced, or added at its end; the rest of the file is left as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

import duckdb
from run import BIN, HERE, PYTHON, Measure, commit, ensure_package, machine, run_once, versions
from settings import duckdb_config

from claims.build import BASE_DIR, load_statements
from claims.release import formats

SECTION = "## Views on Spark and DuckDB"


def write_tables(root: Path, folder: Path) -> list[str]:
    """The tables the views read, as claims release writes them."""
    from claims.spark.transpile import base_tables, spark_views

    names = base_tables(spark_views(root))
    connection = formats.load(root)
    try:
        for name in names:
            formats.write_parquet(connection, name, False, folder / f"{name}.parquet")
    finally:
        connection.close()
    return names


def duckdb_views(root: Path, tables: Path, out: Path) -> None:
    """The `duckdb` mode: every view over the Parquet tables, each written to out/<view>.parquet;
    per-view seconds as JSON on stdout."""
    from claims.spark.transpile import base_tables, spark_views

    connection = duckdb.connect(config=duckdb_config())
    connection.execute("SET enable_progress_bar = false")
    for name in base_tables(spark_views(root)):
        connection.execute(f"CREATE VIEW {formats.ident(name)} AS "
                           f"FROM read_parquet({formats.literal(str(tables / f'{name}.parquet'))})")
    names = []
    for path, text in load_statements(root):
        if not path.as_posix().startswith(BASE_DIR + "/"):
            connection.execute(text)
            if path.as_posix().startswith("sql/views/"):
                names.append(path.stem)
    out.mkdir(parents=True, exist_ok=True)
    seconds = {}
    for name in names:
        started = time.perf_counter()
        connection.execute(f"COPY (SELECT * FROM {formats.ident(name)}) TO "
                           f"{formats.literal(str(out / f'{name}.parquet'))} ({formats.PARQUET_OPTIONS})")
        seconds[name] = round(time.perf_counter() - started, 2)
    print(json.dumps(seconds))


def compare(duck_out: Path, spark_out: Path, views: list[str]) -> dict[str, tuple[int, bool]]:
    """Per view: rows, and whether the two engines wrote the same rows (as a multiset)."""
    connection = duckdb.connect(config=duckdb_config())
    found = {}
    for view in views:
        ours = f"read_parquet({formats.literal(str(duck_out / f'{view}.parquet'))})"
        theirs = f"read_parquet({formats.literal(str(spark_out / view / '*.parquet'))})"
        rows = connection.execute(f"SELECT count(*) FROM {ours}").fetchone()[0]
        differ = connection.execute(f"SELECT count(*) FROM ((FROM {ours} EXCEPT ALL FROM {theirs}) UNION ALL "
                                    f"(FROM {theirs} EXCEPT ALL FROM {ours}))").fetchone()[0]
        found[view] = (rows, differ == 0)
    return found


def section(args, claims: int, load: tuple, duck: Measure, spark: Measure, equal: dict) -> str:
    duck_views, spark_report = json.loads(duck.output), json.loads(spark.output)
    spark_views = {item["view"]: item["seconds"] for item in spark_report["views"]}
    lines = [
        SECTION, "",
        f"Command: `python benchmarks/spark_views.py --claims {claims}` (issue 20). Both engines read the same "
        f"Parquet tables (written as `claims release` writes them) and write every view as Parquet, each a new "
        f"process: DuckDB with threads {args.threads} and memory limit {args.memory}; "
        f"`claims spark --master local[2]` ({args.spark_conf or 'no --conf'}), which writes each view and reads it "
        f"back for the views after it. Spark's seconds per view exclude starting the JVM and session; the "
        f"process totals include it. Peak RSS: the whole process tree.", "",
        f"Machine: {machine()}. Load average (1, 5, 15 min) before {', '.join(f'{x:.2f}' for x in load[0])}; "
        f"after {', '.join(f'{x:.2f}' for x in load[1])}.", "",
        f"Versions: {versions()}, pyspark {spark_version()}, sqlglot {sqlglot_version()}, "
        f"{java_version()}. Commit {commit()}.", "",
        "| view | rows | DuckDB s | Spark s | same rows |", "|---|---|---|---|---|",
    ]
    for view, seconds in duck_views.items():
        rows, same = equal[view]
        lines.append(f"| {view} | {rows:,} | {seconds:.2f} | {spark_views[view]:.2f} | {'yes' if same else 'NO'} |")
    lines += [f"| **every view** | | {sum(duck_views.values()):.2f} | {sum(spark_views.values()):.2f} | "
              f"{'yes' if all(same for _, same in equal.values()) else 'NO'} |", "",
              "| process | seconds | peak RSS MiB |", "|---|---|---|",
              f"| DuckDB: every view | {duck.seconds[0]:.2f} | {duck.peak[0] / 2**20:.0f} |",
              f"| claims spark: every view (JVM start included) | {spark.seconds[0]:.2f} | "
              f"{spark.peak[0] / 2**20:.0f} |", ""]
    return "\n".join(lines) + "\n"


def spark_version() -> str:
    from importlib import metadata
    return metadata.version("pyspark")


def sqlglot_version() -> str:
    from importlib import metadata
    return metadata.version("sqlglot")


def java_version() -> str:
    import subprocess
    result = subprocess.run(["java", "-version"], capture_output=True, text=True)
    return (result.stderr.splitlines() or ["java ?"])[0].replace('"', "")


def write_results(target: str, text: str) -> None:
    if target == "-":
        print(text)
        return
    path = Path(target)
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if SECTION in current:
        before, after = current.split(SECTION, 1)
        rest = after.split("\n## ", 1)
        current = before + text + ("\n## " + rest[1] if len(rest) == 2 else "")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    path.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    if argv is None and sys.argv[1:2] == ["duckdb"]:
        duckdb_views(*map(Path, sys.argv[2:5]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--threads", default="2", help="DuckDB threads (Spark: local[2])")
    parser.add_argument("--memory", default="600MB", help="DuckDB memory limit")
    parser.add_argument("--spark-conf", action="append", default=[], help="a --conf for claims spark (repeatable)")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"), help="Markdown file to write, - for stdout")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    root, _ = ensure_package(args.out, args.claims, 0.0, 1)
    work = args.out / f"spark-{args.claims}"
    shutil.rmtree(work, ignore_errors=True)
    tables = work / "parquet"
    write_tables(root, tables)
    env = {**os.environ, "CLAIMS_DUCKDB_THREADS": args.threads, "CLAIMS_DUCKDB_MEMORY": args.memory}
    duck = Measure("DuckDB", [PYTHON, str(Path(__file__).resolve()), "duckdb", str(root), str(tables),
                              str(work / "duckdb")])
    spark = Measure("claims spark", [str(BIN / "claims"), "spark", "--root", str(root), "--tables", str(tables),
                                     "--out", str(work / "spark"), "--master", "local[2]", "--json",
                                     *[part for conf in args.spark_conf for part in ("--conf", conf)]])
    load_before = os.getloadavg()
    run_once(duck, env)
    run_once(spark, env)
    load_after = os.getloadavg()
    equal = compare(work / "duckdb", work / "spark", list(json.loads(duck.output)))
    write_results(args.results, section(args, args.claims, (load_before, load_after), duck, spark, equal))
    print(f"wrote {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
