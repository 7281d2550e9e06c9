-- claim_facts
-- Grain: one row per active claim, with the fact it belongs to.
-- Deprecated claims stay in the claims table but take part in no fact.
CREATE OR REPLACE VIEW claim_facts AS
WITH active_claims AS (
    SELECT * FROM claims WHERE status = 'active'
)
SELECT
    fact_key(subject_id, property_id, scope) AS fact_key,
    claim_id,
    source_id,
    subject_id,
    property_id,
    scope
FROM active_claims;
