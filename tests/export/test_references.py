"""One scheme of references (issue 22, finding 2): this year's actions A1 …, last year's shown as
last year's (``2025-A3``), and an id in the team's notes turned into the reference it means,
with nothing else the team typed changed."""

from __future__ import annotations

from benchmark_tui.cycle import load_previous
from benchmark_tui.export.pieces import refer_to_actions
from benchmark_tui.models import Action

from .conftest import EXAMPLE_SESSION, table_caption

REFS = {"a7": "A1", "a2": "A2", "a10": "A3"}


def test_an_id_becomes_the_reference_of_the_action_it_names():
    assert refer_to_actions("a7 and a2 depend on a10.", REFS) == "A1 and A2 depend on A3."


def test_nothing_else_the_team_typed_is_changed():
    for text in (
        'The poster said "a7 first" in big letters.',
        "Printed on A2 paper; see “a2” in the minutes; ba7, a7-size, a77.",
        "Quote ‘a10’ kept.",
    ):
        assert refer_to_actions(text, REFS) == text


def test_since_last_time_numbers_last_years_actions_as_last_years(framework, example, export):
    previous = load_previous(example, EXAMPLE_SESSION, framework)
    report = export(example, previous=previous)
    plan = next(t for t in report.doc.tables if "previous improvement plan" in table_caption(t))
    refs = [row.cells[0].text for row in plan.rows[1:]]
    assert refs == [f"2025-A{n}" for n in range(1, len(previous.plan.actions) + 1)]
    notes = {row.cells[0].text: row.cells[4].text for row in plan.rows[1:]}
    # The review's notes name this year's actions by id: they read as this year's references.
    assert notes["2025-A3"].endswith("carried into this plan as A1.")
    assert notes["2025-A6"].endswith("replaced by the Open Access pilot (A3).")


def test_plan_notes_refer_by_position_whatever_the_ids(framework, example, export):
    session = example.model_copy(deep=True)
    first, second = session.plan.actions[:2]
    session.plan.actions = [
        Action(**{**second.model_dump(), "id": "a12"}),
        Action(**{**first.model_dump(), "id": "a3"}),
    ]
    session.plan.notes = 'a3 waits for a12. Keep the "a3" label on the A4 poster.'
    report = export(session)
    assert 'A2 waits for A1. Keep the "a3" label on the A4 poster.' in report.paragraphs()
