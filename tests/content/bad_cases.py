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

Q = "    - source: update\n      quote: 40 vessels were damaged in the storm\n"
Q2 = Q.replace("storm", "storm, with 12 sunk")
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

MEASURE = """\
- id: damaged
  label: Vessels damaged
  unit: vessels
"""

QUESTION = """\
- id: true-count
  question: How many vessels were damaged?
  why_it_matters: Compensation depends on the count.
  claims: [authority-damaged, mayor-damaged]
  would_resolve: A published list of insurance claims.
"""

ARTICLE = """\
Harbour Authority Update

The harbour authority said on Monday that 40 vessels were damaged in the storm, with 12 sunk.
The mayor put the number of damaged vessels at “more than 60” — a figure the authority rejected.
"""

BRIEFING = "title: T\nsummary: S\nas_of: 2030-05-06\n"
ARTICLE_LIMIT = 2 * 1024 * 1024


def claims(text: str) -> Overlay:
    """Replace the claims with one file of the given text."""
    return {
        "content/claims/figures.yml": text,
        "content/questions.yml": None,
        "content/briefing.yml": BRIEFING,
    }


def briefing(extra: str) -> Overlay:
    """Keep the minimal briefing's claims; give briefing.yml extra fields."""
    return {"content/briefing.yml": BRIEFING + extra}


def claim_field(line: str) -> Overlay:
    """Add one field to the claim."""
    return claims(CLAIM + line)


def quote_with(char: str) -> Overlay:
    """Put an invisible character inside a quoted passage, in the text and the quote."""
    return {
        **claims(CLAIM.replace("were damaged", f"were{char} damaged")),
        "seeds/report.txt": ARTICLE.replace("were damaged", f"were{char} damaged"),
    }


SYNTAX: dict[str, Overlay] = {
    "yaml-syntax": claims(CLAIM + "- id: [unclosed\n"),
    "tab-indentation": claims(CLAIM.replace("  claimant", "\tclaimant")),
    "indented-too-far": claims(CLAIM.replace("  claimant", "   claimant")),
    "indented-too-little": claims(CLAIM.replace("  claimant", " claimant")),
    "unclosed-quote": claims(CLAIM.replace("statement: The", "statement: 'The")),
    "unquoted-colon": claims(CLAIM.replace("counts 40", "counts: 40")),
    "duplicate-key": claims(CLAIM + "  topic: other\n"),
    # Duplicates below the top level: in an evidence item, a key judgment, a page.
    "duplicate-key-in-evidence": claims(
        CLAIM + "    - source: update\n      quote: 40 vessels\n      source: other\n"
    ),
    "duplicate-key-in-key-judgment": briefing(
        "key_judgments:\n  - text: A\n    likelihood: likely\n    text: B\n"
    ),
    "duplicate-key-in-page": briefing(
        "pages:\n  - kind: overview\n    title: One\n    title: Two\n"
    ),
    "multiple-documents": claims(CLAIM + "---\n" + CLAIM),
    "complex-key": claims(CLAIM + "  ? [a, b]\n  : x\n"),
    "python-tag": claims(
        CLAIM.replace("value: 40", "value: !!python/object/apply:os.system ['touch EXECUTED']")
    ),
    "custom-tag": claims(CLAIM.replace("value: 40", "value: !custom 40")),
    "alias-bomb": claims(
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    ),
    "empty-file": claims(""),
    "comment-only-file": claims("# nothing yet\n"),
    "whitespace-only-file": claims("  \n\t\n   \n"),
    "control-character": claims(CLAIM.replace("Harbour authority", "Harbour\x07authority")),
    "claims-symlink-loop": {"content/claims/loop.yml": Link("loop.yml")},
    "briefing-as-list": {"content/briefing.yml": "- title: T\n  summary: S\n  as_of: 2030-05-06\n"},
}

ENCODING: dict[str, Overlay] = {
    "not-utf8": {
        "content/claims/figures.yml": CLAIM.replace(
            "Harbour authority", "Harbour authorit\xe9"
        ).encode("latin-1")
    },
    "nul-byte": {"content/claims/figures.yml": CLAIM.replace("Harbour ", "Harbour\x00").encode()},
    "utf16-file": {"content/claims/figures.yml": CLAIM.encode("utf-16")},
    "bom-crlf-error": {
        **claims(CLAIM),
        "content/claims/figures.yml": (
            "\ufeff" + CLAIM.replace("value: 40", "value: forty").replace("\n", "\r\n")
        ).encode(),
    },
}

