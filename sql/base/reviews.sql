-- Generated from schemas/reviews.schema.json by `claims sync`; do not edit.
-- Grain: one row per record of claims/reviews.csv.
CREATE OR REPLACE TABLE reviews AS
SELECT * FROM read_csv(
    'claims/reviews.csv',
    header = true, auto_detect = false, strict_mode = true,
    delim = ',', quote = '"', escape = '"', nullstr = '',
    columns = {
        'claim_id': 'VARCHAR',
        'reviewer': 'VARCHAR',
        'reviewed_on': 'DATE',
        'verdict': 'VARCHAR',
        'method': 'VARCHAR',
        'replaced_by': 'VARCHAR',
        'note': 'VARCHAR'
    }
);
