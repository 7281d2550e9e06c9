#!/usr/bin/env python3
"""Claims of two seed documents, extracted under guideline 1.0.0 (docs/model.md):

* report-2015-tajikistan-13-dead  (seeds/002_36a186174aa90624.txt), the 2015 Nazarzoda attacks;
* report-1998-khodzhand-89-dead   (seeds/003_e1dcb4253e9708da.txt), the 1998 Khujand rebellion.

The script is the record of how the rows were made: lists of properties, entities, aliases,
claim specs (with their claim ids, minted once and kept here) and coverage exclusions. Quotes and
evidence are located in the seeds by claims.authoring.locate (never typed offsets) and bounds are
derived by claims.quantities.derive_bounds.

It is safe to run again: it reads the current tables, replaces the rows it owns (same keys, and
the attribution rows of its own claims) and leaves every other row alone.

Run from the package root, with the toolkit installed (make):  .venv/bin/python extraction/extract-1998-2015.py
"""

from __future__ import annotations

from pathlib import Path

from claims.authoring import locate, read_rows, write_table
from claims.coverage import find_numbers
from claims.quantities import derive_bounds

ROOT = Path(__file__).resolve().parents[1]

EXTRACTED_BY = "claude-opus (AI-assisted extraction)"
GUIDELINE = "1.0.0"
R15 = "report-2015-tajikistan-13-dead"
R98 = "report-1998-khodzhand-89-dead"
SEEDS = {R15: "seeds/002_36a186174aa90624.txt", R98: "seeds/003_e1dcb4253e9708da.txt"}
TEXT = {source: (ROOT / path).read_text(encoding="utf-8") for source, path in SEEDS.items()}

# --------------------------------------------------------------------------------------------
# Properties added by this extraction (existing ones reused: killed, wounded, detained, fighters,
# reinforcements, held-responsible, office-held, place, date, start-date).
# --------------------------------------------------------------------------------------------


def prop(property_id, label, description, value_type, cardinality, is_scoped=False, unit=None, notes=None):
    return dict(property_id=property_id, label=label, description=description, value_type=value_type,
                unit=unit, cardinality=cardinality, is_scoped=is_scoped, notes=notes)


PROPERTIES = [
    prop("accused-of", "accused of", "Wrongdoing the subject is accused of, in the source's words. An accusation is modality alleged; the accuser is the claim's attribution.", "text", "multi"),
    prop("amnestied-under", "amnestied under", "The agreement or decree under which the subject person was amnestied or benefited from an amnesty.", "entity", "multi"),
    prop("attacks", "number of attacks", "Number of separate attacks the subject event consisted of.", "quantity", "single", unit="attack"),
    prop("backed-by", "backed by", "Who backs or supports the subject (a state backing a government, a president expressing support).", "entity", "multi"),
    prop("borders", "borders", "A country or region the subject place borders.", "entity", "multi"),
    prop("capital-of", "capital of", "The country or region of which the subject place is the capital.", "entity", "single"),
    prop("captured", "captured or retaken", "What a side took or took back in the subject event (buildings, an airport, installations), in the source's words; the value names the side.", "text", "multi"),
    prop("carried-out-by", "carried out by", "Who carried out the subject event or act: the attackers of an attack, the force conducting an operation, the authority issuing a ban, the person staging a coup.", "entity", "multi",
         notes="Who is blamed for an event by someone else is held-responsible (modality alleged), not carried-out-by."),
    prop("characterisation", "characterisation", "How the source characterises the subject (nature, scale, condition, political position), in its words, where no more specific property fits.", "text", "multi"),
    prop("condemned-by", "condemned by", "Who condemned the subject event.", "entity", "multi"),
    prop("demanded", "demanded", "A demand the subject party makes, in the source's words (modality demanded); another party's refusal to consider it is modality refused in the same fact.", "text", "multi"),
    prop("dismissed-from", "dismissed from", "A post the subject person was dismissed (sacked) from.", "text", "multi"),
    prop("distance-from-capital", "distance from the capital", "Distance of the subject place, or of where the subject event happened, from the country's capital (Dushanbe); the direction stays in the value.", "quantity", "single", unit="kilometre",
         notes="A relation to a reference place other than the capital would need its own property: a claim has no column for a second entity."),
    prop("duration-days", "duration in days", "How long the subject event lasted, in days, as stated.", "quantity", "single", unit="day"),
    prop("duration-years", "duration in years", "How long the subject event lasted, in years, as stated.", "quantity", "single", unit="year"),
    prop("departed", "left or evacuated (number)", "Number of people who left or were evacuated: the people of the subject organisation, or the people who left the area of the subject event.", "quantity", "single", unit="person"),
    prop("led-by", "led by", "Who leads or commands the subject group or force.", "entity", "multi"),
    prop("linked-to", "linked to", "An organisation the subject is said to have links with; an accusation of links is modality alleged.", "entity", "multi"),
    prop("measure-taken", "measure taken", "An action taken or announced in response to the subject event (increased patrols, aid to the wounded), in the source's words; a future action is modality intended.", "text", "multi"),
    prop("means-used", "means used", "Equipment or means used in the subject event or operation (helicopters), in the source's words.", "text", "multi"),
    prop("member-of", "member of", "An organisation the subject person belongs or belonged to; the time qualifier says when, where the text states it.", "entity", "multi"),
    prop("negotiations", "negotiations", "Whether talks over the subject event are or will be held: offers (proposed), conditions and refusals (refused) compete in one fact.", "text", "single"),
    prop("outcome", "outcome", "What the subject event achieved or led to, in the source's words (rebels driven out, attackers fleeing, the end of fighting); a feared or forecast consequence is modality expected.", "text", "multi"),
    prop("party", "party", "A side or participant in the subject event, conflict, agreement or conversation. A statement that someone was not involved is modality denied.", "entity", "multi"),
    prop("personnel", "personnel", "Number of personnel (troops) of the subject force; the place qualifier says where, if stated.", "quantity", "single", unit="person"),
    prop("population", "population", "Number of inhabitants of the subject place.", "quantity", "single", unit="person"),
    prop("purpose", "purpose", "The stated aim of the subject event, operation, deployment or organisation, or of a party's action in it (the attribution says whose). A party's own statement of what it means to do is modality intended; a purpose the document states of a deployment or an organisation's mandate is asserted.", "text", "multi"),
    prop("share-of-seats", "share of seats", "Share of seats in the government the subject party holds (asserted) or demands (modality demanded).", "quantity", "single", unit="percent"),
    prop("stated-cause", "stated cause", "The cause the source gives for the subject act, or for an act of the subject organisation (why its staff left), in the source's words.", "text", "multi"),
    prop("stationed-at", "stationed at", "Where the subject force is stationed or deployed.", "entity", "multi"),
    prop("status", "status", "The state of the subject event at the time of the statement (continuing, ended), in the source's words. Multi because different wordings of one state do not compete.", "text", "multi"),
    prop("surrender", "surrender", "Whether the subject armed group surrenders: an offer of surrender (proposed), a refusal (refused) and a surrender (asserted) compete in one fact.", "text", "single"),
    prop("target", "target", "What or whom the subject attack, operation or act was directed against.", "entity", "multi"),
    prop("weapons-seized", "weapons seized", "Number of weapons or ammunition items taken (seized, captured or recovered) in the subject event by the sides in scope: attackers taking weapons is rebels, police recovering them is government.", "quantity", "single", is_scoped=True, unit="item",
         notes="'A large amount' is unspecified; 'weapons and ammunition boxes' is counted as one figure of items."),
]

# --------------------------------------------------------------------------------------------
# Entities added by this extraction (shared entities are reused, never redefined here).
# --------------------------------------------------------------------------------------------


def ent(entity_id, canonical_name, description, part_of_id=None, notes=None):
    return dict(entity_id=entity_id, entity_type=entity_id.split(":")[0], canonical_name=canonical_name,
                description=description, part_of_id=part_of_id, notes=notes)


