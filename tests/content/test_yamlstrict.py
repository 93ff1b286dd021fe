"""Strict YAML: positions, refusals, and values that stay text."""

from __future__ import annotations

import pytest
import yaml

from generator.content.yamlstrict import (
    INDENT_HINT,
    MAX_BLOCK_INDENT,
    MAX_FLOW_DEPTH,
    Parsed,
    PlainStr,
    nesting_problem,
    parse_yaml,
    reader_problem,
    syntax_hint,
    syntax_problem,
)
from generator.errors import Problem, Span


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


def test_a_missing_path_with_no_marked_ancestor_has_no_span() -> None:
    parsed = Parsed(None, "f.yml")
    assert parsed.span(("a", 0)) is None
    assert parsed.key_span(("a",)) is None


def test_a_key_span_is_only_for_a_path_that_ends_in_a_key() -> None:
    parsed, _ = parse_yaml("a:\n  b: 1\n", "f.yml")
    assert parsed.key_span(("a", "b")) == Span("f.yml", 2, 3, 1)
    assert parsed.key_span(("a", "c")) is None
    assert parsed.key_span(()) is None


def test_marks_left_out_are_found_again_once_and_only_when_asked() -> None:
    text = "a:\n  bb: 1\n"
    calls: list[int] = []

    def again() -> Parsed:
        calls.append(1)
        return parse_yaml(text, "f.yml")[0]

    parsed = Parsed({"a": {"bb": "1"}}, "f.yml", reparse=again)
    assert calls == []
    assert parsed.key_span(("a", "bb")) == Span("f.yml", 2, 3, 2)
    assert parsed.span(("a", "bb")) == Span("f.yml", 2, 7, 1)
    assert parsed.span(("a",)) == Span("f.yml", 2, 3, 1)
    assert calls == [1]


def test_a_value_over_several_lines_is_marked_one_character_long() -> None:
    parsed, problems = parse_yaml("a: 'one\n  two'\nb: ''\n", "f.yml")
    assert problems == []
    assert parsed.data == {"a": "one two", "b": ""}
    assert parsed.span(("a",)) == Span("f.yml", 1, 4, 1)
    assert parsed.span(("b",)) == Span("f.yml", 3, 4, 2)


def test_collections_keep_the_position_of_every_item() -> None:
    parsed, _ = parse_yaml("- [x, yy]\n- k: {m: n}\n", "f.yml")
    assert parsed.data == [["x", "yy"], {"k": {"m": "n"}}]
    assert parsed.span((0, 1)) == Span("f.yml", 1, 7, 2)
    assert parsed.span((1, "k", "m")) == Span("f.yml", 2, 10, 1)
    assert parsed.key_span((1, "k", "m")) == Span("f.yml", 2, 7, 1)
    assert parsed.span((1,)) == Span("f.yml", 2, 3, 1)


@pytest.mark.parametrize("null", ["", "~", "null", "Null", "NULL"])
def test_only_the_plain_null_words_are_null(null: str) -> None:
    parsed, problems = parse_yaml(f"a: {null}\nb: '{null}'\nc: NuLL\n", "f.yml")
    assert problems == []
    assert parsed.data == {"a": None, "b": null, "c": "NuLL"}
    assert isinstance(parsed.data["c"], PlainStr)
    assert not isinstance(parsed.data["b"], PlainStr)


def test_the_non_specific_tag_is_allowed() -> None:
    parsed, problems = parse_yaml("a: ! 1\n", "f.yml")
    assert problems == [] and parsed.data == {"a": "1"}


def problem(
    line: int, col: int, message: str, code: str, hint: str | None, length: int = 1, field: str = ""
) -> Problem:
    return Problem(
        span=Span("f.yml", line, col, length), field=field, message=message, code=code, hint=hint
    )


