"""Provides pacing and the parking lot as an app part: the clock, its pause key, parking a point.

The clock runs for the results area or characteristic on screen (a dialog over it, such as a
rating round, counts for it too), only while the app is open. What it counts goes into the
session when the team moves to another item, pauses, or about once a minute
(:meth:`~benchmark_tui.workshop.OpenSession.record_time`: no undo step, no version), so a crash
loses a minute at most. The header shows ``12:30 / 20:00`` (or ``paused …``); when the budget
is used up a gentle notice says so, once per item, and nothing is blocked.

The clock reads :attr:`Pacing.monotonic`, which tests replace with a fake clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen

from benchmark_tui.edits import ParkPoint
from benchmark_tui.models import Step, Stopwatch, clock_label, project_finish
from benchmark_tui.tui.host import OpenSessionHost

FLUSH_SECONDS = 60.0
"""The time counted goes into the session (and the file) at least this often."""
TIME_SAVE_DELAY = 1.0
"""The time spent is written this long after it went into the session (a quiet save)."""

PACING_BINDINGS = [
    Binding("ctrl+b", "pause_clock", "Pause", priority=True, tooltip="Pause the clock for a break"),
    Binding("ctrl+b", "resume_clock", "Resume", priority=True, tooltip="Start the clock again"),
    Binding("ctrl+b", "pause_clock_here", "Pause", priority=True, show=False),
    Binding("ctrl+l", "park", "Park", priority=True, tooltip="Park a point for later"),
    Binding("ctrl+l", "park_here", "Park", priority=True, show=False),
]
"""The clock's pause key and the parking lot's key, working in text boxes too. The key bar
shows them on the items (where the clock runs); elsewhere (overview, briefing, plan) they
work unlisted, so the overview's keys still fit on two lines at 80 columns."""
PACING_ACTIONS = {"pause_clock", "resume_clock", "pause_clock_here", "park", "park_here"}


