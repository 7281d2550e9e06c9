"""'Did you mean': the known ids nearest to an unknown one, ranked by similarity over each id
and its names (a property's label, an entity's name and aliases, a rubric rule's label)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .search import similarity

SHOWN = 3


def nearest(word: str, known: Mapping[str, Sequence[str]], limit: int = SHOWN) -> list[str]:
    """The known ids most similar to word, best first; each id is compared by itself and by its names."""
    scored = []
    for known_id, names in known.items():
        score = max(similarity(word, text) for text in (known_id, *names))
        if score >= 0.45:
            scored.append((-score, known_id))
    return [known_id for _, known_id in sorted(scored)[:limit]]


def did_you_mean(word: str, known: Mapping[str, Sequence[str]]) -> str:
    """'; did you mean a, b or c?' (with each id's first name), or '' when nothing is near."""
    found = nearest(word, known)
    if not found:
        return ""
    shown = [f"{i} ({known[i][0]})" if known[i] and known[i][0] and known[i][0] != i else i for i in found]
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
    return f"; did you mean {listed}?"


def _known_for(package, table: str, field: str) -> dict[str, list[str]] | None:
    """The ids a column of a table may take, with their names: a foreign key's target rows, or
    a closed list (enum) of the JSON Schema."""
    from . import vocab

    schema = package.schemas[table]
    for foreign in schema.foreign_keys:
        if foreign["fields"] == [field]:
            target = foreign["reference"]["resource"]
            what = {"confidence_rubric": "rubric"}.get(target, target)
            return vocab.known(package, what) if what in ("entities", "properties", "rubric", "sources") else None
    enum = schema.document["properties"].get(field, {}).get("enum")
    return {value: [] for value in enum} if enum else None


def for_new_rows(package, table: str, field: str, rows: list[dict]) -> str:
    """'did you mean' for the unknown values of one column of new rows ('' if none is near).
    A scope is suggested side by side."""
    from . import vocab

    if field == "scope":
        sides = {side: [] for side in vocab.SIDES}
        hints = [part + ":" + did_you_mean(part, sides).removeprefix(";") for row in rows
                 for part in str(row.get("scope", "")).split("+") if part and part not in sides]
        return f" ({'; '.join(hints)})" if hints else ""
    known = _known_for(package, table, field)
    if known is None:
        return ""
    hints = [did_you_mean(str(row[field]), known) for row in rows if row.get(field) and row[field] not in known]
    return "".join(hint for hint in hints if hint)
