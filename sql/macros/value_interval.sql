-- The interval a claim's value allows, as two numbers on one line, so that quantities and dates
-- are compared by one rule (docs/queries.md, "Interval logic").
--
-- Quantities reuse the stored bounds (docs/model.md, Quantities: "about 300" is already 270..330);
-- nothing is derived again here. An open lower side is 0, because every quantity in the
-- vocabulary is a count that cannot be negative; an open upper side is +infinity.
--
-- Dates become day numbers (days since 1970-01-01), widened to whole units of their precision,
-- so that "July 2012" covers every day of July even if only one day was stored. An open side is
-- -infinity or +infinity. (The widening is spelt with make_date, not date_trunc with a unit taken
-- from a column, so that the same SQL means the same on Spark: docs/at-scale.md.)
--
-- Entity and text values have no interval (both NULL): they compare by value_key below.
CREATE OR REPLACE MACRO value_interval_low(value_type, value_min, date_start, date_precision) AS
    CASE value_type
        WHEN 'quantity' THEN coalesce(value_min, 0)::DOUBLE
        WHEN 'date' THEN coalesce(
            date_diff('day', DATE '1970-01-01', CASE date_precision
                WHEN 'year' THEN make_date(year(date_start), 1, 1)
                WHEN 'month' THEN make_date(year(date_start), month(date_start), 1)
                ELSE date_start
            END)::DOUBLE,
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
-- White space is spelt out ([ \t\n\f\r], what RE2's \s means) because Java's \s, on Spark,
-- also matches a vertical tab. The regular expression only runs on a text that has a run to
-- collapse (two spaces, or a tab, line feed, form feed or carriage return): on any other text it
-- changes nothing, and the checks cost a third of the regular expression (measured on a million
-- values: 0.22 s against 0.71 s).
CREATE OR REPLACE MACRO value_key(value_type, value_entity_id, value) AS
    CASE value_type
        WHEN 'entity' THEN value_entity_id
        WHEN 'text' THEN lower(trim(CASE
            WHEN contains(value, '  ') OR contains(value, chr(9)) OR contains(value, chr(10))
                 OR contains(value, chr(12)) OR contains(value, chr(13))
                THEN regexp_replace(value, '[ \t\n\f\r]+', ' ', 'g')
            ELSE value
        END))
    END;

-- A bound as a number, or NULL for an open side (-infinity or +infinity): for columns that show
-- a bound to readers, where "no limit" is NULL.
CREATE OR REPLACE MACRO finite_or_null(bound) AS
    CASE WHEN bound > '-infinity'::DOUBLE AND bound < 'infinity'::DOUBLE THEN bound END;
