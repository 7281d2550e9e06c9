"""The review commands: claims review (walk-through and scripted verdicts) and claims agreement
(how far two readings agree). A thin layer over claims.api, review.py and agreement.py."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .common import RootOption, open_package
from .render import JsonAlias, Output, chosen, emit, format_option, on_terminal

if TYPE_CHECKING:
    from ..agreement import Reading

ListFormat = format_option("text", "json", help="text (80 columns), or json (the unreviewed claims; implies "
                           "--list).")


def P(text: str) -> str:  # noqa: N802 - short, as it is everywhere in the lines below
    """Cell text as printable (review.printable)."""
    from ..review import printable

    return printable(text)


def _highlight(quote: str) -> str:
    """The quoted span in reverse video on a terminal, marked >>> <<< otherwise."""
    if on_terminal():
        return typer.style(quote, bold=True, reverse=True)
    return f">>>{quote}<<<"
COMPARED = (("equal_bounds", "equal bounds", "matched_with_bounds"),
            ("equal_modality", "equal modality", "matched"),
            ("equal_attribution_chain", "equal attribution chain", "matched"),
            ("equal_confidence_rule", "equal confidence rule", "matched"),
            ("equal_subject", "equal subject", "matched"))


def _value_line(claim: dict) -> str:
    text = P(claim["value"] or "")
    if claim["value_qualifier"]:
        low = "open" if claim["value_min"] is None else _number(claim["value_min"])
        high = "open" if claim["value_max"] is None else _number(claim["value_max"])
        text += f"  [{claim['value_qualifier']} {_number(claim['value_number'])}; bounds {low}..{high}]"
    if claim["value_date_start"] or claim["value_date_end"] or claim["value_date_precision"]:
        text += (f"  [date {claim['value_date_start'] or 'open'}..{claim['value_date_end'] or 'open'}, "
                 f"{claim['value_date_precision'] or '?'}" + (", inferred" if claim["value_is_inferred"] else "") + "]")
    if claim["value_entity_id"]:
        text += f"  [entity {claim['value_entity_id']}]"
    return text


def _number(value) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else str(value)


def claim_block(root: Path, claim: dict, number: int, total: int, context: int) -> list[str]:
    """The quote in its context with the span marked, and the structured reading."""
    from ..query import quote_in_context

    where = quote_in_context(root, claim, context)
    quote = (f"{P(where.before)}{_highlight(P(where.quote))}{P(where.after)}" if where
             else f"{_highlight(P(claim['quote']))}  (seed not readable)")
    chain = " > ".join(f"{link['position']} {link['agent_id']} ({link['attribution_kind']}: "
                       f"\"{P(link['evidence'])}\")" for link in claim["chain"]) or "(the document's own voice)"
    lines = [f"[{number}/{total}] {claim['claim_id']}",
             f"    document:   {P(claim['document_title'] or '')} ({claim['source_id']}), "
             f"{claim['seed_path']}:{claim['quote_start']}-{claim['quote_end']}",
             f"    quote:      {quote}",
             f"    subject:    {claim['subject_id']} ({P(claim['subject_name'] or '?')})",
             f"    property:   {claim['property_id']}" + (f"   scope: {claim['scope']}" if claim["scope"] else ""),
             f"    value:      {_value_line(claim)}",
             f"    modality:   {claim['modality']}" + (f"   hedge: {P(claim['hedge'])}" if claim["hedge"] else ""),
             f"    chain:      {chain}",
             f"    confidence: {_number(claim['confidence'])} ({claim['confidence_rule']})"]
    if claim["place_id"] or claim["time_start"] or claim["time_end"]:
        lines.append(f"    qualifiers: place {claim['place_id'] or '-'}, time {claim['time_start'] or 'open'}.."
                     f"{claim['time_end'] or 'open'}")
    if claim["note"]:
        lines.append(f"    note:       {P(claim['note'])}")
    return lines


def _walk(root: Path, claims: list[dict], reviewer: str, reviewed_on: str, context: int) -> int:
    """Ask for a verdict on each claim in turn; each one is written as soon as it is given."""
    from .. import review as reviews

    recorded = 0
    for number, claim in enumerate(claims, start=1):
        typer.echo("\n".join(claim_block(root, claim, number, len(claims), context)))
        answer = typer.prompt("verdict: [c]onfirm, [d]ispute, [s]kip, [q]uit", default="s",
                              show_default=False).strip().lower()[:1]
        if answer == "q":
            break
        if answer not in ("c", "d"):
            continue
        note = ""
        if answer == "d":
            while not note.strip():
                note = typer.prompt("why (required for a dispute)", default="", show_default=False)
        row = reviews.review_row(claim["claim_id"], "confirmed" if answer == "c" else "disputed", reviewer,
                                 reviewed_on, "walk-through", note.strip())
        for warning in reviews.record(root, [row]):
            typer.echo(warning, err=True)
        recorded += 1
    return recorded


def review(root: RootOption = Path("."),
           document: Annotated[Optional[str], typer.Option("--document", help="Only the claims of this source_id.")]
           = None,
           fact: Annotated[Optional[str], typer.Option("--fact", help="Only the claims of this fact key "
                                                       "(subject|property[|scope]).")] = None,
           reviewer: Annotated[Optional[str], typer.Option("--reviewer", help="Who reviews (default: git config "
                                                           "user.name); never the claim's extractor.")] = None,
           reviewed_on: Annotated[Optional[str], typer.Option("--date", help="Day of the review, YYYY-MM-DD "
                                                              "(default: today).")] = None,
           claim: Annotated[Optional[str], typer.Option("--claim", help="Record a verdict on this claim without "
                                                        "asking (with --verdict).")] = None,
           verdict: Annotated[Optional[str], typer.Option("--verdict", help="confirmed, corrected or disputed "
                                                          "(with --claim).")] = None,
           note: Annotated[str, typer.Option("--note", help="Why; required for disputed and corrected.")] = "",
           replaced_by: Annotated[str, typer.Option("--replaced-by", help="For corrected: the claim that "
                                                    "replaces the reviewed one.")] = "",
           method: Annotated[str, typer.Option("--method", help="walk-through (read against the seed) or "
                                               "second-reading (compared with an independent extraction).")]
           = "walk-through",
           verdicts: Annotated[Optional[Path], typer.Option("--verdicts", help="Record every row of this CSV "
                                                            "(claim_id, verdict[, note, replaced_by, method]).",
                                                            dir_okay=False)] = None,
           list_only: Annotated[bool, typer.Option("--list", help="Only print the unreviewed claims.")] = False,
           output_format: ListFormat = "text", as_json: JsonAlias = False,
           context: Annotated[int, typer.Option("--context", min=0, help="Characters of the seed shown either "
                                                "side of the quote.")] = 80) -> None:
    """Walk through the unreviewed claims of a document or a fact and record a verdict on each.

    Each claim is shown with its quote in context (span marked >>> <<< off a terminal) and its
    structured reading. Scripts use --claim with --verdict, or --verdicts FILE; --list only prints.
    """
    from .. import review as reviews
    from ..problems import UsageError

    output_format = chosen(output_format, as_json)
    package = open_package(root)
    reviewer = package.reviewer(reviewer)
    reviewed_on = reviewed_on or reviews.today()
    if claim or verdict:
        if not (claim and verdict):
            raise UsageError("--claim and --verdict go together")
        rows = [reviews.review_row(claim, verdict, reviewer, reviewed_on, method, note, replaced_by)]
    elif verdicts is not None:
        rows = reviews.read_verdicts(verdicts, reviewer, reviewed_on, method)
    else:
        rows = None
    if rows is not None:
        for warning in package.record_reviews(rows):
            typer.echo(warning, err=True)
        typer.echo(f"recorded {len(rows)} review(s) by {P(reviewer)} on {reviewed_on}", err=True)
        return
    claims = package.unreviewed(document, fact)
    if output_format == "json" or list_only:
        emit(Output(payload=claims, text=lambda: "\n\n".join(
            "\n".join(claim_block(root, item, number, len(claims), context))
            for number, item in enumerate(claims, start=1)) + "\n"), output_format)
        if output_format == "text":
            typer.echo(f"{len(claims)} unreviewed claim(s)", err=True)
        return
    if not claims:
        typer.echo("no unreviewed claims here", err=True)
        return
    recorded = _walk(root, claims, reviewer, reviewed_on, context)
    typer.echo(f"recorded {recorded} review(s); {len(claims) - recorded} left unreviewed", err=True)


AgreementFormat = format_option("text", "json")


def _share(figures: dict, name: str, denominator: str) -> str:
    share = figures[f"share_{name}"]
    return f"{figures[name]} of {figures[denominator]}" + ("" if share is None else f" ({share:.3f})")


def agreement_lines(figures: dict, label_a: str, label_b: str) -> list[str]:
    lines = [f"readings in A ({label_a})  {figures['readings_a']}",
             f"readings in B ({label_b})  {figures['readings_b']}",
             f"found by both (matched)  {figures['matched']}",
             f"found by A only  {figures['only_a']}",
             f"found by B only  {figures['only_b']}"]
    lines += [f"matched with {label}  {_share(figures, name, denominator)}" for name, label, denominator in COMPARED]
    width = max(line.index("  ") for line in lines)
    return [f"{line[:line.index('  ')]:<{width}}  {line[line.index('  ') + 2:]}" for line in lines]


def _reading_line(reading: Reading) -> str:
    return (f"{reading.ref}  {reading.document}:{reading.start}-{reading.end}  {reading.subject}  {reading.prop}"
            + (f"|{reading.scope}" if reading.scope else "") + f"  \"{P(reading.quote[:80])}\"")


def agreement(first: Annotated[Path, typer.Argument(metavar="A", help="A package folder or a second-reading CSV.")],
              second: Annotated[Path, typer.Argument(metavar="B", help="A package folder or a second-reading CSV.")],
              output_format: AgreementFormat = "text", as_json: JsonAlias = False,
              details: Annotated[bool, typer.Option("--details", help="Also list each unmatched reading and each "
                                                    "matched pair that differs, and how.")] = False,
              document: Annotated[Optional[list[str]], typer.Option("--document", help="Only this seed path "
                                                                    "(repeatable).")] = None) -> None:
    """Compare two readings of the same documents: found by both, by one only, and how far matched ones agree.

    Match: same document (seed file), overlapping quote spans, same property and scope; each reading is
    matched once, best pair first (same subject, then larger overlap). See docs/agreement.md.
    """
    from .. import agreement as agree

    output_format = chosen(output_format, as_json)
    result = agree.compare(agree.load(first), agree.load(second), set(document) if document else None)
    figures, per_document = result.figures(), agree.by_document(result)
    if output_format == "json":
        payload = {"a": str(first), "b": str(second), "figures": figures, "documents": per_document}
        if details:
            payload["only_a"] = [vars(r) for r in result.only_a]
            payload["only_b"] = [vars(r) for r in result.only_b]
            payload["differing_pairs"] = [{"a": vars(a), "b": vars(b), "differ_in": agree.differences(a, b)}
                                          for a, b in result.pairs if agree.differences(a, b)]
        emit(Output(payload=payload), "json")
        return
    typer.echo("\n".join(agreement_lines(figures, str(first), str(second))))
    for name, numbers in per_document.items():
        typer.echo(f"\n{name}: both {numbers['matched']}, A only {numbers['only_a']}, B only {numbers['only_b']}; "
                   f"equal bounds {_share(numbers, 'equal_bounds', 'matched_with_bounds')}, modality "
                   f"{_share(numbers, 'equal_modality', 'matched')}, chain "
                   f"{_share(numbers, 'equal_attribution_chain', 'matched')}, rule "
                   f"{_share(numbers, 'equal_confidence_rule', 'matched')}")
    if details:
        for a, b in result.pairs:
            differ = agree.differences(a, b)
            if differ:
                typer.echo(f"\ndiffer in {', '.join(differ)}:\n  A {_reading_line(a)}\n  B {_reading_line(b)}")
        for label, readings in (("A only", result.only_a), ("B only", result.only_b)):
            for reading in readings:
                typer.echo(f"\n{label}: {_reading_line(reading)}")


def register(app) -> None:
    """Add this group's commands to the app."""
    app.command()(review)
    app.command()(agreement)
