"""Which figures in the article texts no claim quotes yet: a to-do list for editors.

Every figure the number reader finds counts (generator/content/numbers.py,
`figures`: digits, number words, vague plurals, ranges, money, percentages; not
years, dates, times, ages, ordinals, designators, phone numbers or ids). A figure
is covered when one of the quotes of a claim citing that source includes it
whole; a quoted sentence with an unquoted second figure leaves that figure
uncovered. Each uncovered figure is listed with its file:line:col, its sentence
and the quantity read from it.

Figure words rank the list, they never decide it: a figure counting people,
money, damage or one of the briefing's measure units (troops, killed, dollars,
homes, percent, ...; FIGURE_WORDS and the units in measures.yml) comes first,
then figures no quote anywhere in the briefing mentions, then by place.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.content.check import Checked
from generator.content.numbers import Figure, figures
from generator.content.quotes import IndexedText, fold
from generator.errors import LINE_BREAK
from generator.report import visible


def words(text: str) -> frozenset[str]:
    """A set of words written as one text, for long word lists."""
    return frozenset(text.split())


WINDOW = 6  # a figure word at most this many words before or after the figure ranks it
FIGURE_WORDS = words(
    """
    troop troops soldier soldiers servicemen servicemembers personnel forces force fighters
    men women children people others civilians residents officer officers general generals
    sailors seamen crew crews workers migrants refugees patients hostages passengers
    evacuees families households homes houses buildings bodies
    killed dead died deaths death wounded injured injuries injury casualties casualty
    captured prisoners missing evacuated displaced deployed sent toll losses damaged
    destroyed damage rescued
    dollars dollar euros pounds yen yuan won rubles roubles rupees money percent
    tonnes tons shells rounds missiles hectares acres cattle livestock animals
    vessels boats ships bridges roads vehicles
    estimate estimates estimated estimating
    """
)
LINE = re.compile("[^\r\n\x85\u2028\u2029]+")  # a line's text; LINE_BREAK ends it
WORD = re.compile(r"[A-Za-z]+")
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
    """A figure of an article text, where it is, its sentence, and whether a quote covers it."""

    source: str
    file: str
    line: int
    col: int
    sentence: Sentence
    figure: Figure
    covered: bool
    weight: int  # how strongly figure words mark it: 2 its unit, 1 a word near it, 0 none
    quoted: bool  # some quote of the briefing mentions the same figure

    def rank_key(self) -> tuple[int, bool, str, int, int]:
        """Figures marked by figure words first, then those quoted nowhere, then by place."""
        return (-self.weight, self.quoted, self.file, self.line, self.col)


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


def sentence_of(found: Sequence[Sentence], offset: int) -> Sentence | None:
    """The sentence holding an offset, if any."""
    return next((s for s in found if s.start <= offset < s.end), None)


def weight(figure: Figure, sentence: Sentence, units: frozenset[str]) -> int:
    """2 when the figure counts a figure word, 1 when one is near it, else 0."""
    counted = set(figure.unit.lower().split())
    if counted & units or {w.rstrip("s") for w in counted} & units:
        return 2
    before = sentence.text[: figure.start - sentence.start]
    after = sentence.text[figure.end - sentence.start :]
    near = [*WORD.findall(before)[-WINDOW:], *WORD.findall(after)[:WINDOW]]
    return int(any(w.lower() in units or w.lower().rstrip("s") in units for w in near))


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


def is_covered(figure: Figure, spans: Sequence[tuple[int, int]]) -> bool:
    """True when one quote includes the whole figure."""
    return any(a <= figure.start and figure.end <= b for a, b in spans)


def source_findings(
    source_id: str,
    file: str,
    article: IndexedText,
    spans: Sequence[tuple[int, int]],
    units: frozenset[str],
    quotes: str,
) -> list[Finding]:
    """Every figure of one source, and whether a quote covers it."""
    text = article.text
    found = []
    split = sentences(text)
    for figure in figures(text):
        sentence = sentence_of(split, figure.start) or Sentence(
            figure.start, figure.end, figure.text
        )
        line, col = position(text, figure.start)
        found.append(
            Finding(
                source_id,
                file,
                line,
                col,
                sentence,
                figure,
                is_covered(figure, spans),
                weight(figure, sentence, units),
                mentioned(figure.text, quotes),
            )
        )
    return found


def scan(checked: Checked) -> list[Finding]:
    """Every figure of every source text, covered or not."""
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
    """Figures no quote covers, the most likely to need a claim first."""
    return rank(f for f in scan(checked) if not f.covered)


def rank(findings: Iterable[Finding]) -> list[Finding]:
    """Order findings: marked by figure words, then quoted nowhere, then by place."""
    return sorted(findings, key=Finding.rank_key)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """A sentence on one line, shortened, with hidden characters shown."""
    flat = " ".join(text.split())
    return visible(flat if len(flat) <= limit else flat[: limit - 3] + "...")


def format_finding(finding: Finding, root: str = "") -> str:
    """One figure as FILE:LINE:COL: the quantity read, as written, then its sentence."""
    file = posixpath.join(root, finding.file) if root not in ("", ".") else finding.file
    written = " ".join(finding.figure.text.split())
    head = f"{file}:{finding.line}:{finding.col}: {finding.figure.describe()} ('{written}')"
    if not finding.quoted:
        head += ", quoted nowhere"
    return visible(head + "\n") + f'    "{excerpt(finding.sentence.text)}"'


def format_coverage(findings: Sequence[Finding], root: str = "") -> str:
    """Uncovered figures, ranked, then how many figures quotes cover."""
    missing = rank(f for f in findings if not f.covered)
    total = len(findings)
    covered = total - len(missing)
    share = f" ({100 * covered // total}%)" if total else ""
    lines = [format_finding(f, root) for f in missing]
    lines.append(
        f"coverage: {covered} of {total} figure{'s' * (total != 1)} "
        f"{'is' if covered == 1 else 'are'} covered by a quote{share}; "
        f"{len(missing)} {'is' if len(missing) == 1 else 'are'} not."
    )
    return "\n".join(lines)
