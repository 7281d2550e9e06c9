"""Write reading.csv: the independent second reading of the four seeds (issue 21).

Every row below was read from the seed texts and docs/model.md alone. This script only
finds each quote in its seed (code-point offsets, end exclusive), derives quantity bounds
by the guideline's table, and writes the CSV; it never looks at claims/claims.csv.

Run from the repository root:  python extraction/second-reading/make_reading.py
"""

from __future__ import annotations

import csv
import math
from fractions import Fraction
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "reading.csv"

S2012A = "seeds/000_02e6608481056cca.txt"
S2012B = "seeds/001_89907d2348d58a55.txt"
S2015 = "seeds/002_36a186174aa90624.txt"
S1998 = "seeds/003_e1dcb4253e9708da.txt"

COLUMNS = [
    "reading_id", "document", "quote", "quote_start", "quote_end", "subject_id", "property_id",
    "scope", "modality", "value", "value_qualifier", "value_number", "value_min", "value_max",
    "value_entity_id", "value_date_start", "value_date_end", "value_date_precision",
    "value_is_inferred", "attribution_chain", "hedge", "confidence_rule", "note",
]

ROWS: list[dict] = []
_doc = ""

# event / entity shorthands (ids from claims/entities.csv, the vocabulary)
CL12 = "event:gorno-badakhshan-clashes-2012"
NEG12 = "event:khorog-negotiations-2012"
KNAZ = "event:killing-of-abdullo-nazarov-2012"
KIMO = "event:killing-of-imomnazar-imomnazarov-2012"
GBAO = "organisation:gbao-armed-groups-2012"
GOVTJ = "organisation:government-of-tajikistan"
GOVF = "organisation:tajik-government-forces"
AYO = "person:tolib-ayombekov"
RAH = "person:emomali-rahmon"
FRI15 = "event:nazarzoda-friday-attacks-2015"
OP15 = "event:nazarzoda-police-operation-2015"
ATT15 = "event:nazarzoda-attacks-2015"
NAZ = "person:abdukhalim-nazarzoda"
MOI = "organisation:tajik-interior-ministry"
CW = "event:tajik-civil-war"
KH98 = "event:khujand-rebellion-1998"
KHU = "person:makhmud-khudoiberdyev"
ZS = "person:zafar-saidov"
PEACE97 = "event:tajik-peace-agreement-1997"


def doc(path: str) -> None:
    global _doc
    _doc = path


def bounds(qualifier: str, n: float | None) -> tuple[str, str]:
    """value_min/value_max by the guideline's quantity table."""
    if qualifier == "exact":
        return _num(n), _num(n)
    if qualifier == "at-least":
        return _num(n), ""
    if qualifier == "more-than":
        return _num(n + 1), ""
    if qualifier == "up-to":
        return "", _num(n)
    if qualifier == "less-than":
        return "", _num(n - 1)
    if qualifier == "about":
        # Whole-number arithmetic: in floats 1.1 * 800 is 880.0000000000001, whose ceiling is 881.
        tenth = Fraction(int(n), 10)
        return _num(math.floor(9 * tenth)), _num(math.ceil(11 * tenth))
    if qualifier == "rounded":
        digits = str(int(n))
        unit = 10 ** (len(digits) - len(digits.rstrip("0")))
        return _num(n - unit / 2), _num(n + unit / 2)
    return "", ""


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def c(quote: str, subject: str, prop: str, value: str, *, scope: str = "", q: str = "",
      n: float | None = None, mod: str = "asserted", chain: str = "", rule: str = "C1",
      hedge: str = "", ent: str = "", ds: str = "", de: str = "", prec: str = "",
      inferred: bool = False, note: str = "", after: str = "") -> None:
    text = (ROOT / _doc).read_text(encoding="utf-8")
    start_from = 0
    if after:
        start_from = text.find(after)
        if start_from < 0:
            sys.exit(f"{_doc}: anchor not found: {after!r}")
    start = text.find(quote, start_from)
    if start < 0:
        sys.exit(f"{_doc}: quote not found: {quote!r}")
    vmin, vmax = bounds(q, n) if q else ("", "")
    ROWS.append({
        "reading_id": f"r{len(ROWS) + 1:03d}", "document": _doc, "quote": quote,
        "quote_start": start, "quote_end": start + len(quote), "subject_id": subject,
        "property_id": prop, "scope": scope, "modality": mod, "value": value,
        "value_qualifier": q, "value_number": "" if n is None else _num(n),
        "value_min": vmin, "value_max": vmax, "value_entity_id": ent,
        "value_date_start": ds, "value_date_end": de, "value_date_precision": prec,
        "value_is_inferred": "true" if inferred else "", "attribution_chain": chain,
        "hedge": hedge, "confidence_rule": rule, "note": note,
    })


# ---------------------------------------------------------------- 000 Asia-Plus, 30 July 2012
doc(S2012A)
AP = "organisation:asia-plus"
c("Tajik President Emomali Rahmon", RAH, "office-held", "Tajik President")
c("Emomali Rahmon is expected to sign a decree offering amnesty to participants of the clashes in Khorog",
  RAH, "amnesty-offered", "participants of the clashes in Khorog", mod="expected")
c("the clashes in Khorog", CL12, "place", "Khorog", ent="place:khorog")
c("such an agreement was allegedly reached during negotiations", NEG12, "agreed-term",
  "such an agreement (the amnesty)", chain=AP, rule="C3", hedge="allegedly",
  note="'such an agreement' read as the amnesty of the first paragraph")
c("negotiations between representatives of official Dushanbe", NEG12, "party",
  "representatives of official Dushanbe", ent=GOVTJ, chain=AP, rule="C3", hedge="allegedly",
  note="'allegedly' read as governing the whole sentence (the reading that claims less)")
c("leaders of armed groups having resisting the government troops in Khorog", NEG12, "party",
  "leaders of armed groups", ent=GBAO, chain=AP, rule="C3", hedge="allegedly")
