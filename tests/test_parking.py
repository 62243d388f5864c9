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
    with pytest.raises(ValidationError):
        session.parking_lot.park("   ", "leadership")
    assert session.parking_lot.points == []


def test_the_lot_has_the_sessions_limit():
    with pytest.raises(ValidationError):
        ParkingLot.model_validate(
            {"points": [{"id": f"p{n}", "text": "x"} for n in range(1, MAX_ITEMS + 2)]}
        )


def test_a_parked_point_becomes_a_plan_action_with_its_item(session):
    session.parking_lot.park("Car park lighting", "leadership")
    actions = list(session.plan.actions)
    action = session.parking_lot.make_action("p1", actions)
    session.plan.actions = actions
    assert action is not None
    assert (action.id, action.action, action.item, action.origin) == (
        "a1",
        "Car park lighting",
        "leadership",
        "team",
    )
    point = session.parking_lot.points[0]
    assert (point.state, point.action) == ("action", "a1")
    assert session.parking_lot.make_action("p1", actions) is None  # only once


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
