"""The verdict on a pull request, from the base branch's rules (run by .ci/validate-pr).

`pr_verdict(base_root, head_root)` takes two exported trees: the base (trusted: this code, its
schemas, SQL, properties and rubric) and the head (the pull request: read as data, never run).

1. Rules changes: files under schemas/, scripts/, sql/, .github/ and .ci/, the Makefile,
   pyproject.toml, constraints.txt, docs/model.md, .gitattributes and CODEOWNERS that differ,
   and existing property or rubric rows that changed (history checks).
2. The head's data under the base's rules: a folder holding the base tree with the head's
   tables and seeds put in; properties and rubric are the base's rows plus the head's new rows
   (a new property is data, a redefined one is not); `claims sync` regenerates the seed
   resources; then `claims validate` and the history checks against the base.
3. When rules changed, the head as it stands validated too (its schemas and rubric as data,
   by this code), so reviewers see both.
4. The diff from base to head.

Status: "refused" when the data fails under the base's rules or a history check; otherwise
"needs maintainer review" when rules changed; otherwise "passes". Exit codes of main: 0 passes,
1 refused, 3 needs maintainer review, 2 usage error.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import authoring, descriptor, diff_render, history
from .csvio import write_atomic
from .diff import PackageDiff, diff_packages
from .package import load_package
from .problems import ClaimsError, DataError, Problem, UsageError
from .validate import Report, validate

RULE_PATHS = ("schemas", "scripts", "sql", ".github", ".ci", "Makefile", "pyproject.toml",
              "constraints.txt", "docs/model.md", ".gitattributes", "CODEOWNERS")
DATA_FOLDERS = ("claims", "seeds")
MERGED_TABLES = ("properties", "confidence_rubric")  # existing rows from the base, new rows from the head
PASSES, NEEDS_REVIEW, REFUSED = "passes", "needs maintainer review", "refused"
EXIT_CODES = {PASSES: 0, REFUSED: 1, NEEDS_REVIEW: 3}
LISTED_PROBLEMS = 50


@dataclass
class Verdict:
    status: str
    rules_changed: list[str]
    under_base_rules: Report
    history: list[Problem]
    under_head_rules: Report | None
    diff: PackageDiff
    notes: list[str] = field(default_factory=list)


def _files(root: Path, rel: str) -> set[str]:
    path = root / rel
    if path.is_symlink() or path.is_file():
        return {rel}
    if path.is_dir():
        return {p.relative_to(root).as_posix() for p in path.rglob("*")
                if (p.is_file() or p.is_symlink()) and "__pycache__" not in p.parts}
    return set()


def changed_rule_files(base_root: Path, head_root: Path) -> list[str]:
    changed = set()
    for rel in RULE_PATHS:
        old, new = _files(base_root, rel), _files(head_root, rel)
        changed |= old ^ new
        changed |= {f for f in old & new if (base_root / f).is_symlink() or (head_root / f).is_symlink()
                    or not filecmp.cmp(base_root / f, head_root / f, shallow=False)}
    return sorted(changed)


def trusted_view(base_root: Path, head_root: Path, target: Path) -> Path:
    """The base tree with the head's data put in (see the module docstring)."""
    shutil.copytree(base_root, target, symlinks=True)
    for folder in DATA_FOLDERS:
        shutil.rmtree(target / folder, ignore_errors=True)
        if (head_root / folder).is_dir() and not (head_root / folder).is_symlink():
            shutil.copytree(head_root / folder, target / folder, symlinks=True)
    base_tables = load_package(base_root).tables
    for table in MERGED_TABLES:
        try:
            base_rows = authoring.read_rows(base_root, table)
            head_rows = authoring.read_rows(head_root, table)
        except (ClaimsError, OSError):
            continue  # a table that does not read stays as the pull request has it: validate reports it
        if table not in base_tables:
            continue
        key = base_tables[table].schema.primary_key
        known = {tuple(row.get(k) for k in key) for row in base_rows}
        authoring.write_table(target, table, base_rows + [r for r in head_rows if tuple(r.get(k) for k in key) not in known])
    descriptor.write_generated(load_package(target))
    return target


