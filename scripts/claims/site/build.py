"""Writes the site: one page per fact, document, entity and property, a home page, a
methodology page, index pages and the search index. Pages come from the Jinja2 templates in
templates/ (autoescaped: every cell of the package is untrusted text)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..problems import DataError
from ..search import fold
from . import chart, spans
from .data import SiteData, load_site_data

MARKER = ".claims-site"  # names a folder this command wrote, so it may be replaced
KINDS = ("facts", "documents", "entities", "properties")
CONTEXT_WIDTH = 120
SLUG_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def slug(key: str) -> str:
    """A file or anchor name for a key: the key itself when it is already safe, else a readable
    part and 8 hex digits of its SHA-256, so names are stable and distinct keys never meet."""
    readable = SLUG_UNSAFE.sub("-", key.lower()).strip("-")[:80] or "x"
    if readable == key:
        return key
    return f"{readable}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}"


class Site:
    """Page addresses and the shared template context."""

    def __init__(self, data: SiteData):
        self.data = data
        self.slugs: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
        keys = {"facts": [f["fact_key"] for f in data.facts], "documents": [s["source_id"] for s in data.sources],
                "entities": [e["entity_id"] for e in data.entities],
                "properties": [p["property_id"] for p in data.properties]}
        for kind, names in keys.items():
            for key in names:
                name = slug(key)
                if name in self.slugs[kind].values():
                    raise DataError(f"two {kind} keys give the page name {name}: rename one of them")
                self.slugs[kind][key] = name
        self.entity_names = {e["entity_id"]: e["canonical_name"] for e in data.entities}
        self.property_labels = {p["property_id"]: p["label"] for p in data.properties}
        self.source_titles = {s["source_id"]: s["title"] for s in data.sources}

    def url(self, kind: str, key: str | None, root: str) -> str | None:
        """The address of a page relative to a page at depth root ('' or '../'), or None."""
        name = self.slugs[kind].get(key) if key is not None else None
        return f"{root}{kind}/{name}.html" if name else None

    def fact_title(self, fact: dict) -> str:
        subject = fact.get("subject_name") or fact.get("subject_id")
        label = self.property_labels.get(fact["property_id"], fact["property_id"])
        return f"{subject}: {label}" + (f" ({fact['scope']})" if fact.get("scope") else "")


def claim_anchor(claim_id: str) -> str:
    return "claim-" + slug(claim_id)


def modality_class(modality: str | None) -> str:
    return "modality-" + (modality if modality in chart.MODALITY_COLOURS else "other")


def _number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"^https?://[^\s\"'<>]+$", url) else None


def _terms(*spellings: str | None) -> str:
    """What the search box matches: each spelling folded as claims show folds names (no case,
    accents or punctuation; search.js folds what is typed the same way), joined by " | " so
    that no match spans two spellings."""
    return " | ".join(fold(spelling) for spelling in spellings if spelling)


def document_html(text: str, claims: list[dict], describe) -> Markup:
    """The document's text with every quoted span highlighted: overlapping quotes are cut into
    runs, each a <mark> naming every claim whose quote covers it and linking to the first."""
    cut = spans.runs(text, [(c["quote_start"], c["quote_end"], c["claim_id"]) for c in claims])
    parts = []
    for run in cut:
        shown = escape(spans.visible(run.text))
        if not run.claim_ids:
            parts.append(shown)
            continue
        # A link needs words to describe it: a run of white space between two quotes is marked only.
        link = '<a href="#{anchor}">{text}</a>' if run.text.strip() else "{text}"
        overlap = ' class="overlap"' if len(run.claim_ids) > 1 else ""
        parts.append(Markup('<mark id="at-{start}"' + overlap + ' data-start="{start}" data-end="{end}" '
                            'data-claims="{ids}" title="{title}">' + link + '</mark>').format(
            start=run.start, end=run.end, ids=" ".join(run.claim_ids), anchor=claim_anchor(run.claim_ids[0]),
            title="; ".join(describe(claim_id) for claim_id in run.claim_ids), text=shown))
    return Markup("").join(parts)


def _environment(site: Site) -> jinja2.Environment:
    templates = resources.files("claims.site") / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(site=site, url=site.url, claim_anchor=claim_anchor, modality_class=modality_class,
                       slug=slug, safe_url=_safe_url, visible=spans.visible, chartable=chart.chartable)
    env.filters["number"] = _number
    return env


def _search_index(site: Site) -> list[dict]:
    """Entries of the search box: names and aliases of entities, facts, documents, properties."""
    entries = []
    for entity in site.data.entities:
        names = [entity["canonical_name"], *(entity["aliases"] or []), entity["entity_id"]]
        entries.append({"label": entity["canonical_name"], "kind": "entity",
                        "url": site.url("entities", entity["entity_id"], ""), "terms": _terms(*names)})
    for fact in site.data.facts:
        entries.append({"label": site.fact_title(fact), "kind": "fact", "url": site.url("facts", fact["fact_key"], ""),
                        "terms": _terms(site.fact_title(fact), fact["fact_key"])})
    for source in site.data.sources:
        entries.append({"label": source["title"], "kind": "document",
                        "url": site.url("documents", source["source_id"], ""),
                        "terms": _terms(source["title"], source["source_id"], source.get("publisher"))})
    for prop in site.data.properties:
        entries.append({"label": prop["label"], "kind": "property",
                        "url": site.url("properties", prop["property_id"], ""),
                        "terms": _terms(prop["label"], prop["property_id"])})
    return entries


def _pages(site: Site, env: jinja2.Environment):
    """(relative path, html) of every page."""
    data = site.data

    def page(template: str, root: str, **context) -> str:
        return env.get_template(template).render(root=root, **context)

    yield "index.html", page("home.html", "", summary=data.summary,
                             contested=[f for f in data.facts if f["tier"] != "uncontested"])
    yield "methodology.html", page("methodology.html", "")
    for kind in KINDS:
        yield f"{kind}/index.html", page(f"{kind}_index.html", "../")
    for fact in data.facts:
        claims = data.claims_of_fact(fact["fact_key"])
        title = site.fact_title(fact)
        drawn = chart.range_chart(fact, claims, title) if chart.chartable(fact) else None
        contexts = {c["claim_id"]: _context(data, c) for c in claims}
        yield (f"facts/{site.slugs['facts'][fact['fact_key']]}.html",
               page("fact.html", "../", fact=fact, title=title, claims=claims, chart=drawn, contexts=contexts))
    by_source: dict[str, list[dict]] = {}
    for claim in data.claims.values():
        by_source.setdefault(claim["source_id"], []).append(claim)
    for source in data.sources:
        claims = by_source.get(source["source_id"], [])
        text = data.seed_texts.get(source["source_id"])

        def describe(claim_id: str) -> str:
            claim = data.claims[claim_id]
            return f"{claim['value']} ({claim['property_id']}; {claim['voice']})"
        body = document_html(text, claims, describe) if text is not None else None
        yield (f"documents/{site.slugs['documents'][source['source_id']]}.html",
               page("document.html", "../", source=source, claims=claims, body=body))
    for entity in data.entities:
        about = [(role, data.claims[c]) for role, c in entity["roles"] if role not in ("reporter", "originator")]
        said = [(role, data.claims[c]) for role, c in entity["roles"] if role in ("reporter", "originator")]
        yield (f"entities/{site.slugs['entities'][entity['entity_id']]}.html",
               page("entity.html", "../", entity=entity, about=about, said=said))
    for prop in data.properties:
        facts = [f for f in data.facts if f["property_id"] == prop["property_id"]]
        yield (f"properties/{site.slugs['properties'][prop['property_id']]}.html",
               page("property.html", "../", prop=prop, facts=facts))


def _context(data: SiteData, claim: dict) -> tuple[str, str, str] | None:
    text = data.seed_texts.get(claim["source_id"])
    if text is None or not 0 <= claim["quote_start"] < claim["quote_end"] <= len(text):
        return None
    return tuple(spans.visible(part) for part in spans.context(text, claim["quote_start"], claim["quote_end"],
                                                                  CONTEXT_WIDTH))


def _write_tree(target: Path, site: Site) -> int:
    env = _environment(site)
    count = 0
    for kind in KINDS:
        (target / kind).mkdir()
    for rel, html in _pages(site, env):
        (target / rel).write_text(html, encoding="utf-8")
        count += 1
    assets = target / "assets"
    assets.mkdir()
    for name in ("style.css", "search.js"):
        (assets / name).write_bytes((resources.files("claims.site") / "assets" / name).read_bytes())
    index = json.dumps(_search_index(site), ensure_ascii=True, separators=(",", ":"))
    (assets / "search-index.js").write_text(
        "// Generated by claims site: the search box's entries (a .js file, since a browser blocks fetch() "
        "from file://).\nwindow.CLAIMS_SEARCH_INDEX = " + index + ";\n", encoding="utf-8")
    (target / MARKER).write_text("written by claims site; the whole folder is replaced on the next run\n",
                                 encoding="utf-8")
    return count


def _check_target(target: Path) -> None:
    if target.is_symlink():
        raise DataError(f"{target} is a symbolic link: give a real folder for the site")
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / MARKER).is_file())):
        raise DataError(f"{target} exists and was not written by claims site: give an empty or new folder, "
                        "or remove it")


def build_site(root: Path, target: Path, with_seeds: bool = True) -> int:
    """Writes the site to target, replacing a site this command wrote there before; the new
    site is built beside it and moved in place, so a failure leaves the old one. Without seeds,
    no document's text is published, only the quotes. Returns the number of pages."""
    _check_target(target)
    site = Site(load_site_data(root, with_seeds))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        count = _write_tree(staging, site)
        os.chmod(staging, 0o755)
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            os.replace(target, retired / "site")
            os.replace(staging, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging, target)
    except OSError as exc:
        raise DataError(f"cannot write the site to {target}: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(staging)
    return count
