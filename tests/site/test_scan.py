"""The post-build scanner: a clean site passes; every planted payload is found and placed.

Payloads are planted into saved pages of real builds (tests/fixtures/sites/), never into a site
built here: mutation testing runs these tests once per mutant of the scanner."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main as cli
from generator.errors import Span
from generator.resources import OVERRIDES
from generator.site.scan import (
    Finding,
    Locator,
    elements,
    is_json,
    is_theme_inline_script,
    known_inline_scripts,
    location_findings,
    own_asset_paths,
    scan_fragment,
    scan_html,
    scan_search_index,
    scan_site,
    site_path,
    srcset_urls,
    theme_template_dirs,
    url_scheme,
    walk,
)
from generator.site.search import FRAGMENT_SIGNATURE
from tests.conftest import FIXTURES

# Pages written by real builds (kept true to the build by tests/site/test_scan_built.py),
# so that these tests plant payloads without building a site.
SAVED = FIXTURES / "sites"
OFFLINE_SCRIPTS = frozenset({"assets/vendor/iframe-worker-shim.js"})  # what its config declares
ARTICLE_OPEN = '<article class="md-content__inner md-typeset" data-pagefind-body>'

PLANTED = {
    "inline-script": ("<script>alert(1)</script>", "scan-script"),
    "external-script": ('<script src="https://evil.example/x.js"></script>', "scan-script"),
    "script-escaping-assets": (
        '<script src="assets/javascripts/../../../evil.js"></script>',
        "scan-script",
    ),
    "script-resolving-outside-assets": (
        '<script src="assets/javascripts/bundle.js"></script>',  # claims/damage/assets/...
        "scan-script",
    ),
    # A URL naming another host, and %2e%2e, which climbs like '..', both of which a path
    # joined naively would place under assets/javascripts/.
    "script-on-another-host": (
        '<script src="//evil.example/../../assets/javascripts/x.js"></script>',
        "scan-script",
    ),
    "script-on-another-host-by-backslashes": (
        '<script src="/\\evil.example/../../assets/javascripts/x.js"></script>',
        "scan-script",
    ),
    "script-climbing-by-escaped-dots": (
        '<script src="../../assets/javascripts/%2e%2E/%2e%2e/data/claims.json"></script>',
        "scan-script",
    ),
    "theme-script-with-handler-type": (
        '<script type="text/x-other" src="../../assets/javascripts/x.js"></script>',
        "scan-script",
    ),
    "onerror": ("<img src=x onerror=alert(1)>", "scan-event-handler"),
    "uppercase-handler": ("<p ONMOUSEOVER='alert(1)'>x</p>", "scan-event-handler"),
    "javascript-href": ('<a href="javascript:alert(1)">x</a>', "scan-url"),
    "entity-javascript": ('<a href="&#106;avascript:alert(1)">x</a>', "scan-url"),
    "tab-split-javascript": ('<a href="java\tscript:alert(1)">x</a>', "scan-url"),
    "leading-space-javascript": ('<a href=" \x01javascript:alert(1)">x</a>', "scan-url"),
    "data-image": ('<img src="data:text/html;base64,PHNjcmlwdD4=">', "scan-url"),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', "scan-url"),
    "form-action": ('<button formaction="javascript:alert(1)">x</button>', "scan-url"),
    "svg-xlink": ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "scan-url"),
    "svg-animate": (
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>',
        "scan-attribute",
    ),
    "srcset": ('<img srcset="x.png 1x, javascript:alert(1) 2x">', "scan-url"),
    "iframe": ('<iframe src="https://example.org/"></iframe>', "scan-element"),
    "object": ('<object data="x.swf"></object>', "scan-element"),
    "embed": ('<embed src="x.swf">', "scan-element"),
    "base": ('<base href="https://evil.example/">', "scan-element"),
    "meta-refresh": ('<meta http-equiv="Refresh" content="0;url=https://evil/">', "scan-element"),
    "form-in-content": ('<form action="https://evil.example/"><p>x</p></form>', "scan-element"),
    "style-in-content": ("<style>body{display:none}</style>", "scan-element"),
    "noscript-mutation": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
        "scan-element",
    ),
    "tampered-theme-script": (
        "<script>var target=document.getElementById(location.hash.slice(1));alert(1)</script>",
        "scan-script",
    ),
    "fake-config": ('<script id="__config" type="module">alert(1)</script>', "scan-script"),
    # The HTML5 tokenizer's comment and CDATA states, where a parser that is not a
    # browser's ends a comment later than a browser does and so misses what follows.
    "abrupt-empty-comment": ("<!--><img src=x onerror=alert(1)>-->", "scan-event-handler"),
    "abrupt-dash-comment": ("<!---><img src=x onerror=alert(1)>-->", "scan-event-handler"),
    "comment-ended-by-bang": ("<!-- --!><img src=x onerror=alert(1)>-->", "scan-event-handler"),
    "nested-comment-open": ("<!-- <!-- --><img src=x onerror=alert(1)> -->", "scan-event-handler"),
    "comment-less-than-bang": ("<!--<!--><img src=x onerror=alert(1)>-->", "scan-event-handler"),
    "cdata-in-html": ("<![CDATA[><img src=x onerror=alert(3)>]]>", "scan-event-handler"),
    "cdata-then-breakout-in-svg": (
        "<svg><![CDATA[ ]]><img src=x onerror=alert(1)></svg>",
        "scan-event-handler",
    ),
    "bogus-comment-declaration": ("<!x><img src=x onerror=alert(1)>", "scan-event-handler"),
    "bogus-comment-processing": ("<?x ><img src=x onerror=alert(1)>?>", "scan-event-handler"),
    "bogus-comment-end-tag": ("</ x><img src=x onerror=alert(1)>", "scan-event-handler"),
    "doctype-in-body": ("<!DOCTYPE x><img src=x onerror=alert(1)>", "scan-event-handler"),
    "plaintext": ("<plaintext><img src=x onerror=alert(1)>", "scan-element"),
    "xmp": ("<xmp></xmp><img src=x onerror=alert(1)>", "scan-element"),
    "noembed": ("<noembed><img src=x onerror=alert(1)></noembed>", "scan-element"),
}


@pytest.fixture
def saved_site(tmp_path: Path) -> Path:
    """A private copy of the saved minimal site (pages a build wrote) to plant payloads in."""
    target = tmp_path / "site"
    shutil.copytree(SAVED / "minimal", target)
    return target


def scan(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run `briefing scan` in-process; return its status and stderr."""
    capsys.readouterr()
    status = cli.main(["scan", str(site)])
    return status, capsys.readouterr().err


