"""The interval and tier logic of the views against a plain Python statement of the same rules
(docs/queries.md), on hypothesis-generated claims of one fact.

The SQL decides pair by pair (claim_disagreements); the reference below decides on the whole
fact (the intersection of every affirming interval), so the two are independent statements of
the rule that must agree."""

from __future__ import annotations

import calendar
import math
import statistics
from datetime import date, timedelta

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.build import column_types, load_statements
from claims.quantities import QUALIFIERS, derive_bounds
from claims.schemas import load_schemas

from views_fixture import ROOT

MODALITIES = ("asserted", "alleged", "denied", "expected", "demanded", "intended", "promised", "proposed", "refused")
AFFIRMING, DENYING = ("asserted", "alleged"), ("denied",)
POINT_QUALIFIERS = ("exact", "about", "rounded")
EPOCH = date(1970, 1, 1)
INF = math.inf


# The reference ------------------------------------------------------------------------------------

def widened(row: dict) -> tuple[float, float]:
    """A date claim's days, widened to whole units of its precision; open sides infinite."""
    start, end, precision = row["value_date_start"], row["value_date_end"], row["value_date_precision"]
    if start is not None and precision in ("month", "year"):
        start = start.replace(day=1) if precision == "month" else start.replace(month=1, day=1)
    if end is not None and precision == "month":
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    if end is not None and precision == "year":
        end = end.replace(month=12, day=31)
    return ((start - EPOCH).days if start else -INF), ((end - EPOCH).days if end else INF)


def interval(value_type: str, row: dict) -> tuple[float, float]:
    if value_type == "date":
        return widened(row)
    low, high = row["value_min"], row["value_max"]
    return (0 if low is None else low), (INF if high is None else high)


def is_unbounded(row: dict) -> bool:
    return all(row[name] is None for name in ("value_min", "value_max", "value_date_start", "value_date_end"))


def text_key(value_type: str, row: dict) -> str:
    return row["value_entity_id"] if value_type == "entity" else " ".join(row["value"].split()).lower()


def reference_tier(value_type: str, cardinality: str, rows: list[dict]) -> tuple[str, str] | None:
    """(tier, reasons) of one fact, or None when uncontested."""
    active = [row for row in rows if row["status"] == "active"]
    affirm = [row for row in active if row["modality"] in AFFIRMING]
    deny = [row for row in active if row["modality"] in DENYING]
    single = cardinality == "single"
    incompatible, divergent = set(), set()
    if value_type in ("quantity", "date"):
        spans = [interval(value_type, row) for row in affirm]
        if single and spans and max(low for low, _ in spans) > min(high for _, high in spans):
            incompatible.add("bounds do not overlap")
        for low, high in spans:
            for d in deny:
                d_low, d_high = interval(value_type, d)
                if not is_unbounded(d) and d_low <= low and high <= d_high:
                    incompatible.add("an assertion against its denial")
        if single and value_type == "quantity" and len({r["value_number"] for r in affirm} - {None}) > 1:
            divergent.add("stated figures differ")
        bounded = [interval(value_type, row) for row in affirm if not is_unbounded(row)]
        if single and value_type == "date" and len(set(bounded)) > 1:
            divergent.add("stated dates differ")
    else:
        keys = {text_key(value_type, row) for row in affirm}
        if single and len(keys) > 1:
            incompatible.add("different values of a single-valued property")
        if keys & {text_key(value_type, row) for row in deny}:
            incompatible.add("an assertion against its denial")
    if incompatible:
        return "incompatible", "; ".join(sorted(incompatible))
    if divergent:
        return "divergent", "; ".join(sorted(divergent))
    return None


def reference_estimates(rows: list[dict]) -> tuple | None:
    """(low, best, high, conservative_min) of one quantity fact, or None with no affirming figure.
    A point claim states a figure; an open claim only a floor (at least, more than) or a ceiling
    (up to, fewer than): it moves an end, never gives a figure or the best."""
    stated = [row for row in rows if row["status"] == "active" and row["modality"] in AFFIRMING
              and row["value_number"] is not None]
    if not stated:
        return None
    points = [row["value_number"] for row in stated if row["value_qualifier"] in POINT_QUALIFIERS]
    open_rows = [row for row in stated if row["value_qualifier"] not in POINT_QUALIFIERS]
    floors = [row["value_min"] for row in open_rows if row["value_min"] is not None and row["value_max"] is None]
    ceilings = [row["value_max"] for row in open_rows if row["value_max"] is not None and row["value_min"] is None]
    lower_bounds = [row["value_min"] for row in stated if row["value_min"] is not None]
    return (min(points + floors, default=None), statistics.median(points) if points else None,
            max(points + floors + ceilings, default=None), min(lower_bounds, default=0))


