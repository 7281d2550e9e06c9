"""Citation and release metadata: CITATION.cff valid under the CFF 1.2.0 JSON Schema, .zenodo.json,
the descriptor's contributors, and the README's reader-facing sections."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
import yaml
from jsonschema import Draft7Validator

from claims.release import metadata

from conftest import ROOT

SCHEMA = ROOT / "tests/fixtures/cff/schema-1.2.0.json"


def cff_validator() -> Draft7Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def descriptor() -> dict:
    return json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


def test_the_schema_is_the_one_cffconvert_ships():
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == \
        "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"


def test_citation_cff_is_valid_and_names_the_data_version():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert list(cff_validator().iter_errors(citation)) == []
    data = descriptor()
    assert str(citation["version"]) == data["version"]
    assert citation["title"] == data["title"] and citation["type"] == "dataset"
    assert citation["license"] == data["licenses"][0]["name"]
    assert metadata.mismatches(ROOT, data["version"]) == []


@pytest.mark.parametrize("broken", [{"authors": []}, {"cff-version": "1.1.0"}, {"license": "CC-BY-4"},
                                    {"date-released": "30 Nov 2026"}, {"doi": "not-a-doi"}])
def test_the_schema_refuses_a_broken_citation(broken):
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    citation.update(broken)
    assert list(cff_validator().iter_errors(citation))


def test_zenodo_metadata_agrees_with_the_citation():
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert zenodo["upload_type"] == "dataset" and zenodo["access_right"] == "open"
    assert (zenodo["title"], zenodo["version"]) == (citation["title"], str(citation["version"]))
    assert [c["name"] for c in zenodo["creators"]] == [a.get("name") or f"{a['family-names']}, {a['given-names']}"
                                                       for a in citation["authors"]]
    assert zenodo["license"] == citation["license"].lower() and zenodo["keywords"] == citation["keywords"]


def test_descriptor_names_contributors_with_roles():
    contributors = descriptor()["contributors"]
    assert contributors and all(c.get("title") and c.get("roles") for c in contributors)
    roles = {role for c in contributors for role in c["roles"]}
    assert {"creator", "maintainer"} <= roles


def test_changelog_has_a_section_for_the_data_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert metadata.changelog_section(text, descriptor()["version"])


def test_readme_opens_with_get_the_data_and_explains_versions_and_citing():
    headings = re.findall(r"^## (.+)$", (ROOT / "README.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert headings[0] == "Get the data"
    assert {"Versions", "How to cite"} <= set(headings)
