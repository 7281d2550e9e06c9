"""The benchmark, in one command: cold processes, repeated, timed, with the process tree's peak memory.

    python benchmarks/run.py                       # 1M claims, 5 runs of every command (make bench)
    python benchmarks/run.py --claims 100000 --runs 1 --results -      # a quick trial

Generates (once, then reuses while the generator and the package's schemas, SQL and tables are
unchanged) a valid package and two broken ones (a tenth, and a thousandth, of their rows) under
benchmarks/out/, then runs in rounds, each command once per round so drift on a shared machine
hits them alike: the typed-load baseline (baseline.py), claims validate --strict on the valid
package, claims validate on each broken package (on the 10 % one every problem counted, its
rule ids compared with the ones the generator broke), claims build with every view materialised (build_views.py), and frictionless
validate on the valid package (--frictionless-runs lowers its count for quick trials: it takes
minutes). Each command is a new process; DuckDB runs with CLAIMS_DUCKDB_THREADS and
CLAIMS_DUCKDB_MEMORY (2, 600MB). Writes a Markdown report (default benchmarks/RESULTS.md)
with min / median / max seconds, the ratio of each median to the baseline's, the peak resident
memory of the whole process tree, the issue's targets met or missed, versions, the commit,
machine and load; a "## Notes" section already in the file is kept below the new numbers.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NOTES = "## Notes"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
POLL_SECONDS = 0.02
# What a generated package is made from: when any of it changes, the packages are made again.
GENERATOR_INPUTS = ("benchmarks/generate.py", "benchmarks/synthetic.py", "benchmarks/breaks.py", "datapackage.json",
                    "schemas", "sql", "docs", "claims", "seeds", "scripts/claims/quantities.py",
                    "scripts/claims/lints.py")
VERSIONS = ("duckdb", "frictionless", "jsonschema", "dplib-py", "typer", "tajik-conflict-claims")
GIB = 2**30


@dataclass
class Measure:
    name: str
    command: list[str]
    expect: int = 0
    runs: int | None = None  # None: every round
    seconds: list[float] = field(default_factory=list)
    peak: list[int] = field(default_factory=list)
    output: str = ""
    failures: list[str] = field(default_factory=list)


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
            time.sleep(POLL_SECONDS)
        elapsed = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if process.returncode != measure.expect:
        # Recorded, and the benchmark goes on: the report says which command failed and why.
        lines = [line for line in err.strip().splitlines() if line.strip()]
        last = [line for line in lines if "Error" in line][-1:] or lines[-1:] or [f"exit {process.returncode}"]
        measure.failures.append(f"exit {process.returncode} after {elapsed:.0f} s: {last[0][:300]}")
        print(f"  {measure.name}: FAILED {measure.failures[-1]}", file=sys.stderr, flush=True)
        return
    measure.seconds.append(elapsed)
    measure.peak.append(peak)
    measure.output = out
    print(f"  {measure.name}: {elapsed:.2f} s, peak {peak / 2**20:.0f} MiB", file=sys.stderr, flush=True)


def inputs_digest() -> str:
    digest = hashlib.sha256()
    for name in GENERATOR_INPUTS:
        path = REPO / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(REPO)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def ensure_package(out: Path, claims: int, broken: float, seed: int) -> tuple[Path, dict]:
    """The package for these arguments, generated unless an up-to-date one is there."""
    target = out / f"{'valid' if not broken else f'broken{broken:g}'}-{claims}"
    stamp = out / f"{target.name}.inputs"
    marker = target / ".synthetic.json"
    digest = inputs_digest()
    if marker.is_file() and stamp.is_file() and stamp.read_text() == digest:
        made = json.loads(marker.read_text())
        if (made["claims"], made["broken"], made["seed"]) == (claims, broken, seed):
            return target, made
    command = [PYTHON, str(HERE / "generate.py"), str(claims), "--out", str(target), "--seed", str(seed)]
    if broken:
        command += ["--broken", str(broken)]
    print(f"generating {target} ...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    subprocess.run(command, check=True)
    print(f"  generated in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    stamp.write_text(digest)
    return target, json.loads(marker.read_text())


def versions() -> str:
    found = [f"python {platform.python_version()}"]
    for package in VERSIONS:
        try:
            found.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(found) + " (installed with -c constraints.txt)"


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def machine() -> str:
    with open("/proc/cpuinfo") as handle:
        model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "?")
    with open("/proc/meminfo") as handle:
        memory = next(int(line.split()[1]) for line in handle if line.startswith("MemTotal"))
    usable = len(os.sched_getaffinity(0))
    return (f"{os.cpu_count()} CPUs ({usable} usable by this process; {model}), {memory / 2**20:.1f} GiB RAM, "
            f"{platform.platform()}")


def median(measure: Measure) -> float:
    if not measure.seconds:
        return float("nan")
    return statistics.median(measure.seconds)


def table(measures: list[Measure], baseline: Measure) -> list[str]:
    base = median(baseline)
    lines = ["| command | runs | min s | median s | max s | median / baseline | peak RSS MiB (max of runs) |",
             "|---|---|---|---|---|---|---|"]
    for m in measures:
        if m.seconds:
            lines.append(f"| {m.name} | {len(m.seconds)} | {min(m.seconds):.2f} | {median(m):.2f} | "
                         f"{max(m.seconds):.2f} | {median(m) / base:.2f}x | {max(m.peak) / 2**20:.0f} |")
    return lines


def targets(baseline: Measure, valid: Measure, broken: Measure, few: Measure, build: Measure,
            friction: Measure, incremental: Measure) -> list[str]:
    """The issue's targets, each with the measured figure."""
    base = median(baseline) if baseline.seconds else float("nan")
    rows = [
        ("validate, valid package: at most 2x the baseline", median(valid) / base, 2.0, "x"),
        ("validate, 10 % broken: at most 4x the baseline", median(broken) / base, 4.0, "x"),
        ("validate, 0.1 % broken: at most 2.5x the baseline", median(few) / base, 2.5, "x"),
        ("build + every view: at most 3x the baseline", median(build) / base, 3.0, "x"),
        ("one claim changed, validate --incremental: at most 1.5x the baseline", median(incremental) / base, 1.5, "x"),
        ("validate: at least 20x faster than frictionless validate", median(friction) / median(valid), 20.0, "x>="),
        ("peak RSS of every claims command: at most 1 GiB",
         max((max(m.peak) for m in (valid, broken, few, build, incremental) if m.peak), default=float("nan")) / GIB,
         1.0, "GiB"),
    ]
    lines = ["| target | measured | met |", "|---|---|---|"]
    for label, value, limit, unit in rows:
        if value != value:  # NaN: a command did not run
            lines.append(f"| {label} | not measured | - |")
            continue
        met = value >= limit if unit == "x>=" else value <= limit
        shown = f"{value:.2f} GiB" if unit == "GiB" else f"{value:.2f}x"
        lines.append(f"| {label} | {shown} | {'yes' if met else 'no'} |")
    return lines


