"""claims release: a thin layer over claims.release."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import JsonOption, RootOption


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
            as_json: JsonOption = False) -> None:
    """Build dist/<name>-<version>/ and its .zip: CSV, seeds, Parquet, claims.duckdb, annotations, SHA256SUMS.

    The version is datapackage.json's and must fit the changes since the previous release (major for
    structure, minor for additions, patch for corrections; see claims diff). The package must validate;
    so must the release built. CHANGELOG.md, CITATION.cff and .zenodo.json must name the same version.
    """
    from ..problems import ClaimsError
    from ..release import metadata
    from ..release.archive import SUMS
    from ..release.build import STEPS, build_release
    from ..release.progress import Progress

    target = dist if dist.is_absolute() else root / dist
    with Progress(STEPS, terminal=sys.stderr.isatty()) as progress:
        built = build_release(root, target, with_seeds=not without_seeds, progress=progress, previous=previous,
                              tag=tag)
    paths = {"directory": str(built.directory), "archive": str(built.archive),
             "checksums": str(built.directory / SUMS)}
    if notes is not None:
        changelog = root / metadata.CHANGELOG
        section = metadata.changelog_section(changelog.read_text(encoding="utf-8"), built.version) \
            if changelog.is_file() else None
        if section is None:
            raise ClaimsError(f"--notes: {metadata.CHANGELOG} has no section for {built.version}")
        notes.write_text(metadata.release_notes(section, built.review_coverage), encoding="utf-8")
        paths["notes"] = str(notes)
    if as_json:
        typer.echo(json.dumps({"name": built.name, "version": built.version, "with_seeds": built.with_seeds,
                               "version_check": built.version_check, "review_coverage": built.review_coverage,
                               **paths}, indent=2))
    else:
        for path in paths.values():
            typer.echo(path)
    typer.echo(built.version_check, err=True)
    typer.echo(metadata.review_line(built.review_coverage), err=True)
    typer.echo(f"released {built.name} {built.version}" + ("" if built.with_seeds else " without the seed texts"),
               err=True)


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command()(release)
