"""Contribution commands: add-source, add-entity, add-claim, correct, deprecate, add-alias,
add-exclusion, fmt. Thin layers over claims.api (the contribution methods of ClaimsPackage)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import vocab
from .common import RootOption, open_package


def _opt(*names: str, help: str):
    return typer.Option(*names, help=help)


Text = Optional[str]


def add_source(
    document: Annotated[Path, typer.Argument(help="The document's text file (UTF-8); copied byte for byte.",
                                             exists=True, dir_okay=False)],
    source_id: Annotated[str, _opt("--source-id", help="Id of the document, a slug: publisher-yyyy-mm-dd-topic.")],
    title: Annotated[str, _opt("--title", help="Title or headline as the document gives it.")],
    rights: Annotated[str, _opt("--rights", help="Who holds the rights to the text and on what terms it is "
                                                 "included.")],
    kind: Annotated[str, _opt("--kind", help=", ".join(vocab.DOCUMENT_KINDS) + " (claims vocab document-kinds).")]
    = "news-report",
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
    added = open_package(root).add_source(
        document, source_id, title=title, rights=rights, kind=kind, language=language, publisher=publisher,
        author=author, published=published, published_basis=published_basis, published_note=published_note,
        license=license, url=url, notes=notes)
    typer.echo(added.key)


def add_entity(
    entity_id: Annotated[str, typer.Argument(help="type:slug, the type one of " + ", ".join(vocab.ENTITY_TYPES)
                                             + " (agent: an anonymous source), e.g. person:jane-doe, "
                                             "event:khorog-clashes-2012. Check first that it is not there: "
                                             "claims entities WORDS.")],
    name: Annotated[str, _opt("--name", help="The name this package uses for it.")],
    description: Annotated[str, _opt("--description", help="What or who it is, enough to tell it apart.")],
    part_of: Annotated[Text, _opt("--part-of", help="Enclosing entity (the event a sub-event belongs to).")] = None,
    notes: Annotated[Text, _opt("--notes", help="Anything else a reader should know.")] = None,
    root: RootOption = Path("."),
) -> None:
    """Add a person, organisation, place, event, anonymous agent or object to claims/entities.csv."""
    _print(open_package(root).add_entity(entity_id, name=name, description=description, part_of=part_of,
                                         notes=notes))


# The options of a claim, declared once: add-claim requires some, correct takes any of them.
Source = Annotated[str, _opt("--source", help="source_id of the document that makes the claim "
                                             "(claims vocab sources lists them).")]
Subject = Annotated[str, _opt("--subject", help="entity_id the claim is about (claims entities WORDS finds it).")]
PropertyId = Annotated[str, _opt("--property", help="property_id: what is claimed (claims vocab properties "
                                                    "lists them, with value type, unit and cardinality).")]
Value = Annotated[str, _opt("--value", help="The value in the document's words.")]
Quote = Annotated[str, _opt("--quote", help="The exact words of the seed; offsets are found for you.")]
RubricRule = Annotated[str, _opt("--confidence-rule", help="Rubric rule; sets the confidence (claims vocab rubric "
                                                           "lists them).")]
Modality = Annotated[str, _opt("--modality", help="How the claim is put: " + ", ".join(vocab.MODALITIES)
                               + " (claims vocab modalities explains each).")]
Qualifier = Annotated[Text, _opt("--qualifier", help="Quantities: " + ", ".join(vocab.QUALIFIERS)
                                 + " (claims vocab qualifiers gives the bounds of each).")]
Number = Annotated[Text, _opt("--number", help="Quantities: the figure as stated; bounds are derived.")]
Scope = Annotated[Text, _opt("--scope", help="Scoped properties: the sides a figure covers, "
                             + ", ".join(vocab.SIDES) + ", sorted and joined by '+' (claims vocab scopes).")]
Occurrence = Annotated[Optional[int], _opt("--occurrence", help="Which occurrence of the quote (1 = first), "
                                                                "when it occurs more than once.")]
Prefix = Annotated[str, _opt("--prefix", help="Text just before the quote, to choose an occurrence.")]
Suffix = Annotated[str, _opt("--suffix", help="Text just after the quote, to choose an occurrence.")]
Hedge = Annotated[Text, _opt("--hedge", help="Hedge words as written (reportedly, ...).")]
Note = Annotated[Text, _opt("--note", help="The reading chosen, contradictions, anything to know.")]
Attribution = Annotated[Optional[list[str]], _opt(
    "--attribution", help="AGENT_ID:KIND:EVIDENCE, once per link of the chain, reporter first; KIND is one of "
    + ", ".join(vocab.ATTRIBUTION_KINDS) + " (claims vocab attribution-kinds); the evidence is found in the seed "
    "(the occurrence nearest the quote).")]
DateStart = Annotated[Text, _opt("--date-start", help="Dates: first day, YYYY-MM-DD.")]
DateEnd = Annotated[Text, _opt("--date-end", help="Dates: last day, YYYY-MM-DD.")]
DatePrecision = Annotated[Text, _opt("--date-precision", help="Dates: day, month or year.")]
EntityValue = Annotated[Text, _opt("--entity-value", help="Entity-valued properties: the entity_id.")]
Place = Annotated[Text, _opt("--place", help="Qualifier: where (a place entity_id).")]
TimeStart = Annotated[Text, _opt("--time-start", help="Qualifier: first day of the time meant.")]
TimeEnd = Annotated[Text, _opt("--time-end", help="Qualifier: last day of the time meant.")]
TimePrecision = Annotated[Text, _opt("--time-precision", help="Qualifier: day, month or year.")]
ValueInferred = Annotated[bool, typer.Option("--value-inferred", help="The value (a date worked out from a weekday, "
                                             "a figure added up) is inferred, not stated: give --inference-basis "
                                             "and rubric rule C5 or lower.")]
TimeInferred = Annotated[bool, typer.Option("--time-inferred", help="The time qualifier is inferred, not stated: "
                                            "give --inference-basis and rubric rule C5 or lower.")]
InferenceBasis = Annotated[Text, _opt("--inference-basis", help="How the value or time was inferred: the stated "
                                      "date it rests on and the guideline rule used.")]
ExtractedBy = Annotated[Text, _opt("--extracted-by", help="Who extracted it (default: git user.name, else unknown).")]
GuidelineVersion = Annotated[Text, _opt("--guideline-version", help="Default: the version docs/model.md states.")]

def _print(added) -> None:
    """The warnings (lints) of what was added on stderr, its key on stdout."""
    from ..contrib import render_warnings

    for line in render_warnings(added.warnings):
        typer.echo(line, err=True)
    typer.echo(added.key)


def _options(given: dict) -> dict:
    """A command's parameters as the library takes them: all but --root."""
    return {name: value for name, value in given.items() if name != "root"}


