"""The package's layout, read from its own imports: no module reaches back up to a module
that imports it (no cycle, even through imports inside functions), and scoring never
imports the evaluation and fitting code in ``evaluation/``."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mtaudit"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> dict[str, bool]:
    """mtaudit modules imported by a file, each with whether some import of it sits at the
    top level (False: only inside functions)."""
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    found: dict[str, bool] = {}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            if name in modules:
                found[name] = found.get(name, False) or id(node) in top_level
    return found


def import_graph() -> dict[str, dict[str, bool]]:
    return {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py")}


def cycles(graph: dict[str, dict[str, bool]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm). A package's
    ``__init__`` importing its own modules is not a cycle."""
    edges = {m: [t for t in targets if not t.startswith(m + ".")] for m, targets in graph.items()}
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, []):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_no_module_imports_one_that_imports_it():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_sees_a_cycle_through_a_function_level_import():
    assert cycles({"a": {"b": True}, "b": {"c": False}, "c": {"a": False}, "d": {"a": True}}) == [["a", "b", "c"]]


def test_scoring_never_imports_the_evaluation_code():
    """Only the command line's ``eval`` command reaches into ``evaluation/``, from inside
    the function that runs it, so ``mtaudit score`` never loads it."""
    for module, targets in import_graph().items():
        if module.startswith("mtaudit.evaluation"):
            continue
        reached = {t: top for t, top in targets.items() if t.startswith("mtaudit.evaluation")}
        if module == "mtaudit.cli.evaluate":
            assert not any(reached.values()), "the eval command may import evaluation/ only inside its function"
        else:
            assert not reached, f"{module} imports {sorted(reached)}"