ENTITIES = [
    # 2015
    ent("event:nazarzoda-friday-attacks-2015", "2015 Friday attacks (Defence Ministry and police station)",
        "The two attacks of the Friday of the 2015 crisis, one on the Defence Ministry in Dushanbe, the other on a suburban police station; 8 policemen and 9 attackers killed per the 2015 report.",
        "event:nazarzoda-attacks-2015", "The 2015 report dates it only as 'Friday'; no calendar date is recorded."),
    ent("event:defence-ministry-attack-2015", "2015 attack on the Defence Ministry in Dushanbe",
        "One of the two Friday attacks of the 2015 crisis: the attack on the Defence Ministry in Dushanbe.",
        "event:nazarzoda-friday-attacks-2015"),
    ent("event:police-station-attack-2015", "2015 attack on a suburban police station",
        "One of the two Friday attacks of the 2015 crisis: the attack on a suburban police station (not named).",
        "event:nazarzoda-friday-attacks-2015"),
    ent("event:nazarzoda-police-operation-2015", "2015 Saturday police operation against the Nazarzoda group",
        "The police operation of the Saturday after the Friday attacks of 2015, with military and helicopters, against the armed group blamed for them (13 of its members killed, arrests, weapons recovered).",
        "event:nazarzoda-attacks-2015", "A different event from the Friday attacks (another day, another operation): their figures never compete. The 2015 report dates it only as 'Saturday'."),
    ent("event:irpt-ban-2015", "2015 ban of the Islamic Renaissance Party of Tajikistan",
        "The ban of the IRPT by the Tajik authorities, which the 2015 report places 'last week' before its own (unstated) date.",
        "place:tajikistan"),
    ent("event:putin-rahmon-telephone-call-2015", "2015 Putin-Rahmon telephone conversation",
        "Telephone conversation between Vladimir Putin and Emomali Rahmon on the Saturday of the 2015 police operation, in which Putin denounced an attempt to destabilise Tajikistan.",
        None, "Reported through Pervy Kanal quoting the Kremlin spokesman Dmitri Peskov."),
    ent("place:suburban-police-station-2015", "suburban police station attacked in 2015",
        "The police station in a suburb attacked on the Friday of the 2015 attacks; the 2015 report names neither the station nor the town.",
        "place:tajikistan"),
    ent("person:abdukhalim-nazarzoda", "Abdukhalim Nazarzoda",
        "Deputy defence minister of Tajikistan, sacked and blamed for the 2015 attacks; per the 2015 report a United Tajik Opposition fighter in the civil war, later an official and an IRPT member.",
        None, "Spelled 'Abdoukhalim Nazarzoda' in the 2015 report (a French transliteration)."),
    ent("person:vladimir-putin", "Vladimir Putin", "President of Russia."),
    ent("person:dmitri-peskov", "Dmitri Peskov", "Spokesman of the Kremlin (the Russian president's press secretary)."),
    ent("organisation:tajik-interior-ministry", "Ministry of Internal Affairs of Tajikistan",
        "The Tajik interior ministry (in charge of the police).", "organisation:government-of-tajikistan"),
    ent("organisation:tajik-police", "Tajik police",
        "The police of Tajikistan, as the documents speak of policemen, police stations, police operations and patrols.",
        "organisation:tajik-government-forces"),
    ent("organisation:nazarzoda-armed-group", "Nazarzoda armed group",
        "The armed group(s) blamed for the 2015 Friday attacks and hunted by the Saturday police operation: 'armed groups', 'attackers', 'the criminal group Nazarzoda', 'the rebels' in the 2015 report.",
        None, "The 2015 report says 'armed groups' (plural) in its lead and 'the criminal group Nazarzoda' (singular) in the ministry's statement; one entity, as the report treats them as one adversary."),
    ent("organisation:irpt", "Islamic Renaissance Party of Tajikistan",
        "Islamic political party of Tajikistan; banned in 2015 per the 2015 report."),
    ent("organisation:islamic-state", "Islamic State", "The jihadist organisation Islamic State."),
    ent("organisation:pervy-kanal", "Pervy Kanal", "Russian public television channel (Channel One)."),
    ent("organisation:government-of-russia", "Government of Russia",
        "The Russian state and its leadership as the documents speak of it ('Moscow', 'Russia', 'the Kremlin')."),
    ent("agent:analysts-2015", "analysts (2015 report)",
        "Unnamed analysts whose concern about a radicalisation of the opposition the 2015 report mentions."),
    # 1998
    ent("person:zafar-saidov", "Zafar Saidov",
        "Spokesman of President Imomali Rakhmonov (Emomali Rahmon) at the time of the 1998 Khujand rebellion.",
        None, "Not Khairullo Saidov, the chief military prosecutor of 2012: one surname, two people, two entities."),
    ent("person:makhmud-khudoiberdyev", "Makhmud Khudoiberdyev",
        "Former Tajik army colonel and commander of an armored brigade; led the 1998 rebellion in Leninabad region."),
    ent("person:abdurakhmon-azimov", "Abdurakhmon Azimov", "Deputy Prime Minister of Tajikistan at the time of the 1998 report."),
    ent("person:jan-kubis", "Jan Kubis", "United Nations representative in Dushanbe at the time of the 1998 report."),
    ent("organisation:khudoiberdyev-rebels", "Khudoiberdyev's rebels",
        "The rebel forces under Makhmud Khudoiberdyev in the 1998 rebellion in northern Tajikistan ('rebel troops', 'rebel forces', 'the northern rebels').",
        None, "A third force, separate from the government and from the United Tajik Opposition, per the 1998 report."),
    ent("organisation:interfax", "Interfax", "Russian news agency."),
    ent("organisation:tajik-government-press-service", "Tajik government press service",
        "The press service of the Tajik government, as cited by Interfax in 1998.", "organisation:government-of-tajikistan"),
    ent("organisation:red-cross", "Red Cross",
        "The Red Cross, as the 1998 report names it (it does not say which body of the Red Cross movement)."),
    ent("organisation:united-nations", "United Nations", "The United Nations organisation."),
    ent("organisation:unmot", "United Nations Mission of Observers in Tajikistan",
        "UN mission overseeing the Tajik peace process.", "organisation:united-nations"),
    ent("organisation:russian-forces-in-tajikistan", "Russian forces in Tajikistan",
        "Russian troops stationed in Tajikistan, mostly along the border with Afghanistan per the 1998 report.",
        "organisation:government-of-russia"),
    ent("agent:defence-ministry-source-1998", "Defence Ministry source (1998 report)",
        "Unnamed Defence Ministry source cited by the 1998 report about a bomb in Dushanbe and police patrols."),
    ent("agent:red-cross-representative-1998", "Red Cross representative (1998 report)",
        "Unnamed Red Cross representative cited by the 1998 report about help for about 90 wounded."),
    ent("place:leninabad-region", "Leninabad region", "Region of northern Tajikistan (later renamed Sughd region).", "place:tajikistan"),
    ent("place:khujand", "Khujand", "City in northern Tajikistan, centre of Leninabad region.", "place:leninabad-region",
        "Spelled 'Khodzhand' and 'Khudzhand' in the 1998 report."),
    ent("place:chkalovsk", "Chkalovsk", "Town in northern Tajikistan near Khujand.", "place:leninabad-region"),
    ent("place:afghanistan", "Afghanistan", "Country south of Tajikistan."),
    ent("place:tajik-afghan-border", "Tajik-Afghan border", "Tajikistan's southern border with Afghanistan.", "place:tajikistan"),
    ent("event:khudoiberdyev-coup-attempt", "Khudoiberdyev coup attempt",
        "Coup attempt staged by Makhmud Khudoiberdyev, which the 1998 report dates only as 'in August last year'.",
        "place:tajikistan", "No year in the id: the report states none."),
    ent("event:southern-town-bomb-attack", "bomb attack in a southern Tajik town (1998 report)",
        "Bomb attack on the Tuesday before the 1998 report in an unnamed southern Tajik town, killing one person; Khudoiberdyev suspected of ordering it.",
        "place:tajikistan"),
    ent("event:dushanbe-overnight-bomb", "overnight bomb in Dushanbe (1998 report)",
        "Bomb that exploded overnight in Dushanbe during the 1998 Khujand rebellion, without injuries, per a Defence Ministry source.",
        "place:dushanbe"),
]

# --------------------------------------------------------------------------------------------
# Aliases: every spelling found in the two documents (key: entity_id, alias).
# --------------------------------------------------------------------------------------------


def alias(entity_id, name, kind, source, note=None):
    return dict(entity_id=entity_id, alias=name, alias_kind=kind, source_id=source, note=note)


