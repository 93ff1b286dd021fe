"""Pinned installs: tests/constraints.txt pins every dependency, direct and indirect, at a
version pyproject's ranges allow, and the tests run on exactly those versions."""

from __future__ import annotations

import importlib.metadata as metadata
import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pins(name: str) -> dict[str, str]:
    """{distribution: version} from a constraints file."""
    found = {}
    for line in (ROOT / "tests" / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            dist, version = line.split("==")
            found[canonicalize_name(dist)] = version.strip()
    return found


EXTRAS = PROJECT["optional-dependencies"]


def declared() -> list[Requirement]:
    """The project's requirements, its import and test extras included."""
    names = [*PROJECT["dependencies"], *EXTRAS["import"], *EXTRAS["test"]]
    return [Requirement(r) for r in names]


def closure(requirements: list[Requirement]) -> set[str]:
    """Every distribution the requirements need, as installed here, recursively."""
    seen: set[str] = set()
    todo = list(requirements)
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen.add(name)
        for extra_req in metadata.requires(req.name) or []:
            inner = Requirement(extra_req)
            extras = [{"extra": e} for e in req.extras] or [{"extra": ""}]
            if inner.marker is None or any(inner.marker.evaluate(e) for e in extras):
                todo.append(inner)
    return seen


def test_every_declared_range_allows_its_pinned_version() -> None:
    pinned = pins("constraints.txt")
    for req in declared():
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} is declared but not pinned in tests/constraints.txt"
        assert req.specifier.contains(pinned[name], prereleases=True), (
            f"pyproject wants {req} but tests/constraints.txt pins {req.name}=={pinned[name]}"
        )


def test_every_dependency_direct_and_indirect_is_pinned_and_installed_at_its_pin() -> None:
    pinned = pins("constraints.txt")
    needed = closure(declared())
    missing = sorted(needed - set(pinned))
    assert not missing, f"dependencies tests/constraints.txt does not pin: {missing}"
    for name in sorted(needed):
        installed = metadata.version(name)
        assert installed == pinned[name], f"{name} {installed} is installed, pinned {pinned[name]}"


def test_every_third_party_package_the_code_imports_is_declared() -> None:
    imported = set()
    for path in (ROOT / "generator").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        imported |= set(re.findall(r"^\s*(?:from|import) ([a-z_][a-z0-9_]*)", text, re.M))
    top_level = metadata.packages_distributions()
    needed = {
        canonicalize_name(dist)
        for module in imported
        if module != "generator"
        for dist in top_level.get(module, [])
    }
    shipped = [*PROJECT["dependencies"], *EXTRAS["import"]]  # not the test tools
    names = {canonicalize_name(Requirement(r).name) for r in shipped}
    assert needed <= names, f"imported but undeclared: {sorted(needed - names)}"


def test_the_import_extra_names_lxml_html_clean_and_make_installs_it() -> None:
    names = {canonicalize_name(Requirement(r).name) for r in EXTRAS["import"]}
    assert {"trafilatura", "lxml-html-clean"} <= names
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-e '.[test,import]'" in makefile


def test_zensical_is_pinned_where_the_makefile_installs_it() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    version = re.search(r"^ZENSICAL_VERSION := (\S+)$", makefile, re.M)
    assert version and pins("constraints-zensical.txt")["zensical"] == version[1]
