"""Provides the ``benchmark-tui`` command: the workshop app, ``validate`` and ``export``.

The headless commands never import Textual; the app is imported only when it is launched.
Errors people can fix are printed as one located line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark_tui import __version__
from benchmark_tui.errors import BenchmarkError

if TYPE_CHECKING:
    from benchmark_tui.models import Framework

EXIT_OK = 0
EXIT_BAD_INPUT = 2

DESCRIPTION = """\
Run a library service self-assessment workshop against the Libraries Taskforce
Benchmarking Framework, from a terminal projected on the wall, and write the
findings to a Word document.
"""

COMMANDS_HELP = """\
commands:
  benchmark-tui [SESSION]            open the workshop app (the sessions list, or SESSION)
  benchmark-tui validate PATH...     check framework and session files
  benchmark-tui export SESSION       write the findings document (.docx)
  benchmark-tui versions SESSION     list the earlier versions kept of a session
  benchmark-tui restore SESSION N    put earlier version N back (the present one is kept)
  benchmark-tui next SESSION         start next year's self-assessment from this one
  benchmark-tui compare A B [C...]   compare sessions over time, or libraries side by side

Run 'benchmark-tui COMMAND --help' for a command's options.
"""


def _add_framework_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--framework",
        metavar="FILE",
        type=Path,
        help="framework YAML to use instead of the bundled Benchmarking Framework",
    )


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="benchmark-tui",
        description=DESCRIPTION,
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "session",
        nargs="?",
        type=Path,
        help="a session file to open directly (default: show the sessions list)",
    )
    parser.add_argument(
        "--sessions-dir",
        metavar="DIR",
        type=Path,
        default=None,
        help="folder of session files for the sessions list (default: ./sessions)",
    )
    _add_framework_option(parser)
    parser.add_argument("--version", action="version", version=f"benchmark-tui {__version__}")
    return parser


def _validate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="benchmark-tui validate",
        description="Check framework and session files. Prints 'OK' or the located problem "
        "for each file; exits 0 if all are valid, 2 otherwise. A folder means every .yaml "
        "file in it.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _add_framework_option(parser)
    return parser


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="benchmark-tui export",
        description="Write the findings document (.docx) for a session: the title page, "
        "key messages, summary of ratings, every results area and characteristic, and the "
        "improvement plan; or, with --handout, the pre-read for the team. "
        "Exits 0 and prints 'Wrote PATH' on success, 2 with the problem on stderr otherwise.",
    )
    parser.add_argument("session", type=Path, metavar="SESSION", help="the session file (.yaml)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.docx",
        help="where to write (default: next to the session, named after it: ours.yaml gives "
        "ours-findings.docx, or ours-pre-read.docx with --handout)",
    )
    parser.add_argument(
        "--handout",
        action="store_true",
        help="write the pre-read for the team instead: the briefing, the 0-4 scale and the "
        "matrix, each results area with the measures so far, each characteristic with its "
        "guidance and recommended data sources, and an empty matrix",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace OUT.docx even if it was made from another session",
    )
    parser.add_argument(
        "--guidance",
        action="store_true",
        help="list the framework's relevant guidance documentation and recommended data "
        "sources under each characteristic of the findings (the pre-read always has them)",
    )
    parser.add_argument(
        "--template",
        type=Path,
        metavar="T.docx",
        help="a Word document (.docx) or template (.dotx) with your council's styles, header "
        "and logo (default: the template shipped with benchmark-tui)",
    )
    _add_framework_option(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    _never_fail_on_unencodable_text()
    try:
        if args and args[0] == "validate":
            return run_validate(_validate_parser().parse_args(args[1:]))
        if args and args[0] == "export":
            return run_export(_export_parser().parse_args(args[1:]))
        if args and args[0] == "versions":
            return run_versions(_versions_parser().parse_args(args[1:]))
        if args and args[0] == "restore":
            return run_restore(_restore_parser().parse_args(args[1:]))
        if args and args[0] == "next":
            return run_next(_next_parser().parse_args(args[1:]))
        if args and args[0] == "compare":
            return run_compare(_compare_parser().parse_args(args[1:]))
        return run_app(_app_parser().parse_args(args))
    except BenchmarkError as err:
        print(f"benchmark-tui: {err.message}", file=sys.stderr)  # stderr, so stdout stays clean
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `benchmark-tui versions X | head`: the reader has gone
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes on exit
        return EXIT_OK


def _never_fail_on_unencodable_text() -> None:
    """Let output that the terminal cannot encode be escaped rather than crash the command.

    A service called "مكتبة" or "Library 📚" cannot be written to a latin-1 terminal, nor to a
    file redirected on Windows (cp1252); printing it would end ``validate`` in a traceback.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            reconfigure(errors="backslashreplace")