FULL_IN_FULL = "write the value out in full"
REFUSED = [
    (
        "a: &x 1\n",
        problem(1, 4, "anchors are not allowed (got '&x')", "yaml-anchor", FULL_IN_FULL, 4),
    ),
    ("a: *x\n", problem(1, 4, "aliases are not allowed (got '*x')", "yaml-alias", FULL_IN_FULL, 2)),
    (
        "a: !!python/object/apply:os.system ['true']\n",
        problem(
            1,
            4,
            "tags are not allowed (got '!!python/object/apply:os.system')",
            "yaml-tag",
            "remove the tag; values are plain text, lists and mappings",
            33,
        ),
    ),
    (
        "- !!map {}\n",
        problem(
            1,
            3,
            "tags are not allowed (got '!!map')",
            "yaml-tag",
            "remove the tag; values are plain text, lists and mappings",
            7,
        ),
    ),
    (
        "[a, b]: c\n",
        problem(
            1,
            1,
            "a key must be text (got a list)",
            "yaml-complex-key",
            "write the key as a plain word followed by ': ', e.g. 'topic: damage'",
        ),
    ),
    (
        "? {a: 1}\n: b\n",
        problem(
            1,
            3,
            "a key must be text (got a mapping)",
            "yaml-complex-key",
            "write the key as a plain word followed by ': ', e.g. 'topic: damage'",
        ),
    ),
    (
        "a: 1\n---\nb: 2\n",
        problem(
            2,
            1,
            "a file holds one YAML document; found a second one",
            "yaml-multiple-documents",
            "remove the '---' line or split the file",
            3,
        ),
    ),
    (
        "",
        problem(
            1,
            1,
            "the file is empty",
            "yaml-empty",
            "write the content, or '[]' for an empty list, or delete the file",
        ),
    ),
    (
        "# only a comment\n",
        problem(
            1,
            1,
            "the file is empty",
            "yaml-empty",
            "write the content, or '[]' for an empty list, or delete the file",
        ),
    ),
]


@pytest.mark.parametrize("text,expected", REFUSED, ids=[p.code for _, p in REFUSED])
def test_refusals_are_reported_in_full(text: str, expected: Problem) -> None:
    parsed, problems = parse_yaml(text, "f.yml")
    assert parsed.data is None
    assert problems == [expected]


def test_one_explicit_document_is_read() -> None:
    parsed, problems = parse_yaml("---\na: 1\n...\n", "f.yml")
    assert problems == [] and parsed.data == {"a": "1"}


def test_every_duplicate_key_points_at_the_first_one_and_names_its_path() -> None:
    text = "a:\n  b: 1\n  b: 2\n  b: 3\n~: x\n~: y\n"
    parsed, problems = parse_yaml(text, "f.yml")
    hint = "each key may appear once in a mapping; merge or remove one"
    assert problems == [
        problem(3, 3, "duplicate key 'b' (first at line 2)", "yaml-duplicate-key", hint, 1, "a.b"),
        problem(4, 3, "duplicate key 'b' (first at line 2)", "yaml-duplicate-key", hint, 1, "a.b"),
        problem(6, 1, "duplicate key '' (first at line 5)", "yaml-duplicate-key", hint, 1, ""),
    ]
    assert parsed.data == {"a": {"b": "3"}, "": "y"}


def test_problems_found_before_a_syntax_error_are_kept() -> None:
    _, problems = parse_yaml("a: 1\na: 2\nb: [\n", "f.yml")
    assert [p.code for p in problems] == ["yaml-duplicate-key", "yaml-syntax"]
    assert problems[0].span == Span("f.yml", 2, 1, 1)


def test_brackets_may_nest_exactly_as_deep_as_allowed() -> None:
    assert MAX_FLOW_DEPTH == 64
    for opening, closing in (("[", "]"), ("{a: ", "}")):
        fits = opening * 64 + closing * 64
        assert nesting_problem(fits, "f.yml") is None
        assert nesting_problem(opening * 65 + closing * 65, "f.yml") == Problem(
            span=Span("f.yml", 1, 1),
            field="",
            message="brackets nest more than 64 levels deep",
            code="yaml-too-deep",
            hint="briefing files need only a few levels; check for unbalanced [ or {",
        )


def test_stray_closing_brackets_do_not_make_room_for_deeper_nesting() -> None:
    assert nesting_problem("]" * 10 + "[" * 64, "f.yml") is None
    assert nesting_problem("]" * 10 + "[" * 65, "f.yml") is not None
    # a closing bracket closes one level, no more and no less
    assert nesting_problem("[" * 64 + "]" + "[", "f.yml") is None
    assert nesting_problem("[[]" * 33, "f.yml") is None
    assert nesting_problem("[[]" * 66, "f.yml") is not None


