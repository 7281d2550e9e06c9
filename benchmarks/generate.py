"""Generate a synthetic claims package: N claims over M documents, valid or with a share of broken rows.

    python benchmarks/generate.py 1000000 --out benchmarks/out/valid-1m --seed 1
    python benchmarks/generate.py 1000000 --broken 0.1 --out benchmarks/out/broken10-1m --seed 1

The package has the repository's schemas, SQL, docs and real rows, the four real seeds plus
synthetic documents, and synthetic rows that reference each other as real ones do (attribution
chains, competing claims about shared events, quotes that anchor in their seeds). With
--broken F about F of each table's rows break one rule each, cycling through every rule the
table can break (breaks.py); each file that can take one also ends in a record that stops its
parsing. The same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import shutil
import sys
from pathlib import Path

from breaks import BAD_SEED_BYTE, BY_TABLE, EXTRA_CELL, SEED_LINK, TAILS, Context, Cycler
from synthetic import (Document, Pools, make_chain, make_claim, make_document, make_entities,
                       make_exclusions, paragraphs)

from claims import authoring, descriptor
from claims.checks import DUPLICATE_KEY
from claims.package import Package, load_table, read_descriptor, resource_parts, tabular_resources
from claims.schemas import load_schemas

REPO = Path(__file__).resolve().parent.parent
MARKER = ".synthetic.json"
MIN_CLAIMS = 1000  # below this the synthetic rows are too few to use every synthetic entity
LINKED = "linked-seeds"  # where the seed-path break's linked seeds really are (outside seeds/)



# A claim may repeat an earlier one (same span, subject, property, scope and value: two random
# claims, or two quoting the same hedge word): claim-duplicate would report it, so the repeat is
# written deprecated, as a curator would.
REPEATED = "The same reading as an earlier claim of the document."


class Distinct:
    """Whether an active claim is the first with its DUPLICATE_KEY (keys kept as 8-byte digests:
    a million of them fit in a few tens of MB)."""

    def __init__(self):
        self.seen: set[bytes] = set()

    def __call__(self, row: dict) -> bool:
        if row.get("status", "active") != "active":
            return True
        key = hashlib.blake2b(repr([row.get(name) or None for name in DUPLICATE_KEY]).encode(), digest_size=8).digest()
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

def chosen(count: int, total: int):
    """Which of total rows break: count of them, evenly spread, decided row by row."""
    count = min(count, total)
    return lambda index: count > 0 and (index * count) // total != ((index + 1) * count) // total


def break_count(fraction: float, rows: int, table: str) -> int:
    if fraction <= 0:
        return 0
    return max(2 * len(BY_TABLE[table]), round(fraction * rows))  # every rule, with room for rows that do not suit


class Tables:
    """One streaming CSV writer per table, in the repository's dialect (csv.writer, LF)."""

    def __init__(self, root: Path, schemas):
        resources = tabular_resources(read_descriptor(root))
        self.headers = {name: schema.fields for name, schema in schemas.items()}
        self.paths = {name: root / resources[name] for name in schemas}
        self.handles = {name: path.open("w", encoding="utf-8", newline="") for name, path in self.paths.items()}
        self.writers = {name: csv.writer(handle, lineterminator="\n") for name, handle in self.handles.items()}
        self.counts = dict.fromkeys(schemas, 0)
        for name, writer in self.writers.items():
            writer.writerow(self.headers[name])

    def write(self, table: str, row: dict) -> None:
        cells = [row.get(name, "") for name in self.headers[table]]
        if EXTRA_CELL in row:
            cells.append(row[EXTRA_CELL])
        self.writers[table].writerow(cells)
        self.counts[table] += 1

    def close(self, tails: dict[str, str]) -> None:
        for name, handle in self.handles.items():
            if name in tails:
                handle.write(tails[name])
            handle.close()


class Breaker:
    """The breaks of one package: a cycler per table, and what each used."""

    def __init__(self, fraction: float, ctx: Context):
        self.fraction = fraction
        self.ctx = ctx
        self.cyclers = {table: Cycler(breaks) for table, breaks in BY_TABLE.items()}

    def context(self, previous: dict | None, last_in_chain: bool = True, text: str = "") -> Context:
        return Context(self.ctx.value_types, self.ctx.scoped, self.ctx.some_entity, previous, last_in_chain, text)

    def rows(self, table: str, rows: list[dict]) -> list[dict]:
        """A small table, with its share of rows broken (the last clean row is there to be copied)."""
        pick = chosen(break_count(self.fraction, len(rows), table), len(rows))
        out: list[dict] = []
        clean = None
        for index, row in enumerate(rows):
            broken = self.cyclers[table].apply(row, self.context(clean), referenced=False) if pick(index) else None
            clean = row if broken is None else clean
            out.append(broken or row)
        return out

    @property
    def used(self) -> dict[str, dict[str, int]]:
        return {table: cycler.used for table, cycler in self.cyclers.items() if cycler.used}


