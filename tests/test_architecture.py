"""The package's layers: stages never import the batch machinery or the evaluation, and no
module imports another that (directly or not) imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pipeline

PACKAGE = Path(pipeline.__file__).parent
LAYERS = {
    "pipeline.core": 0, "pipeline.language": 0, "pipeline.settings": 0,
    "pipeline.output": 1,
    "pipeline.stages": 2,
    "pipeline.run": 3,
    "pipeline.batch": 4, "pipeline.evaluation": 4,
    "pipeline.cli": 5, "pipeline.testing": 5, "pipeline.__main__": 6,
}
"""Each part of the package, and its layer: a module imports only from layers below its own
(and from its own part)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its code (inside functions too),
    leaving out imports made for type checking only."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in MODULES}
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(package, node.module, node.level)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in MODULES else base)
    return {module for module in found if module in MODULES and module != name}


def _resolve(package: str, module: str | None, level: int) -> str:
    if not level:
        return module or ""
    base = package.split(".")[: len(package.split(".")) - level + 1]
    return ".".join(base + ([module] if module else []))


def _runtime_nodes(tree: ast.AST):
    """Every node, except the bodies of ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def layer_of(name: str) -> tuple[str, int] | None:
    for part, layer in LAYERS.items():
        if name == part or name.startswith(part + "."):
            return part, layer
    return None


GRAPH = {name: imports_of(name) for name in MODULES}


def test_every_module_belongs_to_a_layer():
    assert [name for name in MODULES if name != "pipeline" and layer_of(name) is None] == []


@pytest.mark.parametrize("name", sorted(name for name in MODULES if name.startswith("pipeline.stages")))
def test_stages_never_import_batch_evaluation_or_the_runner(name):
    forbidden = ("pipeline.batch", "pipeline.evaluation", "pipeline.run", "pipeline.cli")
    assert sorted(module for module in GRAPH[name] if module.startswith(forbidden)) == []


def test_modules_import_only_from_lower_layers_or_their_own_part():
    upward = []
    for name, imported in GRAPH.items():
        if name == "pipeline":
            continue
        part, layer = layer_of(name)
        for module in imported:
            if module == "pipeline":  # the package's version
                continue
            other_part, other_layer = layer_of(module)
            if other_part != part and other_layer >= layer:
                upward.append(f"{name} -> {module}")
    assert upward == []


def test_no_import_cycles():
    assert find_cycle(GRAPH) is None


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as a list of its nodes, or None when it has none.

    >>> find_cycle({"a": {"b"}, "b": {"a"}}), find_cycle({"a": {"b"}, "b": set()})
    (['a', 'b', 'a'], None)
    """
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for child in sorted(graph.get(node, ())):
            if state.get(child) == "open":
                return path[path.index(child):] + [child]
            if child not in state and (cycle := visit(child)):
                return cycle
        state[node] = "done"
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_public_api_is_re_exported_from_the_package():
    from pipeline import STAGES, Document, PdfError, Settings, process_pdf  # noqa: F401
    from pipeline.batch import BatchConfig, run_batch  # noqa: F401
