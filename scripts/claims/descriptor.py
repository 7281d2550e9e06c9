"""datapackage.json: Table Schemas generated from the JSON Schemas, seed resources generated
from sources.csv, and the descriptor checked by frictionless and by the official v2 profile."""

from __future__ import annotations

import contextlib
import json
import re
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING

from jsonschema import Draft7Validator

from . import jsonloc
from .package import DESCRIPTOR, LoadedTable, Package, table_order, table_resource_dicts
from .problems import ClaimsError, Problem
from .rules import entry
from .schemas import RecordSchema

if TYPE_CHECKING:
    from .transaction import Transaction

TYPE_MAP = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}
CONSTRAINTS = ("minLength", "maxLength", "minimum", "maximum", "pattern", "enum")
SEED_LICENSE_NOTE = "Rights remain with the original publisher; see the rights column of sources.csv."


def table_schema(schema: RecordSchema) -> dict:
    """The Frictionless Table Schema that states the same per-field rules as a JSON Schema."""
    fields = []
    for name, spec in schema.document["properties"].items():
        is_date = spec.get("format") == "date"
        field = {"name": name, "type": "date" if is_date else TYPE_MAP[spec["type"]],
                 "description": spec["description"]}
        if spec["type"] == "boolean":
            field["trueValues"], field["falseValues"] = ["true"], ["false"]
        constraints = {"required": True} if name in schema.required else {}
        for key in CONSTRAINTS:
            if key in spec and not (is_date and key == "pattern"):
                constraints[key] = spec[key]
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    result = {"fields": fields, "missingValues": [""], "primaryKey": schema.primary_key}
    if schema.unique_keys:
        result["uniqueKeys"] = schema.unique_keys
    foreign = []
    for fk in schema.foreign_keys:
        reference = {"fields": fk["reference"]["fields"]}
        if fk["reference"]["resource"] != schema.name:
            reference = {"resource": fk["reference"]["resource"], **reference}
        foreign.append({"fields": fk["fields"], "reference": reference})
    if foreign:
        result["foreignKeys"] = foreign
    return result


def seed_resource(source: dict) -> dict:
    name = "seed-" + source["source_id"]
    return {
        "name": name,
        "title": source["title"],
        "path": source["seed_path"],
        "format": "txt",
        "mediatype": "text/plain",
        "encoding": "utf-8",
        "bytes": source["byte_size"],
        "hash": "sha256:" + source["sha256"],
        "licenses": [{"name": source.get("license") or "LicenseRef-publisher-rights",
                      "title": source["rights"]}],
    }


def new_table_resource(name: str, schema: RecordSchema, sibling: dict | None) -> dict:
    """The resource of a table the descriptor lacks: its CSV beside the other tables' files,
    title and description from its JSON Schema, the data licence of the other tables."""
    folder = "claims"
    if sibling is not None and isinstance(sibling.get("path"), str) and "/" in sibling["path"]:
        folder = sibling["path"].rsplit("/", 1)[0]
    resource = {"name": name, "type": "table", "path": f"{folder}/{name}.csv", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8", "title": schema.document.get("title", name),
                "description": schema.document.get("description", "")}
    if sibling is not None and "licenses" in sibling:
        resource["licenses"] = sibling["licenses"]
    return resource


def synced_descriptor(package: Package) -> dict:
    """The descriptor with every generated part regenerated (a table resource of every JSON
    Schema, in table order, with its Table Schema; the seed resources); hand-written metadata kept."""
    descriptor = json.loads(json.dumps(package.descriptor))
    existing = {res["name"]: res for res in table_resource_dicts(descriptor)}
    sibling = next(iter(existing.values()), None)
    tables = []
    for name in table_order(package.schemas, package.descriptor):
        res = existing.get(name) or new_table_resource(name, package.schemas[name], sibling)
        res["schema"] = table_schema(package.schemas[name])
        tables.append(res)
    seeds = [seed_resource(row.values) for row in package.rows("sources")
             if all(k in row.values for k in ("source_id", "seed_path", "byte_size", "sha256", "title", "rights"))
             and not package.seeds_withheld]
    descriptor["resources"] = tables + seeds
    return descriptor


