"""Commands for reviewing changes: claims diff (and the history checks of claims validate --base)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer



class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


def diff(old: Annotated[str, typer.Argument(help="The earlier state: a folder, or a git ref (branch, tag, commit).")],
         new: Annotated[str, typer.Argument(help="The later state: a folder, or a git ref.")],
         repo: Annotated[Path, typer.Option("--repo", help="The git repository refs are looked up in.",
                                            file_okay=False)] = Path("."),
         output_format: Annotated[DiffFormat, typer.Option(
             "--format", "-f", help="text, markdown (pull-request summaries, release notes) or json.")]
         = DiffFormat.text,
         as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False) -> None:
    """Show what changed between two states of the package: rows added, changed, deprecated and removed
    (by key, with old and new values), seeds, structure (tables, columns, view columns), contested
    facts and estimates, and the release level the changes call for (major, minor, patch).
    """
    from .. import diff_render
    from ..diff import diff_packages
    from ..states import package_state

    with package_state(old, repo) as (old_root, old_label), package_state(new, repo) as (new_root, new_label):
        result = diff_packages(old_root, new_root, old_label, new_label)
    if as_json or output_format is DiffFormat.json:
        typer.echo(diff_render.as_json(result))
    elif output_format is DiffFormat.markdown:
        typer.echo(diff_render.as_markdown(result), nl=False)
    else:
        typer.echo(diff_render.as_text(result), nl=False)


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command()(diff)
