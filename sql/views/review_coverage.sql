-- review_coverage
-- Grain: one row per document and one row per fact (key: level, coverage_key).
--   level            'document' (coverage_key = source_id) or 'fact' (coverage_key = fact_key);
--   claims           active claims; reviewed_claims / unreviewed_claims: with and without a review;
--   confirmed, corrected, disputed: active claims by the verdict of their latest review ('corrected'
--                    on an active claim: a correction recorded before the claim was deprecated);
--   reviewed_share   reviewed_claims / claims, rounded to 3 places.
CREATE OR REPLACE VIEW review_coverage AS
WITH
claim_review_rows AS (SELECT * FROM claim_reviews),

levels AS (
    SELECT 'document' AS level, source_id AS coverage_key, * FROM claim_review_rows
    UNION ALL
    SELECT 'fact', fact_key, * FROM claim_review_rows
),

counted AS (
    SELECT
        level,
        coverage_key,
        count(*) AS claims,
        count(*) FILTER (WHERE is_reviewed) AS reviewed_claims,
        count(*) FILTER (WHERE NOT is_reviewed) AS unreviewed_claims,
        count(*) FILTER (WHERE latest_verdict = 'confirmed') AS confirmed,
        count(*) FILTER (WHERE latest_verdict = 'corrected') AS corrected,
        count(*) FILTER (WHERE latest_verdict = 'disputed') AS disputed
    FROM levels
    GROUP BY level, coverage_key
),

final AS (
    -- Rounded as 1000 * a / b to a whole number: round(x, 3) of a double rounds differently in
    -- DuckDB and Spark (0.5025 becomes 0.502 in one, 0.503 in the other; docs/at-scale.md).
    SELECT *, round(1000 * reviewed_claims / claims) / 1000 AS reviewed_share
    FROM counted
)

SELECT * FROM final;
