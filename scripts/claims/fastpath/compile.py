"""The JSON Schemas compiled to SQL: the record rules stated once, in schemas/, checked set-based.

Each cell arrives as text (NULL when empty, as the Python path leaves empty cells out of the
record). A table's columns are typed the way schemas.RecordSchema.to_json_value types them
(the same regular expressions), and every keyword of a property and every if/then/else of
allOf becomes one SQL boolean that is true where the Python path's python-jsonschema reports
an error. A keyword this compiler does not know raises NotImplementedError, so a schema that
grows a construct the fast path cannot state fails the test suite instead of passing rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..schemas import BOOLEAN_TEXTS, INTEGER_TEXT, NUMBER_TEXT, RecordSchema

# Keywords that say nothing about a CSV record once its cells are typed: the header check
# guarantees the properties, and typing guarantees the JSON types.
PASSIVE = {"type", "description", "title", "$schema", "$id", "additionalProperties", "properties", "required",
           "allOf"}
DATE_TEXT = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
BOUNDS = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
LENGTHS = {"minLength": ">=", "maxLength": "<="}  # length() counts code points, as len() does
BIGINT_LIMIT = "9223372036854775807"


def literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise NotImplementedError(f"no SQL literal for {value!r}")


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def raw(name: str) -> str:
    """The column holding a cell's text."""
    return ident("r_" + name)


def flag_list(tests: list[tuple[int, str]]) -> str:
    """SQL for the list of the numbers of the (number, test) pairs whose test holds. Most rows
    pass every test, so the list is only built where one of them holds (OR stops at the first)."""
    if not tests:
        return "[]::INTEGER[]"
    numbered = ", ".join(f"CASE WHEN {test} THEN {number} END" for number, test in tests)
    return (f"CASE WHEN {' OR '.join(f'({test})' for _, test in tests)} "
            f"THEN list_filter([{numbered}], lambda x: x IS NOT NULL) ELSE []::INTEGER[] END")


@dataclass(frozen=True)
class Check:
    """One SQL test of a table's rows. `fails` is true on a row the Python path reports."""

    rule: str
    field: str
    keyword: str
    fails: str
    detail: object = None


