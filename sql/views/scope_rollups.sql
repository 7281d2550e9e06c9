-- scope_rollups
-- Grain: one row per affirming quantity claim whose scope names several sides, i.e. a total
-- (key: claim_id): "a total of 89 Tajik government soldiers and rebel troops" (government+rebels).
-- The total is set against the sum of its parts: for each side of its scope, the affirming
-- claims of the same subject and property scoped to that side alone, from any document. Each
-- part is an interval, the widest its claims span (lowest lower bound, highest upper bound; an
-- open floor is 0, an open top has no limit), so the sum is every total the parts allow:
--   sum_low, sum_high   the sum of the parts' intervals (sum_high NULL: some part is open above
--                       or missing);
--   verdict  inconsistent  the total's interval and the sum do not overlap: no choice among the
--                          parts' claims adds up to the total (a missing side counts as 0 to
--                          no limit, so even an incomplete sum can contradict a total);
--            incomplete    otherwise, when some side has no claim that bounds it;
--            consistent    otherwise: the total lies within what its parts allow.
--   parts    each side as "side: value (voice, document); ...", lowest first; "side: none"
--            when no claim bounds it.
-- Totals whose sides all lack parts are listed too (verdict incomplete): that is what there is.
CREATE OR REPLACE VIEW scope_rollups AS
WITH
fact_claims AS (SELECT * FROM claim_facts),

quantity_claims AS (
    SELECT * FROM fact_claims
    WHERE value_type = 'quantity' AND stance = 'affirms' AND NOT is_unbounded AND scope IS NOT NULL
),

totals AS (
    SELECT claim_id, fact_key, subject_id, subject_name, property_id, scope, value, voice, source_id,
           interval_low AS total_low, interval_high AS total_high, string_split(scope, '+') AS sides
    FROM quantity_claims
    WHERE contains(scope, '+')
),

total_sides AS (
    SELECT claim_id, subject_id, property_id, unnest(sides) AS side FROM totals
),

parts AS (
    SELECT
        t.claim_id,
        t.side,
        min(p.interval_low) AS part_low,
        max(p.interval_high) AS part_high,
        count(p.claim_id) AS part_claims,
        string_agg(p.value || ' (' || p.voice || ', ' || p.source_id || ')', '; '
                   ORDER BY p.interval_low, p.interval_high, p.claim_id) AS part_statements
    FROM total_sides AS t
    LEFT JOIN quantity_claims AS p
        ON p.subject_id = t.subject_id AND p.property_id = t.property_id AND p.scope = t.side
    GROUP BY t.claim_id, t.side
),

sums AS (
    SELECT
        claim_id,
        sum(coalesce(part_low, 0)) AS sum_low,
        sum(coalesce(part_high, 'infinity'::DOUBLE)) AS sum_high,
        count(*) FILTER (WHERE part_claims = 0) AS missing_sides,
        list(side ORDER BY side) FILTER (WHERE part_claims = 0) AS sides_without_parts,
        string_agg(side || ': ' || coalesce(part_statements, 'none'), ' | ' ORDER BY side) AS parts
    FROM parts
    GROUP BY claim_id
),

final AS (
    SELECT
        t.claim_id,
        t.fact_key,
        t.subject_id,
        t.subject_name,
        t.property_id,
        t.scope,
        t.sides,
        t.value,
        t.voice,
        t.source_id,
        t.total_low,
        finite_or_null(t.total_high) AS total_high,
        s.sum_low,
        finite_or_null(s.sum_high) AS sum_high,
        CASE
            WHEN t.total_high < s.sum_low OR t.total_low > s.sum_high THEN 'inconsistent'
            WHEN s.missing_sides > 0 THEN 'incomplete'
            ELSE 'consistent'
        END AS verdict,
        coalesce(s.sides_without_parts, []) AS sides_without_parts,
        s.parts
    FROM totals AS t
    JOIN sums AS s USING (claim_id)
)

SELECT * FROM final;
