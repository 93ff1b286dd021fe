"""Open data: the briefing's claims, figures and sources as JSON and CSV.

data_files(view) gives the files a site publishes beside its pages:

    data/claims.json                 claims with their quotes resolved, measures, figures
    data/estimates.csv               one row per figure of the figure analysis
    data/sources.json                every source, with the claims that cite it
    data/schema/claims.schema.json   JSON Schema of data/claims.json
    data/schema/sources.schema.json  JSON Schema of data/sources.json

The export models below define both the files and their schemas, so the two
cannot drift apart. Bytes are deterministic: sorted keys, fixed order of rows.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from generator.publish.reads import Projector, parse_reads
from generator.speed.reuse import NO_MEMO, Memo
from generator.view.claimview import Citation, ClaimView
from generator.view.figures import FigureRow, MeasureFigures
from generator.view.labels import RELIABILITY
from generator.view.views import BriefingView, Passage, SourceView

DIALECT = "https://json-schema.org/draft/2020-12/schema"
Number = int | float
CSV_COLUMNS = (
    "measure",
    "claimant",
    "originator",
    "figure",
    "low",
    "high",
    "value",
    "qualifier",
    "date",
    "status",
    "role",
    "derived",
    "originators",
    "reports",
    "claims",
    "sources",
)
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Export(BaseModel):
    """Base for exported records: every field described, nothing else allowed."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PassageOut(Export):
    """A quoted passage behind a claim, located in its source's text."""

    source: str = Field(description="the source's id")
    quote: str = Field(description="the passage as the claim quotes it")
    anchor: str = Field(description="the passage's anchor on the source page")
    page: str = Field(description="the source page, relative to the site root")
    start: int | None = Field(description="character offset where the passage starts")
    end: int | None = Field(description="character offset where the passage ends")


class ClaimOut(Export):
    """A claim with its figure and its quoted evidence."""

    id: str = Field(description="the claim's id")
    statement: str = Field(description="the claim in the briefing's own words")
    claimant: str = Field(description="who asserts it")
    originator: str | None = Field(
        description="whose figure or finding it first was, when the claimant relays it"
    )
    topic: str = Field(description="the topic that groups it")
    date: str | None = Field(description="when the fact holds: YYYY-MM-DD, YYYY-MM or YYYY")
    actor: str | None = Field(description="for a reaction: who acts")
    measure: str | None = Field(description="the measure its figure estimates")
    value: Number | None = Field(description="the figure, when a single number")
    low: Number | None = Field(description="lower end of a range")
    high: Number | None = Field(description="upper end of a range")
    qualifier: str | None = Field(description="how the figure is hedged")
    figure: str = Field(description="the figure as written on the site; empty without one")
    status: str = Field(description="reported, confirmed, disputed, denied, superseded, erroneous")
    current: bool = Field(description="false for superseded and erroneous claims")
    superseded_by: str | None = Field(description="the claim that replaces it")
    credibility: int | None = Field(description="Admiralty information credibility, 1 to 6")
    note: str | None = Field(description="editor's note")
    page: str = Field(description="the page that shows the claim, relative to the site root")
    anchor: str = Field(description="the claim's anchor on that page")
    evidence: list[PassageOut] = Field(description="the quoted passages that support it")


class FigureOut(Export):
    """One figure of a measure: stated by a claim, or derived from a claimant's parts."""

    measure: str = Field(description="the measure's id")
    claimant: str = Field(description="who gives the figure")
    originator: str = Field(
        description="whose figure it first was: the claimant's own, or the one it relays"
    )
    figure: str = Field(description="the figure as written on the site")
    low: Number = Field(description="the lowest value the figure allows")
    high: Number | None = Field(description="the highest value it allows; null when open-ended")
    date: str | None = Field(description="when the figure holds")
    status: str = Field(description="the stating claim's status, or 'derived'")
    role: str = Field(
        description="current, history (an earlier, different figure), reaffirmed (an earlier "
        "statement of the same figure), superseded or erroneous"
    )
    derived: bool = Field(description="true when summed from the claimant's parts")
    originators: int = Field(
        description="distinct originators agreeing within 10% (relays count as their origin)"
    )
    reports: int = Field(description="distinct (claim, source) reports behind the agreement")
    claims: list[str] = Field(description="ids of the stating claim, or of the parts")
    sources: list[str] = Field(description="ids of the sources quoted by those claims")


