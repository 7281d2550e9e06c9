"""claims conflicts, claims show and claims sql, through the CLI, on the fixed package of
views_fixture (exact output) and on the real data (the 2012 fact)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claims.cli import app

from views_fixture import CLASHES_2012, FACT_1998, FACT_2012, REPORT_1998, make_package


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return make_package(tmp_path_factory.mktemp("query-cli") / "package")


@pytest.fixture
def claims(root):
    runner = CliRunner()

    def invoke(*args, at=root):
        return runner.invoke(app, [*map(str, args), "--root", str(at)])
    return invoke


CONFLICTS = """\
event:gorno-badakhshan-clashes-2012|killed|government
  incompatible: bounds do not overlap; 6 claim(s), 1 document(s), 5 reporter(s)
  in encyclopedia-2012-gorno-badakhshan-clashes
  no soldiers                     Tajik state-owned television
  12 dead soldiers                Al Jazeera
  at least 12 soldiers            BBC News
  at least twenty soldiers        Associated Press > unnamed government source
                                  (AP, 2012)
  41 killed                       own voice
  more than 100 military          BBC News > hospital source (BBC, 2012)
  personnel

event:nazarov-killing-2012|held-responsible
  incompatible: an assertion against its denial; 2 claim(s), 1 document(s), 2
  reporter(s)
  in encyclopedia-2012-gorno-badakhshan-clashes
  denied: Ayyombekov              Tolib Ayombekov
  alleged: the forces of Tolib    Government of Tajikistan
  Ayyombekov

event:khujand-rebellion-1998|killed|government
  divergent: stated figures differ; 2 claim(s), 1 document(s), 2 reporter(s)
  in report-1998-khodzhand-89-dead
  up to 100 government troops     Interfax > Tajik government press service
  39 government soldiers          Zafar Saidov
"""


def test_conflicts_show_each_value_lowest_first_and_who_states_it(claims):
    result = claims("conflicts")
    assert result.exit_code == 0
    assert result.stdout == CONFLICTS
    assert result.stderr == "3 contested fact(s)\n"


def test_conflicts_one_tier(claims):
    result = claims("conflicts", "--tier", "divergent")
    assert result.exit_code == 0
    assert result.stdout == CONFLICTS.split("\n\n")[2]


def test_conflicts_json_give_the_values_with_their_chains(claims):
    facts = json.loads(claims("conflicts", "--json", "--tier", "divergent").stdout)
    assert [(v["value"], v["value_low"], v["value_high"], v["modality"], v["chain"]) for v in facts[0]["values"]] == [
        ("up to 100 government troops", None, 100, "asserted", ["Interfax", "Tajik government press service"]),
        ("39 government soldiers", 39, 39, "asserted", ["Zafar Saidov"])]


def test_conflicts_json(claims):
    result = claims("conflicts", "--json", "--tier", "incompatible")
    assert result.exit_code == 0
    facts = json.loads(result.stdout)
    assert [(f["fact_key"], f["tier"], f["reason"]) for f in facts] == [
        (FACT_2012, "incompatible", "bounds do not overlap"),
        ("event:nazarov-killing-2012|held-responsible", "incompatible", "an assertion against its denial")]
    assert facts[0]["statements"][0] == "no soldiers (Tajik state-owned television, " \
                                        "encyclopedia-2012-gorno-badakhshan-clashes)"


def test_conflicts_unknown_tier_is_a_usage_error(claims):
    result = claims("conflicts", "--tier", "mild")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_conflicts_on_the_live_package_are_the_contested_facts(claims, live_root):
    """Invariants only: whatever the data, conflicts lists each contested fact once, with a tier."""
    from claims.build import connect_memory
    result = claims("conflicts", "--json", at=live_root)
    assert result.exit_code == 0
    listed = [(fact["fact_key"], fact["tier"]) for fact in json.loads(result.stdout)]
    connection = connect_memory(live_root)
    try:
        contested = connection.execute("SELECT fact_key, tier FROM contested_facts").fetchall()
    finally:
        connection.close()
    assert sorted(listed) == sorted(contested)
    assert len({key for key, _ in listed}) == len(listed)


SHOW_1998 = f"""\
fact {FACT_1998}
  2 claim(s) from 1 document(s), 2 reporter(s); divergent: stated figures differ
  low 39: lowest stated figure
  best 39: median of point figures (exact, about, rounded)
  high 100: ceiling of an open claim (up to 100 government troops), above every
      stated figure
  conservative min 39: lowest lower bound any claim commits to (ACLED-style)

