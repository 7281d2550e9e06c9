"""How a validation report is shown: plain text (rich colours on a terminal), JSON, or GitHub
workflow commands plus a Markdown job summary."""

from __future__ import annotations

import html
import json
import os
import sys
from pathlib import Path

from . import inert
from .problems import Problem
from .rootcause import cause_key, folded_lines, followers_of
from .validate import Report

# GitHub shows at most 10 error and 10 warning annotations per step (50 per job); more are
# dropped silently, so the rest go to the job summary and one notice says so.
GITHUB_STEP_CAP = 10
# GitHub refuses a step summary over 1 MiB; stay well under it.
SUMMARY_MAX_BYTES = 900_000


def verdict(report: Report) -> str:
    rows = " (" + ", ".join(f"{count} {name}" for name, count in report.counts.items()) + ")" if report.counts else ""
    warnings = f", {len(report.warnings)} warning(s)" if report.warnings else ""
    followers = [p for p in report.problems if p.follows_from]
    if followers:
        causes = len({p.follows_from for p in followers})
        warnings += f"; {len(followers)} of them follow from {causes} root cause(s) listed first"
    skipped = f", {len(report.skipped)} check(s) skipped" if report.skipped else ""
    if report.is_valid:
        return f"valid{rows}{warnings}{skipped}"
    return f"invalid: {len(report.errors)} error(s){warnings}{skipped}{rows}"


def skipped_lines(report: Report) -> list[str]:
    """One line per check that did not run, and per rule whose repair hints were capped."""
    from .checks import REPAIR_HINT_LIMIT

    return [f"skipped [{rule}] {reason}" for rule, reason in sorted(report.skipped.items())] + [
        f"capped [{rule}] a located repair is searched for the first {REPAIR_HINT_LIMIT:,} of its problems; "
        f"{rest:,} more carry the rule's general fix" for rule, rest in report.capped.items()] + scope_lines(report)


def scope_lines(report: Report) -> list[str]:
    """With --incremental: what was checked row by row, or why the whole package was."""
    scope = report.scope
    if not scope:
        return []
    if scope["incremental"]:
        return [f"incremental since {scope['base']}: {scope['rows']:,} changed or dependent row(s) checked by "
                "every row rule; the rules that compare rows ran on every row"]
    return [f"incremental since {scope['base']}: checked in full, because {scope['reason']}"]


def leading(report: Report) -> list[tuple[Problem, list[str]]]:
    """The problems to show one by one (root causes first, then the independent ones), each with
    the folded lines of what follows from it."""
    followers = followers_of(report.problems)
    return [(p, folded_lines(followers.get(cause_key(p), []))) for p in report.problems if not p.follows_from]


def as_document(report: Report) -> dict:
    """The report as JSON takes it."""
    document = {"valid": report.is_valid, "counts": report.counts,
                "errors": len(report.errors), "warnings": len(report.warnings),
                "problems": [p.as_dict() for p in report.problems]}
    if report.skipped:
        document["skipped"] = [{"rule": rule, "reason": reason} for rule, reason in sorted(report.skipped.items())]
    if report.scope:
        document["incremental"] = report.scope
    if report.capped:
        document["repair_hints_capped"] = [{"rule": rule, "without_repair": rest} for rule, rest in report.capped.items()]
    return document


def as_json(report: Report) -> str:
    return json.dumps(as_document(report), indent=2, ensure_ascii=False)


def as_text(report: Report) -> str:
    """Every problem (root causes first, what follows from each folded under it), then one line
    per check that did not run (and why)."""
    shown = "".join(problem.render() + "\n" + "".join(f"    {line}\n" for line in folded)
                    for problem, folded in leading(report))
    return shown + "".join(line + "\n" for line in skipped_lines(report))


