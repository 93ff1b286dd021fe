"""Validation's wording of pydantic errors, and where it places them."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from pydantic import BaseModel, Field, ValidationError

from generator.content.load import RawContent, YamlFile
from generator.content.models import (
    Briefing,
    Claim,
    Evidence,
    KeyJudgment,
    Measure,
    PageSpec,
    Source,
    Strict,
)
from generator.content.validate import (
    Content,
    describe,
    error_message,
    nested_model,
    owner_model,
    suggestion,
    to_problems,
    validate_briefing,
    validate_content,
    validate_list,
    validated_list,
)
from generator.content.yamlstrict import Parsed, parse_yaml
from generator.errors import Problem, Span
from generator.speed.reuse import Memo


class Leaf(Strict):
    name: str


class Branch(Strict):
    leaves: list[Leaf]
    tip: Leaf | None = None


class Tree(Strict):
    branches: list[Branch]
    label: str = ""


def test_found_values_are_described_briefly() -> None:
    assert describe(None) == "nothing"
    assert describe({"a": 1}) == "a mapping"
    assert describe([1]) == "a list"
    assert describe("x\ny") == "x\\ny"
    assert describe(12) == "12"


def test_an_error_kind_without_wording_of_its_own_keeps_pydantics_message() -> None:
    error = {"type": "bytes_too_short", "msg": "Data should have at least 2 bytes", "ctx": {}}
    assert error_message(error, ("a",)) == ("Data should have at least 2 bytes", "bytes-too-short")


def test_a_pattern_other_than_the_known_ones_is_named() -> None:
    error = {"type": "string_pattern_mismatch", "msg": "", "ctx": {"pattern": "^x+$"}}
    assert error_message(error, ("a",)) == ("expected text matching ^x+$", "bad-format")


def test_bounds_are_worded_by_their_side() -> None:
    low = {"type": "greater_than_equal", "msg": "", "ctx": {"ge": 1}}
    high = {"type": "less_than_equal", "msg": "", "ctx": {"le": 6}}
    assert error_message(low, ("a",)) == ("expected a number at least 1", "out-of-range")
    assert error_message(high, ("a",)) == ("expected a number at most 6", "out-of-range")


def test_the_model_that_owns_a_field_is_found_through_lists_and_optionals() -> None:
    assert owner_model(Tree, ()) is Tree
    assert owner_model(Tree, ("branches", 0)) is Branch
    assert owner_model(Tree, ("branches", 0, "leaves", 3)) is Leaf
    assert owner_model(Tree, ("branches", 0, "tip")) is Leaf
    assert owner_model(Tree, ("label",)) is None
    assert owner_model(Tree, ("trunk",)) is None
    assert owner_model(Briefing, ("key_judgments", 0)) is KeyJudgment
    assert owner_model(Briefing, ("pages", 2)) is PageSpec
    assert owner_model(Claim, ("evidence", 0)) is Evidence


@pytest.mark.parametrize(
    "annotation,found",
    [
        (Leaf, Leaf),
        (list[Leaf], Leaf),
        (Leaf | None, Leaf),
        (list[Leaf] | None, Leaf),
        (Annotated[list[Leaf], Field(min_length=1)], Leaf),
        (dict[str, Leaf], Leaf),
        (str, None),
        (list[str], None),
        (str | None, None),
        (int, None),
    ],
)
def test_the_model_inside_an_annotation_is_found(annotation: Any, found: type | None) -> None:
    assert nested_model(annotation) is found


def errors_of(model: type[BaseModel], data: Any) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return caught.value


def test_an_unknown_nested_field_is_suggested_from_its_own_model() -> None:
    failure = errors_of(Tree, {"branches": [{"leaves": [{"name": "x", "nmae": "y"}]}]})
    [error] = failure.errors()
    assert error["loc"] == ("branches", 0, "leaves", 0, "nmae")
    assert suggestion(error, Tree, tuple(error["loc"])) == "did you mean 'name'?"
    failure = errors_of(Branch, {"leaves": [], "tip": {"name": "x", "nmae": "y"}})
    [error] = failure.errors()
    assert suggestion(error, Branch, tuple(error["loc"])) == "did you mean 'name'?"
    claim = {"id": "a", "statement": "s", "claimant": "c", "topic": "t"}
    failure = errors_of(Claim, {**claim, "evidence": [{"source": "s", "quote": "q", "qoute": ""}]})
    [error] = failure.errors()
    assert suggestion(error, Claim, tuple(error["loc"])) == "did you mean 'quote'?"


def test_the_last_choice_of_a_closed_list_is_suggested_too() -> None:
    failure = errors_of(PageSpec, {"kind": "source"})
    [error] = failure.errors()
    assert suggestion(error, PageSpec, ("kind",)) == "did you mean 'sources'?"
    failure = errors_of(PageSpec, {"kind": "timelin"})
    [error] = failure.errors()
    assert suggestion(error, PageSpec, ("kind",)) == "did you mean 'timeline'?"


def test_an_unknown_field_is_placed_at_its_key_or_else_at_the_nearest_value() -> None:
    text = "title: T\nsummary: S\nas_of: 2030\nsauce: x\n"
    parsed, _ = parse_yaml(text, "b.yml")
    failure = errors_of(Briefing, parsed.data)
    [problem] = to_problems(failure, Briefing, YamlFile("b.yml", text, parsed), ())
    assert problem.span == Span("b.yml", 4, 1, 5)
    assert (problem.field, problem.code, problem.got) == ("sauce", "unknown-field", "x")
    without_keys = Parsed(parsed.data, "b.yml", values=parsed.values)
    [problem] = to_problems(failure, Briefing, YamlFile("b.yml", text, without_keys), ())
    assert problem.span == Span("b.yml", 4, 8, 1)


def test_a_missing_field_has_nothing_found() -> None:
    text = "title: T\nsummary: S\n"
    parsed, _ = parse_yaml(text, "b.yml")
    [problem] = to_problems(
        errors_of(Briefing, parsed.data), Briefing, YamlFile("b.yml", text, parsed), ()
    )
    assert problem.message == "missing required field 'as_of'"
    assert problem.got is None and problem.span == Span("b.yml", 1, 1, 1)


SOURCES = "- id: a\n  title: T\n  publisher: P\n  published: 2030\n  text: seeds/a.txt\n"
MEASURES = "- id: m\n  label: L\n  unit: u\n- id: Bad Id\n  label: L\n  unit: u\n"


def yaml_file(name: str, text: str) -> YamlFile:
    parsed, problems = parse_yaml(text, name)
    assert problems == []
    return YamlFile(name, text, parsed)


def test_a_memo_keeps_each_files_items_apart_and_remakes_a_changed_file() -> None:
    memo = Memo()
    sources, measures = yaml_file("sources.yml", SOURCES), yaml_file("measures.yml", MEASURES)
    first, again = Content(), Content()
    rounds = [
        (
            validate_list(Source, sources, content, "sources", memo),
            validate_list(Measure, measures, content, "measures", memo),
        )
        for content in (first, again)
    ]
    assert [item.model.id for item in rounds[0][1]] == ["m"]
    assert rounds[1][0][0] is rounds[0][0][0] and rounds[1][1][0] is rounds[0][1][0]
    assert again.problems == first.problems and [p.code for p in first.problems] == ["bad-id"]
    assert again.broken_ids == first.broken_ids == {"Bad Id"}
    changed = yaml_file("sources.yml", SOURCES.replace("title: T", "title: U"))
    [item] = validate_list(Source, changed, Content(), "sources", memo)
    assert item.model.title == "U"


def test_a_list_file_that_holds_no_list_is_one_problem_at_its_start() -> None:
    content = Content()
    file = yaml_file("measures.yml", "\nid: m\nlabel: L\n")
    assert validate_list(Measure, file, content, "measures") == []
    assert content.problems == [
        Problem(
            span=Span("measures.yml", 2, 1, 1),
            field="",
            message="expected a list of measures, one per '- ' entry",
            code="wrong-type",
            got="a mapping",
        )
    ]
    unplaced = YamlFile("claims.yml", "x", Parsed("x", "claims.yml"))
    [problem] = validated_list(Claim, unplaced, "claims").problems
    assert (problem.span, problem.got) == (Span("claims.yml", 1, 1, 1), "x")


def test_a_briefing_that_is_no_mapping_is_one_problem_at_its_start() -> None:
    content = Content()
    unplaced = YamlFile("briefing.yml", "x", Parsed(["x"], "briefing.yml"))
    assert validate_briefing(unplaced, content) is None
    assert content.problems == [
        Problem(
            span=Span("briefing.yml", 1, 1, 1),
            field="",
            message="expected a mapping of fields (title, summary, as_of, ...)",
            code="wrong-type",
            got="a list",
        )
    ]


def test_only_entries_with_a_text_id_are_counted_as_broken() -> None:
    file = yaml_file("m.yml", "- id: m\n- id: [x]\n- just text\n- label: L\n")
    validated = validated_list(Measure, file, "measures")
    assert validated.items == [] and validated.broken_ids == {"m"}


def test_validating_a_briefing_again_with_its_memo_reuses_every_files_items() -> None:
    from tests.content.bad_cases import CLAIM, MEASURE, QUESTION, SOURCE

    raw = RawContent(
        briefing=yaml_file("briefing.yml", "title: T\nsummary: S\nas_of: 2030-05-06\n"),
        sources=yaml_file("sources.yml", SOURCE),
        measures=yaml_file("measures.yml", MEASURE),
        questions=yaml_file("questions.yml", QUESTION),
        claims=[yaml_file("claims/a.yml", CLAIM)],
    )
    memo = Memo()
    first, again = validate_content(raw, memo), validate_content(raw, memo)
    for kind in ("sources", "measures", "questions", "claims"):
        [item] = getattr(first, kind)
        assert getattr(again, kind)[0] is item, kind
    assert validate_content(raw).sources[0] is not first.sources[0]
