"""The scanner sees what a browser sees: its view of the saved generated pages, and of markup
built to confuse parsers, is the view of a second, independent HTML5 parser (html5lib).
tests/site/test_scan_built.py does the same for every page of freshly built sites."""

from __future__ import annotations

import html5lib
import pytest

from generator.site.scan import elements
from tests.site.test_scan import PLANTED, SAVED

XLINK = "{http://www.w3.org/1999/xlink}"
XML = "{http://www.w3.org/XML/1998/namespace}"


def local(name: str) -> str:
    """A tag or attribute name without its namespace; xlink: and xml: spelled as in markup."""
    if name.startswith(XLINK):
        return "xlink:" + name[len(XLINK) :]
    if name.startswith(XML):
        return "xml:" + name[len(XML) :]
    return name.rsplit("}", 1)[-1]


def html5lib_elements(html: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """html5lib's view of a document, in the scanner's terms."""
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    return [
        (local(el.tag).lower(), tuple(sorted((local(k).lower(), v) for k, v in el.attrib.items())))
        for el in tree.iter()
        if isinstance(el.tag, str)
    ]


def test_the_scanner_and_html5lib_see_the_same_elements_in_every_saved_page() -> None:
    pages = sorted(SAVED.rglob("*.html"))
    assert len(pages) == 9
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert elements(text) == html5lib_elements(text), page


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_the_scanner_and_html5lib_agree_on_every_planted_trick(name: str) -> None:
    page = f"<!doctype html><html><body><article>{PLANTED[name][0]}</article></body></html>"
    assert elements(page) == html5lib_elements(page)
