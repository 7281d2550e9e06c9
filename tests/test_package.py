"""The live package is valid by every engine that judges it: as committed, and as grown by a
contribution (the `live_root` fixture). Invariants only: nothing here names today's content.

CI's lint policy (README, CONTRIBUTING.md, .ci/run and the workflow say the same): errors fail,
lint warnings are shown to the reviewer and do not fail; so no test of the live package demands
zero warnings (`--strict` is for a contributor who wants them gone)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from frictionless import validate as frictionless_validate

from claims import descriptor
from claims.package import load_package
from claims.schemas import load_schemas
from claims.validate import validate

from conftest import ROOT

SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def test_live_package_is_valid(live_root):
    report = validate(live_root)
    assert [p.render() for p in report.errors] == []
    assert report.counts["claims"] > 0


def test_frictionless_validates_whole_package_with_data(live_root):
    report = frictionless_validate(str(live_root / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])[:5]


def test_frictionless_cli_exits_zero(live_root):
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
                            cwd=live_root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_official_v2_profile_accepts_descriptor(live_root):
    data = json.loads((live_root / "datapackage.json").read_text(encoding="utf-8"))
    assert data["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor.profile_problems(data) == []


def test_official_profile_rejects_a_bad_descriptor():
    data = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    data["resources"] = "not a list"
    assert [p.rule for p in descriptor.profile_problems(data)] == ["descriptor-profile"]


def test_table_schemas_are_generated_from_json_schemas(live_root):
    data = json.loads((live_root / "datapackage.json").read_text(encoding="utf-8"))
    schemas = load_schemas(live_root / "schemas")
    tables = {r["name"]: r for r in data["resources"] if r.get("type") == "table"}
    assert set(tables) == set(schemas)
    for name, schema in schemas.items():
        assert tables[name]["schema"] == descriptor.table_schema(schema)
        assert [f["name"] for f in tables[name]["schema"]["fields"]] == schema.fields


def test_generated_files_are_in_sync(live_root):
    assert descriptor.stale_files(load_package(live_root)) == []


def test_every_resource_has_a_licence_and_seeds_keep_publisher_rights(live_root):
    data = json.loads((live_root / "datapackage.json").read_text(encoding="utf-8"))
    for resource in data["resources"]:
        assert resource["licenses"], resource["name"]
    seeds = [r for r in data["resources"] if r["name"].startswith("seed-")]
    sources = load_package(live_root).rows("sources")
    assert len(seeds) == len(sources) > 0  # one seed resource per document
    assert all(r["licenses"][0]["name"] != "CC-BY-4.0" for r in seeds)


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_seeds_keep_the_shared_documents_byte_for_byte():
    """The first content stays as delivered; contributions add seeds beside it."""
    shared = sorted(p.name for p in SHARED_SEEDS.iterdir())
    assert set(shared) <= {p.name for p in (ROOT / "seeds").iterdir()}
    for name in shared:
        assert (ROOT / "seeds" / name).read_bytes() == (SHARED_SEEDS / name).read_bytes(), name


def test_git_does_not_convert_seeds():
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "seeds/** -text" in attributes


def test_every_quote_is_at_its_offsets_in_the_seed(live_root):
    package = load_package(live_root)
    seeds = {r.get("source_id"): (live_root / r.get("seed_path")).read_text(encoding="utf-8")
             for r in package.rows("sources")}
    for row in package.rows("claims"):
        text = seeds[row.get("source_id")]
        assert text[row.get("quote_start"):row.get("quote_end")] == row.get("quote"), row.get("claim_id")
