"""Synthetic documents and rows that mirror the real package, for benchmarks and engine tests.

Everything is drawn from one random.Random, so a (size, seed) pair always gives the same
bytes. The documents reuse the four real seeds' paragraphs and add passages with the text a
real corpus has and a toy one lacks: Cyrillic, curly quotes, no-break spaces, combining marks,
characters outside the Basic Multilingual Plane, straight quotes and multi-line passages.
Every quote and every piece of attribution evidence is cut from its document at code-point
offsets, so it anchors; a quantity's figure is a number its quote states, bounds come from
quantities.derive_bounds, confidences from the rubric (at most the hedged rule's when the quote
hedges), and every synthetic entity is used, so the lints find nothing either.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field

from claims.lints import HEDGE, HEDGED_CONFIDENCE
from claims.lints import NUMBER as VALUE_NUMBER
from claims.figures import qualifiers_before
from claims.quantities import QUALIFIERS, derive_bounds

EXTRA_PASSAGES = (
    "Агентство «Азия-Плюс» сообщает, что в Хороге погибли не менее 12 военнослужащих.",
    "Вазорати корҳои дохилӣ хабар дод, ки 8 нафар боздошт шуданд.",
    "The ministry said “at least 30 militants” were killed;\u00a0officials later gave 41, reportedly.",
    "A spokesman called the figure ‘wildly exaggerated’ — about 200 people, he said.",
    'Witnesses quoted in the report said "dozens" had fled, some 1,000 according to aid groups.',
    "Cafe\u0301 owners in Khorog counted 5 wounded; the cafe\u0301 itself was shut for 3 days.",
    "Residents sent messages 🕊 and 📻 reports: more than 100 dead, up to 300 detained.",
    "Line one of a bulletin: 24 July 2012.\nLine two: 25 July 2012, curfew from 20:00.\nLine three: 2 killed.",
    "Ҳукумат эълон кард: «вазъ ором аст».\nАммо шоҳидон гуфтанд, ки 15 нафар захмӣ шуданд.",
    "Reported figures ranged from 12 to 41, while the hospital source spoke of more than 100.",
)
SIDES = ("civilians", "government", "rebels", "unknown")
MODALITIES = ("asserted",) * 12 + ("denied", "alleged", "expected", "demanded", "intended", "promised")
KINDS = ("said", "statement", "reported", "interview", "announced", "according-to", "cited", "estimated")
EXTRACTED_BY = "synthetic generator (benchmarks/generate.py)"
NOTE_TEXTS = (
    'Figure read as the "official" count, which the document, unusually, gives twice.',
    "Scope inferred from the combatant line, as the guideline says.\nSecond line of the note, on purpose.",
    "Competes with the infobox figure; both kept.",
)


NUMBER = re.compile(r"[0-9]+")
LINE = re.compile(r"[^\n]+")
FIGURE = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")  # a figure float() reads once commas go
QUOTE_MARGIN = 70  # code points a quantity's quote may reach on either side of its figure


def hex_id(index: int) -> str:
    """An 8-hex-digit id that looks random but is unique per index (a bijection of 32 bits)."""
    return f"{(index * 2654435761 + 0x9E3779B9) % 2 ** 32:08x}"


def number_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


@dataclass
class Document:
    source_id: str
    seed_name: str
    text: str
    row: dict

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")


def paragraphs(seed_texts: list[str]) -> list[str]:
    parts = [p for text in seed_texts for p in text.split("\n\n") if len(p.strip()) > 40]
    return parts + list(EXTRA_PASSAGES)


def make_document(rng: random.Random, index: int, pool: list[str]) -> Document:
    source_id = f"synthetic-{index:05d}-report"
    chosen = rng.sample(pool, k=min(len(pool), rng.randint(4, 9)))
    text = f"Synthetic report {index}\n\n" + "\n\n".join(chosen)
    data = text.encode("utf-8")
    seed_name = f"{index:05d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
    basis = rng.choice(("stated", "inferred", "unknown"))
    row = {
        "source_id": source_id, "seed_path": f"seeds/{seed_name}", "sha256": hashlib.sha256(data).hexdigest(),
        "byte_size": str(len(data)), "title": f"Synthetic report {index}, built from real and added passages",
        "publisher": rng.choice(("", "Asia-Plus", "Synthetic Wire")), "published_date_basis": basis,
        "language": rng.choice(("en", "ru", "tg")), "document_kind": rng.choice(("news-report", "news-wire", "other")),
        "rights": "Synthetic text assembled for benchmarks; quoted passages keep their publishers' rights.",
    }
    if basis != "unknown":
        day = 1 + index % 28
        row.update(published_start=f"2012-08-{day:02d}", published_end=f"2012-08-{day:02d}", published_precision="day",
                   published_date_note="Synthetic dateline, stated for the benchmark.")
    return Document(source_id, seed_name, text, row)


@dataclass
class Pools:
    """Entity ids by role: subjects of figures, agents that are cited, places. pick() hands
    out each pool in order before it draws at random, so every entity is used (no orphans)
    once enough rows ask; the generator lets only rows it will not break ask that way."""

    events: list[str]
    agents: list[str]
    places: list[str]
    rows: list[dict] = field(default_factory=list)
    handed: dict[str, int] = field(default_factory=dict)

    def pick(self, rng: random.Random, role: str, cover: bool, default: str | None = None) -> str:
        pool = getattr(self, role)
        handed = self.handed.get(role, 0)
        if cover and handed < len(pool):
            self.handed[role] = handed + 1
            return pool[handed]
        return default if default is not None else rng.choice(pool)

    def unused(self) -> list[str]:
        """Entities not handed out yet: the lint-orphan-entity warnings the package would get."""
        return [entity for role in ("events", "agents", "places")
                for entity in getattr(self, role)[self.handed.get(role, 0):]]


def make_entities(rng: random.Random, n_claims: int, existing: list[dict]) -> Pools:
    rows = []
    events = [f"event:synthetic-event-{k:05d}" for k in range(max(10, n_claims // 200))]
    places = [f"place:synthetic-place-{k:04d}" for k in range(max(5, n_claims // 2000))]
    people = [f"person:synthetic-person-{k:04d}" for k in range(max(5, n_claims // 2000))]
    orgs = [f"organisation:synthetic-org-{k:04d}" for k in range(max(5, n_claims // 2000))]
    anonymous = [f"agent:synthetic-source-{k:04d}" for k in range(max(5, n_claims // 1000))]
    for entity_id in places + people + orgs + anonymous + events:
        kind = entity_id.split(":")[0]
        row = {"entity_id": entity_id, "entity_type": kind, "canonical_name": entity_id.split(":")[1].replace("-", " "),
               "description": f"Synthetic {kind} for the benchmark package."}
        if kind == "event" and rng.random() < 0.5:
            row["part_of_id"] = rng.choice(places)
        rows.append(row)
    known = [row["entity_id"] for row in existing]
    return Pools(events + [k for k in known if k.startswith("event:")], people + orgs + anonymous,
                 places + [k for k in known if k.startswith("place:")], rows)


def span(rng: random.Random, text: str, shortest: int, longest: int, multiline: float = 0.03) -> tuple[int, int]:
    """A random non-empty stretch of text, in code points, starting and ending on a non-space.
    Most stay within one line, as real quotes do; a few cross line breaks on purpose."""
    lines = [m.span() for m in LINE.finditer(text) if m.end() - m.start() > shortest]
    if rng.random() >= multiline and lines:
        low, high = rng.choice(lines)
    else:
        low, high = 0, len(text)
    length = rng.randint(min(shortest, high - low - 1), min(longest, high - low - 1))
    start = rng.randrange(low, high - length)
    end = start + length
    while start < end - 1 and text[start].isspace():
        start += 1
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return start, end


def quantity(rng: random.Random, figure: str | None) -> dict:
    """A quantity whose figure is written in the quote (figure: a number as the text writes it)."""
    qualifier = rng.choice(QUALIFIERS)
    if qualifier == "unspecified" or figure is None:
        return {"value": "many", "value_qualifier": "unspecified"}
    number = float(figure.replace(",", ""))
    if number < 1 and qualifier in ("less-than", "rounded"):
        qualifier = "exact"  # keep the derived bounds at or above 0
    number = int(number) if number.is_integer() else number
    low, high = derive_bounds(qualifier, number)
    return {"value": f"{qualifier.replace('-', ' ')} {figure}", "value_qualifier": qualifier,
            "value_number": number_text(number), "value_min": number_text(low), "value_max": number_text(high)}


def as_quoted(row: dict) -> dict:
    """The qualifier the quote's words right before the figure state ('more than 500'), where the
    random one contradicts them (lint-qualifier-in-quote); chosen without drawing from the
    random stream, so every other row stays as it was."""
    allowed = qualifiers_before(row["quote"], float(row["value_number"]))
    qualifier = row["value_qualifier"]
    if not allowed or any(words is None or qualifier in words for words in allowed):
        return {}
    better = sorted(set().union(*allowed))[0]
    figure = row["value"][len(qualifier) + 1:]
    number = float(row["value_number"])
    low, high = derive_bounds(better, int(number) if number.is_integer() else number)
    return {"value": f"{better.replace('-', ' ')} {figure}", "value_qualifier": better,
            "value_min": number_text(low), "value_max": number_text(high)}


def figure_span(rng: random.Random, text: str, multiline: float = 0.03) -> tuple[int, int, str | None]:
    """A quote around one number of the text (every synthetic document's title has one)."""
    figures = [m for m in VALUE_NUMBER.finditer(text) if FIGURE.fullmatch(m.group())]
    if not figures:
        start, end = span(rng, text, 12, 160)
        return start, end, None
    figure = rng.choice(figures)
    floor, ceiling = 0, len(text)
    if rng.random() >= multiline:  # most quotes stay on the figure's line
        floor = text.rfind("\n", 0, figure.start()) + 1
        ceiling = text.find("\n", figure.end())
        ceiling = len(text) if ceiling < 0 else ceiling
    start = rng.randint(max(floor, figure.start() - QUOTE_MARGIN), figure.start())
    end = rng.randint(figure.end(), min(ceiling, figure.end() + QUOTE_MARGIN))
    while start < figure.start() and text[start].isspace():
        start += 1
    while end > figure.end() and text[end - 1].isspace():
        end -= 1
    return start, end, figure.group()


def value_columns(rng: random.Random, kind: str, pools: Pools, figure: str | None) -> dict:
    """The value columns of a value type. Only a quantity's value text has digits (its figure,
    which the quote holds): lint-number-in-quote finds every number of a value in its quote."""
    if kind == "quantity":
        return quantity(rng, figure)
    if kind == "date":
        day = rng.randint(1, 27)
        return {"value": "the days the document gives", "value_date_start": f"2012-07-{day:02d}",
                "value_date_end": f"2012-07-{day + 1:02d}", "value_date_precision": "day"}
    if kind == "entity":
        return {"value": "named in the text", "value_entity_id": rng.choice(pools.agents + pools.places)}
    return {"value": "as the text words it"}


def make_claim(rng: random.Random, index: int, doc: Document, properties: list[dict], rubric: dict,
               pools: Pools, topic: int, cover: bool = True) -> dict:
    """One claim. cover: the row will not be broken, so it may be the one that uses an entity."""
    prop = rng.choice(properties)
    if prop["value_type"] == "quantity":
        start, end, figure = figure_span(rng, doc.text)
    else:
        (start, end), figure = span(rng, doc.text, 12, 160), None
    rule = rng.choice(("C1", "C2", "C3", "C4"))
    # Neighbouring documents share events, so their figures compete for the same facts.
    topical = pools.events[(topic * 7 + rng.randrange(7)) % len(pools.events)]
    row = {"claim_id": f"{doc.source_id}/{hex_id(index)}", "source_id": doc.source_id,
           "subject_id": pools.pick(rng, "events", cover, topical),
           "property_id": prop["property_id"], "modality": rng.choice(MODALITIES),
           "quote": doc.text[start:end], "quote_start": str(start), "quote_end": str(end),
           "status": "active", "extracted_by": EXTRACTED_BY, "guideline_version": "1.0.0"}
    if prop["is_scoped"] == "true":
        row["scope"] = "+".join(sorted(rng.sample(SIDES, k=rng.choice((1, 1, 1, 2)))))
    row.update(value_columns(rng, prop["value_type"], pools, figure))
    if row.get("value_number"):
        row.update(as_quoted(row))
    if rng.random() < 0.3:
        row["place_id"] = pools.pick(rng, "places", cover)
    if rng.random() < 0.3:
        day = rng.randint(1, 27)
        row.update(time_start=f"2012-07-{day:02d}", time_end=f"2012-07-{day + 1:02d}", time_precision="day")
    if prop["value_type"] == "date" and rng.random() < 0.1:
        row.update(value_is_inferred="true", inference_basis="Weekday counted from the stated dateline.")
        rule = "C5"
    hedged = HEDGE.search(row["quote"])
    if rng.random() < 0.1 or hedged:
        row["hedge"] = hedged.group(0) if hedged else rng.choice(("reportedly", "according to some data", "estimated"))
    if hedged and float(rubric[rule]) > HEDGED_CONFIDENCE:
        rule = "C3"  # the rubric's rule for hedged claims
    if rng.random() < 0.01:
        row.update(status="deprecated", deprecation_reason="Superseded by a corrected reading of the quote.")
    if rng.random() < 0.2:
        row["note"] = rng.choice(NOTE_TEXTS)
    row.update(confidence=rubric[rule], confidence_rule=rule)
    return row


def make_chain(rng: random.Random, claim: dict, doc: Document, pools: Pools, covers=lambda link: True) -> list[dict]:
    """A claim's attribution chain, reporter first. covers(link): that link will not be broken."""
    length = rng.choices((1, 2, 3), weights=(70, 25, 5))[0]
    chain = []
    for position in range(1, length + 1):
        start, end = span(rng, doc.text, 8, 50)
        chain.append({"claim_id": claim["claim_id"], "position": str(position),
                      "agent_id": pools.pick(rng, "agents", covers(position - 1)),
                      "attribution_kind": rng.choice(KINDS), "evidence": doc.text[start:end],
                      "evidence_start": str(start), "evidence_end": str(end)})
    return chain


def make_exclusions(rng: random.Random, doc: Document) -> list[dict]:
    found = [m for m in NUMBER.finditer(doc.text)]
    chosen = rng.sample(found, k=min(len(found), rng.randint(0, 3)))
    return [{"source_id": doc.source_id, "text": m.group(), "start": str(m.start()), "end": str(m.end()),
             "reason": "page residue in the synthetic document"} for m in sorted(chosen, key=lambda m: m.start())]
