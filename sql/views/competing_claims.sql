-- competing_claims
-- Grain: one row per fact (key: fact_key), every fact with at least one active claim.
-- How many claims, documents, reporters and originators speak to the fact, what they say, and
-- the widest range their affirming claims span.
--   reporter_count    distinct reporters; a claim in the document's own voice counts its
--                     document as the reporter;
--   originator_count  distinct origins: the originator, else the reporter, else the document
--                     (UCDP's source_original: whence the claim comes);
--   lowest_min        the lowest lower bound of the affirming quantity claims (open = 0);
--   highest_max       their highest upper bound, NULL when some claim leaves it open or the
--                     fact is not a quantity;
--   earliest_start, latest_end  the same for dates, NULL when open;
--   stated_values     each distinct wording once, in order of value: lower bound, then upper
--                     bound, then the wording (fact_statements lists every claim, with its voice).
CREATE OR REPLACE VIEW competing_claims AS
WITH
fact_claims AS (SELECT * FROM claim_facts),
-- The same view imported once per aggregate that reads it: a CTE read twice is materialised
-- whole, and at a million claims that copy alone did not fit in 600 MB beside the aggregates.
speaker_claims AS (SELECT * FROM claim_facts),
valued_claims AS (SELECT * FROM claim_facts),

per_fact AS (
    SELECT
        fact_key,
        any_value(subject_id) AS subject_id,
        any_value(subject_name) AS subject_name,
        any_value(property_id) AS property_id,
        any_value(scope) AS scope,
        any_value(value_type) AS value_type,
        any_value(cardinality) AS cardinality,
        count(*) AS claim_count,
        min(interval_low) FILTER (WHERE stance = 'affirms' AND value_type = 'quantity') AS lowest_min,
        max(interval_high) FILTER (WHERE stance = 'affirms' AND value_type = 'quantity') AS highest_max,
        min(interval_low) FILTER (WHERE stance = 'affirms' AND value_type = 'date') AS earliest_day,
        max(interval_high) FILTER (WHERE stance = 'affirms' AND value_type = 'date') AS latest_day,
        list(claim_id ORDER BY claim_id) AS claim_ids
    FROM fact_claims
    GROUP BY fact_key
),

-- Each claim's three speakers: its document, its reporter, its originator.
voices AS (
    SELECT
        c.fact_key,
        k.kind,
        CASE k.kind
            WHEN 'document' THEN c.source_id
            WHEN 'reporter' THEN coalesce(c.reporter_id, c.source_id)
            ELSE coalesce(c.originator_id, c.reporter_id, c.source_id)
        END AS speaker_id
    FROM speaker_claims AS c
    CROSS JOIN (VALUES ('document'), ('reporter'), ('originator')) AS k(kind)
),

-- Who speaks to each fact, each speaker once (the same as count(DISTINCT ...) per fact, without
-- the DISTINCT aggregates' memory, which 600 MB does not hold at a million claims).
speakers AS (
    SELECT DISTINCT fact_key, kind, speaker_id FROM voices WHERE speaker_id IS NOT NULL
),

speaker_counts AS (
    SELECT
        fact_key,
        count(*) FILTER (WHERE kind = 'document') AS document_count,
        count(*) FILTER (WHERE kind = 'reporter') AS reporter_count,
        count(*) FILTER (WHERE kind = 'originator') AS originator_count
    FROM speakers
    GROUP BY fact_key
),

-- Each distinct wording once, placed by the lowest bounds any claim gives it.
distinct_values AS (
    SELECT fact_key, value, min(interval_low) AS value_low, min(interval_high) AS value_high
    FROM valued_claims
    GROUP BY fact_key, value
),

ordered_values AS (
    SELECT fact_key, list(value ORDER BY value_low NULLS LAST, value_high NULLS LAST, value) AS stated_values
    FROM distinct_values
    GROUP BY fact_key
),

final AS (
    SELECT
        fact_key,
        subject_id,
        subject_name,
        property_id,
        scope,
        value_type,
        cardinality,
        claim_count,
        coalesce(speaker_counts.document_count, 0) AS document_count,
        coalesce(speaker_counts.reporter_count, 0) AS reporter_count,
        coalesce(speaker_counts.originator_count, 0) AS originator_count,
        ordered_values.stated_values,
        lowest_min,
        finite_or_null(highest_max) AS highest_max,
        DATE '1970-01-01' + finite_or_null(earliest_day)::INTEGER AS earliest_start,
        DATE '1970-01-01' + finite_or_null(latest_day)::INTEGER AS latest_end,
        claim_ids
    FROM per_fact
    JOIN ordered_values USING (fact_key)
    LEFT JOIN speaker_counts USING (fact_key)
)

SELECT * FROM final;
