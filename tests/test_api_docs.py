"""docs/api.md: every Python example on the page runs, in order, in one namespace, in a copy of
the package as the current folder (as a reader would run them in a session)."""

from __future__ import annotations

import re

from conftest import ROOT, copy_package

PAGE = ROOT / "docs" / "api.md"


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", markdown, flags=re.MULTILINE | re.DOTALL)


def test_every_example_of_the_api_page_runs(tmp_path, monkeypatch):
    blocks = python_blocks(PAGE.read_text(encoding="utf-8"))
    assert len(blocks) >= 8, "the page shows the API by examples"
    monkeypatch.chdir(copy_package(tmp_path / "package"))
    namespace: dict = {"__name__": "api_docs"}
    for number, block in enumerate(blocks, start=1):
        exec(compile(block, f"docs/api.md, example {number}", "exec"), namespace)  # noqa: S102 - our own page

