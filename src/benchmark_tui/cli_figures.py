"""Provides the commands about Section 1's figures: ``benchmark-tui import-figures`` and
``benchmark-tui figures-template``.

Loaded by :func:`benchmark_tui.cli.main` only for these commands; like the rest of the command
line it never imports Textual. The import writes through the same open-session path as the
app (:class:`~benchmark_tui.workshop.OpenSession`: the one-writer lock, an earlier version kept,
an atomic write), so a session open in the app is refused, never written behind its back.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from benchmark_tui.cli_common import EXIT_BAD_INPUT, EXIT_OK, add_framework_option
from benchmark_tui.errors import BenchmarkError

EXIT_DECLINED = 1
"""The team answered no: nothing was imported."""
DEFAULT_TEMPLATE = Path("figures-template.xlsx")


def run(
    command: str,
    argv: list[str],
    *,
    ask: Callable[[str], str] | None = None,
    interactive: bool | None = None,
) -> int:
    """Run one of the figures commands with its own arguments.

    Args:
        command: ``import-figures`` or ``figures-template``.
        argv: its arguments.
        ask: asks a question and returns the answer (default: :func:`input`; for tests).
        interactive: whether a person is there to answer (default: stdin is a terminal).
    """
    if command == "import-figures":
        if interactive is None:
            interactive = sys.stdin is not None and sys.stdin.isatty()
        return run_import(_import_parser().parse_args(argv), ask or input, interactive)
    return run_template(_template_parser().parse_args(argv))


def _import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="benchmark-tui import-figures",
        description="Import Section 1's figures into a session from a CSV file or an Excel "
        "workbook (.xlsx), in the long layout (area, measure, period, value, unit, better, "
        "comparator: one figure a row) or the wide one (one column per period). Shows what it "
        "will add or replace, then merges: a figure already in the session is replaced only "
        "when you say yes (or give --yes). Every bad cell is reported by sheet, row and column, "
        "and then nothing is imported. Close the session in the app first. "
        "'benchmark-tui figures-template' writes a workbook to fill in.",
    )
    parser.add_argument("session", type=Path, metavar="SESSION", help="the session file (.yaml)")
    parser.add_argument("figures", type=Path, metavar="FILE", help="the figures (.csv or .xlsx)")
    parser.add_argument(
        "--yes",
        action="store_true",
        help="replace figures in the session that differ from the file, without asking",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="show what would be added or replaced, and write nothing",
    )
    add_framework_option(parser)
    return parser


def _template_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="benchmark-tui figures-template",
        description="Write an Excel workbook to collect Section 1's figures in before the day: "
        "a sheet in the long layout, one in the wide layout and a 'Read me'. With --from, the "
        "session's measures, figures and comparators are in it already. Prints 'Wrote PATH'.",
    )
    parser.add_argument(
        "output",
        nargs="?",
        type=Path,
        default=DEFAULT_TEMPLATE,
        metavar="OUT.xlsx",
        help=f"where to write (default: {DEFAULT_TEMPLATE})",
    )
    parser.add_argument(
        "--from",
        dest="session",
        type=Path,
        metavar="SESSION",
        help="fill it with this session's figures (e.g. last year's, to add this year's)",
    )
    parser.add_argument("--force", action="store_true", help="replace OUT.xlsx if it exists")
    add_framework_option(parser)
    return parser


def run_template(args: argparse.Namespace) -> int:
    """Write the template workbook (with a session's figures, if asked)."""
    from benchmark_tui.figures_workbook import write_figures_workbook
    from benchmark_tui.store import load_framework, read_session

    framework = load_framework(args.framework)
    session = read_session(args.session, framework).session if args.session else None
    written = write_figures_workbook(args.output, framework, session, replace=args.force)
    print(f"Wrote {written}")
    return EXIT_OK


def run_import(args: argparse.Namespace, ask: Callable[[str], str], interactive: bool) -> int:
    """Read the figures, show the plan, ask before replacing, and write all or nothing."""
    from benchmark_tui.edits import EditRefused, ImportFigures
    from benchmark_tui.figures_import import agreed_note, plan_import
    from benchmark_tui.figures_read import read_figures
    from benchmark_tui.store import load_framework
    from benchmark_tui.workshop import OpenSession

    framework = load_framework(args.framework)
    read = read_figures(args.figures, framework)  # every bad cell, before the session is touched
    opened = OpenSession.open(args.session, framework)
    try:
        for notice in opened.notices:
            print(f"note: {notice}", file=sys.stderr)
        if opened.read_only and not args.dry_run:
            raise BenchmarkError(
                f"{args.session}: not imported — {opened.read_only_reason} Close the session "
                "in the app, then import again.",
                title="Figures not imported",
            )
        plan = plan_import(opened.session, read, framework)
        print(f"Figures from {args.figures} for {args.session}:")
        for line in plan.lines():
            print(f"  {line}")
        if not plan.has_changes:
            print("Nothing to import: the session has every figure in the file already.")
            return EXIT_OK
        print(plan.summary())
        if args.dry_run:
            print("Dry run: nothing written.")
            return EXIT_OK
        replace = False
        if plan.replaces:
            if args.yes:
                replace = True
            elif not interactive:
                print(
                    f"benchmark-tui: not imported: {plan.replaces} value"
                    f"{'s' if plan.replaces != 1 else ''} in the session differ from the file. "
                    "Run again with --yes to replace them, or --dry-run to see them; nothing "
                    "was written.",
                    file=sys.stderr,
                )
                return EXIT_BAD_INPUT
            else:
                question = (
                    f"Replace {plan.replaces} value{'s' if plan.replaces != 1 else ''} typed in "
                    "the session with the file's? [y/N] "
                )
                replace = ask(question).strip().casefold() in ("y", "yes")
                if not replace:
                    print("Nothing written.")
                    return EXIT_DECLINED
        agreed = [
            area_id
            for area_id in plan.areas_changed(replace=replace)
            if opened.session.area(area_id).state == "agreed"
        ]
        if agreed:
            said = agreed_note([framework.area(a).label for a in agreed])
            if args.yes:
                print(said)
            elif not interactive:
                print(
                    f"benchmark-tui: not imported: {said} Run again with --yes to import and "
                    "reopen, or --dry-run to see the figures; nothing was written.",
                    file=sys.stderr,
                )
                return EXIT_BAD_INPUT
            elif ask(f"{said} Import? [y/N] ").strip().casefold() not in ("y", "yes"):
                print("Nothing written.")
                return EXIT_DECLINED
        edit = ImportFigures(read=read, replace=replace, reopen=tuple(agreed))
        try:
            opened.apply(edit)
        except EditRefused as err:
            raise BenchmarkError(
                f"{args.session}: not imported — {err.message}; nothing was written",
                title="Figures not imported",
            ) from err
        done = plan.count(replace=replace)
        opened.save_now()
        print(
            f"Imported into {args.session}: {done:,} change{'s' if done != 1 else ''}. The "
            f"version before is kept (benchmark-tui versions {args.session})."
        )
        return EXIT_OK
    finally:
        opened.close()
