"""Extraction of every factual claim of the two 2012 seed documents (branch extract-2012).

  seeds/000_02e6608481056cca.txt  asiaplus-2012-07-30-khorog-amnesty          (Asia-Plus, July 30, 2012)
  seeds/001_89907d2348d58a55.txt  encyclopedia-2012-gorno-badakhshan-clashes  (encyclopedia article)

Run from the package root, with the toolkit installed (make):  .venv/bin/python extraction/extract-2012.py

The script is a list of specs. It reads the current tables, replaces the rows it owns (keyed by
their ids, which were minted once with claims.authoring.new_claim_id's format and are written
out below, never recomputed) and writes the tables back, so running it twice changes nothing.
The 16 casualty claims the lead engineer extracted from document 001 are kept as they are.
Offsets are never typed: every quote and evidence is located in the seed with
claims.authoring.locate, and every quantity's bounds come from claims.quantities.derive_bounds.
"""

from __future__ import annotations

from pathlib import Path

from claims.authoring import locate, read_rows, write_table
from claims.coverage import find_numbers
from claims.quantities import derive_bounds

ROOT = Path(__file__).resolve().parent.parent

EXTRACTED_BY = "claude-opus (AI-assisted extraction)"
GUIDELINE = "1.0.0"

AP = "asiaplus-2012-07-30-khorog-amnesty"
EN = "encyclopedia-2012-gorno-badakhshan-clashes"
SEEDS = {AP: "seeds/000_02e6608481056cca.txt", EN: "seeds/001_89907d2348d58a55.txt"}
TEXT = {sid: (ROOT / path).read_text(encoding="utf-8") for sid, path in SEEDS.items()}

CLASHES = "event:gorno-badakhshan-clashes-2012"
INSURGENCY = "event:gorno-badakhshan-insurgency"
NAZAROV_KILLING = "event:killing-of-abdullo-nazarov-2012"
IMOMNAZAROV_KILLING = "event:killing-of-imomnazar-imomnazarov-2012"
NEGOTIATIONS = "event:khorog-negotiations-2012"
CIVIL_WAR = "event:tajik-civil-war"
GOV = "organisation:government-of-tajikistan"
FORCES = "organisation:tajik-government-forces"
ARMED_GROUPS = "organisation:gbao-armed-groups-2012"
AYOMBEKOV_FORCES = "organisation:ayombekov-forces"
UTO = "organisation:united-tajik-opposition"
RAHMON = "person:emomali-rahmon"
AYOMBEKOV = "person:tolib-ayombekov"
NAZAROV = "person:abdullo-nazarov"
IMOMNAZAROV = "person:imomnazar-imomnazarov"
MAMADASLAMOV = "person:yodgor-mamadaslamov"
MAMADBOQIROV = "person:mamadboqir-mamadboqirov"
KHAIRULLOYEV = "person:sherali-khairulloyev"
SAIDOV = "person:khairullo-saidov"
GBAO = "place:gorno-badakhshan"
KHOROG = "place:khorog"
ISHKASHIM = "place:ishkashim"
TAJIKISTAN = "place:tajikistan"

# --------------------------------------------------------------------------------------------
# Properties added to the vocabulary (the existing ones are reused: killed, wounded, detained,
# deployed, fighters, casualties, cause-of-death, date, start-date, place, held-responsible,
# office-held).
# (property_id, label, description, value_type, unit, cardinality, is_scoped, notes)
PROPERTIES = [
    ("part-of", "part of", "A larger event or conflict the subject event is said to be part of.",
     "entity", None, "multi", False, "An infobox 'Partof' line is a claim with this property."),
    ("combatant", "combatant", "A force, group or person that fought in the subject event (a war, clashes), on any side.",
     "entity", None, "multi", False, "An infobox 'Combatant' line is a claim with this property."),
    ("leader-of", "leader of", "An organisation, armed group or force the subject person leads or commands.",
     "entity", None, "multi", False, "Covers 'led by', 'the armed groups of X', an infobox 'Commander' line."),
    ("member-of", "member of", "An organisation the subject belongs or belonged to.",
     "entity", None, "multi", False, None),
    ("victim", "victim", "A person killed or harmed in the subject act (a killing, an attack).",
     "entity", None, "multi", False, None),
    ("initiated-by", "initiated by", "The side that started the subject event, as the document says.",
     "entity", None, "single", False, None),
    ("follows", "follows", "An earlier event the document places the subject event after ('following', 'in the aftermath of'). Not necessarily its cause.",
     "entity", None, "multi", False, None),
    ("party", "party", "A party to the subject negotiations or agreement.",
     "entity", None, "multi", False, None),
    ("capital-of", "capital of", "The region or country whose capital the subject place is.",
     "entity", None, "single", False, None),
    ("located-in", "located in", "The larger place the subject place lies in; the value keeps the document's wording ('eastern').",
     "entity", None, "single", False, None),
    ("end-date", "end date", "When the subject event or state ended (or was ordered to end), as an interval of days.",
     "date", None, "single", False, None),
    ("worst-since", "worst since", "Per the source, the subject event is the worst of its kind since this time: the value is the last comparable period or event, as an interval of days.",
     "date", None, "single", False, "'The worst since 2010 or the 1992-1997 civil war' is two claims that compete."),
    ("accomplices", "accomplices", "Number of people, besides the principal(s) the document names, said to have been directly involved in the subject act.",
     "quantity", "person", "single", False, None),
    ("amnestied", "amnestied", "Number of people amnestied, or to be amnestied, under the subject decree or agreement.",
     "quantity", "person", "single", False, "A promise in an agreement is modality promised."),
    ("weapons-surrendered", "weapons surrendered", "Amount of weapons (and ammunition) laid down or handed in by the sides in scope during the subject event.",
     "quantity", "item", "single", True, "'many weapons' is qualifier unspecified."),
    ("agreed-term", "agreed term", "A term the parties to the subject negotiations or agreement agreed, as worded.",
     "text", None, "multi", False, "Hedged reports of an agreement ('allegedly', 'reportedly') take C3."),
    ("amnesty-offered", "amnesty offered", "Whom the subject person or body offers or grants amnesty, as worded; the modality says whether it is expected, intended, promised or asserted as done.",
     "text", None, "multi", False, None),
    ("accused-of", "accused of", "A wrongdoing the subject is accused of, as worded (modality alleged; a denial is modality denied). Blame for a specific event is held-responsible on that event instead.",
     "text", None, "multi", False, None),
    ("undertaking", "undertaking", "What the subject promised, agreed or said it is ready to do, as worded (modality promised or intended).",
     "text", None, "multi", False, None),
    ("demanded", "demanded", "What the subject demanded, called for or set as a condition, as worded (modality demanded).",
     "text", None, "multi", False, None),
    ("action", "action", "Something the subject person or body did (or, with modality denied, did not do), as worded, where no more specific property fits; place and time qualifiers where the text gives them.",
     "text", None, "multi", False, None),
    ("ousted", "ousted", "How the subject was removed from a post, power or position, as worded ('gradually driven out').",
     "text", None, "multi", False, None),
    ("injury", "injury", "The injury the subject person suffered, as worded.",
     "text", None, "single", False, None),
    ("whereabouts", "whereabouts", "Where the subject person is said to be at the time of the report, as worded.",
     "text", None, "single", False, None),
    ("restriction-imposed", "restriction imposed", "A restriction imposed in the course of the subject event (communications cut, a news outlet shut down, roads blocked), as worded.",
     "text", None, "multi", False, None),
    ("evacuated", "evacuated", "Who was evacuated from the area of the subject event, as worded.",
     "text", None, "multi", False, None),
    ("administrative-status", "administrative status", "The administrative status of the subject place, as worded ('semi-autonomous province').",
     "text", None, "single", False, None),
    ("characterisation", "characterised as", "How a party describes or labels the subject, in its words ('heavy fighting', 'militants').",
     "text", None, "multi", False, None),
    ("means-used", "equipment used", "Military equipment used or seen in the subject event, as worded.",
     "text", None, "multi", False, None),
    ("killed-by", "killed by", "Who or what killed the people in scope in the subject event, as worded ('snipers').",
     "text", None, "multi", True, "The count goes to killed; this property holds the killer or means."),
    ("victims-included", "victims included", "A group the people killed (in scope) in the subject event included, as worded ('including children').",
     "text", None, "multi", True, None),
    ("circumstances", "circumstances", "How the subject act was carried out or came about, as worded, beyond its cause of death ('after being dragged out of his car').",
     "text", None, "multi", False, None),
]

