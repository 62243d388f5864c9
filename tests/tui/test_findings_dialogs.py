"""The findings document's key messages and sign-off from the overview; a measure added to a
"no data yet" area; drafts left out of the plan stay left out. Driven by keys, checked on file."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from benchmark_tui.locks import SessionLock
from benchmark_tui.tui.screens.dialogs import ChoiceDialog
from benchmark_tui.tui.screens.overview import OverviewScreen
from benchmark_tui.tui.screens.plan import PlanScreen
from benchmark_tui.tui.screens.sign_off import KeyMessagesDialog, SignOffDialog

from .conftest import LARGE, SMALL, reload
from .test_app import settle, type_text


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_key_messages_are_written_on_the_overview(make_app, session_file, framework, size):
    path = session_file("overview")
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("k")
        assert isinstance(app.screen, KeyMessagesDialog)
        await type_text(pilot, "Our headline\n- Strong leadership\n- No outcome data yet")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        summary = str(app.screen.query_one("#overview-summary", Static).render())
        assert "key messages: 3 lines" in summary
    assert reload(path, framework).findings.key_messages == (
        "Our headline\n- Strong leadership\n- No outcome data yet"
    )


async def test_esc_keeps_the_key_messages_typed_and_ctrl_z_takes_them_back(
    make_app, session_file, framework
):
    path = session_file("overview")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("k")
        await type_text(pilot, "Kept")
        await pilot.press("escape")
        await settle(pilot)
        assert reload(path, framework).findings.key_messages == "Kept"
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert reload(path, framework).findings.key_messages == ""


async def test_sign_off_checks_the_date_and_records_every_field(make_app, session_file, framework):
    path = session_file("overview")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("s")
        dialog = app.screen
        assert isinstance(dialog, SignOffDialog)
        await pilot.press("enter", "down", "enter")  # status: Final
        await pilot.pause()
        # Not every item is agreed: the dialog says the document stays a draft.
        assert "DRAFT" in str(dialog.query_one("#problem", Static).render())
        await pilot.press("tab")
        await type_text(pilot, "1.0")
        await pilot.press("tab")
        await type_text(pilot, "Head of Libraries")
        await pilot.press("tab")
        await type_text(pilot, "1/4/2026")
        await pilot.press("tab")
        await type_text(pilot, "Cabinet member\nAll staff")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # the date is refused, with how to write it
        assert "YYYY-MM-DD" in str(dialog.query_one("#problem", Static).render())
        await pilot.press(*["backspace"] * 8)
        await type_text(pilot, "2026-04-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        summary = str(app.screen.query_one("#overview-summary", Static).render())
        assert "Final, version 1.0, approved by Head of Libraries" in summary
    findings = reload(path, framework).findings
    assert (findings.status, findings.version, findings.approved_by) == (
        "final",
        "1.0",
        "Head of Libraries",
    )
    assert str(findings.date_approved) == "2026-04-01"
    assert findings.distribution == "Cabinet member\nAll staff"


async def test_the_palette_opens_the_sign_off_from_anywhere(make_app, session_file):
    app = make_app(session_file("characteristic", "people", "matrix"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "Sign-off")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SignOffDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_a_read_only_session_offers_no_sign_off(make_app, session_file):
    path = session_file("overview")
    other = SessionLock(path)
    assert other.acquire()
    try:
        app = make_app(path)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            assert app.read_only
            await pilot.press("s", "k")
            assert isinstance(app.screen, OverviewScreen)
    finally:
        other.release()


async def add_measure(pilot, name: str) -> None:
    await pilot.press("a")
    await type_text(pilot, name)
    await pilot.press("ctrl+s")
    await pilot.pause()


@pytest.mark.parametrize(
    ("answer", "still_marked"),
    [("enter", True), ("escape", True), ("right", False)],
    ids=["not-complete", "esc-keeps-the-mark", "data-exists"],
)
async def test_a_measure_added_to_a_no_data_area_asks_which_is_meant(
    make_app, session_file, session, framework, answer, still_marked
):
    session.area("workforce").no_data_yet = True
    path = session_file("area", "workforce", "measures")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await add_measure(pilot, "Staff survey")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press(answer)
        if answer == "right":
            await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#no-data").value is still_marked
    area = reload(path, framework).area("workforce")
    assert [m.name for m in area.measures] == ["Staff survey"]
    assert area.no_data_yet is still_marked


async def test_a_measure_added_to_an_area_with_data_asks_nothing(make_app, session_file, framework):
    path = session_file("area", "workforce", "measures")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await add_measure(pilot, "Staff survey")
        assert not isinstance(app.screen, ChoiceDialog)
        await settle(pilot)
    assert [m.name for m in reload(path, framework).area("workforce").measures] == ["Staff survey"]


async def test_a_draft_left_out_stays_left_out_after_reopening(
    make_app, session_file, session, framework
):
    session.record("review").improvements = ["First", "Second"]
    path = session_file("plan")
    async with make_app(path).run_test(size=SMALL) as pilot:
        # Build it now (early), untick the first draft, add the second.
        await pilot.press("s", "right", "enter", "space", "ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+q")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen) and not app.read_only
        note = str(app.screen.query_one("#plan-note", Static).render())
        assert "Press s to" not in note
        assert "not offered again" in note
        # Nothing new: the draft left out is offered again.
        await pilot.press("s", "right", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
    plan = reload(path, framework).plan
    assert [a.improvement for a in plan.actions] == ["Second", "First"]
    assert plan.declined == []