@pytest.mark.parametrize("name", ["minimal", "hostile"])
def test_saved_sites_are_clean(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert cli.main(["scan", str(SAVED / name)]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out == f"ok: {SAVED / name} holds no live markup from content\n"


def test_the_offline_page_may_load_the_polyfill_its_config_adds() -> None:
    assert scan_site(SAVED / "offline", config_scripts=OFFLINE_SCRIPTS) == []
    [found] = scan_site(SAVED / "offline", shown_as="site")
    assert found.code == "scan-script" and found.span.file == "site/index.html"  # type: ignore[union-attr]


def test_theme_inline_scripts_are_known() -> None:
    assert len(known_inline_scripts()) >= 3


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_planted_payload_is_found(
    name: str, saved_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload, code = PLANTED[name]
    site = saved_site
    page = site / "claims" / "damage" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert ARTICLE_OPEN in html
    planted = html.replace(ARTICLE_OPEN, ARTICLE_OPEN + "\n" + payload, 1)
    page.write_text(planted, encoding="utf-8")
    line = planted[: planted.index(payload)].count("\n") + 1
    status, err = scan(site, capsys)
    assert status == 1
    assert f"{site}/claims/damage/index.html:{line}:" in err
    assert f"[{code}]" in err
    assert f"{site}/index.html" not in err, "only the planted page is reported"


def test_finding_names_line_and_column(
    saved_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = saved_site
    page = site / "sources" / "update" / "index.html"
    html = page.read_text(encoding="utf-8")
    planted = html.replace(ARTICLE_OPEN, ARTICLE_OPEN + "\n  <p>x <img src=x onerror=alert(1)>", 1)
    page.write_text(planted, encoding="utf-8")
    line = planted[: planted.index("<p>x <img")].count("\n") + 1
    status, err = scan(site, capsys)
    assert status == 1
    assert err.splitlines()[0] == (
        f"{site}/sources/update/index.html:{line}:19: error: "  # at the attribute's name
        "event handler attribute 'onerror' on <img> [scan-event-handler]"
    )
    assert err.splitlines()[-1] == "1 finding(s) in 1 file(s)."


def test_search_index_payload_is_found(
    saved_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = saved_site
    index = site / "search" / "search_index.json"
    shutil.copy(SAVED / "offline" / "search" / "search_index.json", index)  # one with entries
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"][1]["text"] += "<img src=x onerror=alert(1)>"
    data["docs"][2]["location"] = "javascript:alert(1)"
    index.write_text(json.dumps(data), encoding="utf-8")
    status, err = scan(site, capsys)
    assert status == 1
    assert "search/search_index.json:1:" in err
    assert "docs[1].text: event handler attribute 'onerror' on <img> [scan-event-handler]" in err
    assert "docs[2].location: location uses the 'javascript:' scheme [scan-url]" in err


def test_theme_and_config_scripts_are_accepted() -> None:
    page = "claims/damage/index.html"
    scripts = (
        '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
        '<script src="https://unpkg.com/iframe-worker/shim"></script>'
        '<script src="../../js/extra.js" defer></script>'
    )
    assert [f.message for f in scan_html(page, scripts)] == [
        "<script> that is not the theme's (src '../../js/extra.js')"
    ]
    assert scan_html(page, scripts, config_scripts=frozenset({"js/extra.js"})) == []


def test_theme_chrome_may_hold_forms_but_content_may_not() -> None:
    chrome = '<form class="md-search__form" name="search"><input name="query"></form>'
    assert scan_html("index.html", chrome) == []
    content = f"{ARTICLE_OPEN}{chrome}</article>"
    assert {f.code for f in scan_html("index.html", content)} == {"scan-element"}


@pytest.mark.parametrize(
    "url,scheme",
    [
        ("https://example.org/", "https"),
        ("../x/", None),
        ("#claim-x", None),
        ("//example.org/x", None),
        ("JaVaScRiPt:alert(1)", "javascript"),
        (" \tjava\nscript:alert(1)", "javascript"),
        ("mailto:a@example.org", "mailto"),
        ("x/y:z", None),
    ],
)
def test_url_scheme_reads_urls_as_browsers_do(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


def test_scan_of_a_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["scan", str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().err


# Every event-handler content attribute of the HTML standard's index, SVG 2's event
# attributes, and the pointer, animation and transition ones browsers add.
HTML_HANDLERS = [
    "onabort",
    "onafterprint",
    "onauxclick",
    "onbeforeinput",
    "onbeforematch",
    "onbeforeprint",
    "onbeforetoggle",
    "onbeforeunload",
    "onblur",
    "oncancel",
    "oncanplay",
    "oncanplaythrough",
    "onchange",
    "onclick",
    "onclose",
    "oncontextlost",
    "oncontextmenu",
    "oncontextrestored",
    "oncopy",
    "oncuechange",
    "oncut",
    "ondblclick",
    "ondrag",
    "ondragend",
    "ondragenter",
    "ondragleave",
    "ondragover",
    "ondragstart",
    "ondrop",
    "ondurationchange",
    "onemptied",
    "onended",
    "onerror",
    "onfocus",
    "onformdata",
    "onhashchange",
    "oninput",
    "oninvalid",
    "onkeydown",
    "onkeypress",
    "onkeyup",
    "onlanguagechange",
    "onload",
    "onloadeddata",
    "onloadedmetadata",
    "onloadstart",
    "onmessage",
    "onmessageerror",
    "onmousedown",
    "onmouseenter",
    "onmouseleave",
    "onmousemove",
    "onmouseout",
    "onmouseover",
    "onmouseup",
    "onoffline",
    "ononline",
    "onpagehide",
    "onpagereveal",
    "onpageshow",
    "onpageswap",
    "onpaste",
    "onpause",
    "onplay",
    "onplaying",
    "onpopstate",
    "onprogress",
    "onratechange",
    "onrejectionhandled",
    "onreset",
    "onresize",
    "onscroll",
    "onscrollend",
    "onsecuritypolicyviolation",
    "onseeked",
    "onseeking",
    "onselect",
    "onslotchange",
    "onstalled",
    "onstorage",
    "onsubmit",
    "onsuspend",
    "ontimeupdate",
    "ontoggle",
    "onunhandledrejection",
    "onunload",
    "onvolumechange",
    "onwaiting",
    "onwheel",
    "onpointerdown",
    "onpointerup",
    "onpointermove",
    "onpointerover",
    "onpointerout",
    "onpointerenter",
    "onpointerleave",
    "onpointercancel",
    "ongotpointercapture",
    "onlostpointercapture",
    "onanimationstart",
    "onanimationend",
    "onanimationiteration",
    "onanimationcancel",
    "ontransitionstart",
    "ontransitionend",
    "ontransitionrun",
    "ontransitioncancel",
    "onselectstart",
    "onselectionchange",
    "onfullscreenchange",
]
SVG_HANDLERS = [
    "onbegin",
    "onend",
    "onrepeat",
    "onfocusin",
    "onfocusout",
    "onactivate",
    "onzoom",
    "onunload",
]


def handler_findings(markup: str) -> list[str]:
    page = f"<!doctype html><html><body><article>{markup}</article></body></html>"
    return [f.code for f in scan_html("claims/x/index.html", page)]


@pytest.mark.parametrize("name", HTML_HANDLERS)
def test_every_html_event_handler_is_found(name: str) -> None:
    assert handler_findings(f'<p {name}="alert(1)">x</p>') == ["scan-event-handler"]
    assert handler_findings(f"<p {name.upper()}=alert(1)>x</p>") == ["scan-event-handler"]


@pytest.mark.parametrize("name", SVG_HANDLERS)
def test_every_svg_event_attribute_is_found(name: str) -> None:
    markup = f'<svg><rect width="1" height="1" {name}="alert(1)"/></svg>'
    assert handler_findings(markup) == ["scan-event-handler"]


@settings(deadline=None)  # a timer fails under load; speed is measured in bench/
@given(st.from_regex(r"[oO][nN][a-zA-Z_-]{1,20}", fullmatch=True))
def test_any_on_attribute_is_an_event_handler(name: str) -> None:
    assert handler_findings(f'<p {name}="alert(1)">x</p>') == ["scan-event-handler"]


def test_a_site_published_under_a_path_loads_the_theme_from_there_and_nowhere_else() -> None:
    bundle = '<script src="/b/assets/javascripts/bundle.min.js"></script>'
    elsewhere = '<script src="/assets/javascripts/bundle.min.js"></script>'
    assert scan_html("404.html", bundle, root="/b/") == []
    assert [f.code for f in scan_html("404.html", elsewhere, root="/b/")] == ["scan-script"]
    assert [f.code for f in scan_html("404.html", bundle)] == ["scan-script"]


# The scanner's parts, one rule at a time, each with its exact finding.
PAGE = "claims/damage/index.html"


def findings(markup: str, **options: object) -> list[tuple[int, int, str, str]]:
    """Scan a page of markup; return each finding as (line, col, message, code)."""
    found = scan_html(PAGE, markup, **options)  # type: ignore[arg-type]
    return [(f.line, f.col, f.message, f.code) for f in found]


def in_article(markup: str) -> str:
    return f"<!doctype html><html><body><article>{markup}</article></body></html>"


@pytest.mark.parametrize(
    "url,scheme",
    [
        ("\x00javascript:alert(1)", "javascript"),
        ("javascript:alert(1)\x00 ", "javascript"),
        ("\x20\x1fdata:text/html,x", "data"),
        ("1abc:x", None),
        ("a+b.c-d:x", "a+b.c-d"),
        ("HTTPS://example.org", "https"),
        ("", None),
        (":x", None),
        ("?x:y", None),
    ],
)
def test_url_scheme_cleans_and_reads_only_a_leading_scheme(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


@pytest.mark.parametrize(
    "page,url,path",
    [
        (PAGE, "../../assets/javascripts/b.js?v=1#top", "assets/javascripts/b.js"),
        (PAGE, "../../assets/javascripts/b.js#top", "assets/javascripts/b.js"),
        ("index.html", "/assets/javascripts/b.js", "assets/javascripts/b.js"),
        ("index.html", "///assets/javascripts/b.js", None),
        (PAGE, "assets/x.js", "claims/damage/assets/x.js"),
        (PAGE, "..\\..\\assets\\javascripts\\b.js", "assets/javascripts/b.js"),
        (PAGE, "\\/host/assets/javascripts/b.js", None),
        (PAGE, " \t../../assets/javascripts/b.js\n", "assets/javascripts/b.js"),
        (PAGE, "../%2E%2e/x.js", "x.js"),
        (PAGE, "./%2e/x.js", "claims/damage/x.js"),
        (PAGE, "\x01\x1f../../assets/javascripts/b.js\x00", "assets/javascripts/b.js"),
        ("index.html", "/Xassets/x.js", "Xassets/x.js"),
    ],
)
def test_a_script_path_resolves_as_a_browser_resolves_it(
    page: str, url: str, path: str | None
) -> None:
    assert site_path(page, url) == path


def test_the_locator_places_the_kth_element_at_the_kth_tag_and_attributes_after_it() -> None:
    text = "<p>a</p>\n<P class=x>b</p>\n  <img src=x alt=y>"
    locate = Locator(text)
    assert locate.element("p") == 0
    assert locate.element("p") == 9
    assert locate.element("p") == 9  # an element the source lacks: at the last one
    assert locate.element("img") == text.index("<img")
    assert locate.element("table") == 0  # none at all: at the start
    assert locate.attribute(9, "class") == text.index("class")
    assert locate.attribute(text.index("<img"), "alt") == text.index("alt")
    assert locate.attribute(text.index("<img"), "onload") == text.index("<img")
    assert locate.position(0) == (1, 1)
    assert locate.position(9) == (2, 1)
    assert locate.position(text.index("alt")) == (3, 14)


def test_the_locator_matches_whole_tag_names_only() -> None:
    locate = Locator("<pre>x</pre><p>y</p><p/><p\n>")
    assert [locate.element("p") for _ in range(3)] == [12, 20, 24]


def test_the_walk_marks_what_is_inside_the_article() -> None:
    page = "<html><body><nav><a>n</a></nav><article><p><b>x</b></p></article><p>f</p></body></html>"
    walked = [(tag, inside) for _, tag, _, inside in walk(page)]
    assert walked == [
        ("html", False),
        ("head", False),
        ("body", False),
        ("nav", False),
        ("a", False),
        ("article", False),
        ("p", True),
        ("b", True),
        ("p", False),
    ]
    assert all(inside for _, _, _, inside in walk("<p>x</p>", in_content=True))


def test_the_scanner_sees_tags_and_attribute_names_in_lower_case() -> None:
    assert elements('<svg><foreignObject><P ID="A" Title>x</P></foreignObject></svg>')[-1] == (
        "p",
        (("id", "A"), ("title", "")),
    )
    assert (
        "foreignobject",
        (),
    ) in elements("<svg><foreignObject></foreignObject></svg>")


def test_element_findings_are_worded_and_placed() -> None:
    page = in_article('<p>x</p>\n<iframe src="https://example.org/"></iframe>\n<form></form>')
    assert findings(page) == [
        (2, 1, "<iframe> element", "scan-element"),
        (3, 1, "<form> element inside the page content", "scan-element"),
    ]


@pytest.mark.parametrize("value", ["refresh", "Refresh", " REFRESH "])
def test_a_meta_refresh_is_found_however_it_is_written(value: str) -> None:
    page = f'<html><head><meta http-equiv="{value}" content="0;url=https://x/"></head></html>'
    assert findings(page) == [
        (1, 13, "<meta http-equiv=refresh> redirects the page", "scan-element")
    ]


def test_other_meta_and_chrome_elements_outside_the_article_are_not_findings() -> None:
    page = '<html><head><meta http-equiv="content-type" content="text/html"><style>a{}</style>'
    assert findings(page + "</head><body><form><input></form></body></html>") == []


def test_attribute_findings_are_worded_and_placed() -> None:
    page = in_article(
        '\n<a title="t" onclick="x()">a</a>'
        '\n<a href="vbscript:x">b</a>'
        '\n<img srcset="a.png 1x,  javascript:x 2x">'
        '\n<svg><set attributeName="onclick" to="x()"/></svg>'
        '\n<svg><animate attributeName="HREF" values="javascript:x"/></svg>'
        '\n<p style="color: red; background: url(JavaScript:x)">p</p>'
        '\n<p style="width: Expression(alert(1))">q</p>'
        '\n<svg><a foo:href="javascript:x">z</a></svg>'
    )
    assert findings(page) == [
        (2, 14, "event handler attribute 'onclick' on <a>", "scan-event-handler"),
        (3, 4, "href on <a> uses the 'vbscript:' scheme ('vbscript:x')", "scan-url"),
        (4, 6, "srcset on <img> uses the 'javascript:' scheme ('javascript:x')", "scan-url"),
        (5, 11, "<set> animates the 'onclick' attribute", "scan-attribute"),
        (6, 15, "<animate> animates the 'HREF' attribute", "scan-attribute"),
        (7, 4, "style attribute on <p> runs script", "scan-attribute"),
        (8, 4, "style attribute on <p> runs script", "scan-attribute"),
        (9, 9, "foo:href on <a> uses the 'javascript:' scheme ('javascript:x')", "scan-url"),
    ]


def test_harmless_attributes_are_not_findings() -> None:
    page = in_article(
        '<a href="https://example.org/" title="on the record">a</a>'
        '<img srcset="a.png 1x, https://example.org/b.png 2x" src="mailto:x@example.org">'
        '<svg><animate attributeName="opacity" values="0;1"/></svg>'
        '<p style="color: red" data-note="javascript:">p</p>'
        '<a href="#claim-x">c</a>'
    )
    assert findings(page) == []


@pytest.mark.parametrize(
    "srcset,urls",
    [
        ("a.png 1x,  javascript:x 2x", ["a.png", "javascript:x"]),
        ("a.png,javascript:x", ["a.png", "javascript:x"]),
        ("a.png\t1x,\njavascript:x\t2x,", ["a.png", "javascript:x"]),
        (" , ", []),
    ],
)
def test_each_srcset_candidate_gives_its_url(srcset: str, urls: list[str]) -> None:
    assert srcset_urls(srcset) == urls


def test_a_srcset_candidate_without_space_after_its_comma_is_checked() -> None:
    assert findings(in_article('<img srcset="a.png,javascript:x">')) == [
        (1, 42, "srcset on <img> uses the 'javascript:' scheme ('javascript:x')", "scan-url")
    ]


def test_a_long_url_is_shown_cut() -> None:
    url = "javascript:" + "x" * 60
    [(_, _, message, _)] = findings(in_article(f'<a href="{url}">a</a>'))
    assert message == f"href on <a> uses the 'javascript:' scheme ({url[:57] + '...'!r})"
    url = "javascript:" + "x" * 50  # 61 characters: cut
    [(_, _, message, _)] = findings(in_article(f'<a href="{url}">a</a>'))
    assert message == f"href on <a> uses the 'javascript:' scheme ({url[:57] + '...'!r})"
    url = "javascript:" + "x" * 49  # 60 characters: shown whole
    [(_, _, message, _)] = findings(in_article(f'<a href="{url}">a</a>'))
    assert message == f"href on <a> uses the 'javascript:' scheme ({url!r})"


@pytest.mark.parametrize(
    "script",
    [
        '<script src="../../assets/javascripts/b.js"></script>',
        '<script src="../../assets/javascripts/b.js" defer async type="module"></script>',
        '<script src="../../assets/javascripts/b.js" type="TEXT/JavaScript"></script>',
        '<script src="../../assets/javascripts/b.js" type="application/javascript"></script>',
        '<script src="https://unpkg.com/iframe-worker/shim"></script>',
        '<script type="application/ld+json">{"@type": "Article"}</script>',
        '<script id="__config" type="application/json">{"base": "."}</script>',
    ],
)
def test_the_themes_own_scripts_pass(script: str) -> None:
    assert findings(script) == []


@pytest.mark.parametrize(
    "script,shown",
    [
        (
            '<script src="../../assets/javascripts/b.js" nonce="x"></script>',
            "src '../../assets/javascripts/b.js'",
        ),
        (
            '<script src="../../assets/javascripts/b.js" type="text/plain"></script>',
            "src '../../assets/javascripts/b.js'",
        ),
        (
            '<script src="https://unpkg.com/iframe-worker/shim/"></script>',
            "src 'https://unpkg.com/iframe-worker/shim/'",
        ),
        (
            '<script type="application/ld+json">{"a": "</p>"}</script>',
            'inline script \'{"a": "</p>"}\'',
        ),
        ('<script type="application/ld+json">alert(1)</script>', "inline script 'alert(1)'"),
        ('<script type="application/ld+json" id="x">{}</script>', "inline script '{}'"),
        (
            '<script id="__config" type="application/json">alert(1)</script>',
            "inline script 'alert(1)'",
        ),
        ('<script id="__config">{}</script>', "inline script '{}'"),
        ("<script>" + "a" * 50 + "</script>", "inline script '" + "a" * 40 + "'"),
    ],
)
def test_any_other_script_is_a_finding_that_shows_it(script: str, shown: str) -> None:
    assert findings(script) == [
        (1, 1, f"<script> that is not the theme's ({shown})", "scan-script")
    ]


def test_a_script_url_with_a_scheme_is_not_ours_wherever_its_path_leads() -> None:
    src = "data:/../../assets/javascripts/b.js"
    assert findings(f'<script src="{src}"></script>') == [
        (1, 9, f"src on <script> uses the 'data:' scheme ({src!r})", "scan-url"),
        (1, 1, f"<script> that is not the theme's (src {src!r})", "scan-script"),
    ]


def test_scripts_of_our_assets_and_of_the_config_pass_only_where_they_resolve() -> None:
    ours = frozenset({"assets/briefing/app.js"})
    script = '<script src="../../assets/briefing/app.js"></script>'
    assert findings(script, own_assets=ours) == []
    assert findings(script, config_scripts=ours) == []
    assert len(findings(script)) == 1
    elsewhere = '<script src="assets/briefing/app.js"></script>'  # claims/damage/assets/...
    assert len(findings(elsewhere, own_assets=ours)) == 1
    external = '<script src="https://cdn.example/x.js"></script>'
    assert findings(external, config_scripts=frozenset({"https://cdn.example/x.js"})) == []


def test_a_themes_inline_script_passes_on_a_page_but_never_in_the_search_index() -> None:
    body = (
        "var target=document.getElementById(location.hash.slice(1));target&&target.name"
        '&&(target.checked=target.name.startsWith("__tabbed_"))'
    )
    assert is_theme_inline_script(body)
    assert findings(f"<script>{body}</script>") == []
    [found] = scan_fragment(f"<script>{body}</script>")
    assert found.code == "scan-script"
    assert scan_fragment('<script src="assets/javascripts/b.js"></script>') == [
        Finding(
            1, 7, "<script> that is not the theme's (src 'assets/javascripts/b.js')", "scan-script"
        )
    ]


def test_a_search_fragment_is_content_where_forms_and_styles_are_findings() -> None:
    assert scan_fragment("<p>x</p><style>p{}</style>") == [
        Finding(1, 15, "<style> element inside the page content", "scan-element")
    ]
    assert scan_fragment("plain <b>text</b>") == []


def test_inline_scripts_of_a_named_theme_and_of_our_overrides_are_known(tmp_path: Path) -> None:
    scripts = tmp_path / "partials" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "a.html").write_text(
        '<script>go("{{ base_url }}")</script>\n<script>stop(\n1)</script>', encoding="utf-8"
    )
    (scripts / "b.txt").write_text("<script>txt()</script>", encoding="utf-8")
    (tmp_path / "partials" / "c.html").write_text("<script>c()</script>", encoding="utf-8")
    assert theme_template_dirs(tmp_path) == [tmp_path, OVERRIDES]
    assert is_theme_inline_script('go("../..")', tmp_path)
    assert is_theme_inline_script('go("")', tmp_path)
    assert is_theme_inline_script('go("/a_b-c/d.e")', tmp_path)
    assert is_theme_inline_script("stop(\n1)", tmp_path)
    for body in ('go("x"+alert(1))', 'go("a b")', "stop(\n1);alert(1)", "txt()", "c()"):
        assert not is_theme_inline_script(body, tmp_path), body
    assert not is_theme_inline_script('go("../..")')  # not a script of Material's
    material = theme_template_dirs()
    assert material[1] == OVERRIDES and (material[0] / "partials" / "javascripts").is_dir()


def test_a_page_of_a_named_theme_may_run_that_themes_scripts(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    scripts = theme / "partials" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "a.html").write_text("<script>themed()</script>", encoding="utf-8")
    assert findings("<script>themed()</script>", theme=theme) == []
    assert len(findings("<script>themed()</script>")) == 1


def test_a_site_of_a_named_theme_may_run_that_themes_scripts(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    scripts = theme / "partials" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "a.html").write_text("<script>themed()</script>", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>x</p><script>themed()</script>", encoding="utf-8")
    assert scan_site(site, theme=theme) == []
    assert [p.code for p in scan_site(site)] == ["scan-script"]


def test_search_index_findings_name_the_entry_field_and_column() -> None:
    index = json.dumps(
        {
            "docs": [
                {"location": "", "title": "Home", "text": "plain"},
                {"location": "x/", "title": 3, "text": "a <img src=x onerror=y()>"},
                {"location": "data:text/html,x", "title": "<b onclick=z()>t</b>", "text": None},
            ]
        }
    )
    found = list(scan_search_index(index))
    assert [(col, where, f.message) for col, where, f in found] == [
        (
            index.index("a <img") + 1,
            "docs[1].text",
            "event handler attribute 'onerror' on <img>",
        ),
        (
            index.index("<b onclick") + 1,
            "docs[2].title",
            "event handler attribute 'onclick' on <b>",
        ),
        (index.index("data:text") + 1, "docs[2].location", "location uses the 'data:' scheme"),
    ]
    assert location_findings("../x/") == []


def test_each_finding_in_the_index_is_placed_at_its_own_entry() -> None:
    payload = "<i onclick=a()>x</i>"
    index = json.dumps(
        {
            "docs": [
                {"location": "a/", "title": payload, "text": payload + "!"},
                {"location": "b/", "title": payload, "text": "plain"},
                {"location": "c/", "title": "t", "text": "\u00e9 " + payload},
            ]
        }
    )
    found = [(col, where) for col, where, _ in scan_search_index(index)]
    second = index.index('"b/"')
    assert found == [
        (index.index(payload) + 1, "docs[0].title"),
        (index.index(payload + "!") + 1, "docs[0].text"),
        (index.index(payload, second) + 1, "docs[1].title"),
        (index.index("\\u00e9") + 1, "docs[2].text"),
    ]
    assert index.index(payload + "!") > index.index(payload)


def test_a_location_finding_is_placed_at_the_start_of_its_value() -> None:
    assert location_findings(" JavaScript:x") == [
        Finding(1, 1, "location uses the 'javascript:' scheme", "scan-url")
    ]


def test_a_value_the_index_spells_otherwise_is_placed_at_its_start() -> None:
    # written without ASCII escapes, the value's JSON form is not found in the raw index
    index = json.dumps({"docs": [{"text": "caf\u00e9 <b onclick=x()>b</b>"}]}, ensure_ascii=False)
    [(col, where, _)] = scan_search_index(index)
    assert (col, where) == (1, "docs[0].text")


def test_zensicals_search_index_is_scanned_too() -> None:
    index = json.dumps({"items": [{"location": "javascript:x", "title": "t", "text": ""}]})
    [(col, where, finding)] = scan_search_index(index)
    assert (col, where, finding.code) == (
        index.index("javascript") + 1,
        "docs[0].location",
        "scan-url",
    )
    assert list(scan_search_index(json.dumps({"config": {}}))) == []


def test_a_site_is_scanned_page_by_page_and_index_by_index(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAVED / "minimal", site)
    (site / "a").mkdir()
    (site / "a" / "index.html").write_text("<p>\n<b onclick=x()>b</b>", encoding="utf-8")
    (site / "z.html").write_bytes(b"<p>\xff</p><iframe></iframe>")  # not UTF-8: read anyway
    zensical = b'{"items": [{"location": "javascript:y", "title": "\xff", "text": ""}]}'
    (site / "search.json").write_bytes(zensical)  # not UTF-8 either
    (site / "search" / "search_index.json").write_text("{not json", encoding="utf-8")
    problems = scan_site(site, shown_as="out")
    assert [(p.span, p.field, p.message, p.code) for p in problems] == [
        (
            Span("out/a/index.html", 2, 4),
            "",
            "event handler attribute 'onclick' on <b>",
            "scan-event-handler",
        ),
        (Span("out/z.html", 1, 9), "", "<iframe> element", "scan-element"),
        (
            Span("out/search/search_index.json", 1, 1),
            "",
            "not JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            "scan-json",
        ),
        (
            Span("out/search.json", 1, zensical.index(b"javascript:y") + 1),
            "docs[0].location",
            "location uses the 'javascript:' scheme",
            "scan-url",
        ),
    ]
    assert next(p.span.file for p in scan_site(site) if p.span) == f"{site}/a/index.html"


def test_our_own_assets_are_the_files_a_site_carries() -> None:
    assert own_asset_paths() == frozenset(
        {"assets/briefing/briefing.css", "assets/briefing/search-worker.js"}
    )


def test_json_is_told_from_anything_else() -> None:
    assert is_json('{"a": [1, 2]}') and is_json("3")
    assert not is_json("{a: 1}") and not is_json("")


def test_a_site_at_the_domain_root_loads_the_theme_by_absolute_path() -> None:
    assert findings('<script src="/assets/javascripts/bundle.min.js"></script>') == []


def test_a_site_scanned_under_a_path_loads_the_theme_from_there(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<script src="/b/assets/javascripts/bundle.min.js"></script>', encoding="utf-8"
    )
    assert scan_site(tmp_path, root="/b/") == []
    assert [p.code for p in scan_site(tmp_path)] == ["scan-script"]


# Pagefind's folder: only the files Pagefind writes, fragments that link inside the site.


def pagefind_site(tmp_path: Path, url: str | None = "/claims/a/") -> Path:
    """A site with a clean page and a Pagefind folder of one fragment."""
    (tmp_path / "index.html").write_text("<!doctype html><html><body></body></html>")
    folder = tmp_path / "pagefind"
    (folder / "fragment").mkdir(parents=True)
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"):
        (folder / name).write_text("x")
    (folder / "pagefind.en_9df6dbd47a.pf_meta").write_bytes(b"x")
    page = {"url": url, "content": "<img src=x onerror=alert(1)>", "meta": {"title": "<b>"}}
    fragment = gzip.compress(FRAGMENT_SIGNATURE + json.dumps(page).encode())
    (folder / "fragment" / "en_1219384.pf_fragment").write_bytes(fragment)
    return tmp_path


def test_pagefinds_own_files_pass_and_their_text_is_not_read_as_html(tmp_path: Path) -> None:
    assert scan_site(pagefind_site(tmp_path)) == []


def site_findings(site: Path) -> list[tuple[str, int, int, str, str, str]]:
    """Each finding whole: its file in the site, line, column, field, message and code."""
    return [
        (
            str(Path(p.span.file).relative_to(site)) if p.span else "",
            p.span.line if p.span else 0,
            p.span.col if p.span else 0,
            p.field,
            p.message,
            p.code,
        )
        for p in scan_site(site)
    ]


FRAGMENT = "pagefind/fragment/en_1219384.pf_fragment"


@pytest.mark.parametrize("name", ["evil.js", "index.html", "fragment/x.js", "pagefind.js.map"])
def test_a_file_pagefind_does_not_write_is_a_finding(tmp_path: Path, name: str) -> None:
    site = pagefind_site(tmp_path)
    (site / "pagefind" / name).write_text("alert(1)")
    assert site_findings(site) == [
        (f"pagefind/{name}", 1, 1, "", "a file Pagefind does not write", "scan-pagefind")
    ]


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("javascript:alert(1)", "'javascript:alert(1)'"),
        ("//evil.example/", "'//evil.example/'"),
        ("https://x.test/", "'https://x.test/'"),
        ("https://x.test/" + "a" * 80, repr(("https://x.test/" + "a" * 80)[:60])),
        (None, "'None'"),
    ],
)
def test_a_fragment_linking_outside_the_site_is_a_finding(
    tmp_path: Path, url: str | None, shown: str
) -> None:
    site = pagefind_site(tmp_path, url)
    message = f"the page's URL is not a path inside the site ({shown})"
    assert site_findings(site) == [(FRAGMENT, 1, 1, "url", message, "scan-url")]


@pytest.mark.parametrize("url", ["/claims/a/", "claims/a/", "/claims/a/#b", "/"])
def test_a_fragment_linking_inside_the_site_passes(tmp_path: Path, url: str) -> None:
    assert site_findings(pagefind_site(tmp_path, url)) == []


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\x1f\x8bjunk", "Compressed file ended before the end-of-stream marker was reached"),
        (b"plain", "Not a gzipped file (b'pl')"),
        (gzip.compress(b'{"url": "/"}'), "not a Pagefind fragment"),
        (gzip.compress(FRAGMENT_SIGNATURE + b"[1]"), "a Pagefind fragment holds no page"),
        (
            gzip.compress(FRAGMENT_SIGNATURE + b"{"),
            "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
    ],
)
def test_a_fragment_that_is_not_one_is_a_finding(tmp_path: Path, data: bytes, why: str) -> None:
    site = pagefind_site(tmp_path)
    (site / FRAGMENT).write_bytes(data)
    message = f"not a Pagefind fragment: {why}"
    assert site_findings(site) == [(FRAGMENT, 1, 1, "", message, "scan-pagefind")]


def test_a_page_may_not_load_pagefinds_scripts_itself(tmp_path: Path) -> None:
    site = pagefind_site(tmp_path)
    (site / "index.html").write_text('<html><body><script src="pagefind/pagefind.js"></script>')
    assert [p.code for p in scan_site(site)] == ["scan-script"]