def dumps(descriptor: dict) -> str:
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def generated_files(package: Package) -> dict[str, str]:
    """Every file derived from the JSON Schemas and sources.csv, by path, with its wanted text."""
    from .build import LOAD_SCRIPT, base_files, load_script

    from .docs_gen import rules_markdown

    files = {DESCRIPTOR: dumps(synced_descriptor(package))}
    files.update({str(path): text for path, text in base_files(package).items()})
    script = package.root / LOAD_SCRIPT
    if script.is_file():  # a package without the SQL layer has no load script to keep in step
        current = script.read_bytes().decode("utf-8", errors="replace")
        files[str(LOAD_SCRIPT)] = load_script(current, table_order(package.schemas, package.descriptor))
    files["docs/rules.md"] = rules_markdown(package.schemas)
    return files


def _differences(package: Package) -> dict[str, int]:
    """Stale generated file -> first line that differs from what it should be."""
    found = {}
    for rel, wanted in generated_files(package).items():
        path = package.root / rel
        current = path.read_bytes().decode("utf-8", errors="replace") if path.is_file() else ""
        if current != wanted:
            pairs = zip(current.split("\n"), wanted.split("\n"))
            found[rel] = next((n for n, (a, b) in enumerate(pairs, start=1) if a != b),
                              min(current.count("\n"), wanted.count("\n")) + 1)
    return found


def stale_files(package: Package) -> list[str]:
    return list(_differences(package))


def sync_problems(package: Package) -> list[Problem]:
    return [Problem(rel, line, 1, "generated-sync",
                    f"{rel} differs from what schemas/ and sources.csv generate (first at this line)",
                    "run: claims sync (never edit generated files by hand)")
            for rel, line in _differences(package).items()]


def write_generated(package: Package, txn: Transaction | None = None) -> list[str]:
    """Rewrite every stale generated file, in txn if given (else in a transaction of its own);
    return their paths."""
    stale = stale_files(package)
    wanted = generated_files(package)
    from .transaction import Transaction

    with contextlib.nullcontext(txn) if txn else Transaction(package.root) as writing:
        for rel in stale:
            writing.write(rel, wanted[rel].encode("utf-8"))
    return stale


def official_profile() -> dict:
    profile = importlib_resources.files("dplib") / "profiles" / "2.0" / "datapackage.json"
    return json.loads(profile.read_text(encoding="utf-8"))


def profile_problems(descriptor: dict, text: str = "") -> list[Problem]:
    """Check against the official Data Package v2 profile (draft-07), as shipped by dplib-py;
    with the descriptor's text, each problem is placed on the line of the value at fault."""
    validator = Draft7Validator(official_profile())
    problems = []
    for error in sorted(validator.iter_errors(descriptor), key=lambda e: list(map(str, e.path))):
        pointer = "/" + "/".join(map(str, error.path))
        line, column = jsonloc.locate(text, error.path) if text else (1, 1)
        problems.append(Problem(DESCRIPTOR, line, column, "descriptor-profile", f"at {pointer}: {error.message}",
                                "follow the Data Package v2 specification (datapackage.org)"))
    return problems


# The official profiles frictionless-py ships (it never fetches them); any other URL it would.
OFFICIAL_PROFILES = {"https://datapackage.org/profiles/2.0/datapackage.json",
                     "https://datapackage.org/profiles/2.0/dataresource.json"}
REMOTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # any scheme: https:, file:, ftp: ...


def remote_problems(descriptor: dict, text: str = "") -> list[Problem]:
    """Values that frictionless-py would fetch or read from outside the descriptor: a URL as a
    profile or resource path, a schema or dialect given by reference instead of inline.
    Validation must never open a connection, nor read a file the package does not hold."""
    found = []

    def refuse(path: list, message: str) -> None:
        line, column = jsonloc.locate(text, path) if text else (1, 1)
        found.append(Problem(DESCRIPTOR, line, column, "descriptor-remote", message, entry("descriptor-remote").hint))

    profile = descriptor.get("$schema")
    if isinstance(profile, str) and profile not in OFFICIAL_PROFILES:
        refuse(["$schema"], f"profile {profile!r} is not the official Data Package v2 profile")
    resources = descriptor.get("resources")
    for index, resource in enumerate(resources if isinstance(resources, list) else []):
        if not isinstance(resource, dict):
            continue
        for key in ("schema", "dialect"):
            if isinstance(resource.get(key), str):
                refuse(["resources", index, key], f"{key} {resource[key]!r} is a reference: give it inline")
        paths = resource.get("path")
        for offset, path in enumerate(paths if isinstance(paths, list) else [paths]):
            if isinstance(path, str) and REMOTE.match(path):
                refuse(["resources", index, "path"] + ([offset] if isinstance(paths, list) else []),
                       f"path {path!r} is a URL: data lives in the package")
        if isinstance(resource.get("$schema"), str) and resource["$schema"] not in OFFICIAL_PROFILES:
            refuse(["resources", index, "$schema"], f"profile {resource['$schema']!r} is not an official one")
    return found


