-- claims_resolved
-- Grain: one row per claim, active or deprecated (key: claim_id).
-- Every claim with its fact_key, its document, the canonical names of the entities it names, and
-- its attribution chain flattened:
--   reporter   = position 1, whom the document cites (NULL: the document's own voice);
--   originator = the last position after 1, whence the reporter has it (NULL: no such link);
--   voice      = the whole chain as names, "BBC News > hospital source (BBC, 2012)", or
--                "own voice" when the document speaks for itself.
-- stance says how a claim takes part in the comparison of a fact (contested_facts):
--   affirms  asserted or alleged: the claim says the value holds (an accusation is a claim that
--            something is so, weaker only in confidence, which the rubric already records);
--   denies   denied: the claim says the value does not hold;
--   neither  expected, demanded, intended, promised, proposed, refused: forecasts, wishes and
--            refusals say nothing about what is, so they never make a fact contested and give
--            no estimate.
CREATE OR REPLACE VIEW claims_resolved AS
WITH
claim_rows AS (SELECT * FROM claims),
documents AS (SELECT * FROM sources),
named_entities AS (SELECT * FROM entities),
vocabulary AS (SELECT * FROM properties),
attribution_links AS (SELECT * FROM attributions),

chains AS (
    SELECT
        link.claim_id,
        max(link.agent_id) FILTER (WHERE link.position = 1) AS reporter_id,
        max(agent.canonical_name) FILTER (WHERE link.position = 1) AS reporter_name,
        max(link.attribution_kind) FILTER (WHERE link.position = 1) AS reporter_kind,
        arg_max(link.agent_id, link.position) FILTER (WHERE link.position > 1) AS originator_id,
        arg_max(agent.canonical_name, link.position) FILTER (WHERE link.position > 1) AS originator_name,
        string_agg(coalesce(agent.canonical_name, link.agent_id), ' > ' ORDER BY link.position) AS voice,
        count(*) AS chain_length
    FROM attribution_links AS link
    LEFT JOIN named_entities AS agent ON agent.entity_id = link.agent_id
    GROUP BY link.claim_id
),

resolved AS (
    SELECT
        fact_key(c.subject_id, c.property_id, c.scope) AS fact_key,
        c.claim_id,
        c.status,
        c.source_id,
        d.title AS document_title,
        d.publisher AS document_publisher,
        d.document_kind,
        d.published_start AS document_published_start,
        d.published_precision AS document_published_precision,
        d.url AS document_url,
        d.seed_path,
        c.subject_id,
        subject.canonical_name AS subject_name,
        c.property_id,
        p.label AS property_label,
        p.value_type,
        p.cardinality,
        c.scope,
        c.modality,
        CASE
            WHEN c.modality IN ('asserted', 'alleged') THEN 'affirms'
            WHEN c.modality = 'denied' THEN 'denies'
            ELSE 'neither'
        END AS stance,
        c.value,
        c.value_qualifier,
        c.value_number,
        c.value_min,
        c.value_max,
        c.value_entity_id,
        value_entity.canonical_name AS value_entity_name,
        c.value_date_start,
        c.value_date_end,
        c.value_date_precision,
        c.value_is_inferred,
        c.place_id,
        place.canonical_name AS place_name,
        c.time_start,
        c.time_end,
        c.time_precision,
        chains.reporter_id,
        chains.reporter_name,
        chains.reporter_kind,
        chains.originator_id,
        chains.originator_name,
        coalesce(chains.voice, 'own voice') AS voice,
        coalesce(chains.chain_length, 0) AS chain_length,
        c.quote,
        c.quote_start,
        c.quote_end,
        c.hedge,
        c.confidence,
        c.confidence_rule,
        c.deprecation_reason,
        c.note
    FROM claim_rows AS c
    LEFT JOIN documents AS d ON d.source_id = c.source_id
    LEFT JOIN vocabulary AS p ON p.property_id = c.property_id
    LEFT JOIN named_entities AS subject ON subject.entity_id = c.subject_id
    LEFT JOIN named_entities AS value_entity ON value_entity.entity_id = c.value_entity_id
    LEFT JOIN named_entities AS place ON place.entity_id = c.place_id
    LEFT JOIN chains ON chains.claim_id = c.claim_id
)

SELECT * FROM resolved;
