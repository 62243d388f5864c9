"""Tests for the yearly cycle: the link, what next year's session carries, last time, the review."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from benchmark_tui.cycle import content_hash, load_previous, start_next_file
from benchmark_tui.errors import SaveError, SessionFileError
from benchmark_tui.last_time import LastTime, change_between, plan_completion, review_rows
from benchmark_tui.models import ActionReview, Approach, PreviousSession
from benchmark_tui.store import load_session, read_session, save_session, session_text

NEXT_DAY = date(2027, 3, 11)
NEXT_NOW = datetime(2027, 3, 11, 9, 0, tzinfo=UTC)
AWKWARD = "Survey run in May — 61% response 📚\n[/] ... ---\n  indented, \"quoted\" & 'single'"


@pytest.fixture
def last_year(tmp_path: Path, example_path: Path) -> Path:
    """A writable copy of the worked example, as last year's session."""
    folder = tmp_path / "sessions"
    folder.mkdir()
    return Path(shutil.copy(example_path, folder / example_path.name))


def start(last_year: Path, framework, target: Path | None = None) -> Path:
    written, _notices = start_next_file(last_year, framework, target, today=NEXT_DAY, now=NEXT_NOW)
    return written


# --- the model ----------------------------------------------------------------------------------


def test_new_fields_round_trip_through_the_file(framework, session, tmp_path):
    session.previous = PreviousSession(
        file="../2025/Ours — été.yaml", dates=[date(2025, 3, 13)], hash="sha256:" + "a" * 64
    )
    session.record("leadership").approaches = [
        Approach(text="Staff briefings", from_last_time=True),
        Approach(text=AWKWARD.replace("\n", " "), status="planned"),
    ]
    session.review_action("a1", "partly", AWKWARD)
    session.review_action("a2", None, "")
    path = tmp_path / "s.yaml"
    save_session(session, path)
    loaded = load_session(path, framework)
    assert loaded == session
    assert loaded.plan_review["a1"].note == AWKWARD
    assert loaded.previous is not None and loaded.previous.file == "../2025/Ours — été.yaml"
    assert session_text(loaded) == path.read_text(encoding="utf-8")


def test_empty_new_fields_are_left_out_of_the_file(session):
    session.record("leadership").approaches = [Approach(text="Staff briefings")]
    text = session_text(session)
    assert "previous" not in text
    assert "plan_review" not in text
    assert "from_last_time" not in text


def test_an_unknown_outcome_is_reported_with_its_line(framework, session, tmp_path):
    session.previous = PreviousSession(file="x.yaml", hash="sha256:" + "0" * 64)
    session.review_action("a1", "done")
    path = tmp_path / "s.yaml"
    path.write_text(session_text(session).replace("outcome: done", "outcome: finished"), "utf-8")
    line = next(n for n, t in enumerate(path.read_text("utf-8").splitlines(), 1) if "finished" in t)
    with pytest.raises(SessionFileError) as caught:
        read_session(path, framework)
    assert f"s.yaml:{line}:" in caught.value.message
    assert "plan_review.a1.outcome" in caught.value.message


# --- next: what is carried ----------------------------------------------------------------------


def test_next_carries_service_team_measures_and_approaches(framework, last_year):
    before = load_session(last_year, framework)
    new = load_session(start(last_year, framework), framework)
    assert new.service == before.service
    assert new.workshop.team == before.workshop.team
    assert new.workshop.dates == [NEXT_DAY]
    for area_id, record in before.results.items():
        carried = new.results[area_id].measures
        assert [(m.name, m.values, m.note) for m in carried] == [
            (m.name, m.values, m.note) for m in record.measures
        ]
        assert all(m.trend is None for m in carried)
    leadership = new.characteristics["leadership"].approaches
    assert [a.text for a in leadership] == [
        a.text for a in before.characteristics["leadership"].approaches
    ]
    assert [a.status for a in leadership] == [
        a.status for a in before.characteristics["leadership"].approaches
    ]
    assert all(a.from_last_time for a in leadership)


def test_next_does_not_carry_ratings_findings_agreement_or_position(framework, last_year):
    new = load_session(start(last_year, framework), framework)
    assert new.progress(framework).label == "0/14 agreed"
    assert len(list(new.unrated(framework))) == len(framework.items) * len(framework.elements)
    for record in [*new.results.values(), *new.characteristics.values()]:
        assert record.strengths == [] and record.improvements == []
    assert all(not r.notes and not r.no_data_yet for r in new.results.values())
    assert all(not r.evidence.summary for r in new.characteristics.values())
    assert new.plan.actions == [] and new.plan_review == {}
    assert new.position.place == "briefing"
    assert new.created == NEXT_NOW


def test_next_links_to_the_previous_file_by_name_dates_and_hash(framework, last_year):
    new = load_session(start(last_year, framework), framework)
    assert new.previous is not None
    assert new.previous.file == last_year.name
    assert new.previous.dates == [date(2026, 3, 12), date(2026, 3, 19)]
    assert new.previous.hash == content_hash(last_year.read_bytes())


def test_next_is_named_after_the_service_and_day_and_never_overwrites(framework, last_year):
    first = start(last_year, framework)
    assert first == last_year.parent / "example-borough-libraries-2027-03-11.yaml"
    second = start(last_year, framework)
    assert second == last_year.parent / "example-borough-libraries-2027-03-11-2.yaml"
    assert load_session(first, framework).previous == load_session(second, framework).previous


