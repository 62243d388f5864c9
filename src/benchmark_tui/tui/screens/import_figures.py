"""Provides the import of Section 1's figures from the measures step: a path, the file read in a
worker, what would be added or replaced, a question before anything the team typed is
replaced, and the figures merged as one edit (one undo step).

The reading and the merging are the core's (:func:`benchmark_tui.figures_read.read_figures`,
:mod:`benchmark_tui.figures_import`), as for ``benchmark-tui import-figures``; a file with bad
cells changes nothing, and every bad cell is shown by sheet, row and column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.worker import Worker, WorkerState

from benchmark_tui.crash import write_crash_log
from benchmark_tui.edits import ImportFigures
from benchmark_tui.errors import BenchmarkError
from benchmark_tui.figures_import import ImportPlan, agreed_note, plan_import
from benchmark_tui.figures_read import FiguresFileError, FiguresRead, read_figures
from benchmark_tui.models.common import and_joined
from benchmark_tui.tui.screens.dialogs import ChoiceDialog, ErrorDialog, PathDialog

if TYPE_CHECKING:
    from benchmark_tui.tui.screens.base import WorkshopScreen

GROUP = "import-figures"
"""The workers' group: one import at a time."""
SHOWN_LINES = 200
"""Additions listed before "… and N more" (every replacement is always listed)."""

SCROLL_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("up", "scroll_body(-1)", "Scroll", key_display="↑/↓", show=False, id="scroll.up"),
    Binding("down", "scroll_body(1)", "Scroll", show=False, id="scroll.down"),
    Binding("pageup", "scroll_body(-10)", "Scroll", show=False, priority=True, id="scroll.page-up"),
    Binding(
        "pagedown",
        "scroll_body(10)",
        "Scroll",
        key_display="PgUp/PgDn",
        priority=True,
        id="scroll.page-down",
    ),
]
"""The long text of a dialog scrolls with the arrows while the focus is on its buttons."""


def _scroll(dialog: ChoiceDialog | ErrorDialog, lines: int) -> None:
    body = dialog.query(".dialog-body").first(VerticalScroll)
    body.scroll_relative(y=lines, animate=False)


class ImportPlanDialog(ChoiceDialog):
    """What importing would add and replace; asks before replacing anything in the session.

    Dismisses with ``"replace"`` (import, replacing what differs), ``"new"`` (import only what
    is new, keeping the session's figures) or None (nothing imported).
    """

    BINDINGS = list(SCROLL_KEYS)

    def __init__(self, plan: ImportPlan, agreed: Sequence[str] = ()) -> None:
        """``agreed``: the titles of the agreed results areas the import would change."""
        replaces = plan.replaces
        message = plan.summary()
        if agreed:
            message += "\n" + agreed_note(agreed)
        if replaces:
            many = "s" if replaces != 1 else ""
            message += (
                f"\n{replaces} value{many} in the session differ{'' if many else 's'} from the "
                "file: the team typed or imported them. Replace them, or import only what is "
                "new and keep them?"
            )
        message = "\n".join([message, "", *plan.lines(limit=SHOWN_LINES)])
        if replaces:
            choices = [
                ("new", "Import new, keep ours"),
                ("replace", f"Import, replace {replaces}"),
                ("cancel", "Cancel"),
            ]
        else:
            choices = [("new", "Import"), ("cancel", "Cancel")]
        # Agreed areas would be reopened: Enter by a slip of the finger must not do it.
        default = "cancel" if agreed else None
        super().__init__(
            f"Import figures from {plan.source.name}?", message, choices, default=default
        )

    def on_mount(self) -> None:
        self.query_one(".dialog").add_class("-long")  # the answers stay below the list

    def action_scroll_body(self, lines: int) -> None:
        """Scroll the list of what would change."""
        _scroll(self, lines)


class FiguresProblemsDialog(ErrorDialog):
    """Every bad cell of a figures file, by sheet, row and column; nothing was imported."""

    BINDINGS = list(SCROLL_KEYS)

    def __init__(self, error: FiguresFileError) -> None:
        super().__init__(error.title, error.message)

    def on_mount(self) -> None:
        self.query_one(".dialog").add_class("-long")  # OK stays below the list

    def action_scroll_body(self, lines: int) -> None:
        """Scroll the list of bad cells."""
        _scroll(self, lines)


