"""Hostile content: every payload, in every text field and in an article, stays text.

Each case copies the minimal briefing, writes one payload into every text field
and into the article text (quoted by a claim, so quotes stay valid), runs a real
strict `briefing site` build, and then checks that the scanner passes on the
result and that the payload is shown as text on the pages.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main as cli
from generator.site import nav
from generator.site.scan import scan_site
from tests.helpers import MINIMAL, mkdocs_config

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "svg-onload": "<svg onload=alert(1)>",
    "attribute-breakout": '"><script>alert(1)</script>',
    "single-quote-breakout": "'><img src=x onerror=alert(1)>",
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "base-href": '<base href="https://evil.example/">',
    "form": '<form action="https://evil.example/"><input name=q><button>go</button></form>',
    "style": "<style>body{display:none}</style>",
    "entity-javascript": '<a href="&#106;avascript:alert(1)">click</a>',
    "tab-split-javascript": '<a href="java\tscript:alert(1)">click</a>',
    "markdown-link": "[click](javascript:alert(1))",
    "markdown-autolink": "<javascript:alert(1)>",
    "data-image": "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "reference-hijack": "see [docs]\n\n[docs]: javascript:alert(1)",
    "attr-list-onclick": "text\n{: onclick=alert(1) }",
    "attr-list-id": "text {: #search }",
    "admonition": '!!! note "x"\n    <script>alert(1)</script>',
    "footnote": "claim[^1]\n\n[^1]: <script>alert(1)</script>",
    "tabbed": '=== "x"\n    <img src=x onerror=alert(1)>',
    "snippet": '--8<-- "/etc/passwd"',
    "jinja-expression": "{{ 7*7 }}",
    "jinja-statement": "{% include 'x' %}",
    "mutation-noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "html-comment": "<!-- x --><script>alert(1)</script>",
    "table-pipe": "| a | b |\n| - | - |\n| <script>alert(1)</script> | x |",
}

# Fields whose text reaches MkDocs' navigation, where MkDocs writes titles as raw HTML.
NAV_FIELDS = {("sources.yml", "title"), ("briefing.yml", "page-title")}
BRIEFING_TEXT = ("title", "summary")
SOURCE_TEXT = ("publisher", "author", "note")
MEASURE_TEXT = ("label", "unit", "description")
CLAIM_TEXT = ("statement", "claimant", "actor", "note")
QUESTION_TEXT = ("question", "why_it_matters", "would_resolve", "note")


def read(path: Path) -> Any:
    """Load one YAML file of the fixture."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data: Any) -> None:
    """Write YAML the way an editor might."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def fill(items: list[dict[str, Any]], fields: tuple[str, ...], payload: str) -> None:
    """Set every listed field of every item to the payload."""
    for item in items:
        for name in fields:
            item[name] = payload


def hostile_briefing(tmp: Path, payload: str, nav: bool = False) -> Path:
    """Copy the minimal briefing with the payload in every text field and in its article."""
    root = tmp / "briefing"
    shutil.copytree(MINIMAL[0].parent, root)
    content = root / "content"
    briefing = read(content / "briefing.yml")
    for name in BRIEFING_TEXT:
        briefing[name] = payload
    for judgment in briefing["key_judgments"]:
        judgment["text"] = payload
    if nav:
        briefing["pages"] = [{"kind": "overview", "title": payload}, {"kind": "sources"}]
    write(content / "briefing.yml", briefing)
    sources = read(content / "sources.yml")
    fill(sources, SOURCE_TEXT + (("title",) if nav else ()), payload)
    write(content / "sources.yml", sources)
    measures = read(content / "measures.yml")
    fill(measures, MEASURE_TEXT, payload)
    write(content / "measures.yml", measures)
    claims = read(content / "claims" / "figures.yml")
    fill(claims, CLAIM_TEXT, payload)
    claims[0]["evidence"].append({"source": "update", "quote": payload})
    write(content / "claims" / "figures.yml", claims)
    questions = read(content / "questions.yml")
    fill(questions, QUESTION_TEXT, payload)
    write(content / "questions.yml", questions)
    with (root / "seeds" / "report.txt").open("a", encoding="utf-8") as article:
        article.write("\n" + payload + "\n")
    return root


class VisibleText(HTMLParser):
    """Collect the text a reader sees: everything outside script, style and tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "title"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self.hidden = max(self.hidden - 1, 0)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def collapse(text: str) -> str:
    """Fold white space the way HTML shows it."""
    return re.sub(r"\s+", " ", text).strip()


def visible_text(html: str) -> str:
    """The whitespace-collapsed visible text of an HTML page."""
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return collapse(" ".join(parser.parts))


