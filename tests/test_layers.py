"""The house's rules: each room imports only the rooms below it, and nothing imports in a cycle."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"

# What each room may import (besides itself); the first line of each room's
# __init__.py says the same in words.
BASE = {"errors", "report", "resources", "write"}
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "write": set(),
    "resources": set(),
    "report": {"errors"},
    "speed": set(),
    "content": BASE | {"speed"},
    "view": BASE | {"speed", "content"},
    "publish": BASE | {"speed", "content", "view"},
    "changes": BASE | {"speed", "content", "view", "publish"},
    "pipeline": BASE | {"speed", "content", "view", "publish", "changes"},
    "site": BASE | {"speed", "content", "view", "publish", "changes", "pipeline"},
    "cli": BASE | {"speed", "content", "view", "publish", "changes", "pipeline", "site"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every generator module a file imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("generator")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
            module = node.module or ""
            for alias in node.names:  # `from generator.publish import escape` names a module
                candidate = f"{module}.{alias.name}"
                is_module = (ROOT / Path(*candidate.split("."))).with_suffix(".py").exists()
                found.add(candidate if is_module else module)
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def room(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "generator"


def test_every_module_lives_in_a_known_room() -> None:
    rooms = {room(m) for m in graph()} - {"generator", "__main__"}
    assert rooms <= set(ALLOWED), rooms - set(ALLOWED)


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_a_room_imports_only_the_rooms_below_it(name: str) -> None:
    wrong = {
        f"{module} imports {target}"
        for module, targets in graph().items()
        if room(module) == name
        for target in targets
        if room(target) not in ALLOWED[name] | {name, "generator"}
    }
    assert not wrong, sorted(wrong)


def test_no_module_imports_in_a_cycle() -> None:
    modules = graph()
    sorter = graphlib.TopologicalSorter({m: deps & set(modules) for m, deps in modules.items()})
    try:
        sorter.prepare()
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")
