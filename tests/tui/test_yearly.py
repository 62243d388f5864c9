"""The yearly cycle in the app: next year's from the sessions list, marking and comparing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

from benchmark_tui.store import load_session
from benchmark_tui.tui.screens.comparison import ComparisonScreen
from benchmark_tui.tui.screens.next_year import NextYearDialog
from benchmark_tui.tui.screens.overview import OverviewScreen
from benchmark_tui.tui.screens.plan_review import PlanReviewScreen
from benchmark_tui.tui.screens.start import StartScreen
from benchmark_tui.tui.widgets.editable_list import EditableList
from benchmark_tui.tui.widgets.last_findings import LastFindings
from benchmark_tui.tui.widgets.rating_matrix import RatingMatrix

from .conftest import LARGE, SMALL
from .screen import flat, record_notices, screen_text
from .test_app import settle, type_text
from .test_on_the_wall import key_bar

REPO = Path(__file__).resolve().parents[2]
LAST_YEAR = "example-borough-libraries-2025-03-13.yaml"
THIS_YEAR = "example-borough-libraries-2026-03-12.yaml"


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A writable copy of every example session, in a sessions folder of its own."""
    folder = tmp_path / "sessions"
    folder.mkdir()
    for path in sorted((REPO / "sessions").glob("*.yaml")):
        shutil.copy(path, folder / path.name)
    return folder


def highlight(screen: StartScreen, name: str) -> None:
    """Put the sessions list's cursor on the session saved as ``name``."""
    index = next(i for i, s in enumerate(screen._rows) if s is not None and s.path.name == name)
    screen.query_one("#sessions", OptionList).highlighted = index


async def test_y_starts_next_years_session_from_the_highlighted_one(make_app, examples, framework):
    app = make_app(sessions_dir=examples)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        highlight(app.screen, THIS_YEAR)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, NextYearDialog)  # asks the date and the name first
        await pilot.press("ctrl+s")  # as suggested
        await pilot.pause()
        assert app.session_path is not None
        new = app.session_path
        assert new.name not in (LAST_YEAR, THIS_YEAR)
        assert new.parent == examples
    saved = load_session(new, framework)
    assert saved.previous is not None and saved.previous.file == THIS_YEAR
    assert saved.workshop.dates[0].isoformat() == "2026-03-12"  # the app's (fixed) clock
    assert all(
        r.ratings == {} or not any(v.value for v in r.ratings.values())
        for r in saved.characteristics.values()
    )


