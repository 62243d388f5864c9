"""The plan after the self-assessment (issue 20 item 5): during the day "no data", "not
collected yet" and parked points become suggestions for the plan; the plan screen says why it
is early and is built in one deliberate step, its drafts marked unedited."""

from __future__ import annotations

from benchmark_tui.tui.screens.dialogs import ChoiceDialog
from benchmark_tui.tui.screens.forms import SuggestionsDialog
from benchmark_tui.tui.screens.parking import ParkingLotDialog
from benchmark_tui.tui.widgets.sources import SourceTicks

from .conftest import SMALL, reload
from .screen import flat, screen_text
from .test_app import settle


def agree_all(session, framework, but: int = 0) -> None:
    """Mark every item agreed (but the last ``but`` of them)."""
    ids = framework.item_ids
    for item_id in ids[: len(ids) - but]:
        record = session.results.get(item_id) or session.characteristics.get(item_id)
        record.state = "agreed"


async def test_ticking_no_data_suggests_an_action_for_the_plan_without_asking(
    make_app, session_file, framework
):
    path = session_file("area", "workforce", "measures")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("space")  # the "no data collected yet" tick box has focus
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)  # no question, no Enter default
    session = reload(path, framework)
    assert session.area("workforce").no_data_yet
    assert session.plan.actions == []
    assert [a.item for a in session.suggested_actions(framework)] == ["workforce"]


async def test_n_on_a_source_suggests_an_action_for_the_plan_without_asking(
    make_app, session_file, framework
):
    path = session_file("characteristic", "people", "evidence")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, SourceTicks)
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)
    session = reload(path, framework)
    assert session.record("people").evidence.not_collected == ["Staff surveys"]
    assert session.plan.actions == []
    assert [a.action for a in session.suggested_actions(framework)] == [
        "Start collecting staff surveys"
    ]


async def test_a_in_the_parking_lot_suggests_the_point_for_the_plan(
    make_app, session_file, framework, session
):
    session.parking_lot.park("Car park lighting", "leadership")
    path = session_file("overview")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ParkingLotDialog)
        await pilot.press("a")
        await settle(pilot)
        assert "Car park lighting — from 1 Leadership · suggested for the plan" in screen_text(app)
    saved = reload(path, framework)
    assert saved.plan.actions == []
    assert saved.parking_lot.points[0].state == "suggested"
    assert [a.action for a in saved.suggested_actions(framework)] == ["Car park lighting"]


async def test_the_plan_screen_says_why_it_is_early_and_waiting_builds_nothing(
    make_app, session_file, framework, session
):
    agree_all(session, framework, but=5)
    session.area("workforce").no_data_yet = True
    path = session_file("plan")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        shown = flat(screen_text(app))
        assert "9 of 14 agreed: the method builds the plan once the self-assessment is" in shown
        assert "Start collecting data on workforce" in shown  # the suggestions can be read
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # building early asks first
        await pilot.press("enter")  # the default: not yet
        await settle(pilot)
        assert not isinstance(app.screen, (ChoiceDialog, SuggestionsDialog))
    assert reload(path, framework).plan.actions == []


async def test_building_the_plan_early_is_a_deliberate_choice(
    make_app, session_file, framework, session
):
    session.record("review").improvements = ["Staff unaware of the strategy"]
    path = session_file("plan")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("right", "enter")  # build it now
        await pilot.pause()
        assert isinstance(app.screen, SuggestionsDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "draft" in screen_text(app)  # the unedited draft is marked on the plan
    [action] = reload(path, framework).plan.actions
    assert action.draft and action.action == "Address: Staff unaware of the strategy"


async def test_once_all_items_are_agreed_s_builds_the_plan_without_warning(
    make_app, session_file, framework, session
):
    agree_all(session, framework)
    session.record("review").improvements = ["Staff unaware of the strategy"]
    path = session_file("plan")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "the method builds the plan once" not in flat(screen_text(app))
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SuggestionsDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert len(reload(path, framework).plan.actions) == 1
