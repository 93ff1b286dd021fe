"""Real MkDocs builds (--strict) through `briefing site`, and what they guarantee."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from generator.site.search import fragments
from tests.conftest import ROOT
from tests.helpers import DEFAULT, MINIMAL, TAMSIN, VOLCANO, mkdocs_config, tree_digest


def briefing(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("default")
    config = mkdocs_config(folder, *DEFAULT, name="North Korean troops in Russia")
    result = briefing("site", "--config", str(config), "--site-dir", str(folder / "site"))
    assert result.returncode == 0, result.stderr
    return folder / "site"


def test_default_briefing_builds_strictly(default_site: Path) -> None:
    assert (default_site / "index.html").is_file()
    assert (default_site / "estimates" / "index.html").is_file()
    html = (default_site / "claims" / "casualties" / "index.html").read_text(encoding="utf-8")
    assert 'id="claim-nis-killed-300"' in html


def test_search_index_keeps_figures_and_names(default_site: Path) -> None:
    """Pagefind's index holds each page's text as written: figures with their thousands
    separators, and names (the browser tests search them)."""
    text = " ".join(str(page["content"]) for page in fragments(default_site))
    words = set(re.split(r"[\s()]+", text))
    assert "2,700" in words
    assert "11,000" in words
    assert any(t.startswith("Zelensky") for t in words)
    assert any(t.startswith("Kursk") for t in words)
    theme = json.loads((default_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert theme["docs"] == [], "the theme's index, which a reader loads whole, holds nothing"


def test_search_index_holds_every_page_but_the_print_page(default_site: Path) -> None:
    locations = {str(page["url"]).lstrip("/") for page in fragments(default_site)}
    pages = {
        p.parent.relative_to(default_site).as_posix() + "/"
        for p in default_site.rglob("index.html")
        if p.parent != default_site and "search" not in p.parts and "assets" not in p.parts
    }
    # The print page repeats pages that are indexed on their own; searching it would find
    # every passage twice.
    assert "print/" in pages and "print/" not in locations
    assert pages - {"print/"} <= locations


def test_second_briefing_builds_with_no_change(tmp_path: Path) -> None:
    config = mkdocs_config(tmp_path, *VOLCANO, name="Mount Kestrel eruption")
    result = briefing("site", "--config", str(config), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "estimates" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Kestrel" in (tmp_path / "site" / "index.html").read_text()


def test_third_briefing_builds_with_relays_outliers_and_words(tmp_path: Path) -> None:
    config = mkdocs_config(tmp_path, *TAMSIN, name="River Tamsin floods")
    result = briefing("site", "--config", str(config), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    casualties = (site / "claims" / "casualties" / "index.html").read_text(encoding="utf-8")
    for claim in ("minister-dead-42", "venn-dead-150", "emo-dead-17", "emo-dead-42-again"):
        assert f'id="claim-{claim}"' in casualties
    estimates = (site / "estimates" / "index.html").read_text(encoding="utf-8")
    assert 'id="measure-dead-or-missing"' in estimates and "derived" in estimates
    section = estimates.split('id="measure-dead"', 1)[1].split('id="measure-missing"', 1)[0]
    dead = re.sub(r"<[^>]+>", "", section)
    # The minister relays the office's 42: one originator, shown with its relay.
    assert "Interior Minister Paul Aske, citing Lowmoor Emergency Management Office" in dead
    assert "42 deaths from 1 originator" in dead
    # The councillor's outlier is listed, marked, and kept out of the spread.
    assert "Disputed, so left out of the spread: at least 150" in dead
    assert "contested" not in dead
    # The office's 42 given again is reaffirmed, its 17 superseded.
    assert "reaffirms its figure of 12 Jun 2032" in dead and "reaffirmed later" in dead
    assert "earlier figure" not in dead and "superseded" in dead
    courier = (site / "sources" / "courier-2032-06-15" / "index.html").read_text(encoding="utf-8")
    # The quote runs over three lines of the hard-wrapped article, joined into its
    # paragraph: one mark holds it whole.
    marked = re.findall(r'<mark class="[^"]*bf-q-minister-dead-42-0[^"]*">([^<]*)</mark>', courier)
    assert len(marked) == 1
    assert " ".join(marked).startswith("Forty-two people have died in the floods")
    assert " ".join(marked).endswith("the provincial Emergency Management Office.")


def test_failed_build_leaves_previous_site_untouched(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "b"
    shutil.copytree(VOLCANO[0].parent, root)
    config = mkdocs_config(tmp_path, root / "content", root / "seeds")
    site = tmp_path / "site"
    assert briefing("site", "--config", str(config), "--site-dir", str(site)).returncode == 0
    before = tree_digest(site)
    claims = root / "content" / "claims" / "figures.yml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("quote:", "quote: x", 1))
    result = briefing("site", "--config", str(config), "--site-dir", str(site))
    assert result.returncode == 1
    assert "quote-not-found" in result.stderr and "nothing was written" in result.stderr
    assert tree_digest(site) == before
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]


def test_build_writes_only_changed_files(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    first = briefing("build", "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert " 0 unchanged" in first.stdout
    again = briefing("build", "--out", str(out))
    assert ": 0 written," in again.stdout and " 0 removed" in again.stdout
    (out / "stale.md").write_text("old")
    third = briefing("build", "--out", str(out))
    assert "0 written" in third.stdout and "1 removed" in third.stdout
    assert not (out / "stale.md").exists()


def test_built_files_are_readable_like_any_new_file(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    assert briefing("build", "--out", str(out)).returncode == 0
    umask = os.umask(0o022)
    os.umask(umask)
    modes = {stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*") if p.is_file()}
    assert modes == {0o666 & ~umask}


def test_edit_button_points_at_the_yaml_file(tmp_path: Path) -> None:
    config = mkdocs_config(tmp_path, *MINIMAL)
    text = config.read_text(encoding="utf-8").replace(
        f"seeds_dir: {MINIMAL[1]}",
        f"seeds_dir: {MINIMAL[1]}\n      edit_base: https://example.org/repo/edit/main/",
    )
    config.write_text(text, encoding="utf-8")
    result = briefing("site", "--config", str(config), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "claims" / "damage" / "index.html").read_text(encoding="utf-8")
    expected = "https://example.org/repo/edit/main/tests/fixtures/briefings/minimal/content/claims/"
    assert f'href="{expected}figures.yml"' in html
    source = (tmp_path / "site" / "sources" / "update" / "index.html").read_text(encoding="utf-8")
    assert f'href="{expected.replace("claims/", "")}sources.yml"' in source


def test_every_page_links_the_feed_in_its_head(default_site: Path) -> None:
    pages = [p for p in default_site.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        assert head.count('type="application/atom+xml"') == 1, page
    top = (default_site / "index.html").read_text(encoding="utf-8")
    assert 'rel="alternate" type="application/atom+xml"' in top and 'href="feed.xml"' in top
    deep = (default_site / "claims" / "casualties" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../feed.xml"' in deep
    missing = (default_site / "404.html").read_text(encoding="utf-8")
    assert 'href="/feed.xml"' in missing  # absolute there, never protocol-relative


def test_reader_briefing_in_git_builds_with_absolute_feed_links(tmp_path: Path) -> None:
    import shutil

    from tests.changes.test_diff import commit_all, git
    from tests.helpers import READER

    repo = tmp_path / "flood"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(READER[0].parent, repo, dirs_exist_ok=True)
    commit_all(repo, "First counts", "2031-03-02T20:00:00+00:00")
    claims = repo / "content" / "claims" / "homes.yml"
    claims.write_text("# Counts as of the evening.\n" + claims.read_text(encoding="utf-8"))
    commit_all(repo, "A comment only", "2031-03-03T08:00:00+00:00")
    config = mkdocs_config(repo, repo / "content", repo / "seeds", name="Valley flood")
    config.write_text(
        config.read_text(encoding="utf-8") + "site_url: https://example.org/flood/\n",
        encoding="utf-8",
    )
    result = briefing("site", "--config", str(config), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    head = (site / "sources" / "council" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/flood/feed.xml"' in head
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert (
        '<link rel="self" type="application/atom+xml" href="https://example.org/flood/feed.xml"/>'
        in feed
    )
    assert 'href="https://example.org/flood/whats-new/#changes-2031-03-02"' in feed
    page = unescape((site / "whats-new" / "index.html").read_text(encoding="utf-8"))
    assert "The river council counts 350 homes flooded after a survey." in page
    assert "A comment only" not in page + feed
    assert 'href="../claims/flooding/#claim-council-homes-350"' in page
    assert page.count('id="changes-') == 1


def test_briefing_site_checks_the_content_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import pipeline
    from generator.cli import main as cli
    from generator.content import check as checking

    calls: list[object] = []

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args[0])
        return checking.check(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "check", counted)
    monkeypatch.setattr(pipeline, "check", counted)
    monkeypatch.setenv("BRIEFING_CORES", "1")
    config = mkdocs_config(tmp_path, *MINIMAL)
    site = tmp_path / "site"
    assert cli.main(["site", "-q", "--config", str(config), "--site-dir", str(site)]) == 0
    assert len(calls) == 1, "the plugin checked the content the command had checked"
    assert (site / "claims" / "damage" / "index.html").exists()
