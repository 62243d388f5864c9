"""Provides the yearly cycle in the app: next year's session, last time beside this time, compare.

The previous self-assessment of the open session is read once, when the session is opened
(:meth:`YearlyCycle.load_last_time`), and handed to the screens as :attr:`last_time`; a
previous file that cannot be read (moved, changed) is said once, calmly, naming it, and the
screens then simply show nothing from last time.
"""

from __future__ import annotations

from pathlib import Path

from benchmark_tui.cycle import load_previous, start_next_file
from benchmark_tui.errors import BenchmarkError
from benchmark_tui.last_time import LastTime
from benchmark_tui.tui.host import OpenSessionHost
from benchmark_tui.tui.messages import CompareSessions, ReviewLastPlan, StartNextYear
from benchmark_tui.workshop import OpenSession


class YearlyCycle(OpenSessionHost):
    """Starts next year's session, reads last year's for the screens, opens the comparison."""

    last_time: LastTime | None = None
    """The previous self-assessment of the open session, if it has one that could be read."""

    def open_session(self, path: Path) -> bool:
        """Open a session file (the app)."""
        raise NotImplementedError

    def load_last_time(self, opened: OpenSession) -> None:
        """Read the previous self-assessment of a session just opened (once per session)."""
        self.last_time = None
        session = opened.session
        if session.previous is None or self.framework is None:
            return
        try:
            self.last_time = LastTime(load_previous(session, opened.path, self.framework))
        except BenchmarkError as err:
            self.notify(
                f"{err.message}\n\nThe screens show nothing from last time.",
                title=err.title,
                severity="warning",
                timeout=15,
                markup=False,
            )

    def on_start_next_year(self, message: StartNextYear) -> None:
        """Write next year's session beside the one given, and open it."""
        if self.framework is None:
            return
        if self.opened is not None and self.opened.path.resolve() == message.path.resolve():
            self.flush_save()  # next year's starts from what is on screen
        try:
            path, notices = start_next_file(message.path, self.framework, today=self.clock().date())
        except BenchmarkError as err:
            self.show_error(err)
            return
        if not self.open_session(path):
            return
        self.notify(
            "\n".join(
                [
                    f"Started from {message.path.name}: the service, the team, the measures "
                    "and the approaches (each marked from last time) are carried forward.",
                    f"Saved as {path.name}.",
                    *notices,
                ]
            ),
            title="Next year's self-assessment",
            timeout=10,
            markup=False,
        )

    def on_compare_sessions(self, message: CompareSessions) -> None:
        """Read the sessions given and show them side by side (or over time)."""
        from benchmark_tui.compare import compare_sessions, load_sessions
        from benchmark_tui.tui.screens.comparison import ComparisonScreen

        if self.framework is None:
            return
        try:
            comparison = compare_sessions(
                load_sessions(message.paths, self.framework), self.framework
            )
        except BenchmarkError as err:
            self.show_error(err)
            return
        self.push_screen(ComparisonScreen(comparison))

    def on_review_last_plan(self, message: ReviewLastPlan) -> None:
        """A screen asked to review last time's plan."""
        self.action_review_plan()

    def action_review_plan(self) -> None:
        """Review what happened to each action of the previous self-assessment's plan."""
        from benchmark_tui.tui.screens.plan_review import PlanReviewScreen

        session, framework = self.session, self.framework
        if session is None or framework is None:
            return
        if self.last_time is None:
            self.notify(
                "This session does not follow on from a previous self-assessment that could "
                "be read, so there is no plan to review.",
                title="Last time's plan",
                timeout=6,
                markup=False,
            )
            return
        self.push_screen(
            PlanReviewScreen(
                framework, session, self.last_time, self.read_only, apply=self.apply_edit
            )
        )
