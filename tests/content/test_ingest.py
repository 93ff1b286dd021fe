"""`briefing import`: realistic saved news pages become archived texts (golden), raw pages and
sources.yml entries (golden) that `briefing check` accepts; ids never collide; nothing is written
when anything is wrong."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.content import ingest
from generator.content.check import Settings, check
from generator.content.yamlstrict import parse_yaml
from tests.conftest import FIXTURES, GOLDEN, ROOT, assert_golden, remove_orphans
from tests.content.test_schema import run_editor
from tests.helpers import MINIMAL, tree_digest

PAGES = FIXTURES / "pages"
NAMES = sorted(p.stem for p in PAGES.glob("*.html"))
GOLDEN_IMPORT = GOLDEN / "import"
SOURCES = Path("b/content/sources.yml")
ARGS = ["--content", "b/content", "--seeds", "b/seeds"]

# What each page's text must hold, and the page furniture it must not.
KEPT = {
    "gazette-ferry": [
        "41 people were still missing",
        "Second rescue in a month",
        "day of mourning",
    ],
    "wire-grain": ["8.4 million tonnes", "Vesta North handled 2.1 million", "600,000 tonnes"],
    "ministry-floods": ["1,350 homes were flooded", "(Protección Civil)", "31 January 2025"],
    "blog-harvest": ["41,000 tonnes", "Farmers without irrigation", "6 million euros"],
}
GONE = {
    "gazette-ferry": [
        *("Sections", "Subscribe", "Advertisement", "Holiday cottages", "Share this", "Copy link"),
        *("Photo: Harbour Police", "Relatives wait", "Read more", "Vell ferry route"),
        *("More from Harbour", "harbourwatcher", "overloaded", "cookies", "morning briefing"),
        *("All rights reserved", "Topics:", "Updated", "Ines Varga"),
    ],
    "wire-grain": [
        *("privacy choices", "Sign in", "Tweet", "WhatsApp", "bulk carrier waits"),
        *("Related:", "Wheat futures", "Advertisement", "Read Next", "Join the conversation"),
        *("grainbroker77", "Most read", "zero fees", "Purchase Licensing", "quotes delayed"),
        "Our Standards",
    ],
    "ministry-floods": ["Skip to main", "Press releases", "Print this page", "Accessibility"],
    "blog-harvest": [
        *("Skip to content", "Archive", "Posted on", "Dry terraces", "Share this"),
        *("Almond blossom", "thoughts on", "Same story in our valley", "Leave a Reply"),
        *("Recent Posts", "Proudly powered", "uses cookies", "August 9"),
    ],
}


@pytest.fixture
def briefing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the minimal briefing in b/, the working folder its parent."""
    shutil.copytree(MINIMAL[0].parent, tmp_path / "b")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "b"


def settings(root: Path) -> Settings:
    return Settings(root / "content", root / "seeds")


