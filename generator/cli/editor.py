"""Commands for editors and publishers: schema, new, coverage, draft, diff.

`register(commands)` declares them on the `briefing` parser and HANDLERS runs
them, the way cli/main.py declares and runs its own commands. Content errors are
reported through args.report_content_errors (exit 1, no traceback).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from generator.changes.diff import (
    diff_content,
    format_diff,
    git_problem,
    read_content,
    read_revision,
)
from generator.changes.git import GitError, resolve_revision
from generator.cli.args import (
    EXIT_CONTENT,
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    add_command,
    add_folders,
    report_content_errors,
)
from generator.cli.talk import TALK
from generator.content.check import Settings, check
from generator.content.coverage import format_coverage, scan
from generator.content.draft import Draft, claims_yaml, drafts, measures_yaml
from generator.content.load import display_name, load_content
from generator.content.schema import stale_schemas, write_schemas
from generator.content.skeleton import KINDS, new_item
from generator.content.validate import Content, validate_content
from generator.content.yamledit import append_items
from generator.errors import BriefingError, Problem, Span
from generator.report import format_problem
from generator.write import write_file


def register(commands: Commands) -> None:
    """Declare the editor commands, each with help and an example."""
    add_schema(commands)
    add_new(commands)
    add_coverage(commands)
    add_draft(commands)
    add_diff(commands)
    add_import(commands)


def add_schema(commands: Commands) -> None:
    """Declare `briefing schema`."""

    schema_cmd = add_command(
        commands,
        "schema",
        "write the JSON Schemas of the content files, for editors' YAML tools",
        "Generate one JSON Schema per kind of content file from the models and write them "
        "to a folder (sorted keys, stable bytes). A content file names its schema on its "
        "first line: # yaml-language-server: $schema=../schemas/claims.schema.json",
        "briefing schema --out schemas\n  briefing schema --check   # exit 1 when stale",
    )
    schema_cmd.add_argument(
        "--out",
        type=Path,
        default=Path("schemas"),
        help="folder for the schemas (default: schemas)",
    )
    schema_cmd.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when a schema is stale"
    )


def add_new(commands: Commands) -> None:
    """Declare `briefing new`."""

    new_cmd = add_command(
        commands,
        "new",
        "print (or append) a YAML skeleton of a new claim, source or question",
        "Print a new item with the next free id, every field shown (optional ones commented "
        "out) and a comment on each. Required fields are left empty, so `briefing check` "
        "fails until they are filled in.",
        "briefing new claim --append content/claims/casualties.yml",
    )
    new_cmd.add_argument("kind", choices=KINDS, help="what to create")
    new_cmd.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )
    new_cmd.add_argument("--append", type=Path, metavar="FILE", help="append to this YAML file")


def add_coverage(commands: Commands) -> None:
    """Declare `briefing coverage`."""

    coverage_cmd = add_command(
        commands,
        "coverage",
        "list the figures of the article texts that no claim quotes",
        "Check the content, then list every figure of the article texts that no claim's "
        "quote includes, as FILE:LINE:COL with the quantity read and its sentence; figures "
        "counting people, money or a measure's unit first, then those quoted nowhere; end "
        "with how many figures quotes cover. Years, dates, times, ages, ordinals, page and "
        "section numbers, phone numbers and ids are not figures.",
        "briefing coverage --content content --seeds seeds",
    )
    add_folders(coverage_cmd)


def add_draft(commands: Commands) -> None:
    """Declare `briefing draft`."""

    draft_cmd = add_command(
        commands,
        "draft",
        "draft a claim for every figure of a source that no claim quotes",
        "Check the content, then print one claim draft per uncovered figure of the source: "
        "the sentence as statement (marked REWORD), the claimant from the attribution, the "
        "date resolved against the published date, a measure matched by unit and words or "
        "proposed, the figure and qualifier as read, and the sentence as evidence. With "
        "--write, append the drafts to content/claims/drafts-SOURCE_ID.yml and proposed "
        "measures to measures.yml, then check the content; a failed check restores both.",
        "briefing draft courier-2029-04-18\n  briefing draft courier-2029-04-18 --write",
    )
    draft_cmd.add_argument("source", metavar="SOURCE_ID", help="the id of a source in sources.yml")
    draft_cmd.add_argument(
        "--write", action="store_true", help="append the drafts and measures to the content"
    )
    add_folders(draft_cmd)


def add_diff(commands: Commands) -> None:
    """Declare `briefing diff`."""

    diff_cmd = add_command(
        commands,
        "diff",
        "compare two versions of a briefing's content, claim by claim",
        "Report claims added, removed and changed (figure, status, statement), claims newly "
        "superseded, and sources, measures and questions added or removed. OLD and NEW are "
        "content folders, or with --git revisions of the --content folder (read with git, "
        "nothing is checked out).",
        "briefing diff old/content content\n  briefing diff HEAD~1 HEAD --git",
    )
    diff_cmd.add_argument("old", metavar="OLD", help="old content folder (or revision with --git)")
    diff_cmd.add_argument("new", metavar="NEW", help="new content folder (or revision with --git)")
    diff_cmd.add_argument("--git", action="store_true", help="OLD and NEW are git revisions")
    diff_cmd.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="with --git: the content folder whose revisions to compare (default: content)",
    )


def add_import(commands: Commands) -> None:
    """Declare `briefing import`."""

    import_cmd = add_command(
        commands,
        "import",
        "archive a news page (a saved HTML file or an http(s) URL) as a new source",
        "Extract the main text of a news page (no navigation, adverts, share bars, captions, "
        "related links, comments or cookie banners) into the seeds folder, paragraphs "
        "separated by blank lines, keep the page itself in seeds/raw/, and append a source "
        "entry to sources.yml with the title, publisher, author, publication date and "
        "canonical URL the page declares and the text's sha256. A URL is fetched over "
        "http(s) only, within a time limit and a size cap. Needs the `import` extra: "
        "pip install 'briefing-generator[import]'.",
        "briefing import saved/ferry.html --id gazette-ferry\n"
        "  briefing import https://www.example.org/news/ferry-capsizes",
    )
    import_cmd.add_argument(
        "page", metavar="PATH_OR_URL", help="a saved web page (HTML file) or an http(s) URL"
    )
    add_folders(import_cmd)
    import_cmd.add_argument(
        "--id", help="the new source's id (default: publisher, date and headline words, free)"
    )


def report(error: BriefingError) -> int:
    """Report content problems the way the core commands do."""

    return report_content_errors(error)


def run_schema(args: argparse.Namespace) -> int:
    """Write the content schemas, or with --check report the stale ones."""
    if args.check:
        stale = stale_schemas(args.out)
        for name in stale:
            TALK.error(f"{display_name(args.out / name)}: stale or missing")
        if stale:
            TALK.problems("run `briefing schema` to regenerate them")
            return EXIT_CONTENT
        TALK.result(f"ok: the schemas in {display_name(args.out)} match the models")
        return EXIT_OK
    for path in write_schemas(args.out):
        print(display_name(path))
    return EXIT_OK


def skeleton_content(content_dir: Path, kind: str) -> Content:
    """The content a new id must not collide with; refuse when that kind cannot be read."""
    raw = load_content(content_dir)
    if not content_dir.is_dir() or kind in raw.unreadable:
        hint = "fix these first, so that the new id is certain to be free"
        problems = [
            *raw.problems,
            Problem(span=None, field="", message=hint, code="new-blocked", severity="error"),
        ]
        raise BriefingError(problems, raw.texts)
    return validate_content(raw)


def run_new(args: argparse.Namespace) -> int:
    """Print a skeleton, or append it to a file."""
    try:
        content = skeleton_content(args.content, args.kind)
    except BriefingError as error:
        return report(error)
    text = new_item(args.kind, content)
    if args.append is None:
        print(text, end="")
        return EXIT_OK
    try:
        line = append_items(args.append, text)
    except BriefingError as error:
        return report(error)
    except OSError as error:
        TALK.error(f"cannot append to {args.append}: {error.strerror}")
        return EXIT_CONTENT
    ident = text.split("- id: ", 1)[1].split()[0]
    where = f"{display_name(args.append)}:{line}"
    TALK.result(f'appended {args.kind} {ident} to {where}; fill in every ""')
    return EXIT_OK


def run_coverage(args: argparse.Namespace) -> int:
    """Check the content, then list the figure sentences no quote covers."""
    settings = Settings(args.content, args.seeds)
    try:
        checked = check(settings)
    except BriefingError as error:
        return report(error)
    print(format_coverage(scan(checked), display_name(settings.root)))
    return EXIT_OK


def run_draft(args: argparse.Namespace) -> int:
    """Print the drafts of a source's uncovered figures, or append them and check."""
    settings = Settings(args.content, args.seeds)
    try:
        checked = check(settings)
    except BriefingError as error:
        return report(error)
    sources = {s.model.id: s.model for s in checked.content.sources}
    if args.source not in sources:
        known = ", ".join(sorted(sources)) or "none"
        TALK.error(f"no source {args.source!r} in sources.yml; known: {known}")
        return EXIT_USAGE
    made, proposals = drafts(checked, args.source)
    source = sources[args.source]
    if not made:
        print(f"# every figure of {args.source} is quoted by a claim: nothing to draft")
        return EXIT_OK
    claims_text, measures_text = claims_yaml(made, source), measures_yaml(proposals, source)
    claims_file = args.content / "claims" / f"drafts-{args.source}.yml"
    measures_file = args.content / "measures.yml"
    if not args.write:
        print(f"# {display_name(claims_file)}\n{claims_text}", end="")
        if measures_text:
            print(f"\n# append to {display_name(measures_file)}\n{measures_text}", end="")
        return EXIT_OK
    return write_drafts(settings, {claims_file: claims_text, measures_file: measures_text}, made)


