"""The print page: every listed page in reading order, its links kept working inside it."""

from __future__ import annotations

import re
from collections import Counter

from generator.content.check import Settings
from generator.pipeline import build_pages
from generator.publish.printpage import PRINT_PATH, retarget, section, section_id
from tests.helpers import DEFAULT, VOLCANO


def test_the_print_page_holds_every_listed_page_in_reading_order() -> None:
    built = build_pages(Settings(*DEFAULT))
    page = built.pages[PRINT_PATH]
    ids = re.findall(r"^# .* \{#(print-[a-z0-9-]+)\}$", page, re.M)
    assert ids == [section_id(p.path) for p in built.view.pages]
    assert [p.kind for p in built.view.pages] == [
        "overview", "estimates", "reactions", "questions", "timeline", "gaps", "sources"
    ]  # fmt: skip
    summary = built.pages["index.md"].split("## Bottom line up front {#bottom-line}")[1]
    assert summary.split("\n\n")[1] in page, "the overview's text is not on the print page"
    assert page.count('<figure class="bf-chart"') == built.pages["estimates.md"].count(
        '<figure class="bf-chart"'
    )


def test_links_to_held_pages_stay_inside_and_others_point_at_the_site() -> None:
    for folders in (DEFAULT, VOLCANO):
        built = build_pages(Settings(*folders))
        page = built.pages[PRINT_PATH]
        targets = re.findall(r"\]\(([^()\s]*)\)", page)
        assert targets, "the print page has no links"
        hrefs = re.findall(r'href="([^":]*)"', page)  # the links of HTML blocks
        assert hrefs, "the print page has no HTML block with links"
        targets += hrefs
        inside = [t for t in targets if t.startswith("#")]
        anchors = set(re.findall(r"\{#([a-z0-9_-]+)\}", page)) | set(
            re.findall(r'id="([^"]+)"', page)
        )
        assert inside and all(t[1:] in anchors for t in inside), set(inside) - anchors
        for target in targets:
            if not target.startswith("#"):
                path = target.partition("#")[0]
                assert path in built.pages, f"{target} leads to no page"
                assert path.startswith(("claims/", "sources/")) or path == "methodology.md"


def test_no_id_is_given_twice() -> None:
    page = build_pages(Settings(*DEFAULT)).pages[PRINT_PATH]
    ids = re.findall(r"\{#([a-z0-9_-]+)\}", page) + re.findall(r'\sid="([^"]+)"', page)
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_retarget() -> None:
    held = {"index.md", "estimates.md", "sources/index.md"}
    assert retarget("estimates.md#measure-x", "", held, "index.md") == "#measure-x"
    assert retarget("estimates.md", "", held, "index.md") == "#print-estimates"
    assert retarget("#bottom-line", "", held, "index.md") == "#bottom-line"
    assert retarget("a.md#q-1", "sources", held, "sources/index.md") == "sources/a.md#q-1"
    assert retarget("../claims/x.md#claim-y", "sources", held, "sources/index.md") == (
        "claims/x.md#claim-y"
    )
    assert retarget("https://example.org/a", "", held, "index.md") == "https://example.org/a"


def test_the_print_page_stays_out_of_search() -> None:
    page = build_pages(Settings(*DEFAULT)).pages[PRINT_PATH]
    assert page.startswith("---\nsearch:\n  exclude: true\n---\n")


def test_links_of_html_blocks_are_retargeted_as_markdown_links_are() -> None:
    held = {"index.md", "estimates.md", "sources/index.md"}
    markdown = (
        "# Sources\n\n[All](../estimates.md#m)\n\n"
        '<ul>\n<li><a href="../estimates.md#measure-x">x</a> '
        '<a href="a.md#q-1">a</a> <a href="index.md">all</a></li>\n</ul>\n'
    )
    assert section("sources/index.md", markdown, held) == (
        "# Sources {#print-sources-index}\n\n[All](#m)\n\n"
        '<ul>\n<li><a href="#measure-x">x</a> '
        '<a href="sources/a.md#q-1">a</a> <a href="#print-sources-index">all</a></li>\n</ul>\n'
    )
