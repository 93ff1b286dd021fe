"""Benchmark the briefing pipeline against the YAML parse floor, at several sizes.

For each size: medians of several runs, one row per phase (parse floor,
check, build, no-op rebuild, full site, peak memory), and the ratios
check/floor and build/floor. Results are also written as JSON so runs can be
compared. Each phase runs in a fresh process, so imports count. check and build
are timed twice: cold_* with the parse cache emptied before each run, and plain
check_s / build_s with the cache the previous runs left (an editor's repeated runs).

    python bench/run.py                 # 100/1,000 and 1,000/10,000
    python bench/run.py --large         # adds 5,000/50,000
    python bench/run.py --sizes 100:1000 --runs 5 --no-site

The history rows (largest size, with the site) give the content folder a git history of
--history commits, each touching one claim file (bench/history.py), and time the site's
first build with it (site_history_first_s: every revision read), then builds without it
(site_nohistory_s) and later builds with it (site_history_s: what each commit changed is
kept), alternating, so that load drift weighs on both; site_history_over_nohistory is the
ratio of their medians, site_history_pair_ratio the median ratio of each pair.

largest_page_kib is the largest HTML page of the built site. search_kib and
search_first_s are what a reader's first search on the built site costs in Chromium (the
page and everything fetched until the first result shows, bench/search.py), and
search_first_over_default and search_first_over_smallest that time against the default
briefing's (this repository's content/, measured in the same run, printed under the table)
and the smallest size's. A step that fails is
reported, with why, under the table; the other steps still run.

The incremental rows serve the largest size, save one claim several times and time
each save until the served page shows it: serve_edit_s changes the claim's statement,
serve_figure_s its figure, under `briefing serve` (as `make serve` runs it); the
serve_disk_* rows do the same under plain `mkdocs serve`, its site on disk. serve_stop_s
is the time from SIGINT (sent right after the last save, mid-rebuild) to the server's exit.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.history import write_history  # noqa: E402
from bench.search import search_step  # noqa: E402
from bench.synth import write_briefing  # noqa: E402

FLOOR = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
for p in sorted((root / "content").rglob("*.yml")):
    yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
for p in sorted((root / "seeds").glob("*.txt")):
    p.read_text(encoding="utf-8")
"""

DEFAULT_QUERY = "Kursk"  # a place the default briefing's claims name, on several pages
IDLE_BEFORE_SAVE = 2.0  # seconds the server is left idle before each timed save
STOP_TIMEOUT = 60.0  # seconds a server may take to stop on SIGINT before it is killed

SITE_CONFIG = """\
site_name: Synthetic briefing
docs_dir: docs
theme:
  name: material
  font: false
  features: [navigation.tabs, navigation.sections, navigation.prune]
plugins:
  - search
  - briefing
markdown_extensions: [attr_list, tables, toc]
"""


def environment(cwd: Path) -> dict[str, str]:
    """The environment of every timed command: the parse cache lives in the work folder."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_CACHE_DIR": str(cwd / "cache")}


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Run a command; return wall seconds and peak resident memory in KiB."""
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment(cwd),
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return elapsed, int(result.stderr.strip().splitlines()[-1])


def median_of(
    runs: int, command: list[str], cwd: Path, emptied: tuple[Path, ...] = ()
) -> tuple[float, int]:
    """Median wall time and the largest peak memory over several runs.

    The folders in `emptied` are removed before each run (the output folder: a build
    from scratch; the parse cache: a cold run).
    """
    results = []
    for _ in range(runs):
        for folder in emptied:
            shutil.rmtree(folder, ignore_errors=True)
        results.append(timed(command, cwd))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def fetch(url: str) -> str:
    """A page's text, or nothing while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, needle: str, timeout: float) -> float:
    """Poll a page until it holds a text; return the monotonic time it did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return time.monotonic()
        time.sleep(0.05)
    raise SystemExit(f"{needle!r} did not appear at {url} within {timeout:.0f} s")


