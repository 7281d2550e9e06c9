"""claims diff: checked against an independent set difference (DuckDB reading the CSV files) on
fixture states, and on generated tables; release levels; inert output."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.diff import ADDITION, CORRECTION, STRUCTURE, diff_packages
from claims import diff_render
from claims.problems import ClaimsError

from conftest import cast_reviewed_share_to_text
from views_fixture import CLAIMS, FACT_1998, make_package

NEW_COLUMN = "wikidata_id"


def rewrite_csv(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(change(rows))


def add_column(root: Path, table: str, column: str) -> None:
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    resource["schema"]["fields"].append({"name": column, "type": "string"})
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    rewrite_csv(root / resource["path"], lambda rows: [rows[0] + [column]] + [row + [""] for row in rows[1:]])


def set_cell(root: Path, claim_id: str, **cells) -> None:
    def change(rows):
        header = rows[0]
        for row in rows[1:]:
            if row[0] == claim_id:
                for name, text in cells.items():
                    row[header.index(name)] = text
        return rows
    rewrite_csv(root / "claims/claims.csv", change)


def keyed(path: Path, key: str) -> dict[str, dict]:
    """The independent reading: DuckDB's CSV reader, every cell as text."""
    relation = duckdb.sql(f"SELECT * FROM read_csv('{path}', all_varchar = true, header = true)")
    return {row[key]: row for row in (dict(zip(relation.columns, values)) for values in relation.fetchall())}


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    base = tmp_path_factory.mktemp("diff")
    old = make_package(base / "old", CLAIMS[:-1])
    new = make_package(base / "new", CLAIMS)  # adds the last claim: the 1998 fact becomes contested
    set_cell(new, CLAIMS[4].claim_id, note="a reviewer's note")
    set_cell(new, CLAIMS[5].claim_id, status="deprecated", deprecation_reason="the infobox figure is not sourced")
    add_column(new, "entities", NEW_COLUMN)
    load = (new / "sql/load.sql").read_text(encoding="utf-8").rstrip("\n").split("\n")
    (new / "sql/load.sql").write_text("\n".join(load[:-1]) + "\n", encoding="utf-8")
    removed_view = Path(load[-1].split()[-1]).stem
    return old, new, removed_view, diff_packages(old, new)


def test_claims_match_an_independent_set_difference(states):
    old, new, _, result = states
    before, after = keyed(old / "claims/claims.csv", "claim_id"), keyed(new / "claims/claims.csv", "claim_id")
    rows = result.rows["claims"]
    assert {r.key[0] for r in rows.added} == set(after) - set(before) == {CLAIMS[-1].claim_id}
    assert {r.key[0] for r in rows.removed} == set(before) - set(after) == set()
    changed = {i for i in set(before) & set(after) if before[i] != after[i]}
    assert {r.key[0] for r in rows.changed} == changed == {CLAIMS[4].claim_id, CLAIMS[5].claim_id}
    assert {r.key[0] for r in rows.deprecated} == {i for i in changed if after[i]["status"] == "deprecated"}
    for row in rows.changed:
        old_row, new_row = before[row.key[0]], after[row.key[0]]
        assert row.columns == {c: (old_row[c] or "", new_row[c] or "") for c in new_row if old_row[c] != new_row[c]}


def test_structure_contested_facts_and_estimates(states):
    old, new, removed_view, result = states
    header = lambda root: (root / "claims/entities.csv").read_text(encoding="utf-8").split("\n")[0].split(",")
    assert [(c.table, c.column, c.action) for c in result.columns] == [
        ("entities", column, "added") for column in header(new) if column not in header(old)]
    assert result.views_removed == [removed_view] and not result.views_added
    assert [(f.fact_key, f.old_tier, f.new_tier) for f in result.contested] == [(FACT_1998, "", "divergent")]
    moved = {e.fact_key: (e.old, e.new) for e in result.estimates}
    assert moved[FACT_1998] == ((39, 39, 39), (39, 39, 100))
    assert result.release_level == "major"
    assert result.views_unavailable == {}


def test_release_levels_tell_structure_additions_and_corrections_apart(states, tmp_path):
    old, _, _, _ = states
    same = diff_packages(old, old)
    assert same.release_level is None and same.is_empty
    added = diff_packages(old, make_package(tmp_path / "added", CLAIMS))
    assert {kind for kind, _ in added.changes()} == {ADDITION} and added.release_level == "minor"
    corrected = make_package(tmp_path / "corrected", CLAIMS[:-1])
    set_cell(corrected, CLAIMS[0].claim_id, note="corrected")
    patch = diff_packages(old, corrected, views=False)
    assert patch.changes() == [(CORRECTION, f"claims {CLAIMS[0].claim_id} changed: note")]
    assert patch.release_level == "patch"
    rewrite_csv(corrected / "claims/properties.csv",
                lambda rows: [rows[0]] + [[*r[:2], r[2] + " (redefined)", *r[3:]] if i == 0 else r
                                          for i, r in enumerate(rows[1:])])
    meaning = diff_packages(old, corrected, views=False)
    assert [kind for kind, text in meaning.changes() if text.startswith("properties ")] == [STRUCTURE]
    assert meaning.release_level == "major"


