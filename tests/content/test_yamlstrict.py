"""Strict YAML: positions, refusals, and values that stay text."""

from __future__ import annotations

from generator.content.yamlstrict import PlainStr, parse_yaml
from generator.errors import Span


def test_values_stay_text_and_keep_positions() -> None:
    parsed, problems = parse_yaml("- id: a\n  value: 1.10\n  word: no\n  q: '010'\n", "f.yml")
    assert problems == []
    assert parsed.data == [{"id": "a", "value": "1.10", "word": "no", "q": "010"}]
    assert isinstance(parsed.data[0]["value"], PlainStr)
    assert not isinstance(parsed.data[0]["q"], PlainStr)
    assert parsed.span((0, "value")) == Span("f.yml", 2, 10, 4)
    assert parsed.key_span((0, "word")) == Span("f.yml", 3, 3, 4)


def test_nearest_ancestor_span_for_missing_paths() -> None:
    parsed, _ = parse_yaml("- id: a\n", "f.yml")
    assert parsed.span((0, "statement")) == Span("f.yml", 1, 3, 1)


def test_duplicate_keys_name_both_lines() -> None:
    _, problems = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yml")
    [problem] = problems
    assert problem.span == Span("f.yml", 3, 1, 1)
    assert "first at line 1" in problem.message


def test_anchors_aliases_and_tags_are_refused() -> None:
    for text, code in (
        ("a: &x 1\nb: *x\n", "yaml-anchor"),
        ("a: !!python/object/apply:os.system ['true']\n", "yaml-tag"),
        ("a: !custom 1\n", "yaml-tag"),
    ):
        parsed, problems = parse_yaml(text, "f.yml")
        assert parsed.data is None
        assert problems[0].code == code


def test_deep_nesting_is_refused_before_parsing() -> None:
    _, problems = parse_yaml("[" * 10_000 + "]" * 10_000, "f.yml")
    assert problems[0].code == "yaml-too-deep"


def test_crlf_keeps_positions() -> None:
    parsed, problems = parse_yaml("a: 1\r\nb: x\r\n", "f.yml")
    assert problems == [] and parsed.span(("b",)) == Span("f.yml", 2, 4, 1)
