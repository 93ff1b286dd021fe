"""Golden Markdown: every page kind of a small briefing, and the whole default briefing."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from generator.content.check import Settings
from generator.pipeline import build_pages
from generator.publish.render import relative_path
from tests.conftest import GOLDEN, assert_golden, remove_orphans
from tests.helpers import DEFAULT, MINIMAL, READER, VOLCANO


def pages_of(folders: tuple[Path, Path]) -> dict[str, str]:
    return build_pages(Settings(*folders)).pages


@pytest.mark.parametrize(
    "name,folders", [("minimal", MINIMAL), ("default", DEFAULT), ("reader", READER)]
)
def test_golden_pages(name: str, folders: tuple[Path, Path], update_golden: bool) -> None:
    pages = pages_of(folders)
    golden = GOLDEN / "pages" / name
    if not update_golden:
        expected = {p.relative_to(golden).as_posix() for p in golden.rglob("*.md")}
        assert set(pages) == expected, "the set of pages changed; run pytest --update-golden"
    for path, markdown in pages.items():
        assert_golden(golden / path, markdown, update_golden)
    remove_orphans(golden, "**/*.md", {golden / path for path in pages}, update_golden)


def test_every_page_kind_is_rendered() -> None:
    pages = pages_of(MINIMAL)
    for path in ("index.md", "estimates.md", "reactions.md", "questions.md", "timeline.md"):
        assert path in pages
    assert "sources/index.md" in pages and "sources/update.md" in pages
    assert "claims/damage.md" in pages and "methodology.md" in pages


def test_every_claim_has_one_anchor_on_its_home_page() -> None:
    pages = pages_of(DEFAULT)
    built = build_pages(Settings(*DEFAULT))
    for claim in built.view.claims.values():
        home = pages[claim.home]
        assert home.count("{#claim-" + claim.id + "}") == 1
        others = [p for path, p in pages.items() if path != claim.home]
        assert not any("{#claim-" + claim.id + "}" in p for p in others)


def test_citations_link_to_anchored_passages() -> None:
    built = build_pages(Settings(*DEFAULT))
    for claim in built.view.claims.values():
        for citation in claim.citations:
            page = built.pages[f"sources/{citation.source.id}.md"]
            assert f'id="{citation.anchor}"' in page


def test_second_briefing_renders_with_its_own_words() -> None:
    pages = pages_of(VOLCANO)
    text = "".join(pages.values())
    assert "Kestrel" in text
    assert "Korea" not in text


def test_pages_from_briefing_yml_set_order_titles_and_filters(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "b"
    shutil.copytree(MINIMAL[0].parent, root)
    with (root / "content" / "briefing.yml").open("a", encoding="utf-8") as handle:
        handle.write(
            "pages:\n  - kind: overview\n  - kind: estimates\n    title: Vessel counts\n"
            "    measures: [damaged]\n  - kind: timeline\n    title: Damage timeline\n"
            "    topics: [damage]\n"
        )
    built = build_pages(Settings(root / "content", root / "seeds"))
    assert [(p.kind, p.title, p.path) for p in built.view.pages] == [
        ("overview", "Overview", "index.md"),
        ("estimates", "Vessel counts", "estimates.md"),
        ("timeline", "Damage timeline", "timeline.md"),
    ]
    assert built.pages["estimates.md"].startswith("# Vessel counts")
    assert "reactions.md" not in built.pages


def test_relative_paths_match_posixpath() -> None:
    folders = ["", "a", "a/b", "claims", "claims/x", "claims/x/y", "sources", "ab"]
    pages = ["index.md", "a/p.md", "a/b/p.md", "ab/p.md", "claims/x.md", "claims/x/2024-01.md"]
    pages += ["claims/x/y/z.md", "claims/xy/p.md", "sources/s.md", "a/bb/p.md"]
    for folder in folders:
        for page in pages:
            assert relative_path(folder, page) == posixpath.relpath(page, folder or "."), (
                folder,
                page,
            )


# Words of the default briefing's story; the templates, shared by every briefing, use none.
DEFAULT_STORY = ("north korea", "pyongyang", "kursk", "soldier", "troops", "zelensky", "nis")


def test_no_template_speaks_of_the_default_briefing() -> None:
    from generator.resources import TEMPLATES

    found = [
        f"{path.name}: {word!r}"
        for path in TEMPLATES.glob("*.j2")
        for word in DEFAULT_STORY
        if re.search(rf"\b{word}", path.read_text(encoding="utf-8").lower())
    ]
    assert not found, found


# Names from the default briefing's story: no file the package ships (code, docstrings,
# schemas, theme) uses them, so nothing of that story reaches another briefing.
DEFAULT_NAMES = ("north korea", "pyongyang", "kursk", "zelensky", "kim jong", "kyiv", "nis")
TEXT_SUFFIXES = {".py", ".json", ".j2", ".html", ".css", ".js", ".yml", ".md"}


def test_nothing_the_package_ships_names_the_default_briefing() -> None:
    import generator
    from generator.resources import SITE_CONFIG, TEMPLATES, VENDOR

    shipped = {Path(generator.__file__).parent, TEMPLATES, SITE_CONFIG}
    files = {p for folder in shipped for p in folder.rglob("*") if VENDOR not in p.parents}
    found = [
        f"{path}: {word!r}"
        for path in sorted(files)
        if path.is_file() and path.suffix in TEXT_SUFFIXES
        for word in DEFAULT_NAMES
        if re.search(rf"\b{word}\b", path.read_text(encoding="utf-8").lower())
    ]
    assert not found, found


def test_a_hard_wrapped_text_shows_paragraphs_with_every_passage_marked_once() -> None:
    built = build_pages(Settings(*READER))
    page = built.pages["sources/gazette-levees.md"]
    article = page[page.index('<div class="bf-article">') :]
    assert article.count("<p>") == 4  # headline, byline, two paragraphs
    crossing = "the fire service said that 120 homes had been flooded"
    assert f'<mark class="bf-quote bf-q-fire-homes-120-0">{crossing}</mark>' in article
    for passage in built.view.sources["gazette-levees"].passages:
        assert article.count(f'id="{passage.anchor}"') == 1


def test_citations_of_one_publisher_and_date_differ() -> None:
    view = build_pages(Settings(*READER)).view
    labels = [s.label for s in view.sources.values()]
    assert len(set(labels)) == len(labels)
    default = build_pages(Settings(*DEFAULT)).view
    unknown = [s.label for s in default.sources.values() if s.source.publisher == "Unknown outlet"]
    assert len(unknown) == 3 and len(set(unknown)) == 3
