-- contested_facts
-- Grain: one row per fact whose claims disagree (key: fact_key).
-- tier: incompatible when any pair of its claims is incompatible, else divergent (sql/macros/fact_tier.sql)
-- (claim_disagreements says, pair by pair, which claims and why); reason lists the reasons of
-- that tier. Facts absent from this view are uncontested.
--   statements  every claim of the fact as "value (voice, document)", modality first when it is
--               not asserted, in order of value: lower bound, then upper bound (as in
--               fact_statements, which has each claim as a row with its chain);
--   documents, reporters  who says it: documents by id, reporters by name (a document's own
--               voice as "own voice: <document title>").
CREATE OR REPLACE VIEW contested_facts AS
WITH
disagreements AS (SELECT * FROM claim_disagreements),
facts AS (SELECT * FROM competing_claims),
fact_claims AS (SELECT * FROM claim_facts),

-- Each reason of a fact once, with its pairs; then the fact's tier and reasons from those few
-- rows (DISTINCT inside an aggregate keeps every value in memory: too much at a million claims).
fact_reasons AS (
    SELECT fact_key, tier, reason, count(*) AS pairs
    FROM disagreements
    GROUP BY fact_key, tier, reason
),

tiers AS (
    SELECT
        fact_key,
        fact_tier(tier) AS tier,
        coalesce(
            string_agg(reason, '; ' ORDER BY reason) FILTER (WHERE tier = 'incompatible'),
            string_agg(reason, '; ' ORDER BY reason)
        ) AS reason,
        sum(pairs)::BIGINT AS disagreeing_pairs
    FROM fact_reasons
    GROUP BY fact_key
),

-- Only the claims of contested facts are listed.
contested_claims AS (
    SELECT * FROM fact_claims WHERE fact_key IN (SELECT fact_key FROM tiers)
),

statements AS (
    SELECT
        fact_key,
        list(
            CASE WHEN modality <> 'asserted' THEN modality || ': ' ELSE '' END
            || value || ' (' || voice || ', ' || source_id || ')'
            ORDER BY interval_low NULLS LAST, interval_high NULLS LAST, value, claim_id
        ) AS statements
    FROM contested_claims
    GROUP BY fact_key
),

fact_documents AS (
    SELECT DISTINCT fact_key, source_id FROM contested_claims
),

documents AS (
    SELECT fact_key, list(source_id ORDER BY source_id) AS documents
    FROM fact_documents
    GROUP BY fact_key
),

fact_reporters AS (
    SELECT DISTINCT fact_key, coalesce(reporter_name, 'own voice: ' || document_title) AS reporter
    FROM contested_claims
),

reporters AS (
    SELECT fact_key, list(reporter ORDER BY reporter) AS reporters
    FROM fact_reporters
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
        statements.statements,
        documents.documents,
        reporters.reporters,
        facts.claim_ids
    FROM tiers
    JOIN facts USING (fact_key)
    JOIN statements USING (fact_key)
    JOIN documents USING (fact_key)
    JOIN reporters USING (fact_key)
)

SELECT * FROM final;
