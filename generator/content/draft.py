"""Claim drafts for the figures of one source that no quote includes yet.

For each uncovered figure (generator/content/coverage.py) a draft claim is made:

- `statement`: the figure's sentence, marked "REWORD:" for the editor to write it in
  the briefing's own words;
- `claimant`: who the sentence attributes it to ("X said", "said X", "according to X",
  "X told", "X estimates", "X puts the toll at"), the nearest attribution before the
  figure, else the first after it; the source's publisher when there is none;
- `date`: a date the sentence names, resolved against the published date ("on Monday"
  is the last Monday on or before it, "last Thursday" the one before it, "15 March" in
  the published year or the year before, "in January", "last year", "today",
  "yesterday"); else the published date;
- `measure`: an existing measure whose unit is the counted noun, the one whose label
  shares most words with the words around the figure; else a proposed new measure;
- `value` or `low`/`high`, and `qualifier`, as the number reader reads the figure
  ("no fewer than 160": at least 160; "some 2,100": about 2,100; vague plurals at
  least their lowest reading);
- `evidence`: the sentence itself, so the quote check and the figure check pass by
  construction.

Every value the editor must confirm carries a comment saying where it came from. Ids
are readable slugs (claimant, noun, figure) that collide with no claim id and no other
draft. The module is pure: `cli/editor.py` prints or appends what it returns.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from generator.content.check import Checked
from generator.content.coverage import Finding, uncovered
from generator.content.models import MAX_ID, MAX_QUOTE, Source
from generator.content.numbers import Figure, figures, word_set
from generator.content.skeleton import yaml_value

MARK = "REWORD: "
DRAFT_TOPIC = "drafts"
PRONOUNS = word_set("he she it they we i you this that which who")
# A verb of attribution: its subject (before it) or, inverted, its object (after it).
SAYING = (
    r"said|says|say|told|tells|estimated|estimates|estimate|reported|reports|stated|states"
    r"|confirmed|confirms|announced|announces|claimed|claims|noted|notes"
    r"|puts?\s+the\s+(?:toll|number|figure|damage|count|cost|losses)\s+at"
)
# Verbs in lower case only: "States" in "the United States" says nothing.
SUBJECT_SAYS = re.compile(rf"(?P<who>[^,;:\"“”—–(]+?)\s+(?P<verb>{SAYING})\b")
SAYS_SUBJECT = re.compile(
    rf"[,”\"]\s*(?P<verb>{SAYING})\s+(?P<who>[^.;\"“”]+?)(?=,\s+(?:who|which|adding)\b|[.;]|$)"
)
ACCORDING = re.compile(r"\b(?P<verb>according to)\s+(?P<who>[^,.;:\"“”—]+)", re.IGNORECASE)
# "is estimated to", "an estimated 4,000": a verb of attribution that names no one.
# "a more conservative estimate", "the latest reports": the verb is a noun there.
PASSIVE = re.compile(
    r"(?:^|\s)(?:is|was|are|were|be|been|being|an|a|the|this|that|its|their|his|her|more|less"
    r"|new|latest|previous|initial|official|first|conservative|higher|lower|own)$",
    re.IGNORECASE,
)
LEADING = re.compile(r"^(?:(?:and|but|while|as|so|then|meanwhile|however)\s+)*", re.IGNORECASE)
MAX_CLAIMANT_WORDS = 10
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DAY_MONTH = re.compile(rf"\b(?P<day>[0-9]{{1,2}})\s+{MONTH}(?:\s+(?P<year>[0-9]{{4}}))?\b", re.I)
MONTH_DAY = re.compile(
    rf"\b{MONTH}\s+(?P<day>[0-9]{{1,2}})\b(?:,?\s+(?P<year>[0-9]{{4}})\b)?", re.IGNORECASE
)
WEEKDAY = re.compile(rf"\b(?P<last>last\s+)?(?P<weekday>{'|'.join(WEEKDAYS)})\b", re.IGNORECASE)
MONTH_ONLY = re.compile(
    rf"\b(?:in|last|since|during)\s+{MONTH}(?:\s+(?P<year>[0-9]{{4}}))?\b", re.I
)
RELATIVE = re.compile(r"\b(?P<word>today|yesterday|last year|this year)\b", re.IGNORECASE)
# "up from the 2,980": a second figure, the earlier value of the figure before it.
EARLIER = re.compile(
    r"\b(?:up|down|rising|falling|compared|against|revised)\s+(?:from|with|to)\s+"
    r"(?:the\s+|an?\s+)?(?:earlier\s+|previous\s+|initial\s+)?$",
    re.IGNORECASE,
)
CLAUSE = re.compile(r"[,;:()]")
WINDOW_BEFORE = 4
WINDOW_AFTER = 8
STOP_WORDS = word_set(
    "the a an of in on at to from for by with and or but that who which was were is are be been "
    "had has have it its their his her this these those as than more them they he she we us "
    "our you"
)


@dataclass(frozen=True)
class Proposed:
    """A measure a draft proposes, for the editor to confirm or merge."""

    id: str
    label: str
    unit: str


@dataclass(frozen=True)
class Draft:
    """One claim draft, with where each of its values came from."""

    id: str
    statement: str
    claimant: str
    claimant_from: str
    topic: str
    date: str
    date_from: str
    measure: str
    measure_from: str
    figure: Figure
    source: str
    quote: str
    line: int
    col: int


def drafts(checked: Checked, source_id: str) -> tuple[list[Draft], list[Proposed]]:
    """A draft claim for every uncovered figure of a source, in text order."""
    source = next(s.model for s in checked.content.sources if s.model.id == source_id)
    found = sorted(
        (f for f in uncovered(checked) if f.source == source_id), key=lambda f: f.figure.start
    )
    taken = {c.model.id for c in checked.content.claims} | set(checked.content.broken_ids)
    measure_ids = {m.model.id for m in checked.content.measures}
    proposed: dict[str, Proposed] = {}
    made: list[Draft] = []
    for finding in found:
        draft = draft_of(checked, source, finding, taken, measure_ids, proposed)
        taken.add(draft.id)
        made.append(draft)
    return made, list(proposed.values())


def draft_of(
    checked: Checked,
    source: Source,
    finding: Finding,
    taken: set[str],
    measure_ids: set[str],
    proposed: dict[str, Proposed],
) -> Draft:
    """The draft of one uncovered figure."""
    text = finding.sentence.text
    offset = finding.figure.start - finding.sentence.start
    claimant, claimant_from = attribution(text, offset) or (
        source.publisher,
        "the publisher: the sentence attributes the figure to no one",
    )
    end = finding.figure.end - finding.sentence.start
    date, date_from = resolve_date(text, source.published, offset, end)
    near = words_near(text, offset, end, bool(finding.figure.unit))
    counted = with_earlier_unit(finding.figure, text, offset)
    matched = match_measure(checked, counted, near)
    if matched is None:
        proposal = propose(counted, near, measure_ids, proposed)
        measure, measure_from = proposal.id, "proposed: a new measure, see measures.yml"
    else:
        measure, measure_from = matched
    ident = unique(slug_id(claimant, finding.figure, measure), taken)
    quote = quote_of(finding)
    return Draft(
        ident,
        MARK + " ".join(quote.split()),
        claimant,
        claimant_from,
        topic_of(checked, measure),
        date,
        date_from,
        measure,
        measure_from,
        finding.figure,
        source.id,
        quote,
        finding.line,
        finding.col,
    )


def with_earlier_unit(figure: Figure, text: str, offset: int) -> Figure:
    """A figure that names no noun but updates the one before it ("4,321 homes, up from the
    2,980") counts what that one counts."""
    if figure.unit or not EARLIER.search(text[:offset]):
        return figure
    before = [f for f in figures(text) if f.end <= offset and f.unit]
    return replace(figure, unit=before[-1].unit) if before else figure


def quote_of(finding: Finding) -> str:
    """The figure's sentence, or a stretch of it around the figure when it is too long."""
    text = finding.sentence.text
    if len(text) <= MAX_QUOTE:
        return text
    at = finding.figure.start - finding.sentence.start
    start = text.rfind(" ", 0, max(0, at - 200)) + 1
    end = text.find(" ", min(len(text), at + len(finding.figure.text) + 200))
    return text[start : len(text) if end < 0 else end]


# Attribution


def attribution(text: str, offset: int) -> tuple[str, str] | None:
    """Who the sentence attributes its figure to, and the words that say so."""
    found: list[tuple[int, str, str]] = []
    for pattern in (ACCORDING, SUBJECT_SAYS, SAYS_SUBJECT):
        for match in pattern.finditer(text):
            who = claimant_words(match["who"])
            if who and not (pattern is SUBJECT_SAYS and PASSIVE.search(match["who"])):
                found.append((match.start(), who, " ".join(match["verb"].split())))
    if not found:
        return None
    before = [f for f in found if f[0] <= offset]
    _, who, verb = max(before) if before else min(found)
    return who, f"the attribution '{verb}'"


def claimant_words(raw: str) -> str | None:
    """A claimant's name from the words of an attribution, or None for a pronoun."""
    words = LEADING.sub("", " ".join(raw.split())).strip(" ,.'\"“”‘’")
    words = re.sub(r"^(?:the)\s+", "", words, flags=re.IGNORECASE)
    words = re.sub(r"(?:\s+[a-z]+ly)+$", "", words)  # "Ostrova recently"
    parts = words.split()
    if not parts or len(parts) > MAX_CLAIMANT_WORDS or parts[0].lower() in PRONOUNS:
        return None
    if any(ch.isdigit() for ch in words):
        return None  # a figure, not a name
    return words[0].upper() + words[1:]


# Dates


def resolve_date(text: str, published: str, start: int, end: int) -> tuple[str, str]:
    """The date named nearest the figure in its sentence, resolved against the published
    date, and how; the published date when the sentence names none."""
    found: list[tuple[int, int, tuple[str, str]]] = []
    for pattern, resolve in DATE_FORMS:
        for match in pattern.finditer(text):
            resolved = resolve(match, published)
            if resolved is not None:
                gap = match.start() - end if match.start() >= end else start - match.end()
                found.append((max(gap, 0), match.start(), resolved))
    if found:
        return min(found)[2]
    return published, "the published date: the sentence names no date"


def full_date(published: str) -> datetime.date | None:
    """The published date when it names a day."""
    try:
        return datetime.date.fromisoformat(published) if len(published) == 10 else None
    except ValueError:
        return None


def month_number(name: str) -> int:
    """1 for 'January', 'Jan' or 'jan.'."""
    key = name.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(key))


