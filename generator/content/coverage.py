"""Which figures in the article texts no claim quotes yet: a to-do list for editors.

A sentence states a figure when it holds a number (digits, or number words such
as "hundreds" or "tens of thousands") within a few words of a figure word
(troops, soldiers, killed, wounded, dollars, people, casualties, officers, ...,
and the words of the briefing's measure units), or a number with a unit sign
($, %). A sentence is covered when any claim quotes a passage of the same source
that overlaps it. Uncovered sentences come first when they are dense with figures
that no quote anywhere in the briefing mentions.

Heuristic by design: it points editors at passages to read, it does not judge them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.content.check import Checked
from generator.content.quotes import IndexedText, fold
from generator.errors import LINE_BREAK
from generator.report import visible


def words(text: str) -> frozenset[str]:
    """A set of words written as one text, for long word lists."""
    return frozenset(text.split())


WINDOW = 6  # a figure word at most this many words before or after the number
FIGURE_WORDS = words(
    """
    troop troops soldier soldiers servicemen servicemembers personnel forces force fighters
    men women children people others civilians residents officer officers general generals
    sailors seamen crew crews workers migrants refugees patients hostages
    killed dead died deaths death wounded injured injuries injury casualties casualty
    captured prisoners missing evacuated displaced deployed sent toll losses
    dollars dollar euros won rubles roubles tonnes tons shells rounds missiles
    percent estimate estimates estimated estimating
    """
)
NUMBER_WORDS = words(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions billion billions dozen dozens tens
    """
)
JOINERS = frozenset({"of", "a", "and", "to"})  # "tens of thousands", "two to three thousand"
MONTHS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
LINE = re.compile("[^\r\n\x85\u2028\u2029]+")  # a line's text; LINE_BREAK ends it
TOKEN = re.compile(r"[$€£]?[0-9](?:[0-9,.]*[0-9])?%?|[A-Za-z]+")
YEAR = re.compile(r"^(1[89]|20)[0-9]{2}$")
BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|St|No|Rep|Sen|Gov|Prof|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|approx)\.)$"
)
EXCERPT = 160


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article text: where it starts and ends in the text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    """A sentence that states figures, where it is, and whether a quote covers it."""

    source: str
    file: str
    line: int
    col: int
    text: str
    figures: tuple[str, ...]
    unquoted: tuple[str, ...]
    covered: bool

    def rank_key(self) -> tuple[int, int, str, int, int]:
        """Figures no quote mentions first, then dense sentences, then by place."""
        return (-len(self.unquoted), -len(self.figures), self.file, self.line, self.col)


def sentences(text: str) -> list[Sentence]:
    """Split a text into sentences, line by line, keeping their offsets."""
    found: list[Sentence] = []
    for row in LINE.finditer(text):
        line, offset, start = row.group(), row.start(), 0
        for match in BOUNDARY.finditer(line):
            if ABBREVIATION.search(line[: match.start()]):
                continue
            found.extend(piece(line, start, match.start(), offset))
            start = match.end()
        found.extend(piece(line, start, len(line), offset))
    return found


def piece(line: str, start: int, end: int, offset: int) -> list[Sentence]:
    """One sentence of a line, trimmed of outer white space; none when blank."""
    chunk = line[start:end]
    if not chunk.strip():
        return []
    lead = len(chunk) - len(chunk.lstrip())
    body = chunk.strip()
    return [Sentence(offset + start + lead, offset + start + lead + len(body), body)]


def is_number(token: str, before: str, after: str, prev_word: str) -> bool:
    """Tell whether a token is a figure's number, not a year, a day, a code or an ordinal."""
    if token.lower() in NUMBER_WORDS:
        return True
    if not token[:1].isdigit() and token[:1] not in "$€£":
        return False
    if before.isalpha() or before == "-" or after.isalpha():
        return False  # KN-23, 77th, F16
    return not (YEAR.match(token) or prev_word.lower() in MONTHS)


def figures_in(text: str, units: frozenset[str]) -> list[str]:
    """The figures a sentence states: numbers within a few words of a figure word."""
    tokens = list(TOKEN.finditer(text))
    lowered = [t.group().lower() for t in tokens]
    figures: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        before = text[t.start() - 1] if t.start() else " "
        after = text[t.end()] if t.end() < len(text) else " "
        prev_word = lowered[i - 1] if i else ""
        if not is_number(t.group(), before, after, prev_word):
            i += 1
            continue
        j = run_end(lowered, i)
        if has_unit(t.group(), lowered, i, j, units):
            figures.append(text[t.start() : tokens[j].end()])
        i = j + 1
    return figures


def run_end(words: Sequence[str], i: int) -> int:
    """The last token of a run of number words such as 'tens of thousands'."""
    j = i
    while j + 2 < len(words) and words[j + 1] in JOINERS and words[j + 2] in NUMBER_WORDS:
        j += 2
    while j + 1 < len(words) and words[j + 1] in NUMBER_WORDS:
        j += 1
    return j


