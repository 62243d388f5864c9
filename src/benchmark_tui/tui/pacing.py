"""Provides the pacing clock as a part of the app: it times the item on screen.

The clock runs for the results area or characteristic on screen (a dialog over it, such as a
rating round, counts for it too), only while the app is open. What it counts goes into the
session when the team moves to another item, pauses, or about once a minute
(:meth:`~benchmark_tui.workshop.OpenSession.record_time`: no undo step, no version), so a crash
loses a minute at most. The header shows ``12:30 / 20:00`` (or ``paused …``); when the budget
is used up a gentle notice says so, once per item, and nothing is blocked.

:class:`PaceClock` is a plain class: the app hands it the clocks, what is on screen and where
to save, so it is tested with a fake clock and no Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.binding import Binding

from benchmark_tui.models import Framework, Stopwatch, clock_label, project_finish
from benchmark_tui.tui.saving import Notice
from benchmark_tui.tui.status import Observable, PaceState, Shown
from benchmark_tui.workshop import OpenSession

FLUSH_SECONDS = 60.0
"""The time counted goes into the session (and the file) at least this often."""

PACING_BINDINGS = [
    Binding(
        "ctrl+b",
        "pause_clock",
        "Pause",
        priority=True,
        tooltip="Pause the clock for a break",
        id="app.pause-clock",
    ),
    Binding(
        "ctrl+b",
        "resume_clock",
        "Resume",
        priority=True,
        tooltip="Start the clock again",
        id="app.resume-clock",
    ),
    Binding(
        "ctrl+b", "pause_clock_here", "Pause", priority=True, show=False, id="app.pause-clock-here"
    ),
    Binding(
        "ctrl+l", "park", "Park", priority=True, tooltip="Park a point for later", id="app.park"
    ),
    Binding("ctrl+l", "park_here", "Park", priority=True, show=False, id="app.park-here"),
]
"""The clock's pause key and the parking lot's key, working in text boxes too. The key bar
shows them on the items (where the clock runs); elsewhere (overview, briefing, plan) they
work unlisted, so the overview's keys still fit on two lines at 80 columns."""
PACING_ACTIONS = {"pause_clock", "resume_clock", "pause_clock_here", "park", "park_here"}


class PaceClock:
    """Times the item on screen against its budget, and says so in the header.

    Args:
        opened: the open session now (None on the sessions list).
        framework: the framework (None if it could not be read).
        monotonic: seconds from a monotonic clock (a fake one in tests).
        clock: local time, for the projected finish.
        item_on_screen: the results area or characteristic the team is on, if any.
        on_overview: whether the overview is on screen (it shows the projected finish).
        save_soon: asks for a quiet save after ``delay`` seconds (0: now).
        say: shows a notice to the room.
    """

    def __init__(
        self,
        *,
        opened: Callable[[], OpenSession | None],
        framework: Callable[[], Framework | None],
        monotonic: Callable[[], float],
        clock: Callable[[], datetime],
        item_on_screen: Callable[[], str | None],
        on_overview: Callable[[], bool],
        save_soon: Callable[[float], None],
        say: Callable[[Notice], None],
        time_save_delay: float = 1.0,
    ) -> None:
        self._opened = opened
        self._framework = framework
        self._monotonic = monotonic
        self._clock = clock
        self._item_on_screen = item_on_screen
        self._on_overview = on_overview
        self._save_soon = save_soon
        self._say = say
        self._time_save_delay = time_save_delay
        self.status: Observable[Shown[PaceState]] = Observable(Shown("", ""))
        """What the clock in the header says (``12:30 / 20:00``, ``paused 12:30 / 20:00``)."""
        self.stopwatch = Stopwatch()
        self._last_flush = 0.0
        self._under: set[str] = set()
        self._noticed: set[str] = set()

    def restart(self) -> None:
        """A session closed: start afresh (its time was taken by the save before)."""
        self.stopwatch = Stopwatch()
        self._under, self._noticed = set(), set()

    def tick(self) -> None:
        """Look at the clock (every second, and after each move): count, show, notice, and
        now and then put the time into the session."""
        watch = self.stopwatch
        now = self._monotonic()
        watch.look(now)
        item = self._item_on_screen()
        if item != watch.item:
            self.take_time()
            watch.follow(item, now)
        elif now - self._last_flush >= FLUSH_SECONDS:
            self.take_time()
        self._show()

    def take_time(self, *, save: bool = True) -> None:
        """Move the time counted into the session (and save it soon, quietly)."""
        watch = self.stopwatch
        now = self._monotonic()
        watch.look(now)
        self._last_flush = now
        seconds = watch.take()
        opened = self._opened()
        if opened is None or opened.read_only or watch.item is None or not seconds:
            return
        opened.record_time(watch.item, seconds)
        if save:
            self._save_soon(self._time_save_delay)

    def toggle_pause(self) -> None:
        """Pause the clock for a break, or start it again (the time so far is saved at once:
        the room may be away for an hour)."""
        watch = self.stopwatch
        self.take_time(save=False)
        if self._opened() is not None:
            self._save_soon(0)
        watch.paused = not watch.paused
        watch.look(self._monotonic())
        self._show()
        said = "Clock paused: ctrl+b resumes it." if watch.paused else "Clock running again."
        self._say(Notice(said, title="Time", timeout=3))

    @property
    def paused(self) -> bool:
        """Whether the clock is paused."""
        return self.stopwatch.paused

    def time_on(self, item_id: str) -> tuple[int, int]:
        """(seconds spent, seconds budgeted) on an item, counting what is not yet taken."""
        opened, framework = self._opened(), self._framework()
        if opened is None or framework is None:
            return 0, 0
        session = opened.session
        budgets = session.agenda.spread(framework.item_ids, len(session.workshop.dates))
        spent = session.time_spent.get(item_id, 0)
        if self.stopwatch.item == item_id:
            spent += int(self.stopwatch.pending)
        return spent, budgets.get(item_id, 0) * 60

    def _show(self) -> None:
        watch = self.stopwatch
        item = watch.item
        if item is None:
            finish = self.finish_label()
            if watch.paused and self._opened() is not None:
                self.status.set(Shown("paused", f"paused · {finish}" if finish else "clock paused"))
            else:
                self.status.set(Shown("running" if finish else "", finish))
            return
        spent, budget = self.time_on(item)
        label = f"{clock_label(spent)} / {clock_label(budget)}"
        over = spent >= budget
        if not over:
            self._under.add(item)
        elif item in self._under and item not in self._noticed and not watch.paused:
            self._noticed.add(item)
            framework = self._framework()
            title = framework.item(item).title if framework is not None else item
            self._say(
                Notice(
                    f"The {budget // 60} minutes budgeted for {title} are up. Carry on if the "
                    "team needs to, or park what can wait (ctrl+l).",
                    title="Time",
                    timeout=10,
                )
            )
        if watch.paused:
            self.status.set(Shown("paused", f"paused {label}"))
        else:
            self.status.set(Shown("over" if over else "running", label))

    def finish_label(self) -> str:
        """On the overview: ``finish 16:10, day 1`` (when the items will be done at this pace)."""
        opened, framework = self._opened(), self._framework()
        if opened is None or framework is None or not self._on_overview():
            return ""
        session = opened.session
        budgets = session.agenda.spread(framework.item_ids, len(session.workshop.dates))
        done = {i for i in framework.item_ids if session.state_of(i) == "agreed"}
        if len(done) == len(framework.item_ids):
            return ""
        projection = project_finish(
            session.agenda, session.workshop.dates, budgets, session.time_spent, done, self._clock()
        )
        return projection.label.replace("Projected finish: ", "finish ")