# --------------------------------------------------------------------------------------------
# Entities added (entity_id, entity_type, canonical_name, description, part_of_id, notes)
ENTITIES = [
    (INSURGENCY, "event", "Insurgency in Gorno-Badakhshan",
     "Armed conflict between the Tajik government and local armed groups in Gorno-Badakhshan, as the 2012 encyclopedia article's infobox ('Partof') names the larger conflict.",
     GBAO, "Holds the 2012 killing of General Nazarov, the July 2012 clashes and the killing of Imomnazarov as separate parts."),
    (NAZAROV_KILLING, "event", "Killing of Abdullo Nazarov (2012)",
     "Killing of Major-General Abdullo Nazarov, head of the Gorno-Badakhshan branch of the Tajik intelligence agency, on 21 July 2012 (Ishkashim); the trigger of the July 2012 clashes.",
     INSURGENCY, "Its cause of death is disputed: 'fatally stabbed' (encyclopedia) vs Ayyombekov's 'fell in a bar fight and struck his head' (person:abdullo-nazarov, cause-of-death)."),
    (IMOMNAZAROV_KILLING, "event", "Killing of Imomnazar Imomnazarov (2012)",
     "Killing of the former opposition leader Imomnazar Imomnazarov in Gorno-Badakhshan on 22 August 2012, in the aftermath of the July clashes.",
     INSURGENCY, None),
    (NEGOTIATIONS, "event", "Khorog negotiations (July 2012)",
     "Negotiations between representatives of the Tajik government and leaders of the armed groups of Khorog after the clashes of July 2012, and the agreement reportedly reached in them (amnesty, justice for Nazarov's killers, a local guard).",
     CLASHES, None),
    (ARMED_GROUPS, "organisation", "Armed groups of Gorno-Badakhshan (2012)",
     "The local armed groups that fought Tajik government troops in and around Khorog in July 2012, taken together (the 'rebels' side: the groups of Tolib Ayombekov, Mamadboqir Mamadboqirov, Imomnazar Imomnazarov, Yodgor Mamadaslamov and other local commanders).",
     None, "The documents speak of them as 'armed groups', 'militants', 'rebel commanders', 'Tolib Ayyombekov and other local commanders'."),
    (AYOMBEKOV_FORCES, "organisation", "Forces of Tolib Ayombekov",
     "The armed group led by Tolib Ayombekov in Khorog (2012).",
     ARMED_GROUPS, None),
    ("organisation:asia-plus", "organisation", "Asia-Plus", "News agency based in Dushanbe, Tajikistan.", None, None),
    ("organisation:reuters", "organisation", "Reuters", "International news agency.", None, None),
    (AYOMBEKOV, "person", "Tolib Ayombekov",
     "Former opposition commander of the Tajik civil war from Khorog, given a government post after the peace deal; accused by the government of the July 2012 killing of General Nazarov.",
     None, None),
    (NAZAROV, "person", "Abdullo Nazarov",
     "Major-General, head of the Gorno-Badakhshan branch of the Tajik national intelligence agency (regional security chief); killed on 21 July 2012.",
     None, None),
    (IMOMNAZAROV, "person", "Imomnazar Imomnazarov",
     "Former Tajik opposition leader and leader of an armed group in Khorog; killed on 22 August 2012.",
     None, None),
    (MAMADASLAMOV, "person", "Yodgor Mamadaslamov", "Leader of an armed group in Khorog (2012).", None, None),
    (MAMADBOQIROV, "person", "Mamadboqir Mamadboqirov",
     "Local leader and armed-group commander in Khorog (2012); spelled Muhammadboqir Muhammadboqirov by the encyclopedia article.",
     None, None),
    (KHAIRULLOYEV, "person", "Sherali Khairulloyev", "Defence Minister of Tajikistan in 2012.", None, None),
    (SAIDOV, "person", "Khairullo Saidov",
     "Chief military prosecutor of Tajikistan in 2012, injured in the Khorog clashes.",
     None, "Not the same person as the presidential spokesman Zafar Saidov of 1998, also called 'Saidov'."),
    (ISHKASHIM, "place", "Ishkashim", "Town in Gorno-Badakhshan, Tajikistan.", GBAO, None),
    ("agent:asiaplus-some-data-2012", "agent", "'some data' (Asia-Plus, 2012)",
     "Unidentified information ('according to some data') Asia-Plus's correspondent in Khorog cites about Tolib Ayombekov's wound and whereabouts.",
     None, None),
    ("agent:western-media-2012", "agent", "the Western media (encyclopedia, 2012)",
     "Unnamed Western news media the encyclopedia article cites on how bad the 2012 fighting was.",
     None, "A collective, not a named organisation: its claims take C3."),
    ("agent:khorog-residents-2012", "agent", "residents (encyclopedia, 2012)",
     "Unnamed residents of the Khorog area who reported seeing armoured vehicles and helicopter gunships.",
     None, None),
    ("agent:gbao-locals-2012", "agent", "many locals (encyclopedia, 2012)",
     "Unnamed locals who suspect the Tajik government of the killing of Imomnazar Imomnazarov.",
     None, None),
]

# Existing entity corrected: the 2012 clashes are a part of the insurgency the infobox names,
# so that the clashes and the two killings are linked by part_of_id.
ENTITY_UPDATES = {
    CLASHES: {"part_of_id": INSURGENCY,
              "notes": "Part of the Insurgency in Gorno-Badakhshan (infobox 'Partof'); the killing of General Nazarov on 21 July and of Imomnazarov on 22 August 2012 are separate events of the same insurgency."},
}

