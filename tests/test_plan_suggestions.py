"""Suggestions for the plan (issue 20 items 5 and 8): what the day raises waits in the session
and becomes draft actions only when the team builds the plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from benchmark_tui.cycle import link_to, next_session
from benchmark_tui.edits import ReplaceAction, SuggestPoint, TakeSuggestions
from benchmark_tui.models import Action
from benchmark_tui.store import load_session, save_session
from benchmark_tui.workshop import OpenSession


def open_session(session, tmp_path, framework) -> OpenSession:
    return OpenSession.open(save_session(session, tmp_path / "s.yaml"), framework)


def test_a_parked_point_suggested_for_the_plan_waits_as_a_suggestion(framework, session, tmp_path):
    session.parking_lot.park("Car park lighting", "leadership")
    opened = open_session(session, tmp_path, framework)
    try:
        opened.apply(SuggestPoint(point_id="p1"))
        assert opened.session.plan.actions == []  # nothing in the plan yet
        [draft] = opened.session.suggested_actions(framework)
        assert (draft.action, draft.item) == ("Car park lighting", "leadership")
        assert opened.session.parking_lot.points[0].state == "suggested"
        opened.apply(TakeSuggestions(taken=(draft,)))
        point = opened.session.parking_lot.points[0]
        assert (point.state, point.action) == ("action", draft.id)
        assert opened.session.suggested_actions(framework) == []
        opened.save_now()
    finally:
        opened.close()
    reopened = load_session(tmp_path / "s.yaml", framework)
    assert reopened.parking_lot.points[0].action == reopened.plan.actions[0].id


def test_suggesting_a_point_again_takes_the_suggestion_back(framework, session, tmp_path):
    session.parking_lot.park("Car park lighting", None)
    opened = open_session(session, tmp_path, framework)
    try:
        opened.apply(SuggestPoint(point_id="p1"))
        opened.apply(SuggestPoint(point_id="p1"))
        assert opened.session.parking_lot.points[0].state == "open"
        assert opened.session.suggested_actions(framework) == []
    finally:
        opened.close()


def test_a_drafted_improvement_is_phrased_as_an_action_and_marked_unedited(framework, session):
    session.record("review").improvements = ["Staff unaware of the strategy"]
    [draft] = session.suggested_actions(framework)
    assert draft.action != draft.improvement
    assert draft.action.startswith("Address")
    assert "Staff unaware of the strategy" in draft.action
    assert draft.draft


def test_editing_a_drafted_action_makes_it_the_teams(framework, session, tmp_path):
    session.record("review").improvements = ["Staff unaware of the strategy"]
    opened = open_session(session, tmp_path, framework)
    try:
        [draft] = opened.session.suggested_actions(framework)
        opened.apply(TakeSuggestions(taken=(draft,)))
        assert opened.session.plan.actions[0].draft
        same = opened.session.plan.actions[0].model_copy(update={"owner": "Sam Branch"})
        opened.apply(ReplaceAction(action=same))  # an owner, but still the draft's words
        assert opened.session.plan.actions[0].draft
        edited = same.model_copy(update={"action": "Brief every team on the strategy"})
        opened.apply(ReplaceAction(action=edited))
        assert not opened.session.plan.actions[0].draft
    finally:
        opened.close()


def test_an_existing_plan_loads_unchanged_and_writes_no_draft_key(framework, session, tmp_path):
    session.plan.actions = [Action(id="a1", action="Run a survey", improvement="Survey")]
    path = save_session(session, tmp_path / "s.yaml")
    assert "draft" not in path.read_text(encoding="utf-8")
    assert not load_session(path, framework).plan.actions[0].draft


def test_a_source_not_collected_by_several_characteristics_is_drafted_once(framework, session):
    session.record("people").evidence.not_collected = ["Partner surveys"]
    session.record("collaboration").evidence.not_collected = ["Partner surveys"]
    drafts = [a for a in session.suggested_actions(framework) if a.origin == "no-data"]
    assert len(drafts) == 1
    [draft] = drafts
    assert draft.action.startswith("Start collecting partner surveys")
    assert framework.item("people").title in draft.action
    assert framework.item("collaboration").title in draft.action


def test_a_source_already_planned_for_one_characteristic_is_not_drafted_again(framework, session):
    session.record("people").evidence.not_collected = ["Partner surveys"]
    [draft] = session.suggested_actions(framework)
    session.plan.actions = [draft]
    session.record("collaboration").evidence.not_collected = ["Partner surveys"]
    assert session.suggested_actions(framework) == []


def test_a_point_suggested_but_never_planned_is_parked_again_next_year(framework, session):
    """A suggestion the plan never took is still waiting: next year it is parked again."""
    session.parking_lot.park("Car park lighting", "leadership")
    session.parking_lot.suggest("p1")
    link = link_to(session, Path("last.yaml"), b"", Path("next.yaml"))
    new = next_session(session, framework, link, today=date(2027, 3, 11))
    assert [(p.text, p.state) for p in new.parking_lot.points] == [("Car park lighting", "open")]
