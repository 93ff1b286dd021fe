"""The banner a serving site shows on every page while the content has errors."""

from __future__ import annotations

import html

from generator.errors import BriefingError
from generator.report import format_report

ARTICLE_START = '<article class="md-content__inner md-typeset">'


def serve_report(error: BriefingError) -> str:
    """The report `briefing check` prints for these problems, as serve shows it: the last
    good site stays, so the summary does not say that nothing was written."""
    return format_report(error.problems, error.texts, wrote_nothing=False)


def error_banner(error: BriefingError) -> str:
    """A block shown on every page while the content has errors (serve only): the same
    report as `briefing check`, with each problem's line, caret and hint."""
    return (
        '<div class="bf-errors" role="alert"><p><strong>The content has errors; '
        "showing the last good version.</strong></p>"
        f'<pre class="bf-report"><code>{html.escape(serve_report(error))}</code></pre></div>\n'
    )


def with_banner(output: str, banner: str) -> str:
    """Put the error banner at the top of a page's content (or of its body)."""
    at = output.find(ARTICLE_START)
    if at >= 0:
        at += len(ARTICLE_START)
    else:
        body = output.find("<body")
        at = output.find(">", body) + 1 if body >= 0 else 0
    return output[:at] + banner + output[at:]
