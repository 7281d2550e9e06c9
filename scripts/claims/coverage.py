"""Coverage: every number in a seed, in digits or in words, is the value or a bound of a claim
whose quote contains it, or is listed in claims/exclusions.csv with a reason.

A claim that quotes a whole paragraph covers only the numbers that are its own value, so the
check cannot be passed by quoting paragraphs wholesale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .checks import seed_texts
from .package import Package

WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "thousand": 1000, "million": 1_000_000, "dozen": 12,
}
SCALES = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
NUMBER = re.compile(
    r"(?P<digits>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)(?:\s+(?P<scale>thousand|million|billion)\b)?"
    r"|\b(?P<word>" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    source_id: str
    start: int
    end: int
    text: str
    value: float


def find_numbers(source_id: str, text: str) -> list[Number]:
    found = []
    for match in NUMBER.finditer(text):
        if match.group("digits"):
            value = float(match.group("digits").replace(",", ""))
            if match.group("scale"):
                value *= SCALES[match.group("scale").lower()]
        else:
            value = float(WORDS[match.group("word").lower()])
        found.append(Number(source_id, match.start(), match.end(), match.group(0), value))
    return found


def _date_parts(value) -> set[float]:
    if value is None:
        return set()
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return {float(day.year), float(day.month), float(day.day)}


def claim_values(row) -> set[float]:
    values = {float(row.get(f)) for f in ("value_number", "value_min", "value_max") if row.get(f) is not None}
    for field in ("value_date_start", "value_date_end", "time_start", "time_end"):
        values |= _date_parts(row.get(field))
    return values


def uncovered(package: Package) -> list[Number]:
    texts = seed_texts(package)
    spans: dict[str, list[tuple[int, int, set[float]]]] = {}
    for row in package.rows("claims"):
        if row.get("status") == "active":
            spans.setdefault(row.get("source_id"), []).append(
                (row.get("quote_start"), row.get("quote_end"), claim_values(row)))
    excluded = {(row.get("source_id"), row.get("start")) for row in package.rows("exclusions")}
    missing = []
    for source_id, text in sorted(texts.items()):
        for number in find_numbers(source_id, text):
            if (source_id, number.start) in excluded:
                continue
            if not any(start <= number.start and number.end <= end and number.value in values
                       for start, end, values in spans.get(source_id, [])):
                missing.append(number)
    return missing