async def test_next_years_date_and_file_name_are_asked_and_can_be_changed(
    make_app, examples, framework
):
    """Issue 20 item 8: it took today's date and a name without asking."""
    app = make_app(sessions_dir=examples)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        highlight(app.screen, THIS_YEAR)
        await pilot.press("y")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NextYearDialog)
        day, name = dialog.query_one("#next-date", Input), dialog.query_one("#next-name", Input)
        assert day.value == "2026-03-12"
        assert name.value == "example-borough-libraries-2026-03-12-2.yaml"
        assert day.has_focus
        await pilot.press("ctrl+a", "backspace")  # clear the date box (ctrl+a: to its start)
        day.value = ""
        await type_text(pilot, "2027-03-11")
        await pilot.pause()
        assert name.value == "example-borough-libraries-2027-03-11.yaml"  # follows the date
        await pilot.press("tab")
        name.value = ""
        await type_text(pilot, "borough-2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session_path == examples / "borough-2027.yaml"
    saved = load_session(examples / "borough-2027.yaml", framework)
    assert saved.workshop.dates[0].isoformat() == "2027-03-11"


async def test_esc_on_next_years_dialog_writes_nothing(make_app, examples):
    before = sorted(p.name for p in examples.iterdir())
    app = make_app(sessions_dir=examples)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        highlight(app.screen, THIS_YEAR)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    assert sorted(p.name for p in examples.iterdir()) == before


async def test_space_marks_sessions_and_c_compares_them(make_app, examples):
    app = make_app(sessions_dir=examples)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        await pilot.press("c")  # nothing marked: a notice, no comparison
        await pilot.pause()
        assert app.screen is screen
        highlight(screen, LAST_YEAR)
        await pilot.press("space")
        highlight(screen, THIS_YEAR)
        await pilot.press("space")
        await pilot.pause()
        assert [p.name for p in screen.marked] == [LAST_YEAR, THIS_YEAR]
        heading = str(screen.query_one("#sessions-heading", Static).render())
        assert "2 marked" in heading
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        assert app.screen.comparison.mode == "over-time"
        assert [c.key for c in app.screen.comparison.columns] == ["2025", "2026"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert len(screen.marked) == 2  # still marked, to compare again


async def test_space_again_unmarks_a_session(make_app, examples):
    app = make_app(sessions_dir=examples)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        highlight(screen, LAST_YEAR)
        await pilot.press("space", "space")
        assert screen.marked == []


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_the_comparison_screen_moves_and_says_the_cell_in_words(make_app, examples, size):
    app = make_app(sessions_dir=examples)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        for name in (LAST_YEAR, THIS_YEAR):
            highlight(screen, name)
            await pilot.press("space")
        await pilot.press("c")
        await pilot.pause()
        comparison = app.screen
        assert isinstance(comparison, ComparisonScreen)
        table = comparison.query_one(DataTable)
        # 10 characteristics; the item, then 4 elements for each of the two years
        assert table.row_count == 10
        assert len(table.columns) == 1 + 2 * 4
        for _ in range(4):
            await pilot.press("right")  # to 2026's Plan
        await pilot.pause()
        cell = str(comparison.query_one("#comparison-cell", Static).render())
        c = comparison.comparison
        first = c.framework.items[0]
        now = c.rating(c.columns[1], first.id, "plan")
        assert f"Plan · 2026: {now}" in cell
        change = c.change(1, first.id, "plan")
        assert change.words and f"({change.words} since 2025)" in cell
        # the whole table fits the width at both sizes: nothing cut at the right
        assert table.virtual_size.width <= table.size.width


async def test_libraries_side_by_side_give_the_spread_of_the_cell(make_app, examples):
    app = make_app(sessions_dir=examples)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        libraries = sorted(p.name for p in examples.glob("example-*-library-*.yaml"))
        for name in libraries:
            highlight(screen, name)
            await pilot.press("space")
        await pilot.press("c")
        await pilot.pause()
        comparison = app.screen
        assert isinstance(comparison, ComparisonScreen)
        assert comparison.comparison.mode == "across"
        await pilot.pause()
        cell = str(comparison.query_one("#comparison-cell", Static).render())
        assert "lowest" in cell and "median" in cell


async def test_r_on_the_plan_reviews_last_times_plan_and_saves_it(make_app, examples, framework):
    path = examples / THIS_YEAR
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.last_time is not None  # the 2025 session it follows on from, read once
        await pilot.press("p")  # the example opens at the overview
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlanReviewScreen)
        summary = str(app.screen.query_one("#review-summary", Static).render())
        assert "2 done" in summary
        await pilot.press("down", "down")  # a3: not done in the example
        await pilot.press("x")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("end", "space")  # after the note already there
        await type_text(pilot, "Dropped: the restructure")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
    review = load_session(path, framework).plan_review["a3"]
    assert review.outcome == "dropped"
    assert review.note.endswith("carried into this plan as a1. Dropped: the restructure")


async def test_a_moved_previous_session_is_said_once_and_shows_nothing(make_app, examples):
    (examples / LAST_YEAR).rename(examples / "elsewhere.yaml")
    app = make_app(examples / THIS_YEAR)
    given = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.last_time is None
        notices = [n for n in given if LAST_YEAR in n.message]
        assert len(notices) == 1
        assert notices[0].title == "Previous self-assessment not found"


async def next_years_session(examples: Path, framework) -> Path:
    """Next year's session started from the 2026 example (as y on the sessions list does)."""
    from datetime import date

    from benchmark_tui.cycle import start_next_file

    path, _notices = start_next_file(examples / THIS_YEAR, framework, today=date(2027, 3, 11))
    return path


def matrix_text(app) -> str:
    """The matrix as drawn, one string."""
    matrix = app.screen.query_one(RatingMatrix)
    return "\n".join(
        "".join(segment.text for segment in line)
        for line in app.console.render_lines(matrix.render(), app.console.options)
    )


async def test_the_matrix_shows_last_times_rating_once_rated_and_the_plans_outcomes(
    make_app, examples, framework
):
    """Last year after this year (issue 20, item 6): last time's score does not anchor the
    room; it appears on an element once the team has rated it."""
    path = await next_years_session(examples, framework)
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.goto("characteristic", "leadership", "matrix")
        await pilot.pause()
        previous = load_session(examples / THIS_YEAR, framework)
        before = previous.record("leadership").rating_for("plan")
        assert before is not None
        note = previous.record("leadership").ratings["plan"].note
        verdict = matrix_text(app)
        assert "◇" not in verdict.replace("◇ Last time's rating: shown once rated", "")
        assert "Last time (12 Mar 2026): " not in verdict
        assert note[:30] not in " ".join(verdict.split())
        assert "shown once rated (l shows it now)" in verdict
        await pilot.press("2")
        await settle(pilot)
        verdict = matrix_text(app)
        assert f"◇{before}" in verdict or f"[ {before} ]◇" in verdict
        assert "Last time (12 Mar 2026): " in verdict
        assert "plan:" not in verdict  # last time's plan goes with Check / act and Impact
        await pilot.press("down")  # Do: not rated yet, so not shown
        verdict = matrix_text(app)
        do_before = previous.record("leadership").rating_for("do")
        assert "Last time (12 Mar 2026): " not in verdict
        assert verdict.count("◇") == 2  # Plan's cell, and the line saying Do's is held back
        assert do_before is not None
        await pilot.press("down")  # Check / act
        verdict = matrix_text(app)
        action = next(a for a in previous.plan.actions if a.item == "leadership")
        flat = " ".join(verdict.split())  # as read, whatever the wrapping
        assert "The plan from last time (12 Mar 2026):" in flat
        assert " ".join(action.action.split()) in flat and "? not reviewed" in flat
    assert load_session(path, framework).record("leadership").rating_for("plan") == 2


async def test_a_revealed_round_shows_last_times_rating_and_l_shows_it_earlier(
    make_app, examples, framework
):
    path = await next_years_session(examples, framework)
    previous = load_session(examples / THIS_YEAR, framework).record("leadership")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.goto("characteristic", "leadership", "matrix")
        await pilot.pause()
        matrix = app.screen.query_one(RatingMatrix)
        assert matrix.last == {}
        await pilot.press("v")
        await type_text(pilot, "0 1 3 1 0")
        await pilot.press("enter", "escape")  # revealed, then Esc: nothing is kept
        await settle(pilot)
        assert matrix.last == {}
        await pilot.press("v")
        await type_text(pilot, "0 1 3 1 0")
        await pilot.press("enter")  # revealed …
        await pilot.pause()
        for _ in range(6):
            if app.focused is not None and app.focused.id == "later":
                break
            await pilot.press("tab")
        await pilot.press("enter")  # … and agree later: the round is revealed, not rated
        await settle(pilot)
        assert app.session.record("leadership").rating_for("plan") is None
        assert list(matrix.last) == ["plan"]
        assert "Last time (12 Mar 2026): " in matrix_text(app)
        assert "l Last time" in key_bar(app)
        await pilot.press("l")  # the facilitator shows them all now
        await pilot.pause()
        assert set(matrix.last) == {
            e.id for e in framework.elements if previous.rating_for(e.id) is not None
        }
        await pilot.press("l")  # and hides those not rated again
        await pilot.pause()
        assert list(matrix.last) == ["plan"]
        help_keys = " ".join(app.screen.HELP.split())
        assert "**l**" in help_keys


async def test_c_confirms_an_approach_from_last_time_and_editing_also_does(
    make_app, examples, framework
):
    path = await next_years_session(examples, framework)
    carried = load_session(path, framework).record("leadership").approaches
    assert len(carried) >= 2 and all(a.from_last_time for a in carried)
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.goto("characteristic", "leadership", "approaches")
        await pilot.pause()
        approaches = app.screen.query_one("#approach-list", EditableList)
        assert all(e.mark for e in approaches.entries)
        approaches.options.focus()
        approaches.options.highlighted = 0
        await pilot.press("c")  # still in place
        await pilot.press("down", "enter")  # edit the second one
        await type_text(pilot, " (weekly)")
        await pilot.press("enter")
        await settle(pilot)
    saved = load_session(path, framework).record("leadership").approaches
    assert [a.from_last_time for a in saved[:2]] == [False, False]
    assert saved[1].text.endswith("(weekly)")
    assert all(a.from_last_time for a in saved[2:])


async def test_enter_copies_one_of_last_times_strengths_in(make_app, examples, framework):
    path = await next_years_session(examples, framework)
    previous = load_session(examples / THIS_YEAR, framework)
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.goto("characteristic", "leadership", "strengths")
        await pilot.pause()
        last = app.screen.query_one(LastFindings)
        assert last.display
        last.focus()
        await pilot.press("enter")
        await settle(pilot)
    record = load_session(path, framework).record("leadership")
    assert record.strengths == previous.record("leadership").strengths[:1]


async def test_the_overview_shows_the_change_against_last_time_in_every_cell(
    make_app, examples, framework
):
    app = make_app(examples / THIS_YEAR)  # opens at the overview
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        table = app.screen.query_one("#overview-table", DataTable)
        last_time = app.last_time
        assert last_time is not None
        session = app.session
        assert session is not None
        for characteristic in framework.items:
            for element in framework.elements:
                change = last_time.change(session, characteristic.id, element.id)
                shown = str(table.get_cell(characteristic.id, element.id)).strip()
                assert shown.endswith(change.text), (characteristic.id, element.id, shown)
        assert str(table.get_cell("leadership", "do")).strip() == "3▲1"
        summary = str(app.screen.query_one("#overview-summary", Static).render())
        assert "▲ up  ▼ down  = same as last time (13 March 2025)" in summary


async def test_a_long_actions_outcome_and_note_are_on_screen_in_the_review(
    make_app, examples, framework
):
    """However long an action, its outcome and note show at 80×24 (the action gives way)."""
    path = examples / THIS_YEAR
    text = path.read_text(encoding="utf-8")
    long = " and then report on it to the Libraries Management Team once more" * 8
    path.write_text(text.replace("in autumn 2026\n", f"in autumn 2026{long}\n", 1), "utf-8")
    following = await next_years_session(examples, framework)
    app = make_app(following)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.goto("plan")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlanReviewScreen)
        await pilot.press("p")  # a1: partly done
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Autumn survey run, the spring one moved")
        await pilot.press("enter")
        await settle(pilot)
        shown = flat(screen_text(app))
        assert "A1 Agree a small set of library workforce measures" in shown
        assert "◐ partly done: Autumn survey run, the spring one moved" in shown
        assert "A2 Analyse LMS borrower data" in shown  # the next action starts on screen too
