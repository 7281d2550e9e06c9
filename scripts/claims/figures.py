"""Reading the figures a quote states, in digits or in words, and the qualifying words in front
of them: what the lints lint-figure-in-quote and lint-qualifier-in-quote compare a claim's
value_number and value_qualifier with.

    numbers_in("at least twenty soldiers and 1,000 rebels") == {Decimal(20), Decimal(1000)}
    qualifiers_before("more than 100 killed", Decimal(100)) == [{"more-than"}]
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

UNITS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
TENS = {word: 10 * n for n, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
# Words that state a count of none: "no soldiers", "none were hurt".
NONE_WORDS = {"no", "none", "nobody", "nil"}
TOKEN = re.compile(r"[0-9]+(?:[,.][0-9]+)*|[^\W\d_]+", re.UNICODE)

# Words right before a figure that bound it, and the qualifiers they allow. A figure with none
# of them in front may take any qualifier (it can come from elsewhere: "at least 12 soldiers and
# 30 militants" reads both as at least); one with them must take one of theirs.
QUALIFYING_WORDS = {
    "at least": {"at-least"}, "no fewer than": {"at-least"}, "no less than": {"at-least"},
    "a minimum of": {"at-least"},
    "more than": {"more-than"}, "over": {"more-than"}, "upwards of": {"more-than"},
    "up to": {"up-to"}, "as many as": {"up-to"}, "no more than": {"up-to"}, "at most": {"up-to"},
    "a maximum of": {"up-to"},
    "fewer than": {"less-than"}, "less than": {"less-than"}, "under": {"less-than"},
    "about": {"about"}, "around": {"about"}, "approximately": {"about"}, "roughly": {"about"},
    "some": {"about"}, "an estimated": {"about"}, "estimated": {"about"}, "an approximate": {"about"},
    "nearly": {"about", "up-to", "less-than"}, "almost": {"about", "up-to", "less-than"},
    "close to": {"about", "up-to", "less-than"},
}
QUALIFYING = re.compile(r"\b(" + "|".join(sorted(map(re.escape, QUALIFYING_WORDS), key=len, reverse=True))
                        + r")\s+$", re.IGNORECASE)


def _digits(token: str) -> Decimal | None:
    """1,000 and 5.7 as numbers; '1,5' (a decimal comma) is read both ways by the caller."""
    try:
        return Decimal(token.replace(",", ""))
    except InvalidOperation:
        return None


def _spans(text: str) -> list[tuple[int, int, Decimal]]:
    """Every figure of the text with where it starts and ends: digits (with a scale word after
    them: '5.7 million'), number words ('twenty-five', 'three hundred', 'a dozen') and the words
    of none ('no soldiers' is 0)."""
    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in TOKEN.finditer(text)]
    found: list[tuple[int, int, Decimal]] = []
    index = 0
    while index < len(tokens):
        start, end, word = tokens[index]
        value: Decimal | None = None
        if word[0].isdigit():
            value = _digits(word)
            if value is not None and index + 1 < len(tokens) and tokens[index + 1][2] in SCALES:
                found.append((start, end, value))  # "5.7" alone, and "5.7 million" below
                index += 1
                end, value = tokens[index][1], value * SCALES[tokens[index][2]]
        elif word in NONE_WORDS:
            value = Decimal(0)
        elif word in UNITS or word in TENS or word in ("a", "dozen") and _is_dozen(tokens, index):
            value, index, end = _words(tokens, index)
        if value is not None:
            found.append((start, end, value))
        index += 1
    return found


def _is_dozen(tokens, index: int) -> bool:
    return tokens[index][2] == "dozen" or (index + 1 < len(tokens) and tokens[index + 1][2] == "dozen")


def _words(tokens, index: int) -> tuple[Decimal, int, int]:
    """A run of number words from tokens[index] ('three hundred and twenty-five', 'a dozen'):
    its value, the index of its last token and where it ends."""
    total, current, last = 0, 0, index
    position = index
    while position < len(tokens):
        word = tokens[position][2]
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "a" and position == index:
            current = 0
        elif word in SCALES and position > index:
            scale = SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total, current = total + (current or 1) * scale, 0
        elif word == "and" and position > index and position + 1 < len(tokens) and (
                tokens[position + 1][2] in UNITS or tokens[position + 1][2] in TENS):
            pass
        else:
            break
        last = position
        position += 1
    return Decimal(total + current), last, tokens[last][1]


def numbers_in(text: str) -> set[Decimal]:
    """The figures a text states."""
    return {value for _, _, value in _spans(text)}


def states(text: str, figure: float) -> bool:
    """Whether the text states the figure, in digits or in words."""
    wanted = Decimal(str(figure))
    return any(value == wanted for value in numbers_in(text))


def qualifiers_before(text: str, figure: float) -> list[set[str] | None]:
    """For each place the text states the figure, the qualifiers the words right in front of it
    allow, or None where no qualifying words stand there."""
    wanted = Decimal(str(figure))
    allowed = []
    for start, _, value in _spans(text):
        if value == wanted:
            match = QUALIFYING.search(text[:start])
            allowed.append(QUALIFYING_WORDS[match.group(1).lower()] if match else None)
    return allowed
