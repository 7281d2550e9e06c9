-- Generated from schemas/aliases.schema.json by `claims sync`; do not edit.
-- Grain: one row per record of claims/aliases.csv.
CREATE OR REPLACE TABLE aliases AS
SELECT * FROM read_csv(
    'claims/aliases.csv',
    header = true, auto_detect = false, strict_mode = true,
    delim = ',', quote = '"', escape = '"', nullstr = '',
    columns = {
        'entity_id': 'VARCHAR',
        'alias': 'VARCHAR',
        'alias_kind': 'VARCHAR',
        'source_id': 'VARCHAR',
        'note': 'VARCHAR'
    }
);
