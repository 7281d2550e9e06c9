"""Terminal text: untrusted cells made harmless, spans marked, 80 columns."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims import terminal


def test_control_characters_and_bidi_overrides_cannot_act_on_the_terminal():
    assert terminal.safe("a\x1b[2Jb\u202ec\x07\td\ne") == "a\ufffd[2Jb\ufffdc\ufffd d\ne"
    assert terminal.safe(None) == ""


def test_overlapping_spans_merge_into_one_numbered_region():
    assert terminal.regions([(10, 20), (0, 5), (15, 30), (40, 41)]) == [
        terminal.Region(0, 5, (1,)), terminal.Region(10, 30, (0, 2)), terminal.Region(40, 41, (3,))]


def test_a_document_keeps_its_lines_and_marks_a_span_over_a_line_break_on_both_lines():
    lines, found = terminal.marked_document("one two\nthree four\n\nfive", [(4, 13)], terminal.Marks.plain())
    assert lines == ["one >>>two<<<", ">>>three<<<[1] four", "", "five"]
    assert found == [terminal.Region(4, 13, (0,))]


def test_terminal_marks_take_no_column():
    line = terminal.wrap("x" * 70 + " \x02marked\x03", marks=terminal.Marks.terminal())
    assert line == ["x" * 70 + " \x1b[1;7mmarked\x1b[0m"]


@settings(max_examples=50, deadline=None)
@given(left=st.text(max_size=120), right=st.lists(st.text(max_size=120), max_size=3), label=st.text(max_size=8))
def test_wrapped_text_never_passes_80_columns(left, right, label):
    left, right, label = terminal.safe(left), [terminal.safe(r) for r in right], terminal.safe(label)
    for line in terminal.columns(left, right) + terminal.labelled(label, left) + terminal.wrap(left, "  "):
        assert len(line) <= terminal.WIDTH
