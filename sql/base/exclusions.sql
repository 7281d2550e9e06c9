-- Generated from schemas/exclusions.schema.json by `claims sync`; do not edit.
-- Grain: one row per record of claims/exclusions.csv.
CREATE OR REPLACE TABLE exclusions AS
SELECT * FROM read_csv(
    'claims/exclusions.csv',
    header = true, auto_detect = false, strict_mode = true,
    delim = ',', quote = '"', escape = '"', nullstr = '',
    columns = {
        'source_id': 'VARCHAR',
        'text': 'VARCHAR',
        'start': 'BIGINT',
        'end': 'BIGINT',
        'reason': 'VARCHAR'
    }
);