def add_claim(source: Source, subject: Subject, property_id: PropertyId, value: Value, quote: Quote,
              confidence_rule: RubricRule, modality: Modality = "asserted", qualifier: Qualifier = None,
              number: Number = None, scope: Scope = None, occurrence: Occurrence = None, prefix: Prefix = "",
              suffix: Suffix = "", hedge: Hedge = None, note: Note = None, attribution: Attribution = None,
              date_start: DateStart = None, date_end: DateEnd = None, date_precision: DatePrecision = None,
              entity_value: EntityValue = None, place: Place = None, time_start: TimeStart = None,
              time_end: TimeEnd = None, time_precision: TimePrecision = None, value_inferred: ValueInferred = False,
              time_inferred: TimeInferred = False, inference_basis: InferenceBasis = None,
              extracted_by: ExtractedBy = None, guideline_version: GuidelineVersion = None,
              root: RootOption = Path(".")) -> None:
    """Add a claim: finds the quote in the seed, derives offsets, bounds and confidence, mints an id.

    Checks the new rows with the same rules as claims validate before writing; prints the claim_id.
    """
    options = _options(locals())
    options["attribution"] = attribution or []
    _print(open_package(root).add_claim(**options))


def correct(claim_id: Annotated[str, typer.Argument(metavar="CLAIM_ID", help="The claim to correct.")],
            reason: Annotated[str, _opt("--reason", help="What was wrong (kept in the old claim's "
                                                         "deprecation_reason).")],
            clear: Annotated[Optional[list[str]], _opt("--clear", help="A column of the old claim to leave empty "
                                                       "in the corrected one (hedge, note, scope, ...); "
                                                       "repeatable.")] = None,
            source: Source = None, subject: Subject = None, property_id: PropertyId = None, value: Value = None,
            quote: Quote = None, confidence_rule: RubricRule = None, modality: Modality = None,
            qualifier: Qualifier = None, number: Number = None, scope: Scope = None, occurrence: Occurrence = None,
            prefix: Prefix = "", suffix: Suffix = "", hedge: Hedge = None, note: Note = None,
            attribution: Attribution = None, date_start: DateStart = None, date_end: DateEnd = None,
            date_precision: DatePrecision = None, entity_value: EntityValue = None, place: Place = None,
            time_start: TimeStart = None, time_end: TimeEnd = None, time_precision: TimePrecision = None,
            value_inferred: ValueInferred = False, time_inferred: TimeInferred = False,
            inference_basis: InferenceBasis = None, extracted_by: ExtractedBy = None,
            guideline_version: GuidelineVersion = None, root: RootOption = Path(".")) -> None:
    """Correct a claim: deprecate it and add the corrected claim under a new id; prints the new id.

    The corrected claim is the old one with the options given changed (--clear empties a column).
    The quote is located in the seed again (when it repeats and nothing chooses, the occurrence
    nearest the old one), bounds and confidence are derived again, and the attribution chain is
    copied with its evidence located again, unless --attribution gives a new one. The old claim
    stays, deprecated, its reason naming the new id.
    """
    options = _options(locals())
    options.update(attribution=attribution or [], clear=clear or [])
    _print(open_package(root).correct(**options))


