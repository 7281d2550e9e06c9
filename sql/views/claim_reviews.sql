-- claim_reviews
-- Grain: one row per active claim (key: claim_id), with what its reviews say.
--   review_count     rows of the reviews table for the claim (0: not reviewed);
--   reviewers        distinct reviewers, sorted, joined by '; ';
--   latest_verdict   the verdict of the latest review (by reviewed_on, then reviewer), NULL if none;
--   is_reviewed      at least one review; is_disputed: the latest verdict is 'disputed'.
-- Deprecated claims take part in no fact (claim_facts) and are left out here too: a corrected
-- claim's review stays in the reviews table, and the claim that replaces it needs its own.
CREATE OR REPLACE VIEW claim_reviews AS
WITH
fact_claims AS (SELECT * FROM claim_facts),
review_rows AS (SELECT * FROM reviews),

ranked_reviews AS (
    SELECT
        claim_id,
        reviewer,
        verdict,
        reviewed_on,
        row_number() OVER (PARTITION BY claim_id ORDER BY reviewed_on DESC, reviewer DESC) AS recency
    FROM review_rows
),

per_claim AS (
    SELECT
        claim_id,
        count(*) AS review_count,
        string_agg(DISTINCT reviewer, '; ' ORDER BY reviewer) AS reviewers,
        max(reviewed_on) AS latest_reviewed_on,
        any_value(verdict) FILTER (WHERE recency = 1) AS latest_verdict
    FROM ranked_reviews
    GROUP BY claim_id
),

final AS (
    SELECT
        c.claim_id,
        c.source_id,
        c.fact_key,
        coalesce(r.review_count, 0) AS review_count,
        r.reviewers,
        r.latest_reviewed_on,
        r.latest_verdict,
        r.review_count IS NOT NULL AS is_reviewed,
        coalesce(r.latest_verdict = 'disputed', false) AS is_disputed
    FROM fact_claims AS c
    LEFT JOIN per_claim AS r USING (claim_id)
)

SELECT * FROM final;
