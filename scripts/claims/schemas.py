"""The JSON Schemas in schemas/: the single statement of per-record rules.

Everything else that enforces a record rule (the Table Schemas in datapackage.json, cell
typing here, faster engines later) is derived from these files.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import re2
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import SchemaError, ValidationError

from . import jsonloc, safeio
from .problems import Problem
from .safeio import LocatedError

SCHEMA_SUFFIX = ".schema.json"
# Rule ids for errors of plain JSON Schema keywords; conditional rules carry their own x-rule.
KEYWORD_HINTS = {
    "required": "fill in this column",
    "pattern": "make the value match the pattern {expected}",
    "enum": "use one of: {expected}",
    "const": "use {expected}",
    "minimum": "use a value of at least {expected}",
    "maximum": "use a value of at most {expected}",
    "minLength": "the value must not be empty",
    "maxLength": "shorten the value to at most {expected} characters",
    "type": "use a value of type {expected}",
    "format": "use the format {expected} (YYYY-MM-DD for dates)",
}


def _re2_options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # a bad pattern is reported by us, located, not logged by RE2 on stderr
    return options


RE2_OPTIONS = _re2_options()


@functools.lru_cache(maxsize=256)
def compiled_pattern(pattern: str):
    """A schema's pattern in RE2, the engine DuckDB uses: matching takes time linear in the
    text whatever the pattern (Python's re backtracks: ^(a+)+$ takes minutes on 41 characters)."""
    return re2.compile(pattern, RE2_OPTIONS)


def pattern_error(exc: re2.error) -> str:
    reason = exc.args[0] if exc.args else exc
    return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)


