"""Section 1 as benchmarking in the app (issue 23): years that are years, comparators beside the
team's figures with where the team stands (overrulable), the suggested trend taken or
overruled, figures imported from a spreadsheet, results linked to practices, and the measures
compared across sessions."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static, TextArea

from benchmark_tui.figures_workbook import figures_workbook
from benchmark_tui.models import Measure, PeriodValue
from benchmark_tui.models.evidence import Comparator, ComparatorValue
from benchmark_tui.store import load_session, save_session
from benchmark_tui.tui.screens.comparison import ComparisonScreen
from benchmark_tui.tui.screens.dialogs import ErrorDialog, PathDialog
from benchmark_tui.tui.screens.forms import MeasureDialog
from benchmark_tui.tui.screens.import_figures import FiguresProblemsDialog, ImportPlanDialog
from benchmark_tui.tui.screens.measure_dialogs import (
    ComparatorsDialog,
    LinkDialog,
    StandingsDialog,
)
from benchmark_tui.tui.screens.start import StartScreen

from .conftest import LARGE, SMALL
from .screen import flat, record_notices, screen_lines, screen_text
from .test_app import settle, type_text
from .test_yearly import examples as examples  # the fixture: a copy of every example
from .test_yearly import highlight

REPO = Path(__file__).resolve().parents[2]
WORKBOOK = REPO / "sessions" / "example-borough-libraries-figures.xlsx"


def cost_per_head(**extra: object) -> Measure:
    """Net cost per head over three years, lower is better, against the CIPFA median."""
    values = [("2022/23", "£16.87"), ("2023/24", "£17.17"), ("2024/25", "£17.32")]
    median = [("2022/23", "£15.40"), ("2023/24", "£15.70"), ("2024/25", "£17.40")]
    return Measure(
        name="Net cost per head",
        values=[PeriodValue(period=p, value=v) for p, v in values],
        better="lower",
        comparators=[
            Comparator(
                name="CIPFA median",
                values=[ComparatorValue(period=p, value=v) for p, v in median],
            )
        ],
        **extra,  # type: ignore[arg-type]
    )


def lines_of(app: object) -> list[str]:
    return [" ".join(line.split()) for line in screen_lines(app)]  # type: ignore[arg-type]


# -- the measures step ------------------------------------------------------------------------


async def test_the_measures_step_shows_years_the_unit_comparators_and_the_suggestion(
    make_app, session_file, session
):
    monthly = Measure(
        name="Issues",
        values=[
            PeriodValue(period=p, value=v)
            for p, v in (("Jan 2024", "100"), ("Feb 2024", "120"), ("Mar 2024", "130"))
        ],
        unit="loans",
    )
    vague = Measure(name="Footfall", values=[PeriodValue(period="last year", value="9,000")])
    session.area("value-for-money").measures = [cost_per_head(), monthly, vague]
    app = make_app(session_file("area", "value-for-money", "measures"))
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        lines = lines_of(app)
        rules = flat(screen_text(app))
    text = "\n".join(lines)
    assert "3 years (2022/23 to 2024/25) 2022/23 2023/24 2024/25 we are" in text
    assert any(line.endswith("CIPFA median £15.40 £15.70 £17.40 in line ▎") for line in lines)
    assert "Suggested: = stable — £16.87 in 2022/23 to £17.32 in 2024/25: +2.7 %" in text
    assert "t takes it" in text
    # three months of one year are one year, not three
    assert "Issues · loans trend not judged" in text
    assert "1 year (2024) <3y fewer than three years of data" in text
    assert "not read as years: 'last year'" in text
    assert "Suggested trends." in rules and "Standing. In line with" in rules


async def test_t_takes_the_suggested_trend_and_ctrl_z_takes_it_back(
    make_app, session_file, session, framework
):
    session.area("value-for-money").measures = [cost_per_head()]
    path = session_file("area", "value-for-money", "measures")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("tab", "t")
        await settle(pilot)
        assert load_session(path, framework).area("value-for-money").measures[0].trend == "stable"
        assert "taken" in flat(screen_text(app))
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert load_session(path, framework).area("value-for-money").measures[0].trend is None


async def test_choosing_another_trend_in_the_measure_overrules_and_keeps_the_comparators(
    make_app, session_file, session, framework
):
    judged = cost_per_head()
    judged.comparators[0].values[-1].standing = "below"
    session.area("value-for-money").measures = [judged]
    path = session_file("area", "value-for-money", "measures")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MeasureDialog)
        assert "Suggested: = stable" in flat(screen_text(app))
        dialog.query_one("#trend").value = "declining"  # type: ignore[attr-defined]
        dialog.query_one("#unit", Input).value = "£ per resident"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "the team judged otherwise" in flat(screen_text(app))
    saved = load_session(path, framework).area("value-for-money").measures[0]
    assert (saved.trend, saved.trend_overruled, saved.unit) == ("declining", True, "£ per resident")
    assert saved.comparators == judged.comparators  # kept, the team's judgement too


async def test_comparators_are_added_in_their_dialog_and_a_judgement_is_kept(
    make_app, session_file, session, framework
):
    judged = cost_per_head()
    judged.comparators[0].values[-1].standing = "below"
    session.area("value-for-money").measures = [judged]
    path = session_file("area", "value-for-money", "measures")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("tab", "c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ComparatorsDialog)
        names = list(dialog.query(".comparator-name").results(Input))
        assert [n.value for n in names] == ["CIPFA median", ""]
        names[1].focus()
        await type_text(pilot, "England average")
        await pilot.press("enter")
        figures = app.screen.focused
        assert isinstance(figures, TextArea)
        figures.insert("2024/25: £17.30\n2023/24: £16.00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("England average" in line and "in line" in line for line in lines_of(app))
    saved = load_session(path, framework).area("value-for-money").measures[0]
    assert [c.name for c in saved.comparators] == ["CIPFA median", "England average"]
    assert saved.comparators[0] == judged.comparators[0]
    england = saved.comparators[1]
    assert [(v.period, v.value) for v in england.values] == [
        ("2024/25", "£17.30"),
        ("2023/24", "£16.00"),
    ]


async def test_a_comparator_without_a_name_is_refused_in_the_dialog(
    make_app, session_file, session, framework
):
    session.area("value-for-money").measures = [cost_per_head()]
    path = session_file("area", "value-for-money", "measures")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("tab", "c")
        await pilot.pause()
        blocks = list(app.screen.query(".comparator-figures").results(TextArea))
        blocks[1].focus()
        await type_text(pilot, "2024/25 £17.30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ComparatorsDialog)
        assert "Comparator 2: give it a name." in flat(screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
    assert load_session(path, framework).area("value-for-money").measures[0] == cost_per_head()


async def test_s_then_b_overrules_where_the_team_stands_and_r_takes_the_rule_again(
    make_app, session_file, session, framework
):
    session.area("value-for-money").measures = [cost_per_head()]
    path = session_file("area", "value-for-money", "measures")
    app = make_app(path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "s")
        await pilot.pause()
        assert isinstance(app.screen, StandingsDialog)
        shown = flat(screen_text(app))
        assert "2024/25 · CIPFA median: in line (£17.32 v £17.40) — by the rule" in shown
        await pilot.press("b")  # the latest year is highlighted first
        await settle(pilot)
        assert any(line.endswith("below (team) ▎") for line in lines_of(app))
        read = load_session(path, framework).area("value-for-money").measures[0].standings()[-1]
        assert (read.period, read.standing, read.is_overruled) == ("2024/25", "below", True)
        await pilot.press("s")
        await pilot.pause()
        shown = flat(screen_text(app))
        assert "below (£17.32 v £17.40) — the team's" in shown
        assert "(the rule says in line)" in shown
        await pilot.press("r")
        await settle(pilot)
    read = load_session(path, framework).area("value-for-money").measures[0].standings()[-1]
    assert (read.standing, read.judged) == ("in-line", None)


async def test_s_without_comparable_figures_says_what_to_do(make_app, session_file, session):
    alone = cost_per_head()
    alone.comparators = []
    session.area("value-for-money").measures = [alone]
    app = make_app(session_file("area", "value-for-money", "measures"))
    notices = record_notices(app)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("tab", "s")
        await pilot.pause()
        assert not isinstance(app.screen, StandingsDialog)
        said = [n.message for n in notices]
        assert any("give the measure a comparator (c)" in message for message in said)


# -- importing figures ------------------------------------------------------------------------


def example_without_figures(folder: Path, framework) -> Path:
    """The worked example with every figure and comparator removed (its measures kept)."""
    session = load_session(
        REPO / "sessions" / "example-borough-libraries-2026-03-12.yaml", framework
    )
    session.previous = None
    for record in session.results.values():
        for measure in record.measures:
            measure.values, measure.comparators = [], []
            measure.unit, measure.better = "", None
    session.position = session.position.model_copy(
        update={"place": "area", "item": "value-for-money", "step": "measures"}
    )
    folder.mkdir(exist_ok=True)
    return save_session(session, folder / "bare.yaml")


async def import_from(pilot, path: Path) -> None:
    """i, the path, Enter; then wait for the file to be read."""

    async def write_the_path(dialog: PathDialog) -> None:
        dialog.query_one("#path", Input).value = str(path)

    await answer_import(pilot, write_the_path)


async def test_importing_the_examples_workbook_gives_back_its_figures_as_one_undo_step(
    make_app, tmp_path, framework
):
    path = example_without_figures(tmp_path / "sessions", framework)
    expected = load_session(
        REPO / "sessions" / "example-borough-libraries-2026-03-12.yaml", framework
    )
    app = make_app(path)
    notices = record_notices(app)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        await import_from(pilot, WORKBOOK)
        assert isinstance(app.screen, ImportPlanDialog)
        shown = flat(screen_text(app))
        assert "Import figures from example-borough-libraries-figures.xlsx?" in shown
        assert "Adds" in shown and "replaces" not in shown
        # The example's results areas are agreed: the question says what importing means.
        assert (
            "1.1 Desired strategic outcomes, 1.2 User satisfaction, 1.3 Workforce satisfaction, "
            "development and resilience and 1.4 Value for money are agreed: importing changes "
            "their figures, so they will need agreeing again." in app.screen.message
        )
        assert app.focused is not None and app.focused.id == "choice-cancel"  # agreed: no slip
        await pilot.press("left", "enter")  # Import
        await settle(pilot)
        said = [n.message for n in notices]
        assert any("Imported from example-borough-libraries-figures.xlsx" in m for m in said)
        assert any("1.1, 1.2, 1.3 and 1.4 reopened: to be agreed again." in m for m in said)
        app.clear_notifications()
        await pilot.pause()
        assert "CIPFA nearest neighbours" in screen_text(app)
        assert "◐ in progress" in screen_lines(app)[1]
        imported = load_session(path, framework)
        assert {r.state for r in imported.results.values()} == {"in-progress"}
        for area_id, record in expected.results.items():
            for mine, theirs in zip(
                imported.results[area_id].measures, record.measures, strict=True
            ):
                assert (mine.values, mine.comparators) == (theirs.values, theirs.comparators)
                assert (mine.unit, mine.better) == (theirs.unit, theirs.better)
        await pilot.press("ctrl+z")
        await settle(pilot)
    undone = load_session(path, framework)
    assert all(not m.values for r in undone.results.values() for m in r.measures)
    assert {r.state for r in undone.results.values()} == {"agreed"}


async def answer_import(pilot, answer) -> None:
    """i, then the path dialog answered by ``answer(dialog)``, Enter; wait for the read."""
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PathDialog)
    await answer(pilot.app.screen)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_file_name_typed_after_the_suggested_folder_is_found_in_that_folder(
    make_app, tmp_path, framework
):
    """The dialog starts with the sessions folder; typing the workbook's name goes after it
    (not over it), and the file is read from there, whatever folder the app started in."""
    path = example_without_figures(tmp_path / "sessions", framework)
    (path.parent / WORKBOOK.name).write_bytes(WORKBOOK.read_bytes())
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:

        async def type_the_name(dialog: PathDialog) -> None:
            await type_text(pilot, WORKBOOK.name)
            assert dialog.query_one("#path", Input).value.endswith(WORKBOOK.name)

        await answer_import(pilot, type_the_name)
        assert isinstance(app.screen, ImportPlanDialog), screen_text(app)


async def test_a_relative_name_in_the_path_dialog_is_taken_in_the_suggested_folder(
    make_app, tmp_path, framework
):
    path = example_without_figures(tmp_path / "sessions", framework)
    (path.parent / "mine.xlsx").write_bytes(WORKBOOK.read_bytes())
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:

        async def write_a_relative_name(dialog: PathDialog) -> None:
            dialog.query_one("#path", Input).value = "mine.xlsx"

        await answer_import(pilot, write_a_relative_name)
        assert isinstance(app.screen, ImportPlanDialog), screen_text(app)


async def test_a_figure_the_team_typed_is_replaced_only_when_the_team_says_so(
    make_app, tmp_path, framework
):
    path = example_without_figures(tmp_path / "sessions", framework)
    session = load_session(path, framework)
    session.area("value-for-money").measures[1].values = [
        PeriodValue(period="2024/25", value="£17.00")
    ]
    for record in session.results.values():
        record.state = "in-progress"  # figures usually come in before the areas are agreed
    save_session(session, path)
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await import_from(pilot, WORKBOOK)
        assert isinstance(app.screen, ImportPlanDialog)
        shown = flat(screen_text(app))
        assert "1 value in the session differs from the file" in shown
        assert "Import, replace 1" in shown  # the answers stay on screen below the long list
        await pilot.press("pagedown")  # the list scrolls while the focus stays on the answers
        await pilot.press("enter")  # the first answer: import what is new, keep ours
        await settle(pilot)
        kept = load_session(path, framework).area("value-for-money").measures[1]
        assert [(v.period, v.value) for v in kept.values][-1] == ("2024/25", "£17.00")
        assert len(kept.values) == 3
        await import_from(pilot, WORKBOOK)  # again: now only the one figure differs
        assert "replaces 1 value in the session" in flat(screen_text(app))
        await pilot.press("right", "enter")  # Import, replace 1
        await settle(pilot)
    replaced = load_session(path, framework).area("value-for-money").measures[1]
    assert replaced.values[-1].value == "£17.32"


async def test_a_file_with_bad_cells_shows_each_where_it_is_and_imports_nothing(
    make_app, session_file, tmp_path, framework
):
    path = session_file("area", "outcomes", "measures")
    bad = tmp_path / "figures.csv"
    bad.write_text(
        "area,measure,period,value\n"
        "1.1,Visits,2023/24,41200\n"
        "9.9,Visits,2023/24,1\n"
        "1.1,Visits,last year,1\n"
        "1.1,Visits,2024/25,#DIV/0!\n",
        encoding="utf-8",
    )
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # the figures are imported from any field of the step
        await import_from(pilot, bad)
        dialog = app.screen
        assert isinstance(dialog, FiguresProblemsDialog)
        assert "3 bad cells; nothing was imported" in dialog.message
        shown = screen_text(app)  # each bad cell on a line of its own, under the file's path
        for cell in ("row 3, column A (area)", "row 4, column C (period)", "row 5, column D"):
            assert f"figures.csv, {cell}" in shown, cell
        assert "OK" in shown
        await pilot.press("enter")
        await settle(pilot)
    assert load_session(path, framework).area("outcomes").measures == []


async def test_a_file_that_is_not_there_is_said_in_words(make_app, session_file, tmp_path):
    app = make_app(session_file("area", "outcomes", "measures"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await import_from(pilot, tmp_path / "nowhere.xlsx")
        dialog = app.screen
        assert isinstance(dialog, ErrorDialog)  # the message wraps with the folder's name
        assert "nowhere.xlsx: not found" in dialog.message
        assert "Traceback" not in flat(screen_text(app))


async def test_a_file_with_nothing_new_says_so(make_app, example_copy, framework, tmp_path):
    session = load_session(example_copy, framework)
    session.position = session.position.model_copy(
        update={"place": "area", "item": "outcomes", "step": "measures"}
    )
    save_session(session, example_copy)
    workbook = tmp_path / "same.xlsx"
    workbook.write_bytes(figures_workbook(framework, session))
    app = make_app(example_copy)
    notices = record_notices(app)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        await import_from(pilot, workbook)
        assert any("Nothing to import" in n.message for n in notices)


# -- results linked to practices --------------------------------------------------------------


async def test_l_links_the_results_to_practices_shown_on_the_area_and_the_evidence_step(
    make_app, session_file, framework
):
    path = session_file("area", "outcomes", "measures")
    app = make_app(path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LinkDialog)
        await pilot.press("down", "down", "space", "down", "down", "down", "down", "space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = flat(screen_text(app))
        assert (
            "Explained by the practices of: 3 Evidence-based decision making, 7 Managing and "
            "developing people"
        ) in shown
        assert load_session(path, framework).area("outcomes").linked == ["evidence", "people"]
        app.goto("characteristic", "evidence", "evidence")
        await pilot.pause()
        shown = flat(screen_text(app))
        assert "Results these practices explain: 1.1 Desired strategic outcomes" in shown
        app.goto("characteristic", "leadership", "evidence")
        await pilot.pause()
        assert "Results these practices explain" not in flat(screen_text(app))


# -- the evidence step's figures --------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "standing"), [(SMALL, "in line CIPFA"), (LARGE, "in line with CIPFA median")]
)
async def test_the_evidence_figures_count_years_and_say_where_the_team_stands(
    make_app, session_file, session, size, standing
):
    monthly = Measure(
        name="Issues",
        values=[PeriodValue(period=f"{m} 2024", value="1") for m in ("Jan", "Feb", "Mar")],
        trend="stable",
    )
    vague = Measure(name="Footfall", values=[PeriodValue(period="last year", value="9,000")])
    session.area("value-for-money").measures = [cost_per_head(trend="stable"), monthly, vague]
    app = make_app(session_file("characteristic", "resources", "evidence"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = lines_of(app)
    cost = next(line for line in lines if "Net cost per head" in line)
    assert cost.startswith("=") and f"£16.87 → £17.32 {standing} 3 yrs" in cost
    issues = next(line for line in lines if "Issues" in line)
    assert issues.endswith("1 yr <3y")  # three months of 2024: one year
    footfall = next(line for line in lines if "Footfall" in line)
    assert footfall.endswith("not years")


# -- the comparison screen --------------------------------------------------------------------


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_m_shows_the_measures_of_the_three_community_libraries_side_by_side(
    make_app,
    examples,
    size,  # noqa: F811 (the fixture)
):
    app = make_app(sessions_dir=examples)
    async with app.run_test(size=size) as pilot:
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
        await pilot.press("m")
        await pilot.pause()
        table = comparison.query_one("#measures-table", DataTable)
        assert table.display and table.has_focus
        labels = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
        assert labels[:5] == [
            "1.1 Visits (visits)",
            "  2022/23",
            "  2023/24",
            "  2024/25",
            "  trend",
        ]
        assert "  v Council-run branches (median)" in labels
        keys = [c.key for c in comparison.comparison.columns]
        marsh = keys[[c.session.service.library for c in comparison.comparison.columns].index(
            "Marsh End Community Library"
        )]  # fmt: skip
        row = labels.index("  v Council-run branches (median)") + 3  # its 2024/25
        column = keys.index(marsh) + 1
        assert str(table.get_cell_at((row, column))).strip() == "£4.29 below"
        table.move_cursor(row=row, column=column)
        await pilot.pause()
        cell = flat(str(comparison.query_one("#comparison-cell", Static).render()))
        assert "1.4 Cost per visit" in cell
        assert "2024/25: below Council-run branches (median) (£0.98 v £4.29)" in cell
        assert table.virtual_size.width <= table.size.width  # nothing cut at the right
        await pilot.press("m")
        await pilot.pause()
        assert comparison.query_one("#comparison-table", DataTable).has_focus
