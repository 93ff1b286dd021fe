"""Reproducible builds: the same content gives the same bytes, whatever the clock, the hash
seed or how claims are spread over files; and a build needs no network."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main as cli
from generator.site.build import source_date_epoch
from tests.conftest import ROOT
from tests.helpers import DEFAULT, MINIMAL, mkdocs_config, tree_digest

EPOCH = "1700000000"


def build(folder: Path, content: Path, seeds: Path, **env: str) -> dict[str, str]:
    """Build a site with `briefing site` in a fresh process; return its digest."""
    config = mkdocs_config(folder, content, seeds, name="North Korean troops in Russia")
    with config.open("a", encoding="utf-8") as handle:
        handle.write("site_url: https://briefing.example.org/\n")  # so the sitemap lists pages
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment |= {"PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", **env}
    site = ["--config", str(config), "--site-dir", str(folder / "site")]
    result = subprocess.run(
        [sys.executable, "-m", "generator", "site", *site],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return tree_digest(folder / "site")


def shuffled_copy(tmp: Path) -> tuple[Path, Path]:
    """Copy the default briefing with claim files renamed and their claims reversed."""
    content, seeds = tmp / "b" / "content", tmp / "b" / "seeds"
    shutil.copytree(DEFAULT[0], content)
    shutil.copytree(DEFAULT[1], seeds)
    files = sorted((content / "claims").glob("*.yml"))
    for n, path in enumerate(reversed(files)):
        header, *claims = re.split(r"(?m)^(?=- )", path.read_text(encoding="utf-8"))
        assert len(claims) > 1
        text = header + "".join(c if c.endswith("\n") else c + "\n" for c in reversed(claims))
        path.unlink()
        (content / "claims" / f"{n:02d}-{path.stem[::-1]}.yml").write_text(text, "utf-8")
    return content, seeds


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("reference")
    return build(folder, *DEFAULT, SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="0")


def test_two_builds_are_byte_identical(reference: dict[str, str], tmp_path: Path) -> None:
    again = build(tmp_path, *DEFAULT, SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="12345")
    assert again == reference


HISTORY_FILES = {"feed.xml", "whats-new/index.html", "search/search_index.json"}


def test_shuffled_claim_files_build_the_same_site(
    reference: dict[str, str], tmp_path: Path
) -> None:
    content, seeds = shuffled_copy(tmp_path)
    assert sorted(p.name for p in (content / "claims").iterdir()) != sorted(
        p.name for p in (DEFAULT[0] / "claims").iterdir()
    )
    shuffled = build(tmp_path / "out", content, seeds, SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="7")
    differing = sorted(
        k for k in reference.keys() | shuffled.keys() if reference.get(k) != shuffled.get(k)
    )
    # The copy lies outside the repository, so it has no git history: only the pages
    # made from that history (the feed, "What's new", and its search entry) may differ.
    # In Pagefind's index that is What's new's fragment (one name on either side) and the
    # index chunks and page list that name it.
    search = [k for k in differing if k.startswith("pagefind/")]
    assert set(differing) - set(search) <= HISTORY_FILES
    assert len([k for k in search if k.startswith("pagefind/fragment/")]) == 2, search


def test_sitemap_dates_come_from_the_briefing(tmp_path: Path) -> None:
    build(tmp_path, *MINIMAL)  # no SOURCE_DATE_EPOCH in the environment
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)
    assert dates and set(dates) == {"2030-05-06"}, "the minimal briefing is as of 2030-05-06"
    gz = (tmp_path / "site" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(gz[4:8], "little") == int(source_date_epoch("2030-05-06"))


@pytest.mark.parametrize(
    "as_of,day", [("2030-05-06", "2030-05-06"), ("2024-02", "2024-02-29"), ("2023", "2023-12-31")]
)
def test_source_date_epoch_is_the_end_of_the_as_of_period(as_of: str, day: str) -> None:
    import datetime

    moment = datetime.datetime.fromtimestamp(int(source_date_epoch(as_of)), datetime.UTC)
    assert moment.date().isoformat() == day


def test_build_needs_no_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("network access during a build")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    config = mkdocs_config(tmp_path, *DEFAULT, name="North Korean troops in Russia")
    status = cli.main(["site", "--config", str(config), "--site-dir", str(tmp_path / "site")])
    assert status == 0, capsys.readouterr().err
    assert (tmp_path / "site" / "index.html").is_file()
