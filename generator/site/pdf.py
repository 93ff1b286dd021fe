"""`briefing pdf`: the print page of a freshly built site, printed by headless Chromium.

The site is built as `briefing site` builds it (strict, scanned) into a temporary
folder, and Debian's `chromium` prints its print page through Playwright's driver:
A4, a tagged PDF with an outline from the headings, the briefing's title and as-of
date in every page's header and page numbers in its footer, charts in the stylesheet's
print colours. Links inside the briefing stay links inside the PDF; links to the
rest of the site point at `site_url` when mkdocs.yml sets one, and are left as text
otherwise (they would point at the temporary copy); links to originals are kept.
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from generator.publish.printpage import PRINT_PATH
from generator.site.build import build_site
from generator.write import write_file

CHROMIUM_PACKAGE = "chromium"  # Debian's package, the browser the tests use too
MARGIN = {"top": "22mm", "bottom": "20mm", "left": "16mm", "right": "16mm"}
SMALL = "font-size:8px;font-family:sans-serif;color:#333;width:100%;margin:0 16mm;"

# Run in the print page before printing: settle every link for a reader of the PDF.
LINKS_JS = """
(siteUrl) => {
  for (const a of document.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href');
    if (href.startsWith('#') || /^https?:/i.test(href)) continue;
    if (siteUrl) { a.href = new URL(href, new URL('print/', siteUrl)).href; continue; }
    a.replaceWith(...a.childNodes);
  }
}
"""


class PdfError(Exception):
    """The PDF cannot be made: no browser, no driver, or the browser failed."""


def find_chromium() -> Path:
    """Debian's chromium (or BRIEFING_CHROMIUM); a clear error naming the package if missing."""
    named = os.environ.get("BRIEFING_CHROMIUM") or shutil.which("chromium")
    path = Path(named) if named else Path("/usr/bin/chromium")
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise PdfError(
            f"briefing pdf needs Chromium, and there is none at {path}: install Debian's "
            f"'{CHROMIUM_PACKAGE}' package (apt-get install {CHROMIUM_PACKAGE}), or name "
            "another build in BRIEFING_CHROMIUM"
        )
    return path


def page_file(site: Path) -> Path:
    """The print page's HTML file in a built site (with or without directory URLs)."""
    stem = PRINT_PATH.removesuffix(".md")
    for candidate in (site / stem / "index.html", site / f"{stem}.html"):
        if candidate.is_file():
            return candidate
    raise PdfError(f"the built site has no print page ({stem}/index.html)")


def header(title: str, as_of: str) -> str:
    """Every page's header: the briefing's title and its as-of date."""
    text = html.escape(f"{title} · as of {as_of}")
    return f'<div style="{SMALL}">{text}</div>'


def footer() -> str:
    """Every page's footer: its number of the whole."""
    numbers = '<span class="pageNumber"></span> of <span class="totalPages"></span>'
    return f'<div style="{SMALL}text-align:right;">Page {numbers}</div>'


def print_pdf(page_html: Path, chromium: Path, title: str, as_of: str, site_url: str) -> bytes:
    """Print a page to PDF with headless Chromium, driven by Playwright."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise PdfError(
            "briefing pdf drives Chromium through the playwright package, which is not "
            "installed: pip install playwright (never `playwright install`: the system's "
            "chromium is used)"
        ) from None
    args = ["--disable-gpu", "--no-first-run", *(["--no-sandbox"] if os.geteuid() == 0 else [])]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=args)
            try:
                return pdf_of(browser, page_html, header(title, as_of), site_url)
            finally:
                browser.close()
    except Error as error:
        raise PdfError(f"Chromium could not print {page_html}: {error.message}") from None


def pdf_of(browser: Any, page_html: Path, head: str, site_url: str) -> bytes:
    """Open the print page in a browser and print it."""
    page = browser.new_page()
    page.emulate_media(media="print", color_scheme="light")
    page.goto(page_html.resolve().as_uri(), wait_until="load")
    page.evaluate(LINKS_JS, site_url)
    data: bytes = page.pdf(
        format="A4",
        margin=MARGIN,
        display_header_footer=True,
        header_template=head,
        footer_template=footer(),
        print_background=True,
        tagged=True,
        outline=True,
    )
    return data


def build_pdf(config_file: Path, out: Path, title: str, as_of: str, as_of_key: str) -> None:
    """Build the site into a temporary folder, print its print page, write the PDF to `out`."""
    chromium = find_chromium()
    site_url = site_url_of(config_file)
    with tempfile.TemporaryDirectory(prefix="briefing-pdf-") as folder:
        site = Path(folder) / "site"
        build_site(config_file, site, as_of=as_of_key)
        data = print_pdf(page_file(site), chromium, title, as_of, site_url)
    write_file(out, data)


def site_url_of(config_file: Path) -> str:
    """The site's published address from mkdocs.yml, or '' when it sets none."""
    from mkdocs.config import load_config

    return str(load_config(str(config_file)).site_url or "")
