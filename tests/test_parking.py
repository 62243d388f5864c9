"""The parking lot: parking points, making one a plan action, closing one, the file, changes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from benchmark_tui import changes
from benchmark_tui.models import MAX_ITEMS, ParkingLot
from benchmark_tui.store import load_session, save_session, session_text


def test_a_parked_point_is_tagged_with_its_item_and_cleaned(session):
    point = session.parking_lot.park("  Car park\r lighting ", "leadership")
    assert (point.id, point.text, point.item, point.state) == (
        "p1",
        "Car park\n lighting",
        "leadership",
        "open",
    )
    assert session.parking_lot.park("Opening hours", None).id == "p2"
    assert [p.id for p in session.parking_lot.open_points] == ["p1", "p2"]


def test_an_empty_point_is_refused(session):
    with pytest.raises(ValueError, match="Not parked. Text: is empty"):
        session.parking_lot.park("   ", "leadership")
    assert session.parking_lot.points == []


def test_the_lot_has_the_sessions_limit():
    with pytest.raises(ValidationError):
        ParkingLot.model_validate(
            {"points": [{"id": f"p{n}", "text": "x"} for n in range(1, MAX_ITEMS + 2)]}
        )


def plan_point(session, framework, point_id):
    """Suggest a parked point for the plan and take its draft into the plan, as the plan
    screen does (``SuggestPoint``, then ``TakeSuggestions``); the action it became."""
    session.parking_lot.suggest(point_id)
    [action] = session.suggested_actions(framework)
    session.plan.actions = [*session.plan.actions, action]
    session.parking_lot.link_actions(session.plan.actions)
    return action


def test_a_parked_point_becomes_a_plan_action_with_its_item(framework, session):
    session.parking_lot.park("Car park lighting", "leadership")
    action = plan_point(session, framework, "p1")
    assert (action.id, action.action, action.item, action.origin) == (
        "a1",
        "Car park lighting",
        "leadership",
        "team",
    )
    point = session.parking_lot.points[0]
    assert (point.state, point.action) == ("action", "a1")
    session.parking_lot.suggest("p1")  # only once: a point made an action is not offered again
    assert session.parking_lot.points[0].state == "action"
    assert session.suggested_actions(framework) == []


def test_closing_keeps_the_point_marked_closed(session):
    session.parking_lot.park("Car park lighting", "leadership")
    session.parking_lot.close("p1")
    assert session.parking_lot.points[0].state == "closed"
    assert session.parking_lot.open_points == []
    session.parking_lot.reopen("p1")
    assert session.parking_lot.points[0].state == "open"


def test_the_parking_lot_round_trips_and_is_left_out_while_empty(framework, session, tmp_path):
    path = save_session(session, tmp_path / "s.yaml")
    assert "parking_lot" not in path.read_text(encoding="utf-8")
    session.parking_lot.park("Car park lighting", "leadership")
    session.parking_lot.park("Opening hours: ask the council", None)
    session.parking_lot.close("p2")
    save_session(session, path)
    loaded = load_session(path, framework)
    assert loaded.parking_lot == session.parking_lot
    assert session_text(loaded) == session_text(session)


def test_changes_say_what_happened_to_parked_points(framework, session):
    before = session.model_copy(deep=True)
    session.parking_lot.park("Car park lighting", "leadership")
    assert changes.changes(before, session, framework) == ["point 'Car park lighting' parked"]
    before = session.model_copy(deep=True)
    session.parking_lot.close("p1")
    assert changes.changes(before, session, framework) == [
        "parked point 'Car park lighting' closed"
    ]


def test_the_findings_document_has_a_parking_lot_appendix(framework, session, tmp_path):
    """Point, the item it came from and what became of it; none without parked points."""
    from docx import Document

    from benchmark_tui.export import write_report

    plain = write_report(framework, session, tmp_path / "plain.docx")
    assert "Appendix: parking lot" not in [p.text for p in Document(str(plain)).paragraphs]
    session.parking_lot.park("Car park lighting [/b]", "leadership")
    session.parking_lot.park("Opening hours", None)
    session.parking_lot.park("Staff rota", "people")
    plan_point(session, framework, "p1")
    session.parking_lot.close("p3")
    target = write_report(framework, session, tmp_path / "out.docx")
    document = Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Appendix: parking lot" in headings
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Point", "Raised during", "What became of it"] in rows
    assert ["Car park lighting [/b]", "1 Leadership", "Plan action A1"] in rows
    assert ["Opening hours", "—", "Still parked"] in rows
    assert ["Staff rota", "7 Managing and developing people", "Closed"] in rows


def test_next_years_session_carries_the_points_still_parked(framework, session, tmp_path):
    """Open points are parked again next year (with their item); those closed or made plan
    actions stay with this year's session."""
    from datetime import date

    from benchmark_tui.cycle import start_next_file

    session.parking_lot.park("Car park lighting", "leadership")
    session.parking_lot.park("Opening hours", None)
    session.parking_lot.park("Staff rota", "people")
    plan_point(session, framework, "p1")
    session.parking_lot.close("p3")
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = save_session(session, folder / "this-year.yaml")
    written, _ = start_next_file(path, framework, today=date(2027, 3, 11))
    carried = load_session(written, framework).parking_lot.points
    assert [(p.id, p.text, p.item, p.state) for p in carried] == [
        ("p1", "Opening hours", None, "open")
    ]
