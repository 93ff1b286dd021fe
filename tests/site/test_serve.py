"""`mkdocs serve` with the plugin: edits show up without a restart; bad edits do not stop it."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main as cli
from generator.cli.main import serve_temp_folder
from generator.site.search import fragments
from tests.browser.harness import DESKTOP
from tests.conftest import ROOT
from tests.helpers import MINIMAL, VOLCANO, mkdocs_config, tree_digest
from tests.site.test_browser import browser, search  # noqa: F401 - browser is a fixture


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = fetch(url)
        if needle in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear at {url} within {timeout}s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "b"
    shutil.copytree(MINIMAL[0].parent, root)
    config = mkdocs_config(tmp_path, root / "content", root / "seeds")
    port = free_port()
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    command = [sys.executable, "-m", "generator", "serve", "--config", str(config)]
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
        )
        try:
            yield root, f"http://127.0.0.1:{port}/"
            served_in = list(temp.glob("briefing-serve-*/mkdocs_*"))
            assert served_in, "the served site goes where TMPDIR says"
        finally:
            process.terminate()
            process.wait(timeout=30)
        assert list(temp.iterdir()) == [], "a stopped server leaves its temporary site"


def test_editing_a_claim_updates_the_served_page(served: tuple[Path, str]) -> None:
    root, url = served
    page = wait_for(url + "claims/damage/", "40 damaged vessels")
    assert "41 damaged vessels" not in page
    claims = root / "content" / "claims" / "figures.yml"
    claims.write_text(claims.read_text().replace("counts 40 damaged", "counts 41 damaged"))
    wait_for(url + "claims/damage/", "41 damaged vessels")


def test_a_bad_edit_keeps_serving_and_recovers(served: tuple[Path, str]) -> None:
    root, url = served
    wait_for(url + "claims/damage/", "40 damaged vessels")
    claims = root / "content" / "claims" / "figures.yml"
    good = claims.read_text()
    claims.write_text(good.replace("status: disputed", "status: disputd"))
    page = wait_for(url + "claims/damage/", "The content has errors")
    assert "bad-enum" in page and "40 damaged vessels" in page
    claims.write_text(good.replace("counts 40 damaged", "counts 42 damaged"))
    page = wait_for(url + "claims/damage/", "42 damaged vessels")
    assert "The content has errors" not in page


def test_a_save_rebuilds_only_changed_pages_and_search_stays_whole(
    served: tuple[Path, str],
) -> None:
    root, url = served
    wait_for(url + "claims/damage/", "40 damaged vessels")
    claims = root / "content" / "claims" / "figures.yml"
    claims.write_text(claims.read_text().replace("counts 40 damaged", "counts 43 damaged"))
    wait_for(url + "claims/damage/", "43 damaged vessels")
    log = (root.parent / "serve.log").read_text()
    counts = re.findall(r"(\d+) of (\d+) generated pages unchanged", log)
    assert counts[0][0] == "0", "the first build has nothing to reuse"
    reused, total = (int(n) for n in counts[-1])
    assert 0 < reused < total, log
    # Pagefind indexes the served site in the background after each build: the saved
    # statement is searchable once that is done, and every page stays in the index.
    [site] = (root.parent / "temp").glob("briefing-serve-*/mkdocs_*")
    deadline = time.monotonic() + 120
    texts = ""
    while "43 damaged vessels" not in texts and time.monotonic() < deadline:
        time.sleep(0.2)
        with contextlib.suppress(OSError, ValueError):
            pages = {str(p["url"]): str(p["content"]) for p in fragments(site)}
            texts = " ".join(pages.values())
    assert "43 damaged vessels" in texts and "40 damaged vessels" not in texts
    for page in ("", "claims/damage/", "sources/", "sources/update/", "methodology/"):
        assert f"/{page}" in pages, page
    assert "pagefind_version" in fetch(url + "pagefind/pagefind.js"), "Pagefind is not served"


@pytest.fixture
def serving_plugin() -> Iterator[None]:
    """Builds in this process act as `mkdocs serve` does; afterwards as `mkdocs build`."""
    yield
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)


def serve_build(config_file: Path, site: Path) -> Any:
    """Build as `mkdocs serve` rebuilds after a save (same process, plugin kept)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    return config.plugins["briefing"]