# --------------------------------------------------------------------------------------------
# Aliases (entity_id, alias, alias_kind, source_id, note)
ALIASES = [
    (RAHMON, "Emomali Rahmon", "canonical", AP, "Also in the encyclopedia article."),
    (RAHMON, "Rahmon", "short-form", EN, None),
    (AYOMBEKOV, "Tolib Ayombekov", "canonical", AP, None),
    (AYOMBEKOV, "Tolib Ayyombekov", "transliteration", EN, "Spelling of the encyclopedia article (double y)."),
    (AYOMBEKOV, "Ayyombekov", "short-form", EN, None),
    (NAZAROV, "Abdullo Nazarov", "canonical", AP, "Also in the encyclopedia article."),
    (NAZAROV, "Nazarov", "short-form", EN, None),
    (IMOMNAZAROV, "Imomnazar Imomnazarov", "canonical", AP, "Also in the encyclopedia article."),
    (MAMADASLAMOV, "Yodgor Mamadaslamov", "canonical", AP, None),
    (MAMADBOQIROV, "Mamadboqir Mamadboqirov", "canonical", AP, None),
    (MAMADBOQIROV, "Muhammadboqir Muhammadboqirov", "transliteration", EN,
     "Same man: one of the two Khorog commanders named in both documents, spelled from the Arabic-derived Muhammad-."),
    (MAMADBOQIROV, "Muhammadboqirov", "short-form", EN, None),
    (KHAIRULLOYEV, "Sherali Khairulloyev", "canonical", EN, None),
    (SAIDOV, "Khairullo Saidov", "canonical", EN, None),
    ("organisation:asia-plus", "Asia-Plus", "canonical", AP, None),
    ("organisation:reuters", "Reuters", "canonical", EN, None),
    (GOV, "official Dushanbe", "descriptive", AP, None),
    (GOV, "the Tajik government", "descriptive", EN, None),
    (GOV, "Rahmon's government", "descriptive", EN, None),
    (FORCES, "Armed Forces of Tajikistan", "full-form", EN, "Infobox Combatant1."),
    (FORCES, "government forces", "descriptive", AP, None),
    (FORCES, "government troops", "descriptive", AP, None),
    (FORCES, "Tajik government forces", "descriptive", EN, None),
    (FORCES, "Tajik military forces", "descriptive", EN, None),
    (ARMED_GROUPS, "Tolib Ayyombekov and other local commanders", "descriptive", EN, "Infobox Combatant2."),
    (ARMED_GROUPS, "armed groups", "descriptive", AP, None),
    (ARMED_GROUPS, "militants", "descriptive", AP, "The government's word, in quotation marks in the Asia-Plus report."),
    (ARMED_GROUPS, "Gorno-Badakhshan militant groups", "descriptive", EN, None),
    (ARMED_GROUPS, "militants loyal to Ayyombekov and Muhammadboqirov", "descriptive", EN, None),
    (AYOMBEKOV_FORCES, "forces of Tolib Ayyombekov", "descriptive", EN, None),
    (AYOMBEKOV_FORCES, "an armed group led by Tolib Ayyombekov", "descriptive", EN, None),
    (CLASHES, "Gorno-Badakhshan clashes", "short-form", EN, None),
    (CLASHES, "the clashes in Khorog", "descriptive", AP, None),
    (INSURGENCY, "Insurgency in Gorno-Badakhshan", "canonical", EN, None),
    (NAZAROV_KILLING, "the murder of General Abdullo Nazarov", "descriptive", AP, None),
    (NAZAROV_KILLING, "Nazarov's death", "descriptive", EN, None),
    (CIVIL_WAR, "the civil war", "descriptive", AP, None),
    (CIVIL_WAR, "Tajik Civil War", "canonical", EN, None),
    (CIVIL_WAR, "the 1992–1997 civil war", "descriptive", EN, None),
    (UTO, "United Tajik Opposition", "canonical", EN, None),
    (GBAO, "Gorno Badakhshan Autonomous Region", "full-form", AP, "Written without the hyphen."),
    (GBAO, "Gorno Badakhshan", "transliteration", AP, "Spelling without the hyphen."),
    (ISHKASHIM, "Ishkashim", "canonical", EN, None),
    ("agent:asiaplus-some-data-2012", "some data", "descriptive", AP, None),
    ("agent:western-media-2012", "The Western media", "descriptive", EN, None),
    ("agent:khorog-residents-2012", "Residents", "descriptive", EN, None),
    ("agent:gbao-locals-2012", "many locals", "descriptive", EN, None),
]

# --------------------------------------------------------------------------------------------
# Attribution helpers: (agent_id, attribution_kind, evidence, locate options, note)


def by(agent, kind, evidence, note=None, **where):
    return (agent, kind, evidence, where, note)


ASIAPLUS_P2 = by("organisation:asia-plus", "reported", "Asia-Plus’s correspondent reports from Khorog",
                 "The publisher's own (unnamed) correspondent in Khorog: read as a report of the named organisation, not an anonymous source.",
                 occurrence=1)
ASIAPLUS_P6 = by("organisation:asia-plus", "reported", "Asia-Plus’s correspondent reports from Khorog",
                 "The publisher's own (unnamed) correspondent in Khorog.", occurrence=2)
SOME_DATA = by("agent:asiaplus-some-data-2012", "according-to", "according to some data")
IMOMNAZAROV_INTERVIEW = by(IMOMNAZAROV, "interview", "Imomnazar Imomnazarov told Asia-Plus in an interview",
                           "Also the evidence for the second quoted passage of the same interview.")
GOV_BLAMED_AP = by(GOV, "accused", "The government has blamed")
GOV_CALLED_AP = by(GOV, "said", "what it called",
                   "'it' after 'government forces' read as the government, the body that names its opponents.")
GOV_ACCUSED_EN = by(GOV, "accused", "The Tajik government accused")
GOV_ACCUSED_SMUGGLING = by(GOV, "accused", "Rahmon's government had also accused")
GOV_ANNOUNCED = by(GOV, "announced", "the government announced")
AYOMBEKOV_DENIED = by(AYOMBEKOV, "denied", "Ayyombekov denied")
AYOMBEKOV_STATED = by(AYOMBEKOV, "said", "stating that the general")
AYOMBEKOV_ESTIMATED = by(AYOMBEKOV, "estimated", "Ayyombekov estimated in an interview")
WESTERN_MEDIA = by("agent:western-media-2012", "statement", "The Western media described")
RESIDENTS = by("agent:khorog-residents-2012", "reported", "Residents reported")
RFERL = by("organisation:rferl", "reported", "Radio Free Europe/Radio Liberty reported")
AP_CITED = by("organisation:associated-press", "cited", "The Associated Press cited")
AP_SOURCE = by("agent:ap-unnamed-government-source-2012", "said", "an unnamed government source as stating")
RAHMON_STATING = by(RAHMON, "said", "stating that rebel commanders")
REUTERS = by("organisation:reuters", "reported", "Reuters reported")
LOCALS = by("agent:gbao-locals-2012", "accused", "many locals suspect")

# --------------------------------------------------------------------------------------------
# Claims. C(id, source, subject, property, value, quote, rule, **columns)
#   quote location: occurrence= / prefix= / suffix= when the quote is not unique
#   quantity: q=qualifier, n=number (bounds derived); date: ds, de, dp; entity: ent
#   qualifiers: place, ts, te, tp; inference: vinf / tinf with basis
#   attribution: attr=[by(...), ...] in chain order

CLAIMS = []


def C(cid, source, subject, prop, value, quote, rule, **kw):
    CLAIMS.append(dict(cid=cid, source=source, subject=subject, prop=prop, value=value, quote=quote, rule=rule, **kw))


YEAR_FROM_DATELINE = "Year from the dateline 'July 30, 2012' (guideline basis 1: a date stated in the same document); day and month as written."
YEAR_FROM_EN = "Year from '24–25 July 2012' (infobox) and 'late July 2012' (lead), dates stated in the same document (guideline basis 1); day and month as written."

# ============================ Document 000: Asia-Plus, July 30, 2012 ============================
# Paragraph 1 (lead, document's own voice)
C("4da6f5fc", AP, RAHMON, "office-held", "Tajik President", "Tajik President Emomali Rahmon", "C1")
C("b4cdbf7d", AP, RAHMON, "amnesty-offered", "participants of the clashes in Khorog",
  "Tajik President Emomali Rahmon is expected to sign a decree offering amnesty to participants of the clashes in Khorog within the next few days",
  "C5", modality="expected", ts="2012-07-30", tp="day", tinf=True,
  basis="'within the next few days' counted from the dateline 'July 30, 2012' (guideline basis 1); the end is left open because 'a few days' names no last day.",
  note="A forecast (modality expected): a decree 'offering amnesty' that the president is expected to sign. Confidence C5 because the time qualifier is inferred; without it the claim would be C1.")
C("fb8b93d5", AP, CLASHES, "place", "Khorog", "the clashes in Khorog", "C1", ent=KHOROG)

# Paragraph 2 (Asia-Plus's correspondent)
C("977956ee", AP, NEGOTIATIONS, "agreed-term", "amnesty for participants of the clashes in Khorog (\"such an agreement\")",
  "such an agreement was allegedly reached during negotiations", "C3", hedge="allegedly", attr=[ASIAPLUS_P2],
  note="'such an agreement' refers back to the amnesty of the first paragraph. Modality asserted (that the agreement was reached), hedged 'allegedly'.")
C("8a0cbf03", AP, NEGOTIATIONS, "party", "representatives of official Dushanbe",
  "negotiations between representatives of official Dushanbe", "C2", ent=GOV, attr=[ASIAPLUS_P2],
  note="'allegedly' governs whether an agreement was reached, not that the negotiations took place.")