ALIASES = [
    # shared entities
    alias("person:emomali-rahmon", "Emomali Rakhmon", "transliteration", R15, "Rahmon with a Russian-style 'kh'."),
    alias("person:emomali-rahmon", "Imomali Rakhmonov", "earlier-name", R98, "The president's name before he dropped the Russian surname ending (Rakhmonov -> Rahmon, 2007); same person."),
    alias("person:emomali-rahmon", "Rakhmonov", "earlier-name", R98, "Short form of the earlier name Imomali Rakhmonov."),
    alias("place:dushanbe", "Dushanbe", "canonical", R15, "Also in the 1998 report."),
    alias("organisation:tajik-defence-ministry", "Defense Ministry", "short-form", R15, "US spelling; also in the 1998 report ('a Defense Ministry source')."),
    alias("organisation:government-of-tajikistan", "The authorities", "descriptive", R15),
    alias("organisation:government-of-tajikistan", "pro-communist power", "descriptive", R15, "The government side of the civil war, in the 2015 report's words."),
    alias("organisation:government-of-tajikistan", "the government", "descriptive", R98),
    alias("organisation:government-of-tajikistan", "the secular government", "descriptive", R98),
    alias("organisation:tajik-government-forces", "Government troops", "descriptive", R98),
    alias("organisation:tajik-government-forces", "government forces", "descriptive", R98),
    alias("organisation:tajik-government-forces", "Tajik Forces", "descriptive", R98, "Headline of the 1998 report."),
    alias("organisation:tajik-government-forces", "Rakhmonov's forces", "descriptive", R98),
    alias("organisation:tajik-government-forces", "military", "descriptive", R15, "'with the participation of military and helicopters'."),
    alias("organisation:united-tajik-opposition", "the united opposition", "descriptive", R15),
    alias("organisation:united-tajik-opposition", "Islamist rebels", "descriptive", R15, "The civil-war opposing side in the 2015 report ('between pro-communist power and Islamist rebels'); the same sentence names it 'the united opposition'."),
    alias("organisation:united-tajik-opposition", "Islamist opposition forces", "descriptive", R98, "The party to the peace agreement opposite the government."),
    alias("event:tajik-civil-war", "the bloody civil war", "descriptive", R15),
    alias("event:tajik-civil-war", "civil war", "descriptive", R98, "'five years of civil war'."),
    alias("event:tajik-peace-agreement-1997", "the peace agreements", "descriptive", R15, "'the peace agreements signed in 1997'."),
    alias("event:tajik-peace-agreement-1997", "a peace accord", "descriptive", R98, "'a peace accord was signed last year': identified with the 1997 agreement as an entity, not as a date claim."),
    alias("event:tajik-peace-agreement-1997", "a peace agreement", "descriptive", R98, "'signed between the secular government ... and Islamist opposition forces'."),
    # 2015
    alias("event:nazarzoda-police-operation-2015", "a vast police operation", "descriptive", R15, "Headline."),
    alias("event:nazarzoda-police-operation-2015", "a major police operation", "descriptive", R15),
    alias("event:nazarzoda-friday-attacks-2015", "Friday’s attacks", "descriptive", R15),
    alias("person:abdukhalim-nazarzoda", "Abdukhalim Nazarzoda", "canonical", None, "Spelling used by the shared event description."),
    alias("person:abdukhalim-nazarzoda", "Abdoukhalim Nazarzoda", "transliteration", R15, "French transliteration ('ou' for 'u')."),
    alias("person:abdukhalim-nazarzoda", "Mr. Nazarzoda", "short-form", R15),
    alias("person:vladimir-putin", "Vladimir Putin", "canonical", R15),
    alias("person:dmitri-peskov", "Dmitri Peskov", "canonical", R15),
    alias("organisation:tajik-interior-ministry", "Ministry of Interior of Tajikistan", "full-form", R15),
    alias("organisation:tajik-interior-ministry", "Ministry of Interior", "short-form", R15),
    alias("organisation:tajik-interior-ministry", "the ministry", "descriptive", R15),
    alias("organisation:tajik-interior-ministry", "The department", "descriptive", R15, "'The department says that Mr. Nazarzoda then joined ...': read as the Ministry of Interior named in the paragraph before."),
    alias("organisation:tajik-police", "police", "descriptive", R15),
    alias("organisation:nazarzoda-armed-group", "armed groups", "descriptive", R15),
    alias("organisation:nazarzoda-armed-group", "the criminal group Nazarzoda", "descriptive", R15, "The ministry's words."),
    alias("organisation:nazarzoda-armed-group", "attackers", "descriptive", R15),
    alias("organisation:nazarzoda-armed-group", "the rebels", "descriptive", R15),
    alias("organisation:nazarzoda-armed-group", "the perpetrators of Friday’s attacks", "descriptive", R15),
    alias("organisation:irpt", "Islamic Renaissance Party of Tajikistan", "canonical", R15),
    alias("organisation:irpt", "IRPT", "short-form", R15),
    alias("organisation:irpt", "moderate Islamic opposition", "descriptive", R15, "'moderate Islamic opposition to which it belongs': read as the IRPT, the party the report later says Nazarzoda joined."),
    alias("organisation:islamic-state", "Islamic state", "transliteration", R15, "'the organization Islamic state' (lower-case 's' in the source)."),
    alias("organisation:pervy-kanal", "Pervy Kanal", "canonical", R15),
    alias("organisation:government-of-russia", "Kremlin", "descriptive", R15, "'the Kremlin spokesman'."),
    alias("organisation:government-of-russia", "Moscow", "descriptive", R98, "'the secular government, backed by Moscow'."),
    alias("organisation:government-of-russia", "Russia", "short-form", R98, "'Russia has about 25,000 troops in Tajikistan'."),
    alias("agent:analysts-2015", "analysts", "descriptive", R15),
    # 1998
    alias("event:khujand-rebellion-1998", "two days of fighting", "descriptive", R98),
    alias("person:zafar-saidov", "Zafar Saidov", "canonical", R98),
    alias("person:zafar-saidov", "Saidov", "short-form", R98, "Shared surname: Khairullo Saidov (2012 prosecutor) is another person and entity."),
    alias("person:zafar-saidov", "President Imomali Rakhmonov's spokesman", "descriptive", R98, "Named in the third paragraph as 'the president's spokesman Zafar Saidov'."),
    alias("person:makhmud-khudoiberdyev", "Makhmud Khudoiberdyev", "canonical", R98),
    alias("person:makhmud-khudoiberdyev", "Khudoiberdyev", "short-form", R98),
    alias("person:abdurakhmon-azimov", "Abdurakhmon Azimov", "canonical", R98),
    alias("person:jan-kubis", "Jan Kubis", "canonical", R98, "Kubiš in Slovak; the report writes no diacritic."),
    alias("organisation:khudoiberdyev-rebels", "rebel troops", "descriptive", R98),
    alias("organisation:khudoiberdyev-rebels", "rebel forces", "descriptive", R98),
    alias("organisation:khudoiberdyev-rebels", "The northern rebels", "descriptive", R98),
    alias("organisation:khudoiberdyev-rebels", "the rebels", "descriptive", R98, "The same words name the Nazarzoda group in the 2015 report: one alias row per entity."),
    alias("organisation:interfax", "Interfax", "canonical", R98),
    alias("organisation:tajik-government-press-service", "The government press service", "descriptive", R98),
    alias("organisation:red-cross", "The Red Cross", "canonical", R98),
    alias("organisation:united-nations", "United Nations", "canonical", R98),
    alias("organisation:united-nations", "UN", "short-form", R98),
    alias("organisation:unmot", "UN Mission of Observers in Tajikistan", "full-form", R98),
    alias("organisation:russian-forces-in-tajikistan", "The Russian forces", "descriptive", R98),
    alias("agent:defence-ministry-source-1998", "a Defense Ministry source", "descriptive", R98),
    alias("agent:red-cross-representative-1998", "a representative", "descriptive", R98),
    alias("place:khujand", "Khujand", "canonical", None, "Current spelling; neither report uses it."),
    alias("place:khujand", "Khodzhand", "transliteration", R98, "Russian-style transliteration (Ходжент/Худжанд)."),
    alias("place:khujand", "Khudzhand", "transliteration", R98, "Second spelling in the same report."),
    alias("place:leninabad-region", "Leninabad region", "canonical", R98),
    alias("place:chkalovsk", "Chkalovsk", "canonical", R98),
    alias("place:afghanistan", "Afghanistan", "canonical", R98),
    alias("event:khudoiberdyev-coup-attempt", "a coup attempt", "descriptive", R98),
    alias("event:southern-town-bomb-attack", "a Tuesday bomb attack", "descriptive", R98),
    alias("event:dushanbe-overnight-bomb", "Another bomb", "descriptive", R98),
]

# --------------------------------------------------------------------------------------------
# Attribution links. Each is (agent, kind, evidence, how to locate the evidence, note).
# --------------------------------------------------------------------------------------------


def link(agent_id, kind, evidence, occ=None, prefix="", suffix="", note=None):
    return dict(agent_id=agent_id, kind=kind, evidence=evidence, occ=occ, prefix=prefix, suffix=suffix, note=note)


L15 = {
    "mvd-announced": link("organisation:tajik-interior-ministry", "announced", "announced the Ministry of Interior of Tajikistan", occ=2,
                          note="The lead is repeated: the evidence is taken from its first full occurrence."),
    "mvd-statement": link("organisation:tajik-interior-ministry", "statement", "the ministry said in a statement"),
    "mvd-said": link("organisation:tajik-interior-ministry", "said", "the ministry said", suffix="."),
    "mvd-according": link("organisation:tajik-interior-ministry", "according-to", "according to the Ministry of Interior",
                          note="Read as governing the whole sentence: the civil-war figures and Nazarzoda's part in it."),
    "mvd-department": link("organisation:tajik-interior-ministry", "said", "The department says",
                           note="'The department' read as the Ministry of Interior named in the paragraph before."),
    "gov-blamed": link("organisation:government-of-tajikistan", "accused", "The authorities immediately blamed"),
    "gov-according": link("organisation:government-of-tajikistan", "according-to", "According to authorities"),
    "gov-same-source": link("organisation:government-of-tajikistan", "according-to", "according to same source",
                            note="'same source' refers back to 'According to authorities' at the start of the paragraph before."),
    "gov-accuse": link("organisation:government-of-tajikistan", "accused", "authorities who accuse him"),
    "pervy-kanal": link("organisation:pervy-kanal", "cited", "quoted by the public channel Pervy Kanal",
                        note="Position 1, the reporter: the document's information comes from Pervy Kanal, which quoted Peskov ('Peskov, quoted by Pervy Kanal' = 'Pervy Kanal quoted Peskov'), as in 'The Associated Press cited an unnamed government source'."),
    "peskov": link("person:dmitri-peskov", "according-to", "according to the Kremlin spokesman, Dmitri Peskov",
                   note="Position 2, the originator Pervy Kanal quoted."),
    "putin": link("person:vladimir-putin", "said", "Russian President Vladimir Putin on Saturday denounced",
                  note="Position 3: the words in quotation marks ('attempt to destabilize the situation') are Putin's, relayed by Peskov, relayed by Pervy Kanal."),
    "analysts": link("agent:analysts-2015", "said", "analysts had expressed concern"),
}