def frictionless_problems(root: Path) -> list[Problem]:
    """frictionless-py's own check of the descriptor (metadata only: the tables are checked by us).
    A descriptor that refers to anything outside itself is refused instead, never handed over."""
    from frictionless import Package as FrictionlessPackage

    from .package import read_descriptor_text

    remote = remote_problems(*read_descriptor_text(root))
    if remote:
        return remote

    try:
        report = FrictionlessPackage.validate_descriptor(str(root / DESCRIPTOR))
    except Exception as exc:  # noqa: BLE001 - frictionless-py raises on some malformed descriptors
        return [_frictionless_crash(exc)]
    return [Problem(DESCRIPTOR, 1, 1, "descriptor-frictionless", f"{error.type}: {error.message}",
                    "fix the descriptor (this is frictionless-py's report)") for error in report.errors]


def _frictionless_crash(exc: Exception) -> Problem:
    return Problem(DESCRIPTOR, 1, 1, "descriptor-frictionless",
                   f"frictionless-py cannot read the descriptor ({type(exc).__name__}: {exc})",
                   "fix the descriptor; the official profile's problems, reported with it, say where")


# One error of frictionless-py's reading of the data: its task (resource) name, row number,
# field name, error type and message; plain values, so they cross a process boundary.
FrictionlessError = tuple[str, "int | None", "str | None", str, str]


def frictionless_data_errors(root: Path) -> list[FrictionlessError] | Problem:
    """frictionless-py's reading of every resource of the package, or the problem it crashed with."""
    from frictionless import validate as frictionless_validate

    from .package import read_descriptor_text

    try:
        if remote_problems(*read_descriptor_text(root)):
            return []  # reported by frictionless_problems; frictionless-py would fetch them
    except ClaimsError:
        return []  # a descriptor we cannot read is reported as such, never handed over
    try:
        report = frictionless_validate(str(root / DESCRIPTOR))
    except Exception as exc:  # noqa: BLE001 - as above: a report, never a traceback
        return _frictionless_crash(exc)
    return [(task.name, getattr(error, "row_number", None), getattr(error, "field_name", None), error.type,
             error.message) for task in report.tasks for error in task.errors]


def frictionless_data_problems(package: Package, errors: list[FrictionlessError] | Problem | None = None) -> list[Problem]:
    """frictionless-py's reading of the tables (errors: already read, else read now), as a second
    engine. Its row numbers count records across the concatenated parts of a resource (header =
    1) and it names the first part as the place: each error is mapped back to the part file and
    real line it is on. Seed resources are left out: seed-hash checks them, with the sources row
    to fix."""
    errors = frictionless_data_errors(package.root) if errors is None else errors
    if isinstance(errors, Problem):
        return [errors]
    problems = []
    for name, row_number, field_name, kind, message in errors:
        table = package.tables.get(name)
        if table is None:
            continue
        file, line, column = locate_record(table, row_number, field_name)
        problems.append(Problem(file, line, column, "frictionless-data", f"{kind}: {message}",
                                entry("frictionless-data").hint, field_name or ""))
    return problems


def locate_record(table: LoadedTable, row_number: int | None, field: str | None) -> tuple[str, int, int]:
    """File, line and column of a record numbered as in the concatenation of the parts."""
    index = (row_number or 0) - 2
    if not 0 <= index < len(table.records):
        return table.file, 1, 1
    file, record = table.records[index]
    fields = table.schema.fields
    if field in fields and fields.index(field) < len(record.cells):
        cell = record.cells[fields.index(field)]
        return file, cell.line, cell.column
    return file, record.line, 1