C("ef587238", AP, NEGOTIATIONS, "party", "leaders of armed groups having resisting the government troops in Khorog",
  "leaders of armed groups having resisting the government troops in Khorog", "C2", ent=ARMED_GROUPS, attr=[ASIAPLUS_P2])
C("00ea5935", AP, CLASHES, "combatant", "armed groups", "armed groups having resisting the government troops in Khorog",
  "C2", ent=ARMED_GROUPS, attr=[ASIAPLUS_P2])
C("b0686beb", AP, CLASHES, "combatant", "the government troops", "armed groups having resisting the government troops in Khorog",
  "C2", ent=FORCES, attr=[ASIAPLUS_P2])
C("07041b88", AP, KHOROG, "capital-of", "the capital of the Gorno Badakhshan Autonomous Region",
  "Khorog, the capital of the Gorno Badakhshan Autonomous Region", "C2", ent=GBAO, attr=[ASIAPLUS_P2],
  note="Apposition inside the correspondent's report; attributed with it (the lower reading).")
C("0b510154", AP, GBAO, "administrative-status", "Autonomous Region", "Gorno Badakhshan Autonomous Region", "C2", attr=[ASIAPLUS_P2],
  note="Read from the region's name as the report gives it; the encyclopedia article says 'semi-autonomous province'.")
C("03bfb527", AP, CLASHES, "date", "since July 24",
  "resisting the government troops in Khorog, the capital of the Gorno Badakhshan Autonomous Region since July 24",
  "C5", ds="2012-07-24", dp="day", vinf=True, basis=YEAR_FROM_DATELINE, attr=[ASIAPLUS_P2],
  note="'since July 24' qualifies 'resisting' (the armed groups have resisted the troops since that day), not 'the capital'. Open end: still going on at the time of the report.")

# Paragraph 3 ('reportedly': no reporter named)
C("45caeca6", AP, NEGOTIATIONS, "agreed-term",
  "Tolib Ayombekov and two other persons directly involved in the murder of General Abdullo Nazarov will be brought to justice",
  "The sides reportedly agreed that Tolib Ayombekov and two other persons directly involved in the murder of General Abdullo Nazarov will be brought to justice",
  "C3", hedge="reportedly",
  note="'reportedly' names no reporter; the paragraph follows the correspondent's report, but the text does not attribute it, so no attribution row.")
C("6cbf007d", AP, NAZAROV_KILLING, "accomplices", "two other persons directly involved in the murder",
  "Tolib Ayombekov and two other persons directly involved in the murder", "C3", q="exact", n=2, hedge="reportedly",
  note="Two persons besides Tolib Ayombekov (three directly involved in all), as the reported agreement says.")
C("b509c2c0", AP, NAZAROV_KILLING, "held-responsible", "Tolib Ayombekov",
  "Tolib Ayombekov and two other persons directly involved in the murder", "C3", modality="alleged", ent=AYOMBEKOV, hedge="reportedly",
  note="The reported agreement of both sides names Ayombekov among those 'directly involved' ('two other persons' implies he is one); recorded as an allegation, hedged 'reportedly'.")
C("ad094db0", AP, NEGOTIATIONS, "amnestied", "Two other persons who were present at the crime but were not involved",
  "Two other persons who were present at the crime but were not involved will be amnestied", "C3",
  modality="promised", q="exact", n=2, hedge="reportedly",
  note="Continues the sentence 'The sides reportedly agreed that ...': 'reportedly' read as governing this term of the agreement too (the lower reading). The two were present at Nazarov's killing but not involved.")

# Paragraph 4 ('reportedly', preliminary agreement)
C("be3c3047", AP, NEGOTIATIONS, "agreed-term",
  "(preliminary) a special guard of members of the armed groups of Imomnazar Imomnazarov, Yodgor Mamadaslamov, Mamadboqir Mamadboqirov and Tolib Ayombekov will be set up to maintain security in Gorno Badakhshan",
  "The sides reportedly also reached the preliminary agreement that a special guard consisting of members of the armed groups of Imomnazar Imomnazarov, Yodgor Mamadaslamov, Mamadboqir Mamadboqirov and Tolib Ayombekov that have resisted the government troops in Khorog will be set up to maintain security in Gorno Badakhshan",
  "C3", hedge="reportedly",
  note="A preliminary agreement, as the text says.")
GROUPS_QUOTE = "the armed groups of Imomnazar Imomnazarov, Yodgor Mamadaslamov, Mamadboqir Mamadboqirov and Tolib Ayombekov that have resisted the government troops in Khorog"
GROUPS_NOTE = "Each of the four named men leads one of the armed groups; the sentence is under 'reportedly', so the lower reading (C3) is taken."
C("cf6a7d0d", AP, IMOMNAZAROV, "leader-of", "the armed groups of Imomnazar Imomnazarov", GROUPS_QUOTE, "C3",
  ent=ARMED_GROUPS, hedge="reportedly", note=GROUPS_NOTE)
C("90b30a35", AP, MAMADASLAMOV, "leader-of", "the armed groups of ... Yodgor Mamadaslamov", GROUPS_QUOTE, "C3",
  ent=ARMED_GROUPS, hedge="reportedly", note=GROUPS_NOTE)
C("5df47f34", AP, MAMADBOQIROV, "leader-of", "the armed groups of ... Mamadboqir Mamadboqirov", GROUPS_QUOTE, "C3",
  ent=ARMED_GROUPS, hedge="reportedly", note=GROUPS_NOTE)
C("b52d6d42", AP, AYOMBEKOV, "leader-of", "the armed groups of ... Tolib Ayombekov", GROUPS_QUOTE, "C3",
  ent=AYOMBEKOV_FORCES, hedge="reportedly", note=GROUPS_NOTE + " His own group is organisation:ayombekov-forces.")

# Paragraph 5 (Imomnazarov's interview, direct quotation)
C("20052590", AP, ARMED_GROUPS, "undertaking",
  "ready to sign appropriate documents only in the presence of representatives of the OSCE Office in Tajikistan",
  "We are ready to sign appropriate documents only in the presence of representatives of the OSCE Office in Tajikistan",
  "C1", modality="intended", attr=[IMOMNAZAROV_INTERVIEW],
  note="'We' as spoken by Imomnazarov, a leader of the armed groups: read as the armed groups' position.")
C("00c339e9", AP, ARMED_GROUPS, "demanded", "representatives of the OSCE Office in Tajikistan present at the signing",
  "only in the presence of representatives of the OSCE Office in Tajikistan", "C1", modality="demanded", attr=[IMOMNAZAROV_INTERVIEW],
  note="The condition set on signing, split from the statement of readiness to sign.")
C("599c438b", AP, GOV, "undertaking",
  "begin to withdraw troops from the region as soon as we begin to lay down our arms",
  "Representatives of the government have promised us that they will begin to withdraw troops from the region as soon as we begin to lay down our arms",
  "C1", modality="promised", attr=[IMOMNAZAROV_INTERVIEW],
  note="The promise as Imomnazarov reports it; the government is not quoted.")
C("8f7fc1f6", AP, GOV, "action", "begin to withdraw troops from the region",
  "However, they have not done that yet", "C1", modality="denied", attr=[IMOMNAZAROV_INTERVIEW],
  note="Imomnazarov says the promised withdrawal has not begun ('not ... yet', as of the interview).")
C("50810de2", AP, CLASHES, "weapons-surrendered", "many weapons and ammunition",
  "many weapons and ammunition have been laid down to this day", "C5", scope="rebels", q="unspecified",
  te="2012-07-30", tp="day", tinf=True, attr=[IMOMNAZAROV_INTERVIEW],
  basis="'to this day' is the day of the interview, published under the dateline 'July 30, 2012' (guideline basis 1): laid down by that day at the latest; no start given.",
  note="'we begin to lay down our arms' / 'have been laid down': the armed groups' weapons (scope rebels).")

