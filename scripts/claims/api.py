"""The Python API: `claims.open(root)` and what a ClaimsPackage does (docs/api.md).

Each method is what one command of the command line does, without the printing: it returns
data (a report, rows, paths) and raises UsageError or DataError (claims.problems) for what the
caller must fix. The command line is a thin layer over this module; every decision (which
engine checks a package, where a relative output path goes, what a default is) is taken here.
Modules are imported by the method that needs them, so `import claims` stays cheap.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .problems import Problem, UsageError, param

if TYPE_CHECKING:
    import duckdb

    from .diff import PackageDiff
    from .package import Package
    from .query import QuoteInContext, Target
    from .release.build import Release
    from .search import Candidate
    from .spark.run import Written
    from .validate import Report

DESCRIPTOR = "datapackage.json"
DEFAULT_DATABASE = Path("build/claims.duckdb")

# Option name -> claim column, for the arguments of add_claim and correct that are cells of the
# claim row (the rest choose the quote's occurrence and the attribution chain).
CLAIM_CELLS = {"source": "source_id", "subject": "subject_id", "property_id": "property_id", "value": "value",
               "modality": "modality", "qualifier": "value_qualifier", "number": "value_number", "scope": "scope",
               "hedge": "hedge", "note": "note", "date_start": "value_date_start", "date_end": "value_date_end",
               "date_precision": "value_date_precision", "entity_value": "value_entity_id", "place": "place_id",
               "time_start": "time_start", "time_end": "time_end", "time_precision": "time_precision",
               "extracted_by": "extracted_by", "guideline_version": "guideline_version",
               "value_inferred": "value_is_inferred", "time_inferred": "time_is_inferred",
               "inference_basis": "inference_basis"}


def open(root: str | Path = ".", *, search_parents: bool = False) -> ClaimsPackage:  # noqa: A001 - claims.open
    """The package whose datapackage.json is in root (or, with search_parents, in root's nearest
    parent that holds one, as git finds a repository). UsageError when there is none."""
    return ClaimsPackage(root, search_parents=search_parents)


def diff(old: str | Path, new: str | Path, repo: str | Path = ".") -> PackageDiff:
    """What changed from old to new, each a package folder or a git ref of repo."""
    from .diff import diff_packages
    from .states import package_state

    with package_state(str(old), Path(repo)) as (old_root, old_label), \
            package_state(str(new), Path(repo)) as (new_root, new_label):
        return diff_packages(old_root, new_root, old_label, new_label)


@dataclass(frozen=True)
class QueryResult:
    """Rows of a query, with their column names."""

    columns: list[str]
    rows: list[tuple]

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(frozen=True)
class Shown:
    """What show found: the target (claim, fact, entity or document), its description (a fact's
    counts, tier and estimates, an entity's names, a document's metadata; None for a claim), the
    claims about it with each quote in its context, the facts that head the groups of an entity's
    claims, and a document's text (None when it cannot be read)."""

    target: Target
    about: dict | None
    claims: list[dict]
    contexts: list[QuoteInContext | None]
    facts: dict[str, dict] = field(default_factory=dict)
    document_text: str | None = None

    def as_dict(self) -> dict:
        payload: dict[str, Any] = {"kind": self.target.kind, "key": self.target.key}
        if self.about is not None:
            payload[self.target.kind] = self.about
        payload["claims"] = [dict(claim, context=vars(context) if context else None)
                             for claim, context in zip(self.claims, self.contexts)]
        return payload


@dataclass(frozen=True)
class UncoveredNumber:
    """A number of a seed that no claim has as its value or bound and no exclusion lists."""

    source_id: str
    seed_path: str
    start: int
    end: int
    text: str
    value: float


@dataclass(frozen=True)
class SyncResult:
    """What sync rewrote (or, checking only, found stale); the view columns contract is left as
    it is when the tables do not load (contract_skipped), and rewriting it is a major data
    version (contract_changed)."""

    files: list[str]
    contract_skipped: bool = False
    contract_changed: bool = False


