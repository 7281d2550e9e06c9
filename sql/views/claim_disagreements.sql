-- claim_disagreements
-- Grain: one row per pair of active claims of one fact that disagree
-- (key: claim_id, other_claim_id, with claim_id < other_claim_id).
-- tier and reason (docs/queries.md, "Tiers"):
--   incompatible  no single value satisfies both claims:
--                 - two affirming claims of a single-valued quantity or date whose intervals do
--                   not overlap ("0" against "at least 12") -> bounds do not overlap;
--                 - two affirming claims of a single-valued entity or text property with
--                   different values -> different values of a single-valued property;
--                 - an affirming claim whose whole interval (or whose value) a denial rules out
--                   -> an assertion against its denial (any cardinality);
--   divergent     the intervals overlap but the stated figures (value_number) or the stated
--                 date intervals differ ("39" against "up to 100") -> stated figures differ /
--                 stated dates differ.
-- Several values of a multi-valued property never disagree; nor do claims whose stance is
-- neither (forecasts, demands, ...), nor two denials. Place and time qualifiers are not compared.
-- For intervals on a line, "some pair does not overlap" is the same as "no value satisfies every
-- claim" (Helly's theorem in one dimension), so the fact-level tier can be read off these pairs.
-- Only the two kinds of pair that can disagree are joined (two affirmations of a single-valued
-- fact, an affirmation and a denial), not every pair of a fact's claims: at a million claims the
-- pairs of a fact outnumber its claims tenfold. The pair's first claim (the lower claim_id) gives
-- the value type and cardinality, as the fact's claims share its property.
CREATE OR REPLACE VIEW claim_disagreements AS
WITH
fact_claims AS (SELECT * FROM claim_facts),

affirming AS (
    SELECT * FROM fact_claims WHERE stance = 'affirms'
),

denying AS (
    SELECT * FROM fact_claims WHERE stance = 'denies'
),

-- Two affirmations, the first of a single-valued fact.
affirmed_pairs AS (
    SELECT
        a.fact_key,
        a.claim_id,
        b.claim_id AS other_claim_id,
        CASE
            WHEN a.value_type IN ('quantity', 'date')
                 AND NOT greatest(a.interval_low, b.interval_low) <= least(a.interval_high, b.interval_high)
                THEN 'bounds do not overlap'
            WHEN a.value_type NOT IN ('quantity', 'date') AND NOT a.value_key = b.value_key
                THEN 'different values of a single-valued property'
            WHEN a.value_type = 'quantity' AND a.value_number <> b.value_number
                THEN 'stated figures differ'
            -- A date with no calendar bound ("last year" in an undated report) states no
            -- interval to differ from: it is unknown, not different.
            WHEN a.value_type = 'date' AND NOT a.is_unbounded AND NOT b.is_unbounded
                 AND (a.interval_low <> b.interval_low OR a.interval_high <> b.interval_high)
                THEN 'stated dates differ'
        END AS reason
    FROM affirming AS a
    JOIN affirming AS b ON b.fact_key = a.fact_key AND a.claim_id < b.claim_id
    WHERE a.cardinality = 'single'
),

-- An affirmation and a denial, in either order of claim_id.
affirmed_and_denied AS (
    SELECT
        a.fact_key,
        least(a.claim_id, d.claim_id) AS claim_id,
        greatest(a.claim_id, d.claim_id) AS other_claim_id,
        CASE WHEN a.claim_id < d.claim_id THEN a.value_type ELSE d.value_type END AS value_type,
        a.interval_low,
        a.interval_high,
        a.value_key,
        d.interval_low AS denied_low,
        d.interval_high AS denied_high,
        d.value_key AS denied_key,
        d.is_unbounded AS denial_is_unbounded
    FROM affirming AS a
    JOIN denying AS d ON d.fact_key = a.fact_key AND d.claim_id <> a.claim_id
),

-- The denial rules out the whole interval, or the value, the affirmation states.
denied_pairs AS (
    SELECT fact_key, claim_id, other_claim_id
    FROM affirmed_and_denied
    WHERE CASE
        WHEN value_type IN ('quantity', 'date')
            THEN NOT denial_is_unbounded AND denied_low <= interval_low AND interval_high <= denied_high
        WHEN value_type NOT IN ('quantity', 'date')
            THEN value_key = denied_key
    END
),

judged AS (
    SELECT fact_key, claim_id, other_claim_id, reason FROM affirmed_pairs
    UNION ALL
    SELECT fact_key, claim_id, other_claim_id, 'an assertion against its denial'
    FROM denied_pairs
),

tiered AS (
    SELECT
        fact_key,
        claim_id,
        other_claim_id,
        CASE WHEN reason IN ('stated figures differ', 'stated dates differ') THEN 'divergent'
             ELSE 'incompatible' END AS tier,
        reason
    FROM judged
    WHERE reason IS NOT NULL
)

SELECT * FROM tiered;
