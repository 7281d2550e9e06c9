"""Commands for reviewing changes: claims diff (and the history checks of claims validate --base)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .render import JsonAlias, chosen, format_option

DiffFormat = format_option("text", "markdown", "json", help="text, markdown (pull-request summaries, release notes) "
                           "or json.")


def diff(old: Annotated[str, typer.Argument(help="The earlier state: a folder, or a git ref (branch, tag, commit).")],
         new: Annotated[str, typer.Argument(help="The later state: a folder, or a git ref.")],
         repo: Annotated[Path, typer.Option("--repo", help="The git repository refs are looked up in.",
                                            file_okay=False)] = Path("."),
         output_format: DiffFormat = "text", as_json: JsonAlias = False) -> None:
    """Show what changed between two states of the package: rows added, changed, deprecated and removed
    (by key, with old and new values), seeds, structure (tables, columns, view columns), contested
    facts and estimates, and the release level the changes call for (major, minor, patch).
    """
    from .. import diff_render
    from ..api import diff as diff_states

    output_format = chosen(output_format, as_json)
    result = diff_states(old, new, repo)
    if output_format == "json":
        typer.echo(diff_render.as_json(result))
    elif output_format == "markdown":
        typer.echo(diff_render.as_markdown(result), nl=False)
    else:
        typer.echo(diff_render.as_text(result), nl=False)


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command()(diff)