class Pacing(OpenSessionHost):
    """Times the item on screen against its budget; parks points for later."""

    pace_label: reactive[str] = reactive("")
    """What the clock in the header says (``12:30 / 20:00``, ``paused 12:30 / 20:00``)."""
    pace_state: str = ""
    """"running", "paused" or "over" (the budget is used up), for the header's style."""
    monotonic: Callable[[], float] = time.monotonic
    """Seconds from a monotonic clock (tests replace it with a fake clock)."""

    _stopwatch: Stopwatch | None = None
    _pace_timer: Any = None
    _last_flush: float = 0.0
    _under: set[str]
    _noticed: set[str]

    # -- following the screen ---------------------------------------------------------------------

    @property
    def stopwatch(self) -> Stopwatch:
        """The clock's state (created on first use)."""
        if self._stopwatch is None:
            self._stopwatch = Stopwatch()
            self._under, self._noticed = set(), set()
        return self._stopwatch

    def goto(
        self,
        place: Any,
        item: str | None = None,
        step: Step | None = None,
        *,
        remember: bool = True,
    ) -> None:
        # What was counted belongs to the item on screen before the move (and the overview
        # shows it at once).
        self.take_time()
        super().goto(place, item, step, remember=remember)
        self.tick_clock()
        if self._pace_timer is None:
            self._pace_timer = self.set_interval(1.0, self.tick_clock)

    def _forget_screens(self) -> None:
        # The session is closing (its time was taken by the save before): start afresh.
        self._stopwatch = None
        super()._forget_screens()  # type: ignore[misc]

    def flush_save(self) -> bool:
        self.take_time(save=False)
        return super().flush_save()

    def item_on_screen(self) -> str | None:
        """The results area or characteristic the team is on (beneath any dialog), if any."""
        from benchmark_tui.tui.screens.base import SteppedScreen

        if self.opened is None or self.read_only:
            return None
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ModalScreen):
                continue
            return screen.item_id if isinstance(screen, SteppedScreen) else None
        return None

    def tick_clock(self) -> None:
        """Look at the clock (every second): count, show, notice, and now and then save."""
        if not self.screen_stack:  # starting or quitting: nothing on screen to time
            return
        watch = self.stopwatch
        now = self.monotonic()
        watch.look(now)
        item = self.item_on_screen()
        if item != watch.item:
            self.take_time()
            watch.follow(item, now)
        elif now - self._last_flush >= FLUSH_SECONDS:
            self.take_time()
        self._show_clock()

    def take_time(self, *, save: bool = True) -> None:
        """Move the time counted into the session (and save it soon, quietly)."""
        watch = self.stopwatch
        watch.look(self.monotonic())
        self._last_flush = self.monotonic()
        seconds = watch.take()
        if self.opened is None or watch.item is None or not seconds:
            return
        self.opened.record_time(watch.item, seconds)
        if save:
            self.request_save(delay=TIME_SAVE_DELAY, quiet=True)

    # -- what the header says ---------------------------------------------------------------

    def time_on(self, item_id: str) -> tuple[int, int]:
        """(seconds spent, seconds budgeted) on an item, counting what is not yet taken."""
        session, framework = self.session, self.framework
        if session is None or framework is None:
            return 0, 0
        budgets = session.agenda.spread(framework.item_ids, len(session.workshop.dates))
        spent = session.time_spent.get(item_id, 0)
        if self.stopwatch.item == item_id:
            spent += int(self.stopwatch.pending)
        return spent, budgets.get(item_id, 0) * 60

    def _show_clock(self) -> None:
        watch = self.stopwatch
        item = watch.item
        if item is None:
            finish = self.finish_label()
            if watch.paused and self.opened is not None:
                self._set_pace(f"paused · {finish}" if finish else "clock paused", "paused")
            else:
                self._set_pace(finish, "running" if finish else "")
            return
        spent, budget = self.time_on(item)
        label = f"{clock_label(spent)} / {clock_label(budget)}"
        over = spent >= budget
        if not over:
            self._under.add(item)
        elif item in self._under and item not in self._noticed and not watch.paused:
            self._noticed.add(item)
            assert self.framework is not None
            title = self.framework.item(item).title
            self.notify(
                f"The {budget // 60} minutes budgeted for {title} are up. Carry on if the "
                "team needs to, or park what can wait (ctrl+l).",
                title="Time",
                timeout=10,
                markup=False,
            )
        if watch.paused:
            self._set_pace(f"paused {label}", "paused")
        else:
            self._set_pace(label, "over" if over else "running")

    def finish_label(self) -> str:
        """On the overview: ``finish 16:10, day 1`` (when the items will be done at this pace)."""
        session, framework = self.session, self.framework
        top = self.screen_stack[-1] if self.screen_stack else None
        if session is None or framework is None or getattr(top, "place", "") != "overview":
            return ""
        budgets = session.agenda.spread(framework.item_ids, len(session.workshop.dates))
        done = {i for i in framework.item_ids if session.state_of(i) == "agreed"}
        if len(done) == len(framework.item_ids):
            return ""
        projection = project_finish(
            session.agenda, session.workshop.dates, budgets, session.time_spent, done, self.clock()
        )
        return projection.label.replace("Projected finish: ", "finish ")

    def _set_pace(self, label: str, state: str) -> None:
        changed = state != self.pace_state
        self.pace_state = state
        if self.pace_label == label and changed:
            self.mutate_reactive(Pacing.pace_label)
        else:
            self.pace_label = label

    # -- keys ----------------------------------------------------------------------------------

    def check_pacing(self, action: str) -> bool:
        """Whether a pacing key works here (the listed one on the items, the unlisted twin
        elsewhere in an open session)."""
        if self.opened is None or self.read_only or not self.screen_stack:
            return False
        if isinstance(self.screen, ModalScreen):
            return False
        listed = self.item_on_screen() is not None
        if action in ("pause_clock", "resume_clock"):
            # One ctrl+b, named for what it does now.
            return listed and self.stopwatch.paused == (action == "resume_clock")
        return listed != action.endswith("_here")

    def action_pause_clock(self) -> None:
        """Pause the clock for a break, or resume it."""
        watch = self.stopwatch
        self.take_time()
        if self.opened is not None:
            self.request_save(quiet=True)  # at once: the room may be away for an hour
        watch.paused = not watch.paused
        watch.look(self.monotonic())
        self._show_clock()
        self.refresh_bindings()
        said = "Clock paused: ctrl+b resumes it." if watch.paused else "Clock running again."
        self.notify(said, title="Time", timeout=3, markup=False)

    def action_resume_clock(self) -> None:
        """Start the clock again after a break."""
        self.action_pause_clock()

    def action_pause_clock_here(self) -> None:
        """Pause or resume the clock (on screens without items)."""
        self.action_pause_clock()

    def action_park(self) -> None:
        """Park a point that is off-topic for now, tagged with the item on screen."""
        from benchmark_tui.tui.screens.parking import ParkDialog

        session, framework = self.session, self.framework
        if session is None or framework is None or self.read_only:
            return
        item = self.item_on_screen()
        where = framework.item(item).label if item else None

        def park(text: str | None) -> None:
            if not text or self.session is None:
                return
            if self.apply_edit(ParkPoint(text=text, raised_on=item)) is None:
                return
            from benchmark_tui.tui.screens.overview import OverviewScreen

            screen = self.screen
            if isinstance(screen, OverviewScreen):
                screen.load(self.session, came_from=screen.came_from)
            count = len(self.session.parking_lot.open_points)
            self.notify(
                f"Parked ({count} in the parking lot; l on the overview lists them).",
                title="Parking lot",
                timeout=4,
                markup=False,
            )

        self.push_screen(ParkDialog(where), park)

    def action_park_here(self) -> None:
        """Park a point (on screens without items)."""
        self.action_park()