class SpreadOut(Export):
    """The spread of a measure's current figures."""

    low: Number | None = Field(
        description="lowest number stated by a reported or confirmed current figure"
    )
    high: Number | None = Field(
        description="highest number stated by those figures (an open end is not a number)"
    )
    open_above: bool = Field(description="true when one of them is open upwards ('at least')")
    text: str = Field(description="the spread as the site writes it, open ends kept")
    originators: int = Field(description="distinct originators of those figures")
    contested: bool = Field(
        description="true when figures of different originators do not overlap; disputed "
        "figures never make a measure contested"
    )
    clashes: list[list[str]] = Field(
        description="pairs of claim ids (or derived claimants) whose figures do not overlap"
    )
    disputed: list[str] = Field(
        description="current disputed figures, shown beside the spread but never in it, as "
        "claim ids"
    )


class DiscrepancyOut(Export):
    """One claimant reported as saying different things."""

    claimant: str = Field(description="the claimant")
    message: str = Field(description="what differs")
    claims: list[str] = Field(description="ids of the claims involved")


class MeasureOut(Export):
    """A measure with every figure of it."""

    id: str = Field(description="the measure's id")
    label: str = Field(description="what is counted")
    unit: str = Field(description="the unit")
    description: str | None = Field(description="what is and is not counted")
    sum_of: list[str] = Field(description="ids of the measures this one is the sum of")
    spread: SpreadOut = Field(description="the spread of current figures")
    figures: list[FigureOut] = Field(description="every figure, current ones first")
    discrepancies: list[DiscrepancyOut] = Field(description="reporting discrepancies")


class BriefingOut(Export):
    """The briefing the data belongs to."""

    title: str = Field(description="the briefing's title")
    summary: str = Field(description="bottom line up front")
    as_of: str = Field(description="the date the briefing is current to")


class ClaimsFile(Export):
    """data/claims.json: claims, measures and derived figures of a briefing."""

    briefing: BriefingOut = Field(description="the briefing")
    claims: list[ClaimOut] = Field(description="every claim, by id")
    measures: list[MeasureOut] = Field(description="every measure, in the briefing's order")
    derived: list[FigureOut] = Field(description="figures derived by summing a claimant's parts")


class SourceOut(Export):
    """A source with its grade and the claims that cite it."""

    id: str = Field(description="the source's id")
    title: str = Field(description="headline")
    publisher: str = Field(description="outlet or issuing body")
    author: str | None = Field(description="byline")
    url: str | None = Field(description="the original's address")
    published: str = Field(description="publication date")
    reliability: str = Field(description="Admiralty source reliability, A to F")
    reliability_label: str = Field(description="the reliability grade in words")
    sha256: str | None = Field(description="SHA-256 of the text file as curated")
    note: str | None = Field(description="editor's note")
    page: str = Field(description="the source page, relative to the site root")
    claims: list[str] = Field(description="ids of the claims that cite it")
    passages: int = Field(description="how many quoted passages the page highlights")


class SourcesFile(Export):
    """data/sources.json: every source of a briefing."""

    sources: list[SourceOut] = Field(description="every source, in the briefing's order")


def num(x: float | None) -> Number | None:
    """A number as JSON writes it best: whole numbers as integers, infinity as null."""
    if x is None or math.isinf(x):
        return None
    return int(x) if float(x).is_integer() else x


def passage_out(view: BriefingView, cit: Citation, spot: Passage | None) -> PassageOut:
    """One citation with the offsets of its passage in the source text."""
    source = view.sources[cit.source.id]
    return PassageOut(
        source=cit.source.id,
        quote=cit.quote,
        anchor=cit.anchor,
        page=source.path,
        start=spot.start if spot else None,
        end=spot.end if spot else None,
    )


def claim_out(view: BriefingView, claim: ClaimView, spots: dict[str, Passage]) -> ClaimOut:
    """A claim as exported; `spots` are the quoted passages by anchor."""
    c = claim.claim
    return ClaimOut(
        id=c.id,
        statement=c.statement,
        claimant=c.claimant,
        originator=c.originator,
        topic=c.topic,
        date=c.date,
        actor=c.actor,
        measure=c.measure,
        value=c.value,
        low=c.low,
        high=c.high,
        qualifier=c.qualifier,
        figure=claim.figure,
        status=c.status,
        current=claim.current,
        superseded_by=c.superseded_by,
        credibility=c.credibility,
        note=c.note,
        page=claim.home,
        anchor=claim.anchor,
        evidence=[passage_out(view, c, spots.get(c.anchor)) for c in claim.citations],
    )