def in_year(year: int, month: int, published: str) -> int:
    """The year of a month named without one: the published year, or the one before."""
    if len(published) >= 7 and month > int(published[5:7]):
        return year - 1
    return year


def day_and_month(match: re.Match[str], published: str) -> tuple[str, str] | None:
    """'15 March 2031', 'March 15', 'Feb. 8'."""
    month, day = month_number(match["month"]), int(match["day"])
    year = int(match["year"]) if match["year"] else in_year(int(published[:4]), month, published)
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return None
    said = " ".join(match.group().split())
    return date.isoformat(), f"'{said}' in the sentence, published {published}"


def weekday(match: re.Match[str], published: str) -> tuple[str, str] | None:
    """'on Monday' is the last Monday on or before the published day; 'last Monday' before it."""
    day = full_date(published)
    if day is None:
        return None
    want = WEEKDAYS.index(match["weekday"].lower())
    back = (day.weekday() - want) % 7
    if match["last"] and back == 0:
        back = 7
    date = day - datetime.timedelta(days=back)
    said = " ".join(match.group().split())
    return date.isoformat(), f"'{said}' resolved against the published date {published}"


def month_only(match: re.Match[str], published: str) -> tuple[str, str] | None:
    """'in January', 'last October', 'in January 2025': some time in that month."""
    month = month_number(match["month"])
    year = int(match["year"]) if match["year"] else in_year(int(published[:4]), month, published)
    said = " ".join(match.group().split())
    return f"{year:04d}-{month:02d}", f"'{said}' resolved against the published date {published}"