FIELDS: dict[str, Overlay] = {
    "unknown-field": claim_field("  sauce: update\n"),
    "wrong-enum": claim_field("  status: confirmd\n"),
    "status-no": claim_field("  status: no\n"),
    "credibility-yes": claim_field("  credibility: yes\n"),
    "credibility-quoted": claim_field('  credibility: "2"\n'),
    "value-leading-zero": claims(CLAIM.replace("value: 40", "value: 040")),
    "value-quoted": claims(CLAIM.replace("value: 40", 'value: "40"')),
    "value-separator": claims(CLAIM.replace("value: 40", "value: 4,000")),
    "missing-field": claims(CLAIM.replace("  claimant: Harbour authority\n", "")),
    "wrong-type": claims(CLAIM.replace("evidence:\n", "evidence: none\n").split("    - source")[0]),
    "blank-text": claims(CLAIM.replace("claimant: Harbour authority", 'claimant: "  \\t "')),
    "too-long": claims(CLAIM.replace("Harbour authority", "Harbour authority " + "x" * 300)),
    "invalid-date": claim_field("  date: 2024-02-30\n"),
    "invalid-month": {"content/briefing.yml": BRIEFING.replace("2030-05-06", "2030-13")},
    "javascript-url": {"content/sources.yml": SOURCE + "  url: JaVaScRiPt:alert(1)\n"},
    "bad-id": claims(CLAIM.replace("id: authority-damaged", "id: Authority Damaged")),
    "sha256-malformed": {"content/sources.yml": SOURCE + "  sha256: ABC123\n"},
    "stale-after-days-zero": briefing("stale_after_days: 0\n"),
    "claims-per-page-too-many": briefing("claims_per_page: 100001\n"),
    "credibility-out-of-range": claim_field("  credibility: 7\n"),
    "value-negative": claims(CLAIM.replace("value: 40", "value: -1")),
    "evidence-empty": claims(CLAIM.split("    - source")[0].replace("evidence:", "evidence: []")),
    "enum-last-choice-misspelt": claim_field("  status: erroneus\n"),
    "entry-not-a-mapping": claims(CLAIM + "- The mayor says 60.\n"),
    "statement-null": claims(CLAIM.replace("statement: The harbour authority", "statement: #")),
    "statement-mapping": claims(CLAIM.replace("statement: The", "statement: {a: b}\n  x: The")),
    # A list file that holds no list: each is named with what it should list.
    "sources-not-a-list": {"content/sources.yml": "update\n"},
    "measures-not-a-list": {"content/measures.yml": "damaged: Vessels damaged\n"},
    "questions-not-a-list": {"content/questions.yml": "true-count: How many?\n"},
    "claims-not-a-list": claims("authority-damaged: 40 vessels\n"),
    # Unknown fields below the top level, where the suggestion comes from the nested model.
    "unknown-field-in-evidence": claims(CLAIM.replace("      quote:", "      qoute:")),
    "unknown-field-in-page": briefing("pages:\n  - kind: overview\n    titel: One\n"),
    "unknown-field-in-key-judgment": briefing(
        "key_judgments:\n  - text: A\n    likelihood: likely\n    claim: [authority-damaged]\n"
    ),
}

RULES: dict[str, Overlay] = {
    "duplicate-id-across-files": {
        **claims(CLAIM),
        "content/claims/more.yml": CLAIM,
    },
    "duplicate-source-id": {"content/sources.yml": SOURCE + SOURCE.replace("Update", "Notice")},
    # the first one's id is not its first key: the report names the id's line, not the item's
    "duplicate-id-not-first": {
        "content/sources.yml": SOURCE.replace("- id: update\n  title:", "- title:").replace(
            "  text:", "  id: update\n  text:"
        )
        + SOURCE.replace("Update", "Notice")
    },
    "duplicate-measure-id": {"content/measures.yml": MEASURE + MEASURE.replace("Vessels", "Boats")},
    "duplicate-question-id": {"content/questions.yml": QUESTION + QUESTION.replace("How", "Why")},
    "reserved-source-id": {
        "content/sources.yml": SOURCE + SOURCE.replace("id: update", "id: index")
    },
    "unknown-source": claims(CLAIM.replace("source: update", "source: updat")),
    "unknown-measure": claims(CLAIM.replace("measure: damaged", "measure: damage")),
    "unknown-superseded-by": claim_field("  status: superseded\n  superseded_by: authority-dmg\n"),
    "unknown-question-claim": {
        "content/questions.yml": QUESTION.replace("mayor-damaged]", "mayor-damage]")
    },
    "unknown-judgment-claim": briefing(
        "key_judgments:\n  - text: J\n    likelihood: likely\n    claims: [authority]\n"
    ),
    "unknown-sum-of": {
        "content/measures.yml": MEASURE
        + "- id: total\n  label: Vessels hit\n  unit: vessels\n  sum_of: [damaged, sunk]\n"
    },
    "unknown-page-topic": briefing("pages:\n  - kind: timeline\n    topics: [damages]\n"),
    "unknown-page-measure": briefing("pages:\n  - kind: estimates\n    measures: [vessels]\n"),
    "superseded-without-successor": claim_field("  status: superseded\n"),
    "superseded-by-without-status": claim_field("  superseded_by: authority-damaged\n"),
    "error-without-erroneous": claim_field("  error: figure\n"),
    "wrong-date-without-date": claim_field("  status: erroneous\n  error: date\n"),
    "supersede-cycle": claims(
        CLAIM.replace("  evidence", "  status: superseded\n  superseded_by: second\n  evidence")
        + CLAIM.replace("authority-damaged", "second").replace(
            "  evidence", "  status: superseded\n  superseded_by: authority-damaged\n  evidence"
        )
    ),
    # a chain into a claim that replaces itself: that claim's problem alone, no cycle
    "supersede-chain-into-self": claims(
        CLAIM.replace("  evidence", "  status: superseded\n  superseded_by: second\n  evidence")
        + CLAIM.replace("authority-damaged", "second").replace(
            "  evidence", "  status: superseded\n  superseded_by: second\n  evidence"
        )
    ),
    "low-above-high": claims(CLAIM.replace("value: 40", "low: 40\n  high: 12").replace(Q, Q2)),
    "value-and-range": claims(CLAIM.replace("value: 40", "value: 40\n  high: 12").replace(Q, Q2)),
    "qualifier-without-figure": claims(
        CLAIM.replace("  measure: damaged\n  value: 40\n", "  qualifier: about\n")
    ),
    "figure-without-measure": claims(CLAIM.replace("  measure: damaged\n", "")),
    # without a value, the problem points at the figure there is: low, else high
    "range-without-measure": claims(
        CLAIM.replace("  measure: damaged\n  value: 40", "  low: 12\n  high: 40").replace(Q, Q2)
    ),
    "high-without-measure": claims(CLAIM.replace("  measure: damaged\n  value: 40", "  high: 40")),
    "measure-without-figure": claims(CLAIM.replace("  value: 40\n", "")),
}

