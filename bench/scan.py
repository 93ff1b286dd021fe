"""Benchmark the site scanner: the median time of `scan_site` over a built site.

Give it a site folder, or let it build the synthetic briefing of a size first:

    python bench/scan.py SITE_DIR
    python bench/scan.py --size 1000:10000      # about 1,200 pages; the build takes a while
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import write_briefing  # noqa: E402
from generator.site.scan import scan_site  # noqa: E402
from tests.helpers import mkdocs_config  # noqa: E402


def built(size: str, folder: Path) -> Path:
    """Build the synthetic briefing of a size with `briefing site`; return its site."""
    sources, claims = (int(n) for n in size.split(":"))
    write_briefing(folder, sources, claims)
    config = mkdocs_config(folder, folder / "content", folder / "seeds")
    site = folder / "site"
    command = [sys.executable, "-m", "generator.cli.main", "site", "--config", str(config)]
    subprocess.run([*command, "--site-dir", str(site)], check=True, cwd=ROOT)
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site folder")
    parser.add_argument("--size", default="1000:10000", help="SOURCES:CLAIMS to build")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = args.site or built(args.size, Path(folder))
        times, found = [], 0
        for _ in range(args.runs):
            start = time.perf_counter()
            found = len(scan_site(site))
            times.append(time.perf_counter() - start)
        pages = sum(1 for _ in site.rglob("*.html"))
        print(
            f"{pages} pages: scan median {statistics.median(times):.2f} s "
            f"of {args.runs} runs, {found} findings"
        )


if __name__ == "__main__":
    main()