L98 = {
    "saidov-first": link("person:zafar-saidov", "said", "President Imomali Rakhmonov's spokesman said Thursday",
                         note="The spokesman is named in the third paragraph ('the president's spokesman Zafar Saidov'). 'Thursday' is the day of the statement, relative; no calendar date."),
    "saidov-quoted": link("person:zafar-saidov", "said", "the president's spokesman Zafar Saidov told journalists"),
    "saidov-fighting": link("person:zafar-saidov", "said", "Saidov said", occ=1),
    "saidov-reinforcements": link("person:zafar-saidov", "said", "Saidov said", occ=2),
    "interfax": link("organisation:interfax", "reported", "Interfax reported"),
    "press-service": link("organisation:tajik-government-press-service", "said", "The government press service, however, said"),
    "kh-statement": link("person:makhmud-khudoiberdyev", "statement", "Rebel commander Makhmud Khudoiberdyev said in a statement Thursday",
                         note="'Thursday' is the day of the statement, relative; no calendar date."),
    "kh-accused": link("person:makhmud-khudoiberdyev", "accused", "Khudoiberdyev, a former colonel and commander of an elite armored brigade, had accused"),
    "kh-demanded": link("person:makhmud-khudoiberdyev", "statement", "Khudoiberdyev, a former colonel and commander of an elite armored brigade, had accused the government of corruption and demanded",
                        note="The demand is Khudoiberdyev's; the evidence runs from his name to the verb."),
    "kh-statement-said": link("person:makhmud-khudoiberdyev", "statement", "Khudoiberdyev in his statement said"),
    "kh-he-said-1": link("person:makhmud-khudoiberdyev", "said", "he said", prefix="freedom,\" "),
    "kh-he-said-2": link("person:makhmud-khudoiberdyev", "said", "he said", prefix="opponents,\" "),
    "azimov": link("person:abdurakhmon-azimov", "said", "Tajikistan's Deputy Prime Minister Abdurakhmon Azimov said in a radio broadcast"),
    "kubis": link("person:jan-kubis", "said", "Jan Kubis, who said"),
    "mod-source": link("agent:defence-ministry-source-1998", "said", "a Defense Ministry source said"),
    "mod-source-added": link("agent:defence-ministry-source-1998", "said", "he added",
                             note="'he' is the Defense Ministry source of the sentence before."),
    "red-cross-rep": link("agent:red-cross-representative-1998", "said", "a representative said earlier Thursday",
                          note="A Red Cross representative, unnamed (anonymous originator). 'earlier Thursday' is relative; no calendar date."),
}

# --------------------------------------------------------------------------------------------
# Claims. One spec per claim; ids were minted once (claims.authoring.new_claim_id) and are kept.
# q = quote; occ / prefix / suffix choose among repeated occurrences (document 002 repeats its
# lead paragraph: the claim quotes the first FULL occurrence, occ=2, and the truncated teaser
# makes no claim). qual/num = quantity; ent = entity value; date = (start, end, precision).
# --------------------------------------------------------------------------------------------

FRI = "event:nazarzoda-friday-attacks-2015"
SAT = "event:nazarzoda-police-operation-2015"
CRISIS = "event:nazarzoda-attacks-2015"
NAZ = "person:abdukhalim-nazarzoda"
GROUP = "organisation:nazarzoda-armed-group"
IRPT = "organisation:irpt"
BAN = "event:irpt-ban-2015"
CALL = "event:putin-rahmon-telephone-call-2015"
REB = "event:khujand-rebellion-1998"
KH = "person:makhmud-khudoiberdyev"
KHR = "organisation:khudoiberdyev-rebels"
GOV = "organisation:government-of-tajikistan"
FORCES = "organisation:tajik-government-forces"
TJ = "place:tajikistan"
WAR = "event:tajik-civil-war"
PEACE = "event:tajik-peace-agreement-1997"
RUS = "organisation:russian-forces-in-tajikistan"

NO_CAL = "Relative day only: the document states no date of its own (no dateline, no publication date), so no calendar date is inferred (guideline: only a stated date is a basis)."
SELF_CONTRA = ("Self-contradiction inside the ministry's statement, recorded as written and not resolved: it counts the 13 'eliminated' "
               "among the 32 'arrested' ('we have arrested 32 members ..., of which 13 have been eliminated'), though the dead were not "
               "arrested in any ordinary sense. The other side of it is the claim quoting '{other}'.")


def C(id, src, subject, prop, value, q, *, scope=None, mod="asserted", qual=None, num=None, ent=None, date=None,
      place=None, time=None, hedge=None, rule="C1", chain=(), note=None, occ=None, prefix="", suffix=""):
    return dict(id=id, src=src, subject=subject, prop=prop, value=value, q=q, scope=scope, mod=mod, qual=qual, num=num,
                ent=ent, date=date, place=place, time=time, hedge=hedge, rule=rule, chain=chain, note=note,
                occ=occ, prefix=prefix, suffix=suffix)


