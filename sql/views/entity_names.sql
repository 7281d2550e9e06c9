-- entity_names
-- Grain: one row per entity and distinct spelling of its name (key: entity_id, name).
-- The canonical name and every alias as written, so that a name given in any spelling finds its
-- entity: WHERE lower(name) = lower('Rakhmonov'). One spelling may name several entities
-- ("Saidov"): the lookup then has candidates to choose from, never a silent pick.
CREATE OR REPLACE VIEW entity_names AS
WITH
named_entities AS (SELECT * FROM entities),
spellings AS (SELECT * FROM aliases),

names AS (
    SELECT entity_id, canonical_name AS name FROM named_entities
    UNION
    SELECT entity_id, alias FROM spellings
),

final AS (
    SELECT e.entity_id, e.entity_type, e.canonical_name, names.name
    FROM names
    JOIN named_entities AS e USING (entity_id)
)

SELECT * FROM final;
