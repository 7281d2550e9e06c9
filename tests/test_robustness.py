"""Never a traceback, on any input: random bytes in a table, random values in the descriptor."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.validate import validate

from conftest import copy_package

TABLES = ["claims/claims.csv", "claims/sources.csv", "claims/attributions.csv", "claims/entities.csv"]
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                      max_size=3), max_leaves=6)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return copy_package(tmp_path_factory.mktemp("robust") / "package")


def _paths(node, prefix=()):
    """Every path to a value in a JSON document."""
    yield prefix
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield from _paths(value, prefix + (key,))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(TABLES), where=st.floats(0, 1), junk=st.binary(min_size=1, max_size=6),
       cut=st.integers(0, 3))
def test_random_bytes_in_a_table_give_a_report(pristine, table, where, junk, cut):
    path = pristine / table
    original = path.read_bytes()
    at = int(where * len(original))
    path.write_bytes(original[:at] + junk + original[at + cut:])
    try:
        report = validate(pristine)  # must return, whatever the bytes
        assert all(p.file and p.line >= 1 and p.column >= 1 for p in report.problems)
    finally:
        path.write_bytes(original)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), value=json_values)
def test_random_values_in_the_descriptor_give_a_report(pristine, data, value):
    path = pristine / "datapackage.json"
    original = path.read_bytes()
    descriptor = json.loads(original)
    paths = [p for p in _paths(descriptor) if p]
    target = data.draw(st.sampled_from(paths))
    node = descriptor
    for key in target[:-1]:
        node = node[key]
    node[target[-1]] = value
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    try:
        validate(pristine)
    finally:
        path.write_bytes(original)
        shutil.rmtree(pristine / "build", ignore_errors=True)
