"""Claim drafts: one per uncovered figure, valid by construction, golden per article."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.check import Settings, check
from generator.content.draft import (
    attribution,
    claims_yaml,
    drafts,
    measures_yaml,
    resolve_date,
    unique,
)
from generator.content.numbers import figures
from tests.conftest import GOLDEN, ROOT, assert_golden, remove_orphans
from tests.content.test_schema import run_editor
from tests.helpers import DEFAULT, FLOOD

DEFAULT_SOURCES = [
    "legion-2025-02-reinforces",
    "unknown-2025-02-reinforcements",
    "koreatimes-2025-02-27-spy-agency",
    "unknown-2025-02-casualties",
    "unknown-2024-10-28-troops-deployed",
]
FLOOD_SOURCE = "courier-2029-04-18"


def fresh_default(tmp_path: Path) -> Settings:
    """The default briefing's sources, texts and measures with no claim yet: every
    figure of its articles is there to draft, whatever claims the content holds today."""
    root = tmp_path / "fresh"
    shutil.copytree(DEFAULT[0], root / "content")
    shutil.copytree(DEFAULT[1], root / "seeds")
    for path in (root / "content" / "claims").glob("*.yml"):
        path.unlink()
    (root / "content" / "questions.yml").unlink()
    (root / "content" / "briefing.yml").write_text(
        "title: Drafting from scratch\nsummary: No claim yet.\nas_of: 2025-03-01\n",
        encoding="utf-8",
    )
    return Settings(root / "content", root / "seeds")


def copy_of(folder: tuple[Path, Path], tmp_path: Path) -> Settings:
    root = tmp_path / "briefing"
    shutil.copytree(folder[0].parent, root)
    return Settings(root / "content", root / "seeds")


def drafted(settings: Settings, source_id: str) -> str:
    """What `briefing draft` prints for a source, without the folder-dependent headers."""
    checked = check(settings)
    source = next(s.model for s in checked.content.sources if s.model.id == source_id)
    made, proposals = drafts(checked, source_id)
    measures = measures_yaml(proposals, source)
    return claims_yaml(made, source) + (f"\n# measures.yml\n{measures}" if measures else "")


@pytest.mark.parametrize("source_id", DEFAULT_SOURCES)
def test_golden_drafts_of_each_default_article(
    source_id: str, tmp_path: Path, update_golden: bool
) -> None:
    text = drafted(fresh_default(tmp_path), source_id)
    assert_golden(GOLDEN / "drafts" / f"{source_id}.yml", text, update_golden)


def test_golden_drafts_of_an_article_on_another_topic(update_golden: bool) -> None:
    text = drafted(Settings(*FLOOD), FLOOD_SOURCE)
    assert_golden(GOLDEN / "drafts" / f"{FLOOD_SOURCE}.yml", text, update_golden)


def test_no_golden_draft_is_left_over(update_golden: bool) -> None:
    expected = {GOLDEN / "drafts" / f"{s}.yml" for s in [*DEFAULT_SOURCES, FLOOD_SOURCE]}
    remove_orphans(GOLDEN / "drafts", "*.yml", expected, update_golden)


def test_the_flood_article_drafts_what_an_editor_would_claim() -> None:
    checked = check(Settings(*FLOOD))
    made, proposals = drafts(checked, FLOOD_SOURCE)
    by_figure = {d.figure.text: d for d in made}
    assert "4,321" not in by_figure, "a figure a claim quotes is not drafted again"
    cattle = by_figure["2,000"]
    assert (cattle.figure.unit, cattle.claimant) == ("head of cattle", "Arne Farmers' Association")
    rescued = by_figure["160"]
    assert (rescued.figure.value, rescued.figure.qualifier) == (160, "at least")
    assert rescued.claimant == "A spokeswoman for the regional police"
    hectares = by_figure["2,100"]
    assert (hectares.figure.qualifier, hectares.claimant) == ("about", "River Courier")
    earlier = by_figure["2,980"]
    assert (earlier.measure, earlier.date) == ("homes-damaged", "2029-04-13")  # Friday
    money = by_figure["$120m"]
    assert (money.measure, money.figure.value) == ("flood-damage", 120_000_000)
    assert by_figure["91 million"].figure.value == 91_000_000  # "up from the 91": a second figure
    share = by_figure["30 and 40"]
    assert (share.figure.low, share.figure.high, share.figure.unit) == (30, 40, "percent")
    assert by_figure["14"].claimant == "Police"  # "..., police told the Courier"
    assert len({d.id for d in made}) == len(made)
    assert {p.id for p in proposals} >= {"bridges", "hectares", "head-cattle", "percent"}


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("The agency said on Monday that 40 homes were lost.", "Agency"),
        ("Forty homes were lost, officials told reporters.", "Officials"),
        ("According to the Red Cross, 40 homes were lost.", "Red Cross"),
        ("The ministry estimates 40 homes were lost.", "Ministry"),
        ("The mayor puts the toll at 40.", "Mayor"),
        ('"We lost 40 homes," said the harbour master, who asked for help.', "Harbour master"),
        ("The damage is estimated to exceed 40 homes.", None),
        ("An estimated 40 homes were lost.", None),
        ('"We lost 40 homes," he said.', None),
    ],
)
def test_attribution(sentence: str, claimant: str | None) -> None:
    offset = figures(sentence)[0].start
    found = attribution(sentence, offset)
    assert (found[0] if found else None) == claimant


@pytest.mark.parametrize(
    ("sentence", "published", "date"),
    [
        ("The office said on Monday that 40 homes were lost.", "2029-04-18", "2029-04-16"),
        ("On Wednesday 40 homes were lost.", "2029-04-18", "2029-04-18"),
        ("Last Wednesday 40 homes were lost.", "2029-04-18", "2029-04-11"),
        ("Yesterday 40 homes were lost.", "2029-04-18", "2029-04-17"),
        ("40 homes were lost on 15 March.", "2029-04-18", "2029-03-15"),
        ("40 homes were lost on December 3.", "2029-04-18", "2028-12-03"),
        ("40 homes were lost in January.", "2029-04", "2029-01"),
        ("40 homes were lost last year.", "2029", "2028"),
        ("On Monday 40 homes were lost.", "2029-04", "2029-04"),  # no day to count back from
        ("40 homes were lost.", "2029-04-18", "2029-04-18"),
    ],
)
def test_dates_resolve_against_the_published_date(sentence: str, published: str, date: str) -> None:
    figure = figures(sentence)[0]
    assert resolve_date(sentence, published, figure.start, figure.end)[0] == date


def test_the_date_nearest_the_figure_is_taken() -> None:
    text = "On Monday it counted 4,321 homes, up from the 2,980 it counted on Friday."
    first, second = figures(text)
    assert resolve_date(text, "2029-04-18", first.start, first.end)[0] == "2029-04-16"
    assert resolve_date(text, "2029-04-18", second.start, second.end)[0] == "2029-04-13"


def test_ids_never_collide() -> None:
    assert unique("police-bodies-14", {"police-bodies-14", "police-bodies-14-2"}) == (
        "police-bodies-14-3"
    )
    long = "x" * 64
    assert len(unique(long, {long})) == 64


def test_draft_ids_avoid_existing_claims(tmp_path: Path) -> None:
    settings = copy_of(FLOOD, tmp_path)
    claims = settings.content_dir / "claims" / "damage.yml"
    text = claims.read_text(encoding="utf-8").replace("office-homes-4321", "police-bodies-14")
    claims.write_text(text, encoding="utf-8")
    made, _ = drafts(check(settings), FLOOD_SOURCE)
    assert "police-bodies-14-2" in {d.id for d in made}
    assert "police-bodies-14" not in {d.id for d in made}


@pytest.mark.parametrize("source_id", DEFAULT_SOURCES)
def test_draft_write_then_check_passes_on_each_default_article(
    source_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = fresh_default(tmp_path)
    before = len(check(settings).content.claims)
    argv = ["draft", source_id, "--write", "--content", str(settings.content_dir)]
    argv += ["--seeds", str(settings.seeds_dir)]
    assert run_editor(argv) == 0, capsys.readouterr().err
    checked = check(settings)  # raises on any problem
    written = settings.content_dir / "claims" / f"drafts-{source_id}.yml"
    assert len(checked.content.claims) - before == written.read_text().count("\n- id: ")
    assert not [w for w in checked.warnings if w.code.startswith("figure")]
    assert run_editor(argv[:2] + argv[3:]) == 0
    assert "nothing to draft" in capsys.readouterr().out, "every drafted figure is now covered"


def test_draft_write_appends_claims_and_measures_then_check_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = copy_of(FLOOD, tmp_path)
    measures = settings.content_dir / "measures.yml"
    old_measures = measures.read_text(encoding="utf-8")
    argv = ["draft", FLOOD_SOURCE, "--write", "--content", str(settings.content_dir)]
    argv += ["--seeds", str(settings.seeds_dir)]
    assert run_editor(argv) == 0
    assert "check passes" in capsys.readouterr().out
    new_measures = measures.read_text(encoding="utf-8")
    assert new_measures.startswith(old_measures) and "# confirm" in new_measures
    written = (settings.content_dir / "claims" / f"drafts-{FLOOD_SOURCE}.yml").read_text()
    assert written.count("# confirm: ") >= 3 * written.count("\n- id: ")
    assert "REWORD: " in written
    check(settings)


def test_a_draft_that_fails_the_check_leaves_every_file_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = copy_of(FLOOD, tmp_path)
    measures = settings.content_dir / "measures.yml"
    old = measures.read_bytes()
    monkeypatch.setattr(
        "generator.cli.editor.claims_yaml", lambda made, source: "- id: Not A Slug\n"
    )
    argv = ["draft", FLOOD_SOURCE, "--write", "--content", str(settings.content_dir)]
    assert run_editor([*argv, "--seeds", str(settings.seeds_dir)]) == 1
    err = capsys.readouterr().err
    assert "nothing was kept" in err and f"drafts-{FLOOD_SOURCE}.yml:1:" in err
    assert measures.read_bytes() == old
    assert not (settings.content_dir / "claims" / f"drafts-{FLOOD_SOURCE}.yml").exists()


def test_draft_prints_yaml_by_default_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = copy_of(FLOOD, tmp_path)
    before = sorted(p.name for p in settings.content_dir.rglob("*"))
    argv = ["draft", FLOOD_SOURCE, "--content", str(settings.content_dir)]
    assert run_editor([*argv, "--seeds", str(settings.seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# ") and "- id: police-bodies-14" in out and "# append to " in out
    assert sorted(p.name for p in settings.content_dir.rglob("*")) == before


def test_an_unknown_source_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["draft", "no-such-source", "--content", str(FLOOD[0]), "--seeds", str(FLOOD[1])]
    assert run_editor(argv) == 2
    assert f"no source 'no-such-source' in sources.yml; known: {FLOOD_SOURCE}" in (
        capsys.readouterr().err
    )


def test_the_default_briefing_drafts_only_what_its_claims_leave_out() -> None:
    checked = check(Settings(*DEFAULT))
    for source_id in DEFAULT_SOURCES:
        made, _ = drafts(checked, source_id)
        texts = checked.articles[source_id].text
        for d in made:
            assert texts.find(d.quote) >= 0 and d.statement.startswith("REWORD: ")
    assert ROOT.is_dir()


def test_a_sentence_too_long_to_quote_is_quoted_around_its_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = copy_of(FLOOD, tmp_path)
    with (settings.seeds_dir / "01_river_courier.txt").open("a", encoding="utf-8") as handle:
        handle.write(
            "\nThe water rose " + "and rose " * 400 + "until 77 boats sank " + "far " * 300
        )
    made, _ = drafts(check(settings), FLOOD_SOURCE)
    (boats,) = [d for d in made if d.figure.text == "77"]
    assert "77 boats" in boats.quote and len(boats.quote) < 600
    argv = ["draft", FLOOD_SOURCE, "--write", "--content", str(settings.content_dir)]
    assert run_editor([*argv, "--seeds", str(settings.seeds_dir)]) == 0, capsys.readouterr().err
    check(settings)


def test_draft_write_puts_measures_in_place_of_a_lone_empty_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = fresh_default(tmp_path)
    measures = settings.content_dir / "measures.yml"
    measures.write_text("# Measures\n[]  # none yet\n", encoding="utf-8")
    argv = ["draft", DEFAULT_SOURCES[3], "--write", "--content", str(settings.content_dir)]
    assert run_editor([*argv, "--seeds", str(settings.seeds_dir)]) == 0, capsys.readouterr().err
    text = measures.read_text(encoding="utf-8")
    assert text.startswith("# Measures\n# none yet\n\n") and "[]" not in text.splitlines()
    assert check(settings).content.measures
