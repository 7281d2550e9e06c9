-- fact_estimates
-- Grain: one row per fact whose property is a quantity (key: fact_key).
-- Labelled aggregates side by side, never one "true" figure (docs/queries.md, "Estimates").
-- They use the affirming claims (asserted or alleged) that state a number, each read by what it
-- commits to (the bounds derived from its qualifier, docs/model.md):
--   a point claim  (exact, about, rounded) states a figure: "41 killed", "about 300";
--   an open claim  states one end only: a floor ("at least 12"; "more than 100" is at least 101)
--                  or a ceiling ("up to 100"; "fewer than 10" is at most 9).
-- An open claim is never a stated figure and never a best; it can only move one end:
--   low               the lowest stated figure, or an open claim's floor when that is lower
--                     still (a ceiling commits to no minimum, so it gives no low);
--   best              the median of the stated point figures; NULL when no claim states one;
--   high              the highest stated figure, or an open claim's ceiling or floor when that
--                     is higher; high_is_open says the high is a floor ("more than 100"): no
--                     claim caps it;
--   conservative_min  ACLED-style most conservative figure: the lowest lower bound any claim
--                     commits to ("about 300" commits to 270); 0 when no claim states a floor
--                     ("up to 100" alone).
-- Each figure has a *_rule column saying which rule chose it, with the open claim's value when
-- an open claim did; low_claim_id and high_claim_id name the claim. At equal numbers a stated
-- figure is chosen before a bound. Figures are NULL (rule "no affirming figure") when only
-- denials, forecasts or claims without a number ("many") exist.
--   figure_count  affirming claims that state a number; point_count  those that state a figure.
-- tier is the fact's tier (as in contested_facts, from claim_disagreements), or 'uncontested'.
CREATE OR REPLACE VIEW fact_estimates AS
WITH
fact_claims AS (SELECT * FROM claim_facts),
disagreements AS (SELECT * FROM claim_disagreements),

contested AS (
    SELECT fact_key, fact_tier(tier) AS tier FROM disagreements GROUP BY fact_key
),

quantity_facts AS (
    SELECT fact_key, any_value(subject_name) AS subject_name, any_value(property_id) AS property_id,
           any_value(scope) AS scope
    FROM fact_claims
    WHERE value_type = 'quantity'
    GROUP BY fact_key
),

numbered_claims AS (
    SELECT
        fact_key,
        claim_id,
        value,
        value_min,
        CASE
            WHEN value_qualifier IN ('exact', 'about', 'rounded') THEN 'point'
            WHEN value_min IS NOT NULL AND value_max IS NULL THEN 'floor'
            WHEN value_max IS NOT NULL AND value_min IS NULL THEN 'ceiling'
        END AS kind,
        CASE
            WHEN value_qualifier IN ('exact', 'about', 'rounded') THEN value_number
            ELSE coalesce(value_min, value_max)
        END AS number
    FROM fact_claims
    WHERE value_type = 'quantity' AND stance = 'affirms' AND value_number IS NOT NULL
),

ranked_ends AS (
    SELECT
        *,
        CASE WHEN kind IN ('point', 'floor') THEN row_number() OVER (
            PARTITION BY fact_key, kind IN ('point', 'floor')
            ORDER BY number, kind <> 'point', claim_id) END AS low_rank,
        row_number() OVER (
            PARTITION BY fact_key
            ORDER BY number DESC, CASE kind WHEN 'point' THEN 1 WHEN 'ceiling' THEN 2 ELSE 3 END, claim_id)
            AS high_rank
    FROM numbered_claims
    WHERE kind IS NOT NULL
),

lows AS (
    SELECT fact_key, number AS low, claim_id AS low_claim_id, kind AS low_kind, value AS low_value
    FROM ranked_ends WHERE low_rank = 1
),

highs AS (
    SELECT fact_key, number AS high, claim_id AS high_claim_id, kind AS high_kind, value AS high_value
    FROM ranked_ends WHERE high_rank = 1
),

