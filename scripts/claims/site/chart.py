"""The range chart of a fact: one mark per claim on a shared axis.

A mark is the interval the claim allows (claim_facts.interval_low/high): a solid line between
stated bounds, a dashed line running to the edge of the axis where a side is open ("at least
12", "more than 100"), and a dot at the stated figure ("12", "about 300"), so a point claim is a
dot alone. Marks are coloured by modality and labelled with the value and the reporter chain.
The fact's low, best and high estimates (fact_estimates) are vertical rules across all marks.
Only geometry is worked out here; the template (templates/chart.svg) writes the SVG.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

WIDTH = 720
LEFT, RIGHT = 20, 700
HEADER = 48  # three staggered lines of estimate labels
ROW = 40
AXIS = 34
LEGEND = 26
LABEL_CHARS = 100
EPOCH = datetime.date(1970, 1, 1)
# Okabe-Ito colours: told apart with the common colour-vision deficiencies.
MODALITY_COLOURS = {"asserted": "#0072B2", "alleged": "#E69F00", "denied": "#D55E00", "expected": "#009E73"}
OTHER_COLOUR = "#CC79A7"
ESTIMATES = ("low", "best", "high")


@dataclass(frozen=True)
class Mark:
    claim_id: str
    modality: str
    colour: str
    label: str
    title: str
    y: float
    label_y: float
    x_low: float
    x_high: float
    low_open: bool
    high_open: bool
    figure_x: float | None


@dataclass(frozen=True)
class Rule:
    name: str
    value: float
    x: float
    label: str
    label_y: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    title: str
    description: str
    marks: list[Mark]
    rules: list[Rule]
    ticks: list[Tick]
    axis_y: float
    plot_top: float
    left: int
    right: int
    legend: list[tuple[str, str]]
    legend_y: float


def colour_of(modality: str) -> str:
    return MODALITY_COLOURS.get(modality, OTHER_COLOUR)


def _finite(value) -> bool:
    return value is not None and math.isfinite(value)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _day(value: float) -> str:
    return (EPOCH + datetime.timedelta(days=int(value))).isoformat()


def _nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    span = high - low
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1)]


def _domain(fact: dict, claims: list[dict], is_date: bool) -> tuple[float, float]:
    values = [v for c in claims for v in (c.get("interval_low"), c.get("interval_high")) if _finite(v)]
    if not is_date:
        values += [c["value_number"] for c in claims if _finite(c.get("value_number"))]
        values += [fact.get(name) for name in ESTIMATES if _finite(fact.get(name))]
        top = max(values + [0.0])
        return 0.0, (top * 1.1 if top > 0 else 1.0)
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    pad = max((high - low) * 0.05, 1.0)
    return low - pad, high + pad


def chartable(fact: dict) -> bool:
    return fact.get("value_type") in ("quantity", "date")


def range_chart(fact: dict, claims: list[dict], fact_title: str) -> Chart:
    """The chart of a quantity or date fact; claims in the order they are drawn, top to bottom."""
    is_date = fact["value_type"] == "date"
    low, high = _domain(fact, claims, is_date)
    scale = (RIGHT - LEFT) / (high - low)

    def x(value: float) -> float:
        return round(LEFT + (min(max(value, low), high) - low) * scale, 2)

    fmt = _day if is_date else _number
    marks = []
    for row, claim in enumerate(claims):
        top = HEADER + row * ROW
        interval_low, interval_high = claim.get("interval_low"), claim.get("interval_high")
        # A quantity's open lower side is 0 in claim_facts: not stated, so drawn open.
        low_open = not _finite(interval_low) or (not is_date and claim.get("value_min") is None)
        high_open = not _finite(interval_high)
        figure = claim.get("value_number") if not is_date else None
        if _finite(figure) and _finite(interval_low) and _finite(interval_high):
            figure = min(max(figure, interval_low), interval_high)  # "more than 100": 101, as fact_estimates
        elif _finite(figure) and _finite(interval_low):
            figure = max(figure, interval_low)
        voice = claim.get("voice") or "own voice"
        modality = claim.get("modality") or "asserted"
        label = f"{claim['value']} · {voice}" + ("" if modality == "asserted" else f" ({modality})")
        allowed = (f"{'…' if low_open else fmt(interval_low)} to {'…' if high_open else fmt(interval_high)}"
                   if interval_low is not None else "no interval")
        marks.append(Mark(
            claim_id=claim["claim_id"], modality=modality, colour=colour_of(modality),
            label=label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…",
            title=f"{claim['value']} ({modality}; {voice}; allows {allowed})",
            y=top + 28, label_y=top + 14,
            x_low=LEFT if low_open else x(interval_low), x_high=RIGHT if high_open else x(interval_high),
            low_open=low_open, high_open=high_open,
            figure_x=x(figure) if _finite(figure) else None))
    bottom = HEADER + len(claims) * ROW
    rules = [Rule(name, fact[name], x(fact[name]), f"{name} {fmt(fact[name])}", 12 + 15 * i)
             for i, name in enumerate(ESTIMATES) if not is_date and _finite(fact.get(name))]
    ticks = [Tick(x(value), fmt(value)) for value in _nice_ticks(low, high)]
    present = sorted({m.modality for m in marks})
    parts = "; ".join(f"{c['value']} ({c.get('voice') or 'own voice'}"
                      + ("" if (c.get("modality") or "asserted") == "asserted" else f", {c['modality']}") + ")"
                      for c in claims)
    estimates = ", ".join(f"{r.name} {fmt(r.value)}" for r in rules)
    description = (f"{len(claims)} claim(s) on one axis from {fmt(low)} to {fmt(high)}: {parts}."
                   + (f" Estimates: {estimates}." if estimates else ""))
    return Chart(width=WIDTH, height=int(bottom + AXIS + LEGEND), title=f"Range chart: {fact_title}",
                 description=description, marks=marks, rules=rules, ticks=ticks, axis_y=bottom + 6,
                 plot_top=HEADER - 6, left=LEFT, right=RIGHT,
                 legend=[(m, colour_of(m)) for m in present], legend_y=bottom + AXIS + 14)
