"""claims validate --incremental --base REF: the oracle is the full check.

On a valid base (the committed package, as a git repository of its own) and random edits of
its tables (a cell changed to another row's value, to an altered value or to nothing; a row
repeated, removed, or added as an altered copy), the incremental report equals the full
report, history checks included; with every table read row by row (CLAIMS_WHOLE_BYTES 0) and
with the small tables read whole.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import claims
from claims import changes, incremental
from conftest import copy_package
from generate import MIN_CLAIMS, generate

TABLES = ("claims", "attributions", "entities", "aliases", "reviews", "exclusions", "properties", "sources")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module", params=["committed", "generated"])
def base_repo(request, tmp_path_factory) -> Path:
    """The committed package, and a generated one (quotes over several lines, long chains)."""
    root = tmp_path_factory.mktemp("incremental") / "package"
    if request.param == "committed":
        copy_package(root)
    else:
        generate(MIN_CLAIMS, root, seed=7)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return root


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def altered(value: str) -> str:
    if value.lstrip("-").isdigit():
        return str(int(value) + 1)
    return value[:-1] + ("x" if not value.endswith("x") else "y") if value else "x"


edit = st.tuples(st.sampled_from(TABLES), st.sampled_from(["other", "altered", "empty", "newline", "repeat", "remove",
                                                          "copy"]),
                 st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))


def apply(root: Path, table: str, kind: str, row_pick: int, column_pick: int, other_pick: int) -> None:
    path = root / "claims" / f"{table}.csv"
    rows = read_rows(path)
    if len(rows) < 2:
        return
    header, body = rows[0], rows[1:]
    index, column = row_pick % len(body), column_pick % len(header)
    row = list(body[index])
    if kind == "other":
        row[column] = body[other_pick % len(body)][column]
    elif kind == "altered":
        row[column] = altered(row[column])
    elif kind == "empty":
        row[column] = ""
    elif kind == "newline":  # a cell over two lines: the change is widened to the whole record
        row[column] = row[column] + "\n" + row[column]
    if kind == "repeat":
        body.insert(other_pick % (len(body) + 1), row)
    elif kind == "remove":
        del body[index]
    elif kind == "copy":
        row[column] = altered(row[column])
        body.insert(other_pick % (len(body) + 1), row)
    else:
        body[index] = row
    write_rows(path, [header, *body])


def reports(root: Path):
    package = claims.open(root)
    full = package.validate("python", base="HEAD", repo=root)
    fast = package.validate(base="HEAD", repo=root, incremental=True)
    return full, fast


def as_set(report) -> list[dict]:
    return sorted((p.as_dict() for p in report.problems), key=lambda d: sorted(d.items()))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(edit, min_size=1, max_size=3), whole_bytes=st.sampled_from([0, incremental.WHOLE_BYTES]),
       span_bytes=st.sampled_from([64, changes.SPAN_BYTES]), block_bytes=st.sampled_from([5, changes.BLOCK_BYTES]))
def test_the_incremental_report_equals_the_full_report(base_repo, monkeypatch, edits, whole_bytes, span_bytes,
                                                       block_bytes):
    """With small blocks and spans too, so that git diff's hunks (scattered edits) and the
    streaming compare's block edges are exercised on this small package."""
    git(base_repo, "checkout", "-q", "--", ".")
    monkeypatch.setattr(incremental, "WHOLE_BYTES", whole_bytes)
    monkeypatch.setattr(changes, "SPAN_BYTES", span_bytes)
    monkeypatch.setattr(changes, "BLOCK_BYTES", block_bytes)
    for found in edits:
        apply(base_repo, *found)
    full, fast = reports(base_repo)
    event("checked row by row" if fast.scope["incremental"] else "checked in full")
    assert as_set(fast) == as_set(full)


lines = st.lists(st.sampled_from([b"a", b"b", b"ab", b"", b'"', b'a,"b']), max_size=8).map(
    lambda found: b"".join(line + b"\n" for line in found))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=lines, edits=st.lists(st.tuples(st.integers(0, 64), st.sampled_from([b"a", b"\n", b"b\n", b'"', b""]),
                                            st.integers(0, 3)), max_size=3),
       block_bytes=st.integers(1, 9))
def test_the_one_span_hunk_rebuilds_the_head(monkeypatch, base, edits, block_bytes):
    """The streaming compare's hunk, applied to the base, gives the head; its lines are whole."""
    monkeypatch.setattr(changes, "BLOCK_BYTES", block_bytes)
    head = bytearray(base)
    for at, inserted, removed in edits:
        at = min(at, len(head))
        head[at:at + removed] = inserted
    head = bytes(head) + (b"\n" if head and not head.endswith(b"\n") else b"")
    hunks, quotes = changes._compare(io.BytesIO(base), io.BytesIO(head), len(base), len(head), "t.csv")
    rebuilt = changes._lines(base)
    for hunk in hunks:
        at = hunk.old_start - 1 if hunk.old_count else hunk.old_start
        assert rebuilt[at:at + hunk.old_count] == hunk.removed
        rebuilt[at:at + hunk.old_count] = hunk.added
    assert b"".join(rebuilt) == head
    if hunks:
        assert quotes == b"".join(changes._lines(base)[:hunks[0].old_start - (1 if hunks[0].old_count else 0)]).count(b'"')


