"""Provides the commands about a session's history: its earlier versions, next year's session
and comparisons (``benchmark-tui versions | restore | next | compare``).

Loaded by :func:`benchmark_tui.cli.main` only for these commands; like the rest of the command
line it never imports Textual.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any

from benchmark_tui.cli_common import EXIT_BAD_INPUT, EXIT_OK, add_framework_option
from benchmark_tui.errors import FileProblem, SessionFileError


def run(command: str, argv: list[str]) -> int:
    """Run one of the history commands with its own arguments."""
    if command == "versions":
        return run_versions(_versions_parser().parse_args(argv))
    if command == "restore":
        return run_restore(_restore_parser().parse_args(argv))
    if command == "next":
        return run_next(_next_parser().parse_args(argv))
    return run_compare(_compare_parser().parse_args(argv))


def _versions_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="benchmark-tui versions",
        description="List the earlier versions kept of a session (in SESSION.versions/ beside "
        "it), newest first, with how each differs from the session now.",
    )
    parser.add_argument("session", type=Path, metavar="SESSION", help="the session file (.yaml)")
    add_framework_option(parser)
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
        help="the number shown by 'benchmark-tui versions' (1 = newest) or the version's file name",
    )
    add_framework_option(parser)
    return parser


def run_versions(args: argparse.Namespace) -> int:
    """Print the earlier versions of a session, newest first.

    They are listed however the session file is: missing or damaged, the versions are still
    there to be put back (each is then described without a comparison with now).
    """
    from datetime import datetime

    from benchmark_tui.paths import exists
    from benchmark_tui.store import load_framework, read_session
    from benchmark_tui.versions import (
        describe,
        history_problem,
        list_versions,
        versions_folder,
        when_label,
    )

    framework = load_framework(args.framework)
    _look_at_session(args.session)
    folder = versions_folder(args.session)
    found = list_versions(args.session)
    try:
        now = read_session(args.session, framework).session
    except SessionFileError as err:
        if not found:
            raise
        now = None
        print(
            f"note: the session file cannot be read now ({err.message}); its earlier versions "
            "are listed without a comparison with it",
            file=sys.stderr,
        )
    problem = history_problem(args.session) if exists(folder) or now is not None else ""
    if problem:
        print(f"note: {problem}", file=sys.stderr)
    if not found:
        print(
            f"No earlier versions of {args.session} yet: one is kept each time the app saves "
            "a change to it."
        )
        return EXIT_OK
    print(f"Earlier versions of {args.session} (in {folder}), newest first:")
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
    _look_at_session(args.session)
    version = find_version(args.session, args.version)
    if version is None:
        wanted = args.version if len(args.version) <= 24 else f"{args.version[:20]}…"
        print(
            f"benchmark-tui: {args.session} has no earlier version {wanted!r} — "
            f"list them with: benchmark-tui versions {args.session}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    replaced = restore_file(args.session, version, framework)
    kept = (
        f"The version it replaced is kept: benchmark-tui versions {args.session}"
        if replaced
        else "There was no session file to keep."
    )
    print(
        f"Restored {args.session} to the version of {when_label(version.saved, datetime.now())}. "
        + kept
    )
    return EXIT_OK


class _NotWritten(FileProblem):
    """The name given for next year's session cannot be used."""

    def __init__(self, path: Path | str, problem: str, hint: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("title", "Not written")
        super().__init__(path, problem, hint, **kwargs)


def _look_at_session(path: Path) -> None:
    """Check a session's path can be looked at (it may be missing: versions can still be).

    Raises:
        SessionFileError: a name too long, a link loop, a folder that may not be opened.
    """
    import stat

    from benchmark_tui.paths import look

    found = look(path, SessionFileError, what="the session")
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise SessionFileError(
            path, "this is a folder, not a file", "give the path of a .yaml file"
        )


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
    add_framework_option(parser)
    return parser


def run_next(args: argparse.Namespace) -> int:
    """Write next year's session, started from the one given; print where it went."""
    from benchmark_tui.cycle import start_next_file
    from benchmark_tui.store import load_framework

    framework = load_framework(args.framework)
    if args.output is not None:
        from benchmark_tui.paths import check_new_file

        check_new_file(
            args.output,
            _NotWritten,
            suffix=".yaml",
            what="a session file",
            hint="choose another name with -o NEW.yaml (a session is never overwritten by 'next')",
        )
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
        "--same-measure",
        action="append",
        default=[],
        metavar="A=B",
        help="take Section 1's measure named A as the one named B (case and spacing are "
        "ignored anyway); repeat for more",
    )
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
    parser.add_argument(
        "--force",
        action="store_true",
        help="for --docx: replace OUT.docx even if it holds the findings of a session (a "
        "session file, or a file open in the app, is never replaced)",
    )
    add_framework_option(parser)
    return parser


def _can_print(text: str) -> bool:
    """Whether stdout's encoding can write ``text`` (a Windows console may not: cp1252)."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _same_measure(pair: str) -> tuple[str, str]:
    """``"A=B"`` → ``("A", "B")``."""
    from benchmark_tui.errors import BenchmarkError

    name, sep, same = pair.partition("=")
    if not sep or not name.strip() or not same.strip():
        raise BenchmarkError(
            f"--same-measure {pair!r}: write it as 'NAME=OTHER NAME', e.g. "
            "--same-measure 'Net cost per visit=Cost per visit'",
            title="Nothing compared",
        )
    return name.strip(), same.strip()


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse ``--csv`` and ``--docx`` targets before anything is read, printed or written."""
    from benchmark_tui.outputs import check_output

    if args.csv is not None:
        check_output(args.csv, kind="the CSV", suffix=".csv", option="--csv", inputs=args.sessions)
    if args.docx is not None:
        from benchmark_tui.export.word import document_mark_of

        check_output(
            args.docx,
            kind="the comparison report",
            suffix=".docx",
            option="--docx",
            inputs=args.sessions,
            replace=args.force,
            others_document=lambda path: document_mark_of(path) is not None,
        )


def run_compare(args: argparse.Namespace) -> int:
    """Print the comparison of the sessions given (and write the CSV, if asked)."""
    from benchmark_tui.compare import compare_sessions, load_sessions, write_csv
    from benchmark_tui.compare_table import render
    from benchmark_tui.store import load_framework

    framework = load_framework(args.framework)
    _check_outputs(args)
    same = dict(_same_measure(pair) for pair in args.same_measure)
    comparison = compare_sessions(
        load_sessions(args.sessions, framework), framework, args.mode, same_measures=same
    )
    plain = args.plain or not _can_print("─▲▼–…·")
    print(render(comparison, plain=plain), end="")
    if args.csv is not None:
        print(f"Wrote {write_csv(comparison, args.csv, args.sessions)}")
    if args.docx is not None:
        from benchmark_tui.export.comparison import write_comparison_report

        print(f"Wrote {write_comparison_report(comparison, args.docx, template=args.template)}")
    return EXIT_OK
