"""claims release: the folder and zip, built from a copy of the package once per module (and
once more for reproducibility, once without seeds), then read as a user would: unzipped
elsewhere, validated, opened with DuckDB, Parquet and the annotations."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import duckdb
import pytest

from claims.checks import NEEDS_SEED_TEXT
from claims.descriptor import profile_problems
from claims.package import load_package, resource_parts
from claims.release.build import build_release
from claims.release.metadata import review_line
from claims.summary import summarise
from claims.release.formats import STORAGE_VERSION
from claims.release.progress import Progress
from claims.view_contract import read as read_contract

from conftest import cast_reviewed_share_to_text, ROOT, copy_package
from test_build import duckdb_cli

DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}


def _unzip(archive: Path, target: Path) -> Path:
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(target)
    (folder,) = target.iterdir()
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One release through the CLI, as a user runs it; its zip unzipped elsewhere."""
    from typer.testing import CliRunner

    from claims.cli import app

    package = copy_package(tmp_path_factory.mktemp("package") / "package")
    for name in ("LICENSE", "LICENSE-DATA.md", "CHANGELOG.md", "CITATION.cff", ".zenodo.json"):
        shutil.copy2(ROOT / name, package / name)
    notes = package / "NOTES.md"
    result = CliRunner().invoke(app, ["release", "--root", str(package), "--notes", str(notes)])
    assert result.exit_code == 0, result.stderr
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    folder = f"{descriptor['name']}-{descriptor['version']}"
    unzipped = _unzip(package / "dist" / f"{folder}.zip", tmp_path_factory.mktemp("unzipped"))
    return {"package": package, "folder": package / "dist" / folder, "zip": package / "dist" / f"{folder}.zip",
            "unzipped": unzipped, "result": result, "name": folder, "notes": notes}


@pytest.fixture(scope="module")
def rebuilt(built, tmp_path_factory):
    dist = tmp_path_factory.mktemp("second-build")
    release = build_release(built["package"], dist, progress=Progress(10, stream=io.StringIO()))
    return release


@pytest.fixture(scope="module")
def without_seeds(built, tmp_path_factory):
    dist = tmp_path_factory.mktemp("without-seeds")
    release = build_release(built["package"], dist, with_seeds=False, progress=Progress(10, stream=io.StringIO()))
    return release.directory


def test_release_prints_its_paths_and_plain_progress(built):
    dist = built["package"] / "dist"
    assert built["result"].stdout.splitlines() == [str(built["folder"]), str(dist / f"{built['name']}.zip"),
                                                   str(built["folder"] / "SHA256SUMS"), str(built["notes"])]
    lines = built["result"].stderr.splitlines()
    assert lines[0] == "release: [1/10] validating the package and its version"
    assert [line.split("]")[0] for line in lines[:10]] == [f"release: [{n}/10" for n in range(1, 11)]
    version = built["name"].rsplit("-", 1)[1]
    assert lines[10:] == [f"first release: {version} (no earlier release to compare)",
                          review_line(summarise(load_package(built["package"]))),
                          f"released {built['name'].rsplit('-', 1)[0]} {version}"]


def test_release_notes_are_the_changelog_section(built):
    from claims.release.metadata import changelog_section

    version = built["name"].rsplit("-", 1)[1]
    notes = built["notes"].read_text(encoding="utf-8")
    section = changelog_section((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), version)
    figures = summarise(load_package(built["package"]))
    reviewed, active = figures["reviewed_claims"], figures["reviewed_claims"] + figures["unreviewed_claims"]
    assert notes == (section.rstrip() + f"\n\nReview coverage: {reviewed} of {active} active claims reviewed by a "
                     f"reader other than their extractor ({100 * reviewed / active:.1f} %), "
                     f"{figures['disputed_claims']} disputed (the views claim_reviews and review_coverage hold "
                     "the detail).\n")
    assert notes.startswith(f"## {version}")
    for name in ("CHANGELOG.md", "CITATION.cff", "LICENSE-DATA.md"):
        assert (built["folder"] / name).read_bytes() == (ROOT / name).read_bytes()


