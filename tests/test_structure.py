"""The library's structure: no import cycle among the command-line modules, and no module
reaching into another's private names (`from .x import _name`, or `x._name` on an imported
module). Parsed with ast, so nothing is imported or run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIBRARY = Path(__file__).resolve().parent.parent / "scripts" / "claims"


def module_name(path: Path) -> str:
    parts = path.relative_to(LIBRARY.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module an ImportFrom names (relative imports resolved against path)."""
    if node.level == 0:
        return node.module or ""
    base = module_name(path).split(".")
    if not is_package(path):
        base = base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def library_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(LIBRARY.rglob("*.py"))}


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """The library modules a file imports at any level (inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            target = resolve(path, node)
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                found.add(submodule if submodule in modules else target)
    return {name for name in found if name in modules}


def private_uses(path: Path, modules: dict[str, Path], source: str | None = None) -> list[str]:
    """`from .x import _name` and `x._name` where x is another library module, in one file."""
    me = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    module_aliases: dict[str, str] = {}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = resolve(path, node)
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                if submodule in modules:
                    module_aliases[alias.asname or alias.name] = submodule
                elif (alias.name.startswith("_") and not alias.name.startswith("__")
                      and target in modules and target != me):
                    found.append(f"{path.name}:{node.lineno}: from {target} import {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules and alias.asname:
                    module_aliases[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in module_aliases and module_aliases[node.value.id] != me
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle found by a depth-first search (one per back edge)."""
    found, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                found.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_the_command_line_is_a_package_without_import_cycles():
    modules = library_modules()
    cli = {name: path for name, path in modules.items() if name == "claims.cli" or name.startswith("claims.cli.")}
    assert len(cli) > 3, "the command line is a package, one module per command group"
    graph = {name: {target for target in imports_of(path, modules) if target in cli and target != name}
             for name, path in cli.items()}
    assert cycles(graph) == []


def test_no_library_module_imports_another_modules_private_names():
    modules = library_modules()
    found = [use for path in modules.values() for use in private_uses(path, modules)]
    assert found == []


def sys_path_patches(source: str) -> list[int]:
    """Lines that change sys.path (sys.path.insert / append / extend, or assigning it)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        target = node.func.value if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) else None
        if isinstance(node, ast.Assign):
            target = next((t for t in node.targets if isinstance(t, ast.Attribute)), None)
        if (isinstance(target, ast.Attribute) and target.attr == "path" and isinstance(target.value, ast.Name)
                and target.value.id == "sys"):
            found.append(node.lineno)
    return found


def test_scripts_benchmarks_and_tests_import_the_library_without_patching_sys_path():
    top = LIBRARY.parent.parent
    files = [path for folder in ("scripts", "extraction", "benchmarks", "tests") for path in (top / folder).rglob("*.py")]
    found = [f"{path.relative_to(top)}:{line}" for path in files
             for line in sys_path_patches(path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("source, expected", [
    ("import sys\nsys.path.insert(0, 'x')\n", [2]),
    ("import sys\nsys.path = ['x']\n", [2]),
    ("import sys\nprint(sys.path)\n", []),
])
def test_the_sys_path_check_fails_when_it_should(source, expected):
    assert sys_path_patches(source) == expected


# The checks themselves, on small made-up sources, so they are known to fail when they should.

def test_the_cycle_search_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("source, expected", [
    ("from .checks import _safe_seed\n", 1),
    ("from . import contrib\ncontrib._append(1)\n", 1),
    ("from .checks import safe_seed\nfrom . import __version__\n", 0),
    ("def _mine():\n    pass\n_mine()\n", 0),
])
def test_the_private_import_check_fails_when_it_should(source, expected):
    probe = LIBRARY / "probe.py"  # a module of the library that is not there: only its path is used
    assert len(private_uses(probe, library_modules(), source)) == expected
