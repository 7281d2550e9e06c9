"""What the site shows, read from the package's views in one pass.

Nothing here works out a fact, a tier or an estimate: those come from sql/views/ (as for
`claims show`), so the site, the CLI and the DuckDB CLI always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import query
from ..summary import SUMMARY_SQL

TIER_ORDER = {"incompatible": 0, "divergent": 1, "uncontested": 2}

FACTS_SQL = """
SELECT f.*, coalesce(t.tier, 'uncontested') AS tier, t.reason,
       e.low, e.low_rule, e.best, e.best_rule, e.high, e.high_rule,
       e.conservative_min, e.conservative_min_rule,
       p.label AS property_label, p.unit
FROM competing_claims AS f
LEFT JOIN contested_facts AS t USING (fact_key)
LEFT JOIN fact_estimates AS e USING (fact_key)
LEFT JOIN properties AS p ON p.property_id = f.property_id
ORDER BY f.fact_key
"""

# Every claim, active or deprecated; the interval columns only for active claims (claim_facts).
CLAIMS_SQL = """
SELECT c.*, f.interval_low, f.interval_high, f.is_unbounded
FROM claims_resolved AS c
LEFT JOIN claim_facts AS f USING (claim_id)
ORDER BY c.source_id, c.quote_start, c.quote_end, c.claim_id
"""

ATTRIBUTIONS_SQL = """
SELECT a.claim_id, a.position, a.agent_id, e.canonical_name AS agent_name, a.attribution_kind, a.evidence
FROM attributions AS a LEFT JOIN entities AS e ON e.entity_id = a.agent_id
ORDER BY a.claim_id, a.position
"""

ENTITIES_SQL = """
SELECT e.*, (SELECT list(n.name ORDER BY n.name) FROM entity_names AS n
             WHERE n.entity_id = e.entity_id AND n.name <> e.canonical_name) AS aliases
FROM entities AS e
ORDER BY e.entity_id
"""

ENTITY_ROLES_SQL = "SELECT entity_id, role, claim_id FROM entity_claims ORDER BY entity_id, role, claim_id"

# A fact's claims in the order of fact_statements (lowest value first), the one the CLI shows.
STATEMENT_ORDER_SQL = "SELECT fact_key, claim_id FROM fact_statements ORDER BY fact_key, value_rank"

# Totals set against the sum of their parts, on the page of the total's fact.
ROLLUPS_SQL = """
SELECT claim_id, fact_key, value, voice, source_id, total_low, total_high, sum_low, sum_high, verdict,
       sides_without_parts, parts
FROM scope_rollups
ORDER BY fact_key, claim_id
"""


@dataclass
class SiteData:
    summary: dict
    facts: list[dict]
    claims: dict[str, dict]
    sources: list[dict]
    entities: list[dict]
    properties: list[dict]
    rubric: list[dict]
    seed_texts: dict[str, str | None] = field(default_factory=dict)
    with_seeds: bool = True

    def claims_of_fact(self, fact_key: str) -> list[dict]:
        return [self.claims[claim_id] for claim_id in self.facts_by_key[fact_key]["claim_ids"]]

    def __post_init__(self) -> None:
        self.facts_by_key = {fact["fact_key"]: fact for fact in self.facts}


def load_site_data(root: Path, with_seeds: bool = True) -> SiteData:
    """Everything the pages show; without seeds, no document text is read (quotes only)."""
    with query.open_database(root) as connection:
        summary = query.fetch_dicts(connection, SUMMARY_SQL)[0]
        facts = query.fetch_dicts(connection, FACTS_SQL)
        claims = {row["claim_id"]: row for row in query.fetch_dicts(connection, CLAIMS_SQL)}
        for claim in claims.values():
            claim["attributions"] = []
            claim["entity_roles"] = []
        for link in query.fetch_dicts(connection, ATTRIBUTIONS_SQL):
            if link["claim_id"] in claims:
                claims[link["claim_id"]]["attributions"].append(link)
        sources = query.fetch_dicts(connection, "SELECT * FROM sources ORDER BY source_id")
        entities = query.fetch_dicts(connection, ENTITIES_SQL)
        roles: dict[str, list[tuple[str, str]]] = {}
        for row in query.fetch_dicts(connection, ENTITY_ROLES_SQL):
            roles.setdefault(row["entity_id"], []).append((row["role"], row["claim_id"]))
        properties = query.fetch_dicts(connection, "SELECT * FROM properties ORDER BY property_id")
        rubric = query.fetch_dicts(connection, "SELECT * FROM confidence_rubric ORDER BY rule_id")
        rank = {(row["fact_key"], row["claim_id"]): position for position, row in
                enumerate(query.fetch_dicts(connection, STATEMENT_ORDER_SQL))}
        rollups: dict[str, list[dict]] = {}
        for row in query.fetch_dicts(connection, ROLLUPS_SQL):
            rollups.setdefault(row["fact_key"], []).append(row)
    for entity in entities:
        entity["roles"] = roles.get(entity["entity_id"], [])
    for fact in facts:
        key = fact["fact_key"]
        fact["claim_ids"] = sorted(fact["claim_ids"], key=lambda claim_id: (rank.get((key, claim_id), len(rank)),
                                                                          claim_id))
        fact["rollups"] = rollups.get(key, [])
    facts.sort(key=lambda fact: (TIER_ORDER.get(fact["tier"], 3), fact["fact_key"]))
    seed_texts = {source["source_id"]: query.seed_text(root, source["seed_path"]) if with_seeds else None
                  for source in sources}
    return SiteData(summary, facts, claims, sources, entities, properties, rubric, seed_texts, with_seeds)