def test_progress_draws_a_bar_on_a_terminal():
    stream = io.StringIO()
    with Progress(2, stream=stream, terminal=True) as progress:
        progress.step("first")
        progress.step("second")
    assert "release: [" not in stream.getvalue()  # no plain lines: the bar is drawn and cleared
    plain = io.StringIO()
    with Progress(2, stream=plain, terminal=False) as progress:
        progress.step("first")
    assert plain.getvalue() == "release: [1/2] first\n"


def test_the_zip_holds_the_folder_byte_for_byte(built):
    folder = built["folder"]
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(built["zip"]) as opened:
        names = opened.namelist()
        assert names == [f"{built['name']}/{rel}" for rel in files]
        for rel in files:
            assert opened.read(f"{built['name']}/{rel}") == (folder / rel).read_bytes(), rel


def test_release_layout_tables_seeds_formats(built):
    folder = built["folder"]
    package = load_package(built["package"])
    for parts in resource_parts(package.descriptor).values():
        for rel in parts:
            assert (folder / rel).read_bytes() == (built["package"] / rel).read_bytes()
    for row in package.rows("sources"):
        assert (folder / row.get("seed_path")).read_bytes() == (built["package"] / row.get("seed_path")).read_bytes()
    for name in resource_parts(package.descriptor):
        assert (folder / "parquet" / f"{name}.parquet").is_file()
    assert sorted(p.stem for p in (folder / "parquet" / "views").iterdir()) == sorted(read_contract(folder))
    for rel in ("NOTICE", "SHA256SUMS", "claims.duckdb", "annotations.jsonld", "anno-context.jsonld"):
        assert (folder / rel).is_file(), rel
    notice = (folder / "NOTICE").read_text(encoding="utf-8")
    for row in package.rows("sources"):
        assert row.get("rights") in notice and row.get("seed_path") in notice


def test_sha256sums_lists_every_other_file(built):
    folder = built["folder"]
    listed = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, rel = line.split("  ", 1)
        listed[rel] = digest
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == files
    for rel, digest in listed.items():
        assert hashlib.sha256((folder / rel).read_bytes()).hexdigest() == digest, rel


def test_unzipped_release_passes_claims_validate_and_frictionless(built, cli):
    from frictionless import validate as frictionless_validate

    unzipped = built["unzipped"]
    result = cli("validate", "--root", unzipped)
    assert result.exit_code == 0, result.stdout
    assert result.stderr.startswith("valid (") and "skipped" not in result.stderr
    report = frictionless_validate(str(unzipped / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])[:5]


def test_release_descriptor_carries_hash_bytes_and_contributors(built):
    unzipped = built["unzipped"]
    descriptor = json.loads((unzipped / "datapackage.json").read_text(encoding="utf-8"))
    assert profile_problems(descriptor) == []
    for resource in descriptor["resources"]:
        parts = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
        data = b"".join((unzipped / rel).read_bytes() for rel in parts)
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    assert descriptor["contributors"] and all(c.get("title") and c.get("roles") for c in descriptor["contributors"])
    seeds = [r for r in descriptor["resources"] if r.get("type") != "table"]
    assert seeds and all(r["licenses"][0].get("title") for r in seeds)  # each document's rights statement


def test_a_changed_table_breaks_the_release_hash(built, tmp_path, cli):
    copy = tmp_path / "release"
    shutil.copytree(built["unzipped"], copy)
    claims = copy / "claims" / "claims.csv"
    claims.write_bytes(claims.read_bytes().replace(b"\n", b"\r\n"))
    result = cli("validate", "--root", copy)
    assert result.exit_code == 1
    assert "[resource-hash] resource claims declares bytes " in result.stdout
    assert "[resource-hash] resource claims declares hash sha256:" in result.stdout


def _rows(connection, sql: str) -> list[tuple]:
    return sorted(connection.execute(sql).fetchall(), key=repr)


