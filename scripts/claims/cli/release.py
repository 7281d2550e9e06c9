"""claims release: a thin layer over claims.api (ClaimsPackage.release)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import RootOption, open_package
from .render import JsonAlias, Output, chosen, emit, format_option

ReleaseFormat = format_option("text", "json", help="text (the paths written, one a line) or json.")


def release(root: RootOption = Path("."),
            dist: Annotated[Path, typer.Option("--dist", help="Folder to write the release into (relative to --root).",
                                               file_okay=False)] = Path("dist"),
            without_seeds: Annotated[bool, typer.Option(
                "--without-seeds", help="Leave the seed texts out (for redistributors): the tables keep each "
                "seed's SHA-256 and size and the quotes; validate reports the seed checks as skipped.")] = False,
            previous: Annotated[Optional[str], typer.Option(
                "--previous", help="The previous release to compare with: a folder, a release zip or a git ref. "
                "Default: the highest v<MAJOR.MINOR.PATCH> tag below this version, if any.")] = None,
            tag: Annotated[Optional[str], typer.Option(
                "--tag", help="The git tag being released (the release workflow passes it): must be v<version>.")]
            = None,
            notes: Annotated[Optional[Path], typer.Option(
                "--notes", help="Also write this version's CHANGELOG.md section to this file (release notes).",
                dir_okay=False)] = None,
            output_format: ReleaseFormat = "text", as_json: JsonAlias = False) -> None:
    """Build dist/<name>-<version>/ and its .zip: CSV, seeds, Parquet, claims.duckdb, annotations, SHA256SUMS.

    The version is datapackage.json's and must fit the changes since the previous release (major for
    structure, minor for additions, patch for corrections; see claims diff). The package must validate;
    so must the release built. CHANGELOG.md, CITATION.cff and .zenodo.json must name the same version.
    """
    from ..release import metadata
    from ..release.archive import SUMS
    from ..release.build import STEPS
    from ..release.progress import Progress

    output_format = chosen(output_format, as_json)
    package = open_package(root)
    with Progress(STEPS, terminal=sys.stderr.isatty()) as progress:
        built = package.release(dist, with_seeds=not without_seeds, progress=progress, previous=previous, tag=tag)
    paths = {"directory": str(built.directory), "archive": str(built.archive),
             "checksums": str(built.directory / SUMS)}
    if notes is not None:
        paths["notes"] = str(package.release_notes(built, notes))
    emit(Output(("name", "path"), list(paths.items()),
                {"name": built.name, "version": built.version, "with_seeds": built.with_seeds,
                 "version_check": built.version_check, "review_coverage": built.review_coverage, **paths},
                lambda: "".join(path + "\n" for path in paths.values())), output_format)
    typer.echo(built.version_check, err=True)
    typer.echo(metadata.review_line(built.review_coverage), err=True)
    typer.echo(f"released {built.name} {built.version}" + ("" if built.with_seeds else " without the seed texts"),
               err=True)


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command()(release)
