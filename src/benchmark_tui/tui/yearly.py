"""Provides the yearly cycle in the app: next year's session, last time beside this time, compare.

The previous self-assessment of the open session is read once, when the session is opened
(:meth:`Yearly.load_last_time`), and handed to the screens as :attr:`last_time`; a
previous file that cannot be read (moved, changed) is said once, calmly, naming it, and the
screens then simply show nothing from last time.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark_tui.cycle import load_previous, next_file_path, start_next_file
from benchmark_tui.errors import BenchmarkError
from benchmark_tui.last_time import LastTime
from benchmark_tui.store import read_session
from benchmark_tui.workshop import OpenSession

if TYPE_CHECKING:
    from benchmark_tui.tui.app import BenchmarkApp


class Yearly:
    """Starts next year's session, reads last year's for the screens, opens the comparison."""

    def __init__(self, app: BenchmarkApp) -> None:
        self.app = app
        self.last_time: LastTime | None = None
        """The previous self-assessment of the open session, if it has one that could be
        read."""

    def load_last_time(self, opened: OpenSession) -> None:
        """Read the previous self-assessment of a session just opened (once per session)."""
        self.last_time = None
        session = opened.session
        if session.previous is None or self.app.framework is None:
            return
        try:
            self.last_time = LastTime(load_previous(session, opened.path, self.app.framework))
        except BenchmarkError as err:
            self.app.notify(
                f"{err.message}\n\nThe screens show nothing from last time.",
                title=err.title,
                severity="warning",
                timeout=15,
                markup=False,
            )

    def start_next_year(self, source: Path) -> None:
        """Ask next year's workshop date and file name, then write the session beside the one
        given, and open it."""
        from benchmark_tui.tui.screens.next_year import NextYear, NextYearDialog

        framework = self.app.framework
        if framework is None:
            return
        if self.app.opened is not None and self.app.opened.path.resolve() == source.resolve():
            self.app.flush_save()  # next year's starts from what is on screen
        try:
            previous = read_session(source, framework).session
        except BenchmarkError as err:
            self.app.show_error(err)
            return

        def name_for(day: date) -> str:
            return next_file_path(source, previous, framework, day).name

        def start(chosen: NextYear | None) -> None:
            if chosen is not None:
                self._write_next_year(source, chosen.day, source.parent / chosen.name)

        today = self.app.clock().date()
        self.app.push_screen(NextYearDialog(source.name, today, name_for), start)

    def _write_next_year(self, source: Path, day: date, target: Path) -> None:
        """Write next year's session as chosen, and open it."""
        if self.app.framework is None:
            return
        try:
            path, notices = start_next_file(source, self.app.framework, target, today=day)
        except BenchmarkError as err:
            self.app.show_error(err)
            return
        if not self.app.open_session(path):
            return
        self.app.notify(
            "\n".join(
                [
                    f"Started from {source.name}: the service, the team, the measures "
                    "and the approaches (each marked from last time) are carried forward.",
                    f"Saved as {path.name}.",
                    *notices,
                ]
            ),
            title="Next year's self-assessment",
            timeout=10,
            markup=False,
        )

    def compare(self, paths: list[Path]) -> None:
        """Read the sessions given and show them side by side (or over time)."""
        from benchmark_tui.compare import compare_sessions, load_sessions
        from benchmark_tui.tui.screens.comparison import ComparisonScreen

        if self.app.framework is None:
            return
        try:
            comparison = compare_sessions(
                load_sessions(paths, self.app.framework), self.app.framework
            )
        except BenchmarkError as err:
            self.app.show_error(err)
            return
        self.app.push_screen(ComparisonScreen(comparison))

    def review_plan(self) -> None:
        """Review what happened to each action of the previous self-assessment's plan."""
        from benchmark_tui.tui.screens.plan_review import PlanReviewScreen

        session, framework = self.app.session, self.app.framework
        if session is None or framework is None:
            return
        if self.last_time is None:
            self.app.notify(
                "This session does not follow on from a previous self-assessment that could "
                "be read, so there is no plan to review.",
                title="Last time's plan",
                timeout=6,
                markup=False,
            )
            return
        self.app.push_screen(
            PlanReviewScreen(
                framework, session, self.last_time, self.app.read_only, apply=self.app.apply_edit
            )
        )