def test_parquet_and_duckdb_give_the_rows_of_the_csv(built):
    from claims.release.formats import load

    unzipped = built["unzipped"]
    connection = load(unzipped)  # the release's own CSV through its own SQL
    connection.execute(f"ATTACH '{unzipped / 'claims.duckdb'}' AS released (READ_ONLY)")
    try:
        names = list(resource_parts(load_package(unzipped).descriptor)) + list(read_contract(unzipped))
        for name in names:
            is_view = name in read_contract(unzipped)
            parquet = unzipped / "parquet" / ("views" if is_view else "") / f"{name}.parquet"
            expected = _rows(connection, f'SELECT * FROM memory.main."{name}"')
            assert _rows(connection, f"SELECT * FROM read_parquet('{parquet}')") == expected, name
            assert _rows(connection, f'SELECT * FROM released.main."{name}"') == expected, name
        kinds = connection.execute("SELECT DISTINCT table_type FROM information_schema.tables "
                                   "WHERE table_catalog = 'released'").fetchall()
        assert kinds == [("BASE TABLE",)]  # views materialised: nothing to re-bind, no relative path
    finally:
        connection.close()


def test_parquet_columns_are_typed_as_the_table_schema_says(built):
    unzipped = built["unzipped"]
    descriptor = json.loads((unzipped / "datapackage.json").read_text(encoding="utf-8"))
    connection = duckdb.connect()
    for resource in descriptor["resources"]:
        if resource.get("type") != "table":
            continue
        parquet = unzipped / "parquet" / f"{resource['name']}.parquet"
        described = connection.execute(f"DESCRIBE SELECT * FROM read_parquet('{parquet}')").fetchall()
        assert [(row[0], row[1]) for row in described] == [
            (field["name"], DUCKDB_TYPES[field["type"]]) for field in resource["schema"]["fields"]]
        codec = connection.execute(f"SELECT DISTINCT compression FROM parquet_metadata('{parquet}')").fetchall()
        assert codec == [("ZSTD",)]


def test_view_parquet_columns_follow_the_contract(built):
    unzipped = built["unzipped"]
    connection = duckdb.connect()
    for view, columns in read_contract(unzipped).items():
        described = connection.execute(
            f"DESCRIBE SELECT * FROM read_parquet('{unzipped / 'parquet' / 'views' / f'{view}.parquet'}')").fetchall()
        assert [[row[0], row[1]] for row in described] == columns, view


