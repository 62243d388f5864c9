"""The findings document says truly where missing data stands with the plan, and marks
drafted actions the team has not reworded (issue 20 item 8), read back from the .docx."""

from __future__ import annotations

from benchmark_tui.models import DeclinedDraft


def not_collected_line(report) -> str:
    return next(p for p in report.paragraphs("Callout") if p.startswith("Not collected yet:"))


def test_a_source_left_out_of_the_plan_is_not_said_to_be_in_it(session, framework, export):
    session.record("people").evidence.not_collected = ["Staff surveys"]
    session.record("review").improvements = ["Run an annual self-assessment"]
    drafts = session.suggested_actions(framework)
    source = next(a for a in drafts if a.origin == "no-data")
    session.plan.actions = [a for a in drafts if a is not source]
    session.plan.declined = [DeclinedDraft(item=source.item, improvement=source.improvement)]
    line = not_collected_line(export(session))
    assert "is an action" not in line
    assert "not in the improvement plan" in line


def test_a_source_in_the_plan_names_its_action(session, framework, export):
    session.record("people").evidence.not_collected = ["Staff surveys"]
    session.plan.actions = session.suggested_actions(framework)
    line = not_collected_line(export(session))
    assert "action A1 of the improvement plan" in line


def test_before_the_plan_is_built_missing_data_is_a_suggestion(session, export):
    session.record("people").evidence.not_collected = ["Staff surveys"]
    session.area("workforce").no_data_yet = True
    report = export(session)
    assert "suggested for the improvement plan" in not_collected_line(report)
    area_line = next(p for p in report.paragraphs("Callout") if p.startswith("No data collected"))
    assert "suggested for the improvement plan" in area_line
    assert "is an action for the improvement plan" not in report.text()


def test_an_unedited_draft_is_marked_in_the_plan_table(session, framework, export):
    session.record("review").improvements = ["Staff unaware of the strategy"]
    [draft] = session.suggested_actions(framework)
    worded = draft.model_copy(update={"id": "a2", "action": "Brief every team", "draft": False})
    session.plan.actions = [draft, worded]
    table = export(session).tables("Improvement plan")[0]
    cells = [row.cells[1].text for row in table.rows[1:]]
    assert "draft" in cells[0].lower()
    assert "draft" not in cells[1].lower()


def test_a_parked_point_suggested_for_the_plan_says_so_in_the_appendix(session, export):
    session.parking_lot.park("Car park lighting", "leadership")
    session.parking_lot.suggest("p1")
    table = export(session).tables("Parking lot")[0]
    assert table.rows[1].cells[2].text == "Suggested for the plan"