def peak_kib(pid: int) -> int:
    """The most resident memory a running process and its children have used, in KiB (Linux):
    `briefing serve` runs MkDocs in a child."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8").split()
    return (int(found.group(1)) if found else 0) + sum(peak_kib(int(c)) for c in children)


def serve_edits(work: Path, edits: int, memory: bool) -> dict[str, float]:
    """Median seconds from saving one claim to the server serving the changed page.

    Two kinds of save are timed: a claim's statement, and a claim's figure (which also
    changes its measure's figures, the overview and the gaps). With `memory`, the server
    is `briefing serve` (what `make serve` runs: the served site in memory where there
    is room); without, plain `mkdocs serve`, its site in the default temporary folder.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    claims = sorted((work / "content" / "claims").glob("*.yml"))[0]
    text = claims.read_text(encoding="utf-8")
    ident = re.search(r"- id: (\S+)\n  statement: (.*?)\.\n", text)
    value = re.search(r"\n  value: (\d+)\n", text)
    assert ident and value, "the synthetic claims file has no statement or value"
    # A figure must be stated by its quote, and a quote must be in its article: a figure
    # save changes all three, in one go, as an editor correcting a figure does.
    quote = re.compile(r'\n      quote: "(.*?)"\n').search(text, value.end())
    cited = re.compile(r"\n    - source: (\S+)\n").search(text, value.end())
    assert quote and cited, "the synthetic claim has no quote"
    seed = work / "seeds" / f"{cited.group(1)}.txt"
    article = seed.read_text(encoding="utf-8")
    base = f"http://127.0.0.1:{port}/"
    serve = ["generator", "serve", "--config"] if memory else ["mkdocs", "serve", "-f"]
    command = [sys.executable, "-m", *serve, "mkdocs.yml", "-a", f"127.0.0.1:{port}"]
    env = environment(work)
    server = subprocess.Popen(
        command,
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=sigint_stops,
    )
    try:
        wait_for(base + "data/claims.json", ident.group(1), timeout=900)
        exported = json.loads(fetch(base + "data/claims.json"))
        page = next(c["page"] for c in exported["claims"] if c["id"] == ident.group(1))
        path = page.removesuffix(".md")
        url = base + (path.removesuffix("index") if path.endswith("index") else path + "/")
        wait_for(url, f"claim-{ident.group(1)}", timeout=60)

        def save(edited: str, needle: str, text_of_article: str = article) -> float:
            time.sleep(IDLE_BEFORE_SAVE)  # an editor's saves come seconds apart
            start = time.monotonic()
            if text_of_article != seed.read_text(encoding="utf-8"):
                seed.write_text(text_of_article, encoding="utf-8")
            claims.write_text(edited, encoding="utf-8")
            return wait_for(url, needle, timeout=900) - start

        statement = ident.group(0)
        said = [
            save(text.replace(statement, statement[:-2] + f" revision{n}x.\n", 1), f"revision{n}x")
            for n in range(edits)
        ]
        figures = []
        for n in range(edits):
            new = int(value.group(1)) + n + 1
            stated = quote.group(1).replace(f"{int(value.group(1)):,}", f"{new:,}", 1)
            edited = text.replace(value.group(0), f"\n  value: {new}\n", 1)
            edited = edited.replace(quote.group(1), stated, 1)
            figures.append(
                save(edited, f"about {new:,}", article.replace(quote.group(1), stated, 1))
            )
        seed.write_text(article, encoding="utf-8")
        claims.write_text(text, encoding="utf-8")  # the server starts a rebuild: stop it mid-way
        prefix = "serve" if memory else "serve_disk"
        row = {
            f"{prefix}_edit_s": statistics.median(said),
            f"{prefix}_figure_s": statistics.median(figures),
            f"{prefix}_peak_mib": peak_kib(server.pid),
        }
        time.sleep(0.5)
        row[f"{prefix}_stop_s"] = stop(server)
        return row
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def sigint_stops() -> None:
    """In the server's process: let SIGINT stop it, even if this benchmark runs ignoring it
    (as a script's background job does, and a server then inherits)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stop(server: subprocess.Popen[bytes]) -> float:
    """Send SIGINT, as Ctrl-C, so the server removes its temporary site; seconds to its exit."""
    start = time.monotonic()
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"the server did not stop within {STOP_TIMEOUT:.0f} s of SIGINT") from None
    return time.monotonic() - start


def largest_page_kib(site: Path) -> float:
    """The size of the largest HTML page of a built site, in KiB."""
    return max((p.stat().st_size for p in site.rglob("*.html")), default=0) / 1024


def history_rows(work: Path, runs: int, commits: int) -> dict[str, float]:
    """The site built with a git history (its first build, then later ones) and without it.

    After the first build with history, builds without and with it alternate, so that a
    change in the machine's load during the runs weighs on both alike.
    """
    write_history(work, commits)
    site = [sys.executable, "-m", "generator", "site", "--config", "mkdocs.yml"]
    site += ["--site-dir", "site"]
    row = {"site_history_first_s": median_of(1, site, work)[0]}
    without, with_history = [], []
    for _ in range(runs):
        (work / ".git").rename(work / ".git-away")
        try:
            without.append(median_of(1, site, work)[0])
        finally:
            (work / ".git-away").rename(work / ".git")
        with_history.append(median_of(1, site, work)[0])
    row["site_nohistory_s"] = statistics.median(without)
    row["site_history_s"] = statistics.median(with_history)
    row["site_history_over_nohistory"] = row["site_history_s"] / row["site_nohistory_s"]
    pairs = [h / n for h, n in zip(with_history, without, strict=True)]
    row["site_history_pair_ratio"] = statistics.median(pairs)
    return row


def step(row: dict[str, Any], name: str, measure: Callable[[], dict[str, float]]) -> None:
    """Add a step's figures to the row; a step that fails is noted and the run goes on."""
    try:
        row.update(measure())
    except (Exception, SystemExit) as error:
        row.setdefault("failed", []).append(f"{name}: {str(error).strip()[-2000:]}")


def timed_phases(work: Path, runs: int) -> dict[str, float]:
    """The parse floor, check and build, cold and with the parse cache kept."""
    py = sys.executable
    cli = [py, "-m", "generator"]
    row: dict[str, float] = {}
    row["floor_s"], _ = median_of(runs, [py, "-c", FLOOR, str(work)], work)
    check, build = [*cli, "check"], [*cli, "build", "--out", "out"]
    out, cache = work / "out", work / "cache"
    row["cold_check_s"], _ = median_of(runs, check, work, emptied=(cache,))
    row["check_s"], row["check_peak_mib"] = median_of(runs, check, work)
    row["cold_build_s"], _ = median_of(runs, build, work, emptied=(out, cache))
    row["build_s"], row["build_peak_mib"] = median_of(runs, build, work, emptied=(out,))
    row["noop_build_s"], _ = median_of(runs, build, work)
    for phase in ("cold_check", "check", "cold_build", "build"):
        row[f"{phase}_over_floor"] = row[f"{phase}_s"] / row["floor_s"]
    return row


def site_phase(work: Path) -> dict[str, float]:
    """One strict site build, and its largest page."""
    site = [sys.executable, "-m", "generator", "site", "--config", "mkdocs.yml"]
    seconds, peak = median_of(1, [*site, "--site-dir", "site"], work)
    return {
        "site_s": seconds,
        "site_peak_mib": peak,
        "largest_page_kib": largest_page_kib(work / "site"),
    }


def bench_size(
    sources: int, claims: int, runs: int, site: bool, edits: int = 0, history: int = 0
) -> dict[str, Any]:
    """Measure every phase for one synthetic briefing; a failed step leaves the others."""
    work = Path(tempfile.mkdtemp(prefix=f"bench-{claims}-"))
    try:
        write_briefing(work, sources, claims)
        row: dict[str, Any] = {"sources": sources, "claims": claims}
        step(row, "check and build", lambda: timed_phases(work, runs))
        if site:
            (work / "docs").mkdir()
            (work / "mkdocs.yml").write_text(SITE_CONFIG)
            step(row, "site", lambda: site_phase(work))
            if "site_s" in row and "floor_s" in row:
                row["site_over_floor"] = row["site_s"] / row["floor_s"]
            step(row, "search", lambda: search_step(work / "site", runs))
            if edits:
                step(row, "briefing serve", lambda: serve_edits(work, edits, memory=True))
                step(row, "mkdocs serve", lambda: serve_edits(work, edits, memory=False))
            if history:
                step(row, "history", lambda: history_rows(work, runs, history))
        for key in [k for k in row if k.endswith("_mib")]:
            row[key] = round(row[key] / 1024, 1)
        return row
    finally:
        shutil.rmtree(work, ignore_errors=True)


def table(rows: list[dict[str, Any]]) -> str:
    """The results as a Markdown table, one row per phase; failed steps listed below it."""
    skip = ("sources", "claims", "failed")
    phases = list(dict.fromkeys(k for r in rows for k in r if k not in skip))
    head = "| phase | " + " | ".join(f"{int(r['sources'])}/{int(r['claims'])}" for r in rows)
    lines = [head + " |", "| --- |" + " ---: |" * len(rows)]
    for phase in phases:
        cells = [f"{r[phase]:.2f}" if phase in r else "-" for r in rows]
        lines.append(f"| {phase} | " + " | ".join(cells) + " |")
    for r in rows:
        for failure in r.get("failed", []):
            lines.append(f"\nFAILED at {int(r['claims']):,} claims: {failure}")
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark and print the table, the JSON path and the ratios."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", nargs="*", default=["100:1000", "1000:10000"])
    parser.add_argument("--large", action="store_true", help="add 5,000 sources / 50,000 claims")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-site", action="store_true", help="skip the full site build")
    parser.add_argument(
        "--edits", type=int, default=3, help="claim saves timed under mkdocs serve (0: none)"
    )
    parser.add_argument(
        "--history", type=int, default=300, help="commits of the history case (0: none)"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    args = parser.parse_args()
    sizes = [tuple(int(x) for x in s.split(":")) for s in args.sizes]
    if args.large:
        sizes.append((5000, 50000))
    last = len(sizes) - 1
    rows = [
        bench_size(
            s,
            c,
            args.runs,
            not args.no_site,
            args.edits if i == last else 0,
            args.history if i == last else 0,
        )
        for i, (s, c) in enumerate(sizes)
    ]
    default: dict[str, Any] = {}
    if not args.no_site:
        step(default, "default briefing's search", lambda: default_search(args.runs))
    search_ratios(rows, default)
    print(table(rows))
    if "search_first_s" in default:
        print(
            f"default briefing: first search result in {default['search_first_s']:.2f} s, "
            f"{default['search_kib']:.0f} KiB transferred"
        )
    for failure in default.get("failed", []):
        print(f"FAILED on the default briefing: {failure}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=2))
    print(f"results: {args.json}")
    summary(rows[-1])


def default_search(runs: int) -> dict[str, float]:
    """The first search on the default briefing's site (this repository's content/), built
    as `make site` builds it: the reference the synthetic sizes' searches are held to."""
    work = Path(tempfile.mkdtemp(prefix="bench-default-"))
    try:
        site = [sys.executable, "-m", "generator", "site", "--config", str(ROOT / "mkdocs.yml")]
        timed([*site, "--site-dir", str(work / "site")], work)
        return search_step(work / "site", runs, DEFAULT_QUERY)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def search_ratios(rows: list[dict[str, Any]], default: dict[str, float]) -> None:
    """Each size's time to a first search result against the default briefing's and the
    smallest size's."""
    first = rows[0].get("search_first_s") if rows else None
    for row in rows:
        if "search_first_s" not in row:
            continue
        if "search_first_s" in default:
            row["search_first_over_default"] = row["search_first_s"] / default["search_first_s"]
        if first:
            row["search_first_over_smallest"] = row["search_first_s"] / first


def summary(last: dict[str, Any]) -> None:
    """The ratios of the largest size in words (those that were measured)."""
    if "check_over_floor" not in last:
        return
    print(
        f"at {int(last['claims']):,} claims: check/floor = {last['check_over_floor']:.2f}, "
        f"build/floor = {last['build_over_floor']:.2f} (parse cache kept between runs; "
        f"emptied before each: {last['cold_check_over_floor']:.2f} and "
        f"{last['cold_build_over_floor']:.2f})"
        + (
            f", a saved statement served in {last['serve_edit_s']:.1f} s"
            f" and a saved figure in {last['serve_figure_s']:.1f} s"
            f" ({last['serve_disk_edit_s']:.1f} s and {last['serve_disk_figure_s']:.1f} s"
            " with the served site on disk)"
            if "serve_edit_s" in last and "serve_disk_edit_s" in last
            else ""
        )
        + (
            f"; with {last['site_history_over_nohistory']:.2f}x the site build time with history"
            if "site_history_over_nohistory" in last
            else ""
        )
    )


if __name__ == "__main__":
    main()
