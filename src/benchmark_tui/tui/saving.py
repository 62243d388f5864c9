"""Provides autosave: when the open session is written, and what the save indicator says.

:class:`Saving` is a plain part of the app. It decides *when* to write (the open session,
:class:`~benchmark_tui.workshop.OpenSession`, decides *how*): a change is written shortly after
the last key (the debounce), and, however steadily the team types, never later than the
ceiling after the first change not yet written, so a crash loses at most that. Writing happens
off the UI thread (the app runs :meth:`Saving.write` in a thread worker and hands the outcome
back to :meth:`Saving.finished`).

Everything it needs from the app comes in through its constructor, so it is tested with fake
timers and a fake clock, without Textual.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from benchmark_tui.crash import write_crash_log
from benchmark_tui.errors import BenchmarkError, OutsideChange, SaveError
from benchmark_tui.tui.status import Observable, SaveState, Shown
from benchmark_tui.workshop import OpenSession, PendingSave

TEXT_SAVE_DELAY = 0.4
"""Text edits are saved this long after the last key, so typing never waits for the disk."""
SAVE_CEILING = 2.0
"""While anything is unsaved, a save starts at least this long after the first change not yet
written, however steadily the team types (a crash loses at most about this much)."""
POSITION_SAVE_DELAY = 1.0
"""Where the team is, is saved this long after the last move (and always on quit)."""
TIME_SAVE_DELAY = 1.0
"""The time spent is written this long after it went into the session (a quiet save)."""


@dataclass(frozen=True)
class SaveDelays:
    """How long autosave waits (tests pass tiny ones, or drive fake timers)."""

    text: float = TEXT_SAVE_DELAY
    ceiling: float = SAVE_CEILING
    position: float = POSITION_SAVE_DELAY
    time: float = TIME_SAVE_DELAY


class Stoppable(Protocol):
    """A timer that can be stopped (Textual's :class:`~textual.timer.Timer` is one)."""

    def stop(self) -> None:
        """Stop the timer; its callback is not called."""


class Timers(Protocol):
    """Something that calls back after a delay (the app: :meth:`textual.app.App.set_timer`)."""

    def set_timer(self, delay: float, callback: Callable[[], object]) -> Stoppable:
        """Call ``callback`` once, ``delay`` seconds from now."""
        ...


@dataclass(frozen=True)
class Notice:
    """A message for the room (the app shows it as a notification)."""

    message: str
    title: str = ""
    severity: Literal["information", "warning", "error"] = "information"
    timeout: float | None = None


class Saving:
    """Saves the open session soon after each change, off the UI thread, and says how it went.

    Args:
        opened: the open session now (None on the sessions list).
        timers: where timers come from (the app).
        write_in_background: starts :meth:`write` of a prepared save in a thread worker.
        say: shows a notice to the room.
        outside_change: asks the team what to do about a file changed outside.
        clock: local time, for "saved 14:02".
        delays: how long to wait before writing.
    """

    def __init__(
        self,
        *,
        opened: Callable[[], OpenSession | None],
        timers: Timers,
        write_in_background: Callable[[OpenSession, PendingSave], None],
        say: Callable[[Notice], None],
        outside_change: Callable[[OutsideChange], None],
        clock: Callable[[], datetime],
        delays: SaveDelays | None = None,
    ) -> None:
        self._opened = opened
        self._timers = timers
        self._write_in_background = write_in_background
        self._say = say
        self._outside_change = outside_change
        self._clock = clock
        self.delays = delays or SaveDelays()
        self.status: Observable[Shown[SaveState]] = Observable(Shown("saved", ""))
        """What the save indicator says ("saved 14:02", "saving…", "NOT SAVED")."""
        self.last_error = ""
        """The last problem said to the room ("" once saved again)."""
        self._debounce: Stoppable | None = None
        self._ceiling: Stoppable | None = None
        self._in_flight = 0
        self._loud = False
        """Whether a save waiting to start was asked for by an edit (not only by a move)."""
        self._quiet: set[int] = set()
        """Saves of the position and the clock alone, written without touching the indicator."""
        self._settled = asyncio.Event()
        self._settled.set()

    # -- when to save ------------------------------------------------------------------------

    @property
    def state(self) -> SaveState:
        """The save indicator's state."""
        return self.status.value.state

    def request(self, delay: float = 0, *, quiet: bool = False) -> None:
        """Save now, or ``delay`` seconds after the last request (and, for an edit, never
        later than the ceiling after the first edit not yet saved).

        Args:
            delay: seconds to wait for more changes before writing (0: at once).
            quiet: for moving around and the clock, not editing: the indicator is left
                alone, and the ceiling does not apply.
        """
        opened = self._opened()
        if opened is None or opened.read_only:
            self._stop_timers()
            return
        if not quiet:
            self._loud = True
        if not delay:
            self._start_save()
            return
        self._settled.clear()
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self._timers.set_timer(delay, self._start_save)
        if quiet:
            # Where the team is and the clock's time: not worth a write while the team moves
            # on quickly (the next edit's save, or quitting, takes them along).
            return
        if self._ceiling is None:
            self._ceiling = self._timers.set_timer(self.delays.ceiling, self._start_save)
        if opened.blocked is None:
            self.show("pending", "editing…")

    def after_edit(self, *, typing: bool) -> None:
        """A change was made: save it soon (while typing) or now."""
        self.request(self.delays.text if typing else 0)

    def _stop_timers(self) -> None:
        for timer in (self._debounce, self._ceiling):
            if timer is not None:
                timer.stop()
        self._debounce = self._ceiling = None
        if not self._in_flight:
            self._settled.set()

    def _start_save(self) -> None:
        self._stop_timers()
        opened = self._opened()
        if opened is None:
            return
        if opened.blocked is not None:
            self.show("error", "NOT SAVED")
            return
        try:
            pending = opened.prepare_save()
        except SaveError as err:
            self.failed(err)
            return
        loud, self._loud = self._loud or self.state != "saved", False
        if pending is None:
            if self.state == "pending":
                self.succeeded(None)
            return
        if loud:
            self.show("pending", "saving…")
        else:  # where the team is, the clock: the indicator keeps saying when work was saved
            self._quiet.add(pending.sequence)
        self._in_flight += 1
        self._settled.clear()
        self._write_in_background(opened, pending)

    @staticmethod
    def write(opened: OpenSession, pending: PendingSave) -> PendingSave | None:
        """Write a prepared save (in a thread worker; the session serialises writes).

        Returns the save if it was written, None if a newer one was written first.

        Raises:
            SaveError: as :meth:`OpenSession.write` (OutsideChange, LockLost included).
        """
        return pending if opened.write(pending) else None

    def finished(self, written: PendingSave | None, error: BaseException | None) -> None:
        """A background write ended: with the save written (None: out of date), or an error."""
        self._in_flight = max(0, self._in_flight - 1)
        if error is not None:
            self.failed(error)
        elif written is not None:
            self.succeeded(written)
        if not self._in_flight and self._debounce is None:
            self._settled.set()

    def save_pending_now(self) -> None:
        """Start the save that is waiting for its timer, now (nothing if none is waiting)."""
        if self._debounce is not None or self._ceiling is not None:
            self._start_save()

    async def settled(self) -> None:
        """Wait until nothing is waiting to be saved and no write is under way (for tests and
        for quitting)."""
        await self._settled.wait()

    @property
    def is_settled(self) -> bool:
        """Whether nothing is waiting to be saved and no write is under way."""
        return self._settled.is_set()

    # -- saying how it went ------------------------------------------------------------------

    def succeeded(self, pending: PendingSave | None) -> None:
        """Say the session is saved (unless a newer save is still to come)."""
        opened = self._opened()
        quiet = pending is not None and pending.sequence in self._quiet
        if pending is not None:
            self._quiet.discard(pending.sequence)
        if opened is None or (pending is not None and pending.sequence < opened.latest_sequence):
            return
        if quiet and self.state == "saved" and not self.last_error:
            return
        if self.last_error:
            self._say(Notice("The session is saved again.", title="Saved"))
        self.last_error = ""
        self.show("saved", f"saved {self._clock().strftime('%H:%M')}")

    def failed(self, error: BaseException) -> None:
        """Say that the session is not saved (once per problem); ask about outside changes."""
        self.show("error", "NOT SAVED")
        if isinstance(error, OutsideChange):
            self._outside_change(error)
            return
        if isinstance(error, BenchmarkError):
            title, message = error.title, error.message
        else:  # a bug while saving: the work is in memory; say so, keep the details in a log
            opened = self._opened()
            log = write_crash_log(error, context=f"saving {opened.path if opened else None}")
            title = "Not saved"
            message = (
                "Not saved because of an unexpected problem. The team's work is kept in this "
                "window: use Save as… to keep a copy."
                + (f" Details for whoever supports this tool: {log}" if log else "")
            )
        if message != self.last_error:
            self.last_error = message
            self._say(Notice(message, title=title, severity="error", timeout=30))

    def flush(self) -> bool:
        """Save synchronously (on quit, close, Ctrl+S); True if the file is up to date."""
        opened = self._opened()
        if opened is None or opened.read_only:
            return True
        self._stop_timers()
        try:
            opened.save_now()
        except SaveError as err:
            self.failed(err)
            return False
        self.succeeded(None)
        return True

    def show(self, state: SaveState, label: str) -> None:
        """Set the save indicator."""
        self.status.set(Shown(state, label), again=True)

    def opened_now(self, opened: OpenSession) -> None:
        """A session was just opened: say when it was last saved, or that it is read-only.

        Opening writes nothing, so the indicator gives the session's own time of its last
        change ("last saved 16:40" today, "last saved 5 Mar" this year, else with the year),
        never "saved" with the time of opening.
        """
        self.last_error = ""
        if opened.read_only:
            self.show("read-only", "READ-ONLY")
        else:
            self.show("saved", last_saved_label(opened.session.updated, self._clock()))


def last_saved_label(updated: datetime, now: datetime) -> str:
    """``last saved 16:40`` (the same day as ``now``), ``last saved 5 Mar``, or with the year.

    Args:
        updated: when the session last changed (aware; shown in local time).
        now: the local time now.
    """
    local = updated.astimezone()
    if local.date() == now.date():
        return f"last saved {local:%H:%M}"
    if local.year == now.year:
        return f"last saved {local.day} {local:%b}"
    return f"last saved {local.day} {local:%b %Y}"
