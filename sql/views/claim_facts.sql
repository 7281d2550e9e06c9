-- claim_facts
-- Grain: one row per active claim (key: claim_id), with the fact it belongs to.
-- The one place that says which claims take part in facts: deprecated claims stay in the claims
-- table (and in claims_resolved) but take part in no fact. Every fact-level view reads this one.
-- Adds the value as something comparable (sql/macros/value_interval.sql):
--   interval_low, interval_high  quantities and dates, open sides as 0 or -/+infinity;
--   value_key                    entities and texts;
--   is_unbounded                 a quantity or date that states no bound at all ("many"): it
--                                allows every value, so its denial rules out nothing we can compute.
CREATE OR REPLACE VIEW claim_facts AS
WITH
resolved_claims AS (SELECT * FROM claims_resolved),

active_claims AS (
    SELECT * FROM resolved_claims WHERE status = 'active'
),

comparable AS (
    SELECT
        *,
        value_interval_low(value_type, value_min, value_date_start, value_date_precision) AS interval_low,
        value_interval_high(value_type, value_max, value_date_end, value_date_precision) AS interval_high,
        value_key(value_type, value_entity_id, value) AS value_key,
        value_type IN ('quantity', 'date')
            AND value_min IS NULL AND value_max IS NULL
            AND value_date_start IS NULL AND value_date_end IS NULL AS is_unbounded
    FROM active_claims
)

SELECT * FROM comparable;
