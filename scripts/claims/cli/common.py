"""What every command module shares: the Typer class that turns ClaimsError into an exit code,
the --root and --json options."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

import typer

from ..problems import ClaimsError


class ClaimsTyper(typer.Typer):
    """Every command turns ClaimsError into its message on stderr and its exit code."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)

        def decorator(function):
            @functools.wraps(function)
            def wrapper(*a, **kw):
                try:
                    return function(*a, **kw)
                except ClaimsError as exc:
                    typer.echo(f"error: {exc}", err=True)
                    raise typer.Exit(exc.exit_code) from None
            register(wrapper)
            return function
        return decorator


def package_root(ctx: typer.Context, root: Path) -> Path:
    """--root as given, or else the package the current folder is in (its nearest parent holding
    datapackage.json, as git finds a repository). Outside any package, a usage error before any
    command runs, so nothing is written anywhere."""
    from ..package import DESCRIPTOR, find_root

    if ctx.resilient_parsing:
        return root
    given = getattr(ctx.get_parameter_source("root"), "name", "DEFAULT") != "DEFAULT"
    found = (root.resolve() if (root / DESCRIPTOR).is_file() else None) if given else find_root(root)
    if found is None:
        where = f"{DESCRIPTOR} not found in {root.resolve()}" + ("" if given else " or any folder above it")
        typer.echo(f"error: {where}: this is not a claims package; run the command inside one, "
                   "or give its folder with --root DIR", err=True)
        raise typer.Exit(2)
    return found


RootOption = Annotated[Path, typer.Option("--root", help="Root folder of the package (holds datapackage.json). "
                                          "Default: the current folder or the nearest folder above it that "
                                          "holds datapackage.json.", file_okay=False, callback=package_root)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of text.")]


def fail(message: str, code: int = 1) -> None:
    raise ClaimsError(message, code)
