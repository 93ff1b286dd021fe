"""`briefing serve` through a real `mkdocs serve`: a bad edit shows the same report as
`briefing check` in the terminal and on every page, and the served site's temporary
folder is gone however the server is stopped."""

from __future__ import annotations

import html
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main as cli
from tests.conftest import GOLDEN, ROOT, assert_golden

pytestmark = pytest.mark.process
BROKEN_QUOTE = ("about 2,700 residents had been evacuated", "about 2,700 residents were evacuated")
REPORT = re.compile(r'<pre class="bf-report"><code>(.*?)</code></pre>', re.DOTALL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(what: str, probe: object, seconds: float = 90) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = probe() if callable(probe) else None
        if found:
            return found
        time.sleep(0.3)
    pytest.fail(f"gave up waiting for {what}")


class Served:
    """A running `briefing serve` of an example briefing, its log and its TMPDIR."""

    def __init__(self, tmp_path: Path, background: bool = False) -> None:
        self.folder = tmp_path / "briefing"
        assert cli.main(["init", str(self.folder), "-q"]) == 0
        self.tmp = tmp_path / "tmp"
        self.tmp.mkdir()
        self.log = tmp_path / "serve.log"
        self.url = f"http://127.0.0.1:{free_port()}/"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(self.tmp), "NO_COLOR": "1"}
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "generator", "serve", "-a", self.url[7:-1]],
                cwd=self.folder,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a signal sent to the test's group does not reach it
                # a shell starts a background job with Ctrl-C ignored
                preexec_fn=ignore_sigint if background else None,
            )
        wait_for("the first build", lambda: fetch(self.url))

    def stop(self, signum: int) -> int:
        self.process.send_signal(signum)
        return self.process.wait(timeout=60)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")


def ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path)
    yield server
    if server.process.poll() is None:
        server.stop(signal.SIGTERM)


def check_report(folder: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    return done.stderr


def test_a_bad_edit_shows_the_check_report_on_the_page_and_in_the_terminal(
    served: Served, update_golden: bool
) -> None:
    claims = served.folder / "content" / "claims" / "flood.yml"
    claims.write_text(claims.read_text(encoding="utf-8").replace(*BROKEN_QUOTE), encoding="utf-8")

    def banner() -> str | None:
        page = fetch(served.url + "sources/")
        found = REPORT.search(page or "")
        return html.unescape(found.group(1)) if found else None

    shown = str(wait_for("the error banner", banner))
    checked = check_report(served.folder)
    # The same report, but the last good site is still served: nothing "was not written".
    assert shown.splitlines()[:-1] == checked.splitlines()[:-1]
    assert shown.splitlines()[-1] == "1 error, 0 warnings in 1 file."
    assert "hint: closest passage" in shown
    assert_golden(GOLDEN / "cli" / "serve-report.txt", shown + "\n", update_golden)
    wait_for("the report in the terminal", lambda: shown.splitlines()[-2] in served.text())
    logged = served.text()
    for line in shown.splitlines()[1:]:
        assert line in logged, line
    # a fix takes the banner away again
    claims.write_text(claims.read_text(encoding="utf-8").replace(*BROKEN_QUOTE[::-1]))
    page = lambda: fetch(served.url + "sources/") or "bf-report"  # noqa: E731
    wait_for("the banner to go", lambda: "bf-report" not in page())


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_stopping_the_server_removes_its_temporary_site(served: Served, signum: int) -> None:
    made = list(served.tmp.iterdir())
    assert len(made) == 1 and made[0].name.startswith("briefing-serve-"), made
    assert any(made[0].rglob("index.html")), "the served site is not in the folder serve made"
    assert served.stop(signum) == 0, served.text()
    assert list(served.tmp.iterdir()) == []
    assert "Traceback" not in served.text()


def test_a_server_started_in_the_background_stops_at_once(tmp_path: Path) -> None:
    served = Served(tmp_path, background=True)
    started = time.monotonic()
    assert served.stop(signal.SIGTERM) == 0, served.text()
    assert time.monotonic() - started < 8, "MkDocs ignored the request to shut down"
    assert list(served.tmp.iterdir()) == []


def test_the_server_ends_when_serve_is_killed_outright(tmp_path: Path) -> None:
    served = Served(tmp_path)
    served.stop(signal.SIGKILL)
    wait_for("MkDocs to stop serving", lambda: fetch(served.url) is None, seconds=30)