# Generated claims ---------------------------------------------------------------------------------

def claim_row(modality: str, status: str, **values) -> dict:
    row = dict.fromkeys(("value_qualifier", "value_number", "value_min", "value_max", "value_entity_id",
                         "value_date_start", "value_date_end", "value_date_precision"))
    row.update(modality=modality, status=status, **values)
    return row


# Weighted towards the modalities that take part, so that contests are common.
MODALITY = st.sampled_from(("asserted",) * 4 + ("alleged", "denied", "denied") + MODALITIES[3:])
STATUS = st.sampled_from(("active", "active", "active", "deprecated"))
NUMBER = st.one_of(st.integers(0, 60), st.sampled_from((100, 150, 200, 300, 1000)))


@st.composite
def quantity_claim(draw):
    qualifier, number = draw(st.sampled_from(QUALIFIERS)), draw(NUMBER)
    if qualifier == "unspecified":
        return claim_row(draw(MODALITY), draw(STATUS), value="many", value_qualifier=qualifier)
    if qualifier == "less-than":
        number = max(number, 1)  # "fewer than 0" is no count: value_max would be below the schema's minimum 0
    low, high = derive_bounds(qualifier, number)
    return claim_row(draw(MODALITY), draw(STATUS), value=f"{qualifier} {number}", value_qualifier=qualifier,
                     value_number=number, value_min=low, value_max=high)


@st.composite
def date_claim(draw):
    # about one side in eight open; 40 days that cross two month ends and no year end
    day = st.integers(-5, 40).map(lambda n: None if n < 0 else date(2012, 6, 20) + timedelta(days=n))
    start, end = draw(day), draw(day)
    if start and end and start > end:
        start, end = end, start
    return claim_row(draw(MODALITY), draw(STATUS), value=f"{start}..{end}", value_date_start=start,
                     value_date_end=end, value_date_precision=draw(st.sampled_from(("day", "month", "year"))))


def named_claim(value_type: str):
    if value_type == "entity":
        return st.builds(lambda m, s, v: claim_row(m, s, value=v, value_entity_id=v), MODALITY, STATUS,
                         st.sampled_from(("person:a", "person:b")))
    return st.builds(lambda m, s, v: claim_row(m, s, value=v), MODALITY, STATUS,
                     st.sampled_from(("stabbed", "Stabbed ", "fell  on a rock", "fell on a rock")))


def fact(value_type: str):
    if value_type == "quantity":
        claim = quantity_claim()
    elif value_type == "date":
        claim = date_claim()
    else:
        claim = named_claim(value_type)
    return st.tuples(st.sampled_from(("single", "multi")), st.lists(claim, min_size=1, max_size=6))


# Loading them into the real views -----------------------------------------------------------------

@pytest.fixture(scope="module")
def views():
    """An in-memory database with empty base tables of the real columns, and the real macros and views."""
    connection = duckdb.connect()
    for name, schema in load_schemas(ROOT / "schemas").items():
        columns = ", ".join(f'"{column}" {kind}' for column, kind in column_types(schema).items())
        connection.execute(f"CREATE TABLE {name} ({columns})")
    for path, text in load_statements(ROOT):
        if path.parts[:2] != ("sql", "base"):
            connection.execute(text)
    yield connection
    connection.close()


def load(connection, value_type: str, facts: list[tuple[str, list[dict]]]) -> list[str]:
    """Replace every claim by facts, one property each (p0, p1, ...) of one subject; their fact keys."""
    connection.execute("DELETE FROM claims")
    connection.execute("DELETE FROM properties")
    keys = []
    for index, (cardinality, rows) in enumerate(facts):
        connection.execute("INSERT INTO properties (property_id, label, value_type, cardinality, is_scoped) "
                           "VALUES (?, 'p', ?, ?, false)", [f"p{index}", value_type, cardinality])
        keys.append(f"event:e|p{index}")
        for number, row in enumerate(rows):
            values = dict(row, claim_id=f"doc/{index:04x}{number:04x}", source_id="doc", subject_id="event:e",
                          property_id=f"p{index}")
            names = ", ".join(f'"{name}"' for name in values)
            connection.execute(f"INSERT INTO claims ({names}) VALUES ({', '.join('?' * len(values))})",
                               list(values.values()))
    return keys


def sql_tiers(connection) -> dict[str, tuple[str, str]]:
    return {key: (tier, reason) for key, tier, reason in
            connection.execute("SELECT fact_key, tier, reason FROM contested_facts").fetchall()}


