"""Bounds derived from a figure and its qualifier."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.quantities import QUALIFIERS, derive_bounds


@pytest.mark.parametrize("qualifier, number, expected", [
    ("exact", 41, (41, 41)),
    ("at-least", 12, (12, None)),
    ("more-than", 100, (101, None)),
    ("up-to", 100, (None, 100)),
    ("less-than", 10, (None, 9)),
    ("about", 300, (270, 330)),
    ("about", 90, (81, 99)),
    ("rounded", 5_700_000, (5_650_000, 5_750_000)),
    ("rounded", 150_000, (145_000, 155_000)),
    ("unspecified", None, (None, None)),
])
def test_documented_bounds(qualifier, number, expected):
    assert derive_bounds(qualifier, number) == expected


@given(st.sampled_from([q for q in QUALIFIERS if q != "unspecified"]), st.integers(min_value=1, max_value=10**9))
def test_bounds_contain_the_stated_figure_unless_strict(qualifier, number):
    low, high = derive_bounds(qualifier, number)
    if qualifier not in ("more-than", "less-than"):
        assert (low is None or low <= number) and (high is None or number <= high)
    if low is not None and high is not None:
        assert low <= high
