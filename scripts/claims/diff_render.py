"""A PackageDiff as text (terminals), Markdown (pull-request summaries, release notes) or JSON.

Cell text comes from contributions, so it is made inert before it is shown: control characters
(terminal escapes, carriage returns, newlines that could start a CI workflow command) and
bidirectional overrides are written as \\uXXXX, long values are shortened (JSON keeps them
whole, escaped by the JSON encoder), and Markdown metacharacters are escaped.
"""

from __future__ import annotations

import html
import json
import re

from .diff import PackageDiff, render_key

# Anything that can move a cursor, end a line or reorder text on screen.
UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
SHOWN_CHARS = 160
# A pull-request comment holds 65,536 characters: sections list this many items, then count.
MARKDOWN_ITEMS = 100


def inert(value, limit: int = SHOWN_CHARS) -> str:
    text = UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", "" if value is None else str(value))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def md(value, limit: int = SHOWN_CHARS) -> str:
    """Inert text for a Markdown table cell or list item: no HTML, links, mentions or breaks."""
    text = html.escape(inert(value, limit), quote=False)
    return re.sub(r"([\\`*_\[\]|#@!~])", r"\\\1", text)


def _estimate(values: tuple) -> str:
    return "none" if not values else " / ".join("-" if v is None else str(v) for v in values)


def _column_action(change, item) -> str:
    if change.action == "retyped":
        return f"retyped ({item(change.old_type)} -> {item(change.new_type)})"
    return change.action


def sections(diff: PackageDiff, item) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each part that changed; item(text) makes a value safe for the format."""
    result = []
    structure = [f"table {item(t)} added" for t in diff.tables_added]
    structure += [f"table {item(t)} removed" for t in diff.tables_removed]
    structure += [f"column {item(c.table)}.{item(c.column)} {_column_action(c, item)}" for c in diff.columns]
    structure += [f"view {item(v)} added" for v in diff.views_added]
    structure += [f"view {item(v)} removed" for v in diff.views_removed]
    structure += [f"view column {item(c.table)}.{item(c.column)} {_column_action(c, item)}" for c in diff.view_columns]
    if structure:
        result.append(("Structure", structure))
    for table, rows in diff.rows.items():
        lines = [f"added {item(render_key(r.key))}" for r in rows.added]
        deprecated = {r.key for r in rows.deprecated}
        for row in rows.changed:
            verb = "deprecated" if row.key in deprecated else "changed"
            lines.append(f"{verb} {item(render_key(row.key))}: " + "; ".join(
                f"{item(col)} {item(old)!s} -> {item(new)!s}" for col, (old, new) in row.columns.items()))
        lines += [f"removed {item(render_key(r.key))}" for r in rows.removed]
        counts = ", ".join(f"{len(getattr(rows, k))} {k}" for k in ("added", "changed", "deprecated", "removed")
                           if getattr(rows, k))
        result.append((f"{table} ({counts})", lines))
    if diff.seeds:
        result.append(("Seeds", [f"{s.action} {item(s.path)}" for s in diff.seeds]))
    if diff.contested:
        result.append(("Contested facts", [
            f"{item(f.fact_key)}: " + ("became contested (" + f.new_tier + ")" if not f.old_tier
                                       else "no longer contested" if not f.new_tier
                                       else f"tier {f.old_tier} -> {f.new_tier}") for f in diff.contested]))
    if diff.estimates:
        result.append(("Estimates (low / best / high)", [
            f"{item(e.fact_key)}: {_estimate(e.old)} -> {_estimate(e.new)}" for e in diff.estimates]))
    for side, reason in diff.views_unavailable.items():
        result.append((f"Views of the {side} state not compared", [item(reason, 400)]))
    return result


def level_line(diff: PackageDiff) -> str:
    level = diff.release_level
    return f"release level: {level}" if level else "no changes to the data or its structure"


def as_text(diff: PackageDiff) -> str:
    lines = [f"{inert(diff.old_label)} -> {inert(diff.new_label)}: {level_line(diff)}"]
    for heading, items in sections(diff, inert):
        lines.append(f"{heading}:")
        lines += [f"  {entry}" for entry in items]
    return "\n".join(lines) + "\n"


def as_markdown(diff: PackageDiff, heading_level: int = 2) -> str:
    hashes = "#" * heading_level
    lines = [f"{hashes} Data changes: {md(diff.old_label)} → {md(diff.new_label)}", "", f"**{level_line(diff)}**"]
    for heading, items in sections(diff, md):
        lines += ["", f"{hashes}# {md(heading)}", ""]
        lines += [f"- {entry}" for entry in items[:MARKDOWN_ITEMS]]
        if len(items) > MARKDOWN_ITEMS:
            lines.append(f"- … and {len(items) - MARKDOWN_ITEMS} more (`claims diff --format json` lists all)")
    return "\n".join(lines) + "\n"


def as_json(diff: PackageDiff) -> str:
    return json.dumps(diff.as_dict(), indent=2, ensure_ascii=True, default=str)

