"""Article texts: each source's text read, checked and indexed once; every quote found in it."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from generator.content.load import (
    Article,
    article_path_problem,
    display_name,
    read_article,
    resolved,
)
from generator.content.models import Claim
from generator.content.quotes import IndexedText, fold, invisible_chars
from generator.content.validate import AnyItem, Content, Item
from generator.errors import Problem, shorten
from generator.speed.reuse import NO_MEMO, Memo

AT_TEXT_FIELD = frozenset({"io", "too-large", "empty-text"})
DIFF_SHOWN = 12  # characters of the quote and of the text shown where they first differ


def article_problems(item: AnyItem, article: Article) -> list[Problem]:
    """Place a problem with the file as a whole at the source's text field; keep the rest."""
    out = []
    for problem in article.problems:
        if problem.code in AT_TEXT_FIELD:
            at = item.problem(("text",), problem.message, problem.code, shorten(item.model.text))
            out.append(at)
        else:
            hint = f"{problem.hint}; it is the text of source '{item.model.id}'"
            out.append(replace(problem, hint=hint if problem.hint else None))
    return out


def read_source_text(item: AnyItem, root: Path, seeds_dir: Path) -> Article:
    """Read one source's text file, checking where it lies and that it is unchanged."""
    source = item.model
    wrong = article_path_problem(source.text, root, seeds_dir)
    if wrong:
        problem = item.problem(("text",), wrong, "bad-text-path", shorten(source.text))
        return Article(None, problems=[problem])
    path = root / source.text
    if not path.exists():  # article_path_problem has already stat'ed every part of it
        problem = item.problem(("text",), "no such file", "missing-text", shorten(source.text))
        return Article(None, problems=[problem])
    name = display_name(path)
    article = read_article(path, name)
    problems = article_problems(item, article)
    if article.text is not None and source.sha256 and article.sha256 != source.sha256:
        message = "the text file changed since it was curated (its SHA-256 differs)"
        hint = f"check the quotes against the new text, then set sha256: {article.sha256}"
        problems.append(item.problem(("sha256",), message, "text-changed", None, hint))
    return replace(article, problems=problems, name=name)


def load_articles(
    content: Content, root: Path, seeds_dir: Path, memo: Memo = NO_MEMO
) -> tuple[dict[str, IndexedText], list[Problem], dict[str, str]]:
    """Read and index each source's text once; also return the texts to show in reports.

    With a memo, a text unchanged since the last build is not indexed again.
    """
    texts: dict[str, IndexedText] = {}
    problems: list[Problem] = []
    shown: dict[str, str] = {}
    resolved.cache_clear()  # folders may have moved since the last run in this process
    for item in content.sources:
        article = read_source_text(item, root, seeds_dir)
        problems.extend(article.problems)
        if article.shown is not None:
            shown[article.name] = article.shown
        if article.text is not None:
            texts[item.model.id] = indexed(item.model.text, article.text, article.name, memo)
    return texts, problems, shown


def indexed(key: str, text: str, name: str, memo: Memo) -> IndexedText:
    """Fold a text for quote search, or take the folded copy made of the same text."""
    return memo.made(key, (text, name), lambda: IndexedText(text, name))


def quote_rules(
    content: Content, texts: dict[str, IndexedText], memo: Memo = NO_MEMO
) -> list[Problem]:
    """Every quote occurs in its source's text; invisible control characters are flagged.

    With a memo, a claim checked against the same texts before is not checked again.
    """
    problems: list[Problem] = []
    for item in content.claims:
        sources = tuple(texts.get(ev.source) for ev in item.model.evidence)
        found = partial(claim_quotes, item, texts)
        problems.extend(memo.made(item.model.id, (item, sources), found))
    return problems


def claim_quotes(item: Item[Claim], texts: dict[str, IndexedText]) -> list[Problem]:
    """The quote problems of one claim: hidden characters, quotes its source's text lacks."""
    problems: list[Problem] = []
    for i, ev in enumerate(item.model.evidence):
        at = ("evidence", i, "quote")
        hidden = invisible_chars(ev.quote)
        if hidden:
            message = "invisible control characters in the quote: " + ", ".join(hidden)
            hint = "remove them: they change how a text is shown, not what it says"
            problems.append(item.problem(at, message, "hidden-characters", shorten(ev.quote), hint))
        text = texts.get(ev.source)
        if text is None or text.contains(ev.quote):
            continue
        hint = closest_hint(text, ev.quote)
        message = f"quote not found in the text of source '{ev.source}'"
        problems.append(item.problem(at, message, "quote-not-found", shorten(ev.quote), hint))
    return problems


def closest_hint(text: IndexedText, quote: str) -> str:
    """Show the passage most like a quote, where it is, and where the two first differ."""
    found = text.closest(quote)
    if not found.passage:
        return "no passage of the text is like it"
    line, col = text.line_col(found.start)
    hint = f'closest passage, at {text.name}:{line}:{col}: "{shorten(found.passage, 160)}"'
    quote_part = fold(quote)[found.differs : found.differs + DIFF_SHOWN]
    text_part = found.passage[found.passage_differs : found.passage_differs + DIFF_SHOWN]
    return (
        f"{hint}; the quote first differs at its character {found.differs + 1}: "
        f'"{quote_part}" where the text has "{text_part}"'
    )