def deprecate(claim_id: Annotated[str, typer.Argument(metavar="CLAIM_ID", help="The claim to withdraw.")],
              reason: Annotated[str, _opt("--reason", help="Why it is withdrawn (kept in deprecation_reason).")],
              root: RootOption = Path(".")) -> None:
    """Withdraw a claim: it stays in the table, deprecated, with the reason; its id is never reused.

    To replace a wrong claim by a right one, use claims correct.
    """
    _print(open_package(root).deprecate(claim_id, reason=reason))


def add_alias(entity_id: Annotated[str, typer.Argument(help="The entity the spelling names.")],
              alias: Annotated[str, typer.Argument(help="The spelling exactly as the document writes it.")],
              kind: Annotated[str, _opt("--kind", help="How it relates to the canonical name: "
                                        + ", ".join(vocab.ALIAS_KINDS) + ".")],
              source: Annotated[Text, _opt("--source", help="source_id of a document that writes it (it must "
                                           "occur in that seed).")] = None,
              note: Note = None, root: RootOption = Path(".")) -> None:
    """Add a spelling of an entity's name to claims/aliases.csv (claims show finds the entity by it)."""
    _print(open_package(root).add_alias(entity_id, alias, kind=kind, source=source, note=note))


def add_exclusion(source: Annotated[str, typer.Argument(metavar="SOURCE_ID", help="The document.")],
                  text: Annotated[str, typer.Argument(help="The number exactly as the seed writes it.")],
                  reason: Annotated[str, _opt("--reason", help="Why it is no claim (a dateline, a page number).")],
                  occurrence: Occurrence = None, prefix: Prefix = "", suffix: Suffix = "",
                  root: RootOption = Path(".")) -> None:
    """Record a number of a seed that is not a claim, so claims coverage stops listing it.

    The text is located in the seed; when it occurs more than once, --occurrence or --prefix/--suffix chooses.
    """
    row = open_package(root).add_exclusion(source, text, reason=reason, occurrence=occurrence, prefix=prefix,
                                           suffix=suffix)
    typer.echo(f"{row['source_id']}:{row['start']}-{row['end']}: {row['text']}")


def fmt(root: RootOption = Path("."),
        check: Annotated[bool, typer.Option("--check", help="Only list the files that are not canonical; exit 1 "
                                                            "if any.")] = False) -> None:
    """Rewrite the tables in canonical form: row order, quoting, UTF-8 without BOM, LF line endings.

    Claims sort by document and quote position, other tables by primary key, so pull requests
    touch few lines.
    """
    changed = open_package(root).fmt(check)
    for rel in changed:
        typer.echo(f"{'not canonical' if check else 'reformatted'}: {rel}", err=True)
    if check and changed:
        raise typer.Exit(1)
    if not changed:
        typer.echo("all tables are canonical", err=True)


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command("add-source")(add_source)
    app.command("add-entity")(add_entity)
    app.command("add-claim")(add_claim)
    app.command()(correct)
    app.command()(deprecate)
    app.command("add-alias")(add_alias)
    app.command("add-exclusion")(add_exclusion)
    app.command()(fmt)
