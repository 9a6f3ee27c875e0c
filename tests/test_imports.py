"""No import cycles in the package or the benchmarks: every import counts, even a lazy or a
type-only one, because a cycle is a knot a maintainer has to hold in their head either way."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT


def _modules(folder: Path, prefix: str) -> dict[str, Path]:
    found = {}
    for path in folder.rglob("*.py"):
        parts = [prefix, *path.relative_to(folder).with_suffix("").parts] if prefix else \
            list(path.relative_to(folder).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Which of `modules` each one imports, anywhere in its file."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = ".".join(here[:len(here) - node.level + 1] + [node.module or ""] if node.level
                                else [node.module or ""]).strip(".")
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    deps.add(target if target in modules else base)
            elif isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_cycle():
    graph = import_graph(_modules(ROOT / "linter", "linter"))
    assert "linter.rule" in graph["linter.packs"] and "linter.languages" in graph["linter.config"]
    assert cycles(graph) == []


def test_the_benchmarks_have_no_import_cycle():
    graph = import_graph(_modules(ROOT / "benchmarks", ""))
    assert cycles(graph) == []


def test_a_cycle_is_seen():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