CLAIMS_2015 = [
    # Headline
    C("292fba96", R15, SAT, "killed", "13 dead", "Tajikistan: 13 dead in a vast police operation", scope="rebels", qual="exact", num=13, place=TJ,
      note="Headline. Scope read from the body: the 13 are 'members of armed groups' killed in the Saturday police operation, so rebels."),
    C("94c5239d", R15, SAT, "characterisation", "vast police operation", "a vast police operation", note="Headline."),
    # Lead paragraph, first full occurrence (the teaser before it is truncated with '[…]' and makes no claim)
    C("49da204b", R15, SAT, "killed", "Thirteen members of armed groups",
      "Thirteen members of armed groups who had Friday launched attacks against police in Tajikistan were killed Saturday", occ=2,
      scope="rebels", qual="exact", num=13, place=TJ, rule="C2", chain=["mvd-announced"],
      note="Members of armed groups are rebels (guideline, scope). Lead quoted at its first full occurrence; the truncated teaser repeat makes no claim."),
    C("7f9c25d8", R15, SAT, "date", "Saturday", "were killed Saturday during a major police operation", occ=2,
      date=(None, None, "day"), rule="C2", chain=["mvd-announced"], note=NO_CAL),
    C("71ab76d7", R15, SAT, "carried-out-by", "police", "a major police operation", occ=2, ent="organisation:tajik-police",
      rule="C2", chain=["mvd-announced"]),
    C("15ebd23f", R15, SAT, "characterisation", "major police operation", "a major police operation", occ=2, rule="C2", chain=["mvd-announced"]),
    C("d430846a", R15, SAT, "detained", "several arrests", "also allowed to make several arrests", occ=2, scope="rebels", qual="unspecified",
      rule="C2", chain=["mvd-announced"],
      note="'several' is an unspecified quantity. Scope read as rebels: the arrests were made in the operation against the armed groups (the ministry later speaks of 'arrested 32 members of the criminal group Nazarzoda')."),
    C("2dbd40ae", R15, FRI, "carried-out-by", "members of armed groups",
      "members of armed groups who had Friday launched attacks against police", occ=2, ent=GROUP, rule="C2", chain=["mvd-announced"]),
    C("19ed0249", R15, FRI, "target", "police", "launched attacks against police in Tajikistan", occ=2, ent="organisation:tajik-police",
      rule="C2", chain=["mvd-announced"]),
    C("3080d17b", R15, FRI, "place", "Tajikistan", "attacks against police in Tajikistan", occ=2, ent=TJ, rule="C2", chain=["mvd-announced"]),
    C("9521cd4b", R15, FRI, "date", "Friday", "who had Friday launched attacks", occ=2, date=(None, None, "day"),
      rule="C2", chain=["mvd-announced"], note=NO_CAL),
    C("38bf4463", R15, FRI, "date", "Friday", "Friday, eight policemen", occ=1, date=(None, None, "day"),
      note="Own voice (no attribution in this sentence). " + NO_CAL,
      prefix="\n\n"),
    C("a95d6778", R15, FRI, "killed", "eight policemen", "eight policemen and nine attackers were killed in two attacks", occ=2,
      scope="government", qual="exact", num=8,
      note="Policemen are government (guideline, scope). The sentence has no attribution: the document's own voice. These are the Friday attacks, a different event from the Saturday operation."),
    C("3c0da9c8", R15, FRI, "killed", "nine attackers", "eight policemen and nine attackers were killed in two attacks", occ=2,
      scope="rebels", qual="exact", num=9, note="Attackers are rebels. The document's own voice."),
    C("a559102a", R15, FRI, "attacks", "two attacks", "eight policemen and nine attackers were killed in two attacks", occ=2,
      qual="exact", num=2),
    C("b89b82fd", R15, "event:defence-ministry-attack-2015", "target", "the Defense Ministry", "one against the Defense Ministry in Dushanbe", occ=2,
      ent="organisation:tajik-defence-ministry", note="'one ... the other': 'one' is a pronoun here, not a count (listed in exclusions)."),
    C("422f783d", R15, "event:defence-ministry-attack-2015", "place", "Dushanbe", "one against the Defense Ministry in Dushanbe", occ=2,
      ent="place:dushanbe"),
    C("9b49f6e7", R15, "place:dushanbe", "capital-of", "the capital", "Dushanbe, the capital", ent=TJ),
    C("baae46ab", R15, "event:police-station-attack-2015", "target", "a suburban police station",
      "the other against a suburban police station", ent="place:suburban-police-station-2015"),
    # Blame, sacking, membership
    C("15317801", R15, FRI, "held-responsible", "the deputy defense minister Abdoukhalim Nazarzoda",
      "The authorities immediately blamed the deputy defense minister Abdoukhalim Nazarzoda", mod="alleged", ent=NAZ,
      rule="C2", chain=["gov-blamed"],
      note="An accusation (alleged), attributed to the authorities; 'have them organized' read as: organised the Friday attacks."),
    C("bc3dcfff", R15, FRI, "held-responsible", "moderate Islamic opposition to which it belongs",
      "and moderate Islamic opposition to which it belongs have them organized", mod="alleged", ent=IRPT, rule="C2", chain=["gov-blamed"],
      note="Machine-translated sentence: 'it' is Nazarzoda, 'moderate Islamic opposition to which it belongs' is read as the IRPT (the party the report later says he joined), 'have them organized' as: organised the attacks."),
    C("30f77fbf", R15, NAZ, "office-held", "deputy defense minister", "the deputy defense minister Abdoukhalim Nazarzoda"),
    C("5d229571", R15, NAZ, "dismissed-from", "deputy defense minister (immediately sacked)",
      "the deputy defense minister Abdoukhalim Nazarzoda – who was immediately sacked",
      note="Stated in the document's own voice, between dashes; by whom he was sacked is not said."),
    C("4005b686", R15, NAZ, "member-of", "moderate Islamic opposition", "moderate Islamic opposition to which it belongs", ent=IRPT,
      note="Own voice. Read as the IRPT (see the party-membership claim from the Ministry of Interior)."),
    C("617ec003", R15, IRPT, "characterisation", "moderate Islamic opposition", "moderate Islamic opposition to which it belongs"),
    # The ministry's statement (direct quotation): the self-contradiction
    C("60a4ed7c", R15, SAT, "detained", "32 members of the criminal group Nazarzoda", "we have arrested 32 members of the criminal group Nazarzoda",
      scope="rebels", qual="exact", num=32, chain=["mvd-statement"],
      note=SELF_CONTRA.format(other="of which 13 have been eliminated")
      + " 'At present' read as the operation's running total; the lead's 'several arrests' is the same fact."),
    C("e33b691d", R15, SAT, "killed", "13 have been eliminated", "of which 13 have been eliminated", scope="rebels", qual="exact", num=13,
      chain=["mvd-statement"],
      note="'eliminated' read as killed (the lead says the 13 'were killed'). "
      + SELF_CONTRA.format(other="we have arrested 32 members of the criminal group Nazarzoda")),
    C("36876781", R15, GROUP, "led-by", "Nazarzoda", "the criminal group Nazarzoda", ent=NAZ, chain=["mvd-statement"],
      note="'the criminal group Nazarzoda' read as the group led by Nazarzoda."),
    C("49526f64", R15, GROUP, "characterisation", "criminal group", "the criminal group Nazarzoda", chain=["mvd-statement"]),
    # Weapons taken, flight
    C("25fc8bbe", R15, FRI, "weapons-seized", "a large amount of weapons and ammunition",
      "the perpetrators of Friday’s attacks were successful during the operation to “take a large amount of weapons and ammunition”",
      scope="rebels", qual="unspecified", rule="C2", chain=["gov-according"],
      note="'the operation' read as the attackers' own operation of Friday (machine translation of 'ont réussi lors de l'opération à s'emparer'); reported speech with a quoted fragment, so C2."),
    C("e207a86e", R15, FRI, "outcome", "the perpetrators fled especially towards the mountains north-east of the capital",
      "before fleeing especially towards the mountains north-east of the capital", rule="C2", chain=["gov-according"],
      note="'the capital' is Dushanbe (named in the lead)."),
    # The operation continues
    C("1e9c34d1", R15, SAT, "status", "still underway Saturday", "A large-scale operation was still underway Saturday", rule="C2",
      chain=["gov-same-source"],
      note="Read as the same Saturday police operation, searching for the attackers who fled. " + NO_CAL),
    C("14115a69", R15, SAT, "characterisation", "large-scale operation", "A large-scale operation", rule="C2", chain=["gov-same-source"]),
    C("e17b3ea5", R15, SAT, "carried-out-by", "military", "with the participation of military and helicopters", ent=FORCES,
      rule="C2", chain=["gov-same-source"]),
    C("1a10f3c9", R15, SAT, "means-used", "helicopters", "with the participation of military and helicopters", rule="C2",
      chain=["gov-same-source"]),
    C("8cdcbc1d", R15, SAT, "purpose", "to find them (the perpetrators who fled)", "to find them", mod="intended", rule="C2",
      chain=["gov-same-source"]),
    C("44d5712b", R15, SAT, "weapons-seized", "more than 500 weapons and ammunition boxes",
      "more than 500 weapons and ammunition boxes were recovered by police", scope="government", qual="more-than", num=500,
      rule="C2", chain=["gov-same-source"],
      note="Recovered by police: government scope. Read as one figure counting weapons and ammunition boxes together, 'more than' governing it."),
    # Surrender and refusal (ministry, direct quotation)
    C("e46f6a0a", R15, GROUP, "surrender", "proposed to the rebels to surrender", "have proposed to the rebels to surrender",
      mod="proposed", chain=["mvd-said"], note="The proposal was made by the authorities; it competes with the rebels' refusal in one fact."),
    C("42c1f4b1", R15, GROUP, "surrender", "they refused", "but they refused", mod="refused", chain=["mvd-said"]),
    C("a5047fb2", R15, SAT, "status", "continuing", "The operation is continuing", chain=["mvd-said"]),
    # Putin (Pervy Kanal -> Peskov -> Putin)
    C("2c3b87ab", R15, CRISIS, "characterisation", "an attempt to destabilize the situation in Tajikistan",
      "denounced an “attempt to destabilize the situation” in Tajikistan", rule="C2", chain=["pervy-kanal", "peskov", "putin"],
      note="Chain as the text gives it: Pervy Kanal (reporter the document cites) quoted Peskov, who relayed Putin's words. Reported speech through intermediaries: C2, not C1, although the phrase is in quotation marks."),
    C("8a9b475d", R15, CALL, "party", "Russian President Vladimir Putin", "Russian President Vladimir Putin on Saturday denounced",
      ent="person:vladimir-putin", rule="C2", chain=["pervy-kanal", "peskov"]),
    C("cb78cbae", R15, CALL, "party", "his Tajik counterpart Emomali Rakhmon",
      "during a telephone conversation with his Tajik counterpart Emomali Rakhmon", ent="person:emomali-rahmon", rule="C2",
      chain=["pervy-kanal", "peskov"]),
    C("c7640583", R15, CALL, "date", "on Saturday", "Russian President Vladimir Putin on Saturday", date=(None, None, "day"),
      rule="C2", chain=["pervy-kanal", "peskov"], note=NO_CAL),
    C("fdcb551f", R15, "person:emomali-rahmon", "backed-by", "expressed his support", "and expressed his support",
      ent="person:vladimir-putin", rule="C2", chain=["pervy-kanal", "peskov"],
      note="Whom Putin supported is not said; read as his Tajik counterpart, with whom he was speaking."),
    C("61d72348", R15, "person:vladimir-putin", "office-held", "Russian President", "Russian President Vladimir Putin"),
    C("1d7ee915", R15, "person:dmitri-peskov", "office-held", "Kremlin spokesman", "the Kremlin spokesman, Dmitri Peskov"),
    C("6bb4e246", R15, "person:emomali-rahmon", "office-held", "Tajik counterpart (of the Russian President)",
      "his Tajik counterpart Emomali Rakhmon", note="'counterpart' of the Russian President: the Tajik president."),
    C("4fb96a99", R15, "organisation:pervy-kanal", "characterisation", "public channel", "the public channel Pervy Kanal"),
    # Civil war background (Ministry of Interior)
    C("d3e3dfe8", R15, WAR, "killed", "150,000 dead", "who made 150,000 dead between 1992 and 1997", scope="civilians+government+rebels",
      qual="rounded", num=150000, rule="C2", chain=["mvd-according"],
      note="The war's total dead, all sides together: scope civilians+government+rebels. A round total, so 'rounded' (145,000-155,000)."),
    C("28ded915", R15, WAR, "date", "between 1992 and 1997", "between 1992 and 1997", date=("1992-01-01", "1997-12-31", "year"),
      rule="C2", chain=["mvd-according"]),
    C("6b671fb0", R15, WAR, "characterisation", "bloody", "the bloody civil war", rule="C2", chain=["mvd-according"]),
    C("3b1029d8", R15, WAR, "party", "pro-communist power", "between pro-communist power and Islamist rebels", ent=GOV,
      rule="C2", chain=["mvd-according"]),
    C("62f566e2", R15, WAR, "party", "Islamist rebels", "between pro-communist power and Islamist rebels",
      ent="organisation:united-tajik-opposition", rule="C2", chain=["mvd-according"],
      note="'Islamist rebels' read as the opposition the same sentence calls 'the united opposition'."),
    C("42db27b4", R15, NAZ, "member-of", "the united opposition", "Mr. Nazarzoda fighting within the united opposition",
      ent="organisation:united-tajik-opposition", time=("1992-01-01", "1997-12-31", "year"), rule="C2", chain=["mvd-according"],
      note="Time from the same sentence ('During the bloody civil war ... between 1992 and 1997'): stated, not inferred."),
    C("9a9d36fd", R15, "organisation:united-tajik-opposition", "characterisation", "united democrats and Islamists",
      "the united opposition which united democrats and Islamists", rule="C2", chain=["mvd-according"]),
    # After the war (own voice: this paragraph has no attribution)
    C("e4607dbe", R15, NAZ, "office-held", "a high official position", "He then obtained a high official position",
      note="Own voice (no attribution in this paragraph; the ministry is named before and after). No time qualifier: 'then' follows the 1997 agreements but the post's date is not stated."),
    C("def5c0c4", R15, NAZ, "amnestied-under", "an amnesty under the peace agreements signed in 1997",
      "in favor of an amnesty under the peace agreements signed in 1997", ent=PEACE,
      note="Machine translation ('à la faveur d'une amnistie'): he obtained the post thanks to an amnesty under the 1997 agreements."),
    C("52705055", R15, PEACE, "date", "in 1997", "the peace agreements signed in 1997", date=("1997-01-01", "1997-12-31", "year")),
    C("c0925088", R15, PEACE, "outcome", "marked the end of fighting", "that marked the end of fighting"),
    # IRPT (Ministry of Interior: 'The department says')
    C("00eca6a8", R15, NAZ, "member-of", "the Islamic Renaissance Party of Tajikistan (IRPT)",
      "Mr. Nazarzoda then joined the Islamic Renaissance Party of Tajikistan (IRPT)", ent=IRPT, rule="C2", chain=["mvd-department"]),
    C("f630986b", R15, IRPT, "characterisation", "only legal Islamic party in the former Soviet republic",
      "only legal Islamic party in the former Soviet republic", rule="C2", chain=["mvd-department"]),
    C("23f22e03", R15, TJ, "characterisation", "the former Soviet republic", "the former Soviet republic", rule="C2",
      chain=["mvd-department"]),
    # Ban
    C("8dbcd5bc", R15, BAN, "target", "This party (the IRPT)", "This party was banned last week by authorities", ent=IRPT),
    C("3a2a6fd9", R15, BAN, "carried-out-by", "authorities", "This party was banned last week by authorities", ent=GOV),
    C("afe02eaf", R15, BAN, "date", "last week", "was banned last week", date=(None, None, "month"),
      note="Relative to the document's own date, which it does not state: no calendar date inferred. Precision 'month' because the schema has no 'week': a week is a part of a month, as 'late July' takes 'month'."),
    C("9618c737", R15, IRPT, "linked-to", "links with the organization Islamic state",
      "accuse him of having links with the organization Islamic state", mod="alleged", ent="organisation:islamic-state",
      rule="C2", chain=["gov-accuse"], note="'him' is the party (machine translation of a masculine French pronoun)."),
    C("5c2da8cd", R15, BAN, "outcome", "radicalization of the opposition (feared)",
      "analysts had expressed concern radicalization of the opposition", mod="expected", rule="C3", chain=["analysts"],
      note="A feared consequence (modality expected), from unnamed analysts (anonymous: C3). 'After that decision' places it after the ban."),
]