def relative(match: re.Match[str], published: str) -> tuple[str, str] | None:
    """'today', 'yesterday', 'last year', 'this year'."""
    word = match["word"].lower()
    day = full_date(published)
    year = int(published[:4])
    if word == "last year":
        date = str(year - 1)
    elif word == "this year":
        date = str(year)
    elif day is None:
        return None
    else:
        date = (day - datetime.timedelta(days=int(word == "yesterday"))).isoformat()
    return date, f"'{match['word']}' resolved against the published date {published}"


Resolver = Callable[[re.Match[str], str], tuple[str, str] | None]
DATE_FORMS: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    (DAY_MONTH, day_and_month),
    (MONTH_DAY, day_and_month),
    (WEEKDAY, weekday),
    (MONTH_ONLY, month_only),
    (RELATIVE, relative),
)


# Measures


STEM = 6  # words match on their first letters: "deployed" and "deployment"


def stem(word: str) -> str:
    """A word folded for matching: lower case, no plural s, at most its first six letters."""
    word = word.lower().strip("'’")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:STEM]


def content_words(text: str) -> list[str]:
    """The words of a text that say something, in lower case."""
    return [w.lower() for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in STOP_WORDS]


def words_near(text: str, start: int, end: int, counted: bool = True) -> list[str]:
    """The content words of the figure's clause: a few before it, several after it, none
    past another figure. A figure that names no noun takes the words after it, or two
    before when none follow: the words before more often belong to another figure."""
    later = [f.start for f in figures(text) if f.start >= end]
    earlier = [f.end for f in figures(text) if f.end <= start]
    clause = max(
        [earlier[-1] if earlier else 0, *(m.end() for m in CLAUSE.finditer(text, 0, start))]
    )
    after = content_words(CLAUSE.split(text[end : later[0] if later else len(text)])[0])
    before = content_words(text[clause:start])[-WINDOW_BEFORE:]
    if counted:
        return before + after[:WINDOW_AFTER]
    return after[:WINDOW_AFTER] or before[-2:]