def has_unit(token: str, words: Sequence[str], i: int, j: int, units: frozenset[str]) -> bool:
    """A unit sign on the number, or a figure word within the window around it."""
    if token[:1] in "$€£" or token.endswith("%"):
        return True
    near = [*words[max(0, i - WINDOW) : i], *words[j + 1 : j + 1 + WINDOW]]
    return any(w in units or w.rstrip("s") in units for w in near)


def unit_words(checked: Checked) -> frozenset[str]:
    """The figure words, with the words of the briefing's own measure units."""
    extra = {
        w.lower()
        for m in checked.content.measures
        for w in re.findall(r"[A-Za-z]{3,}", m.model.unit)
    }
    return FIGURE_WORDS | extra


def quote_spans(checked: Checked) -> dict[str, list[tuple[int, int]]]:
    """Where each source's text is quoted by any claim: (start, end) offsets."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for item in checked.content.claims:
        for ev in item.model.evidence:
            text = checked.articles.get(ev.source)
            where = text.find(ev.quote) if text is not None else None
            if where is not None:
                spans.setdefault(ev.source, []).append(where)
    return spans


def quoted_text(checked: Checked) -> str:
    """Every quote of the briefing, folded and lower-cased, one per line."""
    return "\n".join(
        fold(ev.quote).lower() for item in checked.content.claims for ev in item.model.evidence
    )


def mentioned(figure: str, quotes: str) -> bool:
    """Tell whether a figure occurs in any quote, as a whole word or number."""
    needle = re.escape(fold(figure).lower())
    return re.search(rf"(?<![0-9a-z,.]){needle}(?![0-9a-z]|[,.][0-9])", quotes) is not None


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of an offset in a text."""
    lines = LINE_BREAK.split(text[:offset])
    return len(lines), len(lines[-1]) + 1


def source_findings(
    source_id: str,
    file: str,
    article: IndexedText,
    spans: Sequence[tuple[int, int]],
    units: frozenset[str],
    quotes: str,
) -> list[Finding]:
    """Every sentence of one source that states a figure, and whether a quote covers it."""
    found = []
    for s in sentences(article.text):
        figures = figures_in(s.text, units)
        if not figures:
            continue
        covered = any(a < s.end and s.start < b for a, b in spans)
        unquoted = tuple(f for f in figures if not mentioned(f, quotes))
        line, col = position(article.text, s.start)
        found.append(Finding(source_id, file, line, col, s.text, tuple(figures), unquoted, covered))
    return found


def scan(checked: Checked) -> list[Finding]:
    """Every sentence of every source text that states a figure, covered or not."""
    units = unit_words(checked)
    spans = quote_spans(checked)
    quotes = quoted_text(checked)
    found: list[Finding] = []
    for item in checked.content.sources:
        article = checked.articles.get(item.model.id)
        if article is not None:
            found.extend(
                source_findings(
                    item.model.id,
                    item.model.text,
                    article,
                    spans.get(item.model.id, []),
                    units,
                    quotes,
                )
            )
    return found


def uncovered(checked: Checked) -> list[Finding]:
    """Sentences stating a figure that no quote covers, most in need of a claim first."""
    return rank(f for f in scan(checked) if not f.covered)


def rank(findings: Iterable[Finding]) -> list[Finding]:
    """Order findings: unquoted figures first, then figure-dense sentences, then by place."""
    return sorted(findings, key=Finding.rank_key)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """A sentence on one line, shortened, with hidden characters shown."""
    flat = " ".join(text.split())
    return visible(flat if len(flat) <= limit else flat[: limit - 3] + "...")


def format_finding(finding: Finding, root: str = "") -> str:
    """One finding as FILE:LINE:COL: counts, figures and the sentence."""
    file = posixpath.join(root, finding.file) if root not in ("", ".") else finding.file
    count = len(finding.figures)
    words = f"{count} figure{'s' * (count != 1)}"
    if finding.unquoted:
        words += f", {len(finding.unquoted)} quoted nowhere ({'; '.join(finding.unquoted)})"
    shown = "; ".join(finding.figures)
    return visible(f"{file}:{finding.line}:{finding.col}: {words} [{shown}]\n") + (
        f'    "{excerpt(finding.text)}"'
    )


def format_coverage(findings: Sequence[Finding], root: str = "") -> str:
    """Uncovered sentences, ranked, then how many figure sentences quotes cover."""
    missing = rank(f for f in findings if not f.covered)
    total = len(findings)
    covered = total - len(missing)
    share = f" ({100 * covered // total}%)" if total else ""
    lines = [format_finding(f, root) for f in missing]
    lines.append(
        f"coverage: {covered} of {total} sentence{'s' * (total != 1)} stating a figure "
        f"{'is' if covered == 1 else 'are'} covered by a quote{share}; "
        f"{len(missing)} {'is' if len(missing) == 1 else 'are'} not."
    )
    return "\n".join(lines)
