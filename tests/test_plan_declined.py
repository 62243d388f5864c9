"""Drafts the team left out stay left out, in the file; what changed is said in words."""

from __future__ import annotations

from datetime import date

from benchmark_tui.changes import changes
from benchmark_tui.models import DeclinedDraft, Findings
from benchmark_tui.store import load_session, save_session


def test_a_declined_draft_is_not_suggested_again_after_reopening(framework, session, tmp_path):
    session.record("review").improvements = ["First", "Second"]
    first, second = session.suggested_actions(framework)
    assert session.plan.record_declined([first], [second])
    session.plan.actions.append(second)
    path = save_session(session, tmp_path / "s.yaml")

    reopened = load_session(path, framework)
    assert reopened.plan.declined == [DeclinedDraft(item="review", improvement="First")]
    assert reopened.suggested_actions(framework) == []
    offered_again = reopened.suggested_actions(framework, include_declined=True)
    assert [a.improvement for a in offered_again] == ["First"]


def test_taking_a_declined_draft_forgets_that_it_was_declined(framework, session):
    session.record("review").improvements = ["First"]
    (draft,) = session.suggested_actions(framework)
    session.plan.record_declined([draft], [])
    assert session.plan.is_declined("review", "First")
    assert session.plan.record_declined([], [draft])
    assert session.plan.declined == []
    assert not session.plan.record_declined([], [draft])  # nothing left to change


def test_a_plan_without_declined_drafts_writes_no_declined_key(session, tmp_path):
    path = save_session(session, tmp_path / "s.yaml")
    assert "declined" not in path.read_text(encoding="utf-8")


def test_changes_name_declined_drafts_and_the_sign_off(framework, session):
    before = session.model_copy(deep=True)
    session.plan.declined = [DeclinedDraft(item="review", improvement="Run a survey")]
    session.findings = Findings(
        key_messages="- Strong leadership",
        status="final",
        version="1.0",
        date_approved=date(2026, 4, 1),
    )
    assert changes(before, session, framework) == [
        "plan: draft 'Run a survey' left out",
        "findings document: key messages written",
        "findings document: status Final",
        "findings document: version '1.0'",
        "findings document: date approved '2026-04-01'",
    ]
    assert changes(session, before, framework)[0] == "plan: draft 'Run a survey' offered again"
