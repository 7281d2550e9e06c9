-- fact_statements
-- Grain: one row per active claim (key: claim_id), placed among the claims of its fact.
-- The competing claims of a fact in order of value, each with who states it and how:
--   value_rank   1 for the lowest value of the fact: by lower bound, then upper bound (open
--                sides as in claim_facts: a quantity's open floor is 0, an open top +infinity;
--                a date's open sides -/+infinity), then the value as written, then claim_id;
--                entities and texts, which have no bounds, by the value as written;
--   value_low, value_high  a quantity's bounds, NULL where the claim leaves a side open (dates
--                keep theirs in value_date_start and value_date_end);
--   modality     as stated (asserted, denied, alleged, expected, ...); stance how it counts;
--   chain        the attribution chain as names, reporter first ([] in the document's own voice);
--   voice        the same as one text, "BBC News > hospital source (BBC, 2012)" or "own voice".
CREATE OR REPLACE VIEW fact_statements AS
WITH
fact_claims AS (SELECT * FROM claim_facts),
attribution_links AS (SELECT * FROM attributions),
named_entities AS (SELECT * FROM entities),

chains AS (
    SELECT link.claim_id, list(coalesce(agent.canonical_name, link.agent_id) ORDER BY link.position) AS chain
    FROM attribution_links AS link
    LEFT JOIN named_entities AS agent ON agent.entity_id = link.agent_id
    GROUP BY link.claim_id
),

ranked AS (
    SELECT
        c.fact_key,
        row_number() OVER (
            PARTITION BY c.fact_key
            ORDER BY c.interval_low NULLS LAST, c.interval_high NULLS LAST, c.value, c.claim_id) AS value_rank,
        c.claim_id,
        c.value,
        c.value_qualifier,
        c.value_number,
        CASE WHEN c.value_type = 'quantity' THEN c.value_min END AS value_low,
        CASE WHEN c.value_type = 'quantity' THEN c.value_max END AS value_high,
        c.value_entity_id,
        c.value_date_start,
        c.value_date_end,
        c.modality,
        c.stance,
        coalesce(chains.chain, []) AS chain,
        c.voice,
        c.reporter_id,
        c.reporter_name,
        c.originator_id,
        c.originator_name,
        c.source_id,
        c.document_title,
        c.confidence,
        c.quote
    FROM fact_claims AS c
    LEFT JOIN chains USING (claim_id)
)

SELECT * FROM ranked;
