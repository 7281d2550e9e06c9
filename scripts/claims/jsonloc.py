"""Line and column of a value inside a JSON text, by its path (["resources", 3, "path"]).

json.loads forgets positions; descriptor problems are found on the parsed object, and a
contributor needs the line they are on. Called only when there is a problem to place.
"""

from __future__ import annotations

import re
from json.decoder import scanstring

_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?[0-9][0-9.eE+-]*|true|false|null")


def _positions(text: str) -> dict[tuple, int]:
    """Offset where each value starts, keyed by its path. The text is known to be valid JSON."""
    found: dict[tuple, int] = {}

    def skip(i: int) -> int:
        return _SPACE.match(text, i).end()

    def value(i: int, path: tuple) -> int:
        i = skip(i)
        found[path] = i
        char = text[i]
        if char == '"':
            return scanstring(text, i + 1)[1]
        if char not in "{[":
            return _SCALAR.match(text, i).end()
        closing, index = ("}" if char == "{" else "]"), 0
        i = skip(i + 1)
        while text[i] != closing:
            if char == "{":
                key, i = scanstring(text, skip(i) + 1)
                i = value(skip(i) + 1, path + (key,))  # + 1 steps over the colon
            else:
                i = value(i, path + (index,))
                index += 1
            i = skip(i)
            if text[i] == ",":
                i = skip(i + 1)
        return i + 1

    value(0, ())
    return found


def locate(text: str, path) -> tuple[int, int]:
    """1-based line and column of the value at path, or of its nearest enclosing value."""
    try:
        positions = _positions(text)
    except (IndexError, ValueError, AttributeError):  # not valid JSON after all: the start
        return 1, 1
    path = tuple(path)
    while path not in positions and path:
        path = path[:-1]
    offset = positions.get(path, 0)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
