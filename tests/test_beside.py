"""frictionless-py's checks beside the rest of validate (claims/beside.py): the forked child
reports what the same checks report in the process itself, and it never outlives the run. The
fork happens in a fresh interpreter (a one-shot process, as the command line is), never in the
test process, which may hold DuckDB's threads."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from claims import beside, descriptor

from conftest import copy_package

# Run in a fresh interpreter: the same checks, forked and in process, and whether a child is
# left once they have answered.
COMPARE = """
import os, sys
from pathlib import Path
from claims import beside, descriptor
root = Path(sys.argv[1])
beside.one_shot()
expected = (descriptor.frictionless_problems(root), descriptor.frictionless_data_errors(root))
with beside.FrictionlessChecks(root) as checks:
    forked = checks.pid is not None
    found = (checks.descriptor_problems(), checks.data_errors())
    left = checks.pid
with beside.FrictionlessChecks(root) as checks:
    pid = checks.pid
    checks.descriptor_problems()  # the data errors are not needed: leaving stops the child
try:
    os.waitpid(pid, os.WNOHANG)
    reaped = False
except ChildProcessError:
    reaped = True
print(forked, found == expected, bool(expected[1]), left is None, reaped)
"""


@pytest.fixture(scope="module")
def broken_copy(tmp_path_factory):
    """A package whose aliases table has a row with a cell too many: frictionless-py reports it."""
    root = copy_package(tmp_path_factory.mktemp("beside") / "package")
    with (root / "claims/aliases.csv").open("a", encoding="utf-8", newline="") as table:
        table.write("person:nobody,Nobody,canonical,,,an extra cell\n")
    return root


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) == 1, reason="no fork here, or one core")
def test_the_child_reports_what_the_checks_report_in_process_and_is_reaped(broken_copy):
    done = subprocess.run([sys.executable, "-c", COMPARE, str(broken_copy)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True"] * 5


def test_a_long_lived_process_runs_the_checks_in_process(broken_copy):
    assert not beside.can_fork()  # the test process is not one-shot
    with beside.FrictionlessChecks(broken_copy) as checks:
        assert checks.pid is None
        assert checks.descriptor_problems() == descriptor.frictionless_problems(broken_copy)
        assert checks.data_errors() == descriptor.frictionless_data_errors(broken_copy)