def _expand(paths: list[Path]) -> list[Path | BenchmarkError]:
    """The files to check: each path given, and every ``.yaml`` file in each folder given.

    A folder that cannot be listed becomes the problem to report in its place.
    """
    expanded: list[Path | BenchmarkError] = []
    for path in paths:
        try:
            is_folder = path.is_dir()
        except OSError:  # e.g. a name too long to look up: checking it will say so
            is_folder = False
        if not is_folder:
            expanded.append(path)
            continue
        try:
            with os.scandir(path) as entries:
                names = sorted(
                    entry.name
                    for entry in entries
                    if entry.name.endswith(".yaml") and not entry.name.startswith(".")
                )
        except OSError as err:
            expanded.append(
                BenchmarkError(
                    f"{path}: cannot open this folder ({err.strerror or err}) — check that you "
                    "may read it, or give the files in it one by one",
                    title="Folder cannot be read",
                )
            )
            continue
        expanded.extend(path / name for name in names)
    return expanded


def run_validate(args: argparse.Namespace) -> int:
    """Validate each file, print one verdict per file, return 0 if all are valid.

    The files are checked one after another: nobody waits for ``validate`` (a thousand
    sessions take a few seconds), so it needs no worker processes.
    """
    from benchmark_tui.store import load_framework

    framework = load_framework(args.framework)
    all_ok = True
    paths = _expand(args.paths)
    if not paths:
        print("benchmark-tui: no .yaml files to check", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in paths:
        ok, out, err = (
            (False, "", path.message)
            if isinstance(path, BenchmarkError)
            else _verdict(path, framework)
        )
        all_ok = all_ok and ok
        if out:
            print(out)
        if err:
            print(err, file=sys.stderr)
    return EXIT_OK if all_ok else EXIT_BAD_INPUT


_Verdict = tuple[bool, str, str]
"""Whether a file is valid, what to print on stdout, and what on stderr."""


def _verdict(path: Path, framework: Framework) -> _Verdict:
    """Check one file: the lines ``validate`` prints about it."""
    from benchmark_tui.models import Framework as FrameworkModel
    from benchmark_tui.store import check_file

    try:
        checked = check_file(path, framework)
    except BenchmarkError as err:
        return False, "", err.message
    except OSError as err:  # the file system refused even to look (a name too long …)
        return False, "", f"{path}: cannot read the file ({err.strerror or err}) — check the path"
    if isinstance(checked, FrameworkModel):
        return (
            True,
            f"OK  {path}  (framework {checked.id} {checked.version}: "
            f"{len(checked.areas)} results areas, {len(checked.items)} characteristics)",
            "",
        )
    session = checked.session
    lines = [f"OK  {path}  (session: {session.service.name}, {session.progress(framework).label})"]
    lines.extend(f"    note: {notice}" for notice in checked.notices)
    return True, "\n".join(lines), ""


def run_export(args: argparse.Namespace) -> int:
    """Write the Word document for a session; print where it went."""
    from benchmark_tui.export import default_report_path, write_report
    from benchmark_tui.store import load_framework, read_session

    framework = load_framework(args.framework)
    try:
        loaded = read_session(args.session, framework)
    except OSError as err:  # the file system refused even to look (a folder we may not enter)
        raise BenchmarkError(
            f"{args.session}: cannot read the file ({err.strerror or err}) — check the path, "
            "and that you may open the folder it is in",
            title="Session cannot be read",
        ) from err
    for notice in loaded.notices:
        print(f"note: {notice}", file=sys.stderr)  # stderr, so stdout is only the result
    target = args.output or default_report_path(
        loaded.session, args.session, handout=args.handout
    )
    previous, without_previous = None, ""
    if loaded.session.previous is not None and not args.handout:
        from benchmark_tui.cycle import load_previous

        try:
            previous = load_previous(loaded.session, args.session, framework)
        except BenchmarkError as err:  # the findings are still written, without that section
            without_previous = (
                f"note: {err.message} — written without 'Since the last self-assessment'"
            )
    written = write_report(
        framework,
        loaded.session,
        target,
        template=args.template,
        handout=args.handout,
        replace=args.force,
        guidance=args.guidance,
        previous=previous,
    )
    if without_previous:
        print(without_previous, file=sys.stderr)
    print(f"Wrote {written}")
    return EXIT_OK


def run_app(args: argparse.Namespace) -> int:
    """Start the workshop app."""
    from benchmark_tui.store import load_framework

    framework_path = args.framework
    load_framework(framework_path)  # a broken framework is reported here, before the screen
    from benchmark_tui.tui.app import BenchmarkApp

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        app = BenchmarkApp(
            session_path=args.session,
            framework_path=framework_path,
            sessions_dir=args.sessions_dir,
        )
    app.run()
    return app.return_code or EXIT_OK


def _versions_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="benchmark-tui versions",
        description="List the earlier versions kept of a session (in SESSION.versions/ beside "
        "it), newest first, with how each differs from the session now.",
    )
    parser.add_argument("session", type=Path, metavar="SESSION", help="the session file (.yaml)")
    _add_framework_option(parser)
    return parser


