"""The post-build scanner: a clean site passes; every planted payload is found and placed.

Payloads are planted into saved pages of real builds (tests/fixtures/sites/), never into a site
built here: mutation testing runs these tests once per mutant of the scanner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.cli import main as cli
from generator.site.scan import known_inline_scripts, scan_html, scan_site, url_scheme
from tests.conftest import FIXTURES

# Pages written by real builds (kept true to the build by tests/site/test_scan_built.py),
# so that these tests plant payloads without building a site.
SAVED = FIXTURES / "sites"
OFFLINE_SCRIPTS = frozenset({"assets/vendor/iframe-worker-shim.js"})  # what its config declares
ARTICLE_OPEN = '<article class="md-content__inner md-typeset">'

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


@given(st.from_regex(r"[oO][nN][a-zA-Z_-]{1,20}", fullmatch=True))
def test_any_on_attribute_is_an_event_handler(name: str) -> None:
    assert handler_findings(f'<p {name}="alert(1)">x</p>') == ["scan-event-handler"]


def test_a_site_published_under_a_path_loads_the_theme_from_there_and_nowhere_else() -> None:
    bundle = '<script src="/b/assets/javascripts/bundle.min.js"></script>'
    elsewhere = '<script src="/assets/javascripts/bundle.min.js"></script>'
    assert scan_html("404.html", bundle, root="/b/") == []
    assert [f.code for f in scan_html("404.html", elsewhere, root="/b/")] == ["scan-script"]
    assert [f.code for f in scan_html("404.html", bundle)] == ["scan-script"]
