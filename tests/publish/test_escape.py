"""Property tests for generator/publish/escape.py: any text renders as that text, never as markup.

Each escaped string goes through Python-Markdown with the extensions mkdocs.yml
enables (attr_list, tables, toc) plus admonition and footnotes, to be safe.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from generator.publish import escape
from generator.publish.escape import INLINE, inline, literal, md

EXTENSIONS = ["attr_list", "tables", "toc", "admonition", "footnotes"]
SNIPPETS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><b>',
    "[x](javascript:alert(1))",
    "![x](data:text/html;base64,AAAA)",
    "[docs]: javascript:alert(1)",
    "{: onclick=alert(1) }",
    "{: #search }",
    "{#id}",
    '!!! note "x"',
    "[^1]",
    "[^1]: note",
    '=== "x"',
    '--8<-- "/etc/passwd"',
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "&lt;",
    "&#60;",
    "&amp;",
    "| a | b |",
    "| - | - |",
    "# ",
    "## x",
    "1. ",
    "- ",
    "* ",
    "> ",
    "    ",
    "```",
    "~~~",
    "***",
    "---",
    "===",
    "  \n",
    "\n\n",
    "\\",
    "<!--",
    "-->",
    "<http://example.org>",
    "<a@example.org>",
    "*",
    "**",
    "_",
    "`",
    "x*y*",
    "**b**",
    "`c`",
]
# Text as content fields hold it: models refuse control characters other than white space.
TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r ")
ANY_CHARS = st.characters(blacklist_categories=("Cs",))
CONTENT_TEXT = st.lists(st.sampled_from(SNIPPETS) | st.text(TEXT_CHARS, max_size=8)).map("".join)
ANY_TEXT = st.lists(st.sampled_from(SNIPPETS) | st.text(ANY_CHARS, max_size=8)).map("".join)


class Structure(HTMLParser):
    """Collect the elements, attributes and text of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.text.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.text.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.tags.append("!--")

    def handle_decl(self, decl: str) -> None:
        self.tags.append("!decl")

    def handle_pi(self, data: str) -> None:
        self.tags.append("?pi")


def render(markdown_text: str) -> Structure:
    """Render Markdown as MkDocs would and parse the result."""
    out = markdown.markdown(markdown_text, extensions=EXTENSIONS)
    parsed = Structure()
    parsed.feed(out)
    parsed.close()
    return parsed


def collapse(text: str) -> str:
    """Fold white space the way a reader sees it."""
    return re.sub(r"\s+", " ", text).strip()


def shown(parsed: Structure) -> str:
    """The visible text: character references resolved, white space folded."""
    return collapse(html.unescape("".join(parsed.text)))


@settings(max_examples=300, deadline=None)
@given(CONTENT_TEXT)
def test_md_renders_exactly_the_text(text: str) -> None:
    parsed = render(md(text))
    assert set(parsed.tags) <= {"p"}
    assert parsed.attributes == []
    assert shown(parsed) == collapse(text)


@settings(max_examples=300, deadline=None)
@given(CONTENT_TEXT)
def test_literal_renders_exactly_the_text(text: str) -> None:
    parsed = render("x" + literal(text) + "x")
    assert set(parsed.tags) <= {"p"}
    assert parsed.attributes == []
    assert shown(parsed) == collapse("x" + re.sub(r"\s+", " ", text) + "x")


@settings(max_examples=500, deadline=None)
@given(st.text())
@example("a\u00a0b")
@example("a\u2028b")
@example("a\x1fb")
@example("a  b")
def test_collapse_fast_path_agrees_with_the_regex(text: str) -> None:
    assert escape.collapse(text) == re.sub(r"\s+", " ", text)


def without_markers(text: str) -> str:
    """The text inline() shows: its *em*, **strong** and `code` markers removed."""
    flat = collapse(text)
    return INLINE.sub(lambda m: next(g for g in m.groups() if g is not None), flat)


@settings(max_examples=300, deadline=None)
@given(CONTENT_TEXT)
def test_inline_makes_only_emphasis_and_code(text: str) -> None:
    parsed = render(inline(text))
    assert set(parsed.tags) <= {"p", "em", "strong", "code"}
    assert parsed.attributes == []
    assert shown(parsed) == collapse(without_markers(text))


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
@example("\x0260\x03script\x0262\x03")  # Python-Markdown's own placeholder characters
@example("\x02wzxhzdk:0\x03")
@example("\x00<\x00script>")
def test_no_character_makes_markup(text: str) -> None:
    for escaped, allowed in ((md(text), {"p"}), (inline(text), {"p", "em", "strong", "code"})):
        parsed = render(escaped)
        assert set(parsed.tags) <= allowed
        assert parsed.attributes == []


def test_known_payloads_render_as_text() -> None:
    for snippet in SNIPPETS:
        assert shown(render(md(snippet))) == collapse(snippet)


def note_link(ident: str, label: str) -> str:
    """The link a page puts for a note's [id], as publish/render.py builds it."""
    return f"[{md(label)}](../claims/x.md#claim-{ident})"


@settings(max_examples=300, deadline=None)
@given(CONTENT_TEXT, CONTENT_TEXT)
def test_note_references_become_links_and_nothing_else_does(text: str, label: str) -> None:
    assume("`" not in text)  # a code span keeps a reference as text (the next test)
    note = f"{text} see [known-id] and [unknown-id] {text}"
    parsed = render(inline(note, {"known-id": note_link("known-id", label)}))
    assert set(parsed.tags) <= {"p", "em", "strong", "code", "a"}
    assert parsed.tags.count("a") >= 1
    assert {name for name, _ in parsed.attributes} == {"href"}
    assert {value for _, value in parsed.attributes} == {"../claims/x.md#claim-known-id"}
    assert "[unknown-id]" in shown(parsed)


def test_a_reference_in_code_stays_text() -> None:
    out = inline("`[a-b]` and [a-b] and *[a_b]*", {"a-b": "LINK", "a_b": "OTHER"})
    assert out.startswith("<code>&#91;a&#45;b&#93;</code>")
    assert out.count("LINK") == 1
    assert "<em>OTHER</em>" in out
