"""The query commands: claims conflicts, claims show, claims sql. A thin layer over claims.api:
data to stdout in the format asked for, messages to stderr."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .. import terminal
from .common import RootOption, open_package
from .render import JsonAlias, Output, chosen, emit, format_option, on_terminal

if TYPE_CHECKING:
    from ..query import QuoteInContext

DatabaseOption = Annotated[Optional[Path], typer.Option(
    "--database", help="Query this built database file (claims build) instead of loading the CSV files; "
                       "relative to --root.", dir_okay=False)]
TableFormat = format_option("text", "json", "csv", "markdown")
ShowFormat = format_option("text", "json", "csv", help="Output format: text (80 columns), json, or csv (one row "
                           "per claim).")
# The columns of conflicts as a table: one row per value of a contested fact.
CONFLICT_COLUMNS = ("fact_key", "tier", "reason", "value_rank", "claim_id", "value", "value_low", "value_high",
                    "modality", "stance", "voice", "source_id")


class Tier(str, Enum):
    incompatible = "incompatible"
    divergent = "divergent"


def conflicts(root: RootOption = Path("."), output_format: TableFormat = "text", as_json: JsonAlias = False,
              tier: Annotated[Optional[Tier], typer.Option("--tier", help="Only this tier.")] = None,
              database: DatabaseOption = None) -> None:
    """List the contested facts, incompatible first, then divergent, each with its values and who states them.

    Incompatible: no single value satisfies every claim. Divergent: they agree, but the stated figures or dates
    differ. Values are listed lowest first (lower bound, then upper), with the attribution chain of each.
    """
    output_format = chosen(output_format, as_json)
    facts = open_package(root).conflicts(tier.value if tier else None, database)
    rows = [tuple(fact.get(name, value.get(name)) for name in CONFLICT_COLUMNS)
            for fact in facts for value in fact["values"]]
    emit(Output(CONFLICT_COLUMNS, rows, facts, lambda: "\n\n".join(
        "\n".join(terminal.conflict_block(fact, fact["values"])) for fact in facts) + "\n"), output_format)
    if output_format == "text":
        typer.echo(f"{len(facts)} contested fact(s)", err=True)


def _marks() -> terminal.Marks:
    return terminal.Marks.terminal() if on_terminal() else terminal.Marks.plain()


def _fact_header(fact: dict) -> list[str]:
    lines = terminal.wrap(f"fact {terminal.safe(fact['fact_key'])}")
    lines += terminal.wrap(f"{fact['claim_count']} claim(s) from {fact['document_count']} document(s), "
                           f"{fact['reporter_count']} reporter(s); {fact['tier']}"
                           + (f": {terminal.safe(fact['reason'])}" if fact["reason"] else ""), "  ")
    if fact["low"] is not None or fact["high"] is not None:
        for name in ("low", "best", "high", "conservative_min"):
            figure = terminal.number(fact[name]) + ("+ (open)" if name == "high" and fact["high_is_open"] else "")
            lines += terminal.wrap(f"{name.replace('_', ' ')} {figure}: {terminal.safe(fact[name + '_rule'])}",
                                   "  ", "      ")
    return lines


def _entity_header(entity: dict) -> list[str]:
    lines = terminal.wrap(f"entity {entity['entity_id']}: {terminal.safe(entity['canonical_name'])} "
                          f"({entity['entity_type']})")
    if entity["aliases"]:
        lines += terminal.wrap("also written: " + "; ".join(map(terminal.safe, entity["aliases"])), "  ", "    ")
    return lines


def _document_header(document: dict) -> list[str]:
    return (terminal.wrap(f"document {document['source_id']}: {terminal.safe(document['title'])}")
            + terminal.wrap(f"seed: {terminal.safe(document['seed_path'])}", "  "))


def _claim_lines(number: int, claim: dict, context: Optional[QuoteInContext], with_fact: bool) -> list[str]:
    safe, marks = terminal.safe, _marks()
    role = f"  [{claim['role']}]" if claim["role"] else ""
    status = "" if claim["status"] == "active" else f"  ({claim['status']})"
    lines = terminal.wrap(f"[{number}] {claim['modality']}: {safe(claim['value'])}{role}{status}", "", "    ")
    if with_fact:
        lines += terminal.labelled("fact", safe(claim["fact_key"]))
    lines += terminal.labelled("voice", safe(claim["voice"]))
    lines += terminal.labelled("document", f"{safe(claim['document_title'])} ({claim['source_id']})")
    lines += terminal.labelled("claim", f"{claim['claim_id']} at {safe(claim['seed_path'])}:"
                                        f"{claim['quote_start']}-{claim['quote_end']}")
    if context is None:
        quote = f"{marks.open}{safe(claim['quote'])}{marks.close}  (seed not readable)"
    else:
        quote = f"{safe(context.before)}{marks.open}{safe(context.quote)}{marks.close}{safe(context.after)}"
    return lines + terminal.labelled("quote", quote, marks)


def _grouped(claims: list[dict], contexts: list, facts: dict[str, dict], kind: str) -> list[list[str]]:
    """Claim blocks, under a heading for each run of claims of one fact (facts: the headings
    wanted); a claim names its fact unless a heading or the whole output is about it."""
    blocks, previous = [], None
    for number, (claim, context) in enumerate(zip(claims, contexts), 1):
        if claim["fact_key"] != previous and claim["fact_key"] in facts:
            blocks.append(["-" * terminal.WIDTH, *_fact_header(facts[claim["fact_key"]])])
        previous = claim["fact_key"]
        with_fact = kind != "fact" and claim["fact_key"] not in facts
        blocks.append(_claim_lines(number, claim, context, with_fact))
    return blocks


def _document_lines(text: str | None, claims: list[dict]) -> list[str]:
    """The document wrapped to 80 columns, claimed spans marked and numbered, then what each
    number claims."""
    if text is None:
        return ["(seed not readable)"]
    lines, regions = terminal.marked_document(text, [(c["quote_start"], c["quote_end"]) for c in claims], _marks())
    lines += ["", "-" * terminal.WIDTH]
    for number, region in enumerate(regions, 1):
        for index in region.claims:
            claim = claims[index]
            lines += terminal.wrap(f"[{number}] {claim['modality']}: {terminal.safe(claim['value'])} "
                                   f"({terminal.safe(claim['fact_key'])}; {terminal.safe(claim['voice'])}; "
                                   f"{claim['claim_id']})", "", "    ")
    return lines


def show(id_or_name: Annotated[str, typer.Argument(metavar="ID_OR_NAME", help=(
             "A claim id, fact key, entity id or document id, or words from a name (accents and case do not "
             "matter): an entity's name or alias, a fact's subject and property, a document's title."))],
         root: RootOption = Path("."), output_format: ShowFormat = "text", as_json: JsonAlias = False,
         context: Annotated[int, typer.Option("--context", min=0, help="Characters of the seed shown either side "
                                              "of each quote.")] = 60,
         database: DatabaseOption = None) -> None:
    """Show every claim about a fact or an entity, grouped under fact headings; one claim; or a document with its claimed spans marked.

    Words find the best match and name the others on stderr; words that match several equally
    well, or nothing, list the candidates ("did you mean"), exit 1. Quoted spans are highlighted
    on a terminal, marked >>> <<< otherwise. Lines fit 80 columns.
    """
    from .. import search

    shown = open_package(root).show(id_or_name, context, database)
    columns = list(shown.claims[0]) if shown.claims else []
    emit(Output(columns, [tuple(claim.values()) for claim in shown.claims], shown.as_dict(),
                lambda: _show_text(shown)), chosen(output_format, as_json))
    target = shown.target
    typer.echo(f"{len(shown.claims)} claim(s) about {target.kind} {target.key}", err=True)
    if target.also:
        typer.echo(f"also matching {id_or_name!r}: " + "; ".join(
            f"{match.item.kind} {search.described(match)}" for match in target.also), err=True)


def _show_text(shown) -> str:
    kind = shown.target.kind
    header = {"fact": _fact_header, "entity": _entity_header, "document": _document_header}.get(kind)
    blocks = [header(shown.about)] if header else []
    if kind == "document":
        blocks.append(_document_lines(shown.document_text, shown.claims))
    else:
        blocks += _grouped(shown.claims, shown.contexts, shown.facts, kind)
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def sql(statement: Annotated[str, typer.Argument(metavar="QUERY", help="One read-only SQL query; ? marks a "
                                                 "parameter.")],
        param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="A value for the next ? "
                                                           "placeholder (repeat in order).")] = None,
        root: RootOption = Path("."), output_format: TableFormat = "text", as_json: JsonAlias = False,
        database: DatabaseOption = None) -> None:
    """Run one read-only SQL query over the package's tables and views.

    Loads the CSV files in memory, or reads --database build/claims.duckdb. Each ? takes the next --param value.
    """
    output_format = chosen(output_format, as_json)
    result = open_package(root).sql(statement, param or [], database)
    emit(Output(result.columns, result.rows), output_format)
    if output_format == "text":
        typer.echo(f"{len(result.rows)} row(s)", err=True)


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command()(conflicts)
    app.command()(show)
    app.command()(sql)
