"""The vocabularies from the command line: claims vocab NAME, claims entities WORDS."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import vocab
from .common import RootOption, open_package
from .render import JsonAlias, Output, chosen, emit, format_option

TableFormat = format_option("text", "json", "csv", "markdown")
ENTITY_COLUMNS = ("entity_id", "canonical_name", "matched", "score")


def vocab_command(name: Annotated[Optional[str], typer.Argument(
                      metavar="NAME", help="One of: " + ", ".join(vocab.NAMES) + ".")] = None,
                  root: RootOption = Path("."), output_format: TableFormat = "text",
                  as_json: JsonAlias = False) -> None:
    """List the values a column takes: properties (value type, unit, cardinality, description),
    rubric rules, sources, modalities, qualifiers, scopes, attribution, document and alias kinds.

    Without NAME, lists the vocabularies.
    """
    output_format = chosen(output_format, as_json)
    if name is None:
        emit(Output(("name",), [(known,) for known in vocab.NAMES], list(vocab.NAMES),
                    lambda: "".join(known + "\n" for known in vocab.NAMES)), output_format)
        return
    listing = open_package(root).vocabulary(name)
    emit(Output(listing.columns, listing.rows), output_format)


def entities(words: Annotated[str, typer.Argument(help="Words of a name, alias or id; case and accents do "
                                                       "not matter.")],
             root: RootOption = Path("."), output_format: TableFormat = "text", as_json: JsonAlias = False,
             limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many.")] = 10) -> None:
    """Find entities by name, alias or id, best match first (also what claims show uses)."""
    output_format = chosen(output_format, as_json)
    found = open_package(root).entities(words, limit)
    rows = [(c.entity_id, c.canonical_name, c.matched, f"{c.score:.2f}") for c in found]
    emit(Output(ENTITY_COLUMNS, rows, [vars(c) for c in found], None if found else (lambda: "")), output_format)
    typer.echo(f"{len(found)} entit{'y' if len(found) == 1 else 'ies'} match {words!r}"
               + ("" if found else ": add it with claims add-entity"), err=True)


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command("vocab")(vocab_command)
    app.command()(entities)
