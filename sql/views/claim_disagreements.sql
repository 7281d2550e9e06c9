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
CREATE OR REPLACE VIEW claim_disagreements AS
WITH
fact_claims AS (SELECT * FROM claim_facts),

pairs AS (
    SELECT
        a.fact_key,
        a.claim_id,
        b.claim_id AS other_claim_id,
        a.value_type,
        a.cardinality = 'single' AS is_single,
        a.value_type IN ('quantity', 'date') AS is_interval,
        a.stance = 'affirms' AND b.stance = 'affirms' AS both_affirm,
        greatest(a.interval_low, b.interval_low) <= least(a.interval_high, b.interval_high) AS intervals_overlap,
        a.value_key = b.value_key AS same_key,
        a.value_number <> b.value_number AS figures_differ,
        -- A date with no calendar bound ("last year" in an undated report) states no interval
        -- to differ from: it is unknown, not different.
        NOT a.is_unbounded AND NOT b.is_unbounded
            AND (a.interval_low <> b.interval_low OR a.interval_high <> b.interval_high) AS intervals_differ,
        -- (affirming side, denying side) when the pair is an affirmation and a denial
        CASE WHEN a.stance = 'affirms' AND b.stance = 'denies' THEN struct_pack(
                lo := a.interval_low, hi := a.interval_high, d_lo := b.interval_low,
                d_hi := b.interval_high, d_unbounded := b.is_unbounded)
             WHEN a.stance = 'denies' AND b.stance = 'affirms' THEN struct_pack(
                lo := b.interval_low, hi := b.interval_high, d_lo := a.interval_low,
                d_hi := a.interval_high, d_unbounded := a.is_unbounded)
        END AS denial
    FROM fact_claims AS a
    JOIN fact_claims AS b ON b.fact_key = a.fact_key AND a.claim_id < b.claim_id
),

judged AS (
    SELECT
        fact_key,
        claim_id,
        other_claim_id,
        CASE
            WHEN denial IS NOT NULL AND is_interval AND NOT denial.d_unbounded
                 AND denial.d_lo <= denial.lo AND denial.hi <= denial.d_hi
                THEN 'an assertion against its denial'
            WHEN denial IS NOT NULL AND NOT is_interval AND same_key
                THEN 'an assertion against its denial'
            WHEN both_affirm AND is_single AND is_interval AND NOT intervals_overlap
                THEN 'bounds do not overlap'
            WHEN both_affirm AND is_single AND NOT is_interval AND NOT same_key
                THEN 'different values of a single-valued property'
            WHEN both_affirm AND is_single AND value_type = 'quantity' AND figures_differ
                THEN 'stated figures differ'
            WHEN both_affirm AND is_single AND value_type = 'date' AND intervals_differ
                THEN 'stated dates differ'
        END AS reason
    FROM pairs
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