# Paragraph 6 (correspondent, 'according to some data')
C("02a4cb05", AP, AYOMBEKOV, "injury", "seriously wounded", "Tolib Ayombekov was seriously wounded", "C3",
  hedge="according to some data", attr=[ASIAPLUS_P6, SOME_DATA])
C("1326f223", AP, AYOMBEKOV, "whereabouts", "currently in one of villages adjacent to Khorog",
  "he is currently in one of villages adjacent to Khorog", "C3", place=KHOROG,
  hedge="according to some data", attr=[ASIAPLUS_P6, SOME_DATA],
  note="'according to some data' read as governing both clauses joined by 'and'. 'currently' = at the time of the report; no calendar date is worked out.")

# Paragraph 7 (background, document's own voice)
C("8a74c67a", AP, CLASHES, "initiated-by", "government forces",
  "The fighting began when government forces launched an operation", "C1", ent=FORCES)
C("905e3c71", AP, FORCES, "action", "launched an operation in the eastern Gorno-Badakhshan region against what it called \"militants\"",
  "government forces launched an operation in the eastern Gorno-Badakhshan region against what it called \"militants\"",
  "C1", place=GBAO)
C("442eb150", AP, CLASHES, "place", "the eastern Gorno-Badakhshan region", "in the eastern Gorno-Badakhshan region", "C1", ent=GBAO)
C("e4db4dbe", AP, GBAO, "located-in", "eastern", "the eastern Gorno-Badakhshan region", "C1", ent=TAJIKISTAN,
  note="'eastern' read as the east of Tajikistan, the country of the report (Dushanbe dateline); the sentence does not name the country.")
C("aaeb3afa", AP, ARMED_GROUPS, "characterisation", "militants", "what it called \"militants\"", "C1", attr=[GOV_CALLED_AP],
  note="The government's own word, put in quotation marks by the document.")
C("1c755190", AP, CLASHES, "follows", "the murder of a high-level security official there on July 21",
  "following the murder of a high-level security official there on July 21", "C1", ent=NAZAROV_KILLING,
  note="'following' can be read as sequence or cause; recorded as sequence (follows).")
C("5cabe24f", AP, NAZAROV_KILLING, "date", "July 21", "the murder of a high-level security official there on July 21", "C5",
  ds="2012-07-21", de="2012-07-21", dp="day", vinf=True, basis=YEAR_FROM_DATELINE)
C("6d0b1e1e", AP, NAZAROV_KILLING, "place", "there (the eastern Gorno-Badakhshan region)",
  "the murder of a high-level security official there", "C1", ent=GBAO,
  note="'there' refers to 'the eastern Gorno-Badakhshan region' earlier in the sentence.")
C("664684d8", AP, NAZAROV, "office-held", "high-level security official", "a high-level security official", "C1",
  note="The sentence does not name him; the next sentence identifies the murdered security chief as General Abdullo Nazarov.")

# Paragraph 8 (background)
C("06c40acd", AP, NAZAROV_KILLING, "held-responsible", "Tolib Ayombekov",
  "The government has blamed Tolib Ayombekov, a former warlord from the civil war, for the murder of regional security chief General Abdullo Nazarov",
  "C2", modality="alleged", ent=AYOMBEKOV, attr=[GOV_BLAMED_AP])
C("29fd66d8", AP, AYOMBEKOV, "office-held", "former warlord from the civil war", "Tolib Ayombekov, a former warlord from the civil war", "C1")
C("803a635d", AP, CIVIL_WAR, "combatant", "Tolib Ayombekov (a former warlord from the civil war)",
  "Tolib Ayombekov, a former warlord from the civil war", "C1", ent=AYOMBEKOV)
C("7f573240", AP, NAZAROV_KILLING, "victim", "regional security chief General Abdullo Nazarov",
  "the murder of regional security chief General Abdullo Nazarov", "C1", ent=NAZAROV,
  note="The murder is presupposed by the document, not part of what the government is said to claim.")
C("31d99684", AP, NAZAROV, "office-held", "regional security chief", "regional security chief General Abdullo Nazarov", "C1")
C("98597316", AP, NAZAROV, "office-held", "General", "General Abdullo Nazarov", "C1", occurrence=2,
  note="Quoted from the last paragraph; the first mention (paragraph 3) sits in a 'reportedly' sentence.")

# ============================ Document 001: encyclopedia article ============================
# Title
C("e0670bd8", EN, CLASHES, "date", "2012", "2012 Gorno-Badakhshan clashes", "C1", occurrence=1,
  ds="2012-01-01", de="2012-12-31", dp="year",
  note="The article's title names the year; the infobox 'Conflict' line repeats the title and makes no new claim (its year is listed in exclusions).")
# Infobox
C("84026e32", EN, CLASHES, "part-of", "Insurgency in Gorno-Badakhshan", "Partof: Insurgency in Gorno-Badakhshan", "C1", ent=INSURGENCY)
C("12591814", EN, CLASHES, "date", "24–25 July 2012", "24–25 July 2012", "C1", ds="2012-07-24", de="2012-07-25", dp="day",
  note="Infobox 'Date' line.")
C("c37ee1ab", EN, CLASHES, "place", "Gorno-Badakhshan", "Place: Gorno-Badakhshan", "C1", ent=GBAO, note="Infobox 'Place' line.")
C("de946a78", EN, CLASHES, "combatant", "Armed Forces of Tajikistan", "Armed Forces of Tajikistan", "C1", ent=FORCES,
  note="Infobox 'Combatant1' line; '25 px' before it is a flag-image width (excluded).")
C("163df4fd", EN, CLASHES, "combatant", "Tolib Ayyombekov and other local commanders", "Tolib Ayyombekov and other local commanders",
  "C1", ent=ARMED_GROUPS, note="Infobox 'Combatant2' line: the rebel side.")
C("d93f3e28", EN, RAHMON, "leader-of", "Emomali Rahmon (Commander1)", "Commander1: 25 px Emomali Rahmon", "C1", ent=FORCES,
  note="Infobox: Commander1 pairs with Combatant1 (Armed Forces of Tajikistan) by position.")
C("9734f61e", EN, AYOMBEKOV, "leader-of", "Tolib Ayyombekov (Commander2)", "Commander2: Tolib Ayyombekov Muhammadboqir Muhammadboqirov",
  "C1", ent=ARMED_GROUPS, note="Infobox: Commander2 pairs with Combatant2 by position; the two names run together without a separator and are read as two commanders.")
C("9f5f4159", EN, MAMADBOQIROV, "leader-of", "Muhammadboqir Muhammadboqirov (Commander2)", "Commander2: Tolib Ayyombekov Muhammadboqir Muhammadboqirov",
  "C1", ent=ARMED_GROUPS, note="Infobox: Commander2 pairs with Combatant2 by position; the two names run together without a separator and are read as two commanders.")
C("abf13cc7", EN, CLASHES, "fighters", "Unknown", "Strength1: Unknown", "C4", scope="government", q="unspecified",
  note="Infobox: Strength1 pairs with Combatant1 (Armed Forces of Tajikistan). The box says the figure is unknown: no figure, C4.")
C("326bb3f2", EN, CLASHES, "fighters", "Unknown", "Strength2: Unknown", "C4", scope="rebels", q="unspecified",
  note="Infobox: Strength2 pairs with Combatant2 (Tolib Ayyombekov and other local commanders). The box says the figure is unknown: no figure, C4.")
C("9078b1d4", EN, CLASHES, "casualties", "Disputed number of civilians casualties", "Casualties3: Disputed number of civilians casualties",
  "C4", scope="civilians", q="unspecified",
  note="Infobox: Casualties3 has no Combatant3 to pair with; the line names civilians itself. 'Disputed': C4. Casualties read as killed or wounded together.")
