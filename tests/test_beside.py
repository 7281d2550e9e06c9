"""frictionless-py's checks beside the rest of validate (claims/beside.py): the forked child
reports what the same checks report in the process itself, and it never outlives the run."""

from __future__ import annotations

import os

import pytest

from claims import beside, descriptor

from conftest import copy_package


@pytest.fixture(scope="module")
def broken_copy(tmp_path_factory):
    """A package whose aliases table has a row with a cell too many: frictionless-py reports it."""
    root = copy_package(tmp_path_factory.mktemp("beside") / "package")
    with (root / "claims/aliases.csv").open("a", encoding="utf-8", newline="") as table:
        table.write("person:nobody,Nobody,canonical,,,an extra cell\n")
    return root


def test_the_child_reports_what_the_checks_report_in_process(broken_copy):
    expected = (descriptor.frictionless_problems(broken_copy), descriptor.frictionless_data_errors(broken_copy))
    assert expected[1], "the broken row is one frictionless-py reads as an error"
    with beside.FrictionlessChecks(broken_copy) as checks:
        assert checks.pid is not None or not hasattr(os, "fork") or (os.cpu_count() or 1) == 1
        assert (checks.descriptor_problems(), checks.data_errors()) == expected
        assert checks.pid is None  # reaped once it has answered


def test_without_fork_the_checks_run_in_process(broken_copy, monkeypatch):
    monkeypatch.delattr(os, "fork", raising=False)
    with beside.FrictionlessChecks(broken_copy) as checks:
        assert checks.pid is None
        assert checks.data_errors() == descriptor.frictionless_data_errors(broken_copy)


def test_a_child_not_needed_is_stopped_and_reaped(broken_copy):
    if not hasattr(os, "fork") or (os.cpu_count() or 1) == 1:
        pytest.skip("no fork here, or one core: there is no child")
    with beside.FrictionlessChecks(broken_copy) as checks:
        pid = checks.pid
        checks.descriptor_problems()
    assert checks.pid is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