c("armed groups having resisting the government troops in Khorog", CL12, "combatant",
  "armed groups", ent=GBAO, chain=AP, rule="C3", hedge="allegedly")
c("resisting the government troops in Khorog", CL12, "combatant", "the government troops",
  ent=GOVF, chain=AP, rule="C3", hedge="allegedly")
c("Khorog, the capital of the Gorno Badakhshan Autonomous Region", "place:khorog", "capital-of",
  "the Gorno Badakhshan Autonomous Region", ent="place:gorno-badakhshan")
c("Gorno Badakhshan Autonomous Region", "place:gorno-badakhshan", "administrative-status",
  "Autonomous Region")
c("resisting the government troops in Khorog, the capital of the Gorno Badakhshan Autonomous Region since July 24",
  CL12, "date", "since July 24", ds="2012-07-24", prec="day", inferred=True, chain=AP, rule="C5",
  hedge="allegedly", note="year from the dateline (July 30, 2012); open end")
c("Tolib Ayombekov and two other persons directly involved in the murder of General Abdullo Nazarov will be brought to justice",
  NEG12, "agreed-term", "Tolib Ayombekov and two other persons directly involved in the murder will be brought to justice",
  rule="C3", hedge="reportedly")
c("Tolib Ayombekov and two other persons directly involved in the murder of General Abdullo Nazarov",
  KNAZ, "held-responsible", "Tolib Ayombekov", ent=AYO, mod="alleged", rule="C3", hedge="reportedly")
c("two other persons directly involved in the murder", KNAZ, "accomplices", "two other persons",
  q="exact", n=2, rule="C3", hedge="reportedly")
c("General Abdullo Nazarov", "person:abdullo-nazarov", "office-held", "General")
c("Two other persons who were present at the crime but were not involved will be amnestied", NEG12,
  "amnestied", "Two other persons", q="exact", n=2, mod="promised", rule="C3", hedge="reportedly",
  note="'reportedly' of the previous sentence read as governing this one (it continues the agreement)")
c("a special guard consisting of members of the armed groups of Imomnazar Imomnazarov, Yodgor Mamadaslamov, Mamadboqir Mamadboqirov and Tolib Ayombekov that have resisted the government troops in Khorog will be set up to maintain security in Gorno Badakhshan",
  NEG12, "agreed-term", "a special guard of members of the armed groups will be set up to maintain security in Gorno Badakhshan",
  rule="C3", hedge="reportedly", note="a preliminary agreement")
c("the armed groups of Imomnazar Imomnazarov", "person:imomnazar-imomnazarov", "leader-of",
  "the armed groups of Imomnazar Imomnazarov", ent=GBAO, rule="C3", hedge="reportedly")
c("the armed groups of Imomnazar Imomnazarov, Yodgor Mamadaslamov", "person:yodgor-mamadaslamov",
  "leader-of", "the armed groups of Yodgor Mamadaslamov", ent=GBAO, rule="C3", hedge="reportedly")
c("the armed groups of Imomnazar Imomnazarov, Yodgor Mamadaslamov, Mamadboqir Mamadboqirov",
  "person:mamadboqir-mamadboqirov", "leader-of", "the armed groups of Mamadboqir Mamadboqirov",
  ent=GBAO, rule="C3", hedge="reportedly")
c("the armed groups of Imomnazar Imomnazarov, Yodgor Mamadaslamov, Mamadboqir Mamadboqirov and Tolib Ayombekov",
  AYO, "leader-of", "the armed groups of Tolib Ayombekov", ent="organisation:ayombekov-forces",
  rule="C3", hedge="reportedly")
IMO = "person:imomnazar-imomnazarov"
c("We are ready to sign appropriate documents only in the presence of representatives of the OSCE Office in Tajikistan",
  IMO, "undertaking", "ready to sign appropriate documents only in the presence of representatives of the OSCE Office in Tajikistan",
  mod="intended", chain=IMO, note="'We': Imomnazarov speaking for his side")
c("Representatives of the government have promised us that they will begin to withdraw troops from the region as soon as we begin to lay down our arms",
  GOVTJ, "undertaking", "begin to withdraw troops from the region as soon as we begin to lay down our arms",
  mod="promised", chain=IMO)
c("they have not done that yet", GOVTJ, "action", "begin to withdraw troops from the region",
  mod="denied", chain=IMO)
c("many weapons and ammunition have been laid down to this day", CL12, "weapons-surrendered",
  "many weapons and ammunition", scope="rebels", q="unspecified", chain=IMO)
SOME = "agent:asiaplus-some-data-2012"
c("Tolib Ayombekov was seriously wounded", AYO, "injury", "seriously wounded", chain=f"{AP}>{SOME}",
  rule="C3", hedge="according to some data")
c("he is currently in one of villages adjacent to Khorog", AYO, "whereabouts",
  "in one of villages adjacent to Khorog", chain=f"{AP}>{SOME}", rule="C3", hedge="according to some data")
c("The fighting began when government forces launched an operation", CL12, "initiated-by",
  "government forces", ent=GOVF)
c("an operation in the eastern Gorno-Badakhshan region", CL12, "place", "the eastern Gorno-Badakhshan region",
  ent="place:gorno-badakhshan")
c("the eastern Gorno-Badakhshan region", "place:gorno-badakhshan", "located-in", "eastern",
  ent="place:tajikistan", note="the country is implied by the article, not named in the sentence")
c('what it called "militants"', GBAO, "characterisation", "militants", chain=GOVTJ)
c("following the murder of a high-level security official there on July 21", CL12, "follows",
  "the murder of a high-level security official", ent=KNAZ)
c("the murder of a high-level security official there on July 21", KNAZ, "date", "July 21",
  ds="2012-07-21", de="2012-07-21", prec="day", inferred=True, rule="C5",
  note="year from the dateline (July 30, 2012)")
c("the murder of a high-level security official there", KNAZ, "place", "there (Gorno-Badakhshan)",
  ent="place:gorno-badakhshan")
