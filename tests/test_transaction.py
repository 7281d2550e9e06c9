"""All-or-nothing writes: a writer killed at any step leaves every file as it was before or as
it is after, once the next command has run; rewrites keep permissions; the lock is portable."""

from __future__ import annotations

import multiprocessing
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from claims import transaction
from claims.authoring import read_rows
from claims.problems import ClaimsError

from test_contrib import EVENT, KILLED, claim_rows

ADD_CLAIM = ["add-claim", *KILLED, "--occurrence", "1", "--attribution",
             "person:ana-sample:said:the regional governor said"]


def write_several(root: Path) -> None:
    with transaction.Transaction(root) as txn:
        txn.create_now("seeds/new.txt", b"created\n")
        for rel in ("claims/a.csv", "claims/b.csv", "sql/c.sql"):
            txn.write(rel, b"after " + rel.encode() + b"\n")


def add_claim(root: Path) -> None:
    from claims.cli import app

    app([*ADD_CLAIM, "--root", str(root)], standalone_mode=False)


def add_entity(root: Path) -> None:
    from claims.cli import app

    app(["add-entity", "person:probe", "--name", "Probe", "--description", "Probe.", "--root", str(root)],
        standalone_mode=False)


WRITES = {"several": write_several, "add-claim": add_claim, "add-entity": add_entity}


def die_at_step(kill_at: int) -> None:
    """From now on, count every call that changes the disk; at the kill_at-th, die at once
    (os._exit, as abrupt as a kill: no cleanup handler, no flush)."""
    count = [0]

    def counted(function):
        def wrapper(*args, **kwargs):
            count[0] += 1
            if count[0] == kill_at:
                os._exit(9)
            return function(*args, **kwargs)
        return wrapper
    for name in ("open", "replace", "unlink", "chmod", "write", "rename", "mkdir"):
        setattr(os, name, counted(getattr(os, name)))
    # A kill loses nothing the kernel holds, flushed or not: fsync is a kill point, not a cost here.
    os.fsync = counted(lambda fd: None)


def _killed_child(step: int, kind: str, root: str) -> None:
    """The child's whole life: the write, killed at its step-th disk call."""
    die_at_step(step)
    WRITES[kind](Path(root))
    os._exit(0)  # at once: the interpreter's exit would make disk calls of its own


def _start_method() -> str:
    # Never a plain fork of the test process: it may hold DuckDB's threads (from earlier tests
    # on this worker), and a fork copies their locks held, so the child can hang for ever. The
    # forkserver forks from a fresh single-threaded process (fast); Windows has only spawn.
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


CHILDREN = multiprocessing.get_context(_start_method())
if CHILDREN.get_start_method() == "forkserver":
    CHILDREN.set_forkserver_preload([__name__])  # each child starts with the toolkit imported


def run_killed_at(step: int, kind: str, root: Path) -> bool:
    """Run the write in a child killed at its step-th disk call; True if it got to the end."""
    child = CHILDREN.Process(target=_killed_child, args=(step, kind, str(root)))
    child.start()
    child.join(timeout=120)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail(f"the write killed at step {step} did not end within 120 s")
    assert child.exitcode in (0, 9), f"the write failed (exit {child.exitcode}) at step {step}"
    return child.exitcode == 0


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".lock"}


def finish_interrupted(root: Path) -> None:
    """What the next write command does first."""
    with transaction.locked(root):
        pass


def small_package(root: Path) -> dict[str, bytes]:
    for rel in ("datapackage.json", "claims/a.csv", "claims/b.csv", "sql/c.sql"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"before " + rel.encode() + b"\n")
    (root / "seeds").mkdir()
    return snapshot(root)


def test_transaction_killed_at_every_step_is_before_or_after(tmp_path):
    before = small_package(tmp_path / "before")
    after_root = tmp_path / "after"
    small_package(after_root)
    assert run_killed_at(10_000, "several", after_root)
    after = snapshot(after_root)
    assert after != before and "seeds/new.txt" in after
    outcomes = set()
    step = 1
    while True:
        root = tmp_path / f"killed-{step}"
        small_package(root)
        finished = run_killed_at(step, "several", root)
        finish_interrupted(root)
        state = snapshot(root)
        assert state in (before, after), f"killed at step {step}: {sorted(state)}"
        outcomes.add("after" if state == after else "before")
        if finished:
            break
        step += 1
    assert step > 20 and outcomes == {"before", "after"}  # many kill points, and both outcomes reached