def print_rich(report: Report) -> None:
    """The text report with colours, for a terminal; the words are those of as_text."""
    from rich.console import Console
    from rich.text import Text

    # rich writes its own colour codes, past the inert filter: the texts are made inert here instead.
    console = Console(highlight=False, file=inert.raw_stream(sys.stdout))
    for problem, folded in leading(report):
        colour = "red" if problem.severity == "error" else "yellow"
        line = Text.assemble((_inert(f"{problem.file}:{problem.line}:{problem.column}"), "bold"), ": ",
                             (problem.severity, colour), " ", (f"[{problem.rule}]", "cyan"), " ",
                             _inert(problem.message))
        console.print(line, soft_wrap=True)  # no hard breaks: a location stays one copyable line
        if problem.hint:
            console.print(Text.assemble("    fix: ", (_inert(problem.hint), "green")), soft_wrap=True)
        for text in folded:
            console.print(Text.assemble("    ", (_inert(text), "dim")), soft_wrap=True)
    for line in skipped_lines(report):
        console.print(Text(_inert(line), style="dim"), soft_wrap=True)


def _inert(text: str) -> str:
    return inert.inert_line(text.replace("\n", "\\n"))


# GitHub workflow commands ---------------------------------------------------------------------

def escape_data(text: str) -> str:
    """GitHub's escaping of a command's value, and then no control character or "##[" (inert.py)."""
    return inert.inert_fragment(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, folded: list[str] = ()) -> str:
    kind = "error" if problem.severity == "error" else "warning"
    properties = ",".join(f"{key}={escape_property(str(value))}" for key, value in (
        ("file", problem.file), ("line", problem.line), ("col", problem.column), ("title", problem.rule)))
    message = problem.message + (f"\nfix: {problem.hint}" if problem.hint else "")
    message += "".join(f"\n{line}" for line in folded)
    return f"::{kind} {properties}::{escape_data(message)}"


def github_commands(report: Report) -> list[str]:
    """Annotations for root causes and independent problems (root causes first); what follows
    from a root cause is counted in its annotation and listed in the job summary."""
    shown = leading(report)
    errors = [(p, f) for p, f in shown if p.severity == "error"][:GITHUB_STEP_CAP]
    warnings = [(p, f) for p, f in shown if p.severity != "error"][:GITHUB_STEP_CAP]
    lines = [annotation(p, folded) for p, folded in errors + warnings]
    left = len(shown) - len(lines)
    if left:
        lines.append(f"::notice title=claims validate::{left} more problem(s) are listed in the job summary "
                     "(GitHub shows 10 annotations of each kind per step)")
    return lines


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", "<br>")


def markdown_summary(report: Report) -> str:
    """Every problem as a Markdown table, cut (with a note) before GitHub's size limit."""
    head = [f"## claims validate: {_cell(verdict(report))}", ""]
    if not report.problems:
        return "\n".join(head) + "\n"
    header = ["| where | severity | rule | problem | fix |", "|---|---|---|---|---|"]
    text = "\n".join(head + header) + "\n"
    shown = leading(report)
    followers = [p for p in report.problems if p.follows_from]
    rows = [_row(p, folded) for p, folded in shown]
    if followers:
        rows.append("\n<details><summary>" + f"{len(followers)} problem(s) that follow from a root cause above"
                    + "</summary>\n\n" + "\n".join(header) + "\n")
        rows += [_row(p) for p in followers]
        rows.append("\n</details>\n")
    for index, row in enumerate(rows):
        if len(text.encode("utf-8")) + len(row.encode("utf-8")) > SUMMARY_MAX_BYTES:
            return text + (f"\n… and {len(rows) - index} more: run `claims validate` locally "
                           "to see them all.\n")
        text += row
    return text


def _row(problem: Problem, folded: list[str] = ()) -> str:
    message = _cell(problem.message) + "".join(f"<br>*{_cell(line)}*" for line in folded)
    return (f"| `{_cell(problem.file)}:{problem.line}:{problem.column}` | {problem.severity} | "
            f"`{problem.rule}` | {message} | {_cell(problem.hint)} |\n")


def write_step_summary(report: Report) -> Path | None:
    """Append the Markdown report to the file GitHub names in $GITHUB_STEP_SUMMARY, if any."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(markdown_summary(report))
    return Path(target)
