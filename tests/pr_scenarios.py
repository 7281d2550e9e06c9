"""The three pull requests of issue 12, as changes to a package folder (the frozen views fixture):

- rewrite_evidence: "at least twenty soldiers" becomes "...ninety..." in the seed, with the seed's
  sha256, the quote, the value and the bounds updated and `claims sync` run, so that the package
  on its own still validates;
- loosen_rules: the schemas' confidence maximum dropped, rubric C1 set to 7.5 and its claims
  given 7.5, `claims sync` run: valid under its own rules;
- add_document: a new document (the invented tests/fixtures/example-report.txt) and a claim.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from typer.testing import CliRunner

from claims import authoring, descriptor
from claims.cli import app
from claims.package import load_package

from conftest import ROOT
from views_fixture import ENCYCLOPEDIA

OLD_WORDS, NEW_WORDS = "at least twenty soldiers", "at least ninety soldiers"
LOOSE_CONFIDENCE = "7.5"
DOCUMENT = ROOT / "tests/fixtures/example-report.txt"
NEW_SOURCE = "example-wire-2031-03-04-exampleville-clash"
NEW_EVENT = "event:exampleville-ring-road-clash-2031"


def sync(root: Path) -> None:
    descriptor.write_generated(load_package(root))


def _update(root: Path, table: str, change) -> None:
    authoring.write_table(root, table, [change(dict(row)) for row in authoring.read_rows(root, table)])


def rewrite_evidence(root: Path) -> str:
    """Rewrite the seed's words and everything that records them; returns the seed's path."""
    source = next(r for r in authoring.read_rows(root, "sources") if r["source_id"] == ENCYCLOPEDIA)
    seed = root / source["seed_path"]
    data = seed.read_bytes().replace(OLD_WORDS.encode(), NEW_WORDS.encode())
    seed.write_bytes(data)

    def source_row(row):
        if row["source_id"] == ENCYCLOPEDIA:
            row.update(sha256=hashlib.sha256(data).hexdigest(), byte_size=str(len(data)))
        return row

    def claim_row(row):
        if OLD_WORDS in row.get("quote", "") and row["source_id"] == ENCYCLOPEDIA:
            row.update(quote=row["quote"].replace(OLD_WORDS, NEW_WORDS), value=row["value"].replace("twenty", "ninety"),
                       value_number="90", value_min="90")
        return row
    _update(root, "sources", source_row)
    _update(root, "claims", claim_row)
    sync(root)
    return source["seed_path"]


def loosen_rules(root: Path) -> None:
    for name in ("claims", "confidence_rubric"):
        path = root / "schemas" / f"{name}.schema.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        del schema["properties"]["confidence"]["maximum"]
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _update(root, "confidence_rubric", lambda r: {**r, "confidence": LOOSE_CONFIDENCE} if r["rule_id"] == "C1" else r)
    _update(root, "claims", lambda r: {**r, "confidence": LOOSE_CONFIDENCE} if r["confidence_rule"] == "C1" else r)
    sync(root)


def add_document(root: Path) -> str:
    """A new source, its event and one claim, through the contribution commands; returns the claim id."""
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(app, [str(a) for a in args] + ["--root", str(root)])
        assert result.exit_code == 0, result.output
        return result.stdout.strip()
    run("add-source", DOCUMENT, "--source-id", NEW_SOURCE, "--title", "Exampleville clash",
        "--rights", "Invented test fixture.", "--published", "2031-03-04", "--published-note", "Dateline of the report.")
    run("add-entity", NEW_EVENT, "--name", "Exampleville clash", "--description", "Invented.")
    return run("add-claim", "--source", NEW_SOURCE, "--subject", NEW_EVENT, "--property", "killed",
               "--scope", "government", "--value", "Three police officers", "--qualifier", "exact", "--number", "3",
               "--quote", "Three police officers were killed", "--occurrence", "1", "--confidence-rule", "C2",
               "--extracted-by", "tester")