def test_indentation_may_be_exactly_as_deep_as_allowed() -> None:
    assert MAX_BLOCK_INDENT == 400
    assert nesting_problem("a: 1\n" + " " * 400 + "b\n", "f.yml") is None
    assert nesting_problem("a: 1\n" + "- " * 200 + "b\n", "f.yml") is None
    for prefix in (" " * 401, "- " * 200 + "-", "? " * 201):
        assert nesting_problem(f"a: 1\nb: 2\n{prefix}c\n", "f.yml") == Problem(
            span=Span("f.yml", 3, 1),
            field="",
            message="indentation deeper than 400 columns",
            code="yaml-too-deep",
        )


def test_too_deep_indentation_is_placed_by_its_line() -> None:
    found = nesting_problem("\n" + " " * 401 + "c\n", "f.yml")
    assert found is not None and found.span == Span("f.yml", 2, 1)


def test_a_too_deep_file_is_not_parsed() -> None:
    parsed, problems = parse_yaml("a: &x 1\n" + "[" * 65, "f.yml")
    assert parsed.data is None
    assert problems == [nesting_problem("[" * 65, "f.yml")]
    assert problems[0].span == Span("f.yml", 1, 1)


def test_an_unexpected_parser_error_is_still_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object, **kwargs: object) -> None:
        raise yaml.YAMLError("the parser gave up")

    monkeypatch.setattr(yaml, "parse", failing)
    parsed, problems = parse_yaml("a: 1\n", "f.yml")
    assert parsed.data is None
    assert problems == [problem(1, 1, "the parser gave up", "yaml-syntax", None)]


QUOTES = "a value that contains ': ' must be put in quotes"
TABS = "indent with spaces; YAML does not allow tabs"
INDENT = "check this line's indentation against the lines above"
SYNTAX = [
    ("a b: c: d\n", 1, 7, "mapping values are not allowed in this context", QUOTES),
    ("a: 1\n  b: 2\n", 2, 4, "mapping values are not allowed in this context", INDENT_HINT),
    ("- a\n  b: 1\n", 2, 4, "mapping values are not allowed in this context", INDENT_HINT),
    (
        "a:\n\tb: 1\n",
        2,
        1,
        "found character that cannot start any token (while scanning for the next token at line 2)",
        TABS,
    ),
    (
        "a: b\n\t",
        2,
        1,
        "found a tab character that violates indentation (while scanning a plain scalar at line 1)",
        TABS,
    ),
    (
        'x: 1\ny: "a\nb',
        2,
        4,
        "found unexpected end of stream (while scanning a quoted scalar, which starts here)",
        "a quote was opened and not closed",
    ),
    (
        "a: [1, 2\n",
        1,
        4,
        "did not find expected ',' or ']' (while parsing a flow sequence, which starts here)",
        "a '[' was opened and not closed",
    ),
    (
        "a: {b: 1\n",
        1,
        4,
        "did not find expected ',' or '}' (while parsing a flow mapping, which starts here)",
        "a '{' was opened and not closed",
    ),
    (
        "a:\n  b: 1\n c: 2\n",
        3,
        2,
        "did not find expected key (while parsing a block mapping at line 1)",
        INDENT,
    ),
    (
        "- a\nb: 1\n",
        2,
        1,
        "did not find expected '-' indicator (while parsing a block collection at line 1)",
        INDENT,
    ),
    (
        "a: 1\nb\nc: 2\n",
        3,
        1,
        "could not find expected ':' (while scanning a simple key at line 2)",
        "a key needs ': ' after it, or a text needs quotes",
    ),
    ("{a: 1} b\n", 1, 8, "did not find expected <document start>", None),
]


@pytest.mark.parametrize("text,line,col,message,hint", SYNTAX)
def test_syntax_errors_are_placed_worded_and_hinted(
    text: str, line: int, col: int, message: str, hint: str | None
) -> None:
    parsed, problems = parse_yaml(text, "f.yml")
    assert parsed.data is None
    assert problems == [problem(line, col, message, "yaml-syntax", hint)]