# Many facts per example: a query over the views costs far more than loading a few rows.
@pytest.mark.parametrize("value_type", ["quantity", "date", "entity", "text"])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_tier_agrees_with_the_reference(views, value_type, data):
    facts = data.draw(st.lists(fact(value_type), min_size=1, max_size=10))
    keys = load(views, value_type, facts)
    expected = {key: reference_tier(value_type, cardinality, rows) for key, (cardinality, rows) in zip(keys, facts)}
    assert sql_tiers(views) == {key: tier for key, tier in expected.items() if tier is not None}


@settings(max_examples=40, deadline=None)
@given(facts=st.lists(fact("quantity"), min_size=1, max_size=10))
def test_estimates_agree_with_the_reference(views, facts):
    keys = load(views, "quantity", facts)
    got = {key: figures for key, *figures in views.execute(
        "SELECT fact_key, low, best, high, conservative_min FROM fact_estimates").fetchall()}
    expected = {}
    for key, (_, rows) in zip(keys, facts):
        if any(row["status"] == "active" for row in rows):
            figures = reference_estimates(rows)
            expected[key] = pytest.approx(list(figures)) if figures else [None] * 4
    assert got == expected


def quantity(qualifier: str, number: float, modality: str = "asserted") -> dict:
    low, high = derive_bounds(qualifier, number)
    return claim_row(modality, "active", value=f"{qualifier} {number}", value_qualifier=qualifier,
                     value_number=number, value_min=low, value_max=high)


@pytest.mark.parametrize("first, second, expected", [
    (quantity("at-least", 12), quantity("exact", 41), ("divergent", "stated figures differ")),
    (quantity("exact", 0), quantity("at-least", 12), ("incompatible", "bounds do not overlap")),
    (quantity("up-to", 100), quantity("exact", 39), ("divergent", "stated figures differ")),
    (quantity("at-least", 12), quantity("exact", 12), None),
    (quantity("about", 300), quantity("exact", 330), ("divergent", "stated figures differ")),
    (quantity("about", 300), quantity("exact", 331), ("incompatible", "bounds do not overlap")),
    (quantity("about", 300), quantity("exact", 269), ("incompatible", "bounds do not overlap")),
    (quantity("exact", 39), quantity("exact", 39, "denied"), ("incompatible", "an assertion against its denial")),
    (quantity("exact", 39), quantity("exact", 100, "denied"), None),
    (quantity("exact", 39), quantity("exact", 100, "expected"), None),
    (quantity("exact", 39), quantity("at-least", 30, "denied"), ("incompatible", "an assertion against its denial")),
])
def test_worked_examples(views, first, second, expected):
    load(views, "quantity", [("single", [first, second])])
    assert sql_tiers(views) == ({"event:e|p0": expected} if expected else {})


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def dated(start: str | None, end: str | None, precision: str, modality: str = "asserted") -> dict:
    return claim_row(modality, "active", value=f"{start}..{end}", value_date_start=day(start),
                     value_date_end=day(end), value_date_precision=precision)


@pytest.mark.parametrize("first, second, expected", [
    (dated("2012-07-24", "2012-07-25", "day"), dated("2012-07-25", "2012-07-25", "day"),
     ("divergent", "stated dates differ")),
    (dated("2012-07-24", "2012-07-25", "day"), dated("2012-07-26", None, "day"),
     ("incompatible", "bounds do not overlap")),
    # "July 2012" stored as one day still covers the whole month at its precision
    (dated("2012-07-01", "2012-07-01", "month"), dated("2012-07-24", "2012-07-25", "day"),
     ("divergent", "stated dates differ")),
    (dated("2012-07-01", "2012-07-31", "month"), dated("2012-07-01", "2012-07-31", "month"), None),
    (dated("2012-01-01", "2012-01-01", "year"), dated("2012-12-31", "2012-12-31", "day"),
     ("divergent", "stated dates differ")),
    (dated("2012-07-24", "2012-07-24", "day"), dated("2012-07-01", "2012-07-31", "month", "denied"),
     ("incompatible", "an assertion against its denial")),
    (dated("2012-07-24", "2012-07-24", "day"), dated(None, None, "day", "denied"), None),
])
def test_worked_date_examples(views, first, second, expected):
    load(views, "date", [("single", [first, second])])
    assert sql_tiers(views) == ({"event:e|p0": expected} if expected else {})


def test_about_300_spans_270_to_330():
    assert derive_bounds("about", 300) == (270, 330)
