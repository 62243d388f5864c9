"""The app's parts, each alone, without Pilot: saving, the pacing clock, places, file names.

Time is a fake clock here: timers fire when the test moves the clock on, so "a save at least
every two seconds while typing" is counted, never waited for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmark_tui.edits import SetText
from benchmark_tui.errors import OutsideChange
from benchmark_tui.models import Framework, Session
from benchmark_tui.store import save_session
from benchmark_tui.tui.file_actions import copy_name
from benchmark_tui.tui.navigation import checked_place, neighbour, workshop_order
from benchmark_tui.tui.pacing import FLUSH_SECONDS, PaceClock
from benchmark_tui.tui.saving import Notice, SaveDelays, Saving
from benchmark_tui.workshop import OpenSession, PendingSave

NOON = datetime(2026, 3, 12, 12, 0)


@dataclass
class FakeTimer:
    due: float
    callback: Callable[[], object]
    stopped: bool = False

    def stop(self) -> None:
        self.stopped = True


@dataclass
class FakeTime:
    """A monotonic clock and timers that fire only when the test moves the clock on."""

    now: float = 0.0
    timers: list[FakeTimer] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def set_timer(self, delay: float, callback: Callable[[], object]) -> FakeTimer:
        timer = FakeTimer(self.now + delay, callback)
        self.timers.append(timer)
        return timer

    def advance(self, seconds: float) -> None:
        end = self.now + seconds
        while True:
            due = [t for t in self.timers if not t.stopped and t.due <= end]
            if not due:
                break
            timer = min(due, key=lambda t: t.due)
            self.now = timer.due
            timer.stopped = True
            timer.callback()
        self.now = end


@dataclass
class Harness:
    opened: OpenSession
    time: FakeTime
    saving: Saving
    said: list[Notice]
    asked: list[OutsideChange]
    writes: list[int]


@pytest.fixture
def harness(session: Session, tmp_path: Path) -> Iterator[Harness]:
    path = save_session(session, tmp_path / "s.yaml")
    opened = OpenSession.open(path, session_framework(session))
    time = FakeTime()
    said: list[Notice] = []
    asked: list[OutsideChange] = []
    writes: list[int] = []
    saving: Saving

    def write_now(target: OpenSession, pending: PendingSave) -> None:
        # The app runs this in a thread worker; here it runs at once.
        try:
            written = Saving.write(target, pending)
        except OutsideChange as err:
            saving.finished(None, err)
            return
        if written is not None:
            writes.append(written.sequence)
        saving.finished(written, None)

    saving = Saving(
        opened=lambda: opened,
        timers=time,
        write_in_background=write_now,
        say=said.append,
        outside_change=asked.append,
        clock=lambda: NOON,
        delays=SaveDelays(),
    )
    yield Harness(opened, time, saving, said, asked, writes)
    opened.close()


def session_framework(session: Session) -> Framework:
    from benchmark_tui.store import load_framework

    return load_framework()


def type_a_key(h: Harness, text: str) -> None:
    h.opened.apply(SetText(item="outcomes", field="notes", text=text), now=h.time.now)
    h.saving.after_edit(typing=True)


# -- saving -----------------------------------------------------------------------------------


def test_a_pause_in_typing_saves_once_after_the_debounce(harness):
    for n in range(5):
        type_a_key(harness, "Up" + "!" * n)
        harness.time.advance(0.1)
    assert harness.writes == []
    assert harness.saving.status.value.label == "editing…"
    harness.time.advance(SaveDelays().text)
    assert len(harness.writes) == 1
    assert harness.saving.status.value.label == "saved 12:00"
    assert harness.saving.is_settled


def test_steady_typing_for_a_minute_is_saved_at_least_every_two_seconds(harness):
    """Issue 25 item 1: keys 0.2 s apart never let the debounce run out; the ceiling saves."""
    text = ""
    for _ in range(300):  # a minute of steady typing
        text += "a"
        type_a_key(harness, text)
        harness.time.advance(0.2)
    ceiling = SaveDelays().ceiling
    # A save starts at most the ceiling after the first key it saves: every 2.2 s here.
    assert len(harness.writes) >= 60 // (ceiling + 0.2)
    assert harness.opened.file.read() is not None
    on_disk = harness.opened.file.read() or b""
    # What is on disk is at most the ceiling behind what was typed.
    assert ("a" * (len(text) - int(ceiling / 0.2) - 1)).encode() in on_disk


def test_without_the_ceiling_steady_typing_would_never_save(harness):
    """The test above can fail: with no ceiling to speak of, nothing is written."""
    harness.saving.delays = SaveDelays(ceiling=3600)
    for n in range(300):
        type_a_key(harness, "a" * (n + 1))
        harness.time.advance(0.2)
    assert harness.writes == []


def test_a_quiet_save_leaves_the_indicator_alone_and_waits_for_the_moves_to_stop(harness):
    """Moving around quickly is not worth a write per two seconds (navigation stays fast)."""
    harness.saving.show("saved", "saved 11:59")
    for n in range(20):
        item = ["outcomes", "leadership"][n % 2]
        harness.opened.move_to(harness.opened.session.position.model_copy(update={"item": item}))
        harness.saving.request(1.0, quiet=True)
        harness.time.advance(0.5)
    assert harness.writes == []
    assert harness.saving.status.value.label == "saved 11:59"
    harness.time.advance(1.0)
    assert len(harness.writes) == 1


def test_a_file_changed_outside_stops_saving_and_asks_once(harness):
    harness.opened.path.write_text(
        harness.opened.path.read_text(encoding="utf-8") + "\n# theirs\n", encoding="utf-8"
    )
    type_a_key(harness, "Up")
    harness.time.advance(5)
    assert harness.saving.status.value.label == "NOT SAVED"
    assert [change.kind for change in harness.asked] == ["changed"]
    assert harness.writes == []


def test_flush_writes_at_once_and_stops_the_timers(harness):
    type_a_key(harness, "Up")
    assert harness.saving.flush()
    assert b"Up" in (harness.opened.file.read() or b"")
    harness.time.advance(10)
    assert harness.writes == []  # nothing left to write after the flush


# -- the pacing clock ------------------------------------------------------------------------


def test_the_clock_counts_the_item_on_screen_and_flushes_every_minute_whatever_is_typed(harness):
    on_screen: list[str | None] = ["outcomes"]
    quiet_saves: list[float] = []
    clock = PaceClock(
        opened=lambda: harness.opened,
        framework=lambda: harness.opened.framework,
        monotonic=harness.time,
        clock=lambda: NOON,
        item_on_screen=lambda: on_screen[0],
        on_overview=lambda: False,
        save_soon=quiet_saves.append,
        say=harness.said.append,
    )
    clock.tick()
    for second in range(1, 130):
        type_a_key(harness, "a" * second)  # keys do not hold the clock's flush back
        harness.time.advance(1)
        clock.tick()
    assert harness.opened.session.time_spent["outcomes"] >= 2 * FLUSH_SECONDS - 1
    assert len(quiet_saves) == 2
    assert clock.status.value.label.startswith("2:")
    on_screen[0] = None
    clock.tick()
    assert harness.opened.session.time_spent["outcomes"] >= 129


def test_pausing_the_clock_saves_at_once_and_says_so(harness):
    saves: list[float] = []
    clock = PaceClock(
        opened=lambda: harness.opened,
        framework=lambda: harness.opened.framework,
        monotonic=harness.time,
        clock=lambda: NOON,
        item_on_screen=lambda: "outcomes",
        on_overview=lambda: False,
        save_soon=saves.append,
        say=harness.said.append,
    )
    clock.tick()
    harness.time.advance(30)
    clock.toggle_pause()
    assert clock.paused and saves == [0]
    assert clock.status.value == clock.status.value.__class__("paused", "paused 0:30 / 26:00")
    assert harness.said[-1].message == "Clock paused: ctrl+b resumes it."


# -- places ------------------------------------------------------------------------------------


def test_the_workshop_goes_briefing_items_overview_plan(framework):
    order = workshop_order(framework)
    assert order[0] == ("briefing", None)
    assert order[1] == ("area", framework.areas[0].id)
    assert order[-2:] == [("overview", None), ("plan", None)]
    assert len(order) == 1 + len(framework.item_ids) + 2


def test_going_back_into_an_item_shows_its_last_step(framework):
    first_characteristic = framework.items[0].id
    last_area = framework.areas[-1].id
    assert neighbour(framework, "characteristic", first_characteristic, -1) == (
        "area",
        last_area,
        "findings",
    )
    assert neighbour(framework, "area", last_area, 1) == (
        "characteristic",
        first_characteristic,
        None,
    )
    assert neighbour(framework, "plan", None, 1) is None


def test_an_unknown_item_or_step_is_put_right(framework):
    assert checked_place(framework, "characteristic", "no-such", "matrix") == (
        "briefing",
        None,
        None,
    )
    assert checked_place(framework, "characteristic", "leadership", "measures") == (
        "characteristic",
        "leadership",
        "understand",
    )
    assert checked_place(framework, "overview", "leadership", "matrix") == ("overview", None, None)


def test_a_copy_is_named_beside_the_session_or_in_the_sessions_folder(tmp_path):
    base = tmp_path / "s.yaml"
    assert copy_name(base, True, tmp_path / "sessions") == tmp_path / "s-copy.yaml"
    (tmp_path / "s-copy.yaml").write_text("", encoding="utf-8")
    assert copy_name(base, True, tmp_path / "sessions") == tmp_path / "s-copy-2.yaml"
    assert copy_name(base, False, tmp_path / "sessions") == tmp_path / "sessions" / "s-copy.yaml"


@pytest.mark.parametrize(
    ("updated", "label"),
    [
        (datetime(2026, 3, 12, 9, 30, tzinfo=UTC), "last saved 09:30"),
        (datetime(2026, 3, 5, 16, 40, tzinfo=UTC), "last saved 5 Mar"),
        (datetime(2025, 3, 13, 16, 40, tzinfo=UTC), "last saved 13 Mar 2025"),
    ],
)
def test_opening_says_when_the_file_was_last_saved_not_that_it_was_saved_now(
    session: Session, tmp_path: Path, updated: datetime, label: str
):
    """Nothing is written on opening: the indicator says when the session last changed."""
    session.updated = updated
    opened = OpenSession.open(
        save_session(session, tmp_path / "s.yaml"), session_framework(session)
    )
    saving = Saving(
        opened=lambda: opened,
        timers=FakeTime(),
        write_in_background=lambda _o, _p: None,
        say=lambda _n: None,
        outside_change=lambda _c: None,
        clock=lambda: NOON,
    )
    try:
        saving.opened_now(opened)
        assert (saving.state, saving.status.value.label) == ("saved", label)
    finally:
        opened.close()


def test_a_quiet_save_once_written_still_leaves_the_indicator_alone(harness):
    """Moving writes the position, not the team's work: "last saved …" stays true."""
    harness.saving.show("saved", "last saved 5 Mar")
    harness.opened.move_to(
        harness.opened.session.position.model_copy(update={"item": "leadership"})
    )
    harness.saving.request(1.0, quiet=True)
    harness.time.advance(1.0)
    assert len(harness.writes) == 1
    assert harness.saving.status.value.label == "last saved 5 Mar"
    type_a_key(harness, "Up")  # an edit: its save says so
    harness.time.advance(SaveDelays().text)
    assert harness.saving.status.value.label == "saved 12:00"
