"""The tool as a user gets it: a built wheel, installed (not editable, with its `import`
extra) into a fresh venv, starts a briefing in an empty folder outside this repository,
imports a saved news page into it and builds it.

The wheel and its venv are made once per run (`installed` fixture); each step is one
command of the installed `briefing`, run from the briefing folder with no path into
this checkout, so a file found through the repository's folders rather than the
package fails here. More steps (another command run on the same folder) go in STEPS.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.process
# What a source tree of the package holds; nothing else of the checkout is copied.
SOURCE = ["generator", "templates", "site_config", "pyproject.toml", "README.md"]


@dataclass(frozen=True)
class Installed:
    """A fresh venv holding the built wheel, and a scratch folder outside the checkout."""

    venv: Path
    scratch: Path

    def briefing(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run the installed `briefing` in a folder, with no path into the checkout."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        return subprocess.run(
            [str(self.venv / "bin" / "briefing"), *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )


def pip(python: Path, *args: str) -> None:
    """Run pip; show what it said when it fails."""
    done = subprocess.run(
        [str(python), "-m", "pip", *args], capture_output=True, text=True, timeout=1200
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel from a copy of the sources, install it with the pinned dependencies."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in SOURCE:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(path, source / name)
    dist = work / "dist"
    pip(Path(sys.executable), "wheel", "--no-deps", "--quiet", "-w", str(dist), str(source))
    wheels = sorted(dist.glob("briefing_generator-*.whl"))
    assert len(wheels) == 1, wheels
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    constraints = str(ROOT / "tests" / "constraints.txt")
    wheel = f"{wheels[0]}[import]"  # with the extra `briefing import` needs
    pip(venv / "bin" / "python", "install", "--quiet", "-c", constraints, wheel)
    scratch = work / "scratch"
    scratch.mkdir()
    return Installed(venv, scratch)


def test_the_installed_package_holds_every_file_a_build_needs(installed: Installed) -> None:
    code = (
        "from generator import resources as r\n"
        "for p in (r.TEMPLATES, r.OVERRIDES, r.ASSETS, r.VENDOR, r.SCHEMAS):\n"
        "    print(p, len(list(p.rglob('*.*'))))\n"
    )
    done = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-c", code],
        cwd=installed.scratch,
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    for line in done.stdout.splitlines():
        folder, count = line.rsplit(" ", 1)
        assert Path(folder).is_relative_to(installed.venv), line
        assert int(count) > 0, line


# Each step: the command's arguments, and a text its standard output must hold.
# A saved news page, copied beside the briefing (outside the checkout) before the steps run.
PAGE = ROOT / "tests" / "fixtures" / "pages" / "gazette-ferry.html"
IMPORTED = "coastal-2025-03-14-ferry-capsizes-off-port"
STEPS: list[tuple[list[str], str]] = [
    (["check"], "ok: 6 claims, 1 sources, 2 measures, 1 questions; 0 warnings"),
    (["import", f"../{PAGE.name}"], f"imported source {IMPORTED}: 8 paragraphs"),
    (["check"], "ok: 6 claims, 2 sources, 2 measures, 1 questions; 0 warnings"),
    (["site"], "built site"),
    (["site", "--offline"], "built site-offline"),
]


def test_init_check_and_site_from_the_wheel(installed: Installed) -> None:
    folder = installed.scratch / "briefing"
    shutil.copy2(PAGE, installed.scratch / PAGE.name)
    done = installed.briefing("init", str(folder), cwd=installed.scratch)
    assert done.returncode == 0, done.stderr
    for args, expected in STEPS:
        done = installed.briefing(*args, cwd=folder)
        assert done.returncode == 0, f"briefing {' '.join(args)}:\n{done.stderr}"
        assert expected in done.stdout, done.stdout
    index = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert "River Amsel floods in Lindenau" in index
    assert (folder / "site" / "assets" / "briefing" / "briefing.css").is_file()
    assert (folder / "site-offline" / "index.html").is_file()
    source_page = folder / "site" / "sources" / "courier-2032-04-06" / "index.html"
    assert "about 2,700 residents had been evacuated" in source_page.read_text(encoding="utf-8")
    imported = folder / "site" / "sources" / IMPORTED / "index.html"
    assert "41 people were still missing" in imported.read_text(encoding="utf-8")
    assert (folder / "seeds" / "raw" / f"{IMPORTED}.html").read_bytes() == PAGE.read_bytes()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == [".gitignore"]