c("The government has blamed Tolib Ayombekov, a former warlord from the civil war, for the murder of regional security chief General Abdullo Nazarov",
  KNAZ, "held-responsible", "Tolib Ayombekov", ent=AYO, mod="alleged", chain=GOVTJ, rule="C2")
c("Tolib Ayombekov, a former warlord from the civil war", AYO, "office-held",
  "a former warlord from the civil war", after="The government has blamed")
c("regional security chief General Abdullo Nazarov", "person:abdullo-nazarov", "office-held",
  "regional security chief")
c("the murder of regional security chief General Abdullo Nazarov", KNAZ, "victim",
  "General Abdullo Nazarov", ent="person:abdullo-nazarov")

# ---------------------------------------------------------------- 001 encyclopedia, 2012 clashes
doc(S2012B)
NAZP = "person:abdullo-nazarov"
MUH = "person:mamadboqir-mamadboqirov"
c("2012 Gorno-Badakhshan clashes", CL12, "date", "2012", ds="2012-01-01", de="2012-12-31", prec="year",
  note="the title; the infobox Conflict line repeats it")
c("Insurgency in Gorno-Badakhshan", CL12, "part-of", "Insurgency in Gorno-Badakhshan",
  ent="event:gorno-badakhshan-insurgency")
c("24–25 July 2012", CL12, "date", "24–25 July 2012", ds="2012-07-24", de="2012-07-25", prec="day")
c("Gorno-Badakhshan", CL12, "place", "Gorno-Badakhshan", ent="place:gorno-badakhshan", after="- Place:")
c("Armed Forces of Tajikistan", CL12, "combatant", "Armed Forces of Tajikistan", ent=GOVF)
c("Tolib Ayyombekov and other local commanders", CL12, "combatant",
  "Tolib Ayyombekov and other local commanders", ent=GBAO)
c("Emomali Rahmon", RAH, "leader-of", "Emomali Rahmon (Commander1)", ent=GOVF, after="- Commander1:")
c("Tolib Ayyombekov", AYO, "leader-of", "Tolib Ayyombekov (Commander2)", ent=GBAO, after="- Commander2:")
c("Muhammadboqir Muhammadboqirov", MUH, "leader-of", "Muhammadboqir Muhammadboqirov (Commander2)",
  ent=GBAO, note="the Commander2 line runs two names together: two commanders")
c("Unknown", CL12, "fighters", "Unknown", scope="government", q="unspecified", rule="C4",
  after="- Strength1:")
c("Unknown", CL12, "fighters", "Unknown", scope="rebels", q="unspecified", rule="C4", after="- Strength2:")
c("41 killed", CL12, "killed", "41", scope="government", q="exact", n=41)
c("23 wounded", CL12, "wounded", "23", scope="government", q="exact", n=23)
c("30 killed", CL12, "killed", "30", scope="rebels", q="exact", n=30)
c("40 detained", CL12, "detained", "40", scope="rebels", q="exact", n=40)
c("Disputed number of civilians casualties", CL12, "casualties", "Disputed number", scope="civilians",
  q="unspecified", rule="C4")
c("fighting between Tajik government forces", CL12, "combatant", "Tajik government forces", ent=GOVF)
c("an armed group led by Tolib Ayyombekov", CL12, "combatant", "an armed group led by Tolib Ayyombekov",
  ent="organisation:ayombekov-forces")
c("an armed group led by Tolib Ayyombekov", "organisation:ayombekov-forces", "led-by", "Tolib Ayyombekov",
  ent=AYO)
c("in Tajikistan's semi-autonomous Gorno-Badakhshan province", CL12, "place",
  "Gorno-Badakhshan province", ent="place:gorno-badakhshan")
c("semi-autonomous Gorno-Badakhshan province", "place:gorno-badakhshan", "administrative-status",
  "semi-autonomous province")
c("Tajikistan's semi-autonomous Gorno-Badakhshan province", "place:gorno-badakhshan", "located-in",
  "Tajikistan's", ent="place:tajikistan")
c("late July 2012", CL12, "date", "late July 2012", ds="2012-07-21", de="2012-07-31", prec="month")
WM = "agent:western-media-2012"
c("the worst in Tajikistan since 2010", CL12, "worst-since", "2010", ds="2010-01-01", de="2010-12-31",
  prec="year", chain=WM, rule="C3", note="one of two alternatives joined by 'or'")
c("the worst in Tajikistan since 2010 or the 1992–1997 civil war", CL12, "worst-since",
  "the 1992–1997 civil war", ds="1992-01-01", de="1997-12-31", prec="year", chain=WM, rule="C3",
  note="the other alternative")
c("the 1992–1997 civil war", CW, "date", "1992–1997", ds="1992-01-01", de="1997-12-31", prec="year",
  chain=WM, rule="C3")
c("On 21 July, Major-General Abdullo Nazarov, head of the Tajik national intelligence agency's branch in Gorno-Badakhshan, was fatally stabbed",
  KNAZ, "date", "21 July", ds="2012-07-21", de="2012-07-21", prec="day", inferred=True, rule="C5",
  note="year from '24–25 July 2012' / 'late July 2012' in the same document")
c("Major-General Abdullo Nazarov", NAZP, "office-held", "Major-General")
c("Abdullo Nazarov, head of the Tajik national intelligence agency's branch in Gorno-Badakhshan",
  NAZP, "office-held", "head of the Tajik national intelligence agency's branch in Gorno-Badakhshan")
c("was fatally stabbed", NAZP, "cause-of-death", "fatally stabbed")
c("fatally stabbed in Ishkashim", KNAZ, "place", "Ishkashim", ent="place:ishkashim")
c("after being dragged out of his car", KNAZ, "circumstances", "after being dragged out of his car")
c("The Tajik government accused the forces of Tolib Ayyombekov, a former opposition fighter, of responsibility",
  KNAZ, "held-responsible", "the forces of Tolib Ayyombekov", ent="organisation:ayombekov-forces",
  mod="alleged", chain=GOVTJ, rule="C2")
c("Tolib Ayyombekov, a former opposition fighter", AYO, "office-held", "a former opposition fighter")
c("Ayyombekov had been an opposition combatant during the Tajik Civil War", CW, "combatant",
  "Ayyombekov", ent=AYO)
