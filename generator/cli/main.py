"""The command line: the only place that turns content errors into exit codes."""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cli import editor, init
from generator.cli.args import (
    EXIT_CONTENT,
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    add_folders,
    loudness,
    report_content_errors,
)
from generator.cli.talk import NORMAL, QUIET, TALK, VERBOSE, mkdocs_logging, reset_talk, set_talk
from generator.content.check import Settings, check
from generator.content.load import display_name
from generator.errors import BriefingError
from generator.pipeline import outputs, tune_garbage_collector
from generator.publish.urls import final_links
from generator.report import format_problem, headline, json_report
from generator.site.scan import scan_site
from generator.view.dates import DateKey
from generator.write import as_bytes, write_file, write_tree

if TYPE_CHECKING:  # MkDocs is imported only by the commands that build a site
    from generator.site.build import Folders

DESCRIPTION = """\
Build briefing sites from hand-curated claims (YAML) and archived article texts.

examples:
  briefing init my-briefing           start a briefing in a new folder, from a working example
  briefing check                      check content/ against seeds/
  briefing build --out build/docs     write the briefing's Markdown pages to a folder
  briefing site                       build the whole site into site/, atomically
  briefing scan site                  check a built site for live markup from content
  briefing pdf --out briefing.pdf     print the whole briefing to a PDF with Chromium
"""