CLAIMS_1998 = [
    # Headline
    C("837e8267", R98, REB, "killed", "89 Dead", "89 Dead as Tajik Forces Drive Rebels From Town", scope="government+rebels",
      qual="exact", num=89,
      note="Headline. Scope read from the body: 'A total of 89 Tajik government soldiers and rebel troops', so government+rebels, a different fact from soldiers alone."),
    C("712d3ffb", R98, REB, "outcome", "Tajik Forces Drive Rebels From Town", "Tajik Forces Drive Rebels From Town", note="Headline."),
    # First paragraph (spokesman, reported speech)
    C("3c61fc48", R98, REB, "killed", "A total of 89 Tajik government soldiers and rebel troops",
      "A total of 89 Tajik government soldiers and rebel troops have died", scope="government+rebels", qual="exact", num=89,
      rule="C2", chain=["saidov-first"],
      note="Consistent with the spokesman's breakdown (39 soldiers + 50 attackers = 89)."),
    C("8a01aa90", R98, REB, "duration-days", "two days of fighting", "have died in two days of fighting", qual="exact", num=2,
      rule="C2", chain=["saidov-first"]),
    C("63e9cc2b", R98, REB, "distance-from-capital", "some 200 kilometers north of the capital",
      "some 200 kilometers north of the capital", qual="about", num=200, rule="C2", chain=["saidov-first"],
      note="'some' read as 'about' (±10 %). The capital is Dushanbe (dateline)."),
    C("d6fd16a1", R98, "person:emomali-rahmon", "office-held", "President", "President Imomali Rakhmonov"),
    C("7a6f8ed7", R98, "person:zafar-saidov", "office-held", "the president's spokesman", "the president's spokesman Zafar Saidov"),
    # Second paragraph (own voice)
    C("6d6f3946", R98, REB, "outcome", "Government troops drove rebel forces out of key buildings in Khodzhand",
      "Government troops drove rebel forces out of key buildings in Khodzhand", place="place:khujand"),
    C("7c7e38d7", R98, REB, "place", "Khodzhand", "key buildings in Khodzhand", ent="place:khujand"),
    C("27278c94", R98, REB, "characterisation", "one of the most serious outbursts of violence since a peace accord was signed last year",
      "in one of the most serious outbursts of violence since a peace accord was signed last year",
      note="'one of' is not a count (listed in exclusions)."),
    C("f6bb4770", R98, PEACE, "date", "last year", "a peace accord was signed last year", date=(None, None, "year"),
      note="'last year' relative to the report's own date, which it does not state (the 'Last Updated' stamp is not a basis): no calendar date inferred. The accord is identified with the 1997 agreement as an entity, not by a date claim."),
    C("96743a87", R98, PEACE, "outcome", "ending five years of civil war", "ending five years of civil war"),
    C("3a45af7c", R98, WAR, "duration-years", "five years", "five years of civil war", qual="exact", num=5),
    C("513ab6ea", R98, TJ, "characterisation", "small, impoverished Central Asian nation", "the small, impoverished Central Asian nation"),
    # Spokesman's figures (direct quotation)
    C("3d24c778", R98, REB, "killed", "39 government soldiers", "39 government soldiers have been killed", scope="government",
      qual="exact", num=39, chain=["saidov-quoted"],
      note="Competes with the government press service's 'up to 100 government troops' (via Interfax) in the same fact."),
    C("a69ed986", R98, REB, "wounded", "29 have been injured to various degrees", "29 have been injured to various degrees",
      scope="government", qual="exact", num=29, chain=["saidov-quoted"],
      note="Elliptical: '29' follows '39 government soldiers have been killed' and is read as 29 government soldiers injured."),
    C("68134d4d", R98, REB, "killed", "50 attackers", "50 attackers have been killed", scope="rebels", qual="exact", num=50,
      chain=["saidov-quoted"]),
    C("48cbb705", R98, REB, "place", "in the north of Tajikistan, in Leninabad region", "in the north of Tajikistan, in Leninabad region",
      ent="place:leninabad-region", chain=["saidov-quoted"]),
    C("7eb0603e", R98, REB, "party", "government forces", "the military conflict between rebel troops and government forces", ent=FORCES,
      chain=["saidov-quoted"]),
    C("33b49a87", R98, REB, "party", "rebel troops", "the military conflict between rebel troops and government forces", ent=KHR,
      chain=["saidov-quoted"]),
    # Press service via Interfax
    C("d1bbe540", R98, REB, "killed", "up to 100 government troops", "up to 100 government troops have been killed", scope="government",
      qual="up-to", num=100, rule="C2", chain=["interfax", "press-service"],
      note="Chain: Interfax (reporter the document cites) -> the government press service (originator). Competes with Saidov's 39."),
    # Khudoiberdyev's statement
    C("78e8a586", R98, KH, "office-held", "Rebel commander", "Rebel commander Makhmud Khudoiberdyev"),
    C("52833152", R98, REB, "negotiations", "would not hold talks with the government until rebel demands were read on national television and radio",
      "he would not hold talks with the government until rebel demands were read on national television and radio", mod="refused",
      rule="C2", chain=["kh-statement"], note="A conditional refusal of talks; the condition is also recorded as a demand."),
    C("5457483a", R98, KHR, "demanded", "rebel demands to be read on national television and radio",
      "until rebel demands were read on national television and radio", mod="demanded", rule="C2", chain=["kh-statement"],
      note="Stated as the condition for talks; recorded as a demand of the rebels."),
    C("410956a7", R98, KH, "office-held", "a former colonel", "Khudoiberdyev, a former colonel"),
    C("54090993", R98, KH, "office-held", "former commander of an elite armored brigade",
      "a former colonel and commander of an elite armored brigade", note="'former' read as governing both titles."),
    C("fc9cc5cf", R98, GOV, "accused-of", "corruption", "had accused the government of corruption", mod="alleged", rule="C2",
      chain=["kh-accused"]),
    C("73d09067", R98, KHR, "share-of-seats", "40 percent of seats in the coalition government",
      "demanded 40 percent of seats in the coalition government", mod="demanded", qual="exact", num=40, rule="C2",
      chain=["kh-demanded"], note="A demand, never an assertion of seats held. Subject: the rebels, for whom Khudoiberdyev demands them."),
    C("722d38a7", R98, GOV, "characterisation", "the coalition government ruling the former Soviet republic",
      "the coalition government ruling the former Soviet republic"),
    C("30d5e454", R98, TJ, "characterisation", "the former Soviet republic", "the former Soviet republic"),
    # Azimov (direct quotation)
    C("8049c558", R98, "person:abdurakhmon-azimov", "office-held", "Tajikistan's Deputy Prime Minister",
      "Tajikistan's Deputy Prime Minister Abdurakhmon Azimov"),
    C("080137a0", R98, REB, "negotiations", "there will be no negotiations", "there will be no negotiations", mod="refused",
      chain=["azimov"]),
    C("839c22cd", R98, KHR, "demanded", "no consideration of the rebels' demands",
      "there will be no negotiations or consideration of the rebels' demands", mod="refused", chain=["azimov"],
      note="The government's refusal of the rebels' demands, in the same fact as the demands."),
    C("ff876a2d", R98, REB, "purpose", "to block and liquidate them (the rebels)", "The matter in question is to block and liquidate them",
      mod="intended", chain=["azimov"], note="The government's stated aim, in Azimov's words."),
    # Background (own voice)
    C("c5d406e0", R98, TJ, "population", "5.7 million people", "a mountainous state of 5.7 million people", qual="rounded",
      num=5700000, note="A round figure: 'rounded' to 100,000 (5,650,000-5,750,000)."),
    C("c82a35a4", R98, TJ, "characterisation", "mountainous state", "a mountainous state"),
    C("90f3ec45", R98, TJ, "characterisation", "chronically unstable", "remains chronically unstable"),
    C("b7be37bd", R98, PEACE, "date", "more than a year (before the report)", "more than a year after a peace agreement was signed",
      date=(None, None, "year"),
      note="Relative to the report's unstated date; no calendar date inferred. Agrees with 'last year' in the same report."),
    C("6f3d8606", R98, PEACE, "party", "the secular government", "between the secular government, backed by Moscow, and Islamist opposition forces",
      ent=GOV),
    C("ef97ff5c", R98, PEACE, "party", "Islamist opposition forces", "between the secular government, backed by Moscow, and Islamist opposition forces",
      ent="organisation:united-tajik-opposition"),
    C("ef45690c", R98, GOV, "backed-by", "Moscow", "the secular government, backed by Moscow", ent="organisation:government-of-russia"),
    C("3c615f2f", R98, GOV, "characterisation", "secular", "the secular government"),
    C("f99fcbf0", R98, KHR, "characterisation", "a separate, third group struggling for power",
      "The northern rebels represent a separate, third group struggling for power"),
    # Coup attempt, Tuesday bomb
    C("a7fbff93", R98, "event:khudoiberdyev-coup-attempt", "carried-out-by", "Khudoiberdyev", "Khudoiberdyev, who staged a coup attempt",
      ent=KH),
    C("fa1a2e98", R98, "event:khudoiberdyev-coup-attempt", "date", "August last year", "a coup attempt in August last year",
      date=(None, None, "month"), note="'last year' relative to the report's unstated date: no calendar date inferred."),
    C("39a85b21", R98, "event:southern-town-bomb-attack", "held-responsible", "Khudoiberdyev (suspected of ordering it)",
      "Khudoiberdyev, who staged a coup attempt in August last year, is also suspected of ordering a Tuesday bomb attack", mod="alleged", ent=KH, hedge="suspected", rule="C3",
      note="A suspicion (alleged, hedged 'suspected'); the document does not say who suspects him."),
    C("bbd4bc1e", R98, "event:southern-town-bomb-attack", "killed", "one person", "a Tuesday bomb attack which killed one person",
      scope="unknown", qual="exact", num=1,
      note="The document does not say whether the person was a civilian, a soldier or a rebel: scope unknown."),
    C("9ce8c737", R98, "event:southern-town-bomb-attack", "date", "Tuesday", "a Tuesday bomb attack", date=(None, None, "day"), note=NO_CAL),
    C("5906fb2b", R98, "event:southern-town-bomb-attack", "place", "a southern Tajik town", "in a southern Tajik town", ent=TJ,
      note="The town is not named: the value entity is the enclosing country."),
    # Overnight bomb in Dushanbe (anonymous source)
    C("119c3b30", R98, "event:dushanbe-overnight-bomb", "place", "the capital, Dushanbe",
      "Another bomb exploded overnight in the capital, Dushanbe", ent="place:dushanbe", rule="C3", chain=["mod-source"]),
    C("6ee8726b", R98, "event:dushanbe-overnight-bomb", "date", "overnight", "Another bomb exploded overnight", date=(None, None, "day"),
      rule="C3", chain=["mod-source"], note="The night before the report; " + NO_CAL),
    C("c3e41752", R98, "event:dushanbe-overnight-bomb", "wounded", "no injuries", "there were no injuries",
      scope="civilians+government+rebels", qual="exact", num=0, rule="C3", chain=["mod-source"],
      note="'no injuries' covers everyone: 0 for all sides together."),
    C("adba7920", R98, "place:dushanbe", "capital-of", "the capital", "the capital, Dushanbe", ent=TJ, rule="C3", chain=["mod-source"],
      note="In the sentence attributed to the anonymous source, so C3 (lowest rule that applies)."),
    C("b66e8a72", R98, REB, "measure-taken", "Increased police patrols were guarding against attacks by forces loyal to the northern rebels",
      "Increased police patrols were guarding against attacks by forces loyal to the northern rebels", rule="C3",
      chain=["mod-source-added"], note="Where is not said; the sentence before speaks of Dushanbe."),
    # Saidov on the fighting
    C("cb9bf06a", R98, REB, "status", "fighting was continuing", "fighting was continuing in the northern towns of Khudzhand and Chkalovsk",
      rule="C2", chain=["saidov-fighting"]),
    C("0fea0e67", R98, REB, "place", "Khudzhand", "the northern towns of Khudzhand and Chkalovsk", ent="place:khujand", rule="C2",
      chain=["saidov-fighting"]),
    C("53fedd52", R98, REB, "place", "Chkalovsk", "the northern towns of Khudzhand and Chkalovsk", ent="place:chkalovsk", rule="C2",
      chain=["saidov-fighting"]),
    C("44b8df29", R98, REB, "fighters", "an estimated 1,000 rebels", "an estimated 1,000 rebels under Khudoiberdyev stormed government positions",
      scope="rebels", qual="about", num=1000, hedge="estimated", rule="C3", chain=["saidov-fighting"]),
    C("983f9125", R98, KHR, "led-by", "Khudoiberdyev", "rebels under Khudoiberdyev", ent=KH, rule="C2", chain=["saidov-fighting"]),
    C("8156d253", R98, REB, "target", "government positions", "stormed government positions", ent=FORCES, rule="C2",
      chain=["saidov-fighting"]),
    C("6210acc7", R98, REB, "captured", "the rebels took the local airport and other key installations",
      "taking the local airport and other key installations", rule="C2", chain=["saidov-fighting"]),
    C("c74c955f", R98, REB, "start-date", "Wednesday morning", "stormed government positions, taking the local airport and other key installations Wednesday morning",
      date=(None, None, "day"), rule="C2", chain=["saidov-fighting"], note="The storming is the start the report states. " + NO_CAL),
    # Saidov on reinforcements and retaking (no confirmation)
    C("156c532e", R98, REB, "reinforcements", "about 300 reinforcements by helicopter",
      "who received about 300 reinforcements by helicopter Wednesday evening", scope="government", qual="about", num=300,
      hedge="but there was no confirmation", rule="C4", chain=["saidov-reinforcements"],
      note="Reading chosen: 'but there was no confirmation' governs all Saidov said in the sentence, the relative clause with the reinforcements included (the reading that claims less). 'Wednesday evening' relative; no calendar date."),
    C("b7ef59a3", R98, REB, "means-used", "helicopter", "about 300 reinforcements by helicopter", hedge="but there was no confirmation",
      rule="C4", chain=["saidov-reinforcements"], note="Same hedge reading as the reinforcement figure."),
    C("c028c9ca", R98, REB, "captured", "government troops had retaken some buildings captured earlier by the rebels",
      "had retaken some buildings captured earlier by the rebels, but there was no confirmation", hedge="but there was no confirmation",
      rule="C4", chain=["saidov-reinforcements"]),
    # Khudoiberdyev's words
    C("9f688caa", R98, KHR, "demanded", "supporters should not attack Rakhmonov's forces", "supporters should not attack Rakhmonov's forces",
      mod="demanded", rule="C2", chain=["kh-statement-said"], note="A call to his own supporters, recorded as a demand."),
    C("a567f35e", R98, KHR, "characterisation", "have enough power and supplies to defend our homeland and our rights and our freedom",
      "We have enough power and supplies to defend our homeland and our rights and our freedom", chain=["kh-he-said-1"]),
    C("94f92370", R98, REB, "purpose", "to return to the political arena to force Rakhmonov to listen to the voice of the nation and to stop the terror against its political opponents",
      "We decided to return to the political arena to force Rakhmonov to listen to the voice of the nation and to stop the terror against its political opponents",
      mod="intended", chain=["kh-he-said-2"], note="The rebels' stated aim, in Khudoiberdyev's words."),
    C("9a4e9594", R98, GOV, "accused-of", "terror against its political opponents", "to stop the terror against its political opponents",
      mod="alleged", chain=["kh-he-said-2"], note="'its' read as the government's (Rakhmonov's)."),
    # Condemnation
    C("ac5645c7", R98, REB, "condemned-by", "The government", "The government condemned the attacks", ent=GOV),
    C("a0db708d", R98, REB, "condemned-by", "Jan Kubis", "as did United Nations representative in Dushanbe, Jan Kubis",
      ent="person:jan-kubis"),
    C("045829ff", R98, "person:jan-kubis", "office-held", "United Nations representative in Dushanbe",
      "United Nations representative in Dushanbe, Jan Kubis"),
    C("25aa3bc6", R98, REB, "characterisation", "Such armed measures are in conflict with the peace process in the republic and interfere with it",
      "Such armed measures are in conflict with the peace process in the republic and interfere with it", chain=["kubis"]),
    # Red Cross (anonymous representative; unclear whose wounded)
    C("3699e7c7", R98, REB, "wounded", "about 90 wounded", "The Red Cross will send help to about 90 wounded", scope="unknown",
      qual="about", num=90, hedge="it was not clear if the wounded were government troops, rebels or civilians", rule="C4",
      chain=["red-cross-rep"],
      note="Scope unknown: the document says it was not clear whose wounded they were (C4, flagged as unclear). A different fact from Saidov's 29 government injured."),
    C("5023644f", R98, REB, "measure-taken", "The Red Cross will send help to the wounded", "The Red Cross will send help", mod="intended",
      rule="C3", chain=["red-cross-rep"]),
    # UN observers
    C("463506f4", R98, "organisation:unmot", "departed", "Many foreigners working for the UN Mission of Observers in Tajikistan",
      "Many foreigners working for the UN Mission of Observers in Tajikistan, which oversees the peace process, have left the country",
      qual="unspecified"),
    C("8d7dc954", R98, "organisation:unmot", "purpose", "oversees the peace process", "which oversees the peace process"),
    C("6fc0d690", R98, "organisation:unmot", "stated-cause", "its foreign staff left because it could not provide sufficient safety guarantees",
      "have left the country because it could not provide sufficient safety guarantees",
      note="'it' is ambiguous (the country or the mission); kept as written."),
    # Russian forces
    C("bd7c7343", R98, RUS, "personnel", "about 25,000 troops", "Russia has about 25,000 troops in Tajikistan", qual="about",
      num=25000, place=TJ),
    C("b27aaaf8", R98, RUS, "purpose", "to support the government", "to support the government"),
    C("5291d049", R98, RUS, "stationed-at", "most deployed along the country's southern border with Afghanistan",
      "most deployed along the country's southern border with Afghanistan", ent="place:tajik-afghan-border"),
    C("1688b465", R98, RUS, "purpose", "to prevent an influx of drugs and weapons", "to prevent an influx of drugs and weapons"),
    C("f0dcc2ab", R98, TJ, "borders", "Afghanistan", "the country's southern border with Afghanistan", ent="place:afghanistan"),
    C("d1a21f27", R98, REB, "party", "The Russian forces (not involved)", "The Russian forces were not involved in the latest fighting",
      mod="denied", ent=RUS),
]

