"""Provides the ``benchmark-tui`` command: the workshop app, ``validate`` and ``export``.

The headless commands never import Textual; the app is imported only when it is launched.
Errors people can fix are printed as one located line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark_tui import __version__
from benchmark_tui.cli_common import EXIT_BAD_INPUT, EXIT_OK, add_framework_option
from benchmark_tui.errors import BenchmarkError

if TYPE_CHECKING:
    from benchmark_tui.models import Framework

HISTORY_COMMANDS = ("versions", "restore", "next", "compare")
"""Commands about a session's history, in :mod:`benchmark_tui.cli_history`."""
FIGURES_COMMANDS = ("import-figures", "figures-template")
"""Commands about Section 1's figures, in :mod:`benchmark_tui.cli_figures`."""

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
  benchmark-tui import-figures SESSION FILE
                                     import Section 1's figures from a .csv or .xlsx
  benchmark-tui figures-template [OUT.xlsx]
                                     write a workbook to collect the figures in

Run 'benchmark-tui COMMAND --help' for a command's options.
"""


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
        help="folder of session files for the sessions list (default: the sessions_dir "
        "setting; else ./sessions if there is one here; else 'Library self-assessments' in "
        "your Documents)",
    )
    add_framework_option(parser)
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
    add_framework_option(parser)
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
        help="write the pre-read for the team instead (at most six pages): the day's purpose "
        "and agenda, what to bring, the 0-4 scale and the matrix, last year's ratings and plan, "
        "and each characteristic",
    )
    parser.add_argument(
        "--with-framework",
        action="store_true",
        help="with --handout: add the framework's full text to the pre-read, as an appendix",
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
    add_framework_option(parser)
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
        if args and args[0] in HISTORY_COMMANDS:
            from benchmark_tui import cli_history

            return cli_history.run(args[0], args[1:])
        if args and args[0] in FIGURES_COMMANDS:
            from benchmark_tui import cli_figures

            return cli_figures.run(args[0], args[1:])
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
    except OSError as err:  # a path the checks above did not foresee: still said in words
        from benchmark_tui.os_errors import os_problem

        where = f"{err.filename}: " if err.filename else ""
        print(f"benchmark-tui: {where}{os_problem(err)} — check the path", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as err:  # noqa: BLE001 - a bug: the details go to a log, not the screen
        return _unexpected(err, args)


EXIT_UNEXPECTED = 70
"""A bug in benchmark-tui (EX_SOFTWARE): the details are in the crash log."""


def _unexpected(err: Exception, args: list[str]) -> int:
    """Say in one line that something unexpected happened and where the details are."""
    from benchmark_tui.crash import write_crash_log

    log = write_crash_log(err, context=f"benchmark-tui {' '.join(args)}")
    where = f"; the details are in {log}" if log else ""
    print(
        f"benchmark-tui: something unexpected went wrong ({type(err).__name__}){where}. "
        "Files are written whole or not at all, so none is half written; please report it.",
        file=sys.stderr,
    )
    return EXIT_UNEXPECTED


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
            from benchmark_tui.os_errors import os_problem

            expanded.append(
                BenchmarkError(
                    f"{path}: cannot open this folder ({os_problem(err)}) — check that you "
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
        from benchmark_tui.os_errors import os_problem

        return False, "", f"{path}: cannot read the file ({os_problem(err)}) — check the path"
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
        from benchmark_tui.os_errors import os_problem

        raise BenchmarkError(
            f"{args.session}: cannot read the file ({os_problem(err)}) — check the path, "
            "and that you may open the folder it is in",
            title="Session cannot be read",
        ) from err
    for notice in loaded.notices:
        print(f"note: {notice}", file=sys.stderr)  # stderr, so stdout is only the result
    target = args.output or default_report_path(loaded.session, args.session, handout=args.handout)
    previous, without_previous = None, ""
    if loaded.session.previous is not None:
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
        with_framework=args.with_framework,
    )
    if without_previous:
        print(without_previous, file=sys.stderr)
    print(f"Wrote {written}")
    return EXIT_OK


def run_app(args: argparse.Namespace) -> int:
    """Start the workshop app."""
    from benchmark_tui.errors import FileProblem
    from benchmark_tui.paths import check_folder
    from benchmark_tui.settings import load_settings, sessions_folder
    from benchmark_tui.store import load_framework

    framework_path = args.framework
    load_framework(framework_path)  # a broken framework is reported here, before the screen
    if args.sessions_dir is not None:  # may not exist yet (made with the first session)
        check_folder(args.sessions_dir, FileProblem, what="sessions folder")
    from benchmark_tui.tui.app import BenchmarkApp

    settings = load_settings()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        app = BenchmarkApp(
            session_path=args.session,
            framework_path=framework_path,
            sessions_dir=sessions_folder(args.sessions_dir, settings),
            settings=settings,
        )
    app.run()
    return app.return_code or EXIT_OK