def build_parser() -> argparse.ArgumentParser:
    """Describe every command, with an example each."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_cmd = add_command(
        commands,
        "check",
        "check the content and report every problem",
        "Check every content file and quote; report all problems with FILE:LINE:COL.",
        "briefing check --content content --seeds seeds --format json",
    )
    add_folders(check_cmd)
    check_cmd.add_argument(
        "--format",
        choices=("human", "json"),
        default="human",
        help="human: FILE:LINE:COL lines with the source and a caret (default); json: one "
        "object per problem, for editors and scripts",
    )
    build_cmd = add_command(
        commands,
        "build",
        "write the briefing's Markdown pages to a folder",
        "Check the content, then write every generated page and asset to a folder: "
        "staged, only changed files rewritten, stale files removed. With --engine zensical "
        "the folder becomes a Zensical project (zensical.toml, docs/, overrides/) that "
        "`zensical build` builds as it is; Zensical runs no MkDocs plugin, so the briefing's "
        "own mkdocs.yml gives it an empty site.",
        "briefing build --out build/zensical --engine zensical",
    )
    add_folders(build_cmd)
    build_cmd.add_argument("--out", type=Path, required=True, help="folder to write pages to")
    build_cmd.add_argument(
        "--engine",
        choices=("mkdocs", "zensical"),
        default="mkdocs",
        help="mkdocs: the pages alone (default); zensical: a Zensical project around them",
    )
    build_cmd.add_argument(
        "--offline", action="store_true", help="with --engine zensical: for reading from file://"
    )
    site_cmd = add_command(
        commands,
        "site",
        "build the whole site with MkDocs (strict), atomically",
        "Check the content, build the site with MkDocs in strict mode into a staging folder, "
        "then swap it into place. A failed build leaves the previous site as it was.",
        "briefing site --config mkdocs.yml --site-dir site\n"
        "  briefing site --offline --site-dir site-offline   # readable from file://",
    )
    site_cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config")
    site_cmd.add_argument(
        "--site-dir",
        type=Path,
        help="output folder (default: the config's site_dir, relative to the config file; "
        "with --offline, that folder's name with -offline added: site-offline)",
    )
    site_cmd.add_argument(
        "--offline",
        action="store_true",
        help="build for reading from file://, by default into site-offline/",
    )
    serve_cmd = add_command(
        commands,
        "serve",
        "serve the site with live reload (mkdocs serve), its files kept in memory",
        "Run `mkdocs serve`, which rebuilds the site into a temporary folder on every save. "
        "Where /dev/shm (memory) has room, that folder is made there: rewriting a large "
        "site on every save is much slower on a disk. A TMPDIR already set is kept. "
        "Ctrl-C (SIGINT) stops it, even in the middle of a build and even when it was "
        "started as a background job of a script, which ignores SIGINT.",
        "briefing serve --config mkdocs.yml -a 127.0.0.1:8000",
    )
    serve_cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config")
    serve_cmd.add_argument("-a", "--dev-addr", help="IP:PORT to serve on (default 127.0.0.1:8000)")
    scan_cmd = add_command(
        commands,
        "scan",
        "check a built site for scripts, event handlers and links that content smuggled in",
        "Scan every HTML page and the search index of a built site: only the theme's own "
        "scripts may run; on* attributes, javascript:/data: and other non-http(s) links, "
        "frames, objects, embeds, <base> and refresh redirects are reported as "
        "FILE:LINE:COL. `briefing site` runs this scan before it swaps a new site in.",
        "briefing scan site",
    )
    scan_cmd.add_argument("site_dir", type=Path, metavar="SITE_DIR", help="a built site folder")
    scan_cmd.add_argument(
        "--theme-templates",
        type=Path,
        metavar="DIR",
        help="the templates folder of the theme that built the site, when it is not "
        "Material for MkDocs (e.g. Zensical's zensical/templates): its inline scripts may run",
    )
    pdf_cmd = add_command(
        commands,
        "pdf",
        "print the whole briefing to a PDF with headless Chromium",
        "Build the site as `briefing site` does (strict, scanned) into a temporary folder, "
        "then print its print page (overview, figures with charts, reactions, questions, "
        "timeline, gaps, sources) with headless Chromium, Debian's `chromium` package, "
        "driven by Playwright: A4, tagged, an outline from the headings, the title and "
        "as-of date in the header, page numbers in the footer, links kept (links to other "
        "pages of the site point at site_url when mkdocs.yml sets it). Exit 1 when the "
        "content, the build or the browser fails; the PDF is written only when all went well.",
        "briefing pdf --config mkdocs.yml --out briefing.pdf",
    )
    pdf_cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config")
    pdf_cmd.add_argument(
        "--out", type=Path, default=Path("briefing.pdf"), help="PDF file (default: briefing.pdf)"
    )
    editor.register(commands)
    init.register(commands)
    return parser


def run_check(args: argparse.Namespace) -> int:
    """Check the content; print warnings, or every problem and exit 1."""
    try:
        with TALK.phase("check") if TALK.level >= VERBOSE else contextlib.nullcontext():
            checked = check(Settings(args.content, args.seeds))
    except BriefingError as error:
        return report_content_errors(error, args.format)
    if args.format == "json":
        print(json_report(checked.warnings))
        return EXIT_OK
    if TALK.level >= NORMAL:
        for warning in checked.warnings:
            TALK.problems(format_problem(warning, checked.texts))
    c = checked.content
    TALK.result(
        f"ok: {len(c.claims)} claims, {len(c.sources)} sources, {len(c.measures)} measures, "
        f"{len(c.questions)} questions; {len(checked.warnings)} warnings"
    )
    return EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    """Write the generated Markdown to a folder."""
    if args.offline and args.engine != "zensical":
        TALK.error(
            "--offline needs --engine zensical (`briefing site --offline` builds "
            "an offline MkDocs site)"
        )
        return EXIT_USAGE
    directory_urls = not (args.engine == "zensical" and args.offline)
    try:
        built = outputs(Settings(args.content, args.seeds), directory_urls=directory_urls)
    except BriefingError as error:
        return report_content_errors(error)
    # No plugin of ours runs on the written folder: its HTML blocks link by URL.
    built.files.update(
        {
            path: final_links(text, path, directory_urls)
            for path, text in built.files.items()
            if path.endswith(".md") and isinstance(text, str)
        }
    )
    if args.engine == "mkdocs":
        stats = write_tree(built.files, args.out)
        TALK.result(f"{args.out}: {stats.summary()}")
        return EXIT_OK
    from generator.site.zensical import zensical_project

    project = zensical_project(built.built.view, built.files, offline=args.offline)
    for folder in ("docs", "overrides"):
        inside = {p.split("/", 1)[1]: d for p, d in project.items() if p.startswith(folder + "/")}
        stats = write_tree(inside, args.out / folder)
        TALK.result(f"{args.out / folder}: {stats.summary()}")
    write_file(args.out / "zensical.toml", as_bytes(project["zensical.toml"]))
    toml = args.out / "zensical.toml"
    TALK.result(f"{toml}: written; build it with `cd {args.out} && zensical build`")
    return EXIT_OK


def run_site(args: argparse.Namespace) -> int:
    """Check the content, then build the whole site strictly, scan it and swap it in."""
    # MkDocs is imported only by the commands that build a site: check and build start faster.
    from mkdocs.exceptions import MkDocsException

    from generator.site.build import SiteError, build_site, config_folders

    site_dir = args.site_dir
    try:
        folders = config_folders(args.config)
        site_dir = site_dir or chosen_site(folders, args.offline)
        start = time.perf_counter()
        settings = Settings(folders.content, folders.seeds)
        with TALK.phase("check"):
            checked = check(settings)
        if TALK.level >= NORMAL:
            for warning in checked.warnings:
                TALK.problems(format_problem(warning, checked.texts))
        as_of = checked.content.briefing.model.as_of if checked.content.briefing else None
        with mkdocs_logging():
            build_site(
                args.config,
                site_dir,
                offline=args.offline,
                as_of=as_of,
                progress=TALK,
                checked=(settings, checked),
            )
    except BriefingError as error:
        return report_content_errors(error)
    except (SiteError, MkDocsException) as error:
        left = f"\n{site_dir} was left as it was." if site_dir is not None else ""
        TALK.error(f"{error}{left}")
        return EXIT_CONTENT
    TALK.result(f"built {site_dir} in {time.perf_counter() - start:.2f} s")
    return EXIT_OK


def chosen_site(folders: Folders, offline: bool) -> Path:
    """The site folder a config gives, beside it: site/, or site-offline/ with --offline."""
    return Path(display_name(folders.offline_site if offline else folders.site))


def run_pdf(args: argparse.Namespace) -> int:
    """Build the site, then print its print page to a PDF with headless Chromium."""
    from mkdocs.exceptions import MkDocsException

    from generator.site.build import SiteError, config_folders
    from generator.site.pdf import PdfError, build_pdf, find_chromium

    try:
        find_chromium()  # before the build: say at once what is missing
        folders = config_folders(args.config)
        settings = Settings(folders.content, folders.seeds)
        with TALK.phase("check"):
            checked = check(settings)
        briefing = checked.content.briefing
        assert briefing is not None  # a checked briefing has its briefing.yml
        b = briefing.model
        with mkdocs_logging():
            build_pdf(args.config, args.out, b.title, DateKey.parse(b.as_of).label(), b.as_of)
    except BriefingError as error:
        return report_content_errors(error)
    except (SiteError, MkDocsException, PdfError) as error:
        TALK.error(f"{error}\nno PDF was written.")
        return EXIT_CONTENT
    TALK.result(f"wrote {args.out}")
    return EXIT_OK


MEMORY_FOLDER = Path("/dev/shm")
MEMORY_NEEDED = 2 * 1024**3  # bytes free in it before a served site goes there
SHUTDOWN_SECONDS = 10
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a child gets when its parent dies


def serve_temp_folder(environ: Mapping[str, str], memory: Path = MEMORY_FOLDER) -> str | None:
    """Where `mkdocs serve` should make its temporary site: memory if it has room."""
    if environ.get("TMPDIR"):
        return environ["TMPDIR"]
    try:
        info = os.statvfs(memory)
    except OSError:
        return None
    room = info.f_bavail * info.f_frsize
    return str(memory) if room >= MEMORY_NEEDED and os.access(memory, os.W_OK | os.X_OK) else None


def run_serve(args: argparse.Namespace) -> int:
    """Run `mkdocs serve` with its temporary site in a folder of ours, in memory where possible.

    The folder is removed however the server stops: Ctrl-C, SIGTERM (passed on to
    MkDocs as Ctrl-C, so it shuts down cleanly) or MkDocs failing.
    """
    env = {"NO_MKDOCS_2_WARNING": "1", **os.environ}
    temp = Path(tempfile.mkdtemp(prefix="briefing-serve-", dir=serve_temp_folder(env)))
    env["TMPDIR"] = str(temp)
    # MkDocs' serve command, noticing saves sooner and ending at once (site.serving)
    command = [sys.executable, "-m", "generator.site.serving", "-f", str(args.config)]
    if args.dev_addr:
        command += ["-a", args.dev_addr]
    command += {QUIET: ["-q"], VERBOSE: ["-v"]}.get(TALK.level, [])
    sys.stdout.flush()
    # A script's background job starts with SIGINT ignored, and Python then installs no
    # Ctrl-C handler: a SIGINT sent to this command would do nothing. It must stop the server.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        server = subprocess.Popen(command, env=env, preexec_fn=as_server_child)
        try:
            return server.wait()
        except KeyboardInterrupt:
            stop(server)
            return EXIT_OK
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def as_server_child() -> None:
    """In the server's process: Ctrl-C stops it cleanly even when this command was started
    with Ctrl-C ignored (in the background); it ends when this command is killed outright."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)  # Linux; elsewhere nothing happens