def test_a_retyped_column_is_a_structure_change(states, tmp_path):
    """A column kept under another type breaks readers' code as a removed one does: major."""
    old, _, _, _ = states
    retyped = make_package(tmp_path / "retyped", CLAIMS[:-1])
    descriptor = json.loads((retyped / "datapackage.json").read_text(encoding="utf-8"))
    source_fields = next(r for r in descriptor["resources"] if r["name"] == "sources")["schema"]["fields"]
    field = next(f for f in source_fields if f["name"] == "byte_size")  # no view reads it
    old_type, field["type"] = field["type"], "string"
    (retyped / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    cast_reviewed_share_to_text(retyped)
    result = diff_packages(old, retyped)
    assert result.views_unavailable == {}
    assert [(c.table, c.column, c.action, c.old_type, c.new_type) for c in result.columns] == [
        ("sources", "byte_size", "retyped", old_type, "string")]
    assert [(c.table, c.column, c.old_type, c.new_type) for c in result.view_columns] == [
        ("review_coverage", "reviewed_share", "DOUBLE", "VARCHAR")]
    assert (STRUCTURE, f"column sources.byte_size retyped ({old_type} -> string)") in result.changes()
    assert (STRUCTURE, "view column review_coverage.reviewed_share retyped (DOUBLE -> VARCHAR)") in result.changes()
    assert result.release_level == "major"
    assert f"column sources.byte_size retyped ({old_type} -> string)" in diff_render.as_text(result)


def test_cli_formats_and_git_refs(states, cli, tmp_path):
    old, new, _, result = states
    as_json = json.loads(cli("diff", old, new, "--json").stdout)
    assert as_json["release_level"] == "major"
    assert [r["key"] for r in as_json["rows"]["claims"]["added"]] == [[CLAIMS[-1].claim_id]]
    markdown = cli("diff", old, new, "--format", "markdown").stdout
    assert "**release level: major**" in markdown and "### Contested facts" in markdown
    text = cli("diff", old, new)
    assert text.exit_code == 0 and text.stdout == diff_render.as_text(diff_packages(old, new, str(old), str(new)))
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for state in (old, new):
        subprocess.run(["rm", "-rf", *[str(p) for p in repo.iterdir() if p.name != ".git"]], check=True)
        subprocess.run(["cp", "-a", f"{state}/.", str(repo)], check=True)
        subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
        subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "s"],
                       check=True)
    from_git = json.loads(cli("diff", "HEAD~1", "HEAD", "--repo", repo, "--json").stdout)
    assert from_git["changes"] == as_json["changes"]
    missing = cli("diff", "no-such-ref", "HEAD", "--repo", repo)
    assert missing.exit_code == 2 and "neither a folder nor a commit" in missing.stderr


def test_cell_text_is_shown_inert(states, tmp_path):
    old, _, _, _ = states
    hostile = make_package(tmp_path / "hostile", CLAIMS[:-1])
    set_cell(hostile, CLAIMS[0].claim_id, note="\x1b[2J\n::error::pwned\r| <b>@team</b>")
    result = diff_packages(old, hostile, views=False)
    for output in (diff_render.as_text(result), diff_render.as_markdown(result)):
        assert "\x1b" not in output and "\r" not in output
        assert not any(line.startswith("::") for line in output.split("\n"))
    assert "<b>" not in diff_render.as_markdown(result) and "\\@team" in diff_render.as_markdown(result)


# Generated tables: any two states of a keyed table ---------------------------------------------

KEYS = st.sampled_from([f"k{i}" for i in range(8)])
# No CR: the package refuses it (csv-line-ending), and csv.writer leaves a lone CR unquoted.
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\r"), max_size=6)
TABLE = st.dictionaries(KEYS, st.tuples(TEXT, TEXT), max_size=8)


def write_state(root: Path, table: dict) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "datapackage.json").write_text(json.dumps({"resources": [{
        "name": "things", "type": "table", "path": "things.csv",
        "schema": {"fields": [{"name": n, "type": "string"} for n in ("id", "a", "b")], "primaryKey": ["id"]}}]}))
    with (root / "things.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([["id", "a", "b"], *[[k, *v] for k, v in table.items()]])
    return root


@settings(max_examples=40, deadline=None)
@given(before=TABLE, after=TABLE)
def test_generated_tables_match_the_set_difference(tmp_path_factory, before, after):
    base = tmp_path_factory.mktemp("generated")
    result = diff_packages(write_state(base / "old", before), write_state(base / "new", after), views=False)
    rows = result.rows.get("things")
    added = {r.key[0] for r in rows.added} if rows else set()
    removed = {r.key[0] for r in rows.removed} if rows else set()
    changed = {r.key[0]: r.columns for r in rows.changed} if rows else {}
    assert added == set(after) - set(before) and removed == set(before) - set(after)
    assert changed == {k: {c: (before[k][i], after[k][i]) for i, c in enumerate("ab") if before[k][i] != after[k][i]}
                       for k in set(before) & set(after) if before[k] != after[k]}


def test_a_state_cannot_reach_files_outside_it(states, tmp_path):
    old, _, _, _ = states
    outside = tmp_path / "outside.txt"
    outside.write_text("secret\n", encoding="utf-8")
    linked = make_package(tmp_path / "linked", CLAIMS[:-1])
    (linked / "claims/exclusions.csv").unlink()
    (linked / "claims/exclusions.csv").symlink_to(outside)
    with pytest.raises(ClaimsError, match="claims/exclusions.csv is a link leading outside the package"):
        diff_packages(old, linked)
    leaking = make_package(tmp_path / "leaking", CLAIMS[:-1])
    view = leaking / "sql/views/leak.sql"
    view.write_text(f"CREATE VIEW leak AS SELECT * FROM read_text('{outside}');\n", encoding="utf-8")
    with (leaking / "sql/load.sql").open("a", encoding="utf-8") as load:
        load.write(".read sql/views/leak.sql\n")
    result = diff_packages(old, leaking)
    assert list(result.views_unavailable) == ["new"] and "file system operations are disabled" in \
        result.views_unavailable["new"]
    assert not result.view_columns and not result.contested  # nothing from a half-read state
