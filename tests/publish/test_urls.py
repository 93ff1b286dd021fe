"""The links of HTML blocks: generated .md paths written as the URLs MkDocs would make."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from generator.publish import escape
from generator.publish.urls import PAGE_HREF, final_links, page_url, relative_url

URLS = ["", "a/", "a/b/", "a/b.html", "x.html", "a/index.html", "a/b/c/", "a/b/c.html", "s/s1/"]


def test_relative_url_is_mkdocs_own() -> None:
    for url, other in itertools.product(URLS, URLS):
        assert relative_url(url, other) == get_relative_url(url, other), (url, other)


def test_page_urls_are_mkdocs_own(tmp_path: Path) -> None:
    paths = ["index.md", "README.md", "claims/index.md", "claims/x.md", "a/b/README.md", "y.md"]
    for path, directory_urls in itertools.product(paths, (True, False)):
        file = File(path, str(tmp_path), str(tmp_path / "site"), directory_urls)
        assert page_url(path, directory_urls) == file.url, (path, directory_urls)


def test_final_links_rewrite_only_links_to_generated_pages() -> None:
    text = (
        '<td><a href="../../sources/s1.md#q-c1-0">S1</a> <a href="#claim-c2">C2</a> '
        '<a href="https://example.org/a.md">original</a></td>\n[md](../x.md)\n'
    )
    page = "estimates/measure-aid/1.md"
    assert final_links(text, page, directory_urls=True) == (
        '<td><a href="../../../sources/s1/#q-c1-0">S1</a> <a href="#claim-c2">C2</a> '
        '<a href="https://example.org/a.md">original</a></td>\n[md](../x.md)\n'
    )
    assert final_links(text, page, directory_urls=False).startswith(
        '<td><a href="../../sources/s1.html#q-c1-0">'
    )
    assert final_links('<a href="../index.md">home</a>', "sources/s1.md", True) == (
        '<a href="../../">home</a>'
    )


@given(st.text())
def test_escaped_content_never_writes_a_page_link(text: str) -> None:
    for escaped in (escape.md(text), escape.literal(text), escape.inline(text)):
        assert not PAGE_HREF.search(escaped)