c("the Tajik Civil War between the United Tajik Opposition", CW, "combatant",
  "the United Tajik Opposition", ent="organisation:united-tajik-opposition")
c("the Tajik Civil War between the United Tajik Opposition and the government led by President Emomali Rahmon",
  CW, "combatant", "the government led by President Emomali Rahmon", ent=GOVTJ)
c("the government led by President Emomali Rahmon", GOVTJ, "led-by", "President Emomali Rahmon", ent=RAH)
c("President Emomali Rahmon", RAH, "office-held", "President", after="the government led by")
c("He was given a government post in a subsequent peace deal", AYO, "office-held", "a government post",
  note="given in a subsequent peace deal")
c("Ayyombekov, as well as other local leaders such as Muhammadboqir Muhammadboqirov, were gradually driven out",
  AYO, "ousted", "gradually driven out")
c("Muhammadboqir Muhammadboqirov, were gradually driven out", MUH, "ousted", "gradually driven out")
c("other local leaders such as Muhammadboqir Muhammadboqirov", MUH, "office-held", "local leader")
c("Rahmon again centralised power", RAH, "action", "again centralised power")
c("Rahmon's government had also accused Ayyombekov of tobacco smuggling", AYO, "accused-of",
  "tobacco smuggling", mod="alleged", chain=GOVTJ, rule="C2")
c("Ayyombekov denied any responsibility for Nazarov's death", KNAZ, "held-responsible", "Ayyombekov",
  ent=AYO, mod="denied", chain=AYO, rule="C2")
c("the general had been killed in a simple bar fight after he fell and struck his head on a rock",
  NAZP, "cause-of-death", "killed in a simple bar fight after he fell and struck his head on a rock",
  chain=AYO, rule="C2", note="competes with 'fatally stabbed'")
c('"Ayyombekov and his accomplices have declined to face justice,"', AYO, "action", "face justice",
  mod="refused", chain=GOVTJ, note="direct quotation of the government's announcement")
c("phone and internet communications were cut off to the Gorno-Badakhshan capital of Khorog", CL12,
  "restriction-imposed", "phone and internet communications were cut off")
c("the Gorno-Badakhshan capital of Khorog", "place:khorog", "capital-of", "the Gorno-Badakhshan capital",
  ent="place:gorno-badakhshan")
c("Tajikistan's most popular news website was also shut down", CL12, "restriction-imposed",
  "Tajikistan's most popular news website was shut down")
c("the personnel of international aid groups were evacuated", CL12, "evacuated",
  "the personnel of international aid groups")
c("Roadblocks were erected on roads leading into the area", CL12, "restriction-imposed",
  "Roadblocks were erected on roads leading into the area")
c("Tajik military forces then moved into the province", GOVF, "action", "moved into the province")
c('"heavy fighting" ensued on 24 July', CL12, "start-date", "24 July", ds="2012-07-24", de="2012-07-24",
  prec="day", inferred=True, rule="C5", note="year from '24–25 July 2012' in the same document")
c('"heavy fighting"', CL12, "characterisation", "heavy fighting", rule="C3",
  note="in quotation marks without saying whose words: an anonymous originator")
c("militants loyal to Ayyombekov and Muhammadboqirov", CL12, "combatant",
  "militants loyal to Ayyombekov and Muhammadboqirov", ent=GBAO)
c("in the streets of Khorog", CL12, "place", "the streets of Khorog", ent="place:khorog")
c("Ayyombekov estimated in an interview that 800 Tajik soldiers had been deployed to the area", CL12,
  "deployed", "800 Tajik soldiers", scope="government", q="about", n=800, chain=AYO, rule="C3",
  hedge="estimated", note="'estimated' read as 'about' (the guideline's 'an estimated 1,000')")
RES = "agent:khorog-residents-2012"
c("Residents reported seeing armored vehicles", CL12, "means-used", "armored vehicles", chain=RES, rule="C3")
c("Residents reported seeing armored vehicles and helicopter gunships", CL12, "means-used",
  "helicopter gunships", chain=RES, rule="C3")
TV = "organisation:tajik-state-television"
c("23 soldiers had been wounded", CL12, "wounded", "23 soldiers", scope="government", q="exact", n=23,
  chain=TV, rule="C2")
c("no soldiers or civilians had been killed", CL12, "killed", "no soldiers", scope="government",
  q="exact", n=0, chain=TV, rule="C2")
c("no soldiers or civilians had been killed", CL12, "killed", "no civilians", scope="civilians",
  q="exact", n=0, chain=TV, rule="C2")
BBC = "organisation:bbc-news"
c("at least 12 soldiers and 30 militants had been killed", CL12, "killed", "at least 12 soldiers",
  scope="government", q="at-least", n=12, chain=BBC, rule="C2")
c("at least 12 soldiers and 30 militants had been killed", CL12, "killed", "30 militants",
  scope="rebels", q="at-least", n=30, chain=BBC, rule="C2",
  note="'at least' read as governing both figures (the reading that claims less)")
HOSP = "agent:bbc-hospital-source-2012"
c("more than 100 military personnel and 100 civilians dead", CL12, "killed",
  "more than 100 military personnel", scope="government", q="more-than", n=100, chain=f"{BBC}>{HOSP}",
  rule="C3")
c("more than 100 military personnel and 100 civilians dead", CL12, "killed", "100 civilians",
  scope="civilians", q="more-than", n=100, chain=f"{BBC}>{HOSP}", rule="C3",
  note="'more than' read as governing both figures (the reading that claims less)")
APRESS = "organisation:associated-press"
APSRC = "agent:ap-unnamed-government-source-2012"
c("at least twenty soldiers had been killed", CL12, "killed", "at least twenty soldiers",
  scope="government", q="at-least", n=20, chain=f"{APRESS}>{APSRC}", rule="C3")
c("Khairullo Saidov, suffered a foot injury", "person:khairullo-saidov", "injury", "a foot injury",
  chain=f"{APRESS}>{APSRC}", rule="C3", note="read as part of what the unnamed source stated")
