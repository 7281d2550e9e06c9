"""The release's datapackage.json and NOTICE.

The release descriptor is the package's own (Data Package v2, valid under frictionless-py and
the official profile) with each table resource's `bytes` and `hash` (sha256 of its files,
parts concatenated) as the release ships them. Seed resources already carry theirs and each
document's rights statement (generated from sources.csv). A release without the seed texts
drops the seed resources and says so with `x-seeds: withheld`: claims validate then reports
the checks that need the texts as skipped, and the tables keep each seed's hash and size.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..package import SEEDS_PROPERTY, SEEDS_WITHHELD, Package, files_digest, resource_parts


def release_descriptor(descriptor: dict, directory: Path, with_seeds: bool) -> dict:
    release = json.loads(json.dumps(descriptor))
    parts = resource_parts(release)
    resources = []
    for resource in release["resources"]:
        if resource.get("type") == "table":
            size, digest = files_digest([directory / rel for rel in parts[resource["name"]]])
            resource["bytes"], resource["hash"] = size, f"sha256:{digest}"
        elif not with_seeds:
            continue  # a seed resource: its file is not in this release
        resources.append(resource)
    release["resources"] = resources
    if not with_seeds:
        release[SEEDS_PROPERTY] = SEEDS_WITHHELD
    return release


def _plain(text: str) -> str:
    """One line of NOTICE text: no control characters (cells are contributors' input)."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def notice(package: Package, with_seeds: bool) -> str:
    descriptor = package.descriptor
    licences = "; ".join(_plain(item.get("title") or item.get("name", "")) for item in descriptor.get("licenses", []))
    lines = [f"{_plain(descriptor.get('title', descriptor['name']))}",
             f"{descriptor['name']} {descriptor.get('version', '')}", "",
             f"The tables (claims/*.csv) and the JSON Schemas (schemas/): {licences}.",
             "The Parquet files, claims.duckdb and annotations.jsonld are the same data in other formats,",
             "under the same licence. The SQL and scripts are under the MIT licence (LICENSE).", ""]
    if with_seeds:
        lines += ["The source documents in seeds/ are NOT licensed by this project. They are included",
                  "unchanged, as the evidence the claims quote, so that every quote can be verified.",
                  "Rights as recorded for each document:"]
    else:
        lines += ["This release does not include the source documents (built with --without-seeds).",
                  "claims/sources.csv identifies each one by its SHA-256 and size; the quotes are kept.",
                  "Rights as recorded for each document:"]
    for row in package.rows("sources"):
        lines += ["", f"* {_plain(row.get('seed_path', ''))} ({_plain(row.get('source_id', ''))})",
                  f"  title: {_plain(row.get('title', ''))}"]
        for field in ("publisher", "author", "url", "license"):
            if row.get(field):
                lines.append(f"  {field}: {_plain(str(row.get(field)))}")
        lines.append(f"  rights: {_plain(row.get('rights', ''))}")
    return "\n".join(lines) + "\n"
