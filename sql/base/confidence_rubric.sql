-- Generated from schemas/confidence_rubric.schema.json by `claims sync`; do not edit.
-- Grain: one row per record of claims/confidence_rubric.csv.
CREATE OR REPLACE TABLE confidence_rubric AS
SELECT * FROM read_csv(
    'claims/confidence_rubric.csv',
    header = true, auto_detect = false, strict_mode = true,
    delim = ',', quote = '"', escape = '"', nullstr = '',
    columns = {
        'rule_id': 'VARCHAR',
        'confidence': 'DOUBLE',
        'label': 'VARCHAR',
        'description': 'VARCHAR'
    }
);