CLAIMS = CLAIMS_2015 + CLAIMS_1998

# --------------------------------------------------------------------------------------------
# Coverage exclusions: numbers that are no claim's value, with the reason.
# --------------------------------------------------------------------------------------------

TEASER = ("Truncated teaser repeat of the lead paragraph (ends in '[…]'): per the guideline the claims quote the first "
          "full occurrence of the lead, and a repeat makes no new claim.")
EXCLUSIONS = [
    # (source, text as written, start, reason)
    (R15, "Thirteen", 48, TEASER),
    (R15, "eight", 296, TEASER),
    (R15, "nine", 316, TEASER),
    (R15, "two", 346, TEASER),
    (R15, "one", 359, TEASER + " ('one' is moreover a pronoun: 'one against the Defense Ministry')"),
    (R15, "one", 726, "Pronoun, not a count: 'one against the Defense Ministry ..., the other against a suburban police station' (the count is 'two attacks')."),
    (R98, "07", 80, "Page stamp 'Last Updated: 07/27/2016' (month): the page's update date, recorded in sources.page_updated_date, not an event date."),
    (R98, "27", 83, "Page stamp 'Last Updated: 07/27/2016' (day): the page's update date, recorded in sources.page_updated_date, not an event date."),
    (R98, "2016", 86, "Page stamp 'Last Updated: 07/27/2016' (year): the page's update date, recorded in sources.page_updated_date, not an event date."),
    (R98, "one", 427, "'one of the most serious outbursts of violence': not a count; the characterisation is a claim of its own."),
]

