"""The package commands: validate, build, summary, sync, coverage. A thin layer over the library
(claims.api): data to stdout, messages to stderr."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import inert
from .common import RootOption, open_package
from .render import JsonAlias, Output, chosen, emit, format_option, on_terminal

PROBLEM_COLUMNS = ("file", "line", "column", "severity", "rule", "message", "hint", "field")
ValidateFormat = format_option("text", "json", "csv", "markdown", "github", help=(
    "text (colours on a terminal), json, csv (one row per problem), markdown (the report a pull request "
    "shows), or github: workflow-command annotations and a Markdown report in $GITHUB_STEP_SUMMARY."))
TableFormat = format_option("text", "json", "csv", "markdown")


def validate(root: RootOption = Path("."),
             output_format: ValidateFormat = "text",
             as_json: JsonAlias = False,
             strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings (lints) too.")] = False,
             engine: Annotated[str, typer.Option(
                 "--engine", help="auto (by size), python (row by row) or duckdb (set-based gate for large "
                 "packages; what it flags is reported by the Python path, so both report the same).")] = "auto",
             base: Annotated[str | None, typer.Option(
                 "--base", help="Also run the history checks against this earlier state (a git ref or a folder): "
                 "seeds byte-identical, no claim removed, existing claims' evidence frozen, rubric and "
                 "property meanings unchanged.")] = None,
             repo: Annotated[Path, typer.Option("--repo", help="The git repository --base is looked up in.",
                                                file_okay=False)] = Path("."),
             rules_change: Annotated[bool, typer.Option(
                 "--rules-change", help="With --base: the change is a declared rules change (maintainers review "
                 "it), so changed rubric rules and property meanings are not errors.")] = False,
             incremental: Annotated[bool, typer.Option(
                 "--incremental", help="With --base REF: check the rows changed since REF (and the rows pointing at "
                 "them) and every rule that compares rows in full; a fast first answer on a large package whose "
                 "base was valid. The full check runs where this cannot tell (the report says why).")] = False) -> None:
    """Check the whole package: descriptor, tables, JSON Schemas, named checks, seeds and quotes, lints.

    Exit 0 when valid (lints are warnings unless --strict), 1 when not, 2 on a usage error.
    """
    from .. import report as show

    output_format = chosen(output_format, as_json)
    report = open_package(root).validate(engine, base=base, repo=repo, rules_change=rules_change,
                                         incremental=incremental)
    if output_format == "github":
        typer.echo(show.as_text(report), err=True, nl=False)
        for line in show.github_commands(report):
            inert.trusted(line + "\n")  # built by report.py with every value escaped
        show.write_step_summary(report)
    elif output_format == "markdown":
        typer.echo(show.markdown_summary(report), nl=False)
    else:
        emit(Output(PROBLEM_COLUMNS, [tuple(getattr(p, name) for name in PROBLEM_COLUMNS) for p in report.problems],
                    show.as_document(report), lambda: _validate_text(report)), output_format)
    if output_format != "json":
        typer.echo(show.verdict(report), err=True)
    if not report.passes(strict):
        raise typer.Exit(1)


def _validate_text(report) -> str:
    from .. import report as show

    if on_terminal():
        show.print_rich(report)
        return ""
    return show.as_text(report)


def build(root: RootOption = Path("."),
          output: Annotated[Path, typer.Option("--output", "-o", help="Database file to write (relative to "
                                               "--root).")] = Path("build/claims.duckdb")) -> None:
    """Write the package as a DuckDB database (one table per resource), replacing the file atomically."""
    target = open_package(root).build(output)
    typer.echo(f"wrote {target}", err=True)


def summary(root: RootOption = Path("."), output_format: TableFormat = "text",
            as_json: JsonAlias = False) -> None:
    """Count documents, claims, facts, facts with competing claims, and contested facts by tier."""
    counts = open_package(root).summary()
    width = max(map(len, counts))
    emit(Output(("name", "count"), list(counts.items()), counts,
                lambda: "".join(f"{name:<{width}}  {value}\n" for name, value in counts.items())),
         chosen(output_format, as_json))


def sync(root: RootOption = Path("."),
         check: Annotated[bool, typer.Option("--check", help="Only report which generated files are stale.")]
         = False) -> None:
    """Regenerate what is derived: datapackage.json's Table Schemas and seed resources, sql/base/*.sql,
    docs/rules.md, and the view columns contract sql/view_columns.json (when the tables load)."""
    from ..problems import DataError
    from ..view_contract import CONTRACT

    result = open_package(root).sync(check)
    if check:
        if result.files:
            raise DataError("out of sync with schemas/, sources.csv and sql/views/: " + ", ".join(result.files)
                            + " (run claims sync)")
        typer.echo("generated files are in sync", err=True)
        return
    for rel in result.files:
        typer.echo(f"rewrote {rel}", err=True)
    if result.contract_skipped:
        typer.echo(f"left {CONTRACT} as it is: the tables do not load cleanly (run claims validate)", err=True)
    elif result.contract_changed:
        typer.echo(f"rewrote {CONTRACT} (view columns changed: a major data version, see README)", err=True)


COVERAGE_COLUMNS = ("source_id", "seed_path", "start", "end", "text", "value")


def coverage(root: RootOption = Path("."), output_format: TableFormat = "text",
             as_json: JsonAlias = False) -> None:
    """List every number in the seeds that no claim has as its value or bound and no exclusion lists.

    Exit 0 when every number is covered, 1 otherwise.
    """
    output_format = chosen(output_format, as_json)
    missing = open_package(root).coverage()
    emit(Output(COVERAGE_COLUMNS, [tuple(getattr(n, name) for name in COVERAGE_COLUMNS) for n in missing],
                [{name: getattr(n, name) for name in COVERAGE_COLUMNS} for n in missing],
                lambda: "".join(f"{n.seed_path}:{n.start}-{n.end}: {n.text!r} is not a claim's value or bound, "
                                "nor excluded\n" for n in missing)), output_format)
    if output_format == "text":
        typer.echo(f"{len(missing)} uncovered number(s)", err=True)
    if missing:
        raise typer.Exit(1)


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command()(validate)
    app.command()(build)
    app.command()(summary)
    app.command()(sync)
    app.command()(coverage)
