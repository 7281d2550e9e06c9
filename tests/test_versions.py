"""Data versions: claims release accepts only the previous version bumped at the level claims diff
gives the changes (major for structure, minor for additions, patch for corrections)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import given, strategies as st

from claims import csvio
from claims.descriptor import dumps
from claims.problems import ClaimsError
from claims.release import metadata, versions
from claims.release.build import check_release_version

from breakage import rows_of
from conftest import copy_package


def set_version(root, version: str) -> None:
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["version"] = version
    path.write_text(dumps(descriptor), encoding="utf-8")


def version_of(root) -> str:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))["version"]


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """The package as released: a folder to compare later states with."""
    return copy_package(tmp_path_factory.mktemp("previous") / "package")


@pytest.fixture
def later(previous, tmp_path):
    return copy_package(tmp_path / "later")


def change_a_property_meaning(root) -> None:
    path = root / "claims/properties.csv"
    header, rows = rows_of(path)
    rows[0][header.index("description")] += " (reworded)"
    path.write_text(csvio.dumps(header, rows), encoding="utf-8")


def add_an_entity(cli, root) -> None:
    result = cli("add-entity", "person:release-test-person", "--name", "Release Test Person",
                 "--description", "A person added to test data versions.", "--root", root)
    assert result.exit_code == 0, result.stderr


@given(st.tuples(*[st.integers(0, 10**6)] * 3), st.sampled_from(["major", "minor", "patch"]))
def test_bump_is_the_next_version_at_its_level(parts, level):
    version = ".".join(map(str, parts))
    bumped = versions.parse(versions.bump(version, level))
    index = ["major", "minor", "patch"].index(level)
    assert bumped[:index] == parts[:index] and bumped[index] == parts[index] + 1 and not any(bumped[index + 1:])


@pytest.mark.parametrize("text", ["1.0", "v1.0.0", "01.0.0", "1.0.0-rc1", "1.0.0\n", ""])
def test_a_version_that_is_not_major_minor_patch_is_refused(text):
    with pytest.raises(ClaimsError, match="is not MAJOR.MINOR.PATCH"):
        versions.parse(text)


def test_release_refuses_a_minor_version_after_a_structure_change(previous, later, cli):
    change_a_property_meaning(later)
    major, minor, _ = versions.parse(version_of(previous))
    set_version(later, f"{major}.{minor + 1}.0")
    result = cli("release", "--root", later, "--previous", previous)
    assert result.exit_code == 1
    assert (f"error: version {major}.{minor + 1}.0 does not fit the changes since {version_of(previous)} "
            f"({previous}): they call for a major release, {major + 1}.0.0 (properties ") in result.stderr
    assert "changed: description" in result.stderr
    assert not (later / "dist").exists()
    set_version(later, f"{major + 1}.0.0")
    check = check_release_version(later, f"{major + 1}.0.0", str(previous))
    assert check.level == "major" and check.previous == version_of(previous)


def test_added_data_calls_for_exactly_a_minor_version(previous, later, cli):
    add_an_entity(cli, later)
    major, minor, patch = versions.parse(version_of(previous))
    for wrong in (version_of(previous), f"{major}.{minor}.{patch + 1}", f"{major + 1}.0.0"):
        with pytest.raises(ClaimsError, match=f"they call for a minor release, {major}.{minor + 1}.0 "
                                              r"\(entities person:release-test-person added\)"):
            check_release_version(later, wrong, str(previous))
    assert check_release_version(later, f"{major}.{minor + 1}.0", str(previous)).level == "minor"


def test_nothing_changed_rebuilds_the_same_version_only(previous, later):
    assert check_release_version(later, version_of(previous), str(previous)).level is None
    major, minor, patch = versions.parse(version_of(previous))
    with pytest.raises(ClaimsError, match="nothing changed since"):
        check_release_version(later, f"{major}.{minor}.{patch + 1}", str(previous))


def test_the_previous_release_is_the_highest_lower_version_tag(previous, tmp_path, cli):
    repo = copy_package(tmp_path / "repo")

    def git(*args):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "one", "--allow-empty")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "package")
    major, minor, patch = versions.parse(version_of(repo))
    git("tag", f"v{major}.{minor}.{patch}")
    git("tag", "v99.0.0")  # above the version released: not a previous release
    git("tag", "vnext")  # not a version
    add_an_entity(cli, repo)
    assert versions.previous_tag(repo, f"{major}.{minor + 1}.0") == f"v{major}.{minor}.{patch}"
    check = check_release_version(repo, f"{major}.{minor + 1}.0")
    assert check.level == "minor" and f"v{major}.{minor}.{patch} (" in check.message
    assert versions.previous_tag(repo, f"{major}.{minor}.{patch}") is None  # the first release


def test_version_must_agree_with_tag_changelog_citation_and_zenodo(later):
    version = version_of(later)
    metadata.require_consistent(later, version, f"v{version}")  # none of the files: nothing to disagree
    with pytest.raises(ClaimsError, match=f"the tag v0.0.1 is not v{version}"):
        metadata.require_consistent(later, version, "v0.0.1")
    (later / "CHANGELOG.md").write_text("# Changelog\n\n## 0.0.1\n\nOld.\n", encoding="utf-8")
    (later / "CITATION.cff").write_text("cff-version: 1.2.0\nversion: 0.0.1\n", encoding="utf-8")
    (later / ".zenodo.json").write_text('{"version": "0.0.1"}', encoding="utf-8")
    assert metadata.mismatches(later, version) == [
        f"CHANGELOG.md has no section '## {version}': start it from claims diff --format markdown",
        f"CITATION.cff gives version 0.0.1, not {version}", f".zenodo.json gives version 0.0.1, not {version}"]
    (later / "CHANGELOG.md").write_text(f"# Changelog\n\n## [{version}] - date\n\nNew.\n\n## 0.0.1\n\nOld.\n",
                                        encoding="utf-8")
    assert metadata.changelog_section((later / "CHANGELOG.md").read_text(encoding="utf-8"), version) == \
        f"## [{version}] - date\n\nNew.\n"
    assert metadata.changelog_section(f"## {version}1\n", version) is None  # 0.1.01 is another version
