"""A small DOM for the site tests: pages parsed with the standard library's HTML parser into
elements with attributes, children and text, enough to find marks, links and ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)  # Elements and str

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list["Element"]:
        """Elements of that tag whose attributes equal attrs (class_ matches one class)."""
        wanted_class = attrs.pop("class_", None)
        return [e for e in self.iter() if (tag is None or e.tag == tag)
                and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
                and (wanted_class is None or wanted_class in e.attrs.get("class", "").split())]

    def by_id(self, ident: str) -> "Element | None":
        return next((e for e in self.iter() if e.attrs.get("id") == ident), None)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
        raise AssertionError(f"</{tag}> closes nothing")

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(path: Path) -> Element:
    builder = _Builder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert len(builder.stack) == 1, f"{path}: unclosed <{builder.stack[-1].tag}>"
    return builder.root


def text_runs(container: Element) -> list[tuple[int, int, Element | None]]:
    """(start, end, mark) of each piece of the container's text in document order: the code-point
    offsets of the piece and the <mark> it lies in (None outside any mark)."""
    pieces: list[tuple[int, int, Element | None]] = []
    position = 0

    def walk(element: Element, mark: Element | None):
        nonlocal position
        for child in element.children:
            if isinstance(child, str):
                pieces.append((position, position + len(child), mark))
                position += len(child)
            else:
                walk(child, child if child.tag == "mark" else mark)
    walk(container, None)
    return pieces