def write_drafts(settings: Settings, texts: dict[Path, str], made: list[Draft]) -> int:
    """Append each text to its file, check the content, and restore every file on failure."""
    before = {path: path.read_bytes() if path.exists() else None for path in texts}
    try:
        for path, text in texts.items():
            if text:
                append_items(path, text)
        check(settings)
    except (BriefingError, OSError) as error:
        restore(before)
        if isinstance(error, OSError):
            TALK.error(f"cannot write the drafts: {error}")
            return EXIT_CONTENT
        TALK.error("the drafts did not pass `briefing check`; nothing was kept")
        return report(error)
    files = ", ".join(display_name(p) for p, t in texts.items() if t)
    count = f"{len(made)} draft claim{'s' * (len(made) != 1)}"
    TALK.result(f"appended {count} to {files}; check passes")
    return EXIT_OK


def restore(before: dict[Path, bytes | None]) -> None:
    """Put files back as they were: rewritten atomically, or removed when they were new."""
    for path, data in before.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            write_file(path, data)


def side(value: str, args: argparse.Namespace) -> Content:
    """One side of a diff: a content folder, or a revision of --content with --git."""
    if not args.git:
        try:
            return read_content(Path(value))
        except BriefingError as error:
            raise with_git_hint(error, value, args.content) from None
    try:
        return read_revision(value, args.content)
    except GitError as error:
        raise git_problem(error, value) from None