# Lead paragraph
C("33bc34c6", EN, CLASHES, "combatant", "an armed group led by Tolib Ayyombekov",
  "fighting between Tajik government forces and an armed group led by Tolib Ayyombekov", "C1", ent=AYOMBEKOV_FORCES,
  note="The government side of the same phrase repeats the infobox Combatant1 (no new claim).")
C("e54364c9", EN, AYOMBEKOV, "leader-of", "an armed group led by Tolib Ayyombekov", "an armed group led by Tolib Ayyombekov",
  "C1", ent=AYOMBEKOV_FORCES)
C("1f0724eb", EN, GBAO, "located-in", "Tajikistan's", "Tajikistan's semi-autonomous Gorno-Badakhshan province", "C1", ent=TAJIKISTAN)
C("bad96f97", EN, GBAO, "administrative-status", "semi-autonomous province", "Tajikistan's semi-autonomous Gorno-Badakhshan province", "C1",
  note="Asia-Plus calls it the 'Gorno Badakhshan Autonomous Region'.")
C("1776cd1f", EN, CLASHES, "date", "late July 2012", "in late July 2012", "C1", ds="2012-07-21", de="2012-07-31", dp="month",
  note="'late' read as the last third of the month (guideline, Dates).")
C("d46a9433", EN, CLASHES, "worst-since", "since 2010", "the worst in Tajikistan since 2010", "C3",
  ds="2010-01-01", de="2010-12-31", dp="year", place=TAJIKISTAN, attr=[WESTERN_MEDIA],
  note="'since 2010 or the 1992–1997 civil war': the 'or' leaves two readings (or two descriptions by different media), recorded as two competing claims. 'The Western media' is an unnamed collective: C3.")
C("e4d283ec", EN, CLASHES, "worst-since", "the 1992–1997 civil war", "the worst in Tajikistan since 2010 or the 1992–1997 civil war", "C3",
  ds="1992-01-01", de="1997-12-31", dp="year", place=TAJIKISTAN, attr=[WESTERN_MEDIA],
  note="The other side of 'since 2010 or the 1992–1997 civil war' (see the 'since 2010' claim). 'The Western media' is an unnamed collective: C3.")
C("bcb82ef5", EN, CIVIL_WAR, "date", "1992–1997", "the 1992–1997 civil war", "C1", ds="1992-01-01", de="1997-12-31", dp="year",
  note="The dates of the civil war as the article gives them inside the Western media's comparison; read as the document's own dating.")
# Background
C("d9252092", EN, NAZAROV_KILLING, "date", "21 July",
  "On 21 July, Major-General Abdullo Nazarov, head of the Tajik national intelligence agency's branch in Gorno-Badakhshan, was fatally stabbed",
  "C5", ds="2012-07-21", de="2012-07-21", dp="day", vinf=True, basis=YEAR_FROM_EN)
C("b97a9dc0", EN, NAZAROV_KILLING, "victim", "Major-General Abdullo Nazarov",
  "Major-General Abdullo Nazarov, head of the Tajik national intelligence agency's branch in Gorno-Badakhshan, was fatally stabbed",
  "C1", ent=NAZAROV)
C("59ceb853", EN, NAZAROV, "office-held", "Major-General", "Major-General Abdullo Nazarov", "C1")
C("b9facd43", EN, NAZAROV, "office-held", "head of the Tajik national intelligence agency's branch in Gorno-Badakhshan",
  "Abdullo Nazarov, head of the Tajik national intelligence agency's branch in Gorno-Badakhshan", "C1")
C("4c4954b1", EN, NAZAROV, "cause-of-death", "fatally stabbed",
  "Nazarov, head of the Tajik national intelligence agency's branch in Gorno-Badakhshan, was fatally stabbed", "C1",
  note="Competes with Ayyombekov's account in the same article: killed in a bar fight after he fell and struck his head on a rock.")
C("8532da12", EN, NAZAROV_KILLING, "place", "Ishkashim", "was fatally stabbed in Ishkashim", "C1", ent=ISHKASHIM)
C("c0d640c3", EN, NAZAROV_KILLING, "circumstances", "after being dragged out of his car",
  "was fatally stabbed in Ishkashim after being dragged out of his car", "C1")
C("c9940162", EN, NAZAROV_KILLING, "held-responsible", "the forces of Tolib Ayyombekov",
  "The Tajik government accused the forces of Tolib Ayyombekov, a former opposition fighter, of responsibility",
  "C2", modality="alleged", ent=AYOMBEKOV_FORCES, attr=[GOV_ACCUSED_EN],
  note="The article names his forces; Asia-Plus names Ayombekov himself; Ayyombekov's denial competes in the same fact.")
C("cf36601c", EN, AYOMBEKOV, "office-held", "former opposition fighter", "Tolib Ayyombekov, a former opposition fighter", "C1")
C("59895a33", EN, CIVIL_WAR, "combatant", "Ayyombekov (an opposition combatant)",
  "Ayyombekov had been an opposition combatant during the Tajik Civil War", "C1", ent=AYOMBEKOV)
C("6c9a9347", EN, AYOMBEKOV, "member-of", "the opposition (the United Tajik Opposition)",
  "Ayyombekov had been an opposition combatant during the Tajik Civil War between the United Tajik Opposition and the government",
  "C1", ent=UTO,
  note="'an opposition combatant' in a war 'between the United Tajik Opposition and the government': the opposition is the UTO, named in the same sentence.")
C("23ac498d", EN, CIVIL_WAR, "combatant", "the United Tajik Opposition",
  "the Tajik Civil War between the United Tajik Opposition and the government", "C1", ent=UTO)
C("ca1adaa0", EN, CIVIL_WAR, "combatant", "the government led by President Emomali Rahmon",
  "the Tajik Civil War between the United Tajik Opposition and the government led by President Emomali Rahmon", "C1", ent=GOV)
C("0afaa208", EN, RAHMON, "leader-of", "the government led by President Emomali Rahmon",
  "the government led by President Emomali Rahmon", "C1", ent=GOV,
  note="During the civil war, as the sentence says; no dates are given.")
C("c2db2d64", EN, RAHMON, "office-held", "President", "President Emomali Rahmon", "C1")
C("8a0d39c5", EN, AYOMBEKOV, "office-held", "a government post (given in a subsequent peace deal)",
  "He was given a government post in a subsequent peace deal", "C1",
  note="'a subsequent peace deal' follows the civil war; the article does not name it (presumably event:tajik-peace-agreement-1997, not asserted here).")
OUSTED_QUOTE = "Ayyombekov, as well as other local leaders such as Muhammadboqir Muhammadboqirov, were gradually driven out as Rahmon again centralised power"
C("9b52feb7", EN, AYOMBEKOV, "ousted", "gradually driven out as Rahmon again centralised power", OUSTED_QUOTE, "C1",
  note="Stated cause: Rahmon's centralisation of power (also recorded as Rahmon's action).")
C("1f6e2954", EN, MAMADBOQIROV, "ousted", "gradually driven out as Rahmon again centralised power", OUSTED_QUOTE, "C1",
  note="Stated cause: Rahmon's centralisation of power (also recorded as Rahmon's action).")
C("a9f2e812", EN, AYOMBEKOV, "office-held", "local leader", "Ayyombekov, as well as other local leaders", "C1",
  note="'as well as other local leaders' counts Ayyombekov among them.")
C("a040584f", EN, MAMADBOQIROV, "office-held", "local leader", "other local leaders such as Muhammadboqir Muhammadboqirov", "C1")
C("ab583ce4", EN, RAHMON, "action", "again centralised power", "Rahmon again centralised power", "C1",
  note="Given as the cause of the ousting of Ayyombekov and Muhammadboqirov.")
C("e85d65bf", EN, AYOMBEKOV, "accused-of", "tobacco smuggling", "Rahmon's government had also accused Ayyombekov of tobacco smuggling",
  "C2", modality="alleged", attr=[GOV_ACCUSED_SMUGGLING])