def test_a_changed_value_is_checked_row_by_row(base_repo, monkeypatch, cli):
    """One claim's figure changed: only its row goes through the row rules, and what it breaks
    is reported exactly as the full check reports it."""
    git(base_repo, "checkout", "-q", "--", ".")
    monkeypatch.setattr(incremental, "WHOLE_BYTES", 0)
    path = base_repo / "claims" / "claims.csv"
    rows = read_rows(path)
    figure = rows[0].index("value_number")
    index = next(i for i, row in enumerate(rows) if i and row[figure])
    rows[index][figure] = altered(rows[index][figure])
    write_rows(path, rows)
    full, fast = reports(base_repo)
    assert fast.scope["incremental"] is True and fast.scope["rows"] == 1
    assert as_set(fast) == as_set(full) and fast.problems
    result = cli("validate", "--root", base_repo, "--repo", base_repo, "--base", "HEAD", "--incremental")
    assert result.exit_code == 1
    commit = git(base_repo, "rev-parse", "HEAD").strip()[:12]
    assert (f"incremental since HEAD ({commit}): 1 changed or dependent row(s) checked by every row rule; "
            "the rules that compare rows ran on every row\n") in result.output


def test_a_repeated_key_sends_the_package_to_the_full_check(base_repo, monkeypatch):
    git(base_repo, "checkout", "-q", "--", ".")
    monkeypatch.setattr(incremental, "WHOLE_BYTES", 0)
    apply(base_repo, "claims", "repeat", 3, 0, 7)
    full, fast = reports(base_repo)
    assert fast.scope["incremental"] is False and "[primary-key]" in fast.scope["reason"]
    assert as_set(fast) == as_set(full)


def test_a_changed_schema_is_checked_in_full(base_repo):
    git(base_repo, "checkout", "-q", "--", ".")
    schema = next((base_repo / "schemas").glob("*.json"))
    schema.write_text(schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    try:
        fast = claims.open(base_repo).validate(base="HEAD", repo=base_repo, incremental=True)
        assert fast.scope == {"incremental": False, "base": "HEAD",
                              "reason": f"schemas/{schema.name} changed: it says how every row is checked"}
    finally:
        git(base_repo, "checkout", "-q", "--", ".")


def test_a_changed_table_resource_is_checked_in_full(base_repo):
    git(base_repo, "checkout", "-q", "--", ".")
    path = base_repo / "datapackage.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    table = next(r for r in document["resources"] if r.get("type") == "table")
    table["title"] = str(table.get("title")) + " (renamed)"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    try:
        fast = claims.open(base_repo).validate(base="HEAD", repo=base_repo, incremental=True)
        assert fast.scope["incremental"] is False
        assert fast.scope["reason"] == ("datapackage.json changed beyond its seed resources: it says how every row "
                                        "is checked")
    finally:
        git(base_repo, "checkout", "-q", "--", ".")


def test_a_table_replaced_by_a_link_is_checked_in_full_before_anything_reads_it(base_repo, tmp_path):
    git(base_repo, "checkout", "-q", "--", ".")
    outside = tmp_path / "secret.csv"
    outside.write_text("not part of the package\n", encoding="utf-8")
    table = base_repo / "claims" / "aliases.csv"
    table.unlink()
    table.symlink_to(outside)
    try:
        full, fast = reports(base_repo)
        assert fast.scope["incremental"] is False
        assert fast.scope["reason"] == "claims/aliases.csv cannot be read (file-symlink)"
        assert as_set(fast) == as_set(full) and "file-symlink" in {p.rule for p in fast.problems}
    finally:
        table.unlink()
        git(base_repo, "checkout", "-q", "--", ".")


def test_scattered_changes_beyond_the_diff_cap_are_checked_in_full(base_repo, monkeypatch):
    git(base_repo, "checkout", "-q", "--", ".")
    monkeypatch.setattr(changes, "SPAN_BYTES", 16)
    monkeypatch.setattr(changes, "DIFF_BYTES", 64)
    apply(base_repo, "claims", "altered", 1, 32, 0)
    apply(base_repo, "claims", "altered", 200, 32, 0)
    full, fast = reports(base_repo)
    assert fast.scope["incremental"] is False
    assert fast.scope["reason"] == "claims/claims.csv: its changes take more than 64 bytes of diff"
    assert as_set(fast) == as_set(full)


def test_a_folder_base_is_checked_in_full(base_repo, tmp_path):
    git(base_repo, "checkout", "-q", "--", ".")
    folder = tmp_path / "base"
    shutil.copytree(base_repo, folder, ignore=shutil.ignore_patterns(".git"))
    fast = claims.open(base_repo).validate(base=str(folder), repo=base_repo, incremental=True)
    assert fast.scope["incremental"] is False and fast.is_valid
    assert fast.scope["reason"] == f"--base {folder} is a folder: only a git ref tells the changed lines"


def test_incremental_needs_a_base(cli, package_copy):
    result = cli("validate", "--root", package_copy, "--incremental")
    assert result.exit_code == 2
    assert "--incremental needs --base: the git ref to compare with" in result.output


@given(a=st.binary(max_size=40), b=st.binary(max_size=40), shared=st.binary(max_size=40))
def test_common_prefix_and_suffix_agree_with_a_byte_by_byte_count(a, b, shared):
    expected = len(os.path.commonprefix([shared + a, shared + b]))
    assert changes._common_prefix(shared + a, shared + b) == expected
    assert changes._common_suffix(a + shared, b + shared) == len(os.path.commonprefix([(a + shared)[::-1],
                                                                                         (b + shared)[::-1]]))


def test_a_contribution_made_with_the_command_line_is_checked_row_by_row(grown_root):
    """CONTRIBUTING.md's walk-through and a second document added with the command line: new
    seeds, their seed resources in the descriptor, new sources, claims, attributions and reviews."""
    first = git(grown_root, "rev-list", "--max-parents=0", "HEAD").strip()
    package = claims.open(grown_root)
    full = package.validate("python", base=first, repo=grown_root)
    fast = package.validate(base=first, repo=grown_root, incremental=True)
    assert fast.scope["incremental"] is True, fast.scope
    assert as_set(fast) == as_set(full)
