"""Session details (service, dates, facilitator, team) and attendance, edited once the session
is open: from the palette and the overview's keys, checked as the new-session form checks,
saved like any edit and taken back by ctrl+z. Driven by keys, checked on file."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from benchmark_tui.locks import SessionLock
from benchmark_tui.models import Attendance
from benchmark_tui.tui.screens.attendance import AttendanceDialog
from benchmark_tui.tui.screens.new_session import NewSessionScreen
from benchmark_tui.tui.screens.overview import OverviewScreen
from benchmark_tui.tui.screens.session_details import SessionDetailsDialog

from .conftest import SMALL, reload
from .screen import screen_text
from .test_app import settle, type_text


async def test_the_palette_opens_the_details_and_ctrl_z_takes_the_edit_back(
    make_app, session_file, framework
):
    """A second day, a new facilitator and a late arrival are saved in one step, undone in one."""
    path = session_file("characteristic", "people", "matrix")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "Session details")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SessionDetailsDialog)
        dialog.query_one("#dates", Input).focus()
        await pilot.press("end")
        await type_text(pilot, ", 2026-03-19")
        dialog.query_one("#facilitator", Input).focus()
        await pilot.press("end", *["backspace"] * 20)
        await type_text(pilot, "Alex Rivers")
        team = dialog.query_one("#team", TextArea)
        team.focus()
        team.move_cursor(team.document.end)
        await type_text(pilot, "\nPriya Shah - Volunteer coordinator")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        saved = reload(path, framework).workshop
        assert saved.dates == [date(2026, 3, 12), date(2026, 3, 19)]
        assert saved.facilitator == "Alex Rivers"
        assert [(m.name, m.role) for m in saved.team] == [
            ("Sam Branch", "Branch manager"),
            ("Priya Shah", "Volunteer coordinator"),
        ]
        await pilot.press("ctrl+z")
        await settle(pilot)
    back = reload(path, framework).workshop
    assert back.dates == [date(2026, 3, 12)]
    assert back.facilitator == "Pat Facilitator"
    assert [m.name for m in back.team] == ["Sam Branch"]


async def test_the_details_refuse_what_the_new_session_form_refuses(
    make_app, session_file, framework
):
    """A bad date or a library scope without the library keeps the dialog open, saying why."""
    path = session_file("overview")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, SessionDetailsDialog)
        dialog.query_one("#dates", Input).value = "12/3/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "YYYY-MM-DD" in str(dialog.query_one("#problem", Static).render())
        assert dialog.focused is dialog.query_one("#dates", Input)
        dialog.query_one("#dates", Input).value = "2026-03-12"
        dialog.query_one("#service", Input).value = "  "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "Name the library service first." in str(
            dialog.query_one("#problem", Static).render()
        )
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
    assert reload(path, framework).service.name == "Testshire Libraries"


async def test_attendance_is_taken_per_date_with_guests(make_app, session_file, framework, session):
    """Sam was there on the first day, with a guest; ctrl+z takes the attendance back."""
    session.workshop.team.append(session.workshop.team[0].model_copy(update={"name": "Priya"}))
    session.workshop.dates.append(date(2026, 3, 19))
    path = session_file("overview")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, AttendanceDialog)
        # The app's clock reads 12 March: that day first, the whole team ticked to start.
        present = dialog.query_one("#present", SelectionList)
        assert sorted(present.selected) == ["Priya", "Sam Branch"]
        await pilot.press("down", "space")  # Priya was not there
        dialog.query_one("#guests", Input).focus()
        await type_text(pilot, "Cllr Jo Ahmed")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        saved = reload(path, framework)
        taken = saved.workshop.attendance[date(2026, 3, 12)]
        assert taken.present == ["Sam Branch"]
        assert taken.guests == ["Cllr Jo Ahmed"]
        assert list(saved.workshop.attendance) == [date(2026, 3, 12)]
        assert saved.people_present() == 1  # the guest does not rate
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert reload(path, framework).workshop.attendance == {}


async def test_a_read_only_session_offers_neither_dialog(make_app, session_file):
    path = session_file("overview")
    other = SessionLock(path)
    assert other.acquire()
    try:
        app = make_app(path)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            assert app.read_only
            await pilot.press("d", "a")
            assert isinstance(app.screen, OverviewScreen)
    finally:
        other.release()


async def test_removing_a_date_takes_its_attendance_with_it(
    make_app, session_file, framework, session
):
    """The second day is dropped: its attendance goes too (the file must stay valid)."""
    session.workshop.dates.append(date(2026, 3, 19))
    session.workshop.attendance = {
        date(2026, 3, 12): Attendance(present=["Sam Branch"]),
        date(2026, 3, 19): Attendance(present=["Sam Branch"], guests=["Jo"]),
    }
    path = session_file("overview")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, SessionDetailsDialog)
        assert dialog.query_one("#dates", Input).value == "2026-03-12, 2026-03-19"
        dialog.query_one("#dates", Input).value = "2026-03-12"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
    saved = reload(path, framework).workshop
    assert saved.dates == [date(2026, 3, 12)]
    assert list(saved.attendance) == [date(2026, 3, 12)]


@pytest.mark.parametrize("form", ["new session", "session details"])
async def test_both_forms_open_the_box_under_a_choice_and_move_on_with_enter(
    form, make_app, session_file
):
    """The service's boxes are shared by the two forms: each must still react to them."""
    details = form == "session details"
    app = make_app(session_file("overview")) if details else make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d" if details else "n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionDetailsDialog if details else NewSessionScreen)
        library = screen.query_one("#library-name", Input)
        detail = screen.query_one("#governance-detail", Input)
        assert library.disabled and detail.disabled
        screen.query_one("#service", Input).focus()
        await pilot.press("enter")  # Enter moves on, to the choice of scope
        assert app.focused is screen.query_one("#scope", Select)
        screen.query_one("#scope", Select).value = "library"
        screen.query_one("#governance", Select).value = "other"
        await pilot.pause()
        assert not library.disabled and not detail.disabled
        library.focus()
        await pilot.press("enter")
        assert app.focused is screen.query_one("#governance", Select)
        screen.query_one("#scope", Select).value = "whole-service"
        await pilot.pause()
        assert library.disabled and not detail.disabled
        assert app.screen is screen  # Enter never submitted the form


async def test_attendance_reads_present_and_absent_without_colour(make_app, session_file, session):
    """Issue 20 item 8: both states showed the same X, told apart by colour alone."""
    session.workshop.team.append(session.workshop.team[0].model_copy(update={"name": "Priya"}))
    app = make_app(session_file("overview"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, AttendanceDialog)
        await pilot.press("down", "space")  # Priya was not there
        await pilot.pause()
        lines = screen_text(app).splitlines()
        sam = next(line for line in lines if "Sam Branch" in line)
        priya = next(line for line in lines if "Priya" in line)
        assert "✓ present" in sam and "absent" not in sam
        assert "– absent" in priya and "present" not in priya
        assert "X" not in priya
