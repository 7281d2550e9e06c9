"""The benchmark, in one command: cold processes, repeated, timed, with the process tree's peak memory.

    python benchmarks/run.py                       # 1M claims, 5 runs, frictionless 3 runs
    python benchmarks/run.py --claims 100000 --runs 3 --frictionless-runs 1 --results -

Generates (once, then reuses) a valid package and one with a tenth of its rows broken under
benchmarks/out/, then runs in rounds, each command once per round so drift on a shared
machine hits them alike: the typed-load baseline (baseline.py), claims validate on the valid
and the broken package, claims build with every view computed (build_views.py), and
frictionless validate on the valid package (in the first --frictionless-runs rounds: it takes
minutes). DuckDB runs with CLAIMS_DUCKDB_THREADS and CLAIMS_DUCKDB_MEMORY (2, 600MB). Writes
a Markdown report (default benchmarks/RESULTS.md) with min / median / max seconds, the ratio
of each median to the baseline's, peak RSS, versions, machine and load; a "## Notes"
section already in the file is kept below the new numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTES = "## Notes"
PYTHON = sys.executable
BIN = Path(PYTHON).parent


@dataclass
class Measure:
    name: str
    command: list[str]
    expect: int = 0
    runs: int = 0
    seconds: list[float] = field(default_factory=list)
    peak: list[int] = field(default_factory=list)
    output: str = ""


def tree_rss(root: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def run_once(measure: Measure, env: dict) -> None:
    # Output goes to files: a pipe nobody reads until the end fills up and stalls the command.
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        start = time.perf_counter()
        process = subprocess.Popen(measure.command, env=env, stdout=out_file, stderr=err_file, text=True)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if process.returncode != measure.expect:
        raise SystemExit(f"{measure.name}: exit {process.returncode}, expected {measure.expect}\n{err[-2000:]}")
    measure.seconds.append(elapsed)
    measure.peak.append(peak)
    measure.output = out
    print(f"  {measure.name}: {elapsed:.2f} s, peak {peak / 2**20:.0f} MiB", file=sys.stderr, flush=True)


def ensure_package(out: Path, claims: int, broken: float, seed: int) -> Path:
    name = f"{'valid' if not broken else f'broken{int(broken * 100)}'}-{claims}"
    target = out / name
    marker = target / ".synthetic.json"
    if marker.is_file():
        made = json.loads(marker.read_text())
        if (made["claims"], made["broken"], made["seed"]) == (claims, broken, seed):
            return target
    command = [PYTHON, str(HERE / "generate.py"), str(claims), "--out", str(target), "--seed", str(seed)]
    if broken:
        command += ["--broken", str(broken)]
    print(f"generating {target} ...", file=sys.stderr, flush=True)
    subprocess.run(command, check=True)
    return target


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("duckdb", "frictionless", "jsonschema", "typer"):
        found[package] = metadata.version(package)
    return found


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    memory = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return f"{os.cpu_count()} CPUs ({model}), {memory / 2**20:.1f} GiB RAM, {platform.platform()}"


def table(measures: list[Measure], baseline: Measure) -> list[str]:
    base = statistics.median(baseline.seconds)
    lines = ["| command | runs | min s | median s | max s | median / baseline | peak RSS MiB (max of runs) |",
             "|---|---|---|---|---|---|---|"]
    for m in measures:
        if not m.seconds:
            continue
        median = statistics.median(m.seconds)
        lines.append(f"| {m.name} | {len(m.seconds)} | {min(m.seconds):.2f} | {median:.2f} | {max(m.seconds):.2f} | "
                     f"{median / base:.2f}x | {max(m.peak) / 2**20:.0f} |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--frictionless-runs", type=int, default=3)
    parser.add_argument("--threads", default="2")
    parser.add_argument("--memory", default="600MB")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"), help="Markdown file to write, - for stdout")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    valid = ensure_package(args.out, args.claims, 0.0, 1)
    broken = ensure_package(args.out, args.claims, 0.1, 1)
    env = {**os.environ, "CLAIMS_DUCKDB_THREADS": args.threads, "CLAIMS_DUCKDB_MEMORY": args.memory}
    claims = str(BIN / "claims")
    built = args.out / "bench-build.duckdb"
    measures = [
        Measure("baseline: typed load of every CSV (DuckDB)", [PYTHON, str(HERE / "baseline.py"), str(valid)]),
        Measure("claims validate, valid package", [claims, "validate", "--root", str(valid)]),
        Measure("claims validate, 10 % of rows broken", [claims, "validate", "--root", str(broken), "--json"], expect=1),
        Measure("claims build + every view computed", [PYTHON, str(HERE / "build_views.py"), str(valid), str(built)]),
        Measure("frictionless validate, valid package",
                [str(BIN / "frictionless"), "validate", str(valid / "datapackage.json")], runs=args.frictionless_runs),
    ]
    load_before = os.getloadavg()
    for round_ in range(args.runs):
        print(f"round {round_ + 1} of {args.runs}", file=sys.stderr, flush=True)
        for measure in measures:
            if measure.runs and round_ >= measure.runs:
                continue
            run_once(measure, env)
    load_after = os.getloadavg()
    problems = json.loads(measures[2].output)["problems"]
    rules = sorted({p["rule"] for p in problems})
    report = [
        f"# Benchmark: validation at {args.claims:,} claims", "",
        f"Command: `{' '.join([Path(PYTHON).name, 'benchmarks/run.py'] + (argv if argv is not None else sys.argv[1:]))}` "
        f"(DuckDB threads {args.threads}, memory limit {args.memory}; cold processes, rounds of one run each)", "",
        f"Machine: {machine()}. Load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min).", "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()) + ".", "",
        *table(measures, measures[0]), "",
        f"Broken package: {len(problems):,} problems reported, {len(rules)} rule ids: {', '.join(rules)}.", "",
        "Package sizes: " + ", ".join(f"{p.name} {sum(f.stat().st_size for f in (p / 'claims').iterdir()) / 2**20:.0f} MiB"
                                      f" of CSV" for p in (valid, broken)) + ".",
    ]
    text = "\n".join(report) + "\n"
    if args.results == "-":
        print(text)
        return
    target = Path(args.results)
    notes = target.read_text(encoding="utf-8").split(NOTES, 1) if target.is_file() else []
    if len(notes) == 2:  # the hand-written reading of the numbers stays below the new ones
        text += "\n" + NOTES + notes[1]
    target.write_text(text, encoding="utf-8")
    print(f"wrote {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