def row_sources(row: FigureRow) -> list[str]:
    """The ids of the sources quoted by a figure's claims, in order of first citation."""
    return list(dict.fromkeys(cit.source.id for c in row.claims for cit in c.citations))


def figure_out(row: FigureRow) -> FigureOut:
    """A figure row as exported."""
    return FigureOut(
        measure=row.measure_id,
        claimant=row.claimant,
        originator=row.originator,
        figure=row.figure,
        low=num(row.interval.low) or 0,
        high=num(row.interval.high),
        date=row.date.text if row.date else None,
        status=row.status,
        role=row.role,
        derived=row.derived,
        originators=row.originators,
        reports=row.reports,
        claims=[c.id for c in row.claims],
        sources=row_sources(row),
    )


def row_id(row: FigureRow) -> str:
    """A figure's id in exports: its claim's id, or 'derived:' and the claimant."""
    return f"derived:{row.claimant}" if row.derived else row.claims[0].id


def measure_out(m: MeasureFigures) -> MeasureOut:
    """A measure with its spread, figures and discrepancies."""
    return MeasureOut(
        id=m.measure.id,
        label=m.measure.label,
        unit=m.measure.unit,
        description=m.measure.description,
        sum_of=list(m.measure.sum_of or []),
        spread=SpreadOut(
            low=num(m.spread.low),
            high=num(m.spread.high),
            open_above=m.spread.open_above,
            text=m.spread.text(),
            originators=m.spread.originators,
            contested=m.spread.contested,
            clashes=[[row_id(a), row_id(b)] for a, b in m.spread.clashes],
            disputed=[c.id for r in m.spread.disputed for c in r.claims],
        ),
        figures=[figure_out(r) for r in m.rows],
        discrepancies=[
            DiscrepancyOut(claimant=d.claimant, message=d.message, claims=[c.id for c in d.claims])
            for d in m.discrepancies
        ],
    )


@dataclass(frozen=True)
class MeasureExport:
    """One measure as exported: the record, its compact JSON and its lines of the CSV file."""

    out: MeasureOut
    json: str
    csv: str


# What exporting a measure reads (publish/reads.py): its memo key is the measure
# projected through this, and tests/publish/test_reads.py checks it is complete.
MEASURE_READS = parse_reads(
    """
    m: discrepancies measure rows spread
    m.discrepancies[]: claimant claims message
    m.discrepancies[].claims[]: id
    m.measure: description id label sum_of unit
    m.rows[]: claimant claims date derived figure interval measure_id originators reports role
    m.rows[]: originator status
    m.rows[].claims[]: citations claim id
    m.rows[].claims[].citations[]: source
    m.rows[].claims[].citations[].source: id
    m.rows[].claims[].claim: qualifier value
    m.rows[].date: text
    m.rows[].interval: high low
    m.spread: clashes contested disputed high low open_above originators text
    m.spread.clashes[][]: claimant claims derived
    m.spread.clashes[][].claims[]: id
    m.spread.disputed[]: claims
    m.spread.disputed[].claims[]: id
    """
)


def measure_export(m: MeasureFigures, memo: Memo = NO_MEMO) -> MeasureExport:
    """Export one measure; with a memo, a measure whose exported fields are unchanged keeps
    its export."""
    if not memo.keeps:
        return export_measure(m)
    inputs = Projector(MEASURE_READS)(m, "m")
    return memo.made(("measure", m.measure.id), inputs, lambda: export_measure(m))


def export_measure(m: MeasureFigures) -> MeasureExport:
    """One measure's record, its compact JSON and its lines of the CSV file."""
    out = measure_out(m)
    return MeasureExport(out, compact(out), csv_lines(m.rows, out.figures))


