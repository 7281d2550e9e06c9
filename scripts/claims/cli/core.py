"""The package commands: validate, build, summary, sync, coverage. A thin layer over the library:
data to stdout, messages to stderr."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import JsonOption, RootOption, fail


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def validate(root: RootOption = Path("."),
             output_format: Annotated[OutputFormat, typer.Option(
                 "--format", "-f", help="text (colours on a terminal), json, or github: workflow-command "
                 "annotations and a Markdown report in $GITHUB_STEP_SUMMARY.")] = OutputFormat.text,
             as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
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
                 "it), so changed rubric rules and property meanings are not errors.")] = False) -> None:
    """Check the whole package: descriptor, tables, JSON Schemas, named checks, seeds and quotes, lints.

    Exit 0 when valid (lints are warnings unless --strict), 1 when not, 2 on a usage error.
    """
    from .. import report as show
    from ..validate import validate as run

    if as_json and output_format not in (OutputFormat.text, OutputFormat.json):
        raise typer.BadParameter("--json and --format github exclude each other", param_hint="--json")
    report = run(root, engine)
    if base is not None:
        from ..history import with_history

        report = with_history(report, root, base, repo, rules_change)
    if as_json or output_format is OutputFormat.json:
        typer.echo(show.as_json(report))
    elif output_format is OutputFormat.github:
        typer.echo(show.as_text(report), err=True, nl=False)
        for line in show.github_commands(report):
            typer.echo(line)
        show.write_step_summary(report)
    elif sys.stdout.isatty():
        show.print_rich(report)
    else:
        typer.echo(show.as_text(report), nl=False)
    if output_format is not OutputFormat.json and not as_json:
        typer.echo(show.verdict(report), err=True)
    if not report.passes(strict):
        raise typer.Exit(1)


def build(root: RootOption = Path("."),
          output: Annotated[Path, typer.Option("--output", "-o", help="Database file to write.")] = Path(
              "build/claims.duckdb")) -> None:
    """Write the package as a DuckDB database (one table per resource), replacing the file atomically."""
    from ..build import build as run
    from ..fastpath import engine_for
    from ..package import Package, load_package, read_descriptor

    package = None
    if engine_for(root) == "duckdb":  # a large package: the gate proves it loads cleanly, set-based
        from ..fastpath.gate import run_gate

        if run_gate(root).is_clean:
            package = Package(root.resolve(), read_descriptor(root), {}, {}, [])
    package = package or load_package(root)  # what the gate flags, the Python path decides
    if package.problems:
        fail(f"cannot build: the tables do not load cleanly ({len(package.problems)} problem(s)); "
              "run claims validate")
    target = output if output.is_absolute() else package.root / output
    run(package, target)
    typer.echo(f"wrote {target}", err=True)


def summary(root: RootOption = Path("."), as_json: JsonOption = False) -> None:
    """Count documents, claims, facts, facts with competing claims, and contested facts by tier."""
    from ..package import load_package
    from ..summary import summarise

    package = load_package(root)
    if package.problems:
        fail("cannot summarise: the tables do not load cleanly; run claims validate")
    counts = summarise(package)
    if as_json:
        typer.echo(json.dumps(counts, indent=2))
    else:
        width = max(map(len, counts))
        for name, value in counts.items():
            typer.echo(f"{name:<{width}}  {value}")


def sync(root: RootOption = Path("."),
         check: Annotated[bool, typer.Option("--check", help="Only report which generated files are stale.")]
         = False) -> None:
    """Regenerate what is derived: datapackage.json's Table Schemas and seed resources, sql/base/*.sql,
    docs/rules.md, and the view columns contract sql/view_columns.json (when the tables load)."""
    from .. import descriptor, view_contract
    from ..package import load_package

    package = load_package(root)
    if check:
        stale = descriptor.stale_files(package)
        if not package.problems and view_contract.is_stale(package.root):
            stale.append(str(view_contract.CONTRACT))
        if stale:
            fail("out of sync with schemas/, sources.csv and sql/views/: " + ", ".join(stale) + " (run claims sync)")
        typer.echo("generated files are in sync", err=True)
        return
    for rel in descriptor.write_generated(package):
        typer.echo(f"rewrote {rel}", err=True)
    if package.problems:
        typer.echo(f"left {view_contract.CONTRACT} as it is: the tables do not load cleanly (run claims validate)",
                   err=True)
    elif view_contract.write(package.root):
        typer.echo(f"rewrote {view_contract.CONTRACT} (view columns changed: a major data version, see README)",
                   err=True)


def coverage(root: RootOption = Path("."), as_json: JsonOption = False) -> None:
    """List every number in the seeds that no claim has as its value or bound and no exclusion lists.

    Exit 0 when every number is covered, 1 otherwise.
    """
    from ..coverage import uncovered
    from ..package import load_package

    package = load_package(root)
    if package.problems:
        fail("cannot check coverage: the tables do not load cleanly; run claims validate")
    missing = uncovered(package)
    seeds = {row.get("source_id"): row.get("seed_path") for row in package.rows("sources")}
    if as_json:
        typer.echo(json.dumps([{"source_id": n.source_id, "seed_path": seeds[n.source_id], "start": n.start,
                                "end": n.end, "text": n.text, "value": n.value} for n in missing], indent=2))
    else:
        for number in missing:
            typer.echo(f"{seeds[number.source_id]}:{number.start}-{number.end}: {number.text!r} is not a claim's "
                       "value or bound, nor excluded")
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