@dataclass
class TableSql:
    """A table's typing and record checks as SQL over columns r_<field> (text)."""

    schema: RecordSchema
    checks: list[Check] = field(default_factory=list)

    def __post_init__(self):
        for name in self.schema.fields:
            if self.is_typed(name):
                # A loaded row typed every cell: the test is only needed where loading failed.
                self.checks.append(Check("cell-type", name, "cell-type",
                                         f"NOT loaded AND {raw(name)} IS NOT NULL AND NOT ({self.type_ok(name)})"))
        for name in self.schema.document.get("required", []):
            self.checks.append(Check("record-required", name, "required", f"loaded AND {ident(name)} IS NULL"))
        for name, spec in self.schema.document["properties"].items():
            for keyword, value in spec.items():
                if keyword in PASSIVE or keyword.startswith("x-"):
                    continue
                ok = self.keyword_ok(keyword, value, name)
                self.checks.append(Check(f"record-{keyword.lower()}", name, keyword,
                                         f"loaded AND {ident(name)} IS NOT NULL AND NOT ({ok})", value))
        for branch in self.schema.document.get("allOf", []):
            self.checks.extend(self.conditional(branch))

    # Typing -----------------------------------------------------------------------------------

    def kind(self, name: str) -> str:
        return self.schema.field_type(name)

    def is_typed(self, name: str) -> bool:
        """Whether a cell's text must parse (strings, dates included, are taken as they are)."""
        return self.kind(name) in ("integer", "number", "boolean")

    def type_ok(self, name: str) -> str:
        text, kind = raw(name), self.kind(name)
        if kind == "boolean":
            return f"{text} IN ({', '.join(map(literal, BOOLEAN_TEXTS))})"
        pattern = INTEGER_TEXT if kind == "integer" else NUMBER_TEXT
        ok = f"regexp_full_match({text}, {literal(pattern)})"
        return ok if kind == "integer" else f"{ok} AND isfinite(TRY_CAST({text} AS DOUBLE))"

    def typed(self, name: str) -> str:
        """The typed value: strings stay text, integers BIGINT (clamped beyond its range: offsets,
        keys and positions that large only matter by their sign), numbers DOUBLE, booleans BOOLEAN."""
        text, kind = raw(name), self.kind(name)
        if kind == "string":
            return text
        if kind == "integer":
            return (f"coalesce(TRY_CAST({text} AS BIGINT), CASE WHEN starts_with({text}, '-') "
                    f"THEN -{BIGINT_LIMIT} ELSE {BIGINT_LIMIT} END)")
        if kind == "number":
            return f"TRY_CAST({text} AS DOUBLE)"
        if kind == "boolean":
            return f"({text} = 'true')"
        raise NotImplementedError(f"type {kind} of {self.schema.name}.{name}")

    def loaded(self) -> str:
        tests = [f"({raw(n)} IS NULL OR ({self.type_ok(n)}))" for n in self.schema.fields if self.is_typed(n)]
        return " AND ".join(tests) or "true"

    def checked_sql(self, source: str, gate: str = "true", deferred: frozenset[int] = frozenset(),
                    typed: bool = False) -> str:
        """The rows of source (a relation with columns r_<field>, and any others) typed, with
        `loaded` and `rh`: the indices in self.checks of the checks each row fails. A row for
        which gate is false (a row of the wrong width) is neither typed nor checked. Deferred
        checks are left to the caller (engine.py tests some patterns through a join). typed:
        source has the typed columns (typed_columns) already."""
        tests = [(i, f"{gate} AND {c.fails}") for i, c in enumerate(self.checks) if i not in deferred]
        columns = "" if typed else f"{', '.join(self.typed_columns())}, "
        return (f"SELECT *, {flag_list(tests)} AS rh FROM "
                f"(SELECT *, {columns}{gate} AND {self.loaded()} AS loaded FROM {source})")

    def typed_columns(self, only: set[str] | None = None) -> list[str]:
        """Every column typed (only: those named)."""
        # Only an integer needs the guard: its clamp would turn an empty cell into a number.
        return [f"CASE WHEN {raw(n)} IS NULL THEN NULL ELSE {self.typed(n)} END AS {ident(n)}"
                if self.kind(n) == "integer" else f"{self.typed(n)} AS {ident(n)}" for n in self.schema.fields
                if only is None or n in only]

    def reduced(self, failing: tuple[int, ...]) -> RecordSchema:
        """The schema cut down to what the checks numbered failing test: the properties they
        name (whole, with their x-patternHint), the required columns found missing, and the
        allOf branches that fail (the others left empty, so each keeps its index, by which its
        x-rule is found). python-jsonschema reports on it exactly what it reports on the whole
        schema for a row that passes every other check, in a fraction of the time."""
        document, chosen = self.schema.document, [self.checks[i] for i in failing]
        fields = {c.field for c in chosen if c.keyword not in ("cell-type", "required", "then", "else")}
        missing = {c.field for c in chosen if c.keyword == "required"}
        branches = [id(c.detail) for c in chosen if c.keyword in ("then", "else")]
        cut = {"type": "object", "properties": {name: document["properties"][name] for name in fields}}
        if missing:
            cut["required"] = [name for name in document.get("required", []) if name in missing]
        if branches:
            cut["allOf"] = [branch if id(branch) in branches else {} for branch in document["allOf"]]
        return RecordSchema(self.schema.name, self.schema.path, cut)

    def check_index(self, field: str, keyword: str) -> int | None:
        return next((i for i, c in enumerate(self.checks) if c.field == field and c.keyword == keyword), None)

    # Keywords ---------------------------------------------------------------------------------

    def keyword_ok(self, keyword: str, value, name: str) -> str:
        """SQL that is true when the (non-NULL) typed value of a column satisfies one keyword."""
        v = ident(name)
        number = v if self.kind(name) in ("integer", "number") else f"TRY_CAST({raw(name)} AS DOUBLE)"
        if keyword == "pattern":
            return f"regexp_full_match({v}, {literal(value)})"
        if keyword == "enum":
            return f"{v} IN ({', '.join(map(literal, value))})"
        if keyword == "const":
            return f"{v} = {literal(value)}"
        if keyword in BOUNDS:
            return f"{number} {BOUNDS[keyword]} {literal(value)}"
        if keyword in LENGTHS:
            return f"length({v}) {LENGTHS[keyword]} {int(value)}"
        if keyword == "format" and value == "date":
            # jsonschema: ASCII YYYY-MM-DD and datetime.date.fromisoformat; DuckDB also takes year 0.
            return (f"regexp_full_match({v}, '{DATE_TEXT}') AND TRY_CAST({v} AS DATE) IS NOT NULL "
                    f"AND NOT starts_with({v}, '0000')")
        if keyword == "not":
            return f"NOT ({self.value_ok(value, name)})"
        raise NotImplementedError(f"keyword {keyword} ({self.schema.name}.{name})")

    def value_ok(self, subschema: dict, name: str) -> str:
        tests = [self.keyword_ok(k, v, name) for k, v in subschema.items() if not k.startswith("x-")]
        return " AND ".join(f"({t})" for t in tests) or "true"

    def valid(self, subschema: dict) -> str:
        """SQL that is true when a whole record satisfies a subschema (as jsonschema decides)."""
        tests = []
        for keyword, value in subschema.items():
            if keyword.startswith("x-") or keyword == "description":
                continue
            if keyword == "required":
                tests += [f"{ident(n)} IS NOT NULL" for n in value]
            elif keyword == "properties":
                tests += [f"({ident(n)} IS NULL OR ({self.value_ok(sub, n)}))" for n, sub in value.items()]
            elif keyword == "anyOf":
                tests.append(" OR ".join(f"({self.valid(s)})" for s in value))
            elif keyword == "allOf":
                tests += [self.valid(s) for s in value]
            elif keyword == "oneOf":
                tests.append(" + ".join(f"CASE WHEN {self.valid(s)} THEN 1 ELSE 0 END" for s in value) + " = 1")
            elif keyword == "not":
                tests.append(f"NOT ({self.valid(value)})")
            elif keyword in ("if", "then", "else"):
                continue
            else:
                raise NotImplementedError(f"keyword {keyword} in a subschema of {self.schema.name}")
        if "if" in subschema:
            condition = self.valid(subschema["if"])
            tests.append(f"(NOT ({condition}) OR ({self.valid(subschema.get('then', {}))}))")
            tests.append(f"(({condition}) OR ({self.valid(subschema.get('else', {}))}))")
        return " AND ".join(f"({t})" for t in tests) or "true"

    def conditional(self, branch: dict) -> list[Check]:
        """An allOf branch with if/then/else: one check per side that can fail. The Python path
        reports the branch's x-rule; a side is one `required` or one `not`, which decides where
        the problem is located (the first missing column, or the row)."""
        if "if" not in branch or "x-rule" not in branch:
            raise NotImplementedError(f"allOf branch without if or x-rule in {self.schema.name}")
        condition = self.valid(branch["if"])
        checks = []
        for side, holds in (("then", condition), ("else", f"NOT ({condition})")):
            if side not in branch:
                continue
            if set(branch[side]) - {"required", "not"} or len(branch[side]) != 1:
                raise NotImplementedError(f"{side} of {branch['x-rule']}: one required or one not is supported")
            checks.append(Check(branch["x-rule"], "", side,
                                f"loaded AND ({holds}) AND NOT ({self.valid(branch[side])})", branch))
        return checks