def test_next_refuses_an_existing_target(framework, last_year, tmp_path):
    target = tmp_path / "taken.yaml"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(SaveError, match="exists already"):
        start(last_year, framework, target)
    assert target.read_text(encoding="utf-8") == "keep me"


def test_next_elsewhere_links_with_a_relative_path(framework, last_year, tmp_path):
    target = tmp_path / "2027" / "ours.yaml"
    target.parent.mkdir()
    new = load_session(start(last_year, framework, target), framework)
    assert new.previous is not None and new.previous.file == f"../sessions/{last_year.name}"
    assert load_previous(new, target, framework).service.name == "Example Borough Libraries"


def test_an_invalid_previous_file_gives_the_located_error(framework, tmp_path, session):
    bad = tmp_path / "bad.yaml"
    bad.write_text(session_text(session).replace("scope: whole-service", "scope: all"), "utf-8")
    with pytest.raises(SessionFileError) as caught:
        start_next_file(bad, framework, today=NEXT_DAY)
    assert "bad.yaml:" in caught.value.message and "service.scope" in caught.value.message
    assert not list(tmp_path.glob("testshire*"))


# --- loading the previous session ---------------------------------------------------------------


def test_the_previous_session_loads_when_unchanged(framework, last_year):
    new_path = start(last_year, framework)
    new = load_session(new_path, framework)
    assert load_previous(new, new_path, framework) == load_session(last_year, framework)


def test_a_previous_file_with_windows_line_endings_is_the_same_file(framework, last_year):
    new_path = start(last_year, framework)
    last_year.write_bytes(last_year.read_bytes().replace(b"\n", b"\r\n"))
    previous = load_previous(load_session(new_path, framework), new_path, framework)
    assert previous.service.name == "Example Borough Libraries"


def test_a_moved_previous_file_is_reported_by_name(framework, last_year):
    new_path = start(last_year, framework)
    last_year.rename(last_year.with_name("moved.yaml"))
    with pytest.raises(SessionFileError) as caught:
        load_previous(load_session(new_path, framework), new_path, framework)
    message = caught.value.message
    assert message.startswith(str(new_path))
    assert last_year.name in message and "moved" in message and "12 March 2026" in message


def test_a_changed_previous_file_is_reported_never_used(framework, last_year):
    new_path = start(last_year, framework)
    text = last_year.read_text(encoding="utf-8")
    last_year.write_text(text.replace("value: 3\n", "value: 4\n", 1), encoding="utf-8")
    with pytest.raises(SessionFileError) as caught:
        load_previous(load_session(new_path, framework), new_path, framework)
    assert "has changed" in caught.value.message
    assert content_hash(last_year.read_bytes()) in caught.value.message


def test_a_session_without_a_previous_one_says_so(framework, session, tmp_path):
    with pytest.raises(SessionFileError, match="does not follow on"):
        load_previous(session, tmp_path / "s.yaml", framework)


# --- last time ---------------------------------------------------------------------------------


def test_last_time_gives_ratings_notes_findings_and_changes(framework, last_year):
    previous = load_session(last_year, framework)
    new = load_session(start(last_year, framework), framework)
    last = LastTime(previous)
    assert last.rating("leadership", "plan") == 3
    assert last.rating_note("leadership", "plan").startswith("Vision and strategy")
    assert last.strengths("leadership") == previous.characteristics["leadership"].strengths
    assert last.improvements("outcomes") == previous.results["outcomes"].improvements
    assert last.change(new, "leadership", "plan").text == ""  # not rated yet
    new.set_rating("leadership", "plan", 4)
    new.set_rating("leadership", "do", 3)
    new.set_rating("leadership", "check-act", 1)
    assert last.change(new, "leadership", "plan").text == "▲1"
    assert last.change(new, "leadership", "do").text == "="
    assert last.change(new, "leadership", "check-act").text == "▼1"
    assert last.change(new, "leadership", "check-act").words == "down 1"


@pytest.mark.parametrize(
    ("before", "after", "text", "ascii_text"),
    [
        (1, 3, "▲2", "+2"),
        (3, 3, "=", "="),
        (4, 0, "▼4", "-4"),
        (None, 2, "", ""),
        (2, None, "", ""),
    ],
)
def test_changes_read_with_a_symbol_and_a_number(before, after, text, ascii_text):
    change = change_between(before, after)
    assert (change.text, change.ascii) == (text, ascii_text)


# --- the review of last time's plan --------------------------------------------------------------


def test_the_plan_review_lists_every_previous_action_with_its_outcome(framework, last_year):
    previous = load_session(last_year, framework)
    new = load_session(start(last_year, framework), framework)
    first, second = previous.plan.actions[0].id, previous.plan.actions[1].id
    new.review_action(first, "done", "Done in May")
    new.review_action(second, "dropped")
    rows = review_rows(previous, new)
    assert [r.action.id for r in rows] == [a.id for a in previous.plan.actions]
    assert rows[0].review == ActionReview(outcome="done", note="Done in May")
    assert rows[1].review.outcome_label == "dropped"
    assert not rows[2].is_reviewed
    completion = plan_completion(new, previous)
    assert completion.counts == {"done": 1, "partly": 0, "not-done": 0, "dropped": 1}
    assert completion.not_reviewed == len(previous.plan.actions) - 2
    assert completion.label().startswith("1 done, 1 dropped, ")
    assert plan_completion(new).not_reviewed == 0  # without the previous plan at hand


def test_the_cycle_and_compare_modules_never_import_textual():
    """`next` and `compare` run headless, like the rest of the core."""
    code = (
        "import sys, benchmark_tui.cycle, benchmark_tui.compare, benchmark_tui.compare_table; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
