"""Provides the ``benchmark-tui`` command: the workshop app, ``validate`` and ``export``.

The headless commands never import Textual; the app is imported only when it is launched.
Errors people can fix are printed as one located line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from benchmark_tui import __version__
from benchmark_tui.errors import BenchmarkError

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
        "summary of ratings, every results area and characteristic, and the improvement plan. "
        "Exits 0 and prints 'Wrote PATH' on success, 2 with the problem on stderr otherwise.",
    )
    parser.add_argument("session", type=Path, metavar="SESSION", help="the session file (.yaml)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.docx",
        help="where to write (default: next to the session, named after the service and the "
        "first workshop date, e.g. example-borough-libraries-2026-03-12-findings.docx)",
    )
    parser.add_argument(
        "--template",
        type=Path,
        metavar="T.docx",
        help="a Word document (.docx) with your council's styles, header and logo "
        "(default: the template shipped with benchmark-tui)",
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
        return run_app(_app_parser().parse_args(args))
    except BenchmarkError as err:
        print(f"benchmark-tui: {err.message}", file=sys.stderr)  # stderr, so stdout stays clean
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def _never_fail_on_unencodable_text() -> None:
    """Let output that the terminal cannot encode be escaped rather than crash the command.

    A service called "مكتبة" or "Library 📚" cannot be written to a latin-1 terminal, nor to a
    file redirected on Windows (cp1252); printing it would end ``validate`` in a traceback.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            reconfigure(errors="backslashreplace")


def _expand(paths: list[Path]) -> list[Path]:
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            expanded.extend(sorted(p for p in path.glob("*.yaml") if not p.name.startswith(".")))
        else:
            expanded.append(path)
    return expanded


def run_validate(args: argparse.Namespace) -> int:
    """Validate each file, print one verdict per file, return 0 if all are valid."""
    from benchmark_tui.store import detect_kind, load_framework, read_session

    framework = load_framework(args.framework)
    all_ok = True
    paths = _expand(args.paths)
    if not paths:
        print("benchmark-tui: no .yaml files to check", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in paths:
        try:
            if detect_kind(path) == "framework":
                checked = load_framework(path)
                print(
                    f"OK  {path}  (framework {checked.id} {checked.version}: "
                    f"{len(checked.areas)} results areas, {len(checked.items)} characteristics)"
                )
                continue
            loaded = read_session(path, framework)
        except BenchmarkError as err:
            all_ok = False
            print(err.message, file=sys.stderr)
            continue
        session = loaded.session
        print(f"OK  {path}  (session: {session.service.name}, {session.progress(framework).label})")
        for notice in loaded.notices:
            print(f"    note: {notice}")
    return EXIT_OK if all_ok else EXIT_BAD_INPUT


def run_export(args: argparse.Namespace) -> int:
    """Write the Word document for a session; print where it went."""
    from benchmark_tui.export import default_report_path, write_report
    from benchmark_tui.store import load_framework, read_session

    framework = load_framework(args.framework)
    loaded = read_session(args.session, framework)
    for notice in loaded.notices:
        print(f"note: {notice}", file=sys.stderr)  # stderr, so stdout is only the result
    target = args.output or default_report_path(loaded.session, args.session)
    written = write_report(framework, loaded.session, target, template=args.template)
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
