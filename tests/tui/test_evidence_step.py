"""The Evidence step by keys: a source marked "not collected yet" is suggested for the plan
and drafted when the team builds it, and the Section 1 figures are beside it."""

from __future__ import annotations

from benchmark_tui.models import Measure, PeriodValue
from benchmark_tui.tui.screens.characteristic import CharacteristicScreen
from benchmark_tui.tui.screens.dialogs import ChoiceDialog
from benchmark_tui.tui.screens.plan import PlanScreen

from .conftest import LARGE, SMALL, reload
from .screen import flat, screen_text
from .test_app import settle

STAFF = "Staff surveys"
"""The first recommended data source of "people" (Developing a skilled workforce)."""


async def test_a_source_not_collected_is_drafted_when_the_plan_is_built(
    make_app, session_file, framework
):
    path = session_file("characteristic", "people", "evidence")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("tab", "n")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("s")  # early: asks first
        await pilot.pause()
        await pilot.press("right", "enter")  # "Build it now": the drafts, all ticked
        await pilot.pause()
        assert "Start collecting staff surveys" in flat(screen_text(app))
        await pilot.press("ctrl+s")  # add them
        await settle(pilot)
    actions = reload(path, framework).plan.actions
    assert [(a.item, a.origin, a.improvement) for a in actions] == [
        ("people", "no-data", "No data collected yet: Staff surveys")
    ]


async def test_space_on_a_source_not_collected_asks_which_is_meant(
    make_app, session_file, framework, session
):
    session.record("people").evidence.not_collected = [STAFF]
    path = session_file("characteristic", "people", "evidence")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("tab", "space")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # nothing changes unasked
        await pilot.pause()
        assert app.session.record("people").evidence.state_of(STAFF) == "not-collected"
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("right", "enter")  # "Reviewed: clear the mark"
        await settle(pilot)
    evidence = reload(path, framework).record("people").evidence
    assert (evidence.sources_reviewed, evidence.not_collected) == ([STAFF], [])


async def test_n_again_clears_the_mark_and_ctrl_z_brings_it_back(
    make_app, session_file, framework, session
):
    session.record("people").evidence.not_collected = [STAFF]
    path = session_file("characteristic", "people", "evidence")
    app = make_app(path)
    said: list[str] = []
    async with app.run_test(size=SMALL) as pilot:
        app.notify = lambda message, **kw: said.append(message)  # type: ignore[method-assign]
        await pilot.press("tab", "n")  # no longer marked: no question to answer
        await settle(pilot)
        assert isinstance(app.screen, CharacteristicScreen)
        assert reload(path, framework).record("people").evidence.not_collected == []
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert said == [
        "Undone: Managing and developing people: data source 'Staff surveys' marked not "
        "collected yet"
    ]
    assert reload(path, framework).record("people").evidence.not_collected == [STAFF]


async def test_the_section_1_figures_are_shown_beside_the_evidence(make_app, session_file, session):
    session.area("outcomes").measures = [
        Measure(
            name="Physical visits",
            values=[
                PeriodValue(period=str(y), value=v)
                for y, v in ((2023, "41,200"), (2024, "39,800"), (2025, "36,600"))
            ],  # fmt: skip
        ),
        Measure(
            name="Satisfied users",
            values=[PeriodValue(period="2024", value="87%")],
            trend="stable",
        ),
    ]
    app = make_app(session_file("characteristic", "people", "evidence"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        shown = screen_text(app)
    lines = [" ".join(line.split()) for line in shown.splitlines()]
    assert "Section 1 figures · 2 measures ▲▼=↕ trend · <3y under three years" in lines
    assert any(
        line.startswith("▼ down 1.1 Physical visits 41,200 → 36,600 3 yrs") for line in lines
    )
    assert any(line.startswith("= stable 1.1 Satisfied users 87% 1 yr <3y") for line in lines)
    assert "Evidence summary: what the data says" in lines  # still on screen at 80×24
    assert "No Section 1 figures yet" not in shown


async def test_without_measures_a_short_hint_stands_in_for_the_figures(make_app, session_file):
    app = make_app(session_file("characteristic", "people", "evidence"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        shown = flat(screen_text(app))
    assert "No Section 1 figures yet" in shown
    assert "Section 1 figures ·" not in shown


async def test_markup_in_a_source_and_a_measure_is_shown_as_typed(make_app, session_file, session):
    session.record("people").evidence.not_collected = ["[bold]Exit[/] interviews"]
    session.area("outcomes").measures = [
        Measure(name="[@click=app.quit]Visits", values=[PeriodValue(period="2025", value="[/]")])
    ]
    app = make_app(session_file("characteristic", "people", "evidence"))
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        shown = flat(screen_text(app))
    assert "[–] [bold]Exit[/] interviews ← not collected yet" in shown
    assert "1.1 [@click=app.quit]Visits [/] 1 yr <3y" in shown


def test_each_measure_keeps_to_one_line_of_the_figures(framework):
    from rich.console import Console

    from benchmark_tui.models import AreaRecord
    from benchmark_tui.tui.widgets.figures import figures_table

    two_lines = Measure(
        name="Visits\n(all branches)",
        values=[PeriodValue(period="2024", value="41,200\nestimated")],
    )
    area = framework.areas[0]
    table = figures_table([(area, AreaRecord(measures=[two_lines, two_lines]))])
    console = Console(width=80, record=True)
    console.print(table)
    lines = console.export_text().splitlines()
    assert len(lines) == 2
    assert "1.1 Visits (all branches)" in lines[0] and "41,200 estimated" in lines[0]
    assert figures_table([(area, AreaRecord())]) is None


def test_a_long_measure_name_wraps_whole_at_80_columns_rather_than_losing_its_end(framework):
    from rich.console import Console

    from benchmark_tui.models import AreaRecord
    from benchmark_tui.tui.widgets.figures import figures_table

    name = "Cost per visit (net revenue expenditure ÷ physical visits, CIPFA)"
    measure = Measure(
        name=name,
        values=[
            PeriodValue(period="2022/23", value="£7.22"),
            PeriodValue(period="2024/25", value="£4.29"),
        ],
    )
    area = framework.areas[3]
    console = Console(width=76, record=True)
    console.print(figures_table([(area, AreaRecord(measures=[measure]))], wide=False))
    text = console.export_text()
    assert "…" not in text
    assert " ".join(text.split()).count("£7.22 → £4.29") == 1
    words = [w for w in text.split() if w not in ("£7.22", "→", "£4.29", "2", "yrs", "<3y")]
    assert " ".join(words).endswith(f"1.4 {name}")
