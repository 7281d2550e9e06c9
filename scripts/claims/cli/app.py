"""The claims command line: builds the app from its command groups, registered explicitly here,
and the entry point run(). Data to stdout, messages to stderr."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .. import __version__, inert
from . import changes, contrib, core, query, release, review, site, vocab
from .common import ClaimsTyper

# The command groups, in the order their commands are listed by claims --help.
GROUPS = (core, contrib, query, changes, vocab, site, release, review)


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


def build_app() -> ClaimsTyper:
    app = ClaimsTyper(help="Validate, build and query the claims-and-provenance data package.",
                      no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

    @app.callback()
    def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                   help="Print the toolkit's version and exit.")] = False) -> None:
        """Validate, build and query the claims-and-provenance data package."""

    for group in GROUPS:
        group.register(app)
    return app


app = build_app()


def run() -> None:
    """Entry point. Usage errors exit 2, data errors 1 (common.exit_code); anything unexpected
    is still reported in one line, never as a traceback."""
    from ..beside import one_shot

    one_shot()  # one command, then the process ends: slow imports go where they run beside other work
    try:
        app()
    except Exception as exc:  # noqa: BLE001 - the last line of defence of a command-line tool
        typer.echo(inert.inert_text(f"internal error: {type(exc).__name__}: {exc} (please report this)"), err=True)
        sys.exit(1)
