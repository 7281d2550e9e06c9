"""A small, fixed package for the view and query tests: a copy of this repository's package
whose claims and attributions are replaced by the claims below, so that exact outputs do not
move when the real data grows. Quotes and evidence are located in the real seeds, so the
copy passes `claims validate`.

It holds three contested facts:
- the 2012 soldiers-killed fact (0, at least 12, at least 20, 12, 41, more than 100): incompatible;
- the 1998 soldiers-killed fact (39 from Zafar Saidov; up to 100 from the government press
  service via Interfax): divergent;
- who is held responsible for Abdullo Nazarov's killing: the government accuses Tolib
  Ayyombekov, who denies it: incompatible (an assertion against its denial).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claims import authoring
from claims.quantities import derive_bounds

from conftest import ROOT, copy_package  # noqa: F401  (re-exported to the view tests)

ENCYCLOPEDIA = "encyclopedia-2012-gorno-badakhshan-clashes"
REPORT_1998 = "report-1998-khodzhand-89-dead"
CLASHES_2012 = "event:gorno-badakhshan-clashes-2012"
REBELLION_1998 = "event:khujand-rebellion-1998"
NAZAROV_KILLING = "event:nazarov-killing-2012"
FACT_2012 = f"{CLASHES_2012}|killed|government"
FACT_1998 = f"{REBELLION_1998}|killed|government"
FACT_BLAME = f"{NAZAROV_KILLING}|held-responsible"
CONFIDENCE = {"C1": 0.9, "C2": 0.8, "C3": 0.6}


@dataclass(frozen=True)
class Said:
    """One claim: what is said, the quote saying it, and who says it as (agent, kind, evidence)."""

    claim_id: str
    subject_id: str
    property_id: str
    scope: str | None
    value: str
    quote: str
    qualifier: str | None = None
    number: float | None = None
    modality: str = "asserted"
    value_entity_id: str | None = None
    chain: tuple[tuple[str, str, str], ...] = ()
    rule: str = "C2"

    @property
    def source_id(self) -> str:
        return self.claim_id.split("/")[0]


STATE_TV = ("organisation:tajik-state-television", "reported", "State-owned television reported")
BBC = ("organisation:bbc-news", "reported", "BBC News reported")
BBC_HOSPITAL = ("agent:bbc-hospital-source-2012", "said", "spoke with a hospital source who reported")
AP = ("organisation:associated-press", "cited", "The Associated Press cited")
AP_SOURCE = ("agent:ap-unnamed-government-source-2012", "said", "an unnamed government source as stating")
AL_JAZEERA = ("organisation:al-jazeera", "reported", "Al Jazeera reported")
SAIDOV = ("person:zafar-saidov", "said", "the president's spokesman Zafar Saidov told journalists")
INTERFAX = ("organisation:interfax", "reported", "Interfax reported")
PRESS_SERVICE = ("organisation:tajik-government-press-service", "said", "The government press service, however, said")
GOVERNMENT = ("organisation:government-of-tajikistan", "accused", "The Tajik government accused")
AYYOMBEKOV = ("person:tolib-ayombekov", "denied", "Ayyombekov denied")

CLAIMS = (
    Said(f"{ENCYCLOPEDIA}/0000a001", CLASHES_2012, "killed", "government", "no soldiers",
         "no soldiers or civilians had been killed", "exact", 0, chain=(STATE_TV,)),
    Said(f"{ENCYCLOPEDIA}/0000a002", CLASHES_2012, "killed", "government", "at least 12 soldiers",
         "at least 12 soldiers and 30 militants had been killed", "at-least", 12, chain=(BBC,)),
    Said(f"{ENCYCLOPEDIA}/0000a003", CLASHES_2012, "killed", "government", "more than 100 military personnel",
         "more than 100 military personnel and 100 civilians dead", "more-than", 100, chain=(BBC, BBC_HOSPITAL),
         rule="C3"),
    Said(f"{ENCYCLOPEDIA}/0000a004", CLASHES_2012, "killed", "government", "at least twenty soldiers",
         "at least twenty soldiers had been killed", "at-least", 20, chain=(AP, AP_SOURCE), rule="C3"),
    Said(f"{ENCYCLOPEDIA}/0000a005", CLASHES_2012, "killed", "government", "12 dead soldiers",
         "12 dead soldiers", "exact", 12, chain=(AL_JAZEERA,)),
    Said(f"{ENCYCLOPEDIA}/0000a006", CLASHES_2012, "killed", "government", "41 killed",
         "Casualties1: 41 killed", "exact", 41, rule="C1"),
    Said(f"{ENCYCLOPEDIA}/0000b001", NAZAROV_KILLING, "held-responsible", None, "the forces of Tolib Ayyombekov",
         "accused the forces of Tolib Ayyombekov, a former opposition fighter, of responsibility",
         modality="alleged", value_entity_id="person:tolib-ayombekov", chain=(GOVERNMENT,), rule="C3"),
    Said(f"{ENCYCLOPEDIA}/0000b002", NAZAROV_KILLING, "held-responsible", None, "Ayyombekov",
         "Ayyombekov denied any responsibility for Nazarov's death", modality="denied",
         value_entity_id="person:tolib-ayombekov", chain=(AYYOMBEKOV,)),
    Said(f"{REPORT_1998}/0000c001", REBELLION_1998, "killed", "government", "39 government soldiers",
         "39 government soldiers have been killed", "exact", 39, chain=(SAIDOV,), rule="C1"),
    Said(f"{REPORT_1998}/0000c002", REBELLION_1998, "killed", "government", "up to 100 government troops",
         "up to 100 government troops have been killed", "up-to", 100, chain=(INTERFAX, PRESS_SERVICE)),
)

ENTITIES = (
    ("person:zafar-saidov", "person", "Zafar Saidov", "Spokesman of the Tajik president in 1998."),
    ("person:khairullo-saidov", "person", "Khairullo Saidov", "Chief military prosecutor of Tajikistan in 2012."),
    ("person:tolib-ayombekov", "person", "Tolib Ayombekov", "Former opposition commander in Khorog."),
    ("organisation:interfax", "organisation", "Interfax", "Russian news agency."),
    ("organisation:tajik-government-press-service", "organisation", "Tajik government press service",
     "Press service of the Tajik government."),
    (NAZAROV_KILLING, "event", "Killing of Abdullo Nazarov", "Killing of General Abdullo Nazarov on 21 July 2012."),
)

ENTITIES_ROWS = [dict(zip(("entity_id", "entity_type", "canonical_name", "description"), row)) for row in ENTITIES]

ALIASES = (
    ("person:zafar-saidov", "Zafar Saidov", "canonical", REPORT_1998),
    ("person:zafar-saidov", "Saidov", "short-form", REPORT_1998),
    ("person:khairullo-saidov", "Khairullo Saidov", "canonical", ENCYCLOPEDIA),
    ("person:khairullo-saidov", "Saidov", "short-form", ENCYCLOPEDIA),
    ("person:tolib-ayombekov", "Tolib Ayyombekov", "transliteration", ENCYCLOPEDIA),
    ("person:tolib-ayombekov", "Ayyombekov", "short-form", ENCYCLOPEDIA),
)


# Reviews: a001 confirmed; a002 disputed; a003 confirmed, then disputed the next day (the latest
# verdict counts); c001 confirmed. The other claims are unreviewed.
REVIEWS = (
    (f"{ENCYCLOPEDIA}/0000a001", "reviewer one", "2026-01-01", "confirmed", "walk-through", None),
    (f"{ENCYCLOPEDIA}/0000a002", "reviewer one", "2026-01-01", "disputed", "walk-through", "reads 'at least' otherwise"),
    (f"{ENCYCLOPEDIA}/0000a003", "reviewer one", "2026-01-01", "confirmed", "second-reading", None),
    (f"{ENCYCLOPEDIA}/0000a003", "reviewer two", "2026-01-02", "disputed", "walk-through", "a different span"),
    (f"{REPORT_1998}/0000c001", "reviewer two", "2026-01-02", "confirmed", "walk-through", None),
)
REVIEW_ROWS = [{k: v for k, v in zip(("claim_id", "reviewer", "reviewed_on", "verdict", "method", "note"), row) if v}
               for row in REVIEWS]


def _seed_texts(root: Path) -> dict[str, str]:
    return {row["source_id"]: (root / row["seed_path"]).read_text(encoding="utf-8")
            for row in authoring.read_rows(root, "sources")}


def claim_rows(root: Path, claims=CLAIMS) -> tuple[list[dict], list[dict]]:
    """The claims and attributions rows of claims, with quotes and evidence located in the seeds."""
    texts = _seed_texts(root)
    claim_table, attribution_table = [], []
    for said in claims:
        text = texts[said.source_id]
        quote = authoring.locate(text, said.quote)
        low, high = derive_bounds(said.qualifier, said.number)
        claim_table.append({
            "claim_id": said.claim_id, "source_id": said.source_id, "subject_id": said.subject_id,
            "property_id": said.property_id, "scope": said.scope, "modality": said.modality, "value": said.value,
            "value_qualifier": said.qualifier, "value_number": said.number, "value_min": low, "value_max": high,
            "value_entity_id": said.value_entity_id, "quote": quote.text, "quote_start": quote.start,
            "quote_end": quote.end, "confidence": CONFIDENCE[said.rule], "confidence_rule": said.rule,
            "status": "active", "extracted_by": "test fixture", "guideline_version": "1.0.0"})
        for position, (agent_id, kind, evidence) in enumerate(said.chain, start=1):
            found = authoring.locate(text, evidence)
            attribution_table.append({
                "claim_id": said.claim_id, "position": position, "agent_id": agent_id, "attribution_kind": kind,
                "evidence": found.text, "evidence_start": found.start, "evidence_end": found.end})
    return claim_table, attribution_table


def _replace_entities(existing: list[dict], rows: list[dict]) -> list[dict]:
    """existing without any row of a fixture entity, then rows: the fixture's entities and
    their aliases are exactly its own, whatever the real data says about them."""
    ours = {row["entity_id"] for row in ENTITIES_ROWS}
    return [row for row in existing if row["entity_id"] not in ours] + rows


def make_package(target: Path, claims=CLAIMS) -> Path:
    """A valid package in target holding exactly claims (and the entities they need)."""
    root = copy_package(target)
    claim_table, attribution_table = claim_rows(root, claims)
    authoring.write_table(root, "claims", claim_table)
    authoring.write_table(root, "attributions", attribution_table)
    authoring.write_table(root, "reviews", REVIEW_ROWS if claims is CLAIMS else [])
    aliases = [dict(zip(("entity_id", "alias", "alias_kind", "source_id"), row)) for row in ALIASES]
    authoring.write_table(root, "entities", _replace_entities(authoring.read_rows(root, "entities"), ENTITIES_ROWS))
    authoring.write_table(root, "aliases", _replace_entities(authoring.read_rows(root, "aliases"), aliases))
    return root

# Roll-up claims (not in CLAIMS: add them with make_package(target, CLAIMS + ROLLUP_CLAIMS)).
# The 1998 total of 89 "government soldiers and rebel troops" beside its parts (39 soldiers and
# up to 100 troops above; 50 attackers here): consistent. And a total its parts contradict, made
# on purpose by a wrong reading: the headline's "13 dead" (the Saturday police operation) set as
# the total of the Friday attacks, whose parts say 8 policemen and 9 attackers: inconsistent.
REPORT_2015 = "report-2015-tajikistan-13-dead"
FRIDAY_ATTACKS = "event:nazarzoda-friday-attacks-2015"
FACT_TOTAL_1998 = f"{REBELLION_1998}|killed|government+rebels"
FACT_FRIDAY_TOTAL = f"{FRIDAY_ATTACKS}|killed|government+rebels"
FRIDAY_SENTENCE = ("eight policemen and nine attackers were killed in two attacks, one against the Defense Ministry "
                   "in Dushanbe, the capital")

ROLLUP_CLAIMS = (
    Said(f"{REPORT_1998}/0000d001", REBELLION_1998, "killed", "government+rebels",
         "A total of 89 Tajik government soldiers and rebel troops",
         "A total of 89 Tajik government soldiers and rebel troops", "exact", 89, rule="C1"),
    Said(f"{REPORT_1998}/0000d002", REBELLION_1998, "killed", "rebels", "50 attackers",
         "50 attackers have been killed", "exact", 50, chain=(SAIDOV,), rule="C1"),
    Said(f"{REPORT_2015}/0000e001", FRIDAY_ATTACKS, "killed", "government", "eight policemen", FRIDAY_SENTENCE,
         "exact", 8, rule="C1"),
    Said(f"{REPORT_2015}/0000e002", FRIDAY_ATTACKS, "killed", "rebels", "nine attackers", FRIDAY_SENTENCE,
         "exact", 9, rule="C1"),
    Said(f"{REPORT_2015}/0000e003", FRIDAY_ATTACKS, "killed", "government+rebels", "13 dead",
         "13 dead in a vast police operation", "exact", 13, rule="C1"),
)
