"""Bad inputs: each case overlays files on the minimal briefing.

A value of None deletes the file; a Link makes a symbolic link; bytes are
written as they are, so encodings can be tested.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    """A symbolic link to create instead of a file."""

    target: str


Overlay = dict[str, "str | bytes | Link | None"]

CLAIM = """\
- id: authority-damaged
  statement: The harbour authority counts 40 damaged vessels.
  claimant: Harbour authority
  topic: damage
  measure: damaged
  value: 40
  evidence:
    - source: update
      quote: 40 vessels were damaged in the storm
"""

SOURCE = """\
- id: update
  title: Harbour Authority Update
  publisher: Harbour Authority
  published: 2030-05-06
  text: seeds/report.txt
"""


def claims(text: str) -> Overlay:
    """Replace the claims with one file of the given text."""
    return {
        "content/claims/figures.yml": text,
        "content/questions.yml": None,
        "content/briefing.yml": BRIEFING,
    }


BRIEFING = "title: T\nsummary: S\nas_of: 2030-05-06\n"

CASES: dict[str, Overlay] = {
    "yaml-syntax": claims(CLAIM + "- id: [unclosed\n"),
    "tab-indentation": claims(CLAIM.replace("  claimant", "\tclaimant")),
    "unclosed-quote": claims(CLAIM.replace("statement: The", "statement: 'The")),
    "unquoted-colon": claims(CLAIM.replace("counts 40", "counts: 40")),
    "duplicate-key": claims(CLAIM + "  topic: other\n"),
    "unknown-field": claims(CLAIM + "  sauce: update\n"),
    "wrong-enum": claims(CLAIM + "  status: confirmd\n"),
    "missing-field": claims(CLAIM.replace("  claimant: Harbour authority\n", "")),
    "wrong-type": claims(CLAIM.replace("evidence:\n", "evidence: none\n").split("    - source")[0]),
    "unknown-source": claims(CLAIM.replace("source: update", "source: updat")),
    "duplicate-id-across-files": {
        **claims(CLAIM),
        "content/claims/more.yml": CLAIM,
    },
    "quote-not-found": claims(CLAIM.replace("were damaged in", "were damged in")),
    "text-outside-seeds": {
        "content/sources.yml": SOURCE.replace("seeds/report.txt", "../../../etc/passwd")
    },
    "text-absolute": {"content/sources.yml": SOURCE.replace("seeds/report.txt", "/etc/passwd")},
    "text-symlink": {
        "content/sources.yml": SOURCE.replace("report.txt", "link.txt"),
        "seeds/link.txt": Link("report.txt"),
    },
    "python-tag": claims(
        CLAIM.replace("value: 40", "value: !!python/object/apply:os.system ['touch EXECUTED']")
    ),
    "alias-bomb": claims(
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    ),
    "empty-file": claims(""),
    "comment-only-file": claims("# nothing yet\n"),
    "not-utf8": {
        "content/claims/figures.yml": CLAIM.replace(
            "Harbour authority", "Harbour authorit\xe9"
        ).encode("latin-1")
    },
    "javascript-url": {"content/sources.yml": SOURCE + "  url: JaVaScRiPt:alert(1)\n"},
    "low-above-high": claims(CLAIM.replace("value: 40", "low: 50\n  high: 40")),
}
