-- contested_facts
-- Grain: one row per fact whose claims disagree (key: fact_key).
-- tier: incompatible when any pair of its claims is incompatible, else divergent
-- (claim_disagreements says, pair by pair, which claims and why); reason lists the reasons of
-- that tier. Facts absent from this view are uncontested.
--   statements  every claim of the fact as "value (voice, document)", modality first when it is
--               not asserted, in order of value: lower bound, then upper bound (as in
--               fact_statements, which has each claim as a row with its chain);
--   documents, reporters  who says it: documents by id, reporters by name (a document's own
--               voice as "own voice: <document title>").
-- Every fact of tiers has its claims in facts and who_says_what, so the joins are LEFT only to
-- tell DuckDB that a view reading just the tier (source_summary, fact_estimates) needs neither.
CREATE OR REPLACE VIEW contested_facts AS
WITH
disagreements AS (SELECT * FROM claim_disagreements),
facts AS (SELECT * FROM competing_claims),
fact_claims AS (SELECT * FROM claim_facts),

tiers AS (
    SELECT
        fact_key,
        CASE WHEN bool_or(tier = 'incompatible') THEN 'incompatible' ELSE 'divergent' END AS tier,
        coalesce(
            string_agg(DISTINCT reason, '; ' ORDER BY reason) FILTER (WHERE tier = 'incompatible'),
            string_agg(DISTINCT reason, '; ' ORDER BY reason)
        ) AS reason,
        count(*) AS disagreeing_pairs
    FROM disagreements
    GROUP BY fact_key
),

who_says_what AS (
    SELECT
        fact_key,
        list(
            CASE WHEN modality <> 'asserted' THEN modality || ': ' ELSE '' END
            || value || ' (' || voice || ', ' || source_id || ')'
            ORDER BY interval_low NULLS LAST, interval_high NULLS LAST, value, claim_id
        ) AS statements,
        list(DISTINCT source_id ORDER BY source_id) AS documents,
        list(DISTINCT coalesce(reporter_name, 'own voice: ' || document_title)
             ORDER BY coalesce(reporter_name, 'own voice: ' || document_title)) AS reporters
    FROM fact_claims
    GROUP BY fact_key
),

final AS (
    SELECT
        tiers.fact_key,
        tiers.tier,
        tiers.reason,
        facts.subject_name,
        facts.property_id,
        facts.scope,
        facts.claim_count,
        facts.document_count,
        facts.reporter_count,
        tiers.disagreeing_pairs,
        who_says_what.statements,
        who_says_what.documents,
        who_says_what.reporters,
        facts.claim_ids
    FROM tiers
    LEFT JOIN facts USING (fact_key)
    LEFT JOIN who_says_what USING (fact_key)
)

SELECT * FROM final;