c("the chief military prosecutor, Khairullo Saidov", "person:khairullo-saidov", "office-held",
  "chief military prosecutor")
RFE = "organisation:rferl"
c("snipers had killed at least six civilians", CL12, "killed", "at least six civilians",
  scope="civilians", q="at-least", n=6, chain=RFE, rule="C2")
c("snipers had killed at least six civilians", CL12, "killed-by", "snipers", scope="civilians",
  chain=RFE, rule="C2")
c("at least six civilians, including children", CL12, "victims-included", "children",
  scope="civilians", chain=RFE, rule="C2")
AJ = "organisation:al-jazeera"
c("12 dead soldiers", CL12, "killed", "12 dead soldiers", scope="government", q="exact", n=12,
  chain=AJ, rule="C2")
c("30 dead rebels", CL12, "killed", "30 dead rebels", scope="rebels", q="exact", n=30, chain=AJ, rule="C2")
c("more than 20 wounded soldiers", CL12, "wounded", "more than 20 wounded soldiers", scope="government",
  q="more-than", n=20, chain=AJ, rule="C2")
c("President Rahmon ordered a halt to operations the following day", CL12, "end-date",
  "the following day", ds="2012-07-25", de="2012-07-25", prec="day", inferred=True, rule="C5",
  note="the day after 'on 24 July' (same section)")
c("President Rahmon ordered a halt to operations", RAH, "action", "ordered a halt to operations")
c('rebel commanders had agreed to make "concessions,"', GBAO, "undertaking", "make concessions",
  mod="promised", chain=RAH, rule="C2")
c("called on all Gorno-Badakhshan militant groups to disarm", RAH, "demanded",
  "all Gorno-Badakhshan militant groups to disarm", mod="demanded")
REU = "organisation:reuters"
SK = "person:sherali-khairulloyev"
c("Defence Minister Sherali Khairulloyev", SK, "office-held", "Defence Minister")
c("Sherali Khairulloyev had traveled to the area", SK, "action", "traveled to the area", chain=REU,
  rule="C2")
c("to offer amnesty to all militant leaders who surrendered", SK, "amnesty-offered",
  "all militant leaders who surrendered", mod="intended", chain=REU, rule="C2",
  note="the purpose of the trip, not a report that the offer was made")
c("In the aftermath of the fighting", KIMO, "follows", "the fighting", ent=CL12)
c("on August 22, 2012, former Tajik opposition leader Imomnazar Imomnazarov was killed", KIMO, "date",
  "August 22, 2012", ds="2012-08-22", de="2012-08-22", prec="day")
c("Imomnazar Imomnazarov was killed", KIMO, "victim", "Imomnazar Imomnazarov", ent=IMO)
c("former Tajik opposition leader Imomnazar Imomnazarov", IMO, "office-held",
  "former Tajik opposition leader")
c("by what many locals suspect to be the Tajik government", KIMO, "held-responsible", "the Tajik government",
  ent=GOVTJ, mod="alleged", chain="agent:gbao-locals-2012", rule="C3", hedge="suspect")

# ---------------------------------------------------------------- 002 report 2015 (machine translation)
doc(S2015)
LEAD = "[…]\n\nThirteen"
c("13 dead in a vast police operation", OP15, "killed", "13 dead", scope="rebels", q="exact", n=13,
  note="headline; the scope from the body ('members of armed groups')")
c("Thirteen members of armed groups who had Friday launched attacks against police in Tajikistan were killed Saturday during a major police operation",
  OP15, "killed", "Thirteen members of armed groups", scope="rebels", q="exact", n=13, chain=MOI,
  rule="C2", after=LEAD, note="the lead's second, full occurrence (the first is a cut-off teaser)")
c("members of armed groups who had Friday launched attacks against police", FRI15, "target", "police",
  ent="organisation:tajik-police", chain=MOI, rule="C2", after=LEAD)
c("who had Friday launched attacks", FRI15, "date", "Friday", prec="day", chain=MOI, rule="C2", after=LEAD,
  note="no date in the document to anchor the weekday: no calendar bounds")
c("were killed Saturday during a major police operation", OP15, "date", "Saturday", prec="day",
  chain=MOI, rule="C2", after=LEAD, note="no anchor: no calendar bounds")
c("a major police operation that also allowed to make several arrests", OP15, "detained", "several arrests",
  scope="rebels", q="unspecified", chain=MOI, rule="C2", after=LEAD,
  note="whose arrests is not said; read as members of the armed groups")
c("a major police operation", OP15, "carried-out-by", "police", ent="organisation:tajik-police",
  chain=MOI, rule="C2", after=LEAD)
FRI = "\n\nFriday, eight policemen"
c("eight policemen and nine attackers were killed", FRI15, "killed", "eight policemen",
  scope="government", q="exact", n=8, after=FRI)
c("eight policemen and nine attackers were killed", FRI15, "killed", "nine attackers",
  scope="rebels", q="exact", n=9, after=FRI)
c("Friday, eight policemen", FRI15, "date", "Friday", prec="day", after="\n\nFriday, eight")
c("killed in two attacks", FRI15, "attacks", "two attacks", q="exact", n=2, after=FRI)
c("one against the Defense Ministry in Dushanbe", "event:defence-ministry-attack-2015", "target",
  "the Defense Ministry", ent="organisation:tajik-defence-ministry", after=FRI)
c("the Defense Ministry in Dushanbe", "event:defence-ministry-attack-2015", "place", "Dushanbe",
  ent="place:dushanbe", after=FRI)
c("Dushanbe, the capital", "place:dushanbe", "capital-of", "the capital", ent="place:tajikistan",
  after=FRI)
c("the other against a suburban police station", "event:police-station-attack-2015", "target",
  "a suburban police station", ent="place:suburban-police-station-2015", after=FRI)
c("The authorities immediately blamed the deputy defense minister Abdoukhalim Nazarzoda", FRI15,
  "held-responsible", "Abdoukhalim Nazarzoda", ent=NAZ, mod="alleged", chain=GOVTJ, rule="C2")