def _restore_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="benchmark-tui restore",
        description="Put an earlier version of a session back. The present version is kept "
        "as an earlier version first, so a restore can itself be undone. Close the session "
        "in the app first.",
    )
    parser.add_argument("session", type=Path, metavar="SESSION", help="the session file (.yaml)")
    parser.add_argument(
        "version",
        metavar="VERSION",
        help="the number shown by 'benchmark-tui versions' (1 = newest) or the version's "
        "file name",
    )
    _add_framework_option(parser)
    return parser


def run_versions(args: argparse.Namespace) -> int:
    """Print the earlier versions of a session, newest first."""
    from datetime import datetime

    from benchmark_tui.store import load_framework, read_session
    from benchmark_tui.versions import describe, list_versions, versions_folder, when_label

    framework = load_framework(args.framework)
    now = read_session(args.session, framework).session
    found = list_versions(args.session)
    if not found:
        print(
            f"No earlier versions of {args.session} yet: one is kept each time the app saves "
            "a change to it."
        )
        return EXIT_OK
    print(f"Earlier versions of {args.session} (in {versions_folder(args.session)}), newest first:")
    today = datetime.now()
    for number, version in enumerate(found, start=1):
        print(f"{number:>4}  {when_label(version.saved, today)}")
        about = describe(version, now, framework)
        print(textwrap.fill(about, width=78, initial_indent=" " * 6, subsequent_indent=" " * 6))
    print(f"Put one back with: benchmark-tui restore {args.session} NUMBER")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    """Put an earlier version of a session back."""
    from datetime import datetime

    from benchmark_tui.store import load_framework
    from benchmark_tui.versions import find_version, restore_file, when_label

    framework = load_framework(args.framework)
    version = find_version(args.session, args.version)
    if version is None:
        print(
            f"benchmark-tui: {args.session} has no earlier version {args.version!r} — "
            f"list them with: benchmark-tui versions {args.session}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    restore_file(args.session, version, framework)
    print(
        f"Restored {args.session} to the version of {when_label(version.saved, datetime.now())}. "
        f"The version it replaced is kept: benchmark-tui versions {args.session}"
    )
    return EXIT_OK


def _next_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="benchmark-tui next",
        description="Start the next self-assessment (usually next year's) from a session. "
        "Carried forward: the service, the team, each results area's measures with their "
        "values, and the approaches (marked 'from last time' until the team confirms them). "
        "Not carried: ratings, strengths, areas for improvement, agreement. The new session "
        "names the previous file, its dates and a hash of its content, so a previous file "
        "moved or changed later is reported, never silently used. Prints 'Wrote PATH'.",
    )
    parser.add_argument(
        "session", type=Path, metavar="SESSION", help="last time's session file (.yaml)"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="NEW.yaml",
        help="where to write (default: beside SESSION, named after the service and today's "
        "date); an existing file is never replaced",
    )
    _add_framework_option(parser)
    return parser


