"""The files that name the data version besides datapackage.json: CHANGELOG.md, CITATION.cff,
.zenodo.json. A release refuses to go out while one of them names another version."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..problems import DataError

CHANGELOG = "CHANGELOG.md"
CITATION = "CITATION.cff"
ZENODO = ".zenodo.json"
CFF_VERSION = re.compile(r"^version:\s*[\"']?([^\"'\s#]+)[\"']?\s*(#.*)?$", re.MULTILINE)


def changelog_heading(version: str) -> re.Pattern:
    """`## 1.2.0` or `## [1.2.0]`, anything after it (a date, a title) allowed."""
    return re.compile(rf"^## \[?{re.escape(version)}\]?(?![0-9.])", re.MULTILINE)


def changelog_section(text: str, version: str) -> str | None:
    """The section of version, from its heading to the next `## ` heading, or None."""
    match = changelog_heading(version).search(text)
    if match is None:
        return None
    following = re.compile(r"^## ", re.MULTILINE).search(text, match.end())
    return text[match.start():following.start() if following else len(text)].rstrip() + "\n"


def review_line(coverage: dict[str, int]) -> str:
    """How much of the release a second reader has checked (claims summary's figures)."""
    active = coverage["reviewed_claims"] + coverage["unreviewed_claims"]
    share = f"{100 * coverage['reviewed_claims'] / active:.1f} %" if active else "no claims"
    return (f"review coverage: {coverage['reviewed_claims']} of {active} active claims reviewed by a reader other "
            f"than their extractor ({share}), {coverage['disputed_claims']} disputed")


def release_notes(section: str, coverage: dict[str, int]) -> str:
    """The changelog section, then the review coverage of the data released."""
    line = review_line(coverage)
    return f"{section.rstrip()}\n\n{line[0].upper()}{line[1:]} (the views claim_reviews and review_coverage hold the detail).\n"


def mismatches(root: Path, version: str) -> list[str]:
    """What names another version than the descriptor's (files that are absent are not checked)."""
    found = []
    changelog = root / CHANGELOG
    if changelog.is_file() and changelog_section(changelog.read_text(encoding="utf-8"), version) is None:
        found.append(f"{CHANGELOG} has no section '## {version}': start it from claims diff --format markdown")
    citation = root / CITATION
    if citation.is_file():
        match = CFF_VERSION.search(citation.read_text(encoding="utf-8"))
        if match is None or match.group(1) != version:
            found.append(f"{CITATION} gives version {match.group(1) if match else '(none)'}, not {version}")
    zenodo = root / ZENODO
    if zenodo.is_file():
        try:
            named = json.loads(zenodo.read_text(encoding="utf-8")).get("version")
        except (json.JSONDecodeError, AttributeError):
            named = "(not a JSON object)"
        if named != version:
            found.append(f"{ZENODO} gives version {named}, not {version}")
    return found


def require_consistent(root: Path, version: str, tag: str | None) -> None:
    found = mismatches(root, version)
    if tag is not None and tag != f"v{version}":
        found.insert(0, f"the tag {tag} is not v{version}, the version in datapackage.json")
    if found:
        raise DataError("cannot release: " + "; ".join(found))