# --------------------------------------------------------------------------------------------


def span(source, text, occ=None, prefix="", suffix=""):
    return locate(TEXT[source], text, occurrence=occ, prefix=prefix, suffix=suffix)


def claim_row(spec, rubric):
    source = spec["src"]
    quote = span(source, spec["q"], spec["occ"], spec["prefix"], spec["suffix"])
    row = dict(
        claim_id=f"{source}/{spec['id']}", source_id=source, subject_id=spec["subject"], property_id=spec["prop"],
        scope=spec["scope"], modality=spec["mod"], value=spec["value"],
        quote=quote.text, quote_start=quote.start, quote_end=quote.end, hedge=spec["hedge"],
        confidence=rubric[spec["rule"]], confidence_rule=spec["rule"], status="active",
        extracted_by=EXTRACTED_BY, guideline_version=GUIDELINE, note=spec["note"], place_id=spec["place"],
    )
    if spec["qual"] is not None:
        low, high = derive_bounds(spec["qual"], spec["num"])
        row.update(value_qualifier=spec["qual"], value_number=spec["num"], value_min=low, value_max=high)
    if spec["ent"] is not None:
        row["value_entity_id"] = spec["ent"]
    if spec["date"] is not None:
        start, end, precision = spec["date"]
        row.update(value_date_start=start, value_date_end=end, value_date_precision=precision)
    if spec["time"] is not None:
        start, end, precision = spec["time"]
        row.update(time_start=start, time_end=end, time_precision=precision)
    return row


def attribution_rows(spec):
    links = L15 if spec["src"] == R15 else L98
    rows = []
    for position, key in enumerate(spec["chain"], 1):
        item = links[key]
        evidence = span(spec["src"], item["evidence"], item["occ"], item["prefix"], item["suffix"])
        rows.append(dict(claim_id=f"{spec['src']}/{spec['id']}", position=position, agent_id=item["agent_id"],
                         attribution_kind=item["kind"], evidence=evidence.text, evidence_start=evidence.start,
                         evidence_end=evidence.end, note=item["note"]))
    return rows


def exclusion_rows():
    rows = []
    for source, text, start, reason in EXCLUSIONS:
        numbers = {(n.start, n.text): n for n in find_numbers(source, TEXT[source])}
        number = numbers.get((start, text))
        if number is None:
            raise SystemExit(f"exclusion {source} {text!r} at {start} is not a number the coverage check finds")
        rows.append(dict(source_id=source, text=text, start=start, end=number.end, reason=reason))
    return rows


def upsert(table, mine, key):
    keys = {key(row) for row in mine}
    if len(keys) != len(mine):
        raise SystemExit(f"duplicate keys among this script's {table} rows")
    kept = [row for row in read_rows(ROOT, table) if key(row) not in keys]
    write_table(ROOT, table, kept + mine)


def main():
    ids = [spec["id"] for spec in CLAIMS]
    if len(set(ids)) != len(ids):
        raise SystemExit("a claim id is used twice")
    rubric = {row["rule_id"]: float(row["confidence"]) for row in read_rows(ROOT, "confidence_rubric")}
    claims = [claim_row(spec, rubric) for spec in CLAIMS]
    attributions = [row for spec in CLAIMS for row in attribution_rows(spec)]
    mine = {row["claim_id"] for row in claims}

    # Claims corrected since (claims correct) are deprecated in claims.csv: writing this first
    # extraction again would make them active beside their corrections.
    corrected = sorted(row["claim_id"] for row in read_rows(ROOT, "claims")
                       if row["claim_id"] in mine and row["status"] == "deprecated")
    if corrected:
        raise SystemExit(f"not re-run: {', '.join(corrected)} were corrected since this extraction (see their "
                         "deprecation_reason); this script is a record, extraction/README.md")
    upsert("properties", PROPERTIES, lambda r: r["property_id"])
    upsert("entities", ENTITIES, lambda r: r["entity_id"])
    upsert("aliases", ALIASES, lambda r: (r["entity_id"], r["alias"]))
    upsert("claims", claims, lambda r: r["claim_id"])
    kept = [row for row in read_rows(ROOT, "attributions") if row["claim_id"] not in mine]
    write_table(ROOT, "attributions", kept + attributions)
    upsert("exclusions", exclusion_rows(), lambda r: (r["source_id"], int(r["start"])))
    print(f"{len(claims)} claims ({len(CLAIMS_2015)} from {R15}, {len(CLAIMS_1998)} from {R98}), "
          f"{len(attributions)} attribution rows, {len(PROPERTIES)} properties, {len(ENTITIES)} entities, "
          f"{len(ALIASES)} aliases, {len(EXCLUSIONS)} exclusions")


if __name__ == "__main__":
    main()
