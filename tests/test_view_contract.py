"""The view columns are a contract (sql/view_columns.json): a change to a view is a change to
this file, written by `claims sync` and refused by `claims sync --check` until it is."""

from __future__ import annotations

import json

from claims import view_contract

from conftest import ROOT


def test_the_committed_contract_is_the_views_columns():
    """If this fails, a view's columns changed: run `claims sync` and say so in CHANGELOG.md
    (a structure change: a major data version, see README "Versions")."""
    assert (ROOT / view_contract.CONTRACT).read_text(encoding="utf-8") == view_contract.current_text(ROOT), \
        "sql/view_columns.json is stale: run claims sync"


def test_every_view_file_is_in_the_contract():
    names = {path.stem for path in (ROOT / "sql/views").glob("*.sql")}
    assert set(view_contract.read(ROOT)) == names


def test_sync_check_refuses_a_changed_view_and_sync_rewrites_the_contract(package_copy, cli):
    view = package_copy / "sql/views/source_summary.sql"
    text = view.read_text(encoding="utf-8")
    final_select = text.rindex("SELECT")
    view.write_text(text[:final_select] + "SELECT 42::INTEGER AS answer_column, " + text[final_select + 6:],
                    encoding="utf-8")
    result = cli("sync", "--check", "--root", package_copy)
    assert result.exit_code == 1
    assert result.stderr == ("error: out of sync with schemas/, sources.csv and sql/views/: sql/view_columns.json "
                             "(run claims sync)\n")
    result = cli("sync", "--root", package_copy)
    assert result.exit_code == 0
    assert "rewrote sql/view_columns.json" in result.stderr
    contract = json.loads((package_copy / view_contract.CONTRACT).read_text(encoding="utf-8"))
    assert contract["source_summary"][0] == ["answer_column", "INTEGER"]
    assert cli("sync", "--check", "--root", package_copy).exit_code == 0
