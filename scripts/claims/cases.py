"""Breaking cases: how to make one rule fire on a copy of a valid package.

Each rule of the registry (rules.py) carries its case: a function that changes a copy of a
valid package and returns the file and line where the rule must be reported. The cases pick
their rows by what a rule needs (a quantity claim, a scoped property, a claim with a chain of
two), never by the committed data's ids, so they hold for any valid package that has such a
row. tests/test_rule_registry.py runs every case on both engines.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from pathlib import Path
from typing import Callable

from . import csvio
from .package import read_descriptor, resource_parts

Row = dict[str, str]
Where = Callable[[Row, Path], bool]


class NoRowForCase(AssertionError):
    """The package has no row a case can break (the coverage test says which case)."""


def table_file(root: Path, table: str) -> str:
    """The (first) file of a table resource, relative to the package root."""
    return resource_parts(read_descriptor(root))[table][0]


def rows_of(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return rows[0], rows[1:]


def records(root: Path, table: str) -> list[Row]:
    header, rows = rows_of(root / table_file(root, table))
    return [dict(zip(header, row)) for row in rows]


def line_of_row(path: Path, column: str, value: str) -> int:
    """Real 1-based line where the row whose column equals value starts."""
    table = csvio.read_table(path, path.name)
    index = table.header.index(column)
    for record in table.records:
        if record.values[index] == value:
            return record.line
    raise NoRowForCase(f"no row with {column}={value} in {path}")


def edit_where(root: Path, table: str, where: Where, /, **changes) -> tuple[str, int]:
    """Change cells of the first row for which where(row, root) holds (a change may be a
    function of the row); return the file and the row's line."""
    rel = table_file(root, table)
    path = root / rel
    header, rows = rows_of(path)
    table_rows = csvio.read_table(path, rel).records
    for row, record in zip(rows, table_rows):
        cells = dict(zip(header, row))
        if where(cells, root):
            for name, new in changes.items():
                row[header.index(name)] = new(cells) if callable(new) else new
            path.write_text(csvio.dumps(header, rows), encoding="utf-8")
            return rel, record.line
    raise NoRowForCase(f"no row of {table} suits the case")


def append_row(path: Path, **cells: str) -> int:
    header, rows = rows_of(path)
    rows.append([cells.get(name, "") for name in header])
    path.write_text(csvio.dumps(header, rows), encoding="utf-8")
    return len(path.read_text(encoding="utf-8").rstrip("\n").split("\n"))


def edit(table: str, where: Where = lambda row, root: True, **changes) -> Callable[[Path], tuple[str, int]]:
    """A case that changes cells of the first row of table that suits it."""
    return lambda root: edit_where(root, table, where, **changes)


# What a row must be for a case ---------------------------------------------------------------------

def value_type(row: Row, root: Path) -> str:
    types = {p["property_id"]: p["value_type"] for p in records(root, "properties")}
    return types.get(row.get("property_id", ""), "")


def is_quantity(row: Row, root: Path) -> bool:
    return value_type(row, root) == "quantity" and row.get("value_qualifier") not in ("", "unspecified")


def is_exact_figure(row: Row, root: Path) -> bool:
    return row.get("value_qualifier") == "exact" and row.get("value_number", "") != ""


def is_scoped(row: Row, root: Path) -> bool:
    return any(p["property_id"] == row.get("property_id") and p["is_scoped"] == "true"
               for p in records(root, "properties"))


def rubric_confidence(row: Row, root: Path) -> float:
    return next(float(r["confidence"]) for r in records(root, "confidence_rubric")
                if r["rule_id"] == row.get("confidence_rule"))


def changed_last_character(column: str) -> Callable[[Row], str]:
    """The text with its last character changed, so it no longer equals the seed at its offsets."""
    return lambda row: row[column][:-1] + ("X" if row[column][-1:] != "X" else "Y")


def second_in_chain(row: Row, root: Path) -> bool:
    return row.get("position") == "2"


# Cases that change more than cells ------------------------------------------------------------------

def first_seed(root: Path) -> tuple[str, int, Path]:
    """The first source's file, line and seed file."""
    source = records(root, "sources")[0]
    rel = table_file(root, "sources")
    return rel, line_of_row(root / rel, "source_id", source["source_id"]), root / source["seed_path"]


def change_seed_byte(root: Path) -> tuple[str, int]:
    rel, line, seed = first_seed(root)
    data = bytearray(seed.read_bytes())
    index = next(i for i, byte in enumerate(data) if chr(byte).isalpha() and byte < 128)
    data[index] = ord(chr(data[index]).swapcase())
    seed.write_bytes(bytes(data))
    return rel, line


