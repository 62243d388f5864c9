"""The pacing clock, driven by keys with a fake clock: time runs on an item's screen only, the
pause key stops it, the budget's end is noticed once, and time spent is saved without ever
being an undo step (nor taken back by one)."""

from __future__ import annotations

from textual.widgets import Input

from benchmark_tui.models import Agenda
from benchmark_tui.store import save_session
from benchmark_tui.tui.screens.agenda import AgendaDialog

from .conftest import SMALL, reload
from .screen import screen_text
from .test_app import settle, type_text


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def spend(app, clock: FakeClock, seconds: int) -> None:
    """Let time pass on the clock, the app looking at it every minute as its timer would."""
    while seconds > 0:
        step = min(60, seconds)
        clock.now += step
        seconds -= step
        app.pacing.tick()


async def test_time_runs_on_an_item_and_not_on_the_overview(make_app, session_file, framework):
    path = session_file("characteristic", "leadership", "understand")
    clock = FakeClock()
    app = make_app(path, monotonic=clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await spend(app, clock, 150)
        assert app.pace_status.value.label == "2:30 / 26:00"
        assert "2:30 / 26:00" in screen_text(app).splitlines()[0]  # in the header
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.session.time_spent == {"leadership": 150}
        await spend(app, clock, 600)  # discussing the overview: no item's time
        await pilot.press("enter")  # back to the item under the cursor (Leadership)
        await pilot.pause()
        await spend(app, clock, 30)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert reload(path, framework).time_spent == {"leadership": 180}


async def test_the_pause_key_stops_the_clock_for_lunch(make_app, session_file, framework):
    path = session_file("area", "user-satisfaction", "measures")
    clock = FakeClock()
    app = make_app(path, monotonic=clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await spend(app, clock, 300)
        await pilot.press("ctrl+b")
        await pilot.pause()
        await app.workers.wait_for_complete()
        # Paused is saved at once: a crash over lunch loses nothing.
        assert reload(path, framework).time_spent == {"user-satisfaction": 300}
        assert app.pace_status.value.label == "paused 5:00 / 26:00"
        assert "paused 5:00 / 26:00" in screen_text(app)
        assert "^b Resume" in screen_text(app)  # the key bar says what ctrl+b does now
        await spend(app, clock, 3600)  # lunch
        assert app.pace_status.value.label == "paused 5:00 / 26:00"
        await pilot.press("ctrl+b")
        await spend(app, clock, 60)
        assert app.pace_status.value.label == "6:00 / 26:00"


async def test_the_end_of_the_budget_is_noticed_once_and_blocks_nothing(
    make_app, session_file, session, framework
):
    path = session_file("characteristic", "leadership", "approaches")
    session.agenda = Agenda(budgets={"leadership": 2})
    save_session(session, path)
    clock = FakeClock()
    app = make_app(path, monotonic=clock)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        await spend(app, clock, 100)
        assert "budgeted" not in screen_text(app)
        await spend(app, clock, 60)
        await pilot.pause()
        assert app.pace_status.value.label == "2:40 / 2:00"
        assert screen_text(app).count("The 2 minutes budgeted for") == 1
        assert "Leadership are up" in screen_text(app)
        await spend(app, clock, 300)
        await pilot.pause()
        assert screen_text(app).count("minutes budgeted for") == 1
        await type_text(pilot, "Reading groups")  # nothing is blocked: typing goes on
        await pilot.press("enter")
        await settle(pilot)
    saved = reload(path, framework).record("leadership").approaches
    assert [a.text for a in saved] == ["Reading groups"]


async def test_time_is_no_undo_step_and_undo_keeps_it(make_app, session_file, framework):
    path = session_file("characteristic", "leadership", "findings")
    clock = FakeClock()
    app = make_app(path, monotonic=clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await type_text(pilot, "Clear vision\n")
        await settle(pilot)
        await spend(app, clock, 240)  # four minutes, four looks
        await pilot.press("ctrl+b")  # the time goes into the session
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.session.record("leadership").strengths == []
        assert app.session.time_spent == {"leadership": 240}
        assert not app.opened.can_undo  # the time made no undo step of its own
        await pilot.press("ctrl+q")
        await pilot.pause()
    saved = reload(path, framework)
    assert saved.time_spent == {"leadership": 240}
    assert saved.record("leadership").strengths == []


async def test_time_survives_reopening(make_app, session_file, framework):
    path = session_file("characteristic", "leadership", "understand")
    clock = FakeClock()
    app = make_app(path, monotonic=clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await spend(app, clock, 125)
        await pilot.press("ctrl+q")
        await pilot.pause()
    again = make_app(path, monotonic=FakeClock())
    async with again.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert again.pace_status.value.label == "2:05 / 26:00"


async def test_the_agenda_sets_a_budget_as_an_undoable_edit(make_app, session_file, framework):
    path = session_file("overview")
    app = make_app(path, monotonic=FakeClock())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await type_text(pilot, "Agenda")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AgendaDialog)
        dialog.query_one("#end-0", Input).focus()
        await pilot.press("end", *["backspace"] * 5)
        await type_text(pilot, "17:30")
        dialog.query_one("#budget-leadership", Input).focus()
        await type_text(pilot, "45")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = reload(path, framework).agenda
        assert saved.budgets == {"leadership": 45}
        assert saved.days[0].end.hour == 17 and saved.days[0].end.minute == 30
        assert sum(saved.spread(framework.item_ids, 1).values()) == 420
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert reload(path, framework).agenda == Agenda()


async def test_the_overview_projects_the_finish_from_the_clock(make_app, session_file):
    """14:02 on the only day, nothing agreed: six hours of budgets do not fit what is left."""
    app = make_app(session_file("overview"), monotonic=FakeClock())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.pace_status.value.label == "finish 20:23, day 1, 233 min over"
        assert "finish 20:23, day 1, 233 min over" in screen_text(app).splitlines()[0]
        await pilot.press("enter")  # on an item, its clock instead
        await pilot.pause()
        assert app.pace_status.value.label == "0:00 / 26:00"
