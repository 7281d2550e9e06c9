"""The figures `make` prints: documents, claims, facts, facts with competing claims, review coverage."""

from __future__ import annotations

from .build import connect_memory
from .package import Package

SUMMARY_SQL = """
SELECT
    (SELECT count(*) FROM sources) AS documents,
    (SELECT count(*) FROM claims WHERE status = 'active') AS claims,
    (SELECT count(*) FROM claims WHERE status = 'deprecated') AS deprecated_claims,
    (SELECT count(*) FROM attributions) AS attributions,
    (SELECT count(*) FROM entities) AS entities,
    (SELECT count(*) FROM aliases) AS aliases,
    (SELECT count(DISTINCT fact_key) FROM claim_facts) AS facts,
    (SELECT count(*) FROM (SELECT fact_key FROM claim_facts GROUP BY fact_key HAVING count(*) > 1))
        AS facts_with_competing_claims,
    (SELECT count(*) FROM contested_facts WHERE tier = 'incompatible') AS incompatible_facts,
    (SELECT count(*) FROM contested_facts WHERE tier = 'divergent') AS divergent_facts,
    (SELECT count(*) FROM claim_reviews WHERE is_reviewed) AS reviewed_claims,
    (SELECT count(*) FROM claim_reviews WHERE NOT is_reviewed) AS unreviewed_claims,
    (SELECT count(*) FROM claim_reviews WHERE is_disputed) AS disputed_claims,
    (SELECT count(*) FROM reviews) AS reviews
"""


def summarise(package: Package) -> dict[str, int]:
    connection = connect_memory(package.root)
    try:
        cursor = connection.execute(SUMMARY_SQL)
        names = [column[0] for column in cursor.description]
        return dict(zip(names, cursor.fetchone()))
    finally:
        connection.close()