class FiguresImporter:
    """The import of figures from a screen of the open session (the measures step).

    Args:
        screen: the screen that imports: it runs the worker, hands the edit to the session,
            and forwards its workers' state changes to :meth:`finished`.
        suggestion: the path the dialog starts with (the sessions folder).
        imported: called after figures were imported (to show them).
    """

    def __init__(
        self, screen: WorkshopScreen, suggestion: str, imported: Callable[[], None]
    ) -> None:
        self.screen = screen
        self.suggestion = suggestion
        self.imported = imported

    def start(self) -> None:
        """Ask for the file, then read it in the background."""

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.read(path)

        self.screen.app.push_screen(
            PathDialog(
                "Import figures",
                "A CSV file or an Excel workbook (.xlsx): one figure a row (area, measure, "
                "period, value, unit, better, comparator) or one column per period. "
                "'benchmark-tui figures-template' writes one to fill in.\nFile:",
                self.suggestion,
            ),
            chosen,
        )

    def read(self, path: Path) -> None:
        """Read the file in a thread worker (a big workbook takes a moment)."""
        self.suggestion = str(path)
        framework = self.screen.framework
        self.screen.run_worker(
            partial(read_figures, path, framework),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group=GROUP,
        )

    def finished(self, event: Worker.StateChanged) -> bool:
        """A worker of the screen changed state: True if it was this import's."""
        worker = event.worker
        if worker.group != GROUP:
            return False
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, FiguresRead):
            self._offer(worker.result)
        elif event.state == WorkerState.ERROR and worker.error is not None:
            self._say(worker.error)
        return True

    def _say(self, error: BaseException) -> None:
        app = self.screen.app
        if isinstance(error, FiguresFileError) and error.problems:
            app.push_screen(FiguresProblemsDialog(error))
        elif isinstance(error, BenchmarkError):
            app.push_screen(ErrorDialog(error.title, error.message))
        else:  # a bug: the workshop goes on; the details go to a log
            log = write_crash_log(error, context=f"import of figures from {self.suggestion}")
            app.notify(
                "The figures could not be imported because of an unexpected problem; nothing "
                "was changed." + (f" Details: {log}" if log else ""),
                title="Import figures",
                severity="error",
                timeout=30,
                markup=False,
            )

    def _offer(self, read: FiguresRead) -> None:
        screen = self.screen
        try:
            plan = plan_import(screen.session, read, screen.framework)
        except FiguresFileError as err:  # more measures or figures than a session holds
            self._say(err)
            return
        if not plan.has_changes:
            screen.notify(
                f"Nothing to import: the session has every figure in {read.path.name} already.",
                title="Import figures",
                timeout=6,
                markup=False,
            )
            return

        # Agreed areas the import would change: said in the question, which is the room's
        # answer to reopening them too (they will need agreeing again).
        session, framework = screen.session, screen.framework
        agreed = [
            area_id
            for area_id in plan.areas_changed(replace=True)
            if session.area(area_id).state == "agreed"
        ]

        def decide(choice: str | None) -> None:
            if choice not in ("new", "replace"):
                return
            replace = choice == "replace"
            reopen = tuple(a for a in plan.areas_changed(replace=replace) if a in agreed)
            edit = ImportFigures(read=read, replace=replace, reopen=reopen)
            applied = screen.apply(edit)
            if applied is None:
                return
            self.imported()
            said = plan.summary() if choice == "replace" else _kept_summary(plan)
            reopened = [a for a in reopen if screen.session.area(a).state == "in-progress"]
            if reopened:
                numbers = and_joined([framework.area(a).number for a in reopened])
                said += f" {numbers} reopened: to be agreed again."
            screen.notify(
                f"Imported from {read.path.name}. {said} Ctrl+Z takes it back.",
                title="Import figures",
                timeout=8,
                markup=False,
            )

        titles = [framework.area(a).label for a in agreed]
        screen.app.push_screen(ImportPlanDialog(plan, titles), decide)


def _kept_summary(plan: ImportPlan) -> str:
    """What an import that kept the session's figures did, in a sentence."""
    count = len(plan.added)
    text = f"Added {count:,} figure{'s' if count != 1 else ''}"
    if plan.new_measures:
        measures = len(plan.new_measures)
        text += f" ({measures} new measure{'s' if measures != 1 else ''})"
    if plan.replaces:
        text += f"; kept the session's {plan.replaces} that differ"
    return text + "."
