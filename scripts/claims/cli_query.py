"""The query commands: claims conflicts, claims show, claims sql. A thin layer over query.py:
data to stdout, messages to stderr, --json for machines."""

from __future__ import annotations

import datetime
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import query, search
from .cli import JsonOption, RootOption, app

DatabaseOption = Annotated[Optional[Path], typer.Option(
    "--database", help="Query this built database file (claims build) instead of loading the CSV files; "
                       "relative to --root.", dir_okay=False)]


class Tier(str, Enum):
    incompatible = "incompatible"
    divergent = "divergent"


def _cell(value) -> str:
    """A value as text: whole floats without '.0', lists joined, NULL spelled out."""
    if value is None:
        return "NULL"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "; ".join(_cell(item) for item in value)
    return str(value)


def _table(columns: list[str], rows: list[tuple]) -> list[str]:
    """A plain text table: columns padded with two spaces, a dashed rule under the header."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    lines = [columns, ["-" * width for width in widths]] + cells
    return ["  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip() for line in lines]


def _json(data) -> str:
    def default(value):
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return str(value)
    return json.dumps(data, indent=2, ensure_ascii=False, default=default)


def _database(root: Path, database: Optional[Path]) -> Optional[Path]:
    return None if database is None or database.is_absolute() else root / database


@app.command()
def conflicts(root: RootOption = Path("."), as_json: JsonOption = False,
              tier: Annotated[Optional[Tier], typer.Option("--tier", help="Only this tier.")] = None,
              database: DatabaseOption = None) -> None:
    """List the contested facts, incompatible first, then divergent.

    Incompatible: no single value satisfies every claim. Divergent: they agree, but the stated figures or dates differ.
    """
    with query.open_database(root, _database(root, database)) as connection:
        facts = query.contested(connection, tier.value if tier else None)
    if as_json:
        typer.echo(_json(facts))
        return
    columns = ["fact_key", "tier", "reason", "claims", "documents", "reporters"]
    rows = [(f["fact_key"], f["tier"], f["reason"], f["claim_count"], f["document_count"], f["reporters"])
            for f in facts]
    for line in _table(columns, rows):
        typer.echo(line)
    typer.echo(f"{len(facts)} contested fact(s)", err=True)


def _highlight(quote: str) -> str:
    if sys.stdout.isatty():
        return typer.style(quote, bold=True, reverse=True)
    return f">>>{quote}<<<"


def _fact_header(fact: dict) -> list[str]:
    lines = [f"fact {fact['fact_key']}",
             f"  {fact['claim_count']} claim(s) from {fact['document_count']} document(s), "
             f"{fact['reporter_count']} reporter(s)",
             f"  {fact['tier']}" + (f": {fact['reason']}" if fact["reason"] else "")]
    if fact["best_rule"] is not None:
        lines.append("  estimates: " + ", ".join(
            f"{name.replace('_', ' ')} {_cell(fact[name])}" for name in ("low", "best", "high", "conservative_min")))
    return lines


def _entity_header(entity: dict) -> list[str]:
    lines = [f"entity {entity['entity_id']}: {entity['canonical_name']} ({entity['entity_type']})"]
    if entity["aliases"]:
        lines.append("  also written: " + "; ".join(entity["aliases"]))
    return lines


def _document_header(document: dict) -> list[str]:
    return [f"document {document['source_id']}: {document['title']}", f"  seed: {document['seed_path']}"]


def _claim_lines(number: int, claim: dict, context: Optional[query.QuoteInContext]) -> list[str]:
    role = f"  [{claim['role']}]" if claim["role"] else ""
    lines = [f"[{number}] {claim['claim_id']}  {claim['modality']}  {claim['value']}{role}",
             f"    fact:     {claim['fact_key']}" + ("" if claim["status"] == "active" else f"  ({claim['status']})"),
             f"    voice:    {claim['voice']}",
             f"    document: {claim['document_title']} ({claim['source_id']})",
             f"    where:    {claim['seed_path']}:{claim['quote_start']}-{claim['quote_end']}"]
    if context is None:
        lines.append(f"    quote:    {_highlight(claim['quote'])}  (seed not readable)")
    else:
        lines.append(f"    quote:    {context.before}{_highlight(context.quote)}{context.after}")
    return lines


@app.command()
def show(id_or_name: Annotated[str, typer.Argument(metavar="ID_OR_NAME", help=(
             "A claim id, fact key, entity id or document id, or words from a name (accents and case do not "
             "matter): an entity's name or alias, a fact's subject and property, a document's title."))],
         root: RootOption = Path("."), as_json: JsonOption = False,
         context: Annotated[int, typer.Option("--context", min=0, help="Characters of the seed shown either side "
                                              "of each quote.")] = 60,
         database: DatabaseOption = None) -> None:
    """Show every claim about a fact, an entity or a document, or one claim, each quote in its context.

    Words find the best match and list the others on stderr; words that match several equally
    well, or nothing, list the candidates ("did you mean"), exit 1. The quoted span is highlighted
    on a terminal, marked >>> <<< otherwise.
    """
    with query.open_database(root, _database(root, database)) as connection:
        target = query.resolve(connection, id_or_name)
        about = query.describe(connection, target)
        claims = query.claims_about(connection, target)
    contexts = [query.quote_in_context(root, claim, context) for claim in claims]
    if as_json:
        payload = {"kind": target.kind, "key": target.key}
        if about is not None:
            payload[target.kind] = about
        payload["claims"] = [dict(claim, context=vars(ctx) if ctx else None) for claim, ctx in zip(claims, contexts)]
        typer.echo(_json(payload))
        return
    header = {"fact": _fact_header, "entity": _entity_header, "document": _document_header}.get(target.kind)
    blocks = [header(about)] if header else []
    blocks += [_claim_lines(number, claim, ctx) for number, (claim, ctx) in enumerate(zip(claims, contexts), 1)]
    typer.echo("\n\n".join("\n".join(block) for block in blocks))
    typer.echo(f"{len(claims)} claim(s) about {target.kind} {target.key}", err=True)
    if target.also:
        typer.echo(f"also matching {id_or_name!r}: " + "; ".join(
            f"{match.item.kind} {search.described(match)}" for match in target.also), err=True)


@app.command()
def sql(statement: Annotated[str, typer.Argument(metavar="QUERY", help="One read-only SQL query; ? marks a "
                                                 "parameter.")],
        param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="A value for the next ? "
                                                           "placeholder (repeat in order).")] = None,
        root: RootOption = Path("."), as_json: JsonOption = False, database: DatabaseOption = None) -> None:
    """Run one read-only SQL query over the package's tables and views.

    Loads the CSV files in memory, or reads --database build/claims.duckdb. Each ? takes the next --param value.
    """
    with query.open_database(root, _database(root, database)) as connection:
        columns, rows = query.run_sql(connection, statement, list(param or []))
    if as_json:
        typer.echo(_json([dict(zip(columns, row)) for row in rows]))
        return
    for line in _table(columns, rows):
        typer.echo(line)
    typer.echo(f"{len(rows)} row(s)", err=True)
