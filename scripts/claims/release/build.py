"""claims release: dist/<name>-<version>/ and dist/<name>-<version>.zip from a valid package.

The folder is the package as the repository publishes it (descriptor, tables, seed texts,
JSON Schemas, SQL, docs) plus what a reader without the toolkit needs: a Parquet file per
table and per view, claims.duckdb, annotations.jsonld with its JSON-LD context, NOTICE,
CHANGELOG.md, CITATION.cff and SHA256SUMS. It is built in a temporary folder beside the
target, validated there, and only then renamed into place: a failed build changes nothing.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..package import DESCRIPTOR, Package, load_package, resource_parts, unsafe_path
from ..problems import DataError
from . import annotations, archive, formats, metadata, versions
from .descriptor import notice, release_descriptor
from .progress import Progress
from .versions import VersionCheck

# Copied whole (their files, recursively) when present; tables and seeds are copied as the
# descriptor and sources.csv name them.
FOLDERS = ("schemas", "sql", "docs")
FILES = ("LICENSE", "LICENSE-DATA.md", "CHANGELOG.md", "CITATION.cff")
DATABASE = "claims.duckdb"
STEPS = 10


@dataclass
class Release:
    directory: Path
    archive: Path
    name: str
    version: str
    with_seeds: bool
    version_check: str  # why this version fits (first release, or the level of the changes)
    review_coverage: dict  # reviewed, unreviewed and disputed active claims (claims summary's figures)


def _validated_package(root: Path) -> Package:
    from ..validate import validate

    from .. import view_contract

    report = validate(root)
    if not report.is_valid:
        raise DataError(f"cannot release: the package has {len(report.errors)} error(s); run claims validate")
    if view_contract.is_stale(root):  # the release's readers rely on the contract its version is checked against
        raise DataError(f"cannot release: {view_contract.CONTRACT} does not list the views' columns and types as "
                        "sql/ defines them; run claims sync, review the difference and commit it")
    return load_package(root)


def _copy(root: Path, rel: str, directory: Path) -> None:
    """Copy one file byte for byte; nothing outside the package, no symbolic link on the way."""
    reason = unsafe_path(rel)
    current = root
    for part in Path(rel).parts:
        current = current / part
        if not reason and current.is_symlink():
            reason = "is or passes through a symbolic link"
    if not reason and not current.is_file():
        reason = "is not a regular file"
    if reason:
        raise DataError(f"cannot release: {rel} {reason}")
    _write(directory / rel, current.read_bytes())


def package_files(package: Package, with_seeds: bool) -> list[str]:
    """The package's own files that go into the release, relative to its root."""
    root = package.root
    files = [rel for parts in resource_parts(package.descriptor).values() for rel in parts]
    if with_seeds:
        files += [row.get("seed_path") for row in package.rows("sources")]
    for folder in FOLDERS:
        if (root / folder).is_dir() and not (root / folder).is_symlink():
            files += [path.relative_to(root).as_posix() for path in (root / folder).rglob("*")
                      if path.is_file() and not path.name.startswith(".")]
    files += [name for name in FILES if (root / name).is_file()]
    return sorted(set(files))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def check_release_version(root: Path, version: str, previous: str | None = None) -> VersionCheck:
    """The version against the changes since the previous release (claims diff decides the level)."""
    from ..diff import RELEASE_LEVELS, diff_packages

    spec = previous or versions.previous_tag(root, version)
    if spec is None:
        return versions.check_version(version, None, None, [])
    with versions.previous_state(spec, root) as (folder, label):
        old_version = versions.previous_version(folder)
        changes = diff_packages(folder, root, label, "this package")
    level = changes.release_level
    reasons = [text for kind, text in changes.changes() if RELEASE_LEVELS[kind] == level]
    return versions.check_version(version, old_version, level, reasons, label)


def build_release(root: Path, dist: Path, with_seeds: bool = True, progress: Progress | None = None,
                  previous: str | None = None, tag: str | None = None) -> Release:
    progress = progress or Progress(STEPS)
    progress.step("validating the package and its version")
    package = _validated_package(root)
    name, version = package.descriptor["name"], package.descriptor.get("version")
    versions.parse(version)
    metadata.require_consistent(package.root, version, tag)
    checked = check_release_version(package.root, version, previous)
    from ..summary import summarise

    figures = summarise(package)
    coverage = {key: figures[key] for key in ("reviewed_claims", "unreviewed_claims", "disputed_claims")}
    folder = f"{name}-{version}" + ("" if with_seeds else "-without-seeds")
    target = dist / folder
    staging = dist / f".{folder}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        progress.step("copying tables, seeds, schemas, SQL and docs")
        for rel in package_files(package, with_seeds):
            _copy(package.root, rel, staging)
        progress.step("descriptor and NOTICE")
        from ..descriptor import dumps

        _write(staging / DESCRIPTOR, dumps(release_descriptor(package.descriptor, staging, with_seeds)).encode("utf-8"))
        _write(staging / "NOTICE", notice(package, with_seeds).encode("utf-8"))
        progress.step("annotations.jsonld")
        label = f"Quotes of {name} {version}: each claim's words in its source document"
        _write(staging / annotations.ANNOTATIONS, annotations.dumps(annotations.collection(package, label)))
        _write(staging / annotations.CONTEXT, annotations.dumps(annotations.CONTEXT_DOCUMENT))
        _write_formats(staging, package, progress)
        progress.step("validating the release")
        _check_release(staging)
        progress.step("SHA256SUMS and zip")
        _write(staging / archive.SUMS, archive.sha256sums(staging).encode("utf-8"))
        _replace(staging, target)
        archive.write_zip(target, dist / f"{folder}.zip")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        progress.close()
    return Release(target, dist / f"{folder}.zip", name, version, with_seeds, checked.message, coverage)


def _write_formats(staging: Path, package: Package, progress: Progress) -> None:
    progress.step("loading the release into DuckDB")
    connection = formats.load(staging)
    try:
        tables = list(resource_parts(package.descriptor))
        views = formats.views(connection)
        progress.step(f"Parquet: {len(tables)} tables")
        for table in tables:
            formats.write_parquet(connection, table, False, staging / "parquet" / f"{table}.parquet")
        progress.step(f"Parquet: {len(views)} views")
        for view in views:
            formats.write_parquet(connection, view, True, staging / "parquet" / "views" / f"{view}.parquet")
        progress.step(DATABASE)
        formats.write_database(connection, tables, views, staging / DATABASE)
    finally:
        connection.close()


def _check_release(staging: Path) -> None:
    from ..validate import validate

    report = validate(staging)
    if not report.is_valid:
        first = report.errors[0].render()
        raise DataError(f"the release built does not validate ({len(report.errors)} error(s)); first: {first}")


def _replace(staging: Path, target: Path) -> None:
    """Put the new folder in place of any earlier build of the same version."""
    old = target.with_name(f".{target.name}.{os.getpid()}.old")
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(staging, target)
    finally:
        shutil.rmtree(old, ignore_errors=True)
