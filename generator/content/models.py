"""The content model: one strict pydantic model per content file and item.

Field-level rules live here (types, enums, slugs, dates, numbers, URLs);
rules that span fields or files live in validate.py and analyse.py.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from generator.content.yamlstrict import PlainStr

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
MAX_ID = 64
MAX_LINE = 300
MAX_TEXT = 4000
MAX_QUOTE = 2000
MAX_DIGITS = 15
MIN_YEAR = 1000
MAX_CLAIMS_PER_PAGE = 100_000
MAX_STALE_DAYS = 36500

LIKELIHOODS = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)
Likelihood = Literal[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
]
Qualifier = Literal["about", "at least", "up to", "more than", "fewer than"]
Status = Literal["reported", "confirmed", "disputed", "denied", "superseded", "erroneous"]
ErrorKind = Literal["date", "figure", "statement"]  # what is wrong in an erroneous claim
Reliability = Literal["A", "B", "C", "D", "E", "F"]
PageKind = Literal["overview", "estimates", "reactions", "questions", "timeline", "gaps", "sources"]
QuestionStatus = Literal["open", "partly-answered", "answered"]

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # category Cc except tab and newline
DATE_PATTERN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
NUMBER_PATTERN = re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\Z")


def check_partial_date(text: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD naming a real date."""
    match = DATE_PATTERN.match(text)
    if not match:
        raise ValueError("expected a date as YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    if year is not None and year < MIN_YEAR:
        raise ValueError(f"expected a year from {MIN_YEAR} to 9999")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month:02d} does not exist; expected 01 to 12")
    if day is not None and month is not None and year is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{year}-{month:02d} has no day {day:02d}; expected 01 to {last}")
    return text


def check_text(text: str) -> str:
    """Refuse text that is empty, blank, or carries control characters."""
    if not text.strip():
        raise ValueError("expected text; found only white space")
    control = CONTROL.search(text)
    if control:
        raise ValueError(f"control character U+{ord(control.group()):04X} is not allowed in text")
    return text


def check_http_url(text: str) -> str:
    """Accept only absolute http(s) URLs with a host, and nothing that hides another scheme."""
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zs") for c in text):
        raise ValueError("expected an http(s) URL without spaces or control characters")
    try:
        parts = urlsplit(text)
    except ValueError as error:
        raise ValueError(f"expected an http(s) URL ({error})") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("expected an http:// or https:// URL with a host")
    return text


def parse_number(value: Any) -> Any:
    """Read a number written plainly in YAML; refuse quoted or ambiguous spellings."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("expected a number")
    if not isinstance(value, str):
        return value
    if not isinstance(value, PlainStr):
        raise ValueError("expected a number; found quoted text (remove the quotes)")
    compact = value.replace("_", "").replace(",", "")
    if compact != value and NUMBER_PATTERN.match(compact):
        raise ValueError(f"write numbers without separators, e.g. {compact}")
    if re.match(r"^-?0[0-9]", value):
        raise ValueError(f"leading zeros are ambiguous (YAML 1.1 reads {value} as octal)")
    if not NUMBER_PATTERN.match(value):
        raise ValueError("expected a number such as 1200 or 2.5")
    if len(value.split(".")[0].lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"expected a number below 10^{MAX_DIGITS}")
    return float(value) if "." in value else int(value)


def parse_whole(value: Any) -> Any:
    """Read a whole number (a grade, a count of days) written plainly in YAML."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and not isinstance(value, PlainStr):
        raise ValueError("expected a whole number; found quoted text (remove the quotes)")
    if not isinstance(value, PlainStr) or not re.fullmatch(r"-?[0-9]{1,15}", value):
        raise ValueError("expected a whole number such as 2")
    return int(value)


def null_to_empty_list(value: Any) -> Any:
    """Let an empty list key stand for an empty list."""
    return [] if value is None else value


Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        max_length=MAX_ID,
        description="a slug: lower-case letters, digits, '-' and '_'",
    ),
]
PartialDate = Annotated[
    str,
    AfterValidator(check_partial_date),
    Field(description="YYYY-MM-DD, YYYY-MM or YYYY; a partial date means 'some time in'"),
]
Line = Annotated[str, Field(max_length=MAX_LINE), AfterValidator(check_text)]
Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(check_text)]
Quote = Annotated[str, Field(max_length=MAX_QUOTE), AfterValidator(check_text)]
Url = Annotated[str, Field(max_length=2000), AfterValidator(check_http_url)]
Number = Annotated[float | int, BeforeValidator(parse_number), Field(ge=0)]
SlugList = Annotated[list[Slug], BeforeValidator(null_to_empty_list)]


