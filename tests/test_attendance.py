"""Who was there on each workshop date: the model's rules, the file, the findings document."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from benchmark_tui.models import Attendance, TeamMember, Workshop
from benchmark_tui.store import load_session, save_session, session_text

DAY_ONE, DAY_TWO = date(2026, 3, 12), date(2026, 3, 19)


def test_people_present_is_the_team_until_attendance_is_taken_and_guests_do_not_count(session):
    """The room is the team members marked present: guests do not rate (issue 20, item 3)."""
    session.workshop.team.append(TeamMember(name="Priya Shah"))
    assert session.people_present() == 2
    session.workshop.attendance = {DAY_ONE: Attendance(present=["Sam Branch"], guests=["Jo"])}
    assert session.people_present() == 1


def test_people_present_follows_the_latest_date_taken(session):
    session.workshop.dates = [DAY_ONE, DAY_TWO]
    session.workshop.attendance = {
        DAY_TWO: Attendance(present=["Sam Branch"]),
        DAY_ONE: Attendance(present=["Sam Branch"], guests=["Jo", "Cllr Ahmed"]),
    }
    assert session.people_present() == 1


def test_attendance_is_only_for_workshop_dates():
    """A date with attendance but not among the dates is refused, saying what to do."""
    with pytest.raises(ValidationError, match="not one of the workshop dates"):
        Workshop(dates=[DAY_ONE], attendance={DAY_TWO: Attendance(present=["Sam"])})


def test_names_are_cleaned_and_may_not_be_blank():
    assert Attendance(present=[" Sam\r "], guests=["Jo "]).model_dump() == {
        "present": ["Sam"],
        "guests": ["Jo"],
    }
    with pytest.raises(ValidationError):
        Attendance(guests=["  "])


def test_the_line_for_the_title_page():
    taken = Attendance(present=["Sam Branch", "Priya Shah"], guests=["Jo Lee"])
    assert taken.label(DAY_ONE) == "Present on 12 March 2026: Sam Branch, Priya Shah; guest: Jo Lee"
    two = Attendance(present=["Sam"], guests=["Jo", "Ali"])
    assert two.label(DAY_ONE).endswith("; guests: Jo, Ali")
    assert Attendance(present=["Sam"]).label(DAY_ONE) == "Present on 12 March 2026: Sam"


def test_attendance_round_trips_and_is_left_out_while_empty(framework, session, tmp_path):
    path = tmp_path / "s.yaml"
    save_session(session, path)
    assert "attendance" not in path.read_text(encoding="utf-8")
    assert "guests" not in path.read_text(encoding="utf-8")
    session.workshop.dates = [DAY_ONE, DAY_TWO]
    session.workshop.attendance = {
        DAY_ONE: Attendance(present=["Sam Branch"], guests=["Aoife O'Neill: Friends"]),
        DAY_TWO: Attendance(present=["Sam Branch"]),
    }
    save_session(session, path)
    loaded = load_session(path, framework)
    assert loaded == session
    assert session_text(loaded) == path.read_text(encoding="utf-8")


def test_undo_says_the_attendance_changed(session):
    from benchmark_tui.changes import changes

    before = session.model_copy(deep=True)
    session.workshop.attendance = {DAY_ONE: Attendance(present=["Sam Branch"])}
    assert changes(before, session) == ["attendance changed"]
    session.workshop.facilitator = "Alex Rivers"
    assert changes(before, session) == ["workshop details changed", "attendance changed"]
