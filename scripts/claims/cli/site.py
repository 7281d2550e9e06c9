"""claims site: a thin layer over claims.api (ClaimsPackage.site)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import RootOption, open_package


def site(root: RootOption = Path("."),
         output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write the site to (relative to "
                                              "--root); a site written there before is replaced.",
                                              file_okay=False)] = Path("site"),
         without_seeds: Annotated[bool, typer.Option("--without-seeds", help="Leave the documents' texts out "
                                                     "(their rights may not allow publishing them): pages show "
                                                     "each claim's quote only.")] = False) -> None:
    """Write a static site of the competing claims: a page per fact (range chart), document, entity, property.

    No server and nothing fetched at view time: open site/index.html from disk, or publish the folder.
    """
    target, pages = open_package(root).site(output, with_seeds=not without_seeds)
    typer.echo(f"wrote {pages} pages to {target}", err=True)


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command()(site)