class Strict(BaseModel):
    """Base for content models: unknown fields are errors, values are never coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class KeyJudgment(Strict):
    """An analytic judgment with an ICD 203 likelihood and the claims it rests on."""

    text: Text = Field(description="the judgment, Markdown for inline formatting")
    likelihood: Likelihood = Field(description="an ICD 203 likelihood term")
    claims: SlugList = Field(
        default_factory=list, description="ids of the claims the judgment rests on"
    )


class PageSpec(Strict):
    """One page of the briefing site."""

    kind: PageKind = Field(description="what the page shows")
    title: Line | None = Field(default=None, description="the page title; a default per kind")
    slug: Slug | None = Field(default=None, description="the page's file name; a default per kind")
    topics: SlugList | None = Field(
        default=None, description="only claims of these topics (all when absent)"
    )
    measures: SlugList | None = Field(
        default=None, description="only figures of these measures (all when absent)"
    )


class Briefing(Strict):
    """briefing.yml: the briefing's title, bottom line, date and page list."""

    title: Line = Field(description="the briefing's title")
    summary: Text = Field(description="bottom line up front, Markdown")
    as_of: PartialDate = Field(description="the date the briefing is current to")
    key_judgments: list[KeyJudgment] = Field(
        default_factory=list, description="analytic judgments with ICD 203 likelihoods"
    )
    pages: list[PageSpec] | None = Field(
        default=None, description="the site's briefing pages in order; a default set when absent"
    )
    stale_after_days: Annotated[int, BeforeValidator(parse_whole)] = Field(
        default=90,
        ge=1,
        le=MAX_STALE_DAYS,
        description="a figure older than this many days before as_of is stale "
        "when a newer figure of the same measure exists",
    )
    claims_per_page: Annotated[int, BeforeValidator(parse_whole)] = Field(
        default=200,
        ge=10,
        le=MAX_CLAIMS_PER_PAGE,
        description="the most claims a topic or timeline page lists, and the most figures "
        "the figures page holds; a longer list is split into one page per month (or year), "
        "long months cut into pieces; longer figures get one page per measure",
    )


class Source(Strict):
    """An article or statement that claims cite."""

    id: Slug = Field(description="the source's id")
    title: Line = Field(description="headline")
    publisher: Line = Field(description="outlet or issuing body")
    author: Line | None = Field(default=None, description="byline")
    url: Url | None = Field(default=None, description="the original's address, http(s) only")
    published: PartialDate = Field(description="publication date")
    text: str = Field(
        max_length=500,
        description="path of the plain-text copy, relative to the briefing folder "
        "(the parent of the content folder), inside the seeds folder",
    )
    reliability: Reliability = Field(
        default="F",
        description="Admiralty source reliability: A completely reliable .. E unreliable, "
        "F cannot be judged",
    )
    sha256: Annotated[str, Field(pattern=SHA256_PATTERN)] | None = Field(
        default=None,
        description="SHA-256 of the text file as curated; the build refuses an edited text",
    )
    note: Text | None = Field(default=None, description="editor's note on the source")


class Measure(Strict):
    """A quantity that several claims may estimate."""

    id: Slug = Field(description="the measure's id")
    label: Line = Field(description="what is counted, e.g. 'people evacuated'")
    unit: Line = Field(description="the unit, e.g. 'people' or 'US dollars'")
    description: Text | None = Field(default=None, description="what is and is not counted")
    sum_of: SlugList | None = Field(
        default=None,
        description="ids of measures this one is the sum of (e.g. killed or wounded = "
        "killed + wounded); a claimant's parts then give a derived total",
    )


class Evidence(Strict):
    """A passage of a source that supports a claim."""

    source: Slug = Field(description="a source id")
    quote: Quote = Field(description="an exact passage of that source's text")


class Claim(Strict):
    """Who says what, as of when, backed by quoted passages."""

    id: Slug = Field(description="unique across all claim files; anchor 'claim-<id>'")
    statement: Text = Field(description="the claim in the briefing's own words")
    claimant: Line = Field(description="who asserts it (not the outlet that reported it)")
    originator: Line | None = Field(
        default=None,
        description="whose figure or finding it first was, when the claimant relays someone "
        "else's (claimant 'lawmakers', originator 'the intelligence agency'); absent: the "
        "claimant's own. Corroboration counts originators, so a relay never corroborates "
        "its origin",
    )
    topic: Slug = Field(description="groups claims for pages, e.g. 'casualties'")
    date: PartialDate | None = Field(
        default=None, description="when the fact holds or the event happened"
    )
    actor: Line | None = Field(
        default=None, description="for a reaction: the country or organisation that acts"
    )
    measure: Slug | None = Field(default=None, description="a measure id; then a figure")
    value: Number | None = Field(default=None, description="the figure, when a single number")
    low: Number | None = Field(default=None, description="lower end of a range")
    high: Number | None = Field(default=None, description="upper end of a range")
    qualifier: Qualifier | None = Field(default=None, description="how the figure is hedged")
    status: Status = Field(default="reported", description="where the claim stands")
    superseded_by: Slug | None = Field(
        default=None, description="the claim that replaces it (with status superseded)"
    )
    error: ErrorKind | None = Field(
        default=None,
        description="with status erroneous, what is wrong: 'date' (the date it gives; the "
        "timeline lists it apart with its note, not in that period), 'figure' or 'statement'",
    )
    credibility: Annotated[int, BeforeValidator(parse_whole), Field(ge=1, le=6)] | None = Field(
        default=None,
        description="Admiralty information credibility: 1 confirmed .. 5 improbable, "
        "6 cannot be judged",
    )
    evidence: Annotated[list[Evidence], Field(min_length=1)] = Field(
        description="one or more quoted passages that support the claim"
    )
    note: Text | None = Field(default=None, description="editor's note, Markdown")


class Question(Strict):
    """An open question: why it matters, the evidence so far, what would settle it."""

    id: Slug = Field(description="the question's id")
    question: Line = Field(description="the question")
    why_it_matters: Text = Field(description="why the answer matters")
    claims: SlugList = Field(default_factory=list, description="ids of claims that bear on it")
    would_resolve: Text = Field(description="what would settle it")
    status: QuestionStatus = Field(default="open", description="open, partly-answered, answered")
    note: Text | None = Field(default=None, description="editor's note")
