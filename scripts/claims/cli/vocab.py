"""The vocabularies from the command line: claims vocab NAME, claims entities WORDS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import vocab
from .common import JsonOption, RootOption
from .render import table
from ..problems import ClaimsError


def vocab_command(name: Annotated[Optional[str], typer.Argument(
                      metavar="NAME", help="One of: " + ", ".join(vocab.NAMES) + ".")] = None,
                  root: RootOption = Path("."), as_json: JsonOption = False) -> None:
    """List the values a column takes: properties (value type, unit, cardinality, description),
    rubric rules, sources, modalities, qualifiers, scopes, attribution, document and alias kinds.

    Without NAME, lists the vocabularies.
    """
    from ..package import load_package
    from ..suggest import did_you_mean

    if name is None:
        for known in vocab.NAMES:
            typer.echo(known)
        return
    if name not in vocab.NAMES:
        raise ClaimsError(f"no vocabulary {name!r}" + did_you_mean(name, {n: [] for n in vocab.NAMES})
                          + f" (one of: {', '.join(vocab.NAMES)})", 2)
    package = load_package(root) if name in vocab.FROM_PACKAGE else None
    columns, rows = vocab.listing(package, name)
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for line in table(columns, [tuple(row.get(c) for c in columns) for row in rows]):
        typer.echo(line)


def entities(words: Annotated[str, typer.Argument(help="Words of a name, alias or id; case and accents do "
                                                       "not matter.")],
             root: RootOption = Path("."), as_json: JsonOption = False,
             limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many.")] = 10) -> None:
    """Find entities by name, alias or id, best match first (also what claims show uses)."""
    from ..package import load_package
    from ..search import search

    found = search(load_package(root), words, limit)
    if as_json:
        typer.echo(json.dumps([vars(c) for c in found], indent=2, ensure_ascii=False))
    elif found:
        for line in table(["entity_id", "canonical_name", "matched", "score"],
                           [(c.entity_id, c.canonical_name, c.matched, f"{c.score:.2f}") for c in found]):
            typer.echo(line)
    typer.echo(f"{len(found)} entit{'y' if len(found) == 1 else 'ies'} match {words!r}"
               + ("" if found else ": add it with claims add-entity"), err=True)


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command("vocab")(vocab_command)
    app.command()(entities)