def seed_not_utf8(root: Path) -> tuple[str, int]:
    rel, line, seed = first_seed(root)
    data = seed.read_bytes() + b"\xff\xfe"
    seed.write_bytes(data)
    source_id = records(root, "sources")[0]["source_id"]
    return edit_where(root, "sources", lambda row, _: row["source_id"] == source_id,
                      sha256=hashlib.sha256(data).hexdigest(), byte_size=str(len(data)))


def unregistered_seed(root: Path) -> tuple[str, int]:
    (root / "seeds/unregistered-case.txt").write_text("a document no row of sources describes\n", encoding="utf-8")
    return "seeds/unregistered-case.txt", 1


def duplicate_first_row(table: str) -> Callable[[Path], tuple[str, int]]:
    """The table's first data row written twice: the copy, on line 3, repeats every key."""
    def case(root: Path) -> tuple[str, int]:
        rel = table_file(root, table)
        header, rows = rows_of(root / rel)
        (root / rel).write_text(csvio.dumps(header, [rows[0], *rows]), encoding="utf-8")
        return rel, 3
    return case


def gap_in_chain(root: Path) -> tuple[str, int]:
    """Position 2 of a chain renumbered 3."""
    return edit_where(root, "attributions", second_in_chain, position="3")


def append_to(table: str, **cells: str) -> Callable[[Path], tuple[str, int]]:
    def case(root: Path) -> tuple[str, int]:
        rel = table_file(root, table)
        return rel, append_row(root / rel, **cells)
    return case


def alias_in_capitals(root: Path) -> tuple[str, int]:
    """A second alias of the first entity: the first alias in capitals."""
    rel = table_file(root, "aliases")
    first = next(a for a in records(root, "aliases") if a["alias"].upper() != a["alias"])
    return rel, append_row(root / rel, **{**first, "alias": first["alias"].upper()})


def then_sync(case: Callable[[Path], tuple[str, int]]) -> Callable[[Path], tuple[str, int]]:
    """The case, then claims sync: a change to sources also changes the generated seed resources."""
    def synced(root: Path) -> tuple[str, int]:
        from .descriptor import write_generated
        from .package import load_package

        where = case(root)
        write_generated(load_package(root))
        return where
    return synced


# Cases of the rules raised where the files are read -----------------------------------------------

def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _first_data_line(root: Path, table: str) -> tuple[str, Path, list[str]]:
    rel = table_file(root, table)
    return rel, root / rel, _lines(root / rel)


def with_bom(table: str) -> Callable[[Path], tuple[str, int]]:
    def case(root: Path) -> tuple[str, int]:
        rel = table_file(root, table)
        (root / rel).write_bytes(b"\xef\xbb\xbf" + (root / rel).read_bytes())
        return rel, 1
    return case


def crlf_line_endings(table: str) -> Callable[[Path], tuple[str, int]]:
    def case(root: Path) -> tuple[str, int]:
        rel = table_file(root, table)
        (root / rel).write_bytes((root / rel).read_bytes().replace(b"\n", b"\r\n"))
        return rel, 1
    return case


def changed_line(table: str, change: Callable[[str], str | bytes], line: int = 2) -> Callable[[Path], tuple[str, int]]:
    """One physical line of the table's file changed (the first data row unless told)."""
    def case(root: Path) -> tuple[str, int]:
        rel = table_file(root, table)
        lines = (root / rel).read_bytes().split(b"\n")
        new = change(lines[line - 1].decode("utf-8"))
        lines[line - 1] = new if isinstance(new, bytes) else new.encode("utf-8")
        (root / rel).write_bytes(b"\n".join(lines))
        return rel, line
    return case


def unclosed_quote_at_end(table: str) -> Callable[[Path], tuple[str, int]]:
    """A quote opened in the last cell of the last row and never closed."""
    def case(root: Path) -> tuple[str, int]:
        rel = table_file(root, table)
        text = (root / rel).read_text(encoding="utf-8").rstrip("\n")
        (root / rel).write_text(text + '"\n', encoding="utf-8")
        return rel, text.count("\n") + 1
    return case


def renamed_header_column(table: str) -> Callable[[Path], tuple[str, int]]:
    return changed_line(table, lambda header: header.replace(",", ",renamed_", 1), line=1)


def file_written(table: str, data: bytes | None) -> Callable[[Path], tuple[str, int]]:
    """The table's file replaced by data, or deleted (None)."""
    def case(root: Path) -> tuple[str, int]:
        rel = table_file(root, table)
        if data is None:
            (root / rel).unlink()
        else:
            (root / rel).write_bytes(data)
        return rel, 1
    return case


def split_in_two(root: Path, table: str, first_rows: int) -> tuple[str, str]:
    """Make a table a multipart resource: its rows in two files, each with the header row;
    claims sync then regenerates what reads it."""
    from .descriptor import write_generated
    from .package import load_package

    rel = table_file(root, table)
    header, rows = rows_of(root / rel)
    stem = rel.removesuffix(".csv")
    parts = (f"{stem}-1.csv", f"{stem}-2.csv")
    for part, chunk in zip(parts, (rows[:first_rows], rows[first_rows:])):
        (root / part).write_text(csvio.dumps(header, chunk), encoding="utf-8")
    (root / rel).unlink()
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource.get("name") == table:
            resource["path"] = list(parts)
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    write_generated(load_package(root))
    return parts


