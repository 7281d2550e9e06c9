"""claims release: a thin layer over claims.release."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .cli import JsonOption, RootOption, app


@app.command()
def release(root: RootOption = Path("."),
            dist: Annotated[Path, typer.Option("--dist", help="Folder to write the release into (relative to --root).",
                                               file_okay=False)] = Path("dist"),
            without_seeds: Annotated[bool, typer.Option(
                "--without-seeds", help="Leave the seed texts out (for redistributors): the tables keep each "
                "seed's SHA-256 and size and the quotes; validate reports the seed checks as skipped.")] = False,
            as_json: JsonOption = False) -> None:
    """Build dist/<name>-<version>/ and its .zip: CSV, seeds, Parquet, claims.duckdb, annotations, SHA256SUMS.

    The version is datapackage.json's. The package must validate; so must the release built.
    """
    from .release.archive import SUMS
    from .release.build import STEPS, build_release
    from .release.progress import Progress

    root = root.resolve()
    target = dist if dist.is_absolute() else root / dist
    with Progress(STEPS, terminal=sys.stderr.isatty()) as progress:
        built = build_release(root, target, with_seeds=not without_seeds, progress=progress)
    paths = {"directory": str(built.directory), "archive": str(built.archive),
             "checksums": str(built.directory / SUMS)}
    if as_json:
        typer.echo(json.dumps({"name": built.name, "version": built.version, "with_seeds": built.with_seeds,
                               **paths}, indent=2))
    else:
        for path in paths.values():
            typer.echo(path)
    typer.echo(f"released {built.name} {built.version}" + ("" if built.with_seeds else " without the seed texts"),
               err=True)
