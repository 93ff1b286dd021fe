"""A deterministic synthetic briefing in the content format, at any size.

N sources with article texts of realistic length, M claims quoting them
(figures, reactions, events), measures and questions. The same arguments
always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PLACES = ["Northport", "Eastvale", "Southmere", "Westford", "Highcliff", "Lowbridge", "Ironwood"]
ACTORS = ["Aurelia", "Borovia", "Calderon", "Dunmark", "Elstrand", "Fenwick", "Galmoor", "Hadria"]
CLAIMANTS = [f"{a}'s defence ministry" for a in ACTORS] + [f"Agency {c}" for c in "ABCDEFGHIJ"]
TOPICS = [
    "deployment",
    "casualties",
    "diplomacy",
    "economy",
    "logistics",
    "weapons",
    "aid",
    "energy",
]
MEASURES = [
    ("troops", "Troops deployed", "soldiers"),
    ("killed", "Soldiers killed", "soldiers"),
    ("wounded", "Soldiers wounded", "soldiers"),
    ("casualties", "Soldiers killed or wounded", "soldiers"),
    ("displaced", "People displaced", "people"),
    ("aid", "Aid pledged", "US dollars"),
    ("shells", "Artillery shells delivered", "shells"),
    ("drones", "Drones launched", "drones"),
    ("refugees", "Refugees registered", "people"),
    ("prisoners", "Prisoners exchanged", "people"),
]
FILLER = (
    "Officials declined to comment further on the matter.",
    "The situation along the front remained tense through the week.",
    "Analysts cautioned that independent verification was not yet possible.",
    "Local residents described long queues at checkpoints near the border.",
    "The ministry said it would publish a fuller account in the coming days.",
    "Satellite images reviewed by researchers showed new activity at the depot.",
)


def sentence(rng: random.Random, i: int) -> tuple[str, str, str, int]:
    """One article sentence carrying a figure: (text, claimant, measure id, value)."""
    claimant = rng.choice(CLAIMANTS)
    measure_id, label, unit = rng.choice(MEASURES)
    value = rng.randrange(100, 50_000)
    place = rng.choice(PLACES)
    text = (
        f"According to {claimant}, about {value:,} {unit} were counted under "
        f"'{label.lower()}' near {place} in report {i}."
    )
    return text, claimant, measure_id, value


def write_briefing(
    out: Path, sources: int, claims: int, seed: int = 7, claims_per_page: int | None = None
) -> None:
    """Write content/ and seeds/ for a synthetic briefing."""
    rng = random.Random(seed)
    (out / "content" / "claims").mkdir(parents=True, exist_ok=True)
    (out / "seeds").mkdir(parents=True, exist_ok=True)
    per_source = max(1, -(-claims // sources))
    source_rows, claim_rows = [], {t: [] for t in TOPICS}
    n = 0
    for s in range(sources):
        lines = [f"Synthetic report number {s} on the conflict", ""]
        for _ in range(per_source):
            if n >= claims:
                break
            text, claimant, measure_id, value = sentence(rng, n)
            lines += [text, rng.choice(FILLER), rng.choice(FILLER)]
            topic = TOPICS[n % len(TOPICS)]
            reaction = f"  actor: {rng.choice(ACTORS)}\n" if topic == "diplomacy" else ""
            claim_rows[topic].append(
                f"- id: c{n:06d}\n  statement: {claimant} reports about {value} in report {n}.\n"
                f'  claimant: "{claimant}"\n  topic: {topic}\n  date: 2025-{1 + n % 12:02d}-'
                f"{1 + n % 28:02d}\n{reaction}  measure: {measure_id}\n  value: {value}\n"
                f"  qualifier: about\n  credibility: {1 + n % 6}\n  evidence:\n"
                f'    - source: s{s:05d}\n      quote: "{text}"\n'
            )
            n += 1
        lines += [rng.choice(FILLER) for _ in range(8)]
        (out / "seeds" / f"s{s:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        source_rows.append(
            f"- id: s{s:05d}\n  title: Synthetic report number {s}\n  publisher: Outlet {s % 40}\n"
            f"  published: 2025-{1 + s % 12:02d}\n  text: seeds/s{s:05d}.txt\n"
            f"  reliability: {'ABCDEF'[s % 6]}\n"
        )
    (out / "content" / "sources.yml").write_text("".join(source_rows), encoding="utf-8")
    for topic, rows in claim_rows.items():
        (out / "content" / "claims" / f"{topic}.yml").write_text("".join(rows) or "[]\n")
    measures = "".join(
        f"- id: {i}\n  label: {label}\n  unit: {unit}\n"
        + ("  sum_of: [killed, wounded]\n" if i == "casualties" else "")
        for i, label, unit in MEASURES
    )
    (out / "content" / "measures.yml").write_text(measures, encoding="utf-8")
    questions = "".join(
        f"- id: q{q:03d}\n  question: Question {q}?\n  why_it_matters: It matters.\n"
        f"  claims: [c{q:06d}]\n  would_resolve: A count.\n"
        for q in range(min(20, claims))
    )
    (out / "content" / "questions.yml").write_text(questions, encoding="utf-8")
    (out / "content" / "briefing.yml").write_text(
        "title: Synthetic conflict briefing\nsummary: A synthetic briefing for benchmarks.\n"
        "as_of: 2025-12-31\n"
        + (f"claims_per_page: {claims_per_page}\n" if claims_per_page else ""),
        encoding="utf-8",
    )


def main() -> None:
    """Write one synthetic briefing: synth.py OUT --sources N --claims M."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--claims", type=int, default=1000)
    args = parser.parse_args()
    write_briefing(args.out, args.sources, args.claims)


if __name__ == "__main__":
    main()
