"""Fuzzing: whatever a content file holds, check() succeeds or raises BriefingError.

Arbitrary bytes, and arbitrary YAML-shaped data (dumped with yaml.safe_dump),
are written into each content file of a copy of the minimal briefing, and into
its article text. Any other exception is a bug.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.content.check import Settings, check
from generator.content.models import (
    Briefing,
    Claim,
    Evidence,
    KeyJudgment,
    Measure,
    PageSpec,
    Question,
    Source,
)
from generator.errors import BriefingError
from tests.helpers import MINIMAL

TARGETS = [
    "content/briefing.yml",
    "content/sources.yml",
    "content/measures.yml",
    "content/questions.yml",
    "content/claims/figures.yml",
    "seeds/report.txt",
]
MODELS = (Briefing, Source, Measure, Claim, Question, Evidence, KeyJudgment, PageSpec)
FIELD_NAMES = sorted({name for model in MODELS for name in model.model_fields})
WORDS = [
    "update",
    "damaged",
    "authority-damaged",
    "mayor-damaged",
    "damage",
    "index",
    "superseded",
    "about",
    "likely",
    "estimates",
    "seeds/report.txt",
    "seeds",
    "seeds/.",
    "../x",
    "/etc/passwd",
    "2030-05-06",
    "2030-02-30",
    "0999",
    "https://example.org/",
    "javascript:alert(1)",
    "40 vessels were damaged in the storm",
    "<script>alert(1)</script>",
    "\u202e",
    "9" * 40,
    "1e309",
    "-1",
]
EXAMPLES = 200

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(WORDS)
    | st.dates(min_value=datetime.date(1, 1, 1))
)
keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=12)
yaml_data = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(keys, children, max_size=8),
    max_leaves=12,
)
# Lists of mappings with the models' field names: the shape content files have.
items = st.lists(st.dictionaries(keys, yaml_data, max_size=8), max_size=3)


@pytest.fixture(scope="module")
def briefing_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "briefing"
        shutil.copytree(MINIMAL[0].parent, root)
        yield root


def check_survives(root: Path, target: str, data: bytes) -> None:
    """Write data into one file, check the briefing, then restore the file."""
    path = root / target
    original = (MINIMAL[0].parent / target).read_bytes()
    path.write_bytes(data)
    try:
        check(Settings(root / "content", root / "seeds"))
    except BriefingError as error:
        assert error.problems, "a BriefingError always names its problems"
    finally:
        path.write_bytes(original)


def dump(data: Any) -> bytes:
    """YAML text for arbitrary data, as an editor's tool might write it."""
    return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("target", TARGETS)
@FUZZ
@given(data=st.binary(max_size=400))
@example(data=b"\xef\xbb\xbf")
@example(data=b"\xff\xfe\x00")
@example(data=b"- [" * 100)
@example(data=b"\x00")
@example(data=b"a: \x07")
def test_arbitrary_bytes(briefing_copy: Path, target: str, data: bytes) -> None:
    check_survives(briefing_copy, target, data)


@pytest.mark.parametrize("target", TARGETS[:-1])
@FUZZ
@given(data=yaml_data | items)
def test_arbitrary_yaml_data(briefing_copy: Path, target: str, data: Any) -> None:
    check_survives(briefing_copy, target, dump(data))


@FUZZ
@given(
    claim=st.fixed_dictionaries(
        {
            "id": st.sampled_from(["authority-damaged", "x", "mayor-damaged"]),
            "statement": st.text(min_size=1, max_size=20),
            "claimant": st.text(min_size=1, max_size=20),
            "topic": st.sampled_from(["damage", "other"]),
            "evidence": st.just([{"source": "update", "quote": "40 vessels"}]),
        },
        optional={
            name: scalars | st.lists(scalars, max_size=3)
            for name in (
                "measure",
                "value",
                "low",
                "high",
                "qualifier",
                "status",
                "superseded_by",
                "credibility",
                "date",
                "actor",
                "note",
            )
        },
    )
)
def test_claims_that_almost_validate(briefing_copy: Path, claim: dict[str, Any]) -> None:
    check_survives(briefing_copy, "content/claims/figures.yml", dump([claim]))
