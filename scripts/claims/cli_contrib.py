"""Contribution commands: add-source, add-entity, add-claim, fmt. Thin layers over contrib.py."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import contrib
from .cli import RootOption, app


def _opt(*names: str, help: str):
    return typer.Option(*names, help=help)


Text = Optional[str]


@app.command("add-source")
def add_source(
    document: Annotated[Path, typer.Argument(help="The document's text file (UTF-8); copied byte for byte.",
                                             exists=True, dir_okay=False)],
    source_id: Annotated[str, _opt("--source-id", help="Id of the document, a slug: publisher-yyyy-mm-dd-topic.")],
    title: Annotated[str, _opt("--title", help="Title or headline as the document gives it.")],
    rights: Annotated[str, _opt("--rights", help="Who holds the rights to the text and on what terms it is "
                                                 "included.")],
    kind: Annotated[str, _opt("--kind", help="news-report, news-wire, encyclopedia-article, press-release, "
                                             "other.")] = "news-report",
    language: Annotated[str, _opt("--language", help="BCP 47 tag of the text as stored.")] = "en",
    publisher: Annotated[Text, _opt("--publisher", help="Outlet, only where the document names it.")] = None,
    author: Annotated[Text, _opt("--author", help="Author, only where the document names one.")] = None,
    published: Annotated[Text, _opt("--published", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    published_basis: Annotated[str, _opt("--published-basis", help="stated or inferred (with --published).")]
    = "stated",
    published_note: Annotated[Text, _opt("--published-note", help="What the date is and how it was "
                                                                  "established (needed with --published).")] = None,
    license: Annotated[Text, _opt("--license", help="SPDX id of the text's licence, only where known.")] = None,
    url: Annotated[Text, _opt("--url", help="Address of the original, only where known; never guessed.")] = None,
    notes: Annotated[Text, _opt("--notes", help="Anything a reader of the document should know.")] = None,
    root: RootOption = Path("."),
) -> None:
    """Copy a document into seeds/ and describe it in claims/sources.csv (hash, size, metadata).

    Refuses to overwrite a different file or to add a document twice; regenerates the seed
    resources of datapackage.json, as claims sync does.
    """
    meta = {"title": title, "rights": rights, "document_kind": kind, "language": language,
            "publisher": publisher, "author": author, "license": license, "url": url, "notes": notes,
            "published_date_basis": "unknown"}
    if published:
        start, end, precision = contrib.date_interval(published)
        meta.update(published_start=start, published_end=end, published_precision=precision,
                    published_date_basis=published_basis, published_date_note=published_note)
    seed_path = contrib.add_source(root.resolve(), document, source_id, meta)
    typer.echo(seed_path)


@app.command("add-entity")
def add_entity(
    entity_id: Annotated[str, typer.Argument(help="type:slug, e.g. person:jane-doe, event:khorog-clashes-2012.")],
    name: Annotated[str, _opt("--name", help="The name this package uses for it.")],
    description: Annotated[str, _opt("--description", help="What or who it is, enough to tell it apart.")],
    part_of: Annotated[Text, _opt("--part-of", help="Enclosing entity (the event a sub-event belongs to).")] = None,
    notes: Annotated[Text, _opt("--notes", help="Anything else a reader should know.")] = None,
    root: RootOption = Path("."),
) -> None:
    """Add a person, organisation, place, event, anonymous agent or object to claims/entities.csv."""
    contrib.add_entity(root.resolve(), {"entity_id": entity_id, "canonical_name": name, "description": description,
                                        "part_of_id": part_of, "notes": notes})
    typer.echo(entity_id)


@app.command("add-claim")
def add_claim(
    source: Annotated[str, _opt("--source", help="source_id of the document that makes the claim.")],
    subject: Annotated[str, _opt("--subject", help="entity_id the claim is about.")],
    property_id: Annotated[str, _opt("--property", help="property_id (claims/properties.csv).")],
    value: Annotated[str, _opt("--value", help="The value in the document's words.")],
    quote: Annotated[str, _opt("--quote", help="The exact words of the seed; offsets are found for you.")],
    confidence_rule: Annotated[str, _opt("--confidence-rule", help="Rubric rule (C1..); sets the confidence.")],
    modality: Annotated[str, _opt("--modality", help="asserted, denied, alleged, expected, ...")] = "asserted",
    qualifier: Annotated[Text, _opt("--qualifier", help="Quantities: exact, at-least, more-than, up-to, "
                                                        "less-than, about, rounded, unspecified.")] = None,
    number: Annotated[Text, _opt("--number", help="Quantities: the figure as stated; bounds are derived.")] = None,
    scope: Annotated[Text, _opt("--scope", help="Sides a figure covers, sorted, joined by '+'.")] = None,
    occurrence: Annotated[Optional[int], _opt("--occurrence", help="Which occurrence of the quote (1 = first), "
                                                                    "when it occurs more than once.")] = None,
    prefix: Annotated[str, _opt("--prefix", help="Text just before the quote, to choose an occurrence.")] = "",
    suffix: Annotated[str, _opt("--suffix", help="Text just after the quote, to choose an occurrence.")] = "",
    hedge: Annotated[Text, _opt("--hedge", help="Hedge words as written (reportedly, ...).")] = None,
    note: Annotated[Text, _opt("--note", help="The reading chosen, contradictions, anything to know.")] = None,
    attribution: Annotated[Optional[list[str]], _opt(
        "--attribution", help="AGENT_ID:KIND:EVIDENCE, once per link of the chain, reporter first; the evidence is "
        "found in the seed (the occurrence nearest the quote).")] = None,
    date_start: Annotated[Text, _opt("--date-start", help="Dates: first day, YYYY-MM-DD.")] = None,
    date_end: Annotated[Text, _opt("--date-end", help="Dates: last day, YYYY-MM-DD.")] = None,
    date_precision: Annotated[Text, _opt("--date-precision", help="Dates: day, month or year.")] = None,
    entity_value: Annotated[Text, _opt("--entity-value", help="Entity-valued properties: the entity_id.")] = None,
    place: Annotated[Text, _opt("--place", help="Qualifier: where (a place entity_id).")] = None,
    time_start: Annotated[Text, _opt("--time-start", help="Qualifier: first day of the time meant.")] = None,
    time_end: Annotated[Text, _opt("--time-end", help="Qualifier: last day of the time meant.")] = None,
    time_precision: Annotated[Text, _opt("--time-precision", help="Qualifier: day, month or year.")] = None,
    extracted_by: Annotated[Text, _opt("--extracted-by", help="Who extracted it (default: git user.name, "
                                                              "else unknown).")] = None,
    guideline_version: Annotated[Text, _opt("--guideline-version", help="Default: the version docs/model.md "
                                                                        "states.")] = None,
    root: RootOption = Path("."),
) -> None:
    """Add a claim: finds the quote in the seed, derives offsets, bounds and confidence, mints an id.

    Checks the new rows with the same rules as claims validate before writing; prints the claim_id.
    """
    cells = {"source_id": source, "subject_id": subject, "property_id": property_id, "value": value,
             "modality": modality, "value_qualifier": qualifier, "value_number": number, "scope": scope,
             "hedge": hedge, "note": note, "value_date_start": date_start, "value_date_end": date_end,
             "value_date_precision": date_precision, "value_entity_id": entity_value, "place_id": place,
             "time_start": time_start, "time_end": time_end, "time_precision": time_precision,
             "extracted_by": extracted_by, "guideline_version": guideline_version}
    request = contrib.ClaimRequest(cells, quote, confidence_rule, occurrence, prefix, suffix, attribution or [])
    claim_id, warnings = contrib.add_claim(root.resolve(), request)
    for line in contrib.render_warnings(warnings):
        typer.echo(line, err=True)
    typer.echo(claim_id)


@app.command()
def fmt(root: RootOption = Path("."),
        check: Annotated[bool, typer.Option("--check", help="Only list the files that are not canonical; exit 1 "
                                                            "if any.")] = False) -> None:
    """Rewrite the tables in canonical form: row order, quoting, UTF-8 without BOM, LF line endings.

    Claims sort by document and quote position, other tables by primary key, so pull requests
    touch few lines.
    """
    changed = contrib.fmt(root.resolve(), check)
    for rel in changed:
        typer.echo(f"{'not canonical' if check else 'reformatted'}: {rel}", err=True)
    if check and changed:
        raise typer.Exit(1)
    if not changed:
        typer.echo("all tables are canonical", err=True)
