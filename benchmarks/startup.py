"""Start-up time of the command line: `claims --help` and `claims validate` of the committed
package, each above a bare `python -c pass` of the same interpreter.

Each round runs the three commands once, one after the other (interleaved, so a change of the
machine's load touches all three alike), each a fresh process; the figure is the median over the
rounds of each command's wall time, minus the median of `python -c pass`. The load average is
read before and after (the machine is shared: quote it with the figures).

    .venv/bin/python benchmarks/startup.py [--rounds 7] [--root .]

Targets (issue 15): --help at most 0.3 s, validate at most 1.0 s above `python -c pass`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"claims --help": 0.3, "claims validate": 1.0}


def claims_command() -> list[str]:
    """The `claims` console script of this interpreter, as a user runs it."""
    script = Path(sys.executable).with_name("claims")
    if script.is_file():
        return [str(script)]
    found = shutil.which("claims")
    return [found] if found else [sys.executable, "-c", "from claims.cli import run; run()"]


def wall_time(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):  # validate exits 1 on an invalid package: still a start-up
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}")
    return elapsed


def measure(root: Path, rounds: int) -> dict[str, list[float]]:
    claims = claims_command()
    commands = {"python -c pass": [sys.executable, "-c", "pass"],
                "claims --help": [*claims, "--help"],
                "claims validate": [*claims, "validate", "--root", str(root)]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(wall_time(command))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--root", type=Path, default=REPO)
    args = parser.parse_args()
    load_before = os.getloadavg()
    times = measure(args.root, args.rounds)
    load_after = os.getloadavg()
    bare = statistics.median(times["python -c pass"])
    print(f"median of {args.rounds} interleaved cold runs; load average (1, 5, 15 min) before "
          f"{', '.join(f'{x:.2f}' for x in load_before)}, after {', '.join(f'{x:.2f}' for x in load_after)}; "
          f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    print()
    print("| command | median wall time | above `python -c pass` | target | met |")
    print("|---|---|---|---|---|")
    print(f"| `python -c pass` | {bare:.3f} s | | | |")
    for name, target in TARGETS.items():
        median = statistics.median(times[name])
        above = median - bare
        print(f"| `{name}` | {median:.3f} s | {above:.3f} s | {target:.1f} s | {'yes' if above <= target else 'no'} |")


if __name__ == "__main__":
    main()
