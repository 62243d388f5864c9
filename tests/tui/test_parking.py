"""The parking lot by keys: ctrl+l parks a point from an item (also while typing in a box),
the overview lists it, and it is suggested for the plan or closed; each an undoable edit."""

from __future__ import annotations

from textual.widgets import Input

from benchmark_tui.tui.screens.overview import OverviewScreen
from benchmark_tui.tui.screens.parking import ParkDialog, ParkingLotDialog

from .conftest import SMALL, reload
from .screen import screen_text
from .test_app import settle, type_text


async def park(pilot, text: str) -> None:
    await pilot.press("ctrl+l")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ParkDialog)
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_point_parked_from_a_characteristic_is_suggested_for_the_plan(
    make_app, session_file, framework
):
    path = session_file("characteristic", "leadership", "evidence")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await type_text(pilot, "Visits fell")  # typing in the evidence summary
        await park(pilot, "Car park lighting")
        # Back in the box, which ctrl+l left as it was.
        assert getattr(app.focused, "text", None) == "Visits fell"
        saved = reload(path, framework).parking_lot.points
        assert [(p.text, p.item, p.state) for p in saved] == [
            ("Car park lighting", "leadership", "open")
        ]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ParkingLotDialog)
        assert "Car park lighting — from 1 Leadership · still parked" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        assert "suggested for the plan" in screen_text(app)
        await pilot.press("escape", "p", "s", "right", "enter")  # build the plan now (early)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved_session = reload(path, framework)
    [action] = saved_session.plan.actions
    assert (action.action, action.item) == ("Car park lighting", "leadership")
    assert saved_session.parking_lot.points[0].state == "action"
    assert saved_session.parking_lot.points[0].action == action.id


async def test_a_point_is_closed_and_ctrl_z_reopens_it(make_app, session_file, framework):
    path = session_file("area", "value-for-money", "understand")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await park(pilot, "Ask finance for unit costs")
        await park(pilot, "Opening hours")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert len(app.session.parking_lot.open_points) == 2
        await pilot.press("l", "down", "x")
        await settle(pilot)
        states = [p.state for p in reload(path, framework).parking_lot.points]
        assert states == ["open", "closed"]
        assert "Opening hours — from 1.4 Value for money · closed" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await settle(pilot)
    states = [p.state for p in reload(path, framework).parking_lot.points]
    assert states == ["open", "open"]


async def test_parking_from_the_palette_list_and_an_empty_point_parks_nothing(
    make_app, session_file, framework
):
    path = session_file("overview")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")  # works on the overview too, though not listed there
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ParkDialog)
        assert dialog.query_one("#point", Input).has_focus
        await pilot.press("enter")  # nothing typed: stays open
        await pilot.pause()
        assert isinstance(app.screen, ParkDialog)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await type_text(pilot, "Parking lot")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ParkingLotDialog)
        assert "Nothing parked yet" in screen_text(app)
    assert reload(path, framework).parking_lot.points == []


async def test_the_open_parked_points_are_counted_in_the_top_bar_of_an_item(make_app, session_file):
    """On an item screen the room sees that points wait in the parking lot (none: nothing)."""
    app = make_app(session_file("characteristic", "leadership", "approaches"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "parked" not in screen_text(app).splitlines()[0]
        await park(pilot, "Car park lighting")
        await park(pilot, "Room bookings")
        assert "2 parked" in screen_text(app).splitlines()[0]
        await pilot.press("pagedown")  # the next item shows them too
        await pilot.pause()
        assert "2 parked" in screen_text(app).splitlines()[0]
