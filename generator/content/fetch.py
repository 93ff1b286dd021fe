"""Read a saved web page from a file or an http(s) URL, within a time limit and a size cap.

A URL is fetched only over http or https, after every redirect too (a redirect to
file:, ftp: or anything else is refused), with one deadline for the whole fetch and
at most MAX_PAGE_BYTES read. The bytes are kept as they came, for the archive; the
text is decoded as a browser would: byte order mark, the server's charset, the
page's own <meta charset>, then UTF-8, then Windows-1252.
"""

from __future__ import annotations

import codecs
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from generator.content.load import display_name, read_bytes
from generator.errors import Problem

MAX_PAGE_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 30.0
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "briefing-generator (article import)"
SCHEMES = ("http", "https")
PAGE_TYPES = ("text/html", "application/xhtml+xml")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)""", re.I)
# Labels browsers read as Windows-1252 (the WHATWG encoding standard).
AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"}


@dataclass(frozen=True)
class Page:
    """A page as read: its bytes, its text, and the address it came from (for a URL)."""

    raw: bytes
    text: str
    url: str | None
    name: str


class FetchError(Exception):
    """A page that could not be read; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def fetch_problem(url: str, message: str, hint: str | None = None) -> Problem:
    """A problem with fetching a URL: there is no file to point at, so the URL is shown."""
    return Problem(span=None, field="", message=message, code="import-fetch", got=url, hint=hint)


def is_url(where: str) -> bool:
    """Tell a URL (any scheme) from a file path."""
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", where) is not None and not Path(where).exists()


def charset_label(label: str | None) -> str | None:
    """The Python codec for an encoding label, or None when there is no such encoding."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in AS_WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(raw: bytes, declared: str | None = None) -> str:
    """Decode a page as a browser would."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(codec, errors="replace")
    if raw.startswith(codecs.BOM_UTF16_BE):
        return raw[2:].decode("utf-16-be", errors="replace")
    found = META_CHARSET.search(raw[:4096])
    meta = found[1].decode("ascii") if found else None
    chosen = charset_label(declared) or charset_label(meta)
    if chosen:
        return raw.decode(chosen, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_page_file(path: Path) -> Page:
    """Read a saved page from a file."""
    name = display_name(path)
    raw, problems = read_bytes(path, name, MAX_PAGE_BYTES)
    if raw is None:
        raise FetchError(problems[0])
    return Page(raw, decode_page(raw), None, name)


class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a few redirects, and only to http(s) addresses."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        """Refuse a redirect to anything but http(s)."""
        scheme = urlsplit(newurl).scheme.lower()
        if scheme not in SCHEMES:
            raise FetchError(refused_redirect(newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def refused_redirect(target: str) -> Problem:
    """The problem of a redirect to anything but http(s)."""
    message = f"the server redirected to {target!r}; only http and https pages are fetched"
    return fetch_problem(target, message)


def opener() -> urllib.request.OpenerDirector:
    """An opener that speaks http(s) only and follows safe redirects."""
    handlers: list[Any] = [
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        HttpOnlyRedirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ]
    built = urllib.request.OpenerDirector()
    for handler in handlers:
        built.add_handler(handler)
    return built


def read_capped(response: Any, url: str, deadline: float, limit: int) -> bytes:
    """Read a response body within the deadline and the size cap."""
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise FetchError(too_large(url, int(length), limit))
    chunks: list[bytes] = []
    size = 0
    while True:  # each read waits at most the timeout; the deadline bounds them all
        if time.monotonic() > deadline:
            raise FetchError(timed_out(url))
        chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FetchError(too_large(url, size, limit))
        chunks.append(chunk)


def too_large(url: str, size: int, limit: int) -> Problem:
    """The problem of a page over the size cap."""
    return fetch_problem(url, f"the page is more than {limit:,} bytes (read {size:,})")


def timed_out(url: str) -> Problem:
    """The problem of a fetch that ran out of time."""
    hint = "try again, or save the page from a browser and import the file"
    return fetch_problem(url, "no complete answer in time", hint=hint)


def fetch_url(url: str, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_PAGE_BYTES) -> Page:
    """Fetch a page over http(s) within the time limit and the size cap."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES or not urlsplit(url).netloc:
        hint = "name a saved page (an HTML file) or an http:// or https:// address"
        raise FetchError(fetch_problem(url, "expected an http(s) URL or a file", hint))
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener().open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if response.headers.get("Content-Type") and kind not in PAGE_TYPES:
                message = f"expected a web page; the server sent {kind}"
                raise FetchError(fetch_problem(url, message))
            raw = read_capped(response, url, deadline, limit)
            final = response.geturl()
            charset = response.headers.get_content_charset()
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        target = error.headers.get("Location") or "" if error.headers else ""
        if 300 <= error.code < 400 and urlsplit(target).scheme.lower() not in ("", *SCHEMES):
            raise FetchError(refused_redirect(target)) from None  # refused by urllib itself
        message = f"the server answered {error.code} {error.reason}"
        if 300 <= error.code < 400:
            message = f"more than {MAX_REDIRECTS} redirects, or a redirect loop"
        raise FetchError(fetch_problem(url, message)) from None
    except (TimeoutError, urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FetchError(timed_out(url)) from None
        raise FetchError(fetch_problem(url, f"cannot fetch the page: {reason}")) from None
    return Page(raw, decode_page(raw, charset), final, url)


def read_page(where: str, timeout: float = TIMEOUT_SECONDS) -> Page:
    """Read a page named by a file path or a URL."""
    if is_url(where):
        return fetch_url(where, timeout)
    return read_page_file(Path(where))
