"""Lints: likely mistakes that are not always wrong, reported as warnings. Each is a registry
entry (rules.py) with its Python implementation, its SQL and its breaking case.

Each is one pass over its table with set or dict look-ups, so linting stays linear in the
number of rows.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterator

from . import cases, figures
from .checks import problem
from .fastpath import sqltext as sql
from .package import Package, Row
from .problems import Problem
from .quantities import QUALIFIERS
from .rules import PYTHON_ONLY, ROW, rule
from .search import fold

HEDGE = re.compile(
    r"\b(reportedly|allegedly|alleged|purportedly|supposedly|apparently|presumably|possibly|probably|"
    r"estimated|suspected|unconfirmed|rumou?red|believed to|thought to|said to be|according to some|"
    r"may have|might have|could have|not clear|unclear)\b", re.IGNORECASE)
# RE2's \b is ASCII: around these ASCII words it finds every boundary Python's Unicode \b finds (and more).
HEDGE_WORDS = "(?i)" + HEDGE.pattern
# The rubric's rule for hedged claims (C3) carries 0.6; a hedged quote above it is suspect.
HEDGED_CONFIDENCE = 0.6
NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def _hedged_quote(root: Path) -> tuple[str, int]:
    """A claim that quotes a hedge word of its document, at the rubric's highest confidence."""
    top = max(cases.records(root, "confidence_rubric"), key=lambda r: float(r["confidence"]))
    hedges = {s["source_id"]: HEDGE.search((root / s["seed_path"]).read_text(encoding="utf-8"))
              for s in cases.records(root, "sources")}

    def quotes_hedge(row, _root) -> bool:
        return hedges.get(row["source_id"]) is not None

    def span(part):
        return lambda row: str(getattr(hedges[row["source_id"]], part)())
    return cases.edit_where(root, "claims", quotes_hedge, quote=lambda row: hedges[row["source_id"]].group(0),
                            quote_start=span("start"), quote_end=span("end"), value="killed",
                            confidence_rule=top["rule_id"], confidence=top["confidence"])


@rule("lint-hedge-confidence", "lint", "a quote with a hedge word (reportedly, allegedly, estimated, ...) "
      "does not carry a confidence above the hedged rubric rule's",
      "fill hedge and use the rubric rule for hedged claims (C3) or lower, or say in note why the word "
      "does not hedge this claim",
      sql=lambda schemas: [sql.rows("claims", f"confidence > {HEDGED_CONFIDENCE} AND "
                                               f"regexp_matches(quote, {sql.literal(HEDGE_WORDS)})")],
      case=_hedged_quote, reads=("claims", "confidence_rubric"), scope=ROW)