def match_measure(checked: Checked, figure: Figure, near: Sequence[str]) -> tuple[str, str] | None:
    """The existing measure counting this figure's noun whose label fits best, and why."""
    unit = {stem(w) for w in re.findall(r"[A-Za-z]+", figure.unit)} - {"u"}
    around = {stem(w) for w in near} | unit
    candidates: list[tuple[tuple[int, int, int], str, str]] = []
    for order, item in enumerate(checked.content.measures):
        m = item.model
        units = {stem(w) for w in re.findall(r"[A-Za-z]+", m.unit)}
        label = {stem(w) for w in content_words(f"{m.label} {m.id.replace('-', ' ')}")}
        same_unit = bool(unit & units)
        shared = len(label & around)
        if not (same_unit or unit & label or shared >= 2):
            continue
        why = f"matched by its unit '{m.unit}'" if same_unit else "matched by its label"
        candidates.append(((int(same_unit), shared, -order), m.id, why))
    if not candidates:
        return None
    _, ident, why = max(candidates)
    return ident, why


def propose(
    figure: Figure, near: Sequence[str], taken: set[str], proposed: dict[str, Proposed]
) -> Proposed:
    """A new measure for a figure no measure counts: named by its noun and nearby words."""
    unit = figure.unit or "number"
    noun = [w for w in re.findall(r"[A-Za-z]+", figure.unit) if w.lower() not in STOP_WORDS]
    words = noun or [w for w in near if w not in STOP_WORDS][:2] or ["figure"]
    ident = slug("-".join(words))[:MAX_ID] or "figure"
    if ident in proposed:
        return proposed[ident]
    ident = unique(ident, taken)
    label = " ".join(words).capitalize()
    proposal = Proposed(ident, label, unit)
    proposed[proposal.id] = proposal
    taken.add(proposal.id)
    return proposal


def topic_of(checked: Checked, measure: str) -> str:
    """The topic most claims of a measure have, or 'drafts'."""
    topics = Counter(c.model.topic for c in checked.content.claims if c.model.measure == measure)
    return topics.most_common(1)[0][0] if topics else DRAFT_TOPIC