def claims_json(view: BriefingView, memo: Memo = NO_MEMO) -> tuple[bytes, list[MeasureExport]]:
    """data/claims.json, and the measures as exported (the CSV file lists their figures).

    Each claim and each measure is written to JSON on its own and the file put
    together from the pieces, byte for byte what dumping ClaimsFile would give;
    with a memo (kept by a serving process) a claim or measure unchanged since
    the last build keeps its piece.
    """
    b = view.briefing
    spots = {p.anchor: p for s in view.sources.values() for p in s.passages}
    measures = [measure_export(m, memo) for m in view.measures]
    derived = [f for m in measures for f in m.out.figures if f.derived]
    claims = [claim_json(view, view.claims[i], spots, memo) for i in sorted(view.claims)]
    parts = {  # ClaimsFile's fields, in the order json.dumps sorts them to
        "briefing": compact(BriefingOut(title=b.title, summary=b.summary, as_of=b.as_of)),
        "claims": "[" + ",".join(claims) + "]",
        "derived": compact(derived),
        "measures": "[" + ",".join(m.json for m in measures) + "]",
    }
    text = "{" + ",".join(f"{json.dumps(key)}:{value}" for key, value in parts.items()) + "}"
    return (text + "\n").encode("utf-8"), measures


def claim_json(view: BriefingView, claim: ClaimView, spots: dict[str, Passage], memo: Memo) -> str:
    """One claim as compact JSON."""
    cited = [spots.get(c.anchor) for c in claim.citations]
    return memo.made(claim.id, (claim, cited), lambda: compact(claim_out(view, claim, spots)))


def compact(data: BaseModel | list[Any]) -> str:
    """Models as compact, key-sorted JSON, written as json_bytes writes data files."""
    plain = (
        data.model_dump(mode="json")
        if isinstance(data, BaseModel)
        else [d.model_dump(mode="json") for d in data]
    )
    return json_text(plain, compact=True)


def source_out(view: SourceView) -> SourceOut:
    """A source as exported."""
    s = view.source
    return SourceOut(
        id=s.id,
        title=s.title,
        publisher=s.publisher,
        author=s.author,
        url=s.url,
        published=s.published,
        reliability=s.reliability,
        reliability_label=RELIABILITY[s.reliability],
        sha256=s.sha256,
        note=s.note,
        page=view.path,
        claims=[c.id for c in view.claims],
        passages=len(view.passages),
    )


def json_bytes(data: Any, *, compact: bool = False) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8, a final newline.

    Data files are compact, which lets the C encoder write them (an indent falls back
    to the pure-Python one, several times slower at ten thousand claims); schemas,
    which people read, keep a two-space indent.
    """
    return (json_text(data, compact=compact) + "\n").encode("utf-8")


def json_text(data: Any, *, compact: bool) -> str:
    """Deterministic JSON text: sorted keys, no ASCII escaping, compact or indented."""
    layout: dict[str, Any] = {"separators": (",", ":")} if compact else {"indent": 2}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, allow_nan=False, **layout)


def safe_cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_row(row: FigureRow, out: FigureOut) -> list[str]:
    """One figure as a CSV row; value and qualifier come from a single stating claim."""
    claim = row.claims[0].claim if not row.derived and len(row.claims) == 1 else None
    cells: dict[str, Any] = {
        "value": claim.value if claim else None,
        "qualifier": claim.qualifier if claim else None,
    }
    return [safe_cell(cells[n] if n in cells else getattr(out, n)) for n in CSV_COLUMNS]


def csv_lines(rows: list[FigureRow], exported: list[FigureOut]) -> str:
    """The CSV lines of some figure rows (RFC 4180)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row, out in zip(rows, exported, strict=True):
        writer.writerow(csv_row(row, out))
    return buffer.getvalue()


def estimates_csv(measures: list[MeasureExport]) -> bytes:
    """Every figure row of every measure, one CSV line each (RFC 4180, UTF-8).

    The lines come with the measures as exported for the claims file, already built.
    """
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(CSV_COLUMNS)
    return (buffer.getvalue() + "".join(m.csv for m in measures)).encode("utf-8")


def export_schema(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The JSON Schema of an exported file."""
    schema = model.model_json_schema()
    schema["$schema"] = DIALECT
    schema["title"] = name
    return schema


def data_files(view: BriefingView, memo: Memo = NO_MEMO) -> dict[str, bytes]:
    """The open data files of a briefing, by their path in the site."""
    sources = SourcesFile(sources=[source_out(s) for s in view.sources.values()])
    claims, measures = claims_json(view, memo)
    return {
        "data/claims.json": claims,
        "data/estimates.csv": estimates_csv(measures),
        "data/sources.json": json_bytes(sources.model_dump(mode="json"), compact=True),
        "data/schema/claims.schema.json": json_bytes(export_schema(ClaimsFile, "claims.json")),
        "data/schema/sources.schema.json": json_bytes(export_schema(SourcesFile, "sources.json")),
    }
