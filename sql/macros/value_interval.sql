-- The interval a claim's value allows, as two numbers on one line, so that quantities and dates
-- are compared by one rule (docs/queries.md, "Interval logic").
--
-- Quantities reuse the stored bounds (docs/model.md, Quantities: "about 300" is already 270..330);
-- nothing is derived again here. An open lower side is 0, because every quantity in the
-- vocabulary is a count that cannot be negative; an open upper side is +infinity.
--
-- Dates become day numbers (days since 1970-01-01), widened to whole units of their precision,
-- so that "July 2012" covers every day of July even if only one day was stored. An open side is
-- -infinity or +infinity.
--
-- Entity and text values have no interval (both NULL): they compare by value_key below.
CREATE OR REPLACE MACRO value_interval_low(value_type, value_min, date_start, date_precision) AS
    CASE value_type
        WHEN 'quantity' THEN coalesce(value_min, 0)::DOUBLE
        WHEN 'date' THEN coalesce(
            date_diff('day', DATE '1970-01-01', date_trunc(coalesce(date_precision, 'day'), date_start))::DOUBLE,
            '-infinity'::DOUBLE)
    END;

CREATE OR REPLACE MACRO value_interval_high(value_type, value_max, date_end, date_precision) AS
    CASE value_type
        WHEN 'quantity' THEN coalesce(value_max, 'infinity'::DOUBLE)
        WHEN 'date' THEN coalesce(
            date_diff('day', DATE '1970-01-01', CASE date_precision
                WHEN 'year' THEN make_date(year(date_end), 12, 31)
                WHEN 'month' THEN last_day(date_end)
                ELSE date_end
            END)::DOUBLE,
            'infinity'::DOUBLE)
    END;

-- Entity and text values compare as keys: the entity id, or the text with case and runs of
-- white space ignored ("Stabbed" and "stabbed" are one value; "stabbed" and "fell" are two).
CREATE OR REPLACE MACRO value_key(value_type, value_entity_id, value) AS
    CASE value_type
        WHEN 'entity' THEN value_entity_id
        WHEN 'text' THEN lower(trim(regexp_replace(value, '\s+', ' ', 'g')))
    END;