def pr_verdict(base_root: Path, head_root: Path, base_label: str = "base", head_label: str = "head") -> Verdict:
    notes = []
    rule_files = changed_rule_files(base_root, head_root)
    try:
        head_package = load_package(head_root)
        rule_rows = history.rules_row_problems(load_package(base_root), head_package)
    except ClaimsError as exc:
        rule_rows = []
        notes.append(f"the pull request's package does not load as it stands ({exc}); its rules rows were not compared")
    rules_changed = rule_files + [f"{p.file}:{p.line}: {p.message}" for p in rule_rows]
    with tempfile.TemporaryDirectory(prefix="claims-verdict-") as temporary:
        try:
            view = trusted_view(base_root, head_root, Path(temporary) / "trusted")
        except ClaimsError as exc:
            raise DataError(f"cannot put the pull request's data under the base's rules: {exc}") from exc
        under_base = validate(view)
        try:
            found = history.history_problems(base_root, load_package(view), rules_change=True)
        except ClaimsError as exc:
            found = [Problem("datapackage.json", 1, 1, "history", f"history checks could not run: {exc}")]
    under_head = validate(head_root) if rules_changed else None
    status = REFUSED if under_base.errors or found else NEEDS_REVIEW if rules_changed else PASSES
    return Verdict(status, rules_changed, under_base, found, under_head,
                   diff_packages(base_root, head_root, base_label, head_label), notes)


def _problem_lines(problems: list[Problem]) -> list[str]:
    problems = sorted(problems, key=lambda p: p.severity != "error")  # errors first, each kind in order
    lines = [f"- `{diff_render.md(f'{p.file}:{p.line}:{p.column}', 300)}` {p.severity} "
             f"`{diff_render.md(p.rule)}`: {diff_render.md(p.message, 600)}" for p in problems[:LISTED_PROBLEMS]]
    if len(problems) > LISTED_PROBLEMS:
        lines.append(f"- … and {len(problems) - LISTED_PROBLEMS} more")
    return lines


def as_markdown(verdict: Verdict) -> str:
    lines = [f"# Pull-request verdict: **{verdict.status}**", ""]
    if verdict.rules_changed:
        lines += ["**rules changed: needs maintainer review** (see CODEOWNERS). Changed rules:", ""]
        lines += [f"- {diff_render.md(item, 400)}" for item in verdict.rules_changed[:LISTED_PROBLEMS]]
        lines.append("")
    base = verdict.under_base_rules
    lines += [f"## The data under the base branch's rules: {'valid' if base.is_valid else 'invalid'} "
              f"({len(base.errors)} error(s), {len(base.warnings)} warning(s))", ""]
    lines += _problem_lines(base.problems)
    lines += ["", f"## History checks: {len(verdict.history)} problem(s)", ""]
    lines += _problem_lines(verdict.history)
    if verdict.under_head_rules is not None:
        head = verdict.under_head_rules
        lines += ["", f"## The data under the pull request's own rules (its schemas, SQL, properties and rubric, "
                      f"checked by the base's toolkit): {'valid' if head.is_valid else 'invalid'} "
                      f"({len(head.errors)} error(s), {len(head.warnings)} warning(s))", ""]
        lines += _problem_lines(head.problems)
        lines += ["", "Changes to scripts/ are not run here: maintainers read them."]
    for note in verdict.notes:
        lines += ["", f"Note: {diff_render.md(note, 600)}"]
    return "\n".join(lines) + "\n\n" + diff_render.as_markdown(verdict.diff)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claims.verdict", description=__doc__.split("\n")[0])
    parser.add_argument("base", type=Path, help="the base branch's tree (trusted)")
    parser.add_argument("head", type=Path, help="the pull request's tree (read as data)")
    parser.add_argument("--output", type=Path, help="write the Markdown verdict here (default: stdout)")
    parser.add_argument("--labels", nargs=2, default=("base", "head"), help="names of the two states in the report")
    args = parser.parse_args(argv)
    try:
        verdict = pr_verdict(args.base.resolve(), args.head.resolve(), *args.labels)
    except ClaimsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1
    text = as_markdown(verdict)
    if args.output:
        write_atomic(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    lines = [f"verdict: {verdict.status}"] + (["rules changed: needs maintainer review"] if verdict.rules_changed else [])
    print("\n".join(lines), file=sys.stderr)
    return EXIT_CODES[verdict.status]


if __name__ == "__main__":
    sys.exit(main())