C("df0f3977", EN, NAZAROV_KILLING, "held-responsible", "Ayyombekov (denies any responsibility)",
  "Ayyombekov denied any responsibility for Nazarov's death", "C2", modality="denied", ent=AYOMBEKOV, attr=[AYOMBEKOV_DENIED],
  note="Competes with the government's accusation (of Ayyombekov in Asia-Plus, of his forces in this article).")
C("40b2d1f4", EN, NAZAROV, "cause-of-death", "killed in a simple bar fight after he fell and struck his head on a rock",
  "the general had been killed in a simple bar fight after he fell and struck his head on a rock", "C2", attr=[AYOMBEKOV_STATED],
  note="Ayyombekov's account; competes with 'fatally stabbed' in the same article.")
# Clashes section
C("a5afe375", EN, AYOMBEKOV, "accused-of", "Ayyombekov and his accomplices have declined to face justice",
  "Ayyombekov and his accomplices have declined to face justice", "C1", modality="alleged", attr=[GOV_ANNOUNCED],
  note="The government's announcement in direct quotation (C1); it accuses him (and his accomplices) of refusing to face justice.")
C("37f60f27", EN, CLASHES, "restriction-imposed", "phone and internet communications were cut off to the Gorno-Badakhshan capital of Khorog",
  "phone and internet communications were cut off to the Gorno-Badakhshan capital of Khorog", "C1", place=KHOROG,
  note="After the government's announcement; the text does not say who cut them.")
C("a62f0e68", EN, KHOROG, "capital-of", "the Gorno-Badakhshan capital", "the Gorno-Badakhshan capital of Khorog", "C1", ent=GBAO)
C("196b7a55", EN, CLASHES, "restriction-imposed", "Tajikistan's most popular news website was also shut down",
  "Tajikistan's most popular news website was also shut down", "C1", note="The website is not named.")
C("7316c841", EN, CLASHES, "evacuated", "the personnel of international aid groups",
  "the personnel of international aid groups were evacuated", "C1")
C("aa748624", EN, CLASHES, "restriction-imposed", "Roadblocks were erected on roads leading into the area",
  "Roadblocks were erected on roads leading into the area", "C1",
  note="'the area' is not specified further (Khorog or the province); no place qualifier.")
C("47a0b1db", EN, FORCES, "action", "moved into the province", "Tajik military forces then moved into the province", "C1", place=GBAO)
C("cfef1660", EN, CLASHES, "start-date", "on 24 July", "\"heavy fighting\" ensued on 24 July", "C5",
  ds="2012-07-24", de="2012-07-24", dp="day", vinf=True, basis=YEAR_FROM_EN,
  note="'ensued on 24 July' read as the start of the fighting (start-date), so that it does not compete with 'the following day' as a single-day date of the whole event.")
C("7ee59300", EN, CLASHES, "characterisation", "heavy fighting", "\"heavy fighting\"", "C3",
  note="The article puts the words in quotation marks without saying whose they are: an anonymous originator, C3.")
C("56f8904d", EN, CLASHES, "place", "the streets of Khorog", "in the streets of Khorog", "C1", ent=KHOROG)
C("efce4383", EN, CLASHES, "deployed", "800 Tajik soldiers", "800 Tajik soldiers had been deployed to the area", "C3",
  scope="government", q="about", n=800, hedge="estimated", attr=[AYOMBEKOV_ESTIMATED],
  note="'estimated' read as an approximate figure (qualifier about, ±10 %), and the source is a party to the fighting.")
C("16befcf6", EN, CLASHES, "means-used", "armored vehicles", "Residents reported seeing armored vehicles", "C3", attr=[RESIDENTS],
  note="Unnamed residents: C3. Whose vehicles is not said.")
C("c949d590", EN, CLASHES, "means-used", "helicopter gunships", "Residents reported seeing armored vehicles and helicopter gunships",
  "C3", attr=[RESIDENTS], note="Unnamed residents: C3. Whose helicopters is not said.")
C("ffb70b33", EN, CLASHES, "killed-by", "snipers", "snipers had killed at least six civilians", "C2", scope="civilians", attr=[RFERL])
C("7d4a1259", EN, CLASHES, "victims-included", "children", "at least six civilians, including children", "C2", scope="civilians", attr=[RFERL])
SAIDOV_QUOTE = "the chief military prosecutor, Khairullo Saidov, suffered a foot injury"
SAIDOV_NOTE = ("The 'while' clause may be the unnamed government source's statement, the AP's own report or the article's; "
               "the lowest reading is taken (part of what the AP's unnamed source stated): C3.")
C("aed8ed21", EN, SAIDOV, "injury", "a foot injury", SAIDOV_QUOTE, "C3", attr=[AP_CITED, AP_SOURCE], note=SAIDOV_NOTE)
C("7bcf1aa5", EN, SAIDOV, "office-held", "chief military prosecutor", SAIDOV_QUOTE, "C3", attr=[AP_CITED, AP_SOURCE], note=SAIDOV_NOTE)
HALT_QUOTE = "President Rahmon ordered a halt to operations the following day"
HALT_BASIS = ("'the following day' after '\"heavy fighting\" ensued on 24 July' (same section, two paragraphs earlier; guideline basis 1), "
              "year from '24–25 July 2012' in the infobox: 25 July 2012.")
C("e88bca5e", EN, RAHMON, "action", "ordered a halt to operations", HALT_QUOTE, "C5",
  ts="2012-07-25", te="2012-07-25", tp="day", tinf=True, basis=HALT_BASIS)
C("aad85338", EN, CLASHES, "end-date", "the following day (halt to operations ordered)", HALT_QUOTE, "C5",
  ds="2012-07-25", de="2012-07-25", dp="day", vinf=True, basis=HALT_BASIS,
  note="The day the president ordered the operations to stop; the article does not say when the fighting actually stopped. Agrees with the infobox '24–25 July 2012'.")
C("bbc4b4c0", EN, ARMED_GROUPS, "undertaking", "make \"concessions\"",
  "rebel commanders had agreed to make \"concessions,\"", "C2", modality="promised", attr=[RAHMON_STATING],
  note="Rahmon's statement in reported speech (one word quoted); given as his reason for halting operations.")
C("1a8f9586", EN, RAHMON, "demanded", "all Gorno-Badakhshan militant groups to disarm",
  "called on all Gorno-Badakhshan militant groups to disarm", "C1", modality="demanded",
  note="Same sentence as the halt order; no time qualifier is worked out for the call.")
C("870f4b00", EN, KHAIRULLOYEV, "office-held", "Defence Minister", "Defence Minister Sherali Khairulloyev", "C2", attr=[REUTERS])
C("8a5e8f24", EN, KHAIRULLOYEV, "action", "had traveled to the area", "Sherali Khairulloyev had traveled to the area", "C2",
  place=GBAO, attr=[REUTERS], note="'the area' read as Gorno-Badakhshan, the area of the fighting.")
C("3dc8ab22", EN, KHAIRULLOYEV, "amnesty-offered", "all militant leaders who surrendered",
  "to offer amnesty to all militant leaders who surrendered", "C2", modality="intended", attr=[REUTERS],
  note="The purpose of his trip ('to offer'): a statement of intent, not a report that the offer was made. Conditional on surrender.")
# Aftermath
IMOM_QUOTE = "on August 22, 2012, former Tajik opposition leader Imomnazar Imomnazarov was killed"
C("2c65c39b", EN, IMOMNAZAROV_KILLING, "date", "August 22, 2012", IMOM_QUOTE, "C1", ds="2012-08-22", de="2012-08-22", dp="day")
C("cd3ee1c8", EN, IMOMNAZAROV_KILLING, "victim", "former Tajik opposition leader Imomnazar Imomnazarov",
  "former Tajik opposition leader Imomnazar Imomnazarov was killed", "C1", ent=IMOMNAZAROV)
C("e38c40ca", EN, IMOMNAZAROV, "office-held", "former Tajik opposition leader",
  "former Tajik opposition leader Imomnazar Imomnazarov", "C1")