ARTICLES: dict[str, Overlay] = {
    "quote-not-found": claims(CLAIM.replace("were damaged in", "were damged in")),
    "quote-bidi": quote_with("\u202e"),
    "quote-zero-width": quote_with("\u200b"),
    "text-outside-seeds": {
        "content/sources.yml": SOURCE.replace("seeds/report.txt", "../../../etc/passwd")
    },
    "text-absolute": {"content/sources.yml": SOURCE.replace("seeds/report.txt", "/etc/passwd")},
    "text-symlink": {
        "content/sources.yml": SOURCE.replace("report.txt", "link.txt"),
        "seeds/link.txt": Link("report.txt"),
    },
    "text-is-a-folder": {"content/sources.yml": SOURCE.replace("seeds/report.txt", "seeds/.")},
    "text-name-too-long": {"content/sources.yml": SOURCE.replace("report.txt", "r" * 300)},
    "text-symlink-loop": {
        "content/sources.yml": SOURCE.replace("report.txt", "loop.txt"),
        "seeds/loop.txt": Link("loop.txt"),
    },
    "article-missing": {"seeds/report.txt": None},
    "article-empty": {"seeds/report.txt": " \n\n"},
    "article-not-utf8": {"seeds/report.txt": ARTICLE.replace("—", "-").encode("cp1252")},
    "article-too-large": {"seeds/report.txt": ARTICLE.encode() + b" " * ARTICLE_LIMIT},
    "article-sha256-mismatch": {"content/sources.yml": SOURCE + "  sha256: " + "0" * 64 + "\n"},
}


def stated_by(sentence: str, figure: str) -> Overlay:
    """A claim whose quote is a sentence added to the article, with the given figure fields."""
    quote = f"    - source: update\n      quote: {sentence}\n"
    return {
        **claims(CLAIM.replace("value: 40", figure).replace(Q, quote)),
        "seeds/report.txt": ARTICLE + sentence + "\n",
    }


# A figure that no quote states (content format 1.1): each is refused with the numbers
# the quotes do state.
FIGURES: dict[str, Overlay] = {
    "figure-not-in-quote": claims(CLAIM.replace("value: 40", "value: 45")),
    "figure-partial-match": stated_by("Insurers now count 12,000 damaged boats.", "value: 1200"),
    "figure-range-end-unstated": claims(CLAIM.replace("value: 40", "low: 40\n  high: 60")),
    "figure-vague-overstated": stated_by(
        "Tens of thousands of boats were damaged.", "value: 20000\n  qualifier: at least"
    ),
    "figure-quote-states-none": stated_by("Many vessels were damaged.", "value: 40"),
    "figure-words-mismatch": stated_by("Forty-two vessels sank.", "value: 24"),
    "figure-scale-mismatch": stated_by("Losses reached $1.2bn.", "value: 120000000"),
    "figure-every-claim-reported": claims(
        CLAIM.replace("value: 40", "value: 41")
        + CLAIM.replace("authority-damaged", "authority-sunk").replace("value: 40", "value: 13")
    ),
}

CASES: dict[str, Overlay] = {**SYNTAX, **ENCODING, **FIELDS, **RULES, **ARTICLES, **FIGURES}
