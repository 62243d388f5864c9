"""The findings document's title page says who was present on each workshop date."""

from __future__ import annotations

from datetime import date

from benchmark_tui.models import Attendance, TeamMember

DAY_ONE = date(2026, 3, 12)


def test_the_title_page_says_who_was_present(session, export):
    session.workshop.team.append(TeamMember(name="Priya Shah", role="Volunteer coordinator"))
    session.workshop.attendance = {
        DAY_ONE: Attendance(present=["Sam Branch", "Priya Shah"], guests=["Cllr Jo Ahmed"])
    }
    report = export(session)
    assert "Present on 12 March 2026: Sam Branch, Priya Shah; guest: Cllr Jo Ahmed" in report.text()


def test_no_attendance_line_until_it_is_taken(session, export):
    assert "Present on" not in export(session).text()