def run_next(args: argparse.Namespace) -> int:
    """Write next year's session, started from the one given; print where it went."""
    from benchmark_tui.cycle import start_next_file
    from benchmark_tui.store import load_framework

    framework = load_framework(args.framework)
    written, notices = start_next_file(args.session, framework, args.output)
    for notice in notices:
        print(notice, file=sys.stderr)  # stderr, so stdout is only the result
    print(f"Wrote {written}")
    return EXIT_OK


def _compare_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="benchmark-tui compare",
        description="Compare two or more sessions. Over time (the same service and library "
        "on different dates: inferred): sessions in date order, each rating with its change "
        "since the one before, the counts of strengths and areas for improvement, and what "
        "happened to each previous plan. Across (several libraries, or any set): one column "
        "per session, with the lowest, median and highest rating and which library is lowest. "
        "Items are matched by id; anything not matched is listed.",
    )
    parser.add_argument(
        "sessions", nargs="+", type=Path, metavar="SESSION", help="session files (.yaml)"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--over-time",
        dest="mode",
        action="store_const",
        const="over-time",
        help="compare as one service over time (date order, with changes)",
    )
    mode.add_argument(
        "--across",
        dest="mode",
        action="store_const",
        const="across",
        help="compare side by side (with the spread), in the order given",
    )
    parser.add_argument(
        "--csv",
        type=Path,
        metavar="OUT.csv",
        help="also write a tidy CSV, one row per session, item and element (for Excel)",
    )
    parser.add_argument("--plain", action="store_true", help="ASCII only, no box drawing or arrows")
    parser.add_argument(
        "--docx",
        type=Path,
        metavar="OUT.docx",
        help="also write a short comparison report (Word) with the same tables",
    )
    parser.add_argument(
        "--template",
        type=Path,
        metavar="T.docx",
        help="for --docx: a Word document (.docx) or template (.dotx) with your council's "
        "styles, header and logo (default: the template shipped with benchmark-tui)",
    )
    _add_framework_option(parser)
    return parser


def _can_print(text: str) -> bool:
    """Whether stdout's encoding can write ``text`` (a Windows console may not: cp1252)."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def run_compare(args: argparse.Namespace) -> int:
    """Print the comparison of the sessions given (and write the CSV, if asked)."""
    from benchmark_tui.compare import compare_sessions, load_sessions, write_csv
    from benchmark_tui.compare_table import render
    from benchmark_tui.store import load_framework

    framework = load_framework(args.framework)
    comparison = compare_sessions(load_sessions(args.sessions, framework), framework, args.mode)
    plain = args.plain or not _can_print("─▲▼–…·")
    print(render(comparison, plain=plain), end="")
    if args.csv is not None:
        print(f"Wrote {write_csv(comparison, args.csv, args.sessions)}")
    if args.docx is not None:
        from benchmark_tui.export.comparison import write_comparison_report

        print(f"Wrote {write_comparison_report(comparison, args.docx, template=args.template)}")
    return EXIT_OK
