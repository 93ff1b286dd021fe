"""`briefing pdf`: the whole briefing printed by a real headless Chromium, read back.

The PDF is read with pypdf (pinned in tests/constraints.txt): its pages, its tags, its
outline, its text and its links. Without chromium these tests skip, and fail when CI
is set, as the browser tests do.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import CHROMIUM, require
from tests.conftest import ROOT
from tests.helpers import DEFAULT, VOLCANO, mkdocs_config

pytestmark = pytest.mark.process


def briefing_pdf(config: Path, out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `briefing pdf` in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "pdf", "--config", str(config), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", **env},
        timeout=300,
    )


@pytest.fixture(scope="module")
def default_pdf(tmp_path_factory: pytest.TempPathFactory) -> Any:
    require(CHROMIUM.is_file(), f"no chromium at {CHROMIUM} (apt-get install chromium)")
    from pypdf import PdfReader

    folder = tmp_path_factory.mktemp("pdf-default")
    config = mkdocs_config(folder, *DEFAULT, name="North Korean troops in Russia")
    out = folder / "briefing.pdf"
    result = briefing_pdf(config, out, BRIEFING_CHROMIUM=str(CHROMIUM))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    return PdfReader(out)


def words(text: str) -> str:
    """Text with every run of white space made one space (PDF text breaks lines anywhere)."""
    return re.sub(r"\s+", " ", text).strip()


def outline_titles(entries: list[Any]) -> list[str]:
    """The outline's top-level titles, in order."""
    return [words(e.title) for e in entries if not isinstance(e, list)]


def test_the_pdf_is_tagged_and_has_a_page_per_section_at_least(default_pdf: Any) -> None:
    root = default_pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]), "the PDF is not tagged"
    assert "/StructTreeRoot" in root, "the PDF has no structure tree"
    # Seven sections, each from a new sheet; the figures and timeline take several.
    assert 12 <= len(default_pdf.pages) <= 80, len(default_pdf.pages)


def test_the_outline_follows_the_briefing_s_headings(default_pdf: Any) -> None:
    titles = outline_titles(default_pdf.outline)
    assert titles[1:] == [
        "Figures",
        "Reactions",
        "Open questions",
        "Timeline",
        "What we don't know",
        "Sources",
    ], titles
    assert titles[0].startswith("North Korean troops in Russia")
    nested = [e for e in default_pdf.outline if isinstance(e, list)]
    assert any("Bottom line up front" in words(e.title) for e in nested[0]), "no subheadings"


def test_the_overview_s_text_is_in_the_pdf_and_every_page_has_header_and_number(
    default_pdf: Any,
) -> None:
    first = words(default_pdf.pages[0].extract_text())
    assert "Bottom line up front" in first
    summary = (DEFAULT[0] / "briefing.yml").read_text(encoding="utf-8")
    opening = re.search(r"summary: >-?\n\s+(.+)", summary)
    assert opening and words(opening[1])[:40] in first, (opening, first[:400])
    count = len(default_pdf.pages)
    for number, page in enumerate(default_pdf.pages, 1):
        text = words(page.extract_text())
        assert "as of 27 Feb 2025" in text, f"page {number} has no as-of date in its header"
        assert f"Page {number} of {count}" in text, f"page {number} has no page number"


def test_links_inside_the_briefing_are_kept(default_pdf: Any) -> None:
    inside = external = 0
    for page in default_pdf.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uri = str(action["/URI"])
                assert uri.startswith(("http://", "https://")), uri
                assert "127.0.0.1" not in uri and not uri.startswith("file:"), uri
                external += 1
            elif "/Dest" in annot or (action is not None and action.get("/S") == "/GoTo"):
                inside += 1
    assert inside >= 10, f"only {inside} links inside the PDF"


def test_site_url_makes_links_to_other_pages_absolute(tmp_path: Path) -> None:
    require(CHROMIUM.is_file(), f"no chromium at {CHROMIUM} (apt-get install chromium)")
    from pypdf import PdfReader

    config = mkdocs_config(tmp_path, *VOLCANO, name="Mount Kestrel eruption")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name:", "site_url: https://example.org/b/\nsite_name:", 1))
    out = tmp_path / "volcano.pdf"
    result = briefing_pdf(config, out, BRIEFING_CHROMIUM=str(CHROMIUM))
    assert result.returncode == 0, result.stderr
    uris = [
        str(a.get_object()["/A"]["/URI"])
        for page in PdfReader(out).pages
        for a in page.get("/Annots") or []
        if "/A" in a.get_object() and a.get_object()["/A"].get("/S") == "/URI"
    ]
    assert any(u.startswith("https://example.org/b/claims/") for u in uris), uris


def test_a_missing_chromium_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    config = mkdocs_config(tmp_path, *VOLCANO)
    out = tmp_path / "none.pdf"
    result = briefing_pdf(config, out, BRIEFING_CHROMIUM=str(tmp_path / "no-chromium"))
    assert result.returncode == 1
    assert "apt-get install chromium" in result.stderr and "'chromium' package" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_bad_content_is_reported_and_no_pdf_is_written(tmp_path: Path) -> None:
    require(CHROMIUM.is_file(), f"no chromium at {CHROMIUM} (apt-get install chromium)")
    content = tmp_path / "content"
    content.mkdir()
    for path in VOLCANO[0].rglob("*"):
        if path.is_file():
            target = content / path.relative_to(VOLCANO[0])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    briefing = content / "briefing.yml"
    briefing.write_text(re.sub(r"as_of: .*", "as_of: 2025-13-01", briefing.read_text()))
    config = mkdocs_config(tmp_path / "site", content, VOLCANO[1])
    out = tmp_path / "bad.pdf"
    result = briefing_pdf(config, out, BRIEFING_CHROMIUM=str(CHROMIUM))
    assert result.returncode == 1
    assert re.search(r"briefing\.yml:\d+:\d+: error: as_of", result.stderr), result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