c("moderate Islamic opposition to which it belongs have them organized", FRI15, "held-responsible",
  "moderate Islamic opposition", ent="organisation:irpt", mod="alleged", chain=GOVTJ, rule="C2",
  note="machine translation read as: the authorities also blamed the Islamic opposition party (IRPT)")
c("the deputy defense minister Abdoukhalim Nazarzoda", NAZ, "office-held", "deputy defense minister")
c("Abdoukhalim Nazarzoda – who was immediately sacked", NAZ, "dismissed-from", "deputy defense minister",
  note="the post from the same sentence")
c("moderate Islamic opposition to which it belongs", NAZ, "member-of", "moderate Islamic opposition",
  ent="organisation:irpt", chain=GOVTJ, rule="C2")
c("we have arrested 32 members of the criminal group Nazarzoda", OP15, "detained", "32 members",
  scope="rebels", q="exact", n=32, chain=MOI,
  note="self-contradiction: 'of which 13 have been eliminated' (killed) in the same sentence")
c("of which 13 have been eliminated", OP15, "killed", "13", scope="rebels", q="exact", n=13, chain=MOI,
  note="self-contradiction: counted among the 32 'arrested'")
c("the criminal group Nazarzoda", "organisation:nazarzoda-armed-group", "characterisation",
  "criminal group", chain=MOI)
c("take a large amount of weapons and ammunition", FRI15, "weapons-seized",
  "a large amount of weapons and ammunition", scope="rebels", q="unspecified", chain=GOVTJ, rule="C2")
c("before fleeing especially towards the mountains north-east of the capital", FRI15, "outcome",
  "fleeing especially towards the mountains north-east of the capital", chain=GOVTJ, rule="C2")
c("A large-scale operation was still underway Saturday", OP15, "status", "still underway Saturday",
  chain=GOVTJ, rule="C2", note="'according to same source' read as the authorities")
c("with the participation of military and helicopters", OP15, "means-used", "military and helicopters",
  chain=GOVTJ, rule="C2")
c("to find them", OP15, "purpose", "to find them", chain=GOVTJ, rule="C2")
c("more than 500 weapons and ammunition boxes were recovered by police", OP15, "weapons-seized",
  "more than 500 weapons and ammunition boxes", scope="government", q="more-than", n=500,
  chain=GOVTJ, rule="C2")
NAG = "organisation:nazarzoda-armed-group"
c("have proposed to the rebels to surrender", NAG, "surrender", "surrender", mod="proposed",
  chain=f"{MOI}>{GOVTJ}", note="the ministry quoting what 'the authorities' proposed")
c("but they refused", NAG, "surrender", "refused", mod="refused", chain=MOI)
c("The operation is continuing", OP15, "status", "continuing", chain=MOI)
PUT = "person:vladimir-putin"
PK = "organisation:pervy-kanal"
PES = "person:dmitri-peskov"
c("Russian President Vladimir Putin", PUT, "office-held", "Russian President")
c("denounced an “attempt to destabilize the situation”", ATT15, "characterisation",
  "attempt to destabilize the situation", chain=f"{PK}>{PES}>{PUT}", rule="C2",
  note="relayed twice (Pervy Kanal quoting Peskov): C2, not C1")
c("a telephone conversation with his Tajik counterpart Emomali Rakhmon", "event:putin-rahmon-telephone-call-2015",
  "party", "Emomali Rakhmon", ent=RAH, chain=f"{PK}>{PES}", rule="C2")
c("Vladimir Putin on Saturday denounced", "event:putin-rahmon-telephone-call-2015", "party",
  "Vladimir Putin", ent=PUT, chain=f"{PK}>{PES}", rule="C2")
c("Putin on Saturday", "event:putin-rahmon-telephone-call-2015", "date", "Saturday", prec="day",
  chain=f"{PK}>{PES}", rule="C2", note="no anchor: no calendar bounds")
c("his Tajik counterpart Emomali Rakhmon", RAH, "office-held", "Tajik president (counterpart of the Russian President)",
  note="'counterpart' of the Russian President")
c("and expressed his support", RAH, "backed-by", "Vladimir Putin", ent=PUT, chain=f"{PK}>{PES}", rule="C2")
c("the Kremlin spokesman, Dmitri Peskov", PES, "office-held", "Kremlin spokesman")
c("the bloody civil war between pro-communist power and Islamist rebels who made 150,000 dead between 1992 and 1997",
  CW, "killed", "150,000 dead", scope="civilians+government+rebels", q="rounded", n=150000, chain=MOI,
  rule="C2", note="'according to the Ministry of Interior' read as governing the whole sentence")
c("between 1992 and 1997", CW, "date", "between 1992 and 1997", ds="1992-01-01", de="1997-12-31",
  prec="year", chain=MOI, rule="C2")
c("the bloody civil war between pro-communist power and Islamist rebels", CW, "characterisation",
  "bloody civil war between pro-communist power and Islamist rebels", chain=MOI, rule="C2")
c("Mr. Nazarzoda fighting within the united opposition", NAZ, "member-of", "the united opposition",
  ent="organisation:united-tajik-opposition", chain=MOI, rule="C2")
c("He then obtained a high official position", NAZ, "office-held", "a high official position")
c("in favor of an amnesty under the peace agreements signed in 1997", NAZ, "amnestied-under",
  "the peace agreements signed in 1997", ent=PEACE97)
c("the peace agreements signed in 1997", PEACE97, "date", "1997", ds="1997-01-01", de="1997-12-31",
  prec="year")
c("the peace agreements signed in 1997 and that marked the end of fighting", PEACE97, "outcome",
  "marked the end of fighting")
c("Mr. Nazarzoda then joined the Islamic Renaissance Party of Tajikistan (IRPT)", NAZ, "member-of",
  "the Islamic Renaissance Party of Tajikistan", ent="organisation:irpt", chain=MOI, rule="C2",
  note="'The department' read as the Ministry of Interior")