def imported(root: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    """Import; return the new source's id and its entry as appended to sources.yml."""
    before = (root / "content" / "sources.yml").read_text(encoding="utf-8")
    assert run_editor(["import", *argv, *ARGS]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    ident = out.split("imported source ", 1)[1].split(":", 1)[0]
    after = (root / "content" / "sources.yml").read_text(encoding="utf-8")
    assert after.startswith(before)
    return ident, after[len(before) :]


@pytest.mark.parametrize("name", NAMES)
def test_a_saved_page_becomes_its_main_text_and_a_source_entry(
    name: str, briefing: Path, capsys: pytest.CaptureFixture[str], update_golden: bool
) -> None:
    ident, entry = imported(briefing, capsys, str(PAGES / f"{name}.html"))
    text = (briefing / "seeds" / f"{ident}.txt").read_text(encoding="utf-8")
    assert_golden(GOLDEN_IMPORT / f"{name}.txt", text, update_golden)
    assert_golden(GOLDEN_IMPORT / f"{name}.yml", entry, update_golden)
    for kept in KEPT[name]:
        assert kept in text, kept
    for gone in GONE[name]:
        assert gone not in text, gone
    assert "\n\n" in text and "\n\n\n" not in text and text.endswith("\n")
    raw = (briefing / "seeds" / "raw" / f"{ident}.html").read_bytes()
    assert raw == (PAGES / f"{name}.html").read_bytes()
    checked = check(settings(briefing))
    source = next(s.model for s in checked.content.sources if s.model.id == ident)
    assert source.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert source.text == f"seeds/{ident}.txt"


def test_every_golden_file_has_its_page() -> None:
    expected = {GOLDEN_IMPORT / f"{n}.{ext}" for n in NAMES for ext in ("txt", "yml")}
    remove_orphans(GOLDEN_IMPORT, "*.*", expected, update=False)


def test_the_published_date_is_taken_never_the_modified_one(
    briefing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dates = {}
    for name in NAMES:
        _, entry = imported(briefing, capsys, str(PAGES / f"{name}.html"))
        dates[name] = entry.split("published: ", 1)[1].split("\n", 1)[0]
    assert dates == {
        "blog-harvest": "2024-08-02",  # modified 2024-08-09
        "gazette-ferry": "2025-03-14",  # modified 2025-03-16
        "ministry-floods": "2024-11-18",  # modified 2024-12-02
        "wire-grain": "2025-05-29",  # modified 2025-06-03
    }


def test_ids_do_not_collide_with_sources_or_seed_files(
    briefing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = str(PAGES / "gazette-ferry.html")
    first, _ = imported(briefing, capsys, page)
    assert first == "coastal-2025-03-14-ferry-capsizes-off-port"
    (briefing / "seeds" / f"{first}.txt").rename(briefing / "seeds" / "moved.txt")
    sources = briefing / "content" / "sources.yml"
    sources.write_text(sources.read_text().replace(f"seeds/{first}.txt", "seeds/moved.txt"))
    sources.write_text(sources.read_text().replace("sha256: ", "# sha256: "))
    (briefing / "seeds" / f"{first}-2.txt").write_text("someone else's file\n")
    second, _ = imported(briefing, capsys, page)
    assert second == f"{first}-3"  # -2 is taken by a file in the seeds folder
    ids = [s.model.id for s in check(settings(briefing)).content.sources]
    assert ids == ["update", first, second]


def test_a_taken_or_malformed_id_is_refused_and_nothing_written(
    briefing: Path, capsys: pytest.CaptureFixture[str], update_golden: bool
) -> None:
    before = tree_digest(briefing)
    page = str(PAGES / "wire-grain.html")
    assert run_editor(["import", page, *ARGS, "--id", "update"]) == 1
    taken = capsys.readouterr().err
    assert run_editor(["import", page, *ARGS, "--id", "Not a slug"]) == 1
    malformed = capsys.readouterr().err
    assert_golden(GOLDEN_IMPORT / "errors" / "id-taken.txt", taken, update_golden)
    assert_golden(GOLDEN_IMPORT / "errors" / "id-malformed.txt", malformed, update_golden)
    assert tree_digest(briefing) == before


def test_the_same_text_is_not_archived_twice(
    briefing: Path, capsys: pytest.CaptureFixture[str], update_golden: bool
) -> None:
    imported(briefing, capsys, str(PAGES / "ministry-floods.html"))
    before = tree_digest(briefing)
    assert run_editor(["import", str(PAGES / "ministry-floods.html"), *ARGS]) == 1
    err = capsys.readouterr().err
    assert_golden(GOLDEN_IMPORT / "errors" / "duplicate.txt", err, update_golden)
    assert tree_digest(briefing) == before


def test_an_empty_list_file_takes_the_entry_and_keeps_its_comments(
    briefing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(briefing / "content" / "claims")
    briefing_file = briefing / "content" / "briefing.yml"
    briefing_file.write_text(briefing_file.read_text().split("key_judgments:")[0])
    (briefing / "content" / "questions.yml").write_text("[]\n")
    (briefing / "content" / "measures.yml").write_text("[]\n")
    sources = briefing / "content" / "sources.yml"
    sources.write_text("# Sources of this briefing\n[]  # none yet\n")
    assert run_editor(["import", str(PAGES / "blog-harvest.html"), *ARGS]) == 0
    assert "entry  b/content/sources.yml:5\n" in capsys.readouterr().out
    text = sources.read_text()
    assert text.startswith("# Sources of this briefing\n# none yet\n\n# Imported;")
    ids = [s.model.id for s in check(settings(briefing)).content.sources]
    assert ids == ["field-2024-08-02-why-this-years-olive"]


def test_a_guessed_date_is_written_with_a_warning(
    briefing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paragraph = "The committee met for the third time and agreed on 14 new rules for the port."
    body = "".join(f"<p>{paragraph} Point {n}.</p>" for n in range(1, 5))
    (briefing.parent / "dated.html").write_text(
        "<html><head><title>Port rules</title></head><body><article>"
        f'<p class="when">Posted 12 March 2024</p>{body}</article></body></html>'
    )
    assert run_editor(["import", "dated.html", *ARGS, "--id", "dated"]) == 0
    err = capsys.readouterr().err
    assert "sources.yml:13:14: warning: [1].published: guessed from the page's text" in err
    assert "published: 2024-03-12\n" in (briefing / "content" / "sources.yml").read_text()


def test_a_page_without_a_date_is_imported_with_a_warning_and_check_refuses_it(
    briefing: Path, capsys: pytest.CaptureFixture[str], update_golden: bool
) -> None:
    paragraph = "The committee met for the third time and agreed on 14 new rules for the port."
    body = "".join(f"<p>{paragraph} Point {n}.</p>" for n in range(1, 5))
    (briefing.parent / "undated.html").write_text(
        f"<html><head><title>Port rules agreed</title></head><body><article>{body}</article>"
        "</body></html>"
    )
    assert run_editor(["import", "undated.html", *ARGS]) == 0
    captured = capsys.readouterr()
    assert_golden(GOLDEN_IMPORT / "errors" / "undated.txt", captured.err, update_golden)
    entry = (briefing / "content" / "sources.yml").read_text().split("\n\n")[-1]
    assert 'published: ""' in entry and 'publisher: ""' in entry
    with pytest.raises(Exception) as failure:
        check(settings(briefing))
    assert "published" in str(getattr(failure.value, "problems", ""))


def test_a_page_without_article_text_is_refused(
    briefing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree_digest(briefing)
    (briefing.parent / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    assert run_editor(["import", "empty.html", *ARGS]) == 1
    err = capsys.readouterr().err
    assert "empty.html:1:1: error: found no article text in the page [import-empty]" in err
    assert tree_digest(briefing) == before


def test_without_the_import_extra_the_command_says_what_to_install(
    briefing: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura fails
    before = tree_digest(briefing)
    assert run_editor(["import", str(PAGES / "wire-grain.html"), *ARGS]) == 2
    err = capsys.readouterr().err
    assert err == (
        "error: `briefing import` needs the import extra (trafilatura): "
        "pip install 'briefing-generator[import]'\n"
    )
    assert tree_digest(briefing) == before


def test_a_seeds_folder_outside_the_briefing_is_refused(
    briefing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (briefing.parent / "elsewhere").mkdir()
    argv = ["import", str(PAGES / "wire-grain.html"), "--content", "b/content"]
    assert run_editor([*argv, "--seeds", "elsewhere"]) == 1
    assert "[import-seeds]" in capsys.readouterr().err
    assert list((briefing.parent / "elsewhere").iterdir()) == []


def test_a_failed_write_takes_the_new_files_back(
    briefing: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree_digest(briefing)
    real = ingest.write_file

    def failing(path: Path, data: bytes, mode: int | None = None) -> None:
        if path.name == "sources.yml":
            raise OSError(28, "No space left on device", str(path))
        real(path, data, mode)

    monkeypatch.setattr(ingest, "write_file", failing)
    assert run_editor(["import", str(PAGES / "wire-grain.html"), *ARGS]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert tree_digest(briefing) == before


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """A folder's files served over http on 127.0.0.1."""

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def served() -> Iterator[str]:
    """The fixture pages served over http on 127.0.0.1."""
    with serving(PAGES) as url:
        yield url


def test_a_url_is_fetched_and_its_relative_canonical_address_resolved(
    briefing: Path, capsys: pytest.CaptureFixture[str], served: str
) -> None:
    ident, entry = imported(briefing, capsys, f"{served}/wire-grain.html")
    expected = f"{served}/markets/grain-exports-teral-strait-fall-2025-05-29/"
    assert f'url: "{expected}"' in entry
    raw = (briefing / "seeds" / "raw" / f"{ident}.html").read_bytes()
    assert raw == (PAGES / "wire-grain.html").read_bytes()
    parsed, problems = parse_yaml((briefing / "content" / "sources.yml").read_text(), "s.yml")
    assert problems == [] and parsed.data[-1]["id"] == ident
    assert ident in {s.model.id for s in check(settings(briefing)).content.sources}


def test_a_url_that_cannot_be_fetched_is_reported_without_a_traceback(
    briefing: Path, capsys: pytest.CaptureFixture[str], served: str
) -> None:
    before = tree_digest(briefing)
    assert run_editor(["import", f"{served}/no-such-page.html", *ARGS]) == 1
    err = capsys.readouterr().err
    assert "error: the server answered 404 File not found" in err and "Traceback" not in err
    assert run_editor(["import", "file:///etc/passwd", *ARGS]) == 1
    assert "expected an http(s) URL or a file (got 'file:///etc/passwd')" in capsys.readouterr().err
    assert tree_digest(briefing) == before


def test_hostile_metadata_stays_plain_text_in_a_valid_entry(
    briefing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = 'Port: "rules" # agreed\u2028- id: injected\n  note: <script>alert(1)</script>'
    head = (
        f'<meta property="og:title" content="{title.replace(chr(34), "&quot;")}">'
        '<meta property="og:site_name" content="{{ config }} &amp; {% raw %}">'
        '<meta name="author" content="\u202eevil\x07 name">'
        '<link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:url" content="data:text/html,x">'
        '<meta property="article:published_time" content="2024-13-45">'
    )
    paragraph = "The committee met for the third time and agreed on 14 new rules for the port."
    body = "".join(f"<p>{paragraph} Point {n}.</p>" for n in range(1, 5))
    page = f"<html><head>{head}</head><body><article>{body}</article></body></html>"
    (briefing.parent / "hostile.html").write_text(page)
    _, entry = imported(briefing, capsys, "hostile.html", "--id", "hostile")
    parsed, problems = parse_yaml(entry.lstrip("\n"), "entry.yml")
    assert problems == []
    assert parsed.data == [
        {
            "id": "hostile",
            "title": 'Port: "rules" # agreed - id: injected note: <script>alert(1)</script>',
            "publisher": "{{ config }} & {% raw %}",
            "author": "evil name",
            "published": "",
            "text": "seeds/hostile.txt",
            "sha256": hashlib.sha256((briefing / "seeds" / "hostile.txt").read_bytes()).hexdigest(),
        }
    ]


@pytest.mark.process
def test_import_then_check_as_processes(briefing: Path, served: str) -> None:
    """The installed command imports a served page, and `briefing check` then passes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def briefing_cmd(*argv: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "generator", *argv]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)

    done = briefing_cmd("import", f"{served}/gazette-ferry.html", *ARGS)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith("imported source coastal-2025-03-14-ferry-capsizes-off-port:")
    checked = briefing_cmd("check", *ARGS)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok: 2 claims, 2 sources")


def test_a_served_page_without_article_text_names_its_url(
    briefing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (briefing.parent / "www").mkdir()
    (briefing.parent / "www" / "menu.html").write_text("<html><body><nav>Home</nav></body></html>")
    with serving(briefing.parent / "www") as url:
        assert run_editor(["import", f"{url}/menu.html", *ARGS]) == 1
    err = capsys.readouterr().err
    expected = f"error: found no article text in the page (got '{url}/menu.html') [import-empty]"
    assert err.startswith(expected + "\n")