def broken_summary(output: str, made: dict) -> list[str]:
    problems = json.loads(output)["problems"]
    by_rule = Counter(p["rule"] for p in problems)
    errors = sum(1 for p in problems if p["severity"] == "error")
    wanted = set(made["rules"])
    lines = [f"Broken package: {len(problems):,} problems reported ({errors:,} errors, {len(problems) - errors:,} "
             f"warnings), {len(by_rule)} rule ids: " + ", ".join(f"{rule} {n:,}" for rule, n in sorted(by_rule.items()))
             + "."]
    if set(by_rule) != wanted:
        lines.append(f"**The rule ids differ from the ones the generator broke**: not reported "
                     f"{sorted(wanted - set(by_rule))}, not broken {sorted(set(by_rule) - wanted)}.")
    else:
        lines.append("They are exactly the rule ids the generator broke.")
    return lines


def ensure_changed_repository(out: Path, valid: Path) -> Path:
    """A git repository holding the valid package as its one commit, with one claim changed in
    the working tree (its note cell, in the middle of claims.csv): what a pull request that
    edits one claim gives claims validate --incremental --base HEAD."""
    target = out / f"incremental-{valid.name}"
    stamp = target / ".git" / "bench-inputs"
    # Made again when the valid package was (its inputs' digest, beside it) or differs.
    wanted = (out / f"{valid.name}.inputs").read_text(encoding="utf-8") + (valid / ".synthetic.json").read_text(
        encoding="utf-8")
    if not (stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted):
        print(f"making {target} ...", file=sys.stderr, flush=True)
        subprocess.run(["rm", "-rf", str(target)], check=True)
        subprocess.run(["cp", "-r", str(valid), str(target)], check=True)
        for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=bench", "-c", "user.email=bench@example.org",
                                                     "commit", "-qm", "base"]):
            subprocess.run(["git", "-C", str(target), *args], check=True)
        stamp.write_text(wanted, encoding="utf-8")
    path = target / "claims" / "claims.csv"
    subprocess.run(["git", "-C", str(target), "checkout", "-q", "--", "."], check=True)
    lines = path.read_bytes().split(b"\n")
    header = next(csv.reader([lines[0].decode("utf-8")]))
    middle = len(lines) // 2
    while lines[middle].count(b'"') % 2 or not lines[middle]:  # a whole one-line record
        middle += 1
    record = next(csv.reader([lines[middle].decode("utf-8")]))
    record[header.index("note")] = "edited in a pull request (benchmark)"
    cell = io.StringIO()
    csv.writer(cell, lineterminator="").writerow(record)
    lines[middle] = cell.getvalue().encode("utf-8")
    path.write_bytes(b"\n".join(lines))
    return target


