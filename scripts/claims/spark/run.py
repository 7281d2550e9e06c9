"""claims spark: every view on a Spark session over a release's Parquet tables, each written as Parquet.

The tables are read from TABLES/<table>.parquet (a release's parquet/ folder, on a local disk or
an object store: s3a://, gs://, abfss://; a file or a folder of part files, partitioned or not),
registered as temporary views under their names, and the views are created above them in the
order sql/load.sql gives (transpile.py). Each view is then written to OUT/<view>/ as Parquet part
files, which every Parquet reader reads as one table, and read back from there by the views that
use it, so that no view is computed twice. On a local disk the whole OUT folder is
written beside its place and renamed into it at the end, so a failed run leaves an earlier OUT as
it was; on an object store each view is committed by Spark's output committer.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..problems import ClaimsError, DataError, UsageError, param
from .transpile import EXTRA_HINT, SparkView, base_tables, table_location

# For local mode (the default master): the machine's cores, few shuffle partitions (the default,
# 200, is for clusters: on one machine it costs more than it brings), no web UI.
LOCAL_DEFAULTS = {"spark.sql.shuffle.partitions": "4", "spark.ui.enabled": "false"}


@dataclass(frozen=True)
class Written:
    view: str
    location: str
    seconds: float


def is_url(location: str) -> bool:
    return "://" in location


def location(root: Path, given: str) -> str:
    """A URL as given; a local path relative to the package's root."""
    if is_url(given):
        return given
    path = Path(given)
    return (path if path.is_absolute() else root / path).as_posix()


def settings(pairs: list[str]) -> dict[str, str]:
    """KEY=VALUE pairs (the --conf options) as a dict."""
    found = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise UsageError(f"{param('conf')} {pair!r}: expected KEY=VALUE, e.g. spark.sql.shuffle.partitions=8")
        found[key.strip()] = value
    return found


def java_missing() -> str | None:
    """Why Spark cannot start a JVM here, or None."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        return None if (Path(java_home) / "bin" / "java").is_file() else f"JAVA_HOME={java_home} has no bin/java"
    return None if shutil.which("java") else "no java on PATH and JAVA_HOME is not set (Spark needs Java 17 or later)"


def _pyspark():
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise UsageError(f"pyspark is not installed: {EXTRA_HINT}") from None
    return SparkSession


def open_session(master: str | None = None, conf: dict[str, str] | None = None):
    """The running Spark session (spark-submit, a notebook, a test) if there is one, else a new
    one: `master` (default local[*], or spark-submit's) with LOCAL_DEFAULTS in local mode, then `conf`.
    Returns (session, created): who created it stops it."""
    SparkSession = _pyspark()
    active = SparkSession.getActiveSession()
    if active is not None:
        for key, value in (conf or {}).items():
            try:
                active.conf.set(key, value)
            except Exception as exc:  # a setting only a new session takes
                raise UsageError(f"{param('conf')} {key}: the running session refuses it: {_first_line(exc)}") from exc
        return active, False
    reason = java_missing()
    if reason:
        raise UsageError(f"cannot start Spark: {reason}; install a JDK or JRE 17+ "
                          "(Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME")
    builder = SparkSession.builder.appName("claims spark")
    # Under spark-submit (which starts the gateway and sets its port) the master and the settings
    # are spark-submit's; otherwise local mode unless a master is given.
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[*]"
    if master is not None:
        builder = builder.master(master)
    settings = dict(LOCAL_DEFAULTS) if (master or "").startswith("local") else {}
    if not sys.stderr.isatty():  # progress bars are for a person at a terminal, not for logs
        settings["spark.ui.showConsoleProgress"] = "false"
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # a JVM that does not start: say why, without a traceback
        raise UsageError(f"cannot start Spark ({master or 'spark-submit'}): {_first_line(exc)}") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session, True


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def register_tables(session, views: list[SparkView], tables: str) -> None:
    """The tables the views read, as temporary views over their Parquet."""
    for name in base_tables(views):
        location = table_location(tables, name)
        try:
            session.read.parquet(location).createOrReplaceTempView(name)
        except Exception as exc:
            raise DataError(f"cannot read table {name} from {location}: {_first_line(exc)}") from exc


def _create(session, view: SparkView) -> None:
    try:
        session.sql(f"CREATE OR REPLACE TEMPORARY VIEW {view.name} AS {view.select}")
    except Exception as exc:
        raise DataError(f"{view.path}: Spark refuses the translated view {view.name}: {_first_line(exc)}") from exc


def write_views(session, views: list[SparkView], tables: str, out: str,
                done: Callable[[Written], None] = lambda written: None) -> list[Written]:
    """Register the tables, then create and write each view to OUT/<view>/ in load order (see the
    module's docstring)."""
    register_tables(session, views, tables)
    if is_url(out):
        return [_write(session, view, out.rstrip("/"), out.rstrip("/"), done) for view in views]
    target = Path(out).resolve()
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    try:
        written = [_write(session, view, staging.as_posix(), target.as_posix(), done) for view in views]
        old = target.with_name(f".{target.name}.{os.getpid()}.old")
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _write(session, view: SparkView, folder: str, final: str, done) -> Written:
    """Write one view, then read it back from what was written: the views after it (in load order)
    read the result instead of computing it again from the tables up."""
    started = time.perf_counter()
    location = f"{folder}/{view.name}"
    try:
        _create(session, view)  # reads the views before it from their Parquet
        session.table(view.name).write.mode("overwrite").parquet(location)
        session.read.parquet(location).createOrReplaceTempView(view.name)
    except ClaimsError:
        raise
    except Exception as exc:
        raise DataError(f"{view.path}: Spark failed on view {view.name}: {_first_line(exc)}") from exc
    written = Written(view.name, f"{final}/{view.name}", round(time.perf_counter() - started, 2))
    done(written)
    return written
