"""Generated pages' HTML blocks: set aside while Markdown converts, their links MkDocs' own."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.content.check import Settings
from generator.pipeline import build_pages
from generator.publish import escape
from generator.site.htmlblocks import SetAside, with_block_links
from tests.helpers import DEFAULT, HOSTILE, VOLCANO


def site(tmp_path: Path, directory_urls: bool = True) -> tuple[MkDocsConfig, Files]:
    """A config and the generated files of a small site."""
    config = MkDocsConfig()
    config.load_dict(
        {"site_name": "x", "docs_dir": str(tmp_path), "use_directory_urls": directory_urls}
    )
    errors, _ = config.validate()
    assert not errors
    paths = ("index.md", "claims/a.md", "sources/s1.md")
    return config, Files(
        [File(p, str(tmp_path), str(tmp_path / "site"), directory_urls) for p in paths]
    )


def page_of(config: MkDocsConfig, files: Files, path: str) -> Page:
    """A page of the site, with MkDocs' record of links to anchors as render() leaves it."""
    file = files.get_file_from_path(path)
    assert file is not None
    page = Page(None, file, config)
    page.links_to_anchors = {}
    return page


def test_links_become_urls_and_their_anchors_are_checked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config, files = site(tmp_path)
    page = page_of(config, files, "claims/a.md")
    html = with_block_links(
        '<p><a href="../sources/s1.md#q-1">S1</a> <a href="#claim-b">b</a> '
        '<a href="../index.md">home</a> <a href="https://example.org/x.md">x</a></p>',
        page,
        files,
    )
    assert html == (
        '<p><a href="../../sources/s1/#q-1">S1</a> <a href="#claim-b">b</a> '
        '<a href="../../">home</a> <a href="https://example.org/x.md">x</a></p>'
    )
    source = files.get_file_from_path("sources/s1.md")
    assert page.links_to_anchors == {
        source: {"q-1": "../sources/s1.md#q-1"},
        page.file: {"claim-b": "#claim-b"},
    }
    # MkDocs checks the recorded anchors against the pages' ids once all are rendered.
    target = page_of(config, files, "sources/s1.md")
    source.page = target
    page.file.page = page
    target.present_anchor_ids = {"q-2"}
    page.present_anchor_ids = {"claim-b"}
    with caplog.at_level(logging.WARNING):
        page.validate_anchor_links(files=files, log_level=logging.WARNING)
    assert "does not contain an anchor '#q-1'" in caplog.text


def test_a_link_to_no_page_is_a_warning_that_fails_a_strict_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config, files = site(tmp_path, directory_urls=False)
    page = page_of(config, files, "sources/s1.md")
    with caplog.at_level(logging.WARNING):
        html = with_block_links('<a href="../claims/gone.md#c">gone</a>', page, files)
    assert html == '<a href="../claims/gone.md#c">gone</a>'
    assert "the target 'claims/gone.md' is not found" in caplog.text
    assert caplog.records[-1].name.startswith("mkdocs.")  # counted by --strict


def converted(markdown: str) -> str:
    """Markdown to HTML with the extensions mkdocs.yml enables."""
    return Markdown(extensions=["attr_list", "tables", "toc"]).convert(markdown)


def between_tags(html: str) -> str:
    """HTML without the line breaks between tags (the only difference setting aside makes)."""
    return re.sub(r">\n+<", "><", html)


@pytest.mark.parametrize(
    "folders", [DEFAULT, HOSTILE, VOLCANO], ids=["default", "hostile", "volcano"]
)
def test_setting_blocks_aside_converts_every_page_as_markdown_would(
    folders: tuple[Path, Path],
) -> None:
    page = Page.__new__(Page)
    for path, markdown in build_pages(Settings(*folders)).pages.items():
        aside = SetAside()
        taken = aside.take(path, markdown)
        page.file = File(path, "/docs", "/site", True)
        page.present_anchor_ids = set()
        html = aside.put_back(page, converted(taken))
        assert between_tags(html) == between_tags(converted(markdown)), path
        assert "bf-html-block-" not in html


def test_blocks_are_whole_chunks_of_tag_lines_and_their_ids_become_anchors() -> None:
    markdown = (
        "# T {#t}\n\n<p>a</p>\n<blockquote>\n<p>q</p>\n</blockquote>\n\n"
        '<span class="x">inline</span> text\n\n<p>b</p>\nnot a tag line\n\n'
        '<div class="bf-article">\n<p><span id="q-1"></span>x</p>\n</div>\n'
    )
    aside = SetAside()
    taken = aside.take("s.md", markdown)
    assert taken == (
        "# T {#t}\n\nbf-html-block-0\n\n"
        '<span class="x">inline</span> text\n\n<p>b</p>\nnot a tag line\n\nbf-html-block-1\n'
    )
    page = Page.__new__(Page)
    page.file = File("s.md", "/docs", "/site", True)
    page.present_anchor_ids = {"t"}
    html = aside.put_back(page, converted(taken))
    assert page.present_anchor_ids == {"t", "q-1"}
    assert '<div class="bf-article">\n<p><span id="q-1"></span>x</p>\n</div>' in html


@given(st.text())
def test_content_never_writes_a_stand_in(text: str) -> None:
    for escaped in (escape.md(text), escape.literal(text), escape.inline(text)):
        assert "bf-html-block-" not in escaped