c("only legal Islamic party in the former Soviet republic", "organisation:irpt", "characterisation",
  "only legal Islamic party in the former Soviet republic", chain=MOI, rule="C2")
BAN = "event:irpt-ban-2015"
c("This party was banned last week by authorities", BAN, "carried-out-by", "authorities", ent=GOVTJ)
c("This party was banned last week", BAN, "date", "last week", prec="month",
  note="no anchor: no calendar bounds; 'week' recorded at month precision (the schema has no week)")
c("authorities who accuse him of having links with the organization Islamic state", "organisation:irpt",
  "linked-to", "the organization Islamic state", ent="organisation:islamic-state", mod="alleged",
  chain=GOVTJ, rule="C2", note="'him' read as the party")
c("analysts had expressed concern radicalization of the opposition", BAN, "outcome",
  "radicalization of the opposition", mod="expected", chain="agent:analysts-2015", rule="C3")

# ---------------------------------------------------------------- 003 report 1998
doc(S1998)
c("89 Dead", KH98, "killed", "89", scope="government+rebels", q="exact", n=89,
  note="headline; scope from the first paragraph")
c("Tajik Forces Drive Rebels From Town", KH98, "outcome", "Tajik Forces Drive Rebels From Town")
c("A total of 89 Tajik government soldiers and rebel troops have died", KH98, "killed",
  "89 Tajik government soldiers and rebel troops", scope="government+rebels", q="exact", n=89,
  chain=ZS, rule="C2")
c("two days of fighting", KH98, "duration-days", "two days", q="exact", n=2, chain=ZS, rule="C2")
c("some 200 kilometers north of the capital", KH98, "distance-from-capital", "some 200 kilometers north",
  q="about", n=200, chain=ZS, rule="C2", note="'some' read as 'about'")
c("President Imomali Rakhmonov's spokesman", ZS, "office-held", "President Imomali Rakhmonov's spokesman")
c("Government troops drove rebel forces out of key buildings in Khodzhand", KH98, "outcome",
  "Government troops drove rebel forces out of key buildings in Khodzhand")
c("key buildings in Khodzhand", KH98, "place", "Khodzhand", ent="place:khujand")
c("one of the most serious outbursts of violence since a peace accord was signed last year", KH98,
  "characterisation", "one of the most serious outbursts of violence since a peace accord was signed last year")
c("a peace accord was signed last year", PEACE97, "date", "last year", prec="year",
  note="no anchor: no calendar bounds")
c("ending five years of civil war", CW, "duration-years", "five years", q="exact", n=5)
c("ending five years of civil war", PEACE97, "outcome", "ending five years of civil war")
c("in the north of Tajikistan, in Leninabad region", KH98, "place", "Leninabad region",
  ent="place:leninabad-region", chain=ZS)
c("39 government soldiers have been killed", KH98, "killed", "39 government soldiers",
  scope="government", q="exact", n=39, chain=ZS)
c("29 have been injured to various degrees", KH98, "wounded", "29", scope="government", q="exact", n=29,
  chain=ZS, note="follows '39 government soldiers': read as government")
c("50 attackers have been killed", KH98, "killed", "50 attackers", scope="rebels", q="exact", n=50,
  chain=ZS)
c("up to 100 government troops have been killed", KH98, "killed", "up to 100 government troops",
  scope="government", q="up-to", n=100, chain="organisation:interfax>organisation:tajik-government-press-service",
  rule="C2")
c("Rebel commander Makhmud Khudoiberdyev", KHU, "office-held", "Rebel commander")
c("he would not hold talks with the government until rebel demands were read on national television and radio",
  KH98, "negotiations", "no talks until rebel demands were read on national television and radio",
  mod="refused", chain=KHU, rule="C2")
c("until rebel demands were read on national television and radio", KHU, "demanded",
  "rebel demands read on national television and radio", mod="demanded", chain=KHU, rule="C2")
c("a former colonel", KHU, "office-held", "former colonel")
c("commander of an elite armored brigade", KHU, "office-held", "commander of an elite armored brigade")
c("had accused the government of corruption", GOVTJ, "accused-of", "corruption", mod="alleged", chain=KHU,
  rule="C2")
c("demanded 40 percent of seats in the coalition government", KHU, "share-of-seats", "40 percent",
  q="exact", n=40, mod="demanded", chain=KHU, rule="C2")
AZ = "person:abdurakhmon-azimov"
c("Deputy Prime Minister Abdurakhmon Azimov", AZ, "office-held", "Deputy Prime Minister")
c("there will be no negotiations", KH98, "negotiations", "there will be no negotiations", mod="refused",
  chain=AZ)
c("consideration of the rebels' demands", KHU, "demanded", "the rebels' demands", mod="refused", chain=AZ,
  note="Azimov's refusal to consider the demands")
c("The matter in question is to block and liquidate them", KH98, "purpose", "to block and liquidate them",
  mod="intended", chain=AZ)
c("Tajikistan, a mountainous state of 5.7 million people", "place:tajikistan", "population",
  "5.7 million", q="rounded", n=5700000)
c("Tajikistan, a mountainous state", "place:tajikistan", "characterisation", "mountainous state")
c("remains chronically unstable", "place:tajikistan", "characterisation", "chronically unstable")
c("a peace agreement was signed between the secular government", PEACE97, "party", "the secular government",
  ent=GOVTJ)
c("a peace agreement was signed between the secular government, backed by Moscow, and Islamist opposition forces",
  PEACE97, "party", "Islamist opposition forces", ent="organisation:united-tajik-opposition")
c("the secular government, backed by Moscow", GOVTJ, "backed-by", "Moscow",
  ent="organisation:government-of-russia")
c("The northern rebels represent a separate, third group struggling for power",
  "organisation:khudoiberdyev-rebels", "characterisation", "a separate, third group struggling for power")
c("who staged a coup attempt in August last year", "event:khudoiberdyev-coup-attempt", "carried-out-by",
  "Khudoiberdyev", ent=KHU)