@pytest.fixture(scope="module")
def claim_package(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from claims.cli import app
    from conftest import copy_package
    from test_contrib import FIXTURE, SOURCE

    root = copy_package(tmp_path_factory.mktemp("claim") / "package")
    runner = CliRunner()
    for args in (["add-source", FIXTURE, "--source-id", SOURCE, "--title", "Exampleville clash", "--rights", "Test."],
                 ["add-entity", EVENT, "--name", "Exampleville clash", "--description", "Invented."],
                 ["add-entity", "person:ana-sample", "--name", "Ana Sample", "--description", "Invented."]):
        assert runner.invoke(app, [*map(str, args), "--root", str(root)]).exit_code == 0
    return root


def test_add_claim_killed_at_many_steps_leaves_claim_and_chain_together(claim_package, tmp_path):
    """The probe that found a dangling attribution (1 kill in 25): now claim and chain land together."""
    import shutil

    before_claims = claim_rows(claim_package)
    before_chain = read_rows(claim_package, "attributions")
    outcomes = set()
    # The test above kills a transaction at every step; here add-claim, end to end, at every fifth.
    for step in range(1, 500, 5):
        root = shutil.copytree(claim_package, tmp_path / f"killed-{step}")
        finished = run_killed_at(step, "add-claim", root)
        finish_interrupted(root)
        new_claims = set(claim_rows(root)) - set(before_claims)
        chain = [r for r in read_rows(root, "attributions") if r not in before_chain]
        assert len(new_claims) == len(chain) <= 1, f"killed at step {step}"
        assert [r["claim_id"] for r in chain] == sorted(new_claims)
        outcomes.add(len(new_claims))
        if finished:
            break
    assert finished and outcomes == {0, 1}


def test_rewrite_keeps_permissions(tmp_path):
    small_package(tmp_path)
    path = tmp_path / "claims" / "table.csv"
    path.write_bytes(b"old\n")
    os.chmod(path, 0o664)
    with transaction.Transaction(tmp_path) as txn:
        txn.write("claims/table.csv", b"new\n")
    assert path.read_bytes() == b"new\n"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o664
    transaction.write_atomic(path, b"newer\n")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_failed_transaction_writes_nothing(tmp_path):
    before = small_package(tmp_path)
    with pytest.raises(ClaimsError):
        with transaction.Transaction(tmp_path) as txn:
            txn.create_now("seeds/new.txt", b"x")
            txn.write("claims/a.csv", b"changed")
            raise ClaimsError("refused")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("rel", ["../outside.csv", "/etc/passwd", "claims\\..\\x", "C:x"])
def test_journal_paths_stay_inside_the_package(tmp_path, rel):
    small_package(tmp_path)
    (tmp_path / transaction.JOURNAL).write_text(f'{{"state": "prepared", "writes": [], "created": ["{rel}"]}}'
                                                .replace("\\", "\\\\"), encoding="utf-8")
    with pytest.raises(ClaimsError, match="outside the package"):
        finish_interrupted(tmp_path)


def test_cli_runs_without_fcntl(package_copy):
    """Windows has no fcntl: no command may need it (nor anything else POSIX-only) to start or to write."""
    script = "import sys; sys.modules['fcntl'] = None\nfrom claims.cli import run\nrun()"
    # Off Windows, filelock without fcntl falls back to a lock file that exists only while held.
    (package_copy / transaction.LOCK_FILE).unlink(missing_ok=True)
    for args in (["sync", "--check"], ["add-entity", "person:ana-sample", "--name", "Ana Sample",
                                       "--description", "Invented."]):
        result = subprocess.run([sys.executable, "-W", "ignore", "-c", script, *args, "--root", str(package_copy)],
                                capture_output=True, text=True, cwd=package_copy)
        assert result.returncode == 0 and result.stderr in ("", "generated files are in sync\n"), result.stderr
    assert "person:ana-sample" in {row["entity_id"] for row in read_rows(package_copy, "entities")}


def test_validate_reports_an_interrupted_write_and_the_next_write_finishes_it(package_copy, cli):
    step = 1
    while transaction.pending(package_copy) is None:  # kill at later and later steps until a journal is left
        assert not run_killed_at(step, "add-entity", package_copy)
        step += 1
    for engine in ("python", "duckdb"):
        result = cli("validate", "--root", package_copy, "--engine", engine)
        assert result.exit_code == 1 and "claims/.journal.json:1:1: error [write-interrupted]" in result.stdout
    assert cli("fmt", "--root", package_copy).exit_code == 0
    assert transaction.pending(package_copy) is None
    assert cli("validate", "--root", package_copy).exit_code == 0