def fresh_build(config_file: Path, site: Path) -> None:
    """Build from nothing, in a new process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site)],
        env=env,
        check=True,
    )


@pytest.mark.usefixtures("serving_plugin")
def test_rebuilds_that_reuse_pages_equal_fresh_builds(tmp_path: Path) -> None:
    root = tmp_path / "b"
    shutil.copytree(VOLCANO[0].parent, root)
    config = mkdocs_config(tmp_path, root / "content", root / "seeds")
    claims = root / "content" / "claims" / "figures.yml"
    serve_build(config, tmp_path / "served")
    edits = [
        # a statement and a figure: most pages are reused
        ("began erupting at 02:40", "began erupting at 02:41"),
        ("value: 8700", "value: 8700\n  qualifier: about"),
        # a new topic changes the navigation of every page: nothing is reused
        ("topic: evacuation", "topic: shelter"),
    ]
    for n, (old, new) in enumerate(edits):
        assert old in claims.read_text()
        claims.write_text(claims.read_text().replace(old, new, 1))
        plugin = serve_build(config, tmp_path / "served")
        assert plugin.background_index.settled(120), "the served site was not indexed"
        fresh_build(config, tmp_path / f"fresh-{n}")
        assert tree_digest(tmp_path / "served") == tree_digest(tmp_path / f"fresh-{n}")
        reused = len(plugin.cache.reused)
        if n < 2:
            assert 0 < reused < len(plugin.cache.keys)
        else:
            assert reused == 0


@pytest.mark.usefixtures("serving_plugin")
def test_rebuilds_after_a_template_and_a_theme_override_change_equal_fresh_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import pipeline
    from generator.site import plugin as plugin_module

    root = tmp_path / "b"
    shutil.copytree(VOLCANO[0].parent, root)
    templates = shutil.copytree(ROOT / "templates", tmp_path / "templates")
    overrides = shutil.copytree(ROOT / "site_config" / "overrides", tmp_path / "overrides")
    monkeypatch.setattr(pipeline, "TEMPLATES", templates)
    monkeypatch.setattr(plugin_module, "OVERRIDES", overrides)
    config = mkdocs_config(tmp_path, root / "content", root / "seeds")
    serve_build(config, tmp_path / "served")
    edits = [
        (templates / "source.md.j2", "## Claims citing this source", "## Claims that cite it"),
        (overrides / "main.html", "<title>{{ page.title", "<title>Edited: {{ page.title"),
    ]
    for n, (path, old, new) in enumerate(edits):
        assert old in path.read_text(encoding="utf-8"), path
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        serve_build(config, tmp_path / "served")
        # the fresh build reads the same edited templates, in this process
        fresh = tmp_path / f"fresh-{n}"
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(str(config), site_dir=str(fresh)))
        assert tree_digest(tmp_path / "served") == tree_digest(fresh)
        shown = "".join(p.read_text(encoding="utf-8") for p in fresh.rglob("*.html"))
        assert new.split("{{")[0].removeprefix("## ") in shown, path.name


def test_a_served_site_goes_to_memory_when_it_has_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert serve_temp_folder({"TMPDIR": "/elsewhere"}, tmp_path) == "/elsewhere"
    assert serve_temp_folder({}, tmp_path / "missing") is None
    monkeypatch.setattr(cli, "MEMORY_NEEDED", 1)
    assert serve_temp_folder({}, tmp_path) == str(tmp_path)
    monkeypatch.setattr(cli, "MEMORY_NEEDED", 2**62)
    assert serve_temp_folder({}, tmp_path) is None


def ignoring_sigint() -> None:
    """Start as a script's background job starts: with SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def wait_for_line(log: Path, line: str, count: int = 1, timeout: float = 300) -> None:
    """Wait until a log holds a line `count` times."""
    deadline = time.monotonic() + timeout
    while log.read_text(encoding="utf-8").count(line) < count:
        assert time.monotonic() < deadline, f"{line!r} not logged:\n{log.read_text()}"
        time.sleep(0.05)


@pytest.mark.parametrize("phase", ["first build", "rebuild after a save"])
def test_sigint_stops_the_server_mid_build_even_when_started_ignoring_it(
    tmp_path: Path, phase: str
) -> None:
    from bench.synth import write_briefing

    root = tmp_path / "b"
    write_briefing(root, 40, 400)  # large enough that a build takes a while
    config = mkdocs_config(tmp_path, root / "content", root / "seeds")
    temp, log = tmp_path / "temp", tmp_path / "serve.log"
    temp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    command = [sys.executable, "-m", "generator", "serve", "--config", str(config)]
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{free_port()}"],
            env=env,
            stdout=out,
            stderr=out,
            preexec_fn=ignoring_sigint,
        )
    try:
        if phase == "rebuild after a save":
            wait_for_line(log, "Serving on")
            claims = sorted((root / "content" / "claims").glob("*.yml"))[0]
            claims.write_text(claims.read_text().replace("statement: ", "statement: Now ", 1))
        wait_for_line(log, "Building documentation", 2 if phase.startswith("rebuild") else 1)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    finally:
        process.kill()
        process.wait()
    # The server must stop; whether the build under way finished first depends on how fast
    # the machine is, so at most that one build may have completed.
    built = log.read_text().count("Documentation built")
    before = 1 if phase.startswith("rebuild") else 0
    assert built in (before, before + 1), "no build runs after the signal"
    assert "Traceback" not in log.read_text(), "the server stops without a traceback"
    assert not list(temp.glob("mkdocs_*")), "the served site's temporary folder is removed"


def test_search_under_serve_finds_a_saved_statement(
    served: tuple[Path, str],
    browser: Any,  # noqa: F811 - the fixture of the browser tests
) -> None:
    """A page opened before a save searches the index made after it: the worker loads the
    new index when the one it holds is replaced under it."""
    root, url = served
    wait_for(url + "pagefind/pagefind-entry.json", "version")
    context = browser.new_context(viewport=DESKTOP)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "claims/damage/", wait_until="load")
        assert "claims/damage/" in " ".join(search(page, "vessels"))
        claims = root / "content" / "claims" / "figures.yml"
        text = claims.read_text()
        claims.write_text(text.replace("counts 40 damaged vessels", "counts 40 quayside vessels"))
        deadline = time.monotonic() + 120
        found: list[str] = []
        while not any("claims/damage/" in h for h in found) and time.monotonic() < deadline:
            box = page.locator("input.md-search__input")
            box.fill("")
            box.press("Backspace")  # the theme reads the box on key presses
            page.keyboard.type("quayside", delay=15)
            with contextlib.suppress(Exception):  # no result for the whole word yet
                page.wait_for_function(QUAYSIDE_LISTED, timeout=5_000)
            found = page.eval_on_selector_all(
                ".md-search-result__item a", "els => els.map(e => e.href)"
            )
            time.sleep(0.5)
        assert any("claims/damage/" in href for href in found), found
        assert not errors
    finally:
        context.close()


# The results listed are those of the whole word (the theme marks it in each link).
QUAYSIDE_LISTED = (
    "() => [...document.querySelectorAll('.md-search-result__item a')]"
    ".some(a => a.href.includes('h=quayside'))"
)
