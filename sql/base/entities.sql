-- Generated from schemas/entities.schema.json by `claims sync`; do not edit.
-- Grain: one row per record of claims/entities.csv.
CREATE OR REPLACE TABLE entities AS
SELECT * FROM read_csv(
    'claims/entities.csv',
    header = true, auto_detect = false, strict_mode = true,
    delim = ',', quote = '"', escape = '"', nullstr = '',
    columns = {
        'entity_id': 'VARCHAR',
        'entity_type': 'VARCHAR',
        'canonical_name': 'VARCHAR',
        'description': 'VARCHAR',
        'part_of_id': 'VARCHAR',
        'notes': 'VARCHAR'
    }
);
