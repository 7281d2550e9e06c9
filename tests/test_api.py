"""The library API (claims.open, docs/api.md) and its two exceptions: the library names its
parameters, the command line its options, and only the command line picks exit codes."""

from __future__ import annotations

import json

import pytest

import claims
from claims.problems import ClaimsError, DataError, UsageError, param

from conftest import ROOT


def test_open_finds_the_package_and_refuses_a_folder_that_is_none(tmp_path):
    assert claims.open(ROOT).root == ROOT
    assert claims.open(ROOT / "claims", search_parents=True).root == ROOT
    with pytest.raises(claims.UsageError, match="this is not a claims package"):
        claims.open(tmp_path)
    with pytest.raises(claims.UsageError, match="or any folder above it"):
        claims.open(tmp_path, search_parents=True)


def test_the_exceptions_are_claims_errors_of_two_kinds():
    assert issubclass(claims.UsageError, claims.ClaimsError) and issubclass(claims.DataError, claims.ClaimsError)
    assert not issubclass(claims.UsageError, claims.DataError)


def test_a_parameter_is_named_as_the_api_names_it_unless_the_caller_renames_it():
    error = UsageError(param("source_id") + " is empty")
    assert str(error) == "source_id is empty"
    assert error.render(lambda name: "--" + name.replace("_", "-")) == "--source-id is empty"
    assert str(DataError("no marks here")) == "no marks here"


def test_library_and_command_line_word_the_same_refusal_for_their_callers(package_copy, cli):
    package = claims.open(package_copy)
    claim_id = package.sql("SELECT claim_id FROM claims WHERE status = 'active' ORDER BY claim_id LIMIT 1").rows[0][0]
    with pytest.raises(claims.UsageError) as raised:
        package.deprecate(claim_id, reason=" ")
    assert str(raised.value) == "reason is empty: say why the claim is withdrawn"
    result = cli("deprecate", claim_id, "--reason", " ", "--root", package_copy)
    assert result.exit_code == 2
    assert result.stderr == "error: --reason is empty: say why the claim is withdrawn\n"


def test_a_data_error_exits_1_and_a_usage_error_exits_2(cli):
    assert cli("show", "no such thing at all qqq", "--root", ROOT).exit_code == 1  # DataError: nothing matches
    assert cli("validate", "--engine", "fastest", "--root", ROOT).exit_code == 2  # UsageError: unknown engine
    with pytest.raises(ClaimsError):
        claims.open(ROOT).validate(engine="fastest")


def test_the_api_answers_what_the_commands_print(cli):
    package = claims.open(ROOT)

    assert json.loads(cli("summary", "--json", "--root", ROOT).stdout) == package.summary()
    conflicts = json.loads(cli("conflicts", "--json", "--root", ROOT).stdout)
    assert [fact["fact_key"] for fact in conflicts] == [fact["fact_key"] for fact in package.conflicts()]
    uncovered = json.loads(cli("coverage", "--json", "--root", ROOT).stdout)
    assert [(n["seed_path"], n["start"]) for n in uncovered] == [(n.seed_path, n.start) for n in package.coverage()]
