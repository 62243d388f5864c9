"""Provides the ``benchmark-tui`` command: the workshop app, ``validate`` and ``export``.

The headless commands never import Textual; the app is imported only when it is launched.
Errors people can fix are printed as one located line on stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
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
    from benchmark_tui.store import load_framework

    framework = load_framework(args.framework)
    all_ok = True
    paths = _expand(args.paths)
    if not paths:
        print("benchmark-tui: no .yaml files to check", file=sys.stderr)
        return EXIT_BAD_INPUT
    for ok, out, err in _verdicts(paths, framework):
        all_ok = all_ok and ok
        if out:
            print(out)
        if err:
            print(err, file=sys.stderr)
    return EXIT_OK if all_ok else EXIT_BAD_INPUT


PARALLEL_FROM = 48
"""``validate`` spreads this many files or more over the processor's cores (where it can)."""

_Verdict = tuple[bool, str, str]
"""Whether a file is valid, what to print on stdout, and what on stderr."""

_worker_framework: Framework | None = None
"""The framework sessions are checked against, in a ``validate`` worker process."""


def _verdict(path: Path, framework: Framework | None = None) -> _Verdict:
    """Check one file: the lines ``validate`` prints about it."""
    from benchmark_tui.models import Framework as FrameworkModel
    from benchmark_tui.store import check_file

    if framework is None:
        framework = _worker_framework
        assert framework is not None, "a validate worker starts with the framework"
    try:
        checked = check_file(path, framework)
    except BenchmarkError as err:
        return False, "", err.message
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


def _verdicts(paths: list[Path], framework: Framework) -> Iterator[_Verdict]:
    """The verdicts on ``paths``, in order; many files are checked on all cores at once."""
    workers = min(_usable_cores(), 8)
    if len(paths) < PARALLEL_FROM or workers < 2 or not _can_fork():
        for path in paths:
            yield _verdict(path, framework)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _worker_framework
    _worker_framework = framework  # inherited by the forked workers, never pickled
    reported = 0
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_interrupts
    )
    try:
        chunk = max(1, min(8, len(paths) // (workers * 4)))  # small: no worker idles at the end
        for verdict in pool.map(_verdict, paths, chunksize=chunk):
            yield verdict
            reported += 1
    except BrokenProcessPool:
        # A worker died (killed, out of memory): check the rest here, one after another.
        for path in paths[reported:]:
            yield _verdict(path, framework)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        _worker_framework = None


def _usable_cores() -> int:
    """How many cores this process may run on (fewer than the machine's in a container)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every platform
        return os.cpu_count() or 1


def _can_fork() -> bool:
    """Whether worker processes can be forked safely.

    Forking is POSIX only, unsafe on macOS, and unsafe in a process that runs other threads
    (one of them may hold a lock the child would wait on for ever); there the files are
    checked one after another instead.
    """
    import multiprocessing
    import threading

    return (
        sys.platform != "darwin"
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def _ignore_interrupts() -> None:
    """In a worker: leave Ctrl+C to the main process, which stops the workers."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
