-- Generated from schemas/claims.schema.json by `claims sync`; do not edit.
-- Grain: one row per record of claims/claims.csv.
CREATE OR REPLACE TABLE claims AS
SELECT * FROM read_csv(
    'claims/claims.csv',
    header = true, auto_detect = false, strict_mode = true,
    delim = ',', quote = '"', escape = '"', nullstr = '',
    columns = {
        'claim_id': 'VARCHAR',
        'source_id': 'VARCHAR',
        'subject_id': 'VARCHAR',
        'property_id': 'VARCHAR',
        'scope': 'VARCHAR',
        'modality': 'VARCHAR',
        'value': 'VARCHAR',
        'value_qualifier': 'VARCHAR',
        'value_number': 'DOUBLE',
        'value_min': 'DOUBLE',
        'value_max': 'DOUBLE',
        'value_entity_id': 'VARCHAR',
        'value_date_start': 'DATE',
        'value_date_end': 'DATE',
        'value_date_precision': 'VARCHAR',
        'value_is_inferred': 'BOOLEAN',
        'place_id': 'VARCHAR',
        'time_start': 'DATE',
        'time_end': 'DATE',
        'time_precision': 'VARCHAR',
        'time_is_inferred': 'BOOLEAN',
        'inference_basis': 'VARCHAR',
        'quote': 'VARCHAR',
        'quote_start': 'BIGINT',
        'quote_end': 'BIGINT',
        'hedge': 'VARCHAR',
        'confidence': 'DOUBLE',
        'confidence_rule': 'VARCHAR',
        'status': 'VARCHAR',
        'deprecation_reason': 'VARCHAR',
        'extracted_by': 'VARCHAR',
        'guideline_version': 'VARCHAR',
        'note': 'VARCHAR'
    }
);
