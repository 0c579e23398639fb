"""The package's import graph: no cycles among synthesis modules, no unexplained lazy import.

A cycle (``study`` imports ``ingest.apply`` which imports ``study``) only works while one of
its imports hides inside a function, and breaks the day someone moves it to the top. So the
graph is built from every import the interpreter can run, at module level or inside a
function; imports under ``if TYPE_CHECKING:`` never run and are left out.

An import inside a function is allowed only to keep a measured start-up cost off the paths
that do not need it (``synthesis --help`` must not load scikit-learn, plotly or nbconvert).
Such an import carries a comment with ``lazy:`` and the reason, on its own line or on the
line just above it (one comment covers a block of consecutive imports)::

    # lazy: scikit-learn adds ~700 ms (python -X importtime); only suggestions need it
    from sklearn.cluster import KMeans

Run ``python tests/test_imports.py`` to print the graph's cycles and unexplained imports.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "synthesis"
MARK = "lazy:"


@dataclass(frozen=True)
class Import:
    """One import statement: who imports what, where, and whether it sits in a function."""

    module: str
    target: str
    line: int
    in_function: bool
    explained: bool


def module_names(root: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _runtime_imports(tree: ast.Module):
    """Yield (import node, inside a function, its sibling statements) that can run."""
    def walk(body: list[ast.stmt], in_function: bool):
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                yield node, in_function, body
            elif isinstance(node, ast.If) and _is_type_checking(node.test):
                yield from walk(node.orelse, in_function)
            else:
                inner = in_function or isinstance(
                    node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                for field in ("body", "orelse", "finalbody", "handlers"):
                    children = getattr(node, field, None)
                    if isinstance(children, list):
                        stmts = [c for c in children if isinstance(c, ast.stmt)]
                        for handler in (c for c in children if isinstance(c, ast.excepthandler)):
                            yield from walk(handler.body, inner)
                        yield from walk(stmts, inner)
                if isinstance(node, ast.Match):
                    for case in node.cases:
                        yield from walk(case.body, inner)
    yield from walk(tree.body, False)


def _explained(node: ast.stmt, siblings: list[ast.stmt], lines: list[str]) -> bool:
    """A ``lazy:`` comment on the import's line, or above the block of imports it ends."""
    first = node
    index = siblings.index(node)
    while index > 0 and isinstance(siblings[index - 1], (ast.Import, ast.ImportFrom)) \
            and siblings[index - 1].end_lineno == first.lineno - 1:
        index -= 1
        first = siblings[index]
    candidates = [lines[node.lineno - 1], lines[first.lineno - 1]]
    above = first.lineno - 2
    while above >= 0 and lines[above].strip().startswith("#"):
        candidates.append(lines[above])
        above -= 1
    return any(MARK in line.partition("#")[2] for line in candidates if "#" in line)


def imports(root: Path = PACKAGE) -> list[Import]:
    """Every runnable import of a synthesis module by a synthesis module, plus lazy ones."""
    names = module_names(root)
    found = []
    for name, path in names.items():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node, in_function, siblings in _runtime_imports(ast.parse(source)):
            explained = in_function and _explained(node, siblings, lines)
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[:len(anchor) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in names else base
                           for alias in node.names]
            for target in dict.fromkeys(targets):
                found.append(Import(name, target, node.lineno, in_function, explained))
    return found


def graph(found: list[Import]) -> dict[str, set[str]]:
    """Edges between synthesis modules (outside imports are not part of it)."""
    names = {i.module for i in found}
    edges: dict[str, set[str]] = {name: set() for name in names}
    for i in found:
        if i.target in edges and i.target != i.module:
            edges[i.module].add(i.target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The graph's strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(edges)))
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def unexplained(found: list[Import]) -> list[str]:
    """``module:line imports target`` for each in-function import without a ``lazy:`` reason."""
    return sorted({f"{i.module}:{i.line} imports {i.target}"
                   for i in found if i.in_function and not i.explained})


def test_no_import_cycle_among_synthesis_modules():
    found = cycles(graph(imports()))
    assert found == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


def test_every_import_inside_a_function_says_why():
    assert unexplained(imports()) == []


def test_the_checks_catch_a_cycle_and_a_bare_lazy_import(tmp_path):
    """The checks themselves, on a three-module package written here."""
    pkg = tmp_path / "synthesis"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("from .a import f\n")
    (pkg / "a.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .c import C\n"
        "def f():\n    from .b import g\n    return g()\n")
    (pkg / "b.py").write_text(
        "def g():\n"
        "    # lazy: costs 300 ms at start-up\n"
        "    import json\n    import csv\n"
        "    from . import a\n    return a\n")
    (pkg / "c.py").write_text("from . import b\nclass C: ...\n")
    found = imports(pkg)
    assert cycles(graph(found)) == [["synthesis.a", "synthesis.b"]]
    # b's `from . import a` follows the two explained imports with no gap: one comment
    # covers the block; a's import has no comment at all.
    assert unexplained(found) == ["synthesis.a:5 imports synthesis.b"]
    # the TYPE_CHECKING import of c is not an edge, so c -> b is not part of a cycle
    assert "synthesis.c" not in graph(found)["synthesis.a"]


if __name__ == "__main__":
    all_imports = imports()
    for component in cycles(graph(all_imports)):
        print("cycle:", " <-> ".join(component))
    for line in unexplained(all_imports):
        print("unexplained:", line)
