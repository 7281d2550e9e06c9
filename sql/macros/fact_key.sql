-- The fact key rule, stated once: a claim's fact is its (subject, property, scope).
-- Place and time are qualifiers compared inside a fact, not parts of the key; modality is not
-- part of it either, so an accusation and its denial compete for the same fact.
-- Example: event:khorog-clashes-2012|killed|government
CREATE OR REPLACE MACRO fact_key(subject_id, property_id, scope) AS
    subject_id || '|' || property_id || coalesce('|' || scope, '');