def with_git_hint(error: BriefingError, value: str, content_dir: Path) -> BriefingError:
    """Suggest --git when a name that is not a folder is a git revision."""
    if Path(value).is_dir():
        return error
    where = content_dir if content_dir.is_dir() else Path.cwd()
    try:
        resolve_revision(value, where)
    except GitError:
        return error
    folder = f"{display_name(content_dir)}/"
    hint = f"'{value}' is a git revision: add --git to compare revisions of {folder}"
    problems = [replace(p, hint=hint) if p.code == "io" else p for p in error.problems]
    return BriefingError(problems, error.texts)


def run_diff(args: argparse.Namespace) -> int:
    """Compare two versions of the content and print the changes."""
    if args.git and not args.content.is_dir():
        problem = Problem(
            span=Span(display_name(args.content), 1, 1),
            field="",
            message="no such folder",
            code="io",
        )
        return report(BriefingError([problem]))
    try:
        old, new = side(args.old, args), side(args.new, args)
    except BriefingError as error:
        return report(error)
    print(format_diff(diff_content(old, new)))
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    """Archive a page as a new source: text, raw page and sources.yml entry."""
    from generator.content.extract import ExtractorMissing, extract
    from generator.content.fetch import FetchError, read_page
    from generator.content.ingest import plan_import, write_import

    try:
        content = skeleton_content(args.content, "source")
        page = read_page(args.page)
        plan = plan_import(
            page, extract(page.text, page.url), Settings(args.content, args.seeds), content, args.id
        )
        write_import(plan)
    except ExtractorMissing:
        TALK.error(
            "`briefing import` needs the import extra (trafilatura): "
            "pip install 'briefing-generator[import]'"
        )
        return EXIT_USAGE
    except FetchError as error:
        return report(BriefingError([error.problem]))
    except BriefingError as error:
        return report(error)
    except OSError as error:
        TALK.error(f"cannot write {error.filename}: {error.strerror}")
        return EXIT_CONTENT
    for warning in plan.warnings:
        texts = {display_name(plan.sources_file): plan.sources_text}
        TALK.problems(format_problem(warning, texts))
    TALK.result(
        f"imported source {plan.ident}: {plan.paragraphs} paragraphs\n"
        f"  text   {display_name(plan.text_file)}\n"
        f"  page   {display_name(plan.raw_file)}\n"
        f"  entry  {display_name(plan.sources_file)}:{plan.line}\n"
        "check the entry (grade its reliability), then run `briefing check`"
    )
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "schema": run_schema,
    "new": run_new,
    "coverage": run_coverage,
    "draft": run_draft,
    "diff": run_diff,
    "import": run_import,
}