def lint_hedge(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        match = HEDGE.search(row.get("quote", ""))
        confidence = row.get("confidence")
        if match and confidence is not None and confidence > HEDGED_CONFIDENCE:
            yield problem(package, "claims", row, "confidence", "lint-hedge-confidence",
                          f"the quote says {match.group(0)!r} but confidence is {confidence} "
                          f"(hedged claims take {HEDGED_CONFIDENCE} or less)")


@rule("lint-number-in-quote", "lint", "every number written in a claim's value is in its quote",
      "quote the words that state the figure, or correct the value",
      sql=lambda schemas: [sql.rows(
          "claims", f"list_bool_or(list_transform(regexp_extract_all(value, {sql.literal(NUMBER.pattern)}), "
                    f"lambda n: NOT contains(replace(coalesce(quote, ''), ',', ''), replace(n, ',', ''))))")],
      case=cases.edit("claims", value="987654 in all"), scope=ROW)
def lint_number(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        quote = row.get("quote", "").replace(",", "")
        missing = [n for n in NUMBER.findall(row.get("value", "")) if n.replace(",", "") not in quote]
        if missing:
            yield problem(package, "claims", row, "value", "lint-number-in-quote",
                          f"the value has {', '.join(missing)}, which the quote does not")


def _entity_users(schemas) -> list[tuple[str, str]]:
    """(table, column) of every foreign key into entities but an alias's: an alias describes it."""
    return [(name, foreign["fields"][0]) for name, schema in schemas.items() for foreign in schema.foreign_keys
            if name != "aliases" and foreign["reference"]["resource"] == "entities"]


def _orphan_sql(schemas):
    users = " UNION ALL ".join(f"SELECT {sql.ident(column)} AS entity_id FROM {sql.ident(table)}"
                               for table, column in _entity_users(schemas))
    # NOT EXISTS (an anti join) rather than NOT IN over a million ids: about half the time; it
    # also selects an entity with no id, which the Python check then passes (a superset).
    return [sql.rows("entities", f"NOT EXISTS (SELECT 1 FROM ({users}) u WHERE u.entity_id = t.entity_id)")]


@rule("lint-orphan-entity", "lint", "every entity is used by a claim, an attribution or another entity",
      "use the entity in a claim or remove it (ids are never reused: remove only unpublished ones)",
      sql=_orphan_sql, case=cases.append_to("entities", entity_id="person:nobody-at-all", entity_type="person",
                                            canonical_name="Nobody", description="An entity no row uses."),
                                            reads=("claims", "attributions", "entities"))
def lint_orphan(package: Package) -> Iterator[Problem]:
    used = set()
    for table, column in _entity_users(package.schemas):
        used.update(row.get(column) for row in package.rows(table))
    for row in package.rows("entities"):
        if row.get("entity_id") not in used:
            yield problem(package, "entities", row, "entity_id", "lint-orphan-entity",
                          f"{row.get('entity_id')} is used by no claim, attribution or entity")


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _alias_variants(connection) -> list[tuple[str, int]]:
    """Aliases are few: they are folded by the Python path's own function. Every row of a group
    with more than one spelling (the first is named in the report of the others)."""
    groups: dict[str, list[tuple[str | None, int]]] = {}
    for alias, row in connection.execute("SELECT alias, _row FROM aliases").fetchall():
        groups.setdefault(_folded(alias or ""), []).append((alias, row))
    # An empty alias is reported too (the Python check compares it with the None it reads first).
    return [("aliases", row, None) for members in groups.values()
            if len({alias for alias, _ in members}) > 1 or None in {alias for alias, _ in members}
            for _, row in members]


@rule("lint-alias-variant", "lint", "no two aliases differ only by letter case or diacritics",
      "keep the spelling each document uses; if both are real spellings, say so in note",
      sql=lambda schemas: [_alias_variants], case=cases.alias_in_capitals)
def lint_alias(package: Package) -> Iterator[Problem]:
    first: dict[str, Row] = {}
    for row in package.rows("aliases"):
        alias = row.get("alias", "")
        earlier = first.setdefault(_folded(alias), row)
        if earlier.get("alias") != alias:
            yield problem(package, "aliases", row, "alias", "lint-alias-variant",
                          f"alias {alias!r} ({row.get('entity_id')}) differs only by case or diacritics from "
                          f"{earlier.get('alias')!r} ({earlier.get('entity_id')}) on line {earlier.line}")


def figure_problem(row) -> str | None:
    """lint-figure-in-quote for one claim (a Row or a dict of typed values): the message, or None."""
    number, quote = row.get("value_number"), row.get("quote")
    # A negative count or a figure with 'unspecified' is already an error (record-minimum,
    # claim-unspecified-has-no-figure): this lint would only repeat it.
    if number is None or quote is None or number < 0 or row.get("value_qualifier") == "unspecified":
        return None
    if figures.states(quote, number):
        return None
    stated = ", ".join(sorted(f"{n.normalize():f}" for n in figures.numbers_in(quote))) or "no figure"
    return f"value_number {number:g} is not among the figures the quote states ({stated})"


def qualifier_problem(row) -> str | None:
    """lint-qualifier-in-quote for one claim: the message, or None."""
    number, quote, qualifier = row.get("value_number"), row.get("quote"), row.get("value_qualifier")
    if number is None or quote is None or qualifier in (None, "unspecified"):  # see figure_problem
        return None
    allowed = figures.qualifiers_before(quote, number)
    if not allowed or any(a is None or qualifier in a for a in allowed):
        return None
    wanted = sorted(set().union(*allowed))
    return f"value_qualifier is {qualifier}, but the quote's words before {number:g} say {' or '.join(wanted)}"


# The figure lints' SQL: the claims whose figure is a number written in digits in the quote
# pass at once (DOUBLE equals Decimal below 1e15 and 16 digits); the others, few, are judged
# by the Python function itself on the values DuckDB typed (a figure of 2**53 or more always
# goes to the wording, where the Python path's own value decides).
DIGIT_FIGURE = (r"list_contains(list_transform(regexp_extract_all(quote, '[0-9]+(?:[,.][0-9]+)*'), lambda x: "
                r"CASE WHEN length(regexp_replace(x, '[^0-9]', '', 'g')) <= 15 THEN TRY_CAST(replace(x, ',', '') "
                r"AS DOUBLE) END), value_number) AND abs(value_number) < 1e15")
# Python's \s (any Unicode space) in RE2.
SPACE = r"[\s\x{0B}\x{1C}-\x{1F}\x{85}\p{Z}]"
# Qualifying words, then spaces, then where a figure can start (a digit, a number word, "a"
# of "a dozen", a word of none): only then does the quote bound a figure (letters and spaces only).
FIGURE_START = "|".join(["[0-9]", *figures.UNITS, *figures.TENS, *figures.NONE_WORDS, "a", "dozen"])
QUALIFYING_BEFORE_FIGURE = (f"(?i)(?:{'|'.join(figures.QUALIFYING_WORDS)}){SPACE}+(?:{FIGURE_START})")


def _before_figure(words) -> str:
    return f"(?i)(?:{'|'.join(words)}){SPACE}+(?:{FIGURE_START})"


# A claim breaks the qualifier lint only where words before its figure allow other qualifiers
# than its own: per qualifier, the quotes with such words before a figure are the candidates
# (at 100,000 generated claims 756, against 4,395 with any qualifying words).
QUALIFIER_CANDIDATE = ("CASE value_qualifier " + " ".join(
    f"WHEN {sql.literal(q)} THEN regexp_matches(quote, "
    f"{sql.literal(_before_figure(w for w, allowed in figures.QUALIFYING_WORDS.items() if q not in allowed))})"
    for q in QUALIFIERS if q != "unspecified")
    + f" ELSE regexp_matches(quote, {sql.literal(QUALIFYING_BEFORE_FIGURE)}) END")


def _judged(connection, condition: str, judge) -> list[tuple[str, int, None]]:
    found = connection.execute(f"SELECT _row, quote, value_number, value_qualifier FROM claims WHERE "
                               f"value_number IS NOT NULL AND quote IS NOT NULL AND {condition}").fetchall()
    return [("claims", row, None) for row, quote, number, qualifier in found
            if abs(number) >= 2**53 or judge({"quote": quote, "value_number": number, "value_qualifier": qualifier})]


def _figure_rows(connection) -> list[tuple[str, int, None]]:
    return _judged(connection, f"value_number >= 0 AND value_qualifier IS DISTINCT FROM 'unspecified' AND NOT "
                               f"({DIGIT_FIGURE})", figure_problem)


def _qualifier_rows(connection) -> list[tuple[str, int, None]]:
    return _judged(connection, f"value_qualifier <> 'unspecified' AND {QUALIFIER_CANDIDATE}", qualifier_problem)


def _figure_not_quoted(root: Path) -> tuple[str, int]:
    """An exact figure changed (bounds with it) to one its quote does not state."""
    return cases.edit_where(root, "claims", cases.is_exact_figure, value_number="987654", value_min="987654",
                            value_max="987654")


@rule("lint-figure-in-quote", "lint", "a claim's value_number is among the figures its quote states, in "
      "digits or in words ('twenty', 'a dozen', 'no soldiers' for 0, '5.7 million')",
      "give the figure the quote states, or quote the words that state it", sql=lambda schemas: [_figure_rows],
      reads=("claims",), case=_figure_not_quoted, scope=ROW)
def lint_figure(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        message = figure_problem(row)
        if message:
            yield problem(package, "claims", row, "value_number", "lint-figure-in-quote", message)


def _says_at_least(row, root) -> bool:
    """A claim whose quote's words right before its figure allow only 'at least'."""
    if row.get("value_qualifier") != "at-least" or not row.get("value_number"):
        return False
    allowed = figures.qualifiers_before(row.get("quote", ""), float(row["value_number"]))
    return bool(allowed) and all(a is not None and "exact" not in a for a in allowed)


def _at_least_read_as_exact(root: Path) -> tuple[str, int]:
    """A figure the quote bounds with 'at least' recorded as exact (its bounds made exact too)."""
    return cases.edit_where(root, "claims", _says_at_least, value_qualifier="exact",
                            value_max=lambda row: row["value_number"])


@rule("lint-qualifier-in-quote", "lint", "where the words right before the figure in the quote bound it "
      "(at least, more than, over, up to, fewer than, about, some, nearly, ...), value_qualifier is one "
      "they allow", "use the qualifier the words state (claims vocab qualifiers); nearly and almost allow "
      "about, up-to or less-than", sql=lambda schemas: [_qualifier_rows], reads=("claims",),
      case=_at_least_read_as_exact, scope=ROW)
def lint_qualifier(package: Package) -> Iterator[Problem]:
    for row in package.rows("claims"):
        message = qualifier_problem(row)
        if message:
            yield problem(package, "claims", row, "value_qualifier", "lint-qualifier-in-quote", message)


def _name_of_another_entity(root: Path) -> tuple[str, int]:
    """The second entity renamed as the first is named."""
    taken = cases.records(root, "entities")[0]["canonical_name"]
    return cases.edit_where(root, "entities", lambda row, root: row["canonical_name"] != taken,
                            canonical_name=taken)


@rule("lint-entity-name-taken", "lint", "an entity's canonical name is not, ignoring case and accents, "
      "another entity's canonical name or alias (two entities may share an alias: 'Saidov')",
      "it is probably the same entity: use the existing one (claims entities WORDS); if they really "
      "differ, give canonical names that tell them apart", sql=PYTHON_ONLY, reads=("entities", "aliases"),
      case=_name_of_another_entity)
def lint_name_taken(package: Package) -> Iterator[Problem]:
    owners: dict[str, set[str]] = {}
    for row in package.rows("entities"):
        owners.setdefault(fold(row.get("canonical_name", "")), set()).add(row.get("entity_id"))
    for row in package.rows("aliases"):
        owners.setdefault(fold(row.get("alias", "")), set()).add(row.get("entity_id"))
    for row in package.rows("entities"):
        others = sorted(owners.get(fold(row.get("canonical_name", "")), set()) - {row.get("entity_id")})
        if others:
            yield problem(package, "entities", row, "canonical_name", "lint-entity-name-taken",
                          f"{row.get('canonical_name')!r} already names {', '.join(others)}")


# Cells that act on whoever displays them --------------------------------------------------------------

# C0 controls but tab and line feed (ESC starts terminal escapes), DEL, the C1 controls (CSI),
# and the bidirectional overrides and isolates that reorder how text reads. Two spellings of
# one class: Python's re and RE2 (DuckDB).
CONTROL_PY = "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]"
CONTROL_CHARS_RE2 = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}"
CONTROL_RE2 = f"[{CONTROL_CHARS_RE2}]"
CONTROL = re.compile(CONTROL_PY)
# A cell a spreadsheet would run as a formula when the CSV is opened: = or @ or a tab first,
# or + or - first with what makes a formula after it (a call, a sheet or DDE reference, an
# equals sign). "-3", "+12", "-year-old" or "- 12 killed" stay text. One spelling for
# Python's re and RE2 (DuckDB).
FORMULA = "^(?:[=@\\t]|[+-][\\s\\S]*[(!|=])"
FORMULA_FIRST_RE2 = "=@\\t+\\-"  # the characters a formula starts with, as an RE2 class
_FORMULA = re.compile(FORMULA)
# Cells that are verbatim copies of a seed (checked equal to it): a document's own words
# cannot be reworded, so they are left out of the formula lint (not of the control one).
VERBATIM = {("claims", "quote"), ("attributions", "evidence"), ("exclusions", "text")}


def is_formula_like(text: str) -> bool:
    return _FORMULA.match(text) is not None


def _text_fields(schema) -> list[str]:
    return [field for field in schema.fields if schema.field_type(field) == "string"]


def _string_cells(package: Package) -> Iterator[tuple[str, Row, str, str]]:
    for name, table in package.tables.items():
        fields = _text_fields(table.schema)
        for row in table.rows:
            for field in fields:
                text = row.get(field)
                if text:
                    yield name, row, field, text


def _any_cell_sql(pattern: str, skip: set[tuple[str, str]] = frozenset(), anywhere: str = "", first: str = ""):
    """One query per table: the rows with a text cell (less those in skip) that pattern finds;
    pattern finds nothing in a cell without a character of the RE2 class anywhere, nor of the
    class first at its start (the gate skips the query on a file its grammar pass finds free of them)."""
    def queries(schemas) -> Iterator[str]:
        for name, schema in schemas.items():
            fields = [f for f in _text_fields(schema) if (name, f) not in skip]
            if fields:
                yield sql.rows(name, " OR ".join(f"regexp_matches(t.{sql.ident(f)}, {sql.literal(pattern)})"
                                                 for f in fields), cells={f: (anywhere, first) for f in fields})
    return queries


@rule("lint-control-character", "lint", "no text cell holds a control character (other than tab and line "
      "feed) or a bidirectional override: they act on terminals and reorder what a reviewer reads",
      "remove the character (if the seed really has it, say so in note)",
      sql=_any_cell_sql(CONTROL_RE2, anywhere=CONTROL_CHARS_RE2),
      case=cases.edit("entities", description="Plain \x1b[31m red."), scope=ROW)
def lint_control(package: Package) -> Iterator[Problem]:
    for table, row, field, text in _string_cells(package):
        found = CONTROL.search(text)
        if found:
            yield problem(package, table, row, field, "lint-control-character",
                          f"{field} holds U+{ord(found.group()):04X} "
                          f"({unicodedata.name(found.group(), 'a control character')}) at character {found.start() + 1}")


@rule("lint-formula-cell", "lint", "no text cell starts like a spreadsheet formula (=, @ or a tab first, or + "
      "or - first with a call, a reference or an equals sign after it): opened in a spreadsheet it would run "
      "(quotes, evidence and exclusion texts are the seed's own words and left out)",
      "reword the cell so it does not start with the character (if the seed has it, say so in note)",
      sql=_any_cell_sql(FORMULA, VERBATIM, first=FORMULA_FIRST_RE2),
      case=cases.edit("entities", description="=HYPERLINK(\"x\")"), scope=ROW)
def lint_formula(package: Package) -> Iterator[Problem]:
    for table, row, field, text in _string_cells(package):
        if (table, field) not in VERBATIM and is_formula_like(text):
            yield problem(package, table, row, field, "lint-formula-cell",
                          f"{field} starts with {text[:1]!r}: a spreadsheet opening the CSV would run it as a formula")