ranked_points AS (
    SELECT
        fact_key,
        number,
        row_number() OVER (PARTITION BY fact_key ORDER BY number, claim_id) AS point_rank,
        count(*) OVER (PARTITION BY fact_key) AS point_total
    FROM numbered_claims
    WHERE kind = 'point'
),

-- The median spelt out as the mean of the middle figure (odd count) or figures (even count):
-- median() interpolates with a different rounding in DuckDB and in Spark (22.85 against
-- 22.849999999999998 for 5.7 and 40), the mean of two numbers is the same in both.
medians AS (
    SELECT fact_key, avg(number) AS median_point
    FROM ranked_points
    WHERE point_rank IN ((point_total + 1) // 2, (point_total + 2) // 2)
    GROUP BY fact_key
),

aggregates AS (
    SELECT
        n.fact_key,
        count(*) AS figure_count,
        count(*) FILTER (WHERE n.kind = 'point') AS point_count,
        any_value(m.median_point) AS median_point,
        min(n.value_min) AS lowest_floor
    FROM numbered_claims AS n
    LEFT JOIN medians AS m USING (fact_key)
    GROUP BY n.fact_key
),

final AS (
    SELECT
        q.fact_key,
        q.subject_name,
        q.property_id,
        q.scope,
        coalesce(contested.tier, 'uncontested') AS tier,
        coalesce(a.figure_count, 0) AS figure_count,
        coalesce(a.point_count, 0) AS point_count,
        lows.low,
        CASE
            WHEN lows.low_kind = 'point' THEN 'lowest stated figure'
            WHEN lows.low_kind = 'floor' THEN 'floor of an open claim (' || lows.low_value || '), '
                || CASE WHEN a.point_count > 0 THEN 'below every stated figure' ELSE 'no figure stated' END
            WHEN a.figure_count IS NOT NULL THEN 'no stated figure or floor (a ceiling commits to no minimum)'
            ELSE 'no affirming figure'
        END AS low_rule,
        lows.low_claim_id,
        a.median_point AS best,
        CASE
            WHEN a.median_point IS NOT NULL THEN 'median of point figures (exact, about, rounded)'
            WHEN a.figure_count IS NOT NULL THEN 'no stated point figure (an open claim gives no best)'
            ELSE 'no affirming figure'
        END AS best_rule,
        highs.high,
        CASE
            WHEN highs.high_kind = 'point' THEN 'highest stated figure'
            WHEN highs.high_kind = 'ceiling' THEN 'ceiling of an open claim (' || highs.high_value || '), '
                || CASE WHEN a.point_count > 0 THEN 'above every stated figure' ELSE 'no figure stated' END
            WHEN highs.high_kind = 'floor' THEN 'floor of an open claim (' || highs.high_value || '), '
                || CASE WHEN a.point_count > 0 THEN 'above every stated figure' ELSE 'no figure stated' END
                || ': nothing caps it'
            WHEN a.figure_count IS NOT NULL THEN 'no stated figure or bound'
            ELSE 'no affirming figure'
        END AS high_rule,
        highs.high_claim_id,
        coalesce(highs.high_kind = 'floor', false) AS high_is_open,
        CASE WHEN a.figure_count IS NOT NULL THEN coalesce(a.lowest_floor, 0) END AS conservative_min,
        CASE
            WHEN a.lowest_floor IS NOT NULL THEN 'lowest lower bound any claim commits to (ACLED-style)'
            WHEN a.figure_count IS NOT NULL THEN 'no claim states a floor: 0'
            ELSE 'no affirming figure'
        END AS conservative_min_rule
    FROM quantity_facts AS q
    LEFT JOIN aggregates AS a USING (fact_key)
    LEFT JOIN lows USING (fact_key)
    LEFT JOIN highs USING (fact_key)
    LEFT JOIN contested USING (fact_key)
)

SELECT * FROM final;
