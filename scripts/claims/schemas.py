"""The JSON Schemas in schemas/: the single statement of per-record rules.

Everything else that enforces a record rule (the Table Schemas in datapackage.json, cell
typing here, faster engines later) is derived from these files.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from .problems import Problem

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


def _full_match_pattern(validator, pattern, instance, schema):
    """Full-match semantics, as DuckDB's regexp_full_match: 'abc\\n' does not match ^[a-z]+$."""
    if isinstance(instance, str) and re.fullmatch(pattern, instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


RecordValidator = validators.extend(Draft202012Validator, {"pattern": _full_match_pattern})

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
    schemas = {}
    for path in sorted(schema_dir.glob(f"*{SCHEMA_SUFFIX}")):
        document = json.loads(path.read_text(encoding="utf-8"))
        schemas[document["x-resource"]] = RecordSchema(document["x-resource"], path, document)
    return schemas


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
