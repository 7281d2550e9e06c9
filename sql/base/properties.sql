-- Generated from schemas/properties.schema.json by `claims sync`; do not edit.
-- Grain: one row per record of claims/properties.csv.
CREATE OR REPLACE TABLE properties AS
SELECT * FROM read_csv(
    'claims/properties.csv',
    header = true, auto_detect = false, strict_mode = true,
    delim = ',', quote = '"', escape = '"', nullstr = '',
    columns = {
        'property_id': 'VARCHAR',
        'label': 'VARCHAR',
        'description': 'VARCHAR',
        'value_type': 'VARCHAR',
        'unit': 'VARCHAR',
        'cardinality': 'VARCHAR',
        'is_scoped': 'BOOLEAN',
        'notes': 'VARCHAR'
    }
);
