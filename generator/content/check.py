"""load -> validate -> rules: every problem of a briefing, or checked content."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.content.articles import load_articles, quote_rules
from generator.content.figurequotes import figure_rules
from generator.content.lint import wording_problems
from generator.content.load import load_content
from generator.content.quotes import IndexedText
from generator.content.rules import cross_file_problems
from generator.content.validate import Content, validate_content
from generator.errors import Problem, Problems, sorted_problems
from generator.speed.reuse import NO_REUSE, Reuse


@dataclass(frozen=True)
class Settings:
    """Where a briefing lives: its content folder and its seeds folder."""

    content_dir: Path
    seeds_dir: Path

    @property
    def root(self) -> Path:
        """The briefing folder, against which source text paths are resolved."""
        return self.content_dir.parent


@dataclass
class Checked:
    """A briefing whose content passed every check, with its article texts."""

    content: Content
    articles: dict[str, IndexedText]
    warnings: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


def check(settings: Settings, reuse: Reuse = NO_REUSE) -> Checked:
    """Load and check a briefing; raise BriefingError listing every problem.

    With a `reuse` that keeps (a long-running process's), unchanged files are taken as they were.
    """
    raw = load_content(settings.content_dir, reuse.parsed)
    problems = Problems(list(raw.problems))
    content = validate_content(raw, reuse.validated)
    problems.extend(content.problems)
    articles, article_problems, shown = load_articles(
        content, settings.root, settings.seeds_dir, reuse.indexed
    )
    problems.extend(article_problems)
    problems.extend(quote_rules(content, articles, reuse.quoted))
    problems.extend(figure_rules(content, reuse.figured))
    problems.extend(cross_file_problems(content))
    problems.extend(wording_problems(content, reuse.worded))
    unique = list(dict.fromkeys(problems.items))
    problems = Problems(unique)
    problems.raise_if_errors({**shown, **raw.texts})
    return Checked(content, articles, sorted_problems(problems.warnings), raw.texts)
