-- fact_estimates
-- Grain: one row per fact whose property is a quantity (key: fact_key).
-- Labelled aggregates side by side, never one "true" figure (docs/queries.md, "Estimates").
-- They use the affirming claims (asserted or alleged) that state a figure. A claim's figure is
-- its stated number moved inside its own bounds: "more than 100" gives 101, "fewer than 10"
-- gives 9, "about 300" and "at least 12" give 300 and 12.
--   low               UCDP-style low: the lowest figure stated;
--   best              the median of the point figures (exact, about, rounded); when no claim
--                     states a point figure, the median of all figures (bounds only);
--   high              UCDP-style high: the highest figure stated (not a bound on the truth:
--                     "more than 100" stays open above);
--   conservative_min  ACLED-style most conservative figure: the lowest lower bound any claim
--                     commits to ("about 300" commits to 270); 0 when no claim states a floor
--                     ("up to 100" alone).
-- Each figure has a *_rule column naming the rule that produced it; figures are NULL (rule
-- "no affirming figure") when only denials, forecasts or figureless claims ("many") exist.
-- tier is the fact's tier in contested_facts, or 'uncontested'.
CREATE OR REPLACE VIEW fact_estimates AS
WITH
fact_claims AS (SELECT * FROM claim_facts),
contested AS (SELECT * FROM contested_facts),

quantity_facts AS (
    SELECT fact_key, any_value(subject_name) AS subject_name, any_value(property_id) AS property_id,
           any_value(scope) AS scope
    FROM fact_claims
    WHERE value_type = 'quantity'
    GROUP BY fact_key
),

figures AS (
    SELECT
        fact_key,
        least(greatest(value_number, interval_low), interval_high) AS figure,
        value_qualifier IN ('exact', 'about', 'rounded') AS is_point,
        value_min
    FROM fact_claims
    WHERE value_type = 'quantity' AND stance = 'affirms' AND value_number IS NOT NULL
),

aggregates AS (
    SELECT
        fact_key,
        count(*) AS figure_count,
        min(figure) AS low,
        max(figure) AS high,
        quantile_cont(figure, 0.5) FILTER (WHERE is_point) AS median_point,
        quantile_cont(figure, 0.5) AS median_all,
        min(value_min) AS lowest_floor
    FROM figures
    GROUP BY fact_key
),

final AS (
    SELECT
        q.fact_key,
        q.subject_name,
        q.property_id,
        q.scope,
        coalesce(contested.tier, 'uncontested') AS tier,
        coalesce(a.figure_count, 0) AS figure_count,
        a.low,
        CASE WHEN a.low IS NULL THEN 'no affirming figure' ELSE 'lowest stated figure' END AS low_rule,
        coalesce(a.median_point, a.median_all) AS best,
        CASE
            WHEN a.median_point IS NOT NULL THEN 'median of point figures (exact, about, rounded)'
            WHEN a.median_all IS NOT NULL THEN 'median of bound figures (no point figure stated)'
            ELSE 'no affirming figure'
        END AS best_rule,
        a.high,
        CASE WHEN a.high IS NULL THEN 'no affirming figure' ELSE 'highest stated figure' END AS high_rule,
        CASE WHEN a.figure_count IS NOT NULL THEN coalesce(a.lowest_floor, 0) END AS conservative_min,
        CASE
            WHEN a.lowest_floor IS NOT NULL THEN 'lowest lower bound any claim commits to (ACLED-style)'
            WHEN a.figure_count IS NOT NULL THEN 'no claim states a floor: 0'
            ELSE 'no affirming figure'
        END AS conservative_min_rule
    FROM quantity_facts AS q
    LEFT JOIN aggregates AS a USING (fact_key)
    LEFT JOIN contested USING (fact_key)
)

SELECT * FROM final;
