"""Each bad input gives exit status 1 and exactly the golden messages, and runs nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main as cli
from tests.conftest import FIXTURES, GOLDEN, ROOT, assert_golden, remove_orphans
from tests.content.bad_cases import BRIEFING, CASES, CLAIM, SOURCE, Link, Overlay, claims

MINIMAL = FIXTURES / "briefings" / "minimal"


def make_briefing(tmp: Path, overlay: Overlay) -> Path:
    """Copy the minimal briefing and apply a case's overlay."""
    root = tmp / "briefing"
    shutil.copytree(MINIMAL, root)
    for rel, value in overlay.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if value is None:
            path.unlink(missing_ok=True)
        elif isinstance(value, Link):
            path.symlink_to(value.target)
        elif isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value, encoding="utf-8")
    return root


def run_check(root: Path, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the check command the way an editor does, from the briefing folder."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if cache is not None:
        env["BRIEFING_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@dataclass
class Ran:
    """What one check printed and returned."""

    returncode: int
    stdout: str
    stderr: str


def check_in_process(
    root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Ran:
    """Run `briefing check` in this process, from the briefing folder, as an editor would;
    in-process so that a mutation test sees the code it runs."""
    monkeypatch.chdir(root)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    capsys.readouterr()
    code = cli.main(["check"])
    out, err = capsys.readouterr()
    return Ran(code, out, err)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(
    case: str,
    tmp_path: Path,
    update_golden: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_briefing(tmp_path, CASES[case])
    # The second run takes every file that parsed from the parse cache, and must find
    # the positions of its problems all the same.
    reports = {}
    for run in ("cold", "cached"):
        result = check_in_process(root, tmp_path / "cache", monkeypatch, capsys)
        assert result.returncode == 1, (run, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stdout == ""
        assert result.stderr.rstrip().endswith("nothing was written.")
        assert not (root / "EXECUTED").exists()
        reports[run] = result.stderr
    assert reports["cached"] == reports["cold"], "the parse cache changed the report"
    assert_golden(GOLDEN / "errors" / f"{case}.txt", reports["cold"], update_golden)


@pytest.mark.process
@pytest.mark.parametrize("case", ["python-tag", "duplicate-key", "yaml-syntax"])
def test_bad_input_from_a_real_process(case: str, tmp_path: Path) -> None:
    """The command as a process reports exactly what the in-process runs do."""
    result = run_check(make_briefing(tmp_path, CASES[case]), tmp_path / "cache")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "briefing" / "EXECUTED").exists()
    assert result.stderr == (GOLDEN / "errors" / f"{case}.txt").read_text(encoding="utf-8")


def test_every_golden_report_has_its_case(update_golden: bool) -> None:
    expected = {GOLDEN / "errors" / f"{case}.txt" for case in CASES}
    remove_orphans(GOLDEN / "errors", "*.txt", expected, update_golden)


def test_a_range_whose_ends_are_equal_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_briefing(tmp_path, claims(CLAIM.replace("value: 40", "low: 40\n  high: 40")))
    result = check_in_process(root, tmp_path / "cache", monkeypatch, capsys)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 claim")


@pytest.mark.process
def test_minimal_briefing_is_clean(tmp_path: Path) -> None:
    result = run_check(make_briefing(tmp_path, {}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 2 claims")


@pytest.mark.process
def test_bom_and_crlf_are_accepted_and_positions_stay_right(tmp_path: Path) -> None:
    figures = MINIMAL / "content" / "claims" / "figures.yml"
    text = figures.read_text(encoding="utf-8")
    bom_crlf = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    root = make_briefing(tmp_path / "good", {"content/claims/figures.yml": bom_crlf})
    result = run_check(root)
    assert result.returncode == 0, result.stderr

    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.strip() == "value: 60")
    lines[row] = lines[row].replace("60", "sixty")
    bad = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    root = make_briefing(tmp_path / "bad", {"content/claims/figures.yml": bad})
    result = run_check(root)
    assert result.returncode == 1
    col = lines[row].index("sixty") + 1
    assert result.stderr.startswith(
        f"content/claims/figures.yml:{row + 1}:{col}: error: [1].value: "
        "expected a number such as 1200 or 2.5 (got 'sixty') [bad-value]"
    )
    assert f"{row + 1:>5} |   value: sixty\n" in result.stderr
    assert "      |          ^~~~~\n" in result.stderr


def test_yaml_1_1_lookalikes_stay_text(tmp_path: Path) -> None:
    from generator.content.check import Settings, check

    briefing = (MINIMAL / "content" / "briefing.yml").read_text(encoding="utf-8")
    figures = (MINIMAL / "content" / "claims" / "figures.yml").read_text(encoding="utf-8")
    root = make_briefing(
        tmp_path,
        {
            "content/briefing.yml": briefing.replace(
                "title: Storm damage in the harbour", "title: 1.10"
            ),
            "content/claims/figures.yml": figures.replace("claimant: Mayor", "claimant: no")
            .replace("Harbour authority", "on")
            .replace("topic: damage", "topic: yes", 1),
        },
    )
    checked = check(Settings(root / "content", root / "seeds"))
    assert checked.content.briefing is not None
    assert checked.content.briefing.model.title == "1.10"
    by_id = {c.model.id: c.model for c in checked.content.claims}
    assert by_id["mayor-damaged"].claimant == "no"
    assert by_id["authority-damaged"].claimant == "on"
    assert by_id["authority-damaged"].topic == "yes"
    assert by_id["authority-damaged"].value == 40


def dated(as_of: str, claim_date: str, published: str) -> Overlay:
    """One claim of `claim_date`, its source published on `published`, the briefing `as_of`."""
    return {
        **claims(CLAIM + f"  date: {claim_date}\n"),
        "content/briefing.yml": BRIEFING.replace("as_of: 2030-05-06", f"as_of: {as_of}"),
        "content/sources.yml": SOURCE.replace("published: 2030-05-06", f"published: {published}"),
    }


@pytest.mark.parametrize(
    ("as_of", "claim_date", "published"),
    [
        ("2030-05", "2030-05-31", "2030-05"),  # a partial as_of lasts to its last day
        ("2030-05-15", "2030-05", "2030-05-15"),  # a partial date counts from its first day
        ("2030", "2030-12-31", "2030-12"),
    ],
)
def test_dates_up_to_as_of_are_clean(
    as_of: str,
    claim_date: str,
    published: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_briefing(tmp_path, dated(as_of, claim_date, published))
    result = check_in_process(root, tmp_path / "cache", monkeypatch, capsys)
    assert (result.returncode, result.stderr) == (0, "")


def test_dates_after_as_of_are_warnings_naming_their_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_briefing(tmp_path, dated("2030-05", "2030-06-01", "2030-06"))
    result = check_in_process(root, tmp_path / "cache", monkeypatch, capsys)
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert warnings == [
        "content/claims/figures.yml:10:9: warning: [0].date: the date is after the briefing's"
        " as_of (2030-05) (got '2030-06-01') [date-after-as-of]",
        "content/sources.yml:4:14: warning: [0].published: the date is after the briefing's"
        " as_of (2030-05) (got '2030-06') [date-after-as-of]",
    ]
    hints = [line.strip() for line in result.stderr.splitlines() if "hint:" in line]
    assert hints == [
        "hint: correct the date, or move as_of in briefing.yml forward to 2030-06-01 or later",
        "hint: correct the date, or move as_of in briefing.yml forward to 2030-06 or later",
    ]
