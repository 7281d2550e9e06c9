"""Vocabularies from the command line, the entity search and "did you mean"."""

from __future__ import annotations

import json

import pytest

from claims import vocab
from claims.authoring import read_rows
from claims.schemas import load_schemas
from claims.search import Candidate, fold, rank

from conftest import ROOT
from test_contrib import KILLED, contrib_copy  # noqa: F401


def test_fixed_vocabularies_equal_the_schema_enums():
    schemas = {name: schema.document["properties"] for name, schema in load_schemas(ROOT / "schemas").items()}
    assert vocab.MODALITIES == tuple(schemas["claims"]["modality"]["enum"])
    assert vocab.QUALIFIERS == tuple(schemas["claims"]["value_qualifier"]["enum"])
    assert vocab.ATTRIBUTION_KINDS == tuple(schemas["attributions"]["attribution_kind"]["enum"])
    assert vocab.DOCUMENT_KINDS == tuple(schemas["sources"]["document_kind"]["enum"])
    assert vocab.ALIAS_KINDS == tuple(schemas["aliases"]["alias_kind"]["enum"])
    assert vocab.ENTITY_TYPES == tuple(schemas["entities"]["entity_type"]["enum"])
    sides = "|".join(vocab.SIDES)
    assert schemas["claims"]["scope"]["pattern"] == rf"^({sides})(\+({sides}))*$"


def test_vocab_properties_lists_type_unit_cardinality_and_description(cli):
    result = cli("vocab", "properties", "--json", "--root", ROOT)
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    rows = read_rows(ROOT, "properties")
    assert [r["property_id"] for r in listed] == [r["property_id"] for r in rows]
    first = rows[0]
    assert listed[0] == {"property_id": first["property_id"], "value_type": first["value_type"],
                         "unit": first.get("unit", ""), "cardinality": first["cardinality"],
                         "is_scoped": first["is_scoped"] == "true", "description": first["description"]}


def test_vocab_fixed_lists_print_each_value_with_its_meaning(cli):
    result = cli("vocab", "modalities", "--root", ROOT)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["modality", "meaning"]
    assert [line.split()[0] for line in lines[2:]] == list(vocab.MODALITIES)
    assert cli("vocab", "--root", ROOT).stdout.split() == list(vocab.NAMES)
    wrong = cli("vocab", "scope", "--root", ROOT)
    assert wrong.exit_code == 2 and "no vocabulary 'scope'; did you mean scopes?" in wrong.stderr


@pytest.mark.parametrize("command", ["add-claim", "add-source", "add-entity", "add-alias", "correct"])
def test_contribution_help_names_the_values_or_the_command_that_lists_them(cli, command):
    text = " ".join(cli(command, "--help").stdout.split())
    wanted = {"add-claim": ["asserted, denied", "exact, at-least", "civilians, government", "said, statement",
                            "claims vocab properties", "claims vocab rubric", "claims entities WORDS"],
              "add-source": ["news-report, news-wire"], "add-entity": ["person, organisation"],
              "add-alias": ["canonical, transliteration"], "correct": ["claims vocab rubric"]}[command]
    for words in wanted:
        assert words.replace(" ", "") in text.replace("│", "").replace(" ", ""), words


# Search ---------------------------------------------------------------------------------------------

SPELLINGS = [("person:emile-dupre", "Émile Dupré", "Émile Dupré"), ("person:emile-dupre", "Émile Dupré", "Dupré"),
             ("person:emilia-dupont", "Emilia Dupont", "Emilia Dupont"),
             ("place:dupre-river", "Dupré River", "Dupré River")]


def test_search_ignores_case_and_accents_and_ranks_the_equal_spelling_first():
    assert fold("ÉMILE  Dupré’s") == "emile dupre s"
    found = rank(SPELLINGS, "emile DUPRE")
    assert found[0] == Candidate("person:emile-dupre", "Émile Dupré", "Émile Dupré", 1.0)
    assert [c.entity_id for c in rank(SPELLINGS, "dupre")][:2] == ["person:emile-dupre", "place:dupre-river"]
    assert rank(SPELLINGS, "zzzz") == []


def test_entities_command_and_show_find_a_name_without_its_accents(contrib_copy, cli):  # noqa: F811
    added = cli("add-entity", "person:emile-dupre", "--name", "Émile Dupré", "--description", "Invented.",
                "--root", contrib_copy)
    assert added.exit_code == 0
    found = cli("entities", "emile dupre", "--json", "--root", contrib_copy)
    assert json.loads(found.stdout)[0]["entity_id"] == "person:emile-dupre"
    none = cli("entities", "qqqqqq", "--root", contrib_copy)
    assert (none.exit_code, none.stdout) == (0, "")
    assert "0 entities match 'qqqqqq': add it with claims add-entity" in none.stderr
    shown = cli("show", "EMILE DUPRE", "--root", contrib_copy)
    assert shown.exit_code == 0 and "entity person:emile-dupre: Émile Dupré" in shown.stdout


# Did you mean, scope in words -----------------------------------------------------------------------

def test_unknown_values_get_did_you_mean_and_the_scope_is_explained_in_words(contrib_copy, cli):  # noqa: F811
    args = [{"government": "rebel+goverment", "C2": "C2"}.get(a, a) for a in KILLED]
    result = cli("add-claim", *args, "--modality", "asertted", "--occurrence", "1", "--root", contrib_copy,
                 "--attribution", "person:ana-smple:sayd:the regional governor said")
    assert result.exit_code == 1
    err = result.stderr
    assert ("scope: 'rebel+goverment' is not one side (civilians, government, rebels or unknown) or several, "
            "joined by '+' in alphabetical order, such as government+rebels (rebel: did you mean rebels?; "
            "goverment: did you mean government?)") in err
    assert "^(" not in err  # no raw regular expression
    assert "modality: 'asertted' is not one of" in err and "did you mean asserted?" in err
    assert "did you mean said?" in err
    assert "agent_id person:ana-smple is not a entity_id of entities; did you mean person:ana-sample (Ana Sample)" in err
    typo = [a if a != "C2" else "c2" for a in KILLED]
    rubric = cli("add-claim", *typo, "--occurrence", "1", "--root", contrib_copy)
    assert "no rubric rule 'c2'; did you mean C2" in rubric.stderr