def python_parser_error(text: str) -> yaml.MarkedYAMLError:
    """The error the pure-Python parser (used where PyYAML lacks libyaml) raises."""
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        list(yaml.parse(text, Loader=yaml.SafeLoader))
    return caught.value


def test_the_python_parsers_wording_gets_the_same_hints() -> None:
    error = python_parser_error("a:\n  b: 1\n c: 2\n")
    assert (error.problem or "").startswith("expected <block end>")
    assert syntax_problem(error, "f.yml", "a:\n  b: 1\n c: 2\n").hint == INDENT
    error = python_parser_error("a: 1\nb\nc: 2\n")
    assert syntax_problem(error, "f.yml", "").hint == (
        "a key needs ': ' after it, or a text needs quotes"
    )


def test_an_error_without_marks_is_placed_at_the_start() -> None:
    error = yaml.MarkedYAMLError(problem="something odd")
    assert syntax_problem(error, "f.yml", "") == problem(1, 1, "something odd", "yaml-syntax", None)
    assert syntax_problem(yaml.MarkedYAMLError(), "f.yml", "").message == "invalid YAML"


def test_an_error_at_the_end_points_where_its_construct_began() -> None:
    text = "a: 1\nb: [x, y\n"
    _, problems = parse_yaml(text, "f.yml")
    [found] = problems
    assert found.message.endswith("(while parsing a flow sequence, which starts here)")
    assert (found.span.line, found.span.col) == (2, 4)  # type: ignore[union-attr]


def test_a_bare_key_on_the_first_line_gets_the_quotes_hint() -> None:
    mark = yaml.Mark("f.yml", 0, 0, 2, None, None)
    error = yaml.MarkedYAMLError(problem="mapping values are not allowed here", problem_mark=mark)
    assert syntax_hint(error, "ab: c\n") == QUOTES
    later = yaml.Mark("f.yml", 0, 1, 2, None, None)
    error = yaml.MarkedYAMLError(problem="mapping values are not allowed here", problem_mark=later)
    assert syntax_hint(error, "a: 1\nab: c\n") == INDENT_HINT
    assert syntax_hint(error, "a: 1\n") == QUOTES  # a mark past the text's last line


@pytest.mark.parametrize(
    "text,line,col,code",
    [
        ("a: b\x07c\n", 1, 5, 7),
        ("x: 1\r\ny: \x07\n", 2, 4, 7),
        ("x: 1\ny: 2\n  z: \x1b\n", 3, 6, 0x1B),
        ("\x08", 1, 1, 8),
    ],
)
def test_control_characters_are_placed_where_they_are(
    text: str, line: int, col: int, code: int
) -> None:
    parsed, problems = parse_yaml(text, "f.yml")
    assert parsed.data is None
    assert problems == [
        problem(
            line,
            col,
            f"control character U+{code:04X} is not allowed in YAML",
            "yaml-syntax",
            "remove it; most editors do not show it",
        )
    ]


def test_the_first_of_several_control_characters_is_placed() -> None:
    _, problems = parse_yaml("a: x\x07\nb: \x07\n", "f.yml")
    assert problems[0].span == Span("f.yml", 1, 5)


def test_a_control_character_from_the_python_reader_is_placed_too() -> None:
    # The pure-Python reader (used where PyYAML lacks libyaml) reports the character itself.
    error = yaml.reader.ReaderError("f.yml", 4, "\x07", "unicode", "special characters")
    found = reader_problem(error, "abc\ndd\x07", "f.yml")
    assert found.span == Span("f.yml", 2, 3)
    assert found.message == "control character U+0007 is not allowed in YAML"


def test_a_control_character_given_as_a_byte_is_placed_too() -> None:
    error = yaml.reader.ReaderError("f.yml", 4, 7, "utf-8", "special characters are not allowed")
    assert reader_problem(error, "abc\ndd\x07", "f.yml").span == Span("f.yml", 2, 3)
    assert "U+0007" in reader_problem(error, "abc", "f.yml").message
    assert reader_problem(error, "abc", "f.yml").span == Span("f.yml", 1, 1)
