"""The serve-time page cache: search entries replayed, templates compiled once, the banner."""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment

from generator.site.banner import with_banner
from generator.site.pagecache import CompiledTemplates, PageCache, Rendered, wrap_search


class FakeFile:
    def __init__(self, uri: str) -> None:
        self.src_uri = uri


class FakePage:
    def __init__(self, uri: str) -> None:
        self.file = FakeFile(uri)


class FakeIndex:
    def __init__(self) -> None:
        self.entries: list[dict[str, str]] = []
        self.parsed: list[str] = []

    def add_entry_from_context(self, page: Any) -> None:
        self.parsed.append(page.file.src_uri)
        self.entries.append({"location": page.file.src_uri, "text": "parsed"})


class FakeSearch:
    def __init__(self) -> None:
        self.search_index = FakeIndex()


def cache_with(uri: str) -> PageCache:
    cache = PageCache()
    cache.begin("shape", {uri: ("markdown", None, "")})
    cache.pages[uri] = Rendered(("markdown", None, ""), "<p>x</p>", [], None, set(), {})
    return cache


def test_search_entries_of_a_rebuilt_page_are_kept_and_replayed_when_reused() -> None:
    cache = cache_with("a.md")
    cache.reused = set()  # the first build: nothing is reused
    search = FakeSearch()
    wrap_search([search], cache)
    search.search_index.add_entry_from_context(FakePage("a.md"))
    assert cache.pages["a.md"].search == [{"location": "a.md", "text": "parsed"}]

    cache.reused = {"a.md"}  # the next build reuses the page
    again = FakeSearch()
    wrap_search([again], cache)
    again.search_index.add_entry_from_context(FakePage("a.md"))
    assert again.search_index.parsed == [], "a reused page is not parsed again"
    assert again.search_index.entries == [{"location": "a.md", "text": "parsed"}]


def test_pages_not_in_the_cache_are_indexed_as_usual() -> None:
    cache = cache_with("a.md")
    search = FakeSearch()
    wrap_search([search, object()], cache)  # plugins without an index are left alone
    search.search_index.add_entry_from_context(FakePage("b.md"))
    assert search.search_index.parsed == ["b.md"]


class CountingTemplates(CompiledTemplates):
    def __init__(self) -> None:
        super().__init__()
        self.compiled = 0

    def dump_bytecode(self, bucket: Any) -> None:
        self.compiled += 1
        super().dump_bytecode(bucket)


def test_theme_templates_are_compiled_once_per_process() -> None:
    cache = CountingTemplates()
    sources = {"page.html": "<p>{{ x }}</p>"}
    first = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert first.get_template("page.html").render(x=1) == "<p>1</p>"
    second = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert second.get_template("page.html").render(x=2) == "<p>2</p>"
    assert cache.compiled == 1, "the second environment loaded the compiled code"
    edited = Environment(loader=DictLoader({"page.html": "<b>{{ x }}</b>"}), bytecode_cache=cache)
    assert edited.get_template("page.html").render(x=3) == "<b>3</b>"
    assert cache.compiled == 2, "an edited template is compiled again"


def test_the_error_banner_opens_the_content_or_else_the_body() -> None:
    themed = '<body class="x"><article class="md-content__inner md-typeset"><h1>T</h1>'
    assert with_banner(themed, "<div>B</div>") == (
        '<body class="x"><article class="md-content__inner md-typeset"><div>B</div><h1>T</h1>'
    )
    plain = "<html><body><p>text</p></body></html>"
    assert with_banner(plain, "<div>B</div>") == "<html><body><div>B</div><p>text</p></body></html>"