[1] asserted: up to 100 government troops
    voice:    Interfax > Tajik government press service
    document: 89 Dead as Tajik Forces Drive Rebels From Town
              ({REPORT_1998})
    claim:    {REPORT_1998}/0000c002 at
              seeds/003_e1dcb4253e9708da.txt:947-991
    quote:    … press service, however, said >>>up to 100 government troops have
              been killed<<<, Interfax reported.  Rebel co…

[2] asserted: 39 government soldiers
    voice:    Zafar Saidov
    document: 89 Dead as Tajik Forces Drive Rebels From Town
              ({REPORT_1998})
    claim:    {REPORT_1998}/0000c001 at
              seeds/003_e1dcb4253e9708da.txt:727-766
    quote:    …ikistan, in Leninabad region, >>>39 government soldiers have been
              killed<<<, 29 have been injured to vari…
"""


def test_show_a_fact(claims):
    result = claims("show", FACT_1998, "--context", "30")
    assert result.exit_code == 0
    assert result.stdout == SHOW_1998
    assert result.stderr == f"2 claim(s) about fact {FACT_1998}\n"


def test_show_an_entity_by_any_spelling_in_any_case_under_fact_headings(claims):
    result = claims("show", "zafar SAIDOV", "--context", "0")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:6] == ["entity person:zafar-saidov: Zafar Saidov (person)", "  also written: Saidov", "", "-" * 80,
                         f"fact {FACT_1998}", SHOW_1998.splitlines()[1]]
    assert lines[-7:] == ["[1] asserted: 39 government soldiers  [reporter]", *SHOW_1998.splitlines()[-7:-2],
                          "    quote:    …>>>39 government soldiers have been killed<<<…"]


def test_show_an_entity_lists_claims_about_it_before_claims_by_it(claims):
    result = claims("show", "person:tolib-ayombekov", "--json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown["entity"]["aliases"] == ["Ayyombekov", "Tolib Ayyombekov"]
    assert [(c["role"], c["modality"]) for c in shown["claims"]] == [
        ("value", "denied"), ("value", "alleged"), ("reporter", "denied")]  # lowest value first: by wording


def test_show_a_claim_as_json_with_its_context(claims):
    result = claims("show", f"{REPORT_1998}/0000c002", "--json", "--context", "10")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert (shown["kind"], list(shown)) == ("claim", ["kind", "key", "claims"])
    assert shown["claims"][0]["context"] == {"before": "…ver, said ", "quote": "up to 100 government troops have "
                                             "been killed", "after": ", Interfax…"}
    assert shown["claims"][0]["voice"] == "Interfax > Tajik government press service"


def test_show_a_shared_name_lists_the_candidates(claims):
    result = claims("show", "Saidov")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == ("error: 'Saidov' matches 2 equally well: entity person:khairullo-saidov (Khairullo "
                             "Saidov); entity person:zafar-saidov (Zafar Saidov); give one of their ids\n")


def test_show_finds_part_of_a_name(claims):
    result = claims("show", "AFAR SAI")
    assert result.exit_code == 0
    assert result.stdout.startswith("entity person:zafar-saidov: Zafar Saidov (person)\n")


def test_show_an_unknown_name_suggests_similar_ones(claims):
    result = claims("show", "Zafr Saidof")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == ("error: no claim id, fact key, entity id, document id or name 'Zafr Saidof'; did you "
                             "mean: entity person:zafar-saidov (Zafar Saidov)\n")
    assert claims("show", "qqqq zzzz").stderr == ("error: no claim id, fact key, entity id, document id or name "
                                                  "'qqqq zzzz'\n")


def test_show_words_find_an_event_by_its_alias_and_name_the_other_matches(claims):
    result = claims("show", "Khorog clashes", "--json")
    assert result.exit_code == 0
    assert (json.loads(result.stdout)["kind"], json.loads(result.stdout)["key"]) == ("entity", CLASHES_2012)
    plain = claims("show", "khorog")
    assert plain.stdout.startswith("entity place:khorog: Khorog (place)\n")
    assert plain.stderr.splitlines()[1].startswith("also matching 'khorog': ")
    assert f"entity {CLASHES_2012} (2012 Gorno-Badakhshan clashes)" in plain.stderr


def test_show_words_find_a_fact_by_subject_and_property(claims):
    result = claims("show", "Khujand rebellion killed government", "--json")
    assert result.exit_code == 0
    assert (json.loads(result.stdout)["kind"], json.loads(result.stdout)["key"]) == ("fact", FACT_1998)


def test_sql_takes_values_as_parameters(claims):
    result = claims("sql", "SELECT value, voice FROM claim_facts WHERE fact_key = ? ORDER BY value_number",
                    "--param", FACT_1998)
    assert result.exit_code == 0
    assert result.stdout == (
        "value                        voice\n"
        "---------------------------  -----------------------------------------\n"
        "39 government soldiers       Zafar Saidov\n"
        "up to 100 government troops  Interfax > Tajik government press service\n")
    assert result.stderr == "2 row(s)\n"
    injected = claims("sql", "SELECT count(*) AS n FROM claims WHERE claim_id = ?", "--param", "x' OR '1'='1")
    assert injected.stdout.splitlines()[-1] == "0"


def test_sql_json_and_nulls(claims):
    result = claims("sql", "SELECT ?::INTEGER + 1 AS n, NULL AS nothing, DATE '2012-07-24' AS day, [1, 2] AS l",
                    "-p", "41", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [{"n": 42, "nothing": None, "day": "2012-07-24", "l": [1, 2]}]
    table = claims("sql", "SELECT NULL AS nothing, 12.0::DOUBLE AS figure, [1, 2] AS l")
    assert table.stdout.splitlines()[2] == "NULL     12      1; 2"


@pytest.mark.parametrize("query, message", [
    ("SELECT 1; SELECT 2", "error: give exactly one SQL statement (2 given)"),
    ("DROP TABLE claims", "error: only read-only queries run here (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN), not DROP"),
    ("SELECT * FROM read_csv('claims/claims.csv')", "error: query failed: Permission Error"),
    ("SELECT ?", "error: query failed: Invalid Input Error"),
    ("SELEC 1", "error: query failed: Parser Error"),
])
def test_sql_refuses_what_is_not_one_read_only_query(claims, query, message):
    result = claims("sql", query)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output


def test_sql_on_a_built_database(claims, root):
    assert claims("build").exit_code == 0
    result = claims("sql", "SELECT tier FROM contested_facts WHERE fact_key = ?", "-p", FACT_1998,
                    "--database", "build/claims.duckdb")
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "divergent")
    missing = claims("sql", "SELECT 1", "--database", "build/none.duckdb")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("error: no database file")


def test_a_folder_that_is_no_package_is_a_usage_error(claims, tmp_path):
    result = claims("conflicts", at=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: datapackage.json not found")


def test_show_a_document_marks_its_claimed_spans_and_says_what_each_claims(claims):
    result = claims("show", REPORT_1998)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [f"document {REPORT_1998}: 89 Dead as Tajik Forces Drive Rebels", "From Town",
                         "  seed: seeds/003_e1dcb4253e9708da.txt"]
    text = " ".join(lines)
    assert ">>>39 government soldiers have been killed<<<[1]" in text
    assert "said >>>up to 100 government troops have been killed<<<[2], Interfax" in text
    assert lines[-6:] == ["[1] asserted: 39 government soldiers", f"    ({FACT_1998}; Zafar Saidov;",
                          f"    {REPORT_1998}/0000c001)", "[2] asserted: up to 100 government troops",
                          f"    ({FACT_1998}; Interfax > Tajik government",
                          f"    press service; {REPORT_1998}/0000c002)"]
    assert result.stderr == f"2 claim(s) about document {REPORT_1998}\n"


@pytest.mark.parametrize("args", [("conflicts",), ("show", FACT_2012), ("show", "Ayyombekov"), ("show", REPORT_1998),
                                  ("show", "Khorog clashes")])
def test_text_output_fits_80_columns(claims, args):
    result = claims(*args)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