def build(tmp: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    """Run a strict `briefing site` build in-process; return status, stderr and the site."""
    config = mkdocs_config(tmp / "config", root / "content", root / "seeds")
    site = tmp / "site"
    status = cli.main(["site", "--config", str(config), "--site-dir", str(site)])
    return status, capsys.readouterr().err, site


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_payload_stays_text(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    payload = PAYLOADS[name]
    root = hostile_briefing(tmp_path, payload)
    status, err, site = build(tmp_path, root, capsys)
    assert status == 0, err
    assert scan_site(site) == []
    pages = {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
    }
    shown = {path: visible_text(html) for path, html in pages.items()}
    wanted = collapse(payload)
    article = shown["sources/update/index.html"]
    assert article.count(wanted) >= 2, "the article text and its quote show the payload as text"
    assert shown["index.html"].count(wanted) >= 2, "summary and key judgment show it as text"
    assert wanted in shown["claims/damage/index.html"], "claims show it as text"
    everything = " ".join(shown.values())
    assert "root:x:0:0" not in everything
    assert " 49 " not in f" {everything} " or "{{" not in payload


def test_titles_in_the_navigation_stay_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = "</title><script>alert(1)</script><img src=x onerror=alert(2)>"
    root = hostile_briefing(tmp_path, payload, nav=True)
    status, err, site = build(tmp_path, root, capsys)
    assert status == 0, err
    assert scan_site(site) == []


def test_hostile_titles_never_reach_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = "<img src=x onerror=alert(2)>"
    root = hostile_briefing(tmp_path, payload, nav=True)
    status, err, site = build(tmp_path, root, capsys)
    assert status == 0, err
    assert scan_site(site) == []
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "&lt;img src=x onerror=alert(2)&gt;" in pages, "the titles are in the navigation"
    assert payload not in pages


def test_a_site_that_fails_the_scan_leaves_the_previous_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    # A navigation that forgot to escape its titles: the theme writes them as HTML.
    monkeypatch.setattr(nav, "title", lambda text: text)
    root = hostile_briefing(tmp_path, "<img src=x onerror=alert(2)>", nav=True)
    status, err, _ = build(tmp_path, root, capsys)
    assert status == 1
    assert "[scan-event-handler]" in err and "was left as it was" in err
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
    assert not [
        p for p in tmp_path.iterdir() if ".site.staging-" in p.name or ".site.old-" in p.name
    ]


def test_mkdocs_config_enables_no_file_or_template_inclusion() -> None:
    from tests.conftest import ROOT

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    names = [
        next(iter(entry)) if isinstance(entry, dict) else entry
        for key in ("markdown_extensions", "plugins")
        for entry in config.get(key) or []
    ]
    assert "briefing" in names and "attr_list" in names, "the test reads the real config"
    for name in names:
        # snippets reads files (--8<-- "/etc/passwd"), b64 inlines local files,
        # macros runs Jinja on page text ({{ 7*7 }}).
        assert not any(bad in name for bad in ("snippets", "b64", "macros")), name


class _IgnoreTags(yaml.SafeLoader):
    """Read mkdocs.yml, whose !ENV tags are MkDocs' own, as plain data."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


# Payloads aimed at the parts written as HTML blocks (figure tables, claim blocks, claim
# lists): closing their elements early, breaking out of an attribute, or posing as a link
# to a generated page, which the plugin rewrites in those blocks.
BLOCK_PAYLOADS = {
    "table-breakout": "</td></tr></table><script>alert(1)</script>",
    "quote-breakout": "</p></blockquote><img src=x onerror=alert(1)>",
    "list-breakout": "</li></ul><iframe src=javascript:alert(1)></iframe>",
    "href-breakout": '" onmouseover="alert(1)',
    "page-link": '<a href="../index.md#x">x</a>',
}


def element_text(html: str, start: str, end: str) -> str:
    """The visible text of every element from `start` to its `end` on a page."""
    found = re.findall(re.escape(start) + ".*?" + re.escape(end), html, re.S)
    assert found, f"no {start} on the page"
    return " ".join(visible_text(part) for part in found)


@pytest.mark.parametrize("name", sorted(BLOCK_PAYLOADS))
def test_payload_in_html_blocks_stays_text(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = BLOCK_PAYLOADS[name]
    root = hostile_briefing(tmp_path, payload)
    status, err, site = build(tmp_path, root, capsys)
    assert status == 0, err
    assert scan_site(site) == []
    wanted = collapse(payload)
    claims = (site / "claims" / "damage" / "index.html").read_text(encoding="utf-8")
    figures = (site / "estimates" / "index.html").read_text(encoding="utf-8")
    source = (site / "sources" / "update" / "index.html").read_text(encoding="utf-8")
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert wanted in element_text(figures, "<table>", "</table>"), "claimant in the table"
    assert wanted in element_text(claims, "<blockquote>", "</blockquote>"), "the quote"
    assert wanted in element_text(claims, "<p>", "</p>"), "statement and note"
    assert wanted in element_text(source, "<ul>", "</ul>"), "the claims citing the source"
    assert wanted in element_text(timeline, "<ul>", "</ul>"), "the timeline's claims"
    for page in (claims, figures, source, timeline):
        assert payload not in page