def write_seeds(out: Path, docs: list, source_rows: list[dict]) -> None:
    """The synthetic documents' seed files, as their (possibly broken) sources rows want them."""
    for doc, row in zip(docs, source_rows):
        data = doc.data
        if row.pop(BAD_SEED_BYTE, None):
            data += b"\xff"  # the seed-encoding break: the right hash and size of a file that is not UTF-8
            row.update(sha256=hashlib.sha256(data).hexdigest(), byte_size=str(len(data)))
        if row.pop(SEED_LINK, None):  # the seed-path break: a symbolic link in seeds/ to a file outside it
            target = out / LINKED / doc.seed_name
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(data)
            (out / row["seed_path"]).symlink_to(Path("..") / LINKED / doc.seed_name)
        elif row["seed_path"] == doc.row["seed_path"]:  # the other seed-path break leaves the file out
            (out / row["seed_path"]).write_bytes(data)


def generate(n_claims: int, out: Path, seed: int = 1, broken: float = 0.0, documents: int | None = None) -> dict:
    if n_claims < MIN_CLAIMS:
        raise SystemExit(f"at least {MIN_CLAIMS} claims, please")
    rng = random.Random(seed)
    if out.exists():
        if not (out / MARKER).is_file():
            raise SystemExit(f"{out} exists and was not made by this script: refusing to replace it")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for part in ("schemas", "sql", "docs"):
        shutil.copytree(REPO / part, out / part)
    shutil.copy2(REPO / "datapackage.json", out / "datapackage.json")
    (out / "seeds").mkdir()
    (out / "claims").mkdir()
    schemas = load_schemas(out / "schemas")
    real = {name: authoring.read_rows(REPO, name) for name in schemas}

    real_texts = [(REPO / row["seed_path"]).read_text(encoding="utf-8") for row in real["sources"]]
    pool = paragraphs(real_texts)
    n_docs = max(documents or n_claims // 1000, 24)
    docs = [make_document(rng, index, pool) for index in range(len(real["sources"]), n_docs)]
    texts = dict(zip((row["source_id"] for row in real["sources"]), real_texts))
    texts.update({doc.source_id: doc.text for doc in docs})

    properties = real["properties"]
    ctx = Context({p["property_id"]: p["value_type"] for p in properties},
                  {p["property_id"]: p["is_scoped"] == "true" for p in properties}, "place:khorog", None)
    rubric = {row["rule_id"]: row["confidence"] for row in real["confidence_rubric"]}
    pools: Pools = make_entities(rng, n_claims, real["entities"])
    tables = Tables(out, schemas)
    breaker = Breaker(broken, ctx)

    # Small tables first: their rows are few, so they are built in memory and broken in place.
    source_rows = breaker.rows("sources", [doc.row for doc in docs])
    write_seeds(out, docs, source_rows)
    for row in real["sources"]:
        shutil.copy2(REPO / row["seed_path"], out / row["seed_path"])
    # Spare rows are twice as many as the breaks they take, so a break that copies or varies the
    # last clean row (primary-key, lint-alias-variant) finds one.
    spare = [{"entity_id": f"event:spare-{k:04d}", "entity_type": "event", "canonical_name": f"spare {k}",
              "description": "Spare synthetic entity, referenced by nothing."}
             for k in range(2 * break_count(broken, len(pools.rows), "entities"))]
    events = pools.events
    aliases = [{"entity_id": events[3 * k % len(events)], "alias": f"{events[3 * k % len(events)].split(':')[1]} «{k}»",
                "alias_kind": "transliteration", "source_id": docs[k % len(docs)].source_id}
               for k in range(max(len(events[::3]), 2 * break_count(broken, len(events[::3]), "aliases")))]
    # The unique-key break: sources rows that repeat a real document's seed_path and sha256 under a new id.
    repeated = [{**real["sources"][k % len(real["sources"])], "source_id": f"synthetic-repeat-{k:05d}"}
                for k in range(max(1, round(broken * len(docs))) if broken > 0 else 0)]
    small = {
        "sources": real["sources"] + source_rows + repeated,
        "confidence_rubric": real["confidence_rubric"] + breaker.rows("confidence_rubric", [
            {"rule_id": f"C{90 + k}", "confidence": "0.1", "label": "spare", "description": "Spare rule."}
            for k in range(2 * break_count(broken, 5, "confidence_rubric"))]),
        "properties": breaker.rows("properties", properties),
        "entities": real["entities"] + pools.rows + breaker.rows("entities", spare),
        "aliases": real["aliases"] + breaker.rows("aliases", aliases),
    }
    for name, rows in small.items():
        for row in rows:
            tables.write(name, row)

    # Claims and their attribution chains are streamed: a million rows never sit in memory.
    all_docs = [Document(row["source_id"], "", texts[row["source_id"]], row) for row in real["sources"]] + docs
    distinct = Distinct()
    for row in real["claims"]:
        distinct(row)
        tables.write("claims", row)
    for row in real["attributions"]:
        tables.write("attributions", row)
    chain_rng = random.Random(seed + 1)
    synthetic = max(0, n_claims - len(real["claims"]))
    lengths = [chain_rng.choices((0, 1), weights=(60, 40))[0] for _ in range(synthetic)]
    n_attr = int(sum(lengths) * 1.35)
    pick_claim = chosen(break_count(broken, synthetic, "claims"), synthetic)
    pick_attr = chosen(break_count(broken, n_attr, "attributions"), n_attr)
    claim_cycler, attr_cycler = breaker.cyclers["claims"], breaker.cyclers["attributions"]
    last_clean, attr_index = None, 0
    for index in range(synthetic):
        position = index * len(all_docs) // synthetic
        doc = all_docs[position]
        claim = make_claim(rng, index, doc, properties, rubric, pools, topic=position // 10,
                           cover=not pick_claim(index))
        first = attr_index
        chain = make_chain(rng, claim, doc, pools, lambda link: not pick_attr(first + link)) if lengths[index] else []
        row = claim
        if pick_claim(index):
            row = claim_cycler.apply(claim, breaker.context(last_clean, text=doc.text), referenced=bool(chain)) or claim
        if not distinct(row):  # a random claim, or a broken one, may repeat an earlier claim
            row.update(status="deprecated", deprecation_reason=REPEATED)
        if row is claim:
            last_clean = claim
        tables.write("claims", row)
        for link, attribution in enumerate(chain):
            if pick_attr(attr_index):
                context = breaker.context(None, last_in_chain=link == len(chain) - 1)
                attribution = attr_cycler.apply(attribution, context, referenced=len(chain) > 1) or attribution
            attr_index += 1
            tables.write("attributions", attribution)
    if pools.unused():
        raise SystemExit(f"{len(pools.unused())} synthetic entities left unused (e.g. {pools.unused()[0]}): "
                         "lint-orphan-entity would warn; generate more claims")
    exclusions = [row for doc in all_docs for row in make_exclusions(rng, doc)]
    for row in breaker.rows("exclusions", exclusions):
        tables.write("exclusions", row)
    tables.close({name: text for name, (_, text) in TAILS.items()} if broken > 0 else {})
    sync(out, schemas)
    breaks = breaker.used
    if broken > 0:
        (out / "seeds" / "zz-unregistered.txt").write_text("A document no sources row describes.\n", encoding="utf-8")
        with (out / "docs" / "rules.md").open("a", encoding="utf-8") as handle:
            handle.write("\nA line added by hand, so generated-sync has something to report.\n")
        break_descriptor(out)
        breaks["package"] = {"generated-sync": 1, "seed-registered": 1, "descriptor-frictionless": 1,
                             "descriptor-profile": 1}
        for table, (rule, _) in TAILS.items():
            breaks.setdefault(table, {})[rule] = 1
        breaks["sources"]["unique-key"] = 2 * len(repeated)  # seed_path and sha256 both repeat
        breaks["entities"]["lint-orphan-entity"] = len(spare)  # nothing refers to a spare entity
    summary = {"claims": n_claims, "documents": len(all_docs), "seed": seed, "broken": broken,
               "rows": tables.counts, "breaks": breaks,
               "rules": sorted({rule for table in breaks.values() for rule in table})}
    (out / MARKER).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def break_descriptor(root: Path) -> None:
    """Two hand-written fields broken, each caught by one descriptor check only (claims sync keeps
    hand-written metadata, so generated-sync does not see them): a created date frictionless-py
    refuses, and contributor roles that are not the array the v2 profile wants."""
    path = root / "datapackage.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["created"] = "yesterday"
    document["contributors"][0]["roles"] = "creator"
    path.write_text(descriptor.dumps(document), encoding="utf-8")


def sync(root: Path, schemas) -> None:
    """Regenerate the descriptor's seed resources, sql/base and docs/rules.md, as claims sync does."""
    sources, _ = load_table(root, "sources", resource_parts(read_descriptor(root))["sources"], schemas["sources"])
    package = Package(root, read_descriptor(root), schemas, {"sources": sources}, [])
    for rel, text in descriptor.generated_files(package).items():
        (root / rel).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("claims", type=int, help="number of claims (the real ones included)")
    parser.add_argument("--broken", type=float, default=0.0, help="share of rows to break, e.g. 0.001 or 0.1")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced if made by this script)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--documents", type=int, default=None, help="documents (default: claims / 1000, at least 24)")
    args = parser.parse_args(argv)
    summary = generate(args.claims, args.out, args.seed, args.broken, args.documents)
    print(json.dumps(summary["rows"]), file=sys.stderr)


if __name__ == "__main__":
    main()
