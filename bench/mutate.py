"""Mutation testing of the core: the score per module and the mutants that survive.

Runs mutmut (configured under [tool.mutmut] in pyproject.toml) over the core
modules, then prints, per module, how many mutants the tests killed, how many
survived, ran past mutmut's time limit (timeout: not counted as killed) or
reached no test, and the score: killed / (mutants - equivalent).
Equivalent mutants (changes no test could see, because they change nothing a
caller can observe) are listed with a reason in bench/equivalent-mutants.txt,
one `name: reason` per line, and left out of the score. The table and every
surviving mutant are written to bench/results/mutation-latest.json and a dated
copy, so runs compare. See one mutant with `.venv/bin/mutmut show NAME`.

    make mutate                      # or: .venv/bin/python bench/mutate.py
    .venv/bin/python bench/mutate.py 'generator.view.intervals*'   # one module's mutants
    .venv/bin/python bench/mutate.py --results-only   # report the last run again
    .venv/bin/python bench/mutate.py --jobs 1 ...     # one test process at a time (shared machine)
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
EQUIVALENT = ROOT / "bench" / "equivalent-mutants.txt"
TARGET = 0.90
SCORED_OUT = ("killed", "not checked")  # statuses that are not a surviving mutant
LINE = re.compile(r"^\s*(?P<name>[\w.]+)__mutmut_\d+: (?P<status>.+?)\s*$")


def mutmut(*args: str) -> subprocess.CompletedProcess[str]:
    """Run mutmut from the project's environment, in the project folder; builds stay on one
    core, since a mutant that runs in a forked child is invisible to mutmut's test map."""
    command = [str(Path(sys.executable).parent / "mutmut"), *args]
    env = {**os.environ, "BRIEFING_CORES": "1"}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)


def equivalent() -> dict[str, str]:
    """The mutants known to be equivalent, with why."""
    if not EQUIVALENT.is_file():
        return {}
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, reason = line.split(":", 1)
            found[name.strip()] = reason.strip()
    return found


def module_of(mutant: str) -> str:
    """The module a mutant's name belongs to: generator.publish.escape.x_literal -> ...escape."""
    parts = mutant.split(".")
    return ".".join(p for p in parts[:-1])


def results() -> dict[str, str]:
    """{mutant: status} from the last run."""
    done = mutmut("results", "--all", "true")
    statuses = {}
    for line in done.stdout.splitlines():
        found = re.match(r"^\s*(?P<mutant>[\w.]+): (?P<status>.+?)\s*$", line)
        if found and "__mutmut_" in found["mutant"]:
            statuses[found["mutant"]] = found["status"]
    return statuses


def table(statuses: dict[str, str], known: dict[str, str]) -> dict[str, dict[str, object]]:
    """Per module: the count of each status and the score, over the mutants checked (a run
    over some mutants leaves the others "not checked": counted, shown, never scored)."""
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for mutant, status in statuses.items():
        key = "equivalent" if mutant in known and status != "not checked" else status
        by_module[module_of(mutant.split("__mutmut_")[0])][key] += 1
    rows = {}
    for module, counts in sorted(by_module.items()):
        counted = sum(counts.values()) - counts["equivalent"] - counts["not checked"]
        rows[module] = {**counts, "score": counts["killed"] / counted if counted else 1.0}
    return rows


def report_json(
    rows: dict[str, dict[str, object]], statuses: dict[str, str], known: dict[str, str]
) -> None:
    """Write the table, the survivors and the equivalent mutants to bench/results/."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {
        "modules": rows,
        "survivors": {
            m: s for m, s in sorted(statuses.items()) if s not in SCORED_OUT and m not in known
        },
        "equivalent": known,
    }
    text = json.dumps(report, indent=2, sort_keys=True) + "\n"
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in ("mutation-latest.json", f"mutation-{stamp}.json"):
        (RESULTS / name).write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results-only", action="store_true", help="report the last run")
    parser.add_argument(
        "--jobs", type=int, help="test processes at once (mutmut's default: one per CPU)"
    )
    parser.add_argument(
        "mutants", nargs="*", help="only these mutants (globs, e.g. 'generator.view.intervals*')"
    )
    args = parser.parse_args()
    if not args.results_only:
        jobs = ["--max-children", str(args.jobs)] if args.jobs else []
        run = mutmut("run", *jobs, *args.mutants)
        if run.returncode != 0:
            print(run.stdout[-2000:], run.stderr[-2000:], sep="\n", file=sys.stderr)
            return run.returncode
    known = equivalent()
    statuses = results()
    if not any(s != "not checked" for s in statuses.values()):
        print("no mutants: run without --results-only first", file=sys.stderr)
        return 1
    rows = table(statuses, known)
    report_json(rows, statuses, known)  # before printing: a closed pipe loses nothing
    print(
        f"{'module':40} {'mutants':>7} {'killed':>6} {'survived':>8} {'timeout':>7} "
        f"{'no test':>7} {'equivalent':>10} {'unchecked':>9} {'score':>6}"
    )
    for module, row in rows.items():
        total = sum(v for k, v in row.items() if k != "score")
        print(
            f"{module:40} {total:>7} {row.get('killed', 0):>6} {row.get('survived', 0):>8} "
            f"{row.get('timeout', 0):>7} {row.get('no tests', 0):>7} "
            f"{row.get('equivalent', 0):>10} {row.get('not checked', 0):>9} "
            f"{row['score']:>6.1%}" + ("" if float(str(row["score"])) >= TARGET else "  below 90%")
        )
    survivors = sorted(m for m, s in statuses.items() if s not in SCORED_OUT and m not in known)
    print(f"\n{len(survivors)} mutants not killed; `.venv/bin/mutmut show NAME` shows one:")
    for name in survivors:
        print(f"  {name}: {statuses[name]}")
    for name, reason in sorted(known.items()):
        print(f"  equivalent {name}: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