def part_without_final_newline(root: Path) -> tuple[str, int]:
    first, _ = split_in_two(root, "claims", 5)
    data = (root / first).read_bytes().rstrip(b"\n")
    (root / first).write_bytes(data)
    return first, data.count(b"\n") + 1


def _descriptor_edit(root: Path, change: Callable[[dict], object]) -> str:
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def descriptor_not_json(root: Path) -> tuple[str, int]:
    path = root / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"name": ', '"name" ', 1), encoding="utf-8")
    return "datapackage.json", text[: text.index('"name": ')].count("\n") + 1


def resource_hash_mismatch(root: Path) -> tuple[str, int]:
    """A release's descriptor declares a table's size and hash: one that no longer matches."""
    from .descriptor import dumps
    from .package import files_digest

    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r.get("name") == "claims")
    resource["bytes"] = files_digest([root / part for part in resource_parts(descriptor)["claims"]])[0]
    resource["hash"] = "sha256:" + "0" * 64
    text = dumps(descriptor)
    path.write_text(text, encoding="utf-8")
    marker = '"hash": "sha256:' + "0" * 64
    return "datapackage.json", next(n for n, line in enumerate(text.splitlines(), 1) if marker in line)


def resource_removed(table: str) -> Callable[[Path], tuple[str, int]]:
    def case(root: Path) -> tuple[str, int]:
        _descriptor_edit(root, lambda d: d.__setitem__("resources", [r for r in d["resources"]
                                                                     if r.get("name") != table]))
        return "datapackage.json", 1
    return case


def descriptor_name_not_a_string(root: Path) -> tuple[str, int]:
    text = _descriptor_edit(root, lambda d: d.__setitem__("name", 5))
    return "datapackage.json", text[: text.index('"name": 5')].count("\n") + 1


def generated_part_edited(root: Path) -> tuple[str, int]:
    def edit_description(descriptor: dict) -> None:
        descriptor["resources"][0]["schema"]["fields"][0]["description"] = "edited by hand"
    text = _descriptor_edit(root, edit_description)
    return "datapackage.json", text[: text.index("edited by hand")].count("\n") + 1


def descriptor_version_not_a_string(root: Path) -> tuple[str, int]:
    """frictionless-py reports a descriptor's problems on its first line."""
    _descriptor_edit(root, lambda d: d.__setitem__("version", 5))
    return "datapackage.json", 1


# Cases of untrusted input (README, "Limits") -------------------------------------------------------

class Unsupported(Exception):
    """The system cannot build this case (no symbolic links without privileges on Windows)."""


def _line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def schema_by_url(root: Path) -> tuple[str, int]:
    """A resource's Table Schema given by URL: frictionless-py would fetch it."""
    url = "https://example.org/table-schema.json"
    text = _descriptor_edit(root, lambda d: d["resources"][0].__setitem__("schema", url))
    return "datapackage.json", _line_of(text, json.dumps(url))


def pattern_re2_refuses(root: Path) -> tuple[str, int]:
    """A backreference in a schema's pattern: RE2 (linear time) has none, so the schema is refused."""
    path = sorted((root / "schemas").glob("*.schema.json"))[0]
    document = json.loads(path.read_text(encoding="utf-8"))
    field = next(name for name, spec in document["properties"].items() if spec.get("type") == "string")
    document["properties"][field]["pattern"] = "^(a)\\1$"
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return f"schemas/{path.name}", _line_of(text, '"pattern": "^(a)\\\\1$"')


def table_as_symlink(table: str) -> Callable[[Path], tuple[str, int]]:
    """The table's file replaced by a symbolic link to a copy outside the package."""
    def case(root: Path) -> tuple[str, int]:
        rel = table_file(root, table)
        outside = root.parent / f"{root.name}-outside-{table}.csv"
        outside.write_bytes((root / rel).read_bytes())
        (root / rel).unlink()
        try:
            os.symlink(outside, root / rel)
        except (OSError, NotImplementedError) as exc:
            raise Unsupported(f"cannot create a symbolic link here: {exc}") from exc
        return rel, 1
    return case


def write_interrupted(root: Path) -> tuple[str, int]:
    """A write killed after its journal and a staged file were written (a prepared transaction)."""
    from . import transaction

    rel = table_file(root, "entities")
    write = transaction.Transaction(root)  # never entered: no lock, and nothing finishes it
    write.write(rel, (root / rel).read_bytes())
    write.prepare()
    return transaction.JOURNAL, 1