c("a coup attempt in August last year", "event:khudoiberdyev-coup-attempt", "date", "August last year",
  prec="month", note="no anchor: no calendar bounds")
BOMB = "event:southern-town-bomb-attack"
c("is also suspected of ordering a Tuesday bomb attack", BOMB, "held-responsible", "Khudoiberdyev", ent=KHU,
  mod="alleged", rule="C3", hedge="suspected")
c("a Tuesday bomb attack which killed one person", BOMB, "killed", "one person", scope="unknown",
  q="exact", n=1, rule="C3", hedge="suspected", note="the sentence's hedge read as reaching the relative clause")
c("a Tuesday bomb attack", BOMB, "date", "Tuesday", prec="day", rule="C3", hedge="suspected",
  note="no anchor: no calendar bounds")
DMS = "agent:defence-ministry-source-1998"
OB = "event:dushanbe-overnight-bomb"
c("Another bomb exploded overnight in the capital, Dushanbe", OB, "place", "Dushanbe", ent="place:dushanbe",
  chain=DMS, rule="C3")
c("Another bomb exploded overnight", OB, "date", "overnight", prec="day", chain=DMS, rule="C3",
  note="no anchor: no calendar bounds")
c("there were no injuries", OB, "wounded", "no injuries", scope="unknown", q="exact", n=0, chain=DMS,
  rule="C3", note="no one injured; the text names no side")
c("Increased police patrols were guarding against attacks by forces loyal to the northern rebels", KH98,
  "measure-taken", "Increased police patrols", chain=DMS, rule="C3")
c("fighting was continuing", KH98, "status", "fighting was continuing", chain=ZS, rule="C2")
c("the northern towns of Khudzhand and Chkalovsk", KH98, "place", "Khudzhand", ent="place:khujand",
  chain=ZS, rule="C2")
c("the northern towns of Khudzhand and Chkalovsk", KH98, "place", "Chkalovsk", ent="place:chkalovsk",
  chain=ZS, rule="C2")
c("an estimated 1,000 rebels", KH98, "fighters", "an estimated 1,000 rebels", scope="rebels", q="about",
  n=1000, chain=ZS, rule="C3", hedge="estimated")
c("rebels under Khudoiberdyev", KHU, "leader-of", "rebels", ent="organisation:khudoiberdyev-rebels",
  chain=ZS, rule="C2")
c("taking the local airport and other key installations", KH98, "captured",
  "rebels took the local airport and other key installations", chain=ZS, rule="C2")
c("received about 300 reinforcements", KH98, "reinforcements", "about 300", scope="government",
  q="about", n=300, chain=ZS, rule="C4", note="'but there was no confirmation' read as governing the sentence")
c("reinforcements by helicopter", KH98, "means-used", "helicopter", chain=ZS, rule="C4")
c("had retaken some buildings captured earlier by the rebels", KH98, "captured",
  "government troops retook some buildings captured earlier by the rebels", chain=ZS, rule="C4")
c("supporters should not attack Rakhmonov's forces", KHU, "demanded",
  "supporters should not attack Rakhmonov's forces", mod="demanded", chain=KHU, rule="C2")
c("We have enough power and supplies to defend our homeland and our rights and our freedom",
  "organisation:khudoiberdyev-rebels", "characterisation",
  "enough power and supplies to defend our homeland and our rights and our freedom", chain=KHU)
c("We decided to return to the political arena to force Rakhmonov to listen to the voice of the nation and to stop the terror against its political opponents",
  KHU, "purpose", "return to the political arena to force Rakhmonov to listen to the voice of the nation",
  mod="intended", chain=KHU)
c("the terror against its political opponents", GOVTJ, "accused-of", "terror against its political opponents",
  mod="alleged", chain=KHU)
c("The government condemned the attacks", KH98, "condemned-by", "The government", ent=GOVTJ)
c("as did United Nations representative in Dushanbe, Jan Kubis", KH98, "condemned-by", "Jan Kubis",
  ent="person:jan-kubis")
c("United Nations representative in Dushanbe, Jan Kubis", "person:jan-kubis", "office-held",
  "United Nations representative in Dushanbe")
c("Such armed measures are in conflict with the peace process in the republic and interfere with it",
  KH98, "characterisation", "in conflict with the peace process and interfere with it",
  chain="person:jan-kubis")
RCR = "agent:red-cross-representative-1998"
c("about 90 wounded", KH98, "wounded", "about 90", scope="unknown", q="about", n=90, chain=RCR, rule="C4",
  note="the text says it was not clear whose wounded they were")
c("The Red Cross will send help to about 90 wounded", KH98, "measure-taken", "send help to about 90 wounded",
  mod="intended", chain=RCR, rule="C3")
UNMOT = "organisation:unmot"
c("Many foreigners working for the UN Mission of Observers in Tajikistan", UNMOT, "departed",
  "Many foreigners", q="unspecified")
c("because it could not provide sufficient safety guarantees", UNMOT, "stated-cause",
  "it could not provide sufficient safety guarantees")
c("which oversees the peace process", UNMOT, "purpose", "oversees the peace process")
RF = "organisation:russian-forces-in-tajikistan"
c("Russia has about 25,000 troops in Tajikistan", RF, "personnel", "about 25,000 troops", q="about",
  n=25000)
c("troops in Tajikistan to support the government", RF, "purpose", "to support the government")
c("most deployed along the country's southern border with Afghanistan", RF, "stationed-at",
  "along the country's southern border with Afghanistan", ent="place:tajik-afghan-border",
  note="'most' of them")
c("the country's southern border with Afghanistan", "place:tajikistan", "borders", "Afghanistan",
  ent="place:afghanistan")
c("to prevent an influx of drugs and weapons", RF, "purpose", "to prevent an influx of drugs and weapons")
c("The Russian forces were not involved in the latest fighting", KH98, "party", "The Russian forces",
  ent=RF, mod="denied")


def main() -> None:
    tmp = OUT.with_suffix(".csv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(ROWS)
    tmp.replace(OUT)
    print(f"{len(ROWS)} readings written to {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
