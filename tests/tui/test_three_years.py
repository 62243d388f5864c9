"""The framework asks for trends over at least three years: a measure with fewer is flagged on
the measures step and on the overview."""

from __future__ import annotations

from benchmark_tui.models import Measure, PeriodValue

from .conftest import LARGE, SMALL
from .screen import screen_lines


def yearly(name: str, count: int) -> Measure:
    values = [PeriodValue(period=str(2022 + n), value=str(100 + n)) for n in range(count)]
    return Measure(name=name, values=values, trend="improving")


async def test_the_measures_step_flags_a_measure_with_two_years(make_app, session_file, session):
    session.area("workforce").measures = [yearly("Staff survey", 2), yearly("Sickness", 3)]
    app = make_app(session_file("area", "workforce", "measures"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        lines = [" ".join(line.split()) for line in screen_lines(app)]
    staff = next(n for n, line in enumerate(lines) if "Staff survey" in line)
    sickness = next(n for n, line in enumerate(lines) if "Sickness" in line)
    assert "2 years (2022 to 2023) <3y fewer than three years of data" in lines[staff + 1]
    assert "3 years (2022 to 2024)" in lines[sickness + 1]
    assert "three years" not in lines[sickness + 1]


async def test_the_overview_marks_the_area_and_explains_the_mark(make_app, session_file, session):
    session.area("outcomes").measures = [yearly("Visits", 3), yearly("Loans", 0)]
    session.area("user-satisfaction").measures = [yearly("Survey", 3)]
    app = make_app(session_file("overview"))
    async with app.run_test(size=LARGE) as pilot:  # the legend is under the table
        await pilot.pause()
        lines = screen_lines(app)
    outcomes = next(line for line in lines if "1.1 Desired strategic outcomes" in line)
    satisfaction = next(line for line in lines if "1.2 User satisfaction" in line)
    assert "1.1 Desired strategic outcomes <3y" in outcomes
    assert "<3y" not in satisfaction
    assert any("<3y a measure with fewer than three years of data" in line for line in lines)


async def test_no_mark_and_no_legend_while_every_measure_has_three_years(
    make_app, session_file, session
):
    session.area("outcomes").measures = [yearly("Visits", 3)]
    app = make_app(session_file("overview"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
    assert not [line for line in lines if "<3y" in line]
