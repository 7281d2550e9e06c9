"""Data versions that mean something: the version must fit the changes since the previous release.

The data version is datapackage.json's `version` (the toolkit's, in pyproject.toml, is
separate). Semantic versioning for data (README "Versions"): major when the structure
changes (a table, a column, a view's columns, a property's or rubric rule's meaning), minor
when data is added, patch for corrections. `claims diff` classifies every change; the release
version must be the previous one bumped at exactly that level: a smaller bump would hide a
break from users, a larger one would announce a break that is not there.

The previous release is a folder, a zip or a git ref given with --previous, else the highest
`v<version>` tag of the repository below the version being released; with none, this is the
first release and there is nothing to compare.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..problems import ClaimsError, DataError

SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
TAG_PREFIX = "v"
# How many of the changes that call for a bump a refusal lists (the rest: claims diff).
SHOWN_CHANGES = 5


def parse(version: str) -> tuple[int, int, int]:
    match = SEMVER.fullmatch(version or "")
    if match is None:
        raise DataError(f"version {version!r} is not MAJOR.MINOR.PATCH (semantic versioning for data: see README "
                        "\"Versions\"); set it in datapackage.json")
    return tuple(int(part) for part in match.groups())


def bump(version: str, level: str) -> str:
    major, minor, patch = parse(version)
    return {"major": f"{major + 1}.0.0", "minor": f"{major}.{minor + 1}.0", "patch": f"{major}.{minor}.{patch + 1}"}[level]


@dataclass
class VersionCheck:
    previous: str | None  # None: a first release
    level: str | None  # what the changes call for; None: nothing changed
    message: str


def check_version(version: str, previous: str | None, level: str | None, reasons: list[str],
                  previous_label: str = "") -> VersionCheck:
    """Accept version if it is the previous version bumped at the level the changes call for
    (or the same version when nothing changed: a rebuild); ClaimsError otherwise."""
    parse(version)
    if previous is None:
        return VersionCheck(None, None, f"first release: {version} (no earlier release to compare)")
    parse(previous)
    since = f"since {previous}" + (f" ({previous_label})" if previous_label else "")
    if level is None:
        if version == previous:
            return VersionCheck(previous, None, f"nothing changed {since}: rebuilding {version}")
        raise DataError(f"nothing changed {since}: version {version} would announce changes that are not there; "
                        f"keep {previous}")
    wanted = bump(previous, level)
    if version == wanted:
        return VersionCheck(previous, level, f"{version}: a {level} release {since} ({len(reasons)} change(s) of "
                                             "that kind)")
    shown = "; ".join(reasons[:SHOWN_CHANGES]) + (f"; and {len(reasons) - SHOWN_CHANGES} more"
                                                  if len(reasons) > SHOWN_CHANGES else "")
    raise DataError(f"version {version} does not fit the changes {since}: they call for a {level} release, "
                    f"{wanted} ({shown}); set version to {wanted} in datapackage.json (and CITATION.cff, "
                    ".zenodo.json, CHANGELOG.md), or see claims diff")


def tagged_versions(repo: Path) -> list[str]:
    """The versions of the repository's v<MAJOR.MINOR.PATCH> tags (none outside a git work tree)."""
    from ..states import git

    if not (repo / ".git").exists():
        return []
    names = git(repo, "tag", "--list", f"{TAG_PREFIX}*").split()
    return [name[len(TAG_PREFIX):] for name in names if SEMVER.fullmatch(name[len(TAG_PREFIX):])]


def previous_tag(repo: Path, version: str) -> str | None:
    lower = [v for v in tagged_versions(repo) if parse(v) < parse(version)]
    return TAG_PREFIX + max(lower, key=parse) if lower else None


@contextlib.contextmanager
def previous_state(spec: str, repo: Path) -> Iterator[tuple[Path, str]]:
    """A folder holding the previous release: spec as a folder or git ref (claims diff's states),
    or a release zip unpacked to a temporary folder."""
    from ..states import package_state

    if spec.endswith(".zip") and Path(spec).is_file():
        with tempfile.TemporaryDirectory(prefix="claims-previous-") as temporary:
            yield _unzip_release(Path(spec), Path(temporary)), spec
        return
    with package_state(spec, repo) as state:
        yield state


def _unzip_release(archive: Path, target: Path) -> Path:
    """A release zip holds one folder; entries must stay inside target (zip-slip refused)."""
    try:
        with zipfile.ZipFile(archive) as opened:
            for name in opened.namelist():
                if name.startswith("/") or ".." in Path(name).parts:
                    raise DataError(f"{archive}: entry {name!r} would be written outside the folder")
            opened.extractall(target)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DataError(f"{archive} is not a readable zip: {exc}") from exc
    folders = [path for path in target.iterdir() if path.is_dir()]
    if len(folders) != 1:
        raise DataError(f"{archive} is not a release zip: it should hold one folder <name>-<version>/")
    return folders[0]


def previous_version(folder: Path) -> str:
    from ..package import read_descriptor

    version = read_descriptor(folder).get("version")
    parse(version)
    return version
