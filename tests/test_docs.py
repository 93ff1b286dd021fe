"""The docs are tested: every command is helped and in the README, every field is described,
and the README's layout is the package's."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

import pytest
from pydantic import BaseModel

from generator.cli.main import build_parser
from generator.content import models
from generator.publish import opendata
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_the_command_list_is_not_empty() -> None:
    assert {"check", "build", "site", "serve", "scan", "new", "diff"} <= set(commands())


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli.main", name, "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith(f"usage: briefing {name}")
    example = done.stdout.split("example:\n", 1)
    assert len(example) == 2 and example[1].strip().startswith(f"briefing {name}"), done.stdout
    description = commands()[name].description or ""
    assert len(description) > 40, f"{name}: the help says too little: {description!r}"
    assert f"`briefing {name}" in README, f"the README's command table lacks briefing {name}"


def test_every_option_of_every_command_is_helped() -> None:
    for name, parser in commands().items():
        for action in parser._actions:
            if action.option_strings and action.dest != "help":
                assert action.help, f"briefing {name} {action.option_strings[0]} has no help"


def models_of(module: object) -> list[type[BaseModel]]:
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == getattr(module, "__name__", "")
    ]


@pytest.mark.parametrize("module", [models, opendata], ids=["content", "open data"])
def test_every_model_field_has_a_description(module: object) -> None:
    found = models_of(module)
    assert len(found) >= 5
    missing = [
        f"{model.__name__}.{name}"
        for model in found
        for name, info in model.model_fields.items()
        if not (info.description or "").strip()
    ]
    assert not missing, f"fields without a description: {missing}"


def layout_block() -> list[str]:
    return README.split("## Layout", 1)[1].split("```", 2)[1].splitlines()


def room_lines() -> dict[str, list[str]]:
    """Each room of the layout with the lines it holds (its own and those indented below)."""
    rooms: dict[str, list[str]] = {}
    current = None
    for line in layout_block():
        found = re.match(r"^  (\w+)/\s", line)
        if found:
            current = found[1]
            rooms[current] = []
        elif not line.startswith(" " * 16):
            current = None
        if current:
            rooms[current].append(line)
    return rooms


def test_the_readme_layout_names_every_room_of_the_package_and_nothing_else() -> None:
    rooms = {p.name for p in (ROOT / "generator").iterdir() if (p / "__init__.py").is_file()}
    assert set(room_lines()) == rooms


@pytest.mark.parametrize("room", sorted(room_lines()))
def test_each_room_lists_exactly_its_modules(room: str) -> None:
    listed = " ".join(room_lines()[room][1:]).split()
    modules = {p.stem for p in (ROOT / "generator" / room).glob("*.py")} - {"__init__"}
    assert sorted(listed) == sorted(modules), f"{room}/: the README lists {listed}"


def test_the_readme_layout_names_every_top_level_module() -> None:
    modules = {p.stem for p in (ROOT / "generator").glob("*.py")} - {"__init__", "__main__"}
    top = re.sub(r"\s+", " ", " ".join(layout_block()[:6]))
    missing = {m for m in modules if not re.search(rf"\b{m} \(", top)}
    assert not missing, f"top-level modules the README's layout lacks: {sorted(missing)}"