# Ids


def slug(text: str) -> str:
    """Lower-case words joined by '-'."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def figure_slug(figure: Figure) -> str:
    """'4321', '1000-3000', '7-4': the figure as an id part."""
    ends = [figure.value] if figure.value is not None else [figure.low, figure.high]
    return "-".join(slug(f"{e:g}" if e % 1 else str(int(e))) for e in ends if e is not None)


def slug_id(claimant: str, figure: Figure, measure: str) -> str:
    """A readable id: claimant, what is counted, the figure ('police-people-160')."""
    who = [w for w in re.findall(r"[A-Za-z0-9]+", claimant) if w.lower() not in STOP_WORDS]
    counted = slug(figure.unit.replace(" of ", " ")) or measure
    parts = [slug(" ".join(who[:2])), counted, figure_slug(figure)]
    ident = "-".join(p for p in parts if p)
    return ident[:MAX_ID].rstrip("-_") if len(ident) > MAX_ID else ident


def unique(ident: str, taken: set[str]) -> str:
    """The id, or the id with the first free '-2', '-3', ... when it is taken."""
    if ident not in taken:
        return ident
    n = 2
    while f"{ident[: MAX_ID - 1 - len(str(n))]}-{n}" in taken:
        n += 1
    return f"{ident[: MAX_ID - 1 - len(str(n))]}-{n}"


# YAML


def claims_yaml(made: Sequence[Draft], source: Source) -> str:
    """The drafts as a YAML list, with a comment on every value to confirm."""
    header = [
        f"# Drafts from `briefing draft {source.id}` ({one_line(source.publisher)}, "
        f"{source.published}):",
        "# one claim per figure no quote included. Reword each statement, confirm every",
        "# value marked 'confirm', then delete these comments.",
    ]
    return "\n".join([*header, *(line for d in made for line in draft_lines(d))]) + "\n"


def draft_lines(d: Draft) -> list[str]:
    """One draft as YAML lines."""
    lines = [
        f"- id: {d.id}  # figure at line {d.line}, column {d.col}: '{one_line(d.figure.text)}'",
        f"  statement: {yaml_value(d.statement)}  # reword in the briefing's own words",
        f"  claimant: {yaml_value(d.claimant)}  # confirm: {d.claimant_from}",
        f"  topic: {d.topic}  # confirm",
        f"  date: {d.date}  # confirm: {d.date_from}",
        f"  measure: {d.measure}  # confirm: {d.measure_from}",
        *figure_lines(d.figure),
        "  evidence:",
        f"    - source: {d.source}",
        f"      quote: {yaml_value(d.quote)}",
    ]
    return lines


def figure_lines(figure: Figure) -> list[str]:
    """value, or low and high, and the qualifier, as read from the figure."""
    read = f"  # read as {figure.describe()}"
    if figure.value is not None:
        lines = [f"  value: {plain(figure.value)}{read}"]
    else:
        lines = [f"  low: {plain(figure.low or 0)}{read}", f"  high: {plain(figure.high or 0)}"]
    if figure.qualifier:
        lines.append(f"  qualifier: {yaml_value(figure.qualifier)}")
    return lines


def plain(value: float) -> str:
    """A number as YAML takes it: no separators, no needless decimals."""
    return str(int(value)) if float(value).is_integer() else repr(value)


def one_line(text: str) -> str:
    """Text for a comment: one line, no quote marks that could confuse a reader."""
    return " ".join(text.split()).replace("'", "’")


def measures_yaml(proposals: Sequence[Proposed], source: Source) -> str:
    """Proposed measures as YAML, each marked for the editor to confirm."""
    if not proposals:
        return ""
    lines = [
        f"# Measures proposed by `briefing draft {source.id}`: confirm each label and unit,",
        "# or point the drafts at an existing measure and delete the proposal.",
    ]
    for p in proposals:
        lines += [
            f"- id: {p.id}  # confirm",
            f"  label: {yaml_value(p.label)}  # confirm: named after the figure's noun",
            f"  unit: {yaml_value(p.unit)}  # confirm",
        ]
    return "\n".join(lines) + "\n"