@pytest.mark.skipif(duckdb_cli() is None, reason="the duckdb-cli package is not installed")
def test_oldest_duckdb_we_ship_opens_claims_duckdb(built):
    """The floor: files in the STORAGE_VERSION format open in DuckDB from 1.0.0 on; the test runs
    the duckdb-cli pinned in constraints.txt (1.5.6), the oldest DuckDB the toolkit installs."""
    assert STORAGE_VERSION == "v1.0.0"
    unzipped = built["unzipped"]
    version = subprocess.run([duckdb_cli(), "-version"], capture_output=True, text=True).stdout
    assert version.startswith("v1."), version
    names = list(resource_parts(load_package(unzipped).descriptor)) + list(read_contract(unzipped))
    query = " UNION ALL ".join(f"SELECT '{name}', count(*) FROM \"{name}\"" for name in names)
    result = subprocess.run([duckdb_cli(), "-readonly", "-csv", "-noheader", str(unzipped / "claims.duckdb"),
                             "-c", query], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    counts = dict(line.rsplit(",", 1) for line in result.stdout.splitlines())
    connection = duckdb.connect(str(unzipped / "claims.duckdb"), read_only=True)
    assert {name: int(count) for name, count in counts.items()} == {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def test_two_builds_are_equal(built, rebuilt):
    first, second = built["folder"], rebuilt.directory
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    for rel in files:
        if rel not in ("claims.duckdb", "SHA256SUMS"):
            assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    # SHA256SUMS and the zip differ only where claims.duckdb is (DuckDB writes no two files alike)
    sums = [(first / "SHA256SUMS").read_text().splitlines(), (second / "SHA256SUMS").read_text().splitlines()]
    assert [line for line in sums[0] if not line.endswith("  claims.duckdb")] == \
        [line for line in sums[1] if not line.endswith("  claims.duckdb")]
    with zipfile.ZipFile(built["zip"]) as one, zipfile.ZipFile(rebuilt.archive) as two:
        assert [(i.filename, i.date_time, i.external_attr) for i in one.infolist()] == \
            [(i.filename, i.date_time, i.external_attr) for i in two.infolist()]
        for info in one.infolist():
            if not info.filename.endswith(("/claims.duckdb", "/SHA256SUMS")):
                assert one.read(info) == two.read(info.filename)
    connection = duckdb.connect()
    connection.execute(f"ATTACH '{first / 'claims.duckdb'}' AS one (READ_ONLY)")
    connection.execute(f"ATTACH '{second / 'claims.duckdb'}' AS two (READ_ONLY)")
    tables = [row[0] for row in connection.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'one' ORDER BY 1").fetchall()]
    assert tables
    for table in tables:
        assert connection.execute(f'SELECT * FROM one.main."{table}"').fetchall() == \
            connection.execute(f'SELECT * FROM two.main."{table}"').fetchall(), table


def test_without_seeds_keeps_hashes_and_quotes_and_reports_seed_checks_skipped(built, without_seeds, cli):
    assert not (without_seeds / "seeds").exists()
    assert without_seeds.name == built["name"] + "-without-seeds"
    for rel in ("claims/sources.csv", "claims/claims.csv", "annotations.jsonld"):
        assert (without_seeds / rel).read_bytes() == (built["folder"] / rel).read_bytes(), rel
    result = cli("validate", "--root", without_seeds)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines() == [
        f"skipped [{rule}] the seed texts are not in this package (datapackage.json: x-seeds is withheld); "
        "sources.csv keeps each one's SHA-256 and size" for rule in sorted(NEEDS_SEED_TEXT)]
    assert result.stderr.strip().endswith(f", {len(NEEDS_SEED_TEXT)} check(s) skipped")
    report = json.loads(cli("validate", "--root", without_seeds, "--json").stdout)
    assert report["valid"] and {item["rule"] for item in report["skipped"]} == set(NEEDS_SEED_TEXT)
    descriptor = json.loads((without_seeds / "datapackage.json").read_text(encoding="utf-8"))
    assert all(r.get("type") == "table" for r in descriptor["resources"]) and profile_problems(descriptor) == []


def test_release_refuses_an_invalid_package(package_copy, cli):
    claims = package_copy / "claims" / "claims.csv"
    claims.write_bytes(claims.read_bytes().replace(b"\n", b"\r\n"))
    result = cli("release", "--root", package_copy)
    assert result.exit_code == 1
    assert "error: cannot release: the package has " in result.stderr and "run claims validate" in result.stderr
    assert not (package_copy / "dist").exists() or not any((package_copy / "dist").iterdir())


def test_release_refuses_a_view_contract_out_of_step(package_copy, cli):
    cast_reviewed_share_to_text(package_copy)
    result = cli("release", "--root", package_copy)
    assert result.exit_code == 1
    assert "error: cannot release: sql/view_columns.json does not list the views' columns" in result.stderr
    assert not (package_copy / "dist").exists() or not any((package_copy / "dist").iterdir())


def test_annotations_expand_offline_and_every_selector_matches_its_seed(built):
    """A JSON-LD processor (pyld) expands annotations.jsonld with the shipped context and is
    refused any other document: nothing is fetched. Every selector is checked against the seed."""
    from pyld import jsonld

    unzipped = built["unzipped"]
    context_url = (unzipped / "anno-context.jsonld").as_uri()
    asked = []

    def offline_loader(url, options=None):
        asked.append(url)
        if url != context_url:
            raise RuntimeError(f"the annotations asked for {url}")
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": json.loads((unzipped / "anno-context.jsonld").read_text(encoding="utf-8"))}

    document = json.loads((unzipped / "annotations.jsonld").read_text(encoding="utf-8"))
    base = (unzipped / "annotations.jsonld").as_uri()
    (collection,) = jsonld.expand(document, {"base": base, "documentLoader": offline_loader})
    assert asked == [context_url]
    oa, root_uri = "http://www.w3.org/ns/oa#", unzipped.as_uri() + "/"
    (page,) = collection["http://www.w3.org/ns/activitystreams#first"]
    items = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    package = load_package(unzipped)
    claims = {row.get("claim_id"): row for row in package.rows("claims")}
    texts = {row.get("seed_path"): (unzipped / row.get("seed_path")).read_text(encoding="utf-8")
             for row in package.rows("sources")}
    seen = []
    for item in items:
        assert item["@type"] == [oa + "Annotation"]
        (body,) = item[oa + "hasBody"]
        claim_id = body["@id"].removeprefix(root_uri + "claims/claims.csv#claim_id=")
        claim = claims[claim_id]
        seen.append(claim_id)
        (target,) = item[oa + "hasTarget"]
        (source,) = target[oa + "hasSource"]
        seed = source["@id"].removeprefix(root_uri)
        assert seed == next(r.get("seed_path") for r in package.rows("sources")
                            if r.get("source_id") == claim.get("source_id"))
        selectors = {s["@type"][0].removeprefix(oa): s for s in target[oa + "hasSelector"]}
        quote = selectors["TextQuoteSelector"]
        exact, prefix, suffix = (quote[oa + k][0]["@value"] for k in ("exact", "prefix", "suffix"))
        position = selectors["TextPositionSelector"]
        start, end = (position[oa + k][0]["@value"] for k in ("start", "end"))
        text = texts[seed]
        assert exact == claim.get("quote") == text[start:end]
        assert (start, end) == (claim.get("quote_start"), claim.get("quote_end"))
        assert text[:start].endswith(prefix) and text[end:].startswith(suffix)
        assert len(prefix) == min(32, start) and len(suffix) == min(32, len(text) - end)
    assert seen == list(claims)


def get_the_data_lines() -> list[str]:
    """The commands of the README's "Get the data" block, comments left out."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Get the data"):]
    block = section[section.index("```sh\n") + 6:section.index("\n```", section.index("```sh\n"))]
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_readme_one_liners_read_a_built_release(built):
    """The shell, DuckDB and Python-with-DuckDB lines run as written on the unzipped release (the
    folder name set to the release built); pandas, polars and R lines run where those are installed."""
    import importlib.util
    import os
    import re
    import sys

    descriptor = json.loads((built["unzipped"] / "datapackage.json").read_text(encoding="utf-8"))
    folder = re.compile(re.escape(descriptor["name"]) + r"-[0-9]+\.[0-9]+\.[0-9]+")
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    available = {"duckdb": duckdb_cli() is not None, "sha256sum": shutil.which("sha256sum") is not None,
                 "Rscript": shutil.which("Rscript") is not None}
    ran = []
    for line in get_the_data_lines():
        command = folder.sub(built["unzipped"].name, line)
        words = command.split()
        program = words[0] if words[0] != "cd" else words[words.index("&&") + 1]
        module = re.search(r"import (\w+)", command)
        if not available.get(program, True) or (program == "python" and importlib.util.find_spec(module.group(1))
                                                  is None):
            continue
        done = subprocess.run(["bash", "-c", command], cwd=built["unzipped"].parent, env=environment,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (command, done.stderr)
        assert done.stdout.strip(), command
        ran.append(program if program != "python" else f"python:{module.group(1)}")
    assert "python:duckdb" in ran
    assert [program for program, present in available.items() if present and program != "Rscript"] == \
        [program for program in ("duckdb", "sha256sum") if program in ran]