@dataclass(frozen=True)
class Added:
    """The key of what a contribution wrote (a claim id, a seed path...) and the warnings (lints)
    the new rows raise."""

    key: str
    warnings: list[Problem] = field(default_factory=list)


class ClaimsPackage:
    """A claims package on disk (its folder holds datapackage.json). Nothing is read until a
    method needs it; each method reads the package as it is then."""

    def __init__(self, root: str | Path = ".", *, search_parents: bool = False):
        from .package import find_root

        given = Path(root)
        found = find_root(given) if search_parents else (given.resolve() if (given / DESCRIPTOR).is_file() else None)
        if found is None:
            raise UsageError(f"{DESCRIPTOR} not found in {given.resolve()}"
                             + (" or any folder above it" if search_parents else "")
                             + ": this is not a claims package")
        self.root = found

    def __repr__(self) -> str:
        return f"claims.open({str(self.root)!r})"

    def path(self, relative: str | Path) -> Path:
        """A path as the package means it: relative ones are inside the package's folder."""
        given = Path(relative)
        return given if given.is_absolute() else self.root / given

    # Reading and checking ------------------------------------------------------------------

    def load(self) -> Package:
        """Every table read and typed, with the problems found loading it (package.problems)."""
        from .package import load_package

        return load_package(self.root)

    def loaded(self, doing: str) -> Package:
        """The package, refused with a DataError when its tables do not load cleanly."""
        from .problems import DataError

        package = self.load()
        if package.problems:
            raise DataError(f"cannot {doing}: the tables do not load cleanly ({len(package.problems)} problem(s)); "
                            "run claims validate")
        return package

    def validate(self, engine: str = "auto", *, base: str | None = None, repo: str | Path = ".",
                 rules_change: bool = False, incremental: bool = False) -> Report:
        """Every layer of checks (docs/rules.md), on engine "python", "duckdb" (a set-based gate
        for large packages; what it flags is reported by the Python path) or "auto" (by size).
        With base (a folder, or a git ref of the repository repo, relative to the current folder),
        also the history checks against that state;
        rules_change declares the change a rules change; incremental (with base, a git ref) checks the
        rows changed since base and every rule that compares rows (a fast first answer; the full
        check where it cannot tell: report.scope says which). report.passes(strict) is the verdict."""
        from .validate import validate

        if incremental:
            if base is None:
                raise UsageError(f"{param('incremental')} needs {param('base')}: the git ref to compare with")
            from .incremental import validate_incremental

            return validate_incremental(self.root, base, Path(repo), rules_change, engine)

        report = validate(self.root, engine)
        if base is not None:
            from .history import with_history

            report = with_history(report, self.root, base, Path(repo), rules_change)
        return report

    def engine(self, requested: str = "auto") -> str:
        """The engine that checks this package: the one requested, or by the size of its tables."""
        from .fastpath import engine_for

        return engine_for(self.root, requested)

    def build(self, output: str | Path = DEFAULT_DATABASE) -> Path:
        """Write the package as a DuckDB database (one table per resource, and the views),
        replacing the file atomically; a relative output is inside the package. Returns its path."""
        from .build import build
        from .package import Package, read_descriptor

        package = None
        if self.engine() == "duckdb":  # a large package: the gate proves its tables load cleanly, set-based
            from .fastpath.gate import run_gate

            if run_gate(self.root, tables_only=True).is_clean:
                package = Package(self.root, read_descriptor(self.root), {}, {}, [])
        package = package or self.loaded("build")  # what the gate flags, the Python path decides
        target = self.path(output)
        build(package, target)
        return target

    @contextlib.contextmanager
    def connect(self, database: str | Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A DuckDB connection with the package's tables and views: loaded in memory from the CSV
        files (always current), or the built database file given, opened read-only. It cannot
        write or read other files."""
        from .query import open_database

        with open_database(self.root, None if database is None else self.path(database)) as connection:
            yield connection

    def sql(self, statement: str, params: Sequence[Any] = (), database: str | Path | None = None) -> QueryResult:
        """One read-only SQL query over the tables and views; each ? takes the next of params."""
        from .query import run_sql

        with self.connect(database) as connection:
            return QueryResult(*run_sql(connection, statement, list(params)))

    def summary(self) -> dict[str, int]:
        """Counts: documents, claims, facts, facts with competing claims, contested facts by tier,
        review coverage."""
        from .summary import summarise

        return summarise(self.loaded("summarise"))

    def conflicts(self, tier: str | None = None, database: str | Path | None = None) -> list[dict]:
        """The contested facts, incompatible first, then divergent (or one tier), each with its
        values lowest first and who states them."""
        from .query import contested

        with self.connect(database) as connection:
            return contested(connection, tier)

    def show(self, id_or_name: str, context: int = 60, database: str | Path | None = None) -> Shown:
        """Every claim about a fact, an entity or a document, or one claim: by id, or by words of
        a name (the best match; target.also lists the others)."""
        from . import query

        with self.connect(database) as connection:
            target = query.resolve(connection, id_or_name)
            about = query.describe(connection, target)
            claims = query.claims_about(connection, target)
            facts = (query.facts_of(connection, [claim["fact_key"] for claim in claims])
                     if target.kind == "entity" else {})
        contexts = [query.quote_in_context(self.root, claim, context) for claim in claims]
        text = query.seed_text(self.root, about["seed_path"]) if target.kind == "document" else None
        return Shown(target, about, claims, contexts, facts, text)

    def coverage(self) -> list[UncoveredNumber]:
        """Every number in the seeds that no claim has as its value or bound and no exclusion lists."""
        from .coverage import uncovered

        package = self.loaded("check coverage")
        seeds = {row.get("source_id"): row.get("seed_path") for row in package.rows("sources")}
        return [UncoveredNumber(n.source_id, seeds[n.source_id], n.start, n.end, n.text, n.value)
                for n in uncovered(package)]

    def sync(self, check: bool = False) -> SyncResult:
        """Regenerate what is derived (datapackage.json's Table Schemas and seed resources,
        sql/base/*.sql, docs/rules.md, the view columns contract); with check, only list the
        stale files."""
        from . import descriptor, view_contract

        package = self.load()
        if check:
            stale = descriptor.stale_files(package)
            if not package.problems and view_contract.is_stale(package.root):
                stale.append(str(view_contract.CONTRACT))
            return SyncResult(stale)
        written = descriptor.write_generated(package)
        if package.problems:
            return SyncResult(written, contract_skipped=True)
        return SyncResult(written, contract_changed=view_contract.write(package.root))

    def diff(self, base: str | Path, repo: str | Path = ".") -> PackageDiff:
        """What changed from base (a folder or a git ref of repo) to this package."""
        return diff(base, self.root, repo)

    def entities(self, words: str, limit: int = 10) -> list[Candidate]:
        """Entities by name, alias or id, best match first."""
        from .search import search

        return search(self.load(), words, limit)

    def vocabulary(self, name: str) -> QueryResult:
        """The values a column takes (vocab.NAMES: properties, rubric, sources, modalities...)."""
        from . import vocab
        from .suggest import did_you_mean

        if name not in vocab.NAMES:
            raise UsageError(f"no vocabulary {name!r}" + did_you_mean(name, {n: [] for n in vocab.NAMES})
                             + f" (one of: {', '.join(vocab.NAMES)})")
        columns, rows = vocab.listing(self.load() if name in vocab.FROM_PACKAGE else None, name)
        return QueryResult(columns, [tuple(row.get(column) for column in columns) for row in rows])

    # Contributions: each writes through a transaction, all or nothing ---------------------

    def add_source(self, document: str | Path, source_id: str, *, title: str, rights: str,
                   kind: str = "news-report", language: str = "en", publisher: str | None = None,
                   author: str | None = None, published: str | None = None, published_basis: str = "stated",
                   published_note: str | None = None, license: str | None = None,  # noqa: A002
                   url: str | None = None, notes: str | None = None) -> Added:
        """Copy a document into seeds/ and describe it in claims/sources.csv; the key is its seed path."""
        from . import contrib

        meta = {"title": title, "rights": rights, "document_kind": kind, "language": language,
                "publisher": publisher, "author": author, "license": license, "url": url, "notes": notes,
                "published_date_basis": "unknown"}
        if published:
            start, end, precision = contrib.date_interval(published)
            meta.update(published_start=start, published_end=end, published_precision=precision,
                        published_date_basis=published_basis, published_date_note=published_note)
        return Added(contrib.add_source(self.root, Path(document), source_id, meta))

    def add_entity(self, entity_id: str, *, name: str, description: str, part_of: str | None = None,
                   notes: str | None = None) -> Added:
        """Add a person, organisation, place, event, anonymous agent or object."""
        from . import contrib

        warnings = contrib.add_entity(self.root, {"entity_id": entity_id, "canonical_name": name,
                                                  "description": description, "part_of_id": part_of, "notes": notes})
        # It is new: no claim uses it yet, which is no reason to warn.
        return Added(entity_id, [w for w in warnings if w.rule != "lint-orphan-entity"])

    def add_claim(self, *, quote: str, confidence_rule: str, occurrence: int | None = None, prefix: str = "",
                  suffix: str = "", attribution: Sequence[str] = (), **cells: Any) -> Added:
        """Add a claim: the quote is found in the seed, offsets, bounds and confidence derived, an id
        minted. cells are the claim's other arguments (source, subject, property_id, value, modality,
        qualifier, number, scope, hedge, note, dates, place, time, value_inferred...: CLAIM_CELLS);
        attribution is the chain, AGENT_ID:KIND:EVIDENCE per link, reporter first."""
        from . import contrib

        request = contrib.ClaimRequest(claim_cells({"modality": "asserted", **cells}), quote, confidence_rule,
                                       occurrence, prefix, suffix, list(attribution))
        return Added(*contrib.add_claim(self.root, request))

    def correct(self, claim_id: str, *, reason: str, clear: Sequence[str] = (), quote: str | None = None,
                confidence_rule: str | None = None, occurrence: int | None = None, prefix: str = "",
                suffix: str = "", attribution: Sequence[str] = (), **cells: Any) -> Added:
        """Deprecate a claim and add the corrected one under a new id (the key): the old claim with
        the cells given changed and the columns in clear emptied."""
        from . import amend, contrib

        request = contrib.ClaimRequest({}, quote or "", confidence_rule or "", occurrence, prefix, suffix,
                                       list(attribution))
        return Added(*amend.correct(self.root, claim_id, reason, claim_cells(cells), list(clear), request))

    def deprecate(self, claim_id: str, *, reason: str) -> Added:
        """Withdraw a claim: it stays, deprecated, with the reason; its id is never reused."""
        from . import amend

        return Added(claim_id, amend.deprecate(self.root, claim_id, reason))

    def add_alias(self, entity_id: str, alias: str, *, kind: str, source: str | None = None,
                  note: str | None = None) -> Added:
        """Add a spelling of an entity's name."""
        from . import amend

        return Added(f"{entity_id}: {alias}", amend.add_alias(
            self.root, {"entity_id": entity_id, "alias": alias, "alias_kind": kind, "source_id": source,
                        "note": note}))

    def add_exclusion(self, source: str, text: str, *, reason: str, occurrence: int | None = None,
                      prefix: str = "", suffix: str = "") -> dict:
        """Record a number of a seed that is no claim; returns the exclusion row."""
        from . import amend

        return amend.add_exclusion(self.root, source, text, reason, occurrence, prefix, suffix)

    def fmt(self, check: bool = False) -> list[str]:
        """Rewrite the tables in canonical form (with check, only list those that are not)."""
        from . import contrib

        return contrib.fmt(self.root, check)

    # Review, site and release ----------------------------------------------------------------

    def unreviewed(self, document: str | None = None, fact: str | None = None) -> list[dict]:
        """The active claims no review covers, of one document or fact if given."""
        from . import review

        review.known_scope(self.root, document, fact)
        return review.unreviewed(self.root, document, fact)

    def reviewer(self, reviewer: str | None = None) -> str:
        """Who reviews: the name given, else git's user.name, else unknown."""
        from .contrib import git_user

        return reviewer or git_user(self.root)

    def record_reviews(self, rows: list[dict]) -> list[str]:
        """Append review rows (review.review_row makes one); returns the warnings."""
        from . import review

        return review.record(self.root, rows)

    def site(self, output: str | Path = "site", with_seeds: bool = True) -> tuple[Path, int]:
        """Write the static site (a relative output is inside the package); its folder and pages."""
        from .site import build_site

        target = self.path(output)
        return target, build_site(self.root, target, with_seeds=with_seeds)

    def release(self, dist: str | Path = "dist", *, with_seeds: bool = True, previous: str | None = None,
                tag: str | None = None, progress=None) -> Release:
        """Build the release folder and zip (a relative dist is inside the package)."""
        from .release.build import build_release

        return build_release(self.root, self.path(dist), with_seeds=with_seeds, progress=progress,
                             previous=previous, tag=tag)

    def spark_tables(self, tables: str | None = None) -> str:
        """Where spark() reads the tables: a URL as given, a path relative to the package, by
        default its parquet/ folder (a release folder's)."""
        from .spark.run import location

        return location(self.root, tables if tables is not None else "parquet")

    def spark_sql(self, out: str, tables: str | None = None) -> str:
        """The views in Spark SQL as one script (claims spark --sql): the tables over their Parquet,
        every view, each written to out/<view>/. Needs sqlglot (the extra 'spark'), not Java."""
        from .spark import run, transpile

        return transpile.script(transpile.spark_views(self.root), self.spark_tables(tables),
                                run.location(self.root, out))

    def spark(self, out: str, tables: str | None = None, *, master: str | None = None,
              conf: dict[str, str] | None = None, done=None) -> list[Written]:
        """Every view on a Spark session over the Parquet tables, each written to out/<view>/ as
        Parquet (docs/at-scale.md). A running session is used as it is; a session started here
        (master, default local[*]) is stopped at the end. done(written) is called after each view."""
        from .spark import run, transpile

        table_location, out_location = self.spark_tables(tables), run.location(self.root, out)
        if not run.is_url(table_location) and not Path(table_location).is_dir():
            raise UsageError(f"no folder of tables at {table_location}: give a release's parquet/ folder "
                             f"with {param('tables')} (claims release writes one)")
        views = transpile.spark_views(self.root)
        session, created = run.open_session(master, conf)
        try:
            return run.write_views(session, views, table_location, out_location,
                                   done=done or (lambda written: None))
        finally:
            if created:
                session.stop()

    def release_notes(self, release: Release, target: str | Path) -> Path:
        """Write the release notes of a release built (its CHANGELOG.md section and its review
        coverage) to target (relative to the current folder)."""
        from .problems import DataError, param
        from .release import metadata

        changelog = self.root / metadata.CHANGELOG
        section = metadata.changelog_section(changelog.read_text(encoding="utf-8"), release.version) \
            if changelog.is_file() else None
        if section is None:
            raise DataError(f"{param('notes')}: {metadata.CHANGELOG} has no section for {release.version}")
        Path(target).write_text(metadata.release_notes(section, release.review_coverage), encoding="utf-8")
        return Path(target)


def claim_cells(options: dict[str, Any]) -> dict[str, str | None]:
    """The claim row's cells from the arguments named in CLAIM_CELLS. A flag left off is no cell
    (None), so a correction keeps the old claim's value."""
    unknown = sorted(set(options) - set(CLAIM_CELLS))
    if unknown:
        raise UsageError(f"not an argument of a claim: {', '.join(unknown)} (one of: {', '.join(CLAIM_CELLS)})")
    values = {name: options.get(name) for name in CLAIM_CELLS}
    return {column: ("true" if values[name] is True else None if values[name] is False else values[name])
            for name, column in CLAIM_CELLS.items()}
