"""The project's import graph, read from the source with ``ast``: what import-linter's
contracts (``[tool.importlinter]`` in pyproject.toml, run by ``make test``) cannot say.

1. No import cycles between the project's modules (governance, db, templates, ui, main).
   Every import counts, wherever it is: at the top, inside a function, under
   ``if TYPE_CHECKING:``, in a ``try``.
2. No project module imported inside a function: a cycle is broken by moving code, not by
   hiding an import where the module's reader does not look.

A failure lists every cycle and every import at fault with its file and line.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("governance", "db", "templates", "ui")
MODULES = ("main",)


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the project module imported
    path: Path
    line: int
    in_function: bool

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def project_modules() -> dict[str, Path]:
    """Module name -> file, for every module of the project's packages and main.py."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    for module in MODULES:
        found[module] = ROOT / f"{module}.py"
    return found


def _is_package(module: str, modules: dict[str, Path]) -> bool:
    return modules[module].name == "__init__.py"


def _resolve(module: str, node: ast.ImportFrom, modules: dict[str, Path]) -> str:
    """The absolute name a ``from ... import`` names (relative ones resolved)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not _is_package(module, modules):
        base = base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _targets(name: str, modules: dict[str, Path], source: str) -> list[str]:
    """The project modules an import of ``name`` runs: the module and the packages above
    it (their ``__init__``), but not the packages the importer is itself in."""
    out = []
    parts = name.split(".")
    for i in range(1, len(parts) + 1):
        candidate = ".".join(parts[:i])
        if candidate in modules and candidate != source and \
                not source.startswith(candidate + "."):
            out.append(candidate)
    return out


class _Imports(ast.NodeVisitor):
    def __init__(self, module: str, path: Path, modules: dict[str, Path]):
        self.module, self.path, self.modules = module, path, modules
        self.depth = 0
        self.found: list[Import] = []

    def _function(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def _add(self, targets: list[str], node: ast.stmt) -> None:
        for target in targets:
            self.found.append(Import(self.module, target, self.path, node.lineno,
                                     self.depth > 0))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(_targets(alias.name, self.modules, self.module), node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = _resolve(self.module, node, self.modules)
        targets = _targets(base, self.modules, self.module)
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            if sub in self.modules and sub != self.module:  # ``from governance import audit``
                targets.append(sub)
        self._add(list(dict.fromkeys(targets)), node)


def imports() -> list[Import]:
    modules = project_modules()
    out: list[Import] = []
    for module, path in modules.items():
        visitor = _Imports(module, path, modules)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        out.extend(visitor.found)
    return out


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components with more than one module (or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def simple_cycles(graph: dict[str, set[str]], component: list[str],
                  limit: int = 25) -> list[list[str]]:
    """Up to ``limit`` elementary cycles within a component, each from its smallest module."""
    members = set(component)
    cycles: list[list[str]] = []

    def walk(path: list[str], allowed: set[str]) -> None:
        for w in sorted(graph.get(path[-1], set()) & allowed):
            if len(cycles) >= limit:
                return
            if w == path[0]:
                cycles.append([*path, w])
            elif w not in path:
                walk([*path, w], allowed)

    for start in sorted(members):
        walk([start], {m for m in members if m >= start})
    return cycles


def cycle_report(found: list[Import]) -> list[str]:
    graph: dict[str, set[str]] = defaultdict(set)
    where: dict[tuple[str, str], list[str]] = defaultdict(list)
    for i in found:
        graph[i.source].add(i.target)
        where[(i.source, i.target)].append(i.where)
    lines = []
    for component in strongly_connected(graph):
        lines.append(f"cycle among {', '.join(component)}:")
        for cycle in simple_cycles(graph, component):
            lines.append("  " + " -> ".join(cycle))
            for a, b in zip(cycle, cycle[1:]):
                lines.append(f"    {a} -> {b} at {', '.join(where[(a, b)])}")
    return lines


def test_the_graph_is_read() -> None:
    """The reader finds what it must (so an empty report means something)."""
    found = imports()
    edges = {(i.source, i.target) for i in found}
    assert ("main", "db.sqlite_store") in edges
    assert ("governance.decisions", "governance.audit") in edges  # from governance import audit
    assert ("db.sqlite_store", "governance.ports") in edges
    assert len({i.source for i in found}) > 50


def test_the_reader_sees_every_kind_of_import(tmp_path: Path) -> None:
    source = '''
from __future__ import annotations
from typing import TYPE_CHECKING
from . import audit
from .ports import Store
import governance.desk as d
if TYPE_CHECKING:
    from db.sqlite_store import SqliteStore
try:
    import templates.renderer
except ImportError:
    pass

def late():
    from ui import app
    class Inner:
        def method(self):
            import main
    return lambda: __import__("os")
'''
    modules = project_modules()
    path = ROOT / "governance" / "decisions.py"
    visitor = _Imports("governance.decisions", path, modules)
    visitor.visit(ast.parse(source))
    got = [(i.target, i.line, i.in_function) for i in visitor.found]
    assert got == [
        ("governance.audit", 4, False), ("governance.ports", 5, False),
        ("governance.desk", 6, False), ("db", 8, False), ("db.sqlite_store", 8, False),
        ("templates", 10, False), ("templates.renderer", 10, False),
        ("ui", 15, True), ("ui.app", 15, True), ("main", 18, True)]


def test_no_import_cycles() -> None:
    report = cycle_report(imports())
    assert not report, "import cycles between the project's modules:\n" + "\n".join(report)


def test_no_project_import_inside_a_function() -> None:
    hidden = sorted({(i.where, i.target) for i in imports() if i.in_function})
    assert not hidden, ("project modules imported inside a function (import them at the top"
                        " of the module; break a cycle by moving code):\n"
                        + "\n".join(f"  {w}: {t}" for w, t in hidden))


def test_a_cycle_is_reported_with_where_each_import_is() -> None:
    here = ROOT / "governance" / "x.py"
    found = [Import("a", "b", here, 3, False), Import("b", "c", here, 4, False),
             Import("c", "a", here, 5, True), Import("b", "a", here, 6, False),
             Import("d", "a", here, 7, False)]
    assert cycle_report(found) == [
        "cycle among a, b, c:",
        "  a -> b -> a",
        "    a -> b at governance/x.py:3", "    b -> a at governance/x.py:6",
        "  a -> b -> c -> a",
        "    a -> b at governance/x.py:3", "    b -> c at governance/x.py:4",
        "    c -> a at governance/x.py:5"]
