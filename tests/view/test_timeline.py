"""The timeline: dated claims by period; a claim whose date is its error listed apart."""

from __future__ import annotations

from typing import Any

from generator.content.models import Claim
from generator.view.claimview import ClaimView
from generator.view.dates import DateKey
from generator.view.views import BriefingView

NO_VIEW: Any = None  # timeline() and misdated() read nothing of the view itself


def claim(claim_id: str, date: str, **fields: str) -> ClaimView:
    """A dated claim with one quoted passage."""
    model = Claim.model_validate(
        {
            "id": claim_id,
            "statement": f"{claim_id} happened.",
            "claimant": "Someone",
            "topic": "events",
            "date": date,
            "evidence": [{"source": "report", "quote": "it happened"}],
            **fields,
        }
    )
    return ClaimView(model, "claims.yml", [], "claims/events.md", DateKey.parse(date), None, "")


def test_a_claim_erroneous_for_its_date_gets_no_period_of_its_own() -> None:
    right = claim("right", "2024-10")
    misdated = claim("misdated", "2022-10", status="erroneous", error="date")
    periods = BriefingView.timeline(NO_VIEW, [right, misdated])
    assert [(period, [c.id for c in items]) for period, items in periods] == [
        ("Oct 2024", ["right"])
    ]
    assert [c.id for c in BriefingView.misdated(NO_VIEW, [right, misdated])] == ["misdated"]


def test_a_claim_erroneous_for_another_reason_stays_in_its_period() -> None:
    wrong_figure = claim("wrong-figure", "2024-10", status="erroneous", error="figure")
    unexplained = claim("unexplained", "2024-10", status="erroneous")
    periods = BriefingView.timeline(NO_VIEW, [wrong_figure, unexplained])
    assert [c.id for _, items in periods for c in items] == ["unexplained", "wrong-figure"]
    assert not BriefingView.misdated(NO_VIEW, [wrong_figure, unexplained])
    assert not wrong_figure.current and not wrong_figure.misdated
