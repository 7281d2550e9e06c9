-- The tier of a contested fact, read off the tiers of its disagreeing pairs (claim_disagreements):
-- incompatible when any pair is incompatible, else divergent. An aggregate, used grouped by
-- fact_key; stated once for contested_facts and for the views that need only a fact's tier
-- (fact_estimates, source_summary), which read claim_disagreements rather than contested_facts
-- so as not to compute its lists of statements and claims (at a million claims that is most of
-- their time and memory).
CREATE OR REPLACE MACRO fact_tier(pair_tier) AS
    CASE WHEN bool_or(pair_tier = 'incompatible') THEN 'incompatible' ELSE 'divergent' END;