def package_size(root: Path) -> str:
    csv = sum(f.stat().st_size for f in (root / "claims").iterdir())
    seeds = sum(1 for _ in (root / "seeds").iterdir())
    return f"{root.name} {csv / 2**20:.0f} MiB of CSV, {seeds} seed files"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5, help="runs of every command (default 5)")
    parser.add_argument("--frictionless-runs", type=int, default=None,
                        help="runs of frictionless validate (default: --runs; lower it for quick trials)")
    parser.add_argument("--threads", default="2")
    parser.add_argument("--memory", default="600MB")
    parser.add_argument("--validate-option", action="append", default=[],
                        help="an option added to each claims validate (repeatable), e.g. --engine=fast")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"), help="Markdown file to write, - for stdout")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    valid, _ = ensure_package(args.out, args.claims, 0.0, 1)
    broken, made = ensure_package(args.out, args.claims, 0.1, 1)
    few, _ = ensure_package(args.out, args.claims, 0.001, 1)
    changed = ensure_changed_repository(args.out, valid)
    env = {**os.environ, "CLAIMS_DUCKDB_THREADS": args.threads, "CLAIMS_DUCKDB_MEMORY": args.memory}
    validate = [str(BIN / "claims"), "validate", *args.validate_option, "--root"]
    built = args.out / "bench-build.duckdb"
    friction_runs = args.runs if args.frictionless_runs is None else args.frictionless_runs
    measures = [
        Measure("baseline: typed load of every CSV (DuckDB)", [PYTHON, str(HERE / "baseline.py"), str(valid)]),
        Measure("claims validate --strict, valid package", [*validate, str(valid), "--strict"]),
        Measure("claims validate, 10 % of rows broken", [*validate, str(broken), "--json"], expect=1),
        Measure("claims validate, 0.1 % of rows broken", [*validate, str(few), "--json"], expect=1),
        Measure("claims build + every view materialised", [PYTHON, str(HERE / "build_views.py"), str(valid),
                                                           str(built)]),
        Measure("frictionless validate, valid package",
                [str(BIN / "frictionless"), "validate", str(valid / "datapackage.json")], runs=friction_runs),
        Measure("claims validate --incremental --base HEAD, one claim changed",
                [*validate, str(changed), "--strict", "--incremental", "--base", "HEAD", "--repo", str(changed),
                 "--format", "json"]),
    ]
    load_before = os.getloadavg()
    for round_ in range(args.runs):
        print(f"round {round_ + 1} of {args.runs}", file=sys.stderr, flush=True)
        for measure in measures:
            if measure.runs is None or round_ < measure.runs:
                run_once(measure, env)
    load_after = os.getloadavg()
    shown_args = argv if argv is not None else sys.argv[1:]
    report = [
        f"# Benchmark: validation at {args.claims:,} claims", "",
        f"Command: `{' '.join(['python', 'benchmarks/run.py', *shown_args])}` (DuckDB threads {args.threads}, "
        f"memory limit {args.memory}; each run a new process; rounds of one run of each command). "
        f"Peak RSS: the whole process tree, sampled every {POLL_SECONDS * 1000:.0f} ms.", "",
        f"Machine: {machine()}. Load average (1, 5, 15 min) before "
        f"{', '.join(f'{x:.2f}' for x in load_before)}; after {', '.join(f'{x:.2f}' for x in load_after)}.", "",
        f"Versions: {versions()}. Commit {commit()}.", "",
        *table(measures, measures[0]), "",
    ]
    report += ["Targets (issue 19):", "", *targets(*measures), ""]
    if measures[-1].output:
        scope = json.loads(measures[-1].output).get("incremental", {})
        report += [f"The incremental run: {json.dumps(scope, ensure_ascii=False)}.", ""]
    report += [f"**{m.name} failed** ({len(m.failures)} of {len(m.failures) + len(m.seconds)} runs): {m.failures[0]}"
               for m in measures if m.failures] + ([""] if any(m.failures for m in measures) else [])
    report += [*broken_summary(measures[2].output, made), "",
               "Packages: " + "; ".join(package_size(p) for p in (valid, broken, few)) + "."]
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
