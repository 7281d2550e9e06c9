"""How a stated figure and its qualifier become bounds. One rule, documented in docs/model.md."""

from __future__ import annotations

import math
from fractions import Fraction

QUALIFIERS = ("exact", "at-least", "more-than", "up-to", "less-than", "about", "rounded", "unspecified")
ABOUT_SPAN = Fraction(1, 10)  # "about N" spans N +/- 10 %, rounded outward to whole units.


def rounding_unit(number: float) -> float:
    """The unit a round figure was rounded to: 10 to the power of its trailing zeros."""
    if number <= 0 or not float(number).is_integer():
        return 1.0
    unit = 1
    value = int(number)
    while value % 10 == 0:
        value //= 10
        unit *= 10
    return float(unit)


def derive_bounds(qualifier: str | None, number: float | None) -> tuple[float | None, float | None]:
    """Lowest and highest value a statement allows; None is an open side."""
    if qualifier is None or qualifier == "unspecified" or number is None:
        return None, None
    if qualifier == "exact":
        return number, number
    if qualifier == "at-least":
        return number, None
    if qualifier == "more-than":
        return math.floor(number) + 1, None
    if qualifier == "up-to":
        return None, number
    if qualifier == "less-than":
        return None, math.ceil(number) - 1
    if qualifier == "about":
        exact = Fraction(str(number))  # exact arithmetic: 1.1 * 300 is 330.00000000000006 in floats
        return math.floor(exact * (1 - ABOUT_SPAN)), math.ceil(exact * (1 + ABOUT_SPAN))
    if qualifier == "rounded":
        half = rounding_unit(number) / 2
        return number - half, number + half
    raise ValueError(f"unknown qualifier {qualifier!r}")
