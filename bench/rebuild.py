"""Benchmark what a save costs the generator under serve: a rebuild that keeps what it can.

One synthetic briefing is built once with a keeping Reuse (as a serving process
does), then one claim's statement is edited and the pages rebuilt, several times;
the medians of the full first build, of a rebuild after an edit and of a no-op
rebuild are printed with their ratio to the first build, and how many pages each
rebuild rendered again.

    python bench/rebuild.py                    # 1,000 sources / 10,000 claims
    python bench/rebuild.py --size 100:1000 --runs 7
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import write_briefing
from generator.content.check import Settings
from generator.pipeline import build_pages
from generator.speed.reuse import Reuse


def timed(settings: Settings, reuse: Reuse) -> tuple[float, int]:
    """Seconds for one build, and how many of its pages it rendered again (pages the memo
    handed back unchanged are the same string object as in the last build)."""
    before = {key: entry[1] for key, entry in reuse.rendered.entries.items()}
    start = time.perf_counter()
    pages = build_pages(settings, reuse).pages
    seconds = time.perf_counter() - start
    kept = {id(markdown) for markdown in before.values()}
    return seconds, sum(1 for markdown in pages.values() if id(markdown) not in kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="1000:10000", help="SOURCES:CLAIMS")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sources, claims = (int(n) for n in args.size.split(":"))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_briefing(root, sources, claims)
        settings = Settings(root / "content", root / "seeds")
        reuse = Reuse()
        first, pages = timed(settings, reuse)
        gc.freeze()  # as a serving process does between builds
        claims_file = root / "content" / "claims" / "casualties.yml"
        edits, noops = [], []
        for run in range(args.runs):
            text = claims_file.read_text(encoding="utf-8")
            claims_file.write_text(text.replace("statement: ", f"statement: E{run} ", 1))
            edits.append(timed(settings, reuse))
            noops.append(timed(settings, reuse))
    edit = statistics.median(s for s, _ in edits)
    noop = statistics.median(s for s, _ in noops)
    print(f"{sources} sources / {claims} claims, {pages} pages, median of {args.runs}")
    print(f"first build      {first:6.2f} s")
    print(
        f"after an edit    {edit:6.2f} s  ({edit / first:.2f}x the first build), "
        f"{statistics.median(n for _, n in edits):.0f} pages rendered again"
    )
    print(
        f"no-op rebuild    {noop:6.2f} s  ({noop / first:.2f}x the first build), "
        f"{statistics.median(n for _, n in noops):.0f} pages rendered again"
    )


if __name__ == "__main__":
    main()
