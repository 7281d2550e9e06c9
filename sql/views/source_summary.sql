-- source_summary
-- Grain: one row per document and one row per reporter (key: level, source_key).
--   level       'document' (source_key = source_id) or 'reporter' (source_key = the reporter's
--               entity id; a document's own voice is its own reporter, keyed by its source_id);
--   claims      active claims; facts: the distinct facts those claims speak to;
--   contested_facts, incompatible_facts, divergent_facts: how many of those facts are contested
--               (contested_facts, whose tier is read off claim_disagreements here);
--               contested_share = contested_facts / facts.
-- A fact is contested for everyone who speaks to it, whichever side they are on.
CREATE OR REPLACE VIEW source_summary AS
WITH
fact_claims AS (SELECT * FROM claim_facts),
disagreements AS (SELECT * FROM claim_disagreements),

contested AS (
    SELECT fact_key, fact_tier(tier) AS tier FROM disagreements GROUP BY fact_key
),

-- Each claim twice, once per level (one read of claim_facts: a CTE read twice is materialised
-- whole, which at a million claims did not fit in 600 MB beside the aggregates).
speakers AS (
    SELECT
        l.level,
        CASE l.level WHEN 'document' THEN c.source_id ELSE coalesce(c.reporter_id, c.source_id) END AS source_key,
        CASE l.level
            WHEN 'document' THEN c.document_title
            ELSE coalesce(c.reporter_name, 'own voice: ' || c.document_title)
        END AS source_name,
        c.claim_id,
        c.fact_key
    FROM fact_claims AS c
    CROSS JOIN (VALUES ('document'), ('reporter')) AS l(level)
),

-- First one row per speaker and fact, then one per speaker: each claim speaks to one fact, so
-- a speaker's claims are the sum over its facts, and its facts are counted without DISTINCT
-- (DISTINCT aggregates keep every value in memory, which 600 MB does not hold at a million claims).
speaker_facts AS (
    SELECT level, source_key, fact_key, any_value(source_name) AS source_name, count(claim_id) AS claims
    FROM speakers
    GROUP BY level, source_key, fact_key
),

counted AS (
    SELECT
        s.level,
        s.source_key,
        any_value(s.source_name) AS source_name,
        sum(s.claims)::BIGINT AS claims,
        count(s.fact_key) AS facts,
        count(s.fact_key) FILTER (WHERE c.tier IS NOT NULL) AS contested_facts,
        count(s.fact_key) FILTER (WHERE c.tier = 'incompatible') AS incompatible_facts,
        count(s.fact_key) FILTER (WHERE c.tier = 'divergent') AS divergent_facts
    FROM speaker_facts AS s
    LEFT JOIN contested AS c USING (fact_key)
    GROUP BY s.level, s.source_key
),

final AS (
    -- Rounded as 1000 * a / b to a whole number: round(x, 3) of a double rounds differently in
    -- DuckDB and Spark (0.5025 becomes 0.502 in one, 0.503 in the other; docs/at-scale.md).
    SELECT *, round(1000 * contested_facts / facts) / 1000 AS contested_share
    FROM counted
)

SELECT * FROM final;
