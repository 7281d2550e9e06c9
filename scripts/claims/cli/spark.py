"""claims spark: a thin layer over claims.api (ClaimsPackage.spark, the optional extra 'spark')."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import JsonOption, RootOption, open_package


def spark(root: RootOption = Path("."),
          out: Annotated[str, typer.Option("--out", help="Folder or object-store URL (s3a://, gs://, abfss://) to "
                                           "write each view to, as OUT/<view>/ Parquet part files; a local path is "
                                           "relative to --root and replaced as a whole.")] = ...,
          tables: Annotated[Optional[str], typer.Option(
              "--tables", help="Folder or object-store URL holding the tables as <table>.parquet (a release's "
              "parquet/ folder; a file or a folder of part files each). Default: parquet/ in --root (a release "
              "folder).")] = None,
          master: Annotated[Optional[str], typer.Option(
              "--master", help="Spark master: local[N], yarn, spark://HOST:PORT, k8s://... Default: the running "
              "session's or spark-submit's if any, else local[*].")] = None,
          conf: Annotated[list[str], typer.Option(
              "--conf", help="A Spark setting KEY=VALUE (repeatable), e.g. spark.sql.shuffle.partitions=200.")] = [],
          sql: Annotated[bool, typer.Option(
              "--sql", help="Print the Spark SQL script instead of running it (spark-sql -f, a notebook): the "
              "tables as views over their Parquet, every view, each written to --out. Needs no Java.")] = False,
          as_json: JsonOption = False) -> None:
    """Run every view on Spark over a release's Parquet tables and write each view as Parquet.

    The views are sql/views/ translated from DuckDB to Spark SQL by sqlglot, macros inlined: the same
    rows on both engines (docs/at-scale.md). Needs the optional extra 'spark' (pyspark, sqlglot) and Java 17+.
    """
    from ..spark.run import settings

    package = open_package(root)
    if sql:
        typer.echo(package.spark_sql(out, tables), nl=False)
        return
    started = time.perf_counter()
    written = package.spark(out, tables, master=master, conf=settings(conf),
                            done=lambda item: typer.echo(f"{item.view}: {item.seconds:.2f} s", err=True))
    seconds = round(time.perf_counter() - started, 2)
    out_location = written[0].location.rsplit("/", 1)[0] if written else out
    if as_json:
        typer.echo(json.dumps({"tables": package.spark_tables(tables), "out": out_location, "seconds": seconds,
                               "views": [{"view": item.view, "location": item.location, "seconds": item.seconds}
                                         for item in written]}, indent=2))
    else:
        for item in written:
            typer.echo(item.location)
    typer.echo(f"wrote {len(written)} views to {out_location} in {seconds:.1f} s", err=True)


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command()(spark)