C("c4df3281", EN, IMOMNAZAROV_KILLING, "follows", "the fighting", "In the aftermath of the fighting", "C1", ent=CLASHES)
C("f755cbfb", EN, IMOMNAZAROV_KILLING, "held-responsible", "the Tajik government",
  "was killed, by what many locals suspect to be the Tajik government", "C3", modality="alleged", ent=GOV,
  hedge="suspect", attr=[LOCALS], note="Unnamed locals' suspicion: C3.")

# --------------------------------------------------------------------------------------------
# Coverage exclusions: numbers that are not a claim's value (source, text, occurrence, reason)
EXCLUSIONS = [
    (AP, "30", dict(prefix="DUSHANBE, July "), "Dateline day: the document's own metadata, recorded in sources (published_start/end)."),
    (AP, "2012", dict(prefix="DUSHANBE, July 30, "), "Dateline year: the document's own metadata, recorded in sources (published_start/end)."),
    (AP, "one", dict(prefix="he is currently in "), "'one of villages adjacent to Khorog': picks out an unnamed village, not a count; the place is the value of the whereabouts claim."),
    (EN, "2012", dict(prefix="- Conflict: "), "Infobox 'Conflict' field repeats the article title; the title's year (offset 2) is claimed once."),
    (EN, "1", dict(prefix="- Combatant"), "Infobox field label 'Combatant1' (wiki markup)."),
    (EN, "25", dict(prefix="- Combatant1: "), "Flag-image width '25 px' (wiki markup residue)."),
    (EN, "2", dict(prefix="- Combatant"), "Infobox field label 'Combatant2' (wiki markup)."),
    (EN, "1", dict(prefix="- Commander"), "Infobox field label 'Commander1' (wiki markup)."),
    (EN, "25", dict(prefix="- Commander1: "), "Flag-image width '25 px' (wiki markup residue)."),
    (EN, "2", dict(prefix="- Commander"), "Infobox field label 'Commander2' (wiki markup)."),
    (EN, "1", dict(prefix="- Strength"), "Infobox field label 'Strength1' (wiki markup)."),
    (EN, "2", dict(prefix="- Strength"), "Infobox field label 'Strength2' (wiki markup)."),
    (EN, "1", dict(prefix="- Casualties"), "Infobox field label 'Casualties1' (wiki markup)."),
    (EN, "2", dict(prefix="- Casualties"), "Infobox field label 'Casualties2' (wiki markup)."),
    (EN, "3", dict(prefix="- Casualties"), "Infobox field label 'Casualties3' (wiki markup)."),
]

# ============================================================================================
# Machinery: build rows from the specs and merge them into the tables.


def _locate(source, text, where):
    return locate(TEXT[source], text, **where)


def _rubric():
    return {row["rule_id"]: row["confidence"] for row in read_rows(ROOT, "confidence_rubric")}


def build_claims():
    confidence = _rubric()
    claims, attributions = [], []
    for spec in CLAIMS:
        where = {k: spec[k] for k in ("occurrence", "prefix", "suffix") if k in spec}
        span = _locate(spec["source"], spec["quote"], where)
        claim_id = f"{spec['source']}/{spec['cid']}"
        q, n = spec.get("q"), spec.get("n")
        low, high = derive_bounds(q, n) if q else (None, None)
        claims.append({
            "claim_id": claim_id, "source_id": spec["source"], "subject_id": spec["subject"],
            "property_id": spec["prop"], "scope": spec.get("scope"), "modality": spec.get("modality", "asserted"),
            "value": spec["value"], "value_qualifier": q, "value_number": n, "value_min": low, "value_max": high,
            "value_entity_id": spec.get("ent"), "value_date_start": spec.get("ds"), "value_date_end": spec.get("de"),
            "value_date_precision": spec.get("dp"), "value_is_inferred": spec.get("vinf"),
            "place_id": spec.get("place"), "time_start": spec.get("ts"), "time_end": spec.get("te"),
            "time_precision": spec.get("tp"), "time_is_inferred": spec.get("tinf"), "inference_basis": spec.get("basis"),
            "quote": span.text, "quote_start": span.start, "quote_end": span.end, "hedge": spec.get("hedge"),
            "confidence": confidence[spec["rule"]], "confidence_rule": spec["rule"], "status": "active",
            "extracted_by": EXTRACTED_BY, "guideline_version": GUIDELINE, "note": spec.get("note"),
        })
        for position, (agent, kind, evidence, ev_where, note) in enumerate(spec.get("attr", []), 1):
            ev = _locate(spec["source"], evidence, ev_where)
            attributions.append({"claim_id": claim_id, "position": position, "agent_id": agent, "attribution_kind": kind,
                                 "evidence": ev.text, "evidence_start": ev.start, "evidence_end": ev.end, "note": note})
    return claims, attributions


def build_exclusions():
    rows = []
    numbers = {sid: find_numbers(sid, text) for sid, text in TEXT.items()}
    for source, text, where, reason in EXCLUSIONS:
        span = _locate(source, text, where)
        assert any(num.start == span.start and num.end == span.end for num in numbers[source]), (source, text, span)
        rows.append({"source_id": source, "text": span.text, "start": span.start, "end": span.end, "reason": reason})
    return rows


def merge(table, new_rows, key):
    """Replace rows with the same key, add the others; rows of other contributors are untouched."""
    current = read_rows(ROOT, table)
    new_keys = {tuple(str(row[k]) for k in key) for row in new_rows}
    kept = [row for row in current if tuple(str(row.get(k)) for k in key) not in new_keys]
    write_table(ROOT, table, kept + [{k: v for k, v in row.items() if v is not None} for row in new_rows])


def main():
    ids = [spec["cid"] for spec in CLAIMS]
    assert len(ids) == len(set(ids)), "claim ids must be unique"

    merge("properties", [dict(property_id=p, label=l, description=d, value_type=t, unit=u, cardinality=c, is_scoped=s, notes=n)
                         for p, l, d, t, u, c, s, n in PROPERTIES], ["property_id"])

    entity_rows = [dict(entity_id=e, entity_type=t, canonical_name=c, description=d, part_of_id=p, notes=n)
                   for e, t, c, d, p, n in ENTITIES]
    current = {row["entity_id"]: row for row in read_rows(ROOT, "entities")}
    for entity_id, changes in ENTITY_UPDATES.items():
        entity_rows.append({**current[entity_id], **changes})
    merge("entities", entity_rows, ["entity_id"])

    merge("aliases", [dict(entity_id=e, alias=a, alias_kind=k, source_id=s, note=n) for e, a, k, s, n in ALIASES],
          ["entity_id", "alias"])

    claims, attributions = build_claims()
    # Claims corrected since (claims correct) are deprecated in claims.csv: writing this first
    # extraction again would make them active beside their corrections.
    corrected = sorted(row["claim_id"] for row in read_rows(ROOT, "claims")
                       if row["claim_id"] in {row["claim_id"] for row in claims} and row["status"] == "deprecated")
    if corrected:
        raise SystemExit(f"not re-run: {', '.join(corrected)} were corrected since this extraction (see their "
                         "deprecation_reason); this script is a record, extraction/README.md")
    merge("claims", claims, ["claim_id"])
    # the chains of these claims are rewritten whole
    mine = {row["claim_id"] for row in claims}
    current_attr = [row for row in read_rows(ROOT, "attributions") if row["claim_id"] not in mine]
    write_table(ROOT, "attributions", current_attr + [{k: v for k, v in row.items() if v is not None} for row in attributions])

    merge("exclusions", build_exclusions(), ["source_id", "start"])
    print(f"{len(claims)} claims, {len(attributions)} attribution rows, {len(ENTITIES)} entities, "
          f"{len(ALIASES)} aliases, {len(PROPERTIES)} properties, {len(EXCLUSIONS)} exclusions")


if __name__ == "__main__":
    main()
