"""Fetching pages: http(s) only (redirects too), a deadline, a size cap, charsets as browsers
read them. Every URL is served by a local http.server on 127.0.0.1, never the internet."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from generator.content.fetch import FetchError, decode_page, fetch_url, read_page
from tests.conftest import FIXTURES

PAGES = FIXTURES / "pages"
GAZETTE = (PAGES / "gazette-ferry.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    """Serves one route per behaviour a fetch must handle."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        routes: dict[str, Callable[[], None]] = {
            "/page": lambda: self.send(200, GAZETTE),
            "/wire": lambda: self.send(200, (PAGES / "wire-grain.html").read_bytes()),
            "/latin": lambda: self.send(
                200, "<p>caf\u00e9</p>".encode("cp1252"), "text/html; charset=iso-8859-1"
            ),
            "/pdf": lambda: self.send(200, b"%PDF-1.7", "application/pdf"),
            "/missing": lambda: self.send(404, b"not here"),
            "/slow": self.slow,
            "/drip": self.drip,
            "/declared-big": self.declared_big,
            "/streamed-big": self.streamed_big,
            "/to-page": lambda: self.redirect("/page"),
            "/to-file": lambda: self.redirect("file:///etc/passwd"),
            "/to-ftp": lambda: self.redirect("ftp://127.0.0.1/page"),
            "/to-data": lambda: self.redirect("data:text/html,<p>hi</p>"),
            "/loop": lambda: self.redirect("/loop"),
        }
        routes.get(self.path, lambda: self.send(404, b""))()

    def slow(self) -> None:
        time.sleep(3)
        with contextlib.suppress(OSError):  # the client left, as it should
            self.send(200, GAZETTE)

    def drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(40):  # 4 seconds of one byte every 0.1 s
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:  # the client left, as it should
            pass

    def declared_big(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(50 * 1024 * 1024))
        self.end_headers()
        self.wfile.write(b"<p>start</p>")

    def streamed_big(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(64):
                self.wfile.write(b"<p>" + b"x" * 1020 + b"</p>")
        except OSError:  # the client left, as it should
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A local server's base URL, for the whole module."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def refused(url: str, timeout: float = 5.0, limit: int = 10 * 1024 * 1024) -> str:
    """The message of a fetch that must fail."""
    with pytest.raises(FetchError) as failure:
        fetch_url(url, timeout=timeout, limit=limit)
    assert failure.value.problem.code == "import-fetch"
    return failure.value.problem.message


def test_a_page_is_fetched_with_its_bytes_and_address(server: str) -> None:
    page = fetch_url(f"{server}/page")
    assert page.raw == GAZETTE
    assert page.url == f"{server}/page"
    assert "Ferry capsizes off Port Halden" in page.text


def test_a_redirect_to_http_is_followed_and_the_final_address_kept(server: str) -> None:
    page = fetch_url(f"{server}/to-page")
    assert page.raw == GAZETTE and page.url == f"{server}/page"


@pytest.mark.parametrize("route", ["/to-file", "/to-ftp", "/to-data"])
def test_a_redirect_to_anything_but_http_is_refused(server: str, route: str) -> None:
    message = refused(server + route)
    assert "redirected to" in message and "only http and https" in message


def test_a_redirect_loop_ends(server: str) -> None:
    assert refused(f"{server}/loop") == "more than 5 redirects, or a redirect loop"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/page", "javascript:alert(1)", "data:,x", "http:"]
)
def test_only_http_and_https_addresses_are_fetched(url: str) -> None:
    assert refused(url) == "expected an http(s) URL or a file"
    with pytest.raises(FetchError):
        read_page(url)


def test_a_server_that_does_not_answer_in_time_is_left(server: str) -> None:
    # The page comes after 3 s: a fetch that waited for it would succeed.
    assert refused(f"{server}/slow", timeout=0.5) == "no complete answer in time"


def test_a_server_that_drips_bytes_is_left_at_the_deadline(server: str) -> None:
    # Each byte comes well within the timeout and the body ends after 4 s: only the
    # deadline over the whole fetch stops it.
    assert refused(f"{server}/drip", timeout=0.6) == "no complete answer in time"


def test_a_page_over_the_size_cap_is_refused_declared_or_streamed(server: str) -> None:
    assert "more than 10,485,760 bytes" in refused(f"{server}/declared-big")
    assert "more than 20,000 bytes" in refused(f"{server}/streamed-big", limit=20_000)


def test_what_is_not_a_page_is_refused(server: str) -> None:
    assert refused(f"{server}/pdf") == "expected a web page; the server sent application/pdf"
    assert refused(f"{server}/missing") == "the server answered 404 Not Found"


def test_the_server_charset_wins_and_latin_1_is_read_as_windows_1252(server: str) -> None:
    assert "caf\u00e9" in fetch_url(f"{server}/latin").text
    assert decode_page(b"<p>\x93quoted\x94</p>", "latin-1") == "<p>\u201cquoted\u201d</p>"


def test_a_page_declares_its_charset_or_is_read_as_utf8_then_windows_1252() -> None:
    meta = b'<meta charset="windows-1252"><p>\x96</p>'
    assert decode_page(meta).endswith("<p>\u2013</p>")
    assert decode_page("<p>\u2013</p>".encode()) == "<p>\u2013</p>"
    assert decode_page(b"<p>\x96</p>") == "<p>\u2013</p>"
    assert decode_page(b"\xef\xbb\xbf<p>x</p>", "windows-1252") == "<p>x</p>"
    assert decode_page(b'<meta charset="no-such-thing"><p>\xc3\xa9</p>').endswith("\u00e9</p>")


def test_a_saved_file_is_read_and_a_missing_one_reported(tmp_path: object) -> None:
    page = read_page(str(PAGES / "ministry-floods.html"))
    assert page.url is None and "(Protecci\u00f3n Civil)" in page.text
    with pytest.raises(FetchError) as failure:
        read_page(str(PAGES / "no-such-page.html"))
    assert failure.value.problem.message.startswith("cannot read")
