"""annotations.jsonld: every claim's quote as a W3C Web Annotation on its seed document.

Each annotation targets the seed file with a TextQuoteSelector (exact, prefix, suffix) and a
TextPositionSelector (start inclusive, end exclusive, in Unicode code points: the offsets
claims.csv records), and its body links the claim row. The JSON-LD context is shipped beside
the file (anno-context.jsonld) and named by a relative reference, so a JSON-LD processor
needs nothing from the network: it holds the terms used here with the IRIs of the W3C Web
Annotation vocabulary (oa:, as:, dcterms:, dctypes:), as the W3C's own context defines them.
"""

from __future__ import annotations

import json

from ..checks import seed_texts
from ..package import Package

ANNOTATIONS = "annotations.jsonld"
CONTEXT = "anno-context.jsonld"
# As much context as Hypothesis keeps on each side: enough to re-anchor a short quote.
AFFIX_CODE_POINTS = 32

_ID = {"@type": "@id"}
CONTEXT_DOCUMENT = {
    "@context": {
        "oa": "http://www.w3.org/ns/oa#",
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "dctypes": "http://purl.org/dc/dcmitype/",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "as": "http://www.w3.org/ns/activitystreams#",
        "id": {"@type": "@id", "@id": "@id"},
        "type": {"@type": "@id", "@id": "@type"},
        "Annotation": "oa:Annotation",
        "AnnotationCollection": "as:OrderedCollection",
        "AnnotationPage": "as:OrderedCollectionPage",
        "Dataset": "dctypes:Dataset",
        "Text": "dctypes:Text",
        "SpecificResource": "oa:SpecificResource",
        "TextQuoteSelector": "oa:TextQuoteSelector",
        "TextPositionSelector": "oa:TextPositionSelector",
        "describing": "oa:describing",
        "body": {**_ID, "@id": "oa:hasBody"},
        "target": {**_ID, "@id": "oa:hasTarget"},
        "source": {**_ID, "@id": "oa:hasSource"},
        "selector": {**_ID, "@id": "oa:hasSelector"},
        "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"},
        "items": {**_ID, "@id": "as:items", "@container": "@list"},
        "first": {**_ID, "@id": "as:first"},
        "partOf": {**_ID, "@id": "as:partOf"},
        "format": "dc:format",
        "label": "rdfs:label",
        "total": "as:totalItems",
        "start": "oa:start",
        "end": "oa:end",
        "exact": "oa:exact",
        "prefix": "oa:prefix",
        "suffix": "oa:suffix",
    }
}


def claim_iri(claim_id: str) -> str:
    """The claim row, relative to the release root (claim ids hold only a-z, 0-9, '-' and '/')."""
    return f"claims/claims.csv#claim_id={claim_id}"


def annotation(row: dict, seed_path: str, text: str) -> dict:
    start, end = row["quote_start"], row["quote_end"]
    return {
        "id": f"{ANNOTATIONS}#{row['claim_id']}",
        "type": "Annotation",
        "motivation": "describing",
        "body": {"id": claim_iri(row["claim_id"]), "type": "Dataset", "format": "text/csv"},
        "target": {
            "type": "SpecificResource",
            "source": {"id": seed_path, "type": "Text", "format": "text/plain"},
            "selector": [
                {"type": "TextQuoteSelector", "exact": row["quote"],
                 "prefix": text[max(0, start - AFFIX_CODE_POINTS):start],
                 "suffix": text[end:end + AFFIX_CODE_POINTS]},
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }


def collection(package: Package, label: str) -> dict:
    """Every claim (deprecated ones too: their quotes are still in the tables), in table order."""
    texts = seed_texts(package)
    seeds = {row.get("source_id"): row.get("seed_path") for row in package.rows("sources")}
    items = [annotation(row.values, seeds[row.get("source_id")], texts[row.get("source_id")])
             for row in package.rows("claims")]
    return {
        "@context": CONTEXT,
        "id": ANNOTATIONS,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"id": f"{ANNOTATIONS}#page-1", "type": "AnnotationPage", "partOf": ANNOTATIONS, "items": items},
    }


def dumps(document: dict) -> bytes:
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
