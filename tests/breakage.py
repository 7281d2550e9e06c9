"""Helpers that break one thing in a copy of the package and say where the error must appear."""

from __future__ import annotations

from pathlib import Path

from claims import csvio
from claims.cases import line_of_row, rows_of  # noqa: F401  (re-exported to the tests)
from claims.descriptor import write_generated
from claims.package import load_package

INFOBOX_QUOTE = "Casualties1: 41 killed"
SEED_2012 = "seeds/001_89907d2348d58a55.txt"
ENC = "encyclopedia-2012-gorno-badakhshan-clashes"


def edit_row(path: Path, column: str, value: str, /, **changes: str) -> int:
    """Change cells of the first row whose column equals value; return that row's line."""
    header, rows = rows_of(path)
    index = header.index(column)
    for row in rows:
        if row[index] == value:
            for name, new in changes.items():
                row[header.index(name)] = new
            break
    else:
        raise AssertionError(f"no row with {column}={value}")
    line = line_of_row(path, column, value)
    path.write_text(csvio.dumps(header, rows), encoding="utf-8")
    return line


def first_value(path: Path, column: str, **where: str) -> str:
    header, rows = rows_of(path)
    for row in rows:
        if all(row[header.index(k)] == v for k, v in where.items()):
            return row[header.index(column)]
    raise AssertionError(f"no row matching {where} in {path}")


def append_row(path: Path, **cells: str) -> int:
    header, rows = rows_of(path)
    rows.append([cells.get(name, "") for name in header])
    path.write_text(csvio.dumps(header, rows), encoding="utf-8")
    return len(path.read_text(encoding="utf-8").rstrip("\n").split("\n"))


def cell_at(path: Path, column: str, value: str, field: str) -> tuple[int, int]:
    """Real line and column of one cell: field of the row whose column equals value."""
    table = csvio.read_table(path, path.name)
    index = table.header.index(column)
    for record in table.records:
        if record.values[index] == value:
            cell = record.cells[table.header.index(field)]
            return cell.line, cell.column
    raise AssertionError(f"no row with {column}={value} in {path}")


def replace_in_line(path: Path, line: int, old: str, new: str | bytes) -> int:
    """Replace text on one physical line; return the 1-based column where it was."""
    lines = path.read_bytes().split(b"\n")
    column = lines[line - 1].decode("utf-8").index(old) + 1
    lines[line - 1] = lines[line - 1].replace(old.encode("utf-8"), new if isinstance(new, bytes) else new.encode(), 1)
    path.write_bytes(b"\n".join(lines))
    return column


def split_table(root: Path, table: str, first_rows: int) -> tuple[str, str]:
    """Make a table a multipart resource: its rows in two files, each with the header row."""
    import json
    path = root / f"claims/{table}.csv"
    header, rows = rows_of(path)
    parts = (f"claims/{table}-1.csv", f"claims/{table}-2.csv")
    for rel, chunk in zip(parts, (rows[:first_rows], rows[first_rows:])):
        (root / rel).write_text(csvio.dumps(header, chunk), encoding="utf-8")
    path.unlink()
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == table:
            resource["path"] = list(parts)
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    write_generated(load_package(root))  # sql/base/<table>.sql now reads the list of parts
    return parts


def infobox_claim(root: Path) -> str:
    return first_value(root / "claims/claims.csv", "claim_id", quote=INFOBOX_QUOTE)


def attributed_claim(root: Path) -> str:
    return first_value(root / "claims/attributions.csv", "claim_id", position="2")


def edit_claim(root: Path, /, **changes: str) -> tuple[str, int]:
    return "claims/claims.csv", edit_row(root / "claims/claims.csv", "claim_id", infobox_claim(root), **changes)
