"""Benchmark `briefing import`'s extraction against the page's parse floor.

Each saved page of tests/fixtures/pages is grown by repeating its last <section> or
<div> of related links, comments or adverts (page furniture, --copies times), then
the medians of parsing it (lexbor: the floor), of taking its furniture out, and of the
whole extraction (furniture, trafilatura's main text, the metadata) are printed with
their ratios to the floor.

    python bench/extract.py                  # 1,500 copies: pages of about 0.5 to 1 MB
    python bench/extract.py --copies 200 --runs 7
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from generator.content.extract import extract, without_furniture  # noqa: E402
from generator.content.fetch import decode_page  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"
FURNITURE = re.compile(
    r'<(section|div|ol|aside)[^>]*class="[^"]*(related|comment|read-next|advert|ad )[^"]*"'
    r".*?</\1>",
    re.S,
)


def grown(html: str, copies: int) -> str:
    """The page with one block of furniture repeated."""
    found = FURNITURE.search(html)
    if found is None:
        return html
    return html[: found.start()] + found.group() * copies + html[found.start() :]


def median(action: Callable[[], object], runs: int) -> float:
    """The median wall time of an action."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=1500, help="furniture blocks added")
    parser.add_argument("--runs", type=int, default=5, help="runs per measure")
    args = parser.parse_args()
    print(f"{'page':<16} {'bytes':>9} {'parse s':>8} {'furniture s':>16} {'extract s':>16}")
    for path in sorted(PAGES.glob("*.html")):
        html = grown(decode_page(path.read_bytes()), args.copies)
        floor = median(lambda html=html: LexborHTMLParser(html), args.runs)
        clean = median(lambda html=html: without_furniture(html), args.runs)
        whole = median(lambda html=html: extract(html), args.runs)
        size = len(html.encode("utf-8"))
        ratios = f"{clean:>8.3f} {clean / floor:>6.0f}x {whole:>8.3f} {whole / floor:>6.0f}x"
        print(f"{path.stem:<16} {size:>9,} {floor:>8.4f} {ratios}")


if __name__ == "__main__":
    main()