def _full_match_pattern(validator, pattern, instance, schema):
    """Full-match semantics, as DuckDB's regexp_full_match: 'abc\\n' does not match ^[a-z]+$."""
    if isinstance(instance, str) and compiled_pattern(pattern).fullmatch(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


RecordValidator = validators.extend(Draft202012Validator, {"pattern": _full_match_pattern})

# What a schema file of the package must look like before the toolkit relies on it.
SCHEMA_FILE_SHAPE = {
    "type": "object",
    "required": ["x-resource", "properties", "x-primaryKey"],
    "properties": {
        "x-resource": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "properties": {"type": "object", "minProperties": 1, "additionalProperties": {
            "type": "object", "required": ["type", "description"],
            "properties": {"type": {"enum": ["string", "integer", "number", "boolean"]},
                           "description": {"type": "string"}}}},
        "required": {"type": "array", "items": {"type": "string"}},
        "x-primaryKey": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "x-uniqueKeys": {"type": "array", "items": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
        "x-foreignKeys": {"type": "array", "items": {
            "type": "object", "required": ["fields", "reference"],
            "properties": {"fields": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                           "reference": {"type": "object", "required": ["resource", "fields"],
                                         "properties": {"resource": {"type": "string"},
                                                        "fields": {"type": "array", "items": {"type": "string"}}}}}}},
        "allOf": {"type": "array", "items": {"type": "object", "required": ["x-rule", "x-message", "x-hint"]}},
    },
}
# A $ref is followed within its own file only, and the schema it expands to stays this small
# (the package's schemas have no $ref; a chain of refs each used twice doubles per level).
MAX_SCHEMA_NODES = 20_000

# How a cell's text must look to be typed; the fast path compiles the same expressions to SQL.
INTEGER_TEXT = r"-?[0-9]+"
NUMBER_TEXT = r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?"
BOOLEAN_TEXTS = ("true", "false")


@dataclass(frozen=True)
class RecordSchema:
    """One resource's JSON Schema with what the toolkit derives from it."""

    name: str
    path: Path
    document: dict

    @property
    def fields(self) -> list[str]:
        return list(self.document["properties"])

    @property
    def required(self) -> set[str]:
        return set(self.document.get("required", []))

    @property
    def primary_key(self) -> list[str]:
        return self.document["x-primaryKey"]

    @property
    def unique_keys(self) -> list[list[str]]:
        return self.document.get("x-uniqueKeys", [])

    @property
    def foreign_keys(self) -> list[dict]:
        return self.document.get("x-foreignKeys", [])

    def field_type(self, field: str) -> str:
        return self.document["properties"][field]["type"]

    @cached_property
    def validator(self) -> Draft202012Validator:
        return RecordValidator(self.document, format_checker=Draft202012Validator.FORMAT_CHECKER)

    def to_json_value(self, field: str, text: str):
        """Turn one CSV cell into its JSON value, or raise ValueError with the reason."""
        kind = self.field_type(field)
        if kind == "string":
            return text
        if kind == "integer":
            if re.fullmatch(INTEGER_TEXT, text) is None:
                raise ValueError(f"{text!r} is not a whole number")
            return int(text)
        if kind == "number":
            if re.fullmatch(NUMBER_TEXT, text) is None:
                raise ValueError(f"{text!r} is not a number")
            value = float(text)
            if not math.isfinite(value):
                raise ValueError(f"{text!r} is not a finite number")
            return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value
        if kind == "boolean":
            if text not in BOOLEAN_TEXTS:
                raise ValueError(f"{text!r} is not true or false")
            return text == "true"
        raise ValueError(f"unsupported type {kind}")


def load_schemas(schema_dir: Path) -> dict[str, RecordSchema]:
    """Every schemas/*.schema.json, checked before use: LocatedError (file, line, column) when
    one is a link, too large, not JSON, not of the shape the toolkit needs, or unsafe to run."""
    root = schema_dir.parent
    schemas = {}
    if schema_dir.is_symlink():
        raise LocatedError(Problem(schema_dir.name, 1, 1, "file-symlink", f"{schema_dir.name}/ is a symbolic link",
                                   "commit the folder itself, not a link to it"))
    for path in sorted(schema_dir.glob(f"*{SCHEMA_SUFFIX}")):
        rel = f"{schema_dir.name}/{path.name}"
        document, text = safeio.read_json(root, rel, "schema-file")
        _check_schema_file(document, text, rel)
        name = document["x-resource"]
        if name in schemas:
            raise LocatedError(_schema_problem(rel, text, ["x-resource"], f"resource {name} has two schemas "
                                               f"({schemas[name].path.name} and {path.name})"))
        schemas[name] = RecordSchema(name, path, document)
    return schemas


def _schema_problem(rel: str, text: str, where, message: str) -> Problem:
    return Problem(rel, *jsonloc.locate(text, list(where)), "schema-file", message,
                   "fix the schema file (docs/model.md describes what each one holds)")


def _check_schema_file(document, text: str, rel: str) -> None:
    shape = Draft202012Validator(SCHEMA_FILE_SHAPE)
    for error in shape.iter_errors(document):
        raise LocatedError(_schema_problem(rel, text, error.absolute_path, f"at /{'/'.join(map(str, error.absolute_path))}: "
                                           f"{error.message}"))
    fields = document["properties"]
    for group, names in [("x-primaryKey", document["x-primaryKey"]), ("required", document.get("required", []))]:
        unknown = [name for name in names if name not in fields]
        if unknown:
            raise LocatedError(_schema_problem(rel, text, [group], f"{group} names {', '.join(unknown)}, not a property"))
    try:
        Draft202012Validator.check_schema(document)
    except SchemaError as exc:
        raise LocatedError(_schema_problem(rel, text, exc.absolute_path, f"not a valid JSON Schema: {exc.message}")) from exc
    _check_expansion(document, text, rel)


def _check_expansion(document: dict, text: str, rel: str) -> None:
    """Refs stay in the file and the expanded schema stays small; every pattern runs in RE2."""
    sizes: dict[str, int] = {}
    expanding: set[str] = set()

    def size(node, path: tuple) -> int:
        if isinstance(node, list):
            return 1 + sum(size(item, path + (index,)) for index, item in enumerate(node))
        if not isinstance(node, dict):
            return 1
        total = 1
        for key, value in node.items():
            if key == "$ref":
                total += referenced(value, path + (key,))
            elif key == "pattern" and isinstance(value, str):
                try:
                    compiled_pattern(value)
                except re2.error as exc:
                    raise LocatedError(_schema_problem(rel, text, path + (key,), f"pattern {value!r} is not a "
                                                       f"regular expression RE2 (and DuckDB) accept: {pattern_error(exc)}")) from exc
            elif key not in ("const", "enum", "default", "examples"):  # data, not subschemas
                total += size(value, path + (key,))
            if total > MAX_SCHEMA_NODES:
                raise LocatedError(_schema_problem(rel, text, path, f"the schema expands to more than "
                                                   f"{MAX_SCHEMA_NODES:,} parts through $ref"))
        return total

    def referenced(ref, path: tuple) -> int:
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise LocatedError(_schema_problem(rel, text, path, f"$ref {ref!r} leads outside this file (refused: "
                                               "validation never reads another file or the network)"))
        if ref not in sizes:
            if ref in expanding:
                raise LocatedError(_schema_problem(rel, text, path, f"$ref {ref!r} refers to itself"))
            target = _pointer(document, ref)
            if target is None:
                raise LocatedError(_schema_problem(rel, text, path, f"$ref {ref!r} points at nothing"))
            expanding.add(ref)
            sizes[ref] = size(target, tuple(ref[2:].split("/")) if len(ref) > 1 else ())
            expanding.discard(ref)
        return sizes[ref]

    size(document, ())


def _pointer(document, ref: str):
    node = document
    for token in ref[1:].split("/")[1:] if ref != "#" else []:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def _conditional_rule(schema: RecordSchema, error: ValidationError) -> dict | None:
    """The allOf branch (with its x-rule and x-hint) an error came from, if any."""
    path = list(error.absolute_schema_path)
    if len(path) >= 2 and path[0] == "allOf":
        return schema.document["allOf"][path[1]]
    return None


def record_problems(schema: RecordSchema, record: dict, cells: dict, file: str, line: int) -> list[Problem]:
    """Validate one typed record; locate each error at the cell it concerns."""
    problems = []
    for error in schema.validator.iter_errors(record):
        field = str(error.path[0]) if error.path else ""
        if error.validator == "required":
            missing = [name for name in error.validator_value if name not in record]
            field = missing[0] if missing else field
        branch = _conditional_rule(schema, error)
        if branch is not None:
            rule = branch["x-rule"]
            message = branch["x-message"]
            hint = branch["x-hint"]
            if error.validator == "required" and field:
                message = f"{message} ({field} is missing)"
        else:
            rule = f"record-{error.validator.lower()}"
            expected = error.validator_value
            if isinstance(expected, list):
                expected = ", ".join(map(str, expected))
            hint = KEYWORD_HINTS.get(error.validator, "").format(expected=expected)
            message = f"{field}: {error.message}" if field else error.message
            words = error.schema.get("x-patternHint") if error.validator == "pattern" else None
            if words:  # the pattern in words, where the schema gives them
                message, hint = f"{field}: {error.instance!r} is not {words}", f"write {words}"
        cell = cells.get(field)
        column = cell.column if cell is not None else 1
        problems.append(Problem(file, line, column, rule, message, hint, field))
    return problems
