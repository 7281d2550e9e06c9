"""What every command module shares: the Typer class that turns the library's exceptions into
messages and exit codes (the only place that does), the --root option and the package it names."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

import typer

from .. import inert
from ..problems import ClaimsError, UsageError


def option_name(name: str) -> str:
    """The option a parameter of the library is given with: reason -> --reason."""
    return "--" + name.replace("_", "-")


def exit_code(exc: ClaimsError) -> int:
    """2 for a usage error (as click's own), 1 for bad data."""
    return 2 if isinstance(exc, UsageError) else 1


def message(exc: ClaimsError) -> str:
    """The library's message, its parameters named as this command line's options."""
    return exc.render(option_name)


class ClaimsTyper(typer.Typer):
    """Every command turns ClaimsError into its message on stderr and its exit code, and writes
    its output through inert.output (no terminal escape or workflow command from a cell)."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)

        def decorator(function):
            @functools.wraps(function)
            def wrapper(*a, **kw):
                with inert.output():  # cell text printed by any command stays text (inert.py)
                    try:
                        return function(*a, **kw)
                    except ClaimsError as exc:
                        typer.echo(f"error: {message(exc)}", err=True)
                        raise typer.Exit(exit_code(exc)) from None
            register(wrapper)
            return function
        return decorator


def package_root(ctx: typer.Context, root: Path) -> Path:
    """--root as given, or else the package the current folder is in (its nearest parent holding
    datapackage.json, as git finds a repository). Outside any package, a usage error before any
    command runs, so nothing is written anywhere."""
    from ..api import ClaimsPackage

    if ctx.resilient_parsing:
        return root
    given = getattr(ctx.get_parameter_source("root"), "name", "DEFAULT") != "DEFAULT"
    try:
        return ClaimsPackage(root, search_parents=not given).root
    except UsageError as exc:
        typer.echo(f"error: {message(exc)}; run the command inside one, or give its folder with --root DIR", err=True)
        raise typer.Exit(2) from None


RootOption = Annotated[Path, typer.Option("--root", help="Root folder of the package (holds datapackage.json). "
                                          "Default: the current folder or the nearest folder above it that "
                                          "holds datapackage.json.", file_okay=False, callback=package_root)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of text.")]


def open_package(root: Path):
    """The package --root names (the callback has found it)."""
    from ..api import ClaimsPackage

    return ClaimsPackage(root)
