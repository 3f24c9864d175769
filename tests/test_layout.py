"""The house: stage subpackages in flow order, imports that point down the flow only, no import cycles
(function-level imports included), few loose modules, and no module over 600 lines without a reason."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "framing"
#: The flow, lowest first. Top-level modules shared by every stage sit below it; ``cli`` and the
#: package ``__init__`` sit above it.
FLOW = ["read", "extract", "label", "measure", "run", "report", "teach"]
SHARED = {"_version", "exceptions", "htmlpage", "lexicon", "palette"}
TOP = {"framing", "framing.cli", "framing.__main__"}
#: report and teach both read a finished analysis; neither imports the other.
SIBLINGS = {("report", "teach"), ("teach", "report")}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every framing module ``path`` imports, at module level or inside functions."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    modules = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # "from . import metrics" imports a module
                if f"{target}.{alias.name}" in modules:
                    found.add(f"{target}.{alias.name}")
            if target in modules:
                found.add(target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
    return found - {name}


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in FLOW else None


def test_the_import_graph_is_read_from_function_level_imports_too():
    graph = _graph()
    assert "framing.run.distributed" in graph["framing.run.analysis"]  # imported inside a function only
    assert "framing.measure.metrics" in graph["framing.run.analysis"]  # "from ..measure import metrics"


def test_no_import_cycles():
    graph, state, cycles = _graph(), {}, []

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert cycles == []


def test_imports_point_down_the_flow():
    upward = []
    for module, targets in _graph().items():
        here = _stage(module)
        for target in targets:
            there = _stage(target)
            if module.rsplit(".", 1)[-1] in SHARED and target not in {f"framing.{s}" for s in SHARED}:
                upward.append((module, target))  # shared modules import no stage
            elif here and there and (FLOW.index(there) > FLOW.index(here) or (here, there) in SIBLINGS):
                upward.append((module, target))
            elif here and target in TOP:
                upward.append((module, target))
    assert upward == []


def test_few_loose_modules():
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= 8, loose
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(FLOW)


@pytest.mark.parametrize("stage", FLOW)
def test_each_stage_says_what_it_takes_and_gives(stage):
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
    assert doc and " in, " in doc.splitlines()[0] and "out" in doc.splitlines()[0]


def test_no_module_over_600_lines_and_long_ones_say_why():
    for path in PACKAGE.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 600, path
        if lines > 500:
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            assert "lines" in doc, f"{path} has {lines} lines and its docstring does not say why"
