"""Report formats: GitHub workflow commands within GitHub's caps, escaping, the job summary."""

from __future__ import annotations

import json

from claims import report
from claims.problems import Problem
from claims.validate import Report

from corpus.cases import CASES


def many(errors: int, warnings: int) -> Report:
    problems = [Problem("claims/claims.csv", n + 2, 5, "quote-in-seed", f"problem {n}", "fix it") for n in range(errors)]
    problems += [Problem("claims/entities.csv", n + 2, 1, "lint-orphan-entity", f"warning {n}", "", "", "warning")
                 for n in range(warnings)]
    return Report(problems, {"claims": 3})


def test_annotations_stay_within_the_step_cap_and_say_where_the_rest_are():
    lines = report.github_commands(many(25, 12))
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 10
    assert lines[-1].startswith("::notice ") and "17 more problem(s)" in lines[-1]
    assert len(lines) == 21


def test_annotation_escapes_data_and_properties():
    problem = Problem("claims/a,b:c.csv", 3, 7, "rule", "50% done\r\nnext line", "use a, b")
    line = report.annotation(problem)
    assert line.startswith("::error file=claims/a%2Cb%3Ac.csv,line=3,col=7,title=rule::")
    assert line.endswith("::50%25 done%0D%0Anext line%0Afix: use a, b")
    assert "\n" not in line


def test_summary_lists_every_problem_as_markdown(tmp_path, monkeypatch):
    target = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    report.write_step_summary(many(25, 12))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("## claims validate: invalid: 25 error(s), 12 warning(s)")
    assert text.count("| `claims/") == 37


def test_summary_escapes_table_syntax_and_html():
    problem = Problem("f.csv", 1, 1, "r", "a | b <script>", "line\nbreak")
    text = report.markdown_summary(Report([problem], {}))
    assert "a \\| b &lt;script&gt;" in text and "line<br>break" in text


def test_summary_is_cut_before_githubs_size_limit():
    huge = Report([Problem("f.csv", n, 1, "r", "x" * 2000) for n in range(1, 1000)], {})
    text = report.markdown_summary(huge)
    assert len(text.encode("utf-8")) < 1024 * 1024
    assert "more: run `claims validate` locally" in text


def test_github_format_on_a_broken_copy(package_copy, cli, tmp_path, monkeypatch):
    expected = CASES["offsets_off_by_one"](package_copy)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = cli("validate", "--root", package_copy, "--format", "github")
    assert result.exit_code == 1
    assert (f"::error file={expected.file},line={expected.line},col=" in result.stdout
            and f"title={expected.rule}::" in result.stdout)
    assert f"{expected.file}:{expected.line}:" in result.stderr  # the full plain report stays in the log
    assert f"`{expected.rule}`" in summary.read_text(encoding="utf-8")


def test_plain_text_when_not_a_terminal(package_copy, cli):
    expected = CASES["offsets_off_by_one"](package_copy)
    result = cli("validate", "--root", package_copy)
    assert "\x1b[" not in result.stdout
    assert f"{expected.file}:{expected.line}:" in result.stdout and f"error [{expected.rule}]" in result.stdout
    assert result.stderr.startswith("invalid: ")


def test_json_and_format_json_agree(package_copy, cli):
    CASES["offsets_off_by_one"](package_copy)
    first = json.loads(cli("validate", "--root", package_copy, "--json").stdout)
    second = json.loads(cli("validate", "--root", package_copy, "--format", "json").stdout)
    assert first == second and first["valid"] is False


def test_rich_output_has_the_same_words(capsys):
    sample = many(1, 1)
    report.print_rich(sample)
    printed = capsys.readouterr().out
    for problem in sample.problems:
        assert problem.message in printed and problem.rule in printed
