-- Generated from schemas/attributions.schema.json by `claims sync`; do not edit.
-- Grain: one row per record of claims/attributions.csv.
CREATE OR REPLACE TABLE attributions AS
SELECT * FROM read_csv(
    'claims/attributions.csv',
    header = true, auto_detect = false, strict_mode = true,
    delim = ',', quote = '"', escape = '"', nullstr = '',
    columns = {
        'claim_id': 'VARCHAR',
        'position': 'BIGINT',
        'agent_id': 'VARCHAR',
        'attribution_kind': 'VARCHAR',
        'evidence': 'VARCHAR',
        'evidence_start': 'BIGINT',
        'evidence_end': 'BIGINT',
        'note': 'VARCHAR'
    }
);
