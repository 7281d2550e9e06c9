-- entity_claims
-- Grain: one row per entity, active claim and role the entity plays in it
-- (key: entity_id, claim_id, role).
--   role subject, value, place: the claim is about the entity;
--   role reporter, originator: the entity is cited as the claim's source (attribution position 1,
--   or 2 and on, as in docs/model.md), so this is what the entity says, not what is said about it.
-- Whatever name the documents use: names holds the canonical name and every alias as written,
-- match_names the same in lower case, so that
--   SELECT * FROM entity_claims WHERE list_contains(match_names, lower('BBC News'))
-- finds the claims under any spelling.
CREATE OR REPLACE VIEW entity_claims AS
WITH
fact_claims AS (SELECT * FROM claim_facts),
spellings AS (SELECT * FROM entity_names),
attribution_links AS (SELECT * FROM attributions),

names_by_entity AS (
    SELECT
        entity_id,
        any_value(canonical_name) AS entity_name,
        any_value(entity_type) AS entity_type,
        list(DISTINCT name ORDER BY name) AS names,
        list(DISTINCT lower(name) ORDER BY lower(name)) AS match_names
    FROM spellings
    GROUP BY entity_id
),

-- UNION, not UNION ALL: an agent named twice in one chain is one originator row.
roles AS (
    SELECT subject_id AS entity_id, 'subject' AS role, claim_id FROM fact_claims
    UNION
    SELECT value_entity_id, 'value', claim_id FROM fact_claims WHERE value_entity_id IS NOT NULL
    UNION
    SELECT place_id, 'place', claim_id FROM fact_claims WHERE place_id IS NOT NULL
    UNION
    SELECT agent_id, CASE WHEN position = 1 THEN 'reporter' ELSE 'originator' END, claim_id
    FROM attribution_links
),

final AS (
    SELECT
        roles.entity_id,
        names_by_entity.entity_name,
        names_by_entity.entity_type,
        roles.role,
        roles.claim_id,
        c.fact_key,
        c.property_id,
        c.modality,
        c.value,
        c.voice,
        c.source_id,
        c.quote,
        names_by_entity.names,
        names_by_entity.match_names
    FROM roles
    JOIN names_by_entity USING (entity_id)
    JOIN fact_claims AS c USING (claim_id)
)

SELECT * FROM final;