def stop(server: subprocess.Popen[bytes]) -> None:
    """Ask the server to shut down as Ctrl-C does; kill it when it does not."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=SHUTDOWN_SECONDS)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def run_scan(args: argparse.Namespace) -> int:
    """Scan a built site; print each finding and exit 1 when there is any."""
    if not args.site_dir.is_dir():
        TALK.error(f"{args.site_dir} is not a folder")
        return EXIT_USAGE
    theme = args.theme_templates
    if theme is not None and not (theme / "partials" / "javascripts").is_dir():
        TALK.error(f"{theme} holds no partials/javascripts/ of a theme")
        return EXIT_USAGE
    findings = scan_site(args.site_dir, theme=theme)
    for finding in findings:
        TALK.problems(headline(finding))
    if findings:
        files = len({f.span.file for f in findings if f.span})
        TALK.problems(f"{len(findings)} finding(s) in {files} file(s).")
        return EXIT_CONTENT
    TALK.result(f"ok: {args.site_dir} holds no live markup from content")
    return EXIT_OK


def stop_on_sigterm() -> None:
    """Treat SIGTERM like Ctrl-C, so staging folders are cleaned up."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": run_check,
    "build": run_build,
    "site": run_site,
    "serve": run_serve,
    "scan": run_scan,
    "pdf": run_pdf,
    **editor.HANDLERS,
    **init.HANDLERS,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status."""
    tune_garbage_collector()
    args = build_parser().parse_args(argv)
    set_talk(loudness(args), os.environ)
    stop_on_sigterm()
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        TALK.problems("interrupted; nothing was changed")
        return 130
    finally:
        reset_talk()


if __name__ == "__main__":
    sys.exit(main())
