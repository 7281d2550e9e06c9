-- Generated from schemas/sources.schema.json by `claims sync`; do not edit.
-- Grain: one row per record of claims/sources.csv.
CREATE OR REPLACE TABLE sources AS
SELECT * FROM read_csv(
    'claims/sources.csv',
    header = true, auto_detect = false, strict_mode = true,
    delim = ',', quote = '"', escape = '"', nullstr = '',
    columns = {
        'source_id': 'VARCHAR',
        'seed_path': 'VARCHAR',
        'sha256': 'VARCHAR',
        'byte_size': 'BIGINT',
        'title': 'VARCHAR',
        'publisher': 'VARCHAR',
        'author': 'VARCHAR',
        'published_start': 'DATE',
        'published_end': 'DATE',
        'published_precision': 'VARCHAR',
        'published_date_basis': 'VARCHAR',
        'published_date_note': 'VARCHAR',
        'page_updated_date': 'DATE',
        'language': 'VARCHAR',
        'document_kind': 'VARCHAR',
        'rights': 'VARCHAR',
        'license': 'VARCHAR',
        'url': 'VARCHAR',
        'notes': 'VARCHAR'
    }
);
