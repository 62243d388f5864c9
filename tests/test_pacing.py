"""Pacing: the agenda's rules, the projected finish, the stopwatch, time spent in the file and
in the open session (not an edit: no undo step, no version, kept by undo)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from pydantic import ValidationError

from benchmark_tui import changes
from benchmark_tui.models import (
    Agenda,
    DayHours,
    Stopwatch,
    clock_label,
    project_finish,
)
from benchmark_tui.store import load_session, save_session, session_text
from benchmark_tui.workshop import OpenSession

DAY_ONE, DAY_TWO = date(2026, 3, 12), date(2026, 3, 19)


def test_with_no_hours_set_a_day_is_six_hours_spread_evenly_over_the_items(framework):
    """09:30–16:30 less an hour's breaks: 360 minutes, whole minutes, adding up exactly."""
    agenda = Agenda()
    spread = agenda.spread(framework.item_ids, 1)
    assert list(spread) == framework.item_ids
    assert sum(spread.values()) == 360
    assert set(spread.values()) == {25, 26}
    assert sum(Agenda().spread(framework.item_ids, 2).values()) == 720


def test_a_budget_set_by_hand_is_kept_and_the_others_share_the_rest(framework):
    agenda = Agenda(budgets={"leadership": 60})
    spread = agenda.spread(framework.item_ids, 1)
    assert spread["leadership"] == 60
    assert sum(spread.values()) == 360
    others = [m for i, m in spread.items() if i != "leadership"]
    assert max(others) - min(others) <= 1


def test_hours_per_day_count_less_their_breaks(framework):
    agenda = Agenda(days=[DayHours(start=time(10), end=time(16), breaks=30)])
    assert agenda.available(1) == 330
    assert agenda.available(2) == 330 + 360  # day 2 has the default hours


@pytest.mark.parametrize(
    "hours",
    [
        {"start": "16:00", "end": "09:00"},
        {"start": "09:00", "end": "10:00", "breaks": 90},
        {"breaks": -5},
    ],
)
def test_impossible_hours_are_refused(hours):
    with pytest.raises(ValidationError):
        DayHours.model_validate(hours)


def test_a_budget_must_be_a_positive_number_of_minutes():
    with pytest.raises(ValidationError, match="budget of leadership"):
        Agenda(budgets={"leadership": 0})


def test_the_projected_finish_at_budget_pace_fills_the_day(framework):
    """Nothing done at 09:30 on day 1: six hours of work and the hour's breaks end at 16:30."""
    agenda = Agenda()
    budgets = agenda.spread(framework.item_ids, 1)
    start = datetime(2026, 3, 12, 9, 30)
    finish = project_finish(agenda, [DAY_ONE], budgets, {}, set(), start)
    assert finish.label == "Projected finish: 16:30, day 1"


@pytest.mark.parametrize(
    "now",
    [datetime(2026, 3, 12, 20, 15), datetime(2026, 3, 13, 9, 0), datetime(2026, 3, 11, 8, 0)],
    ids=["evening of the day", "the day after", "the day before"],
)
def test_before_the_workshop_has_started_the_finish_is_the_plan_never_an_overrun(framework, now):
    """Nothing spent, nothing agreed, outside the day's hours: the items fill the day as
    planned (during the day's hours the count starts now: see the overview's test)."""
    agenda = Agenda()
    budgets = agenda.spread(framework.item_ids, 1)
    finish = project_finish(agenda, [DAY_ONE], budgets, {}, set(), now)
    assert (finish.over, finish.label) == (0, "Projected finish: 16:30, day 1")


def test_once_started_a_late_evening_still_counts_from_now(framework):
    agenda = Agenda()
    budgets = agenda.spread(framework.item_ids, 1)
    spent = {framework.item_ids[0]: 600}
    finish = project_finish(agenda, [DAY_ONE], budgets, spent, set(), datetime(2026, 3, 12, 20))
    assert finish.over > 0 and "min over" in finish.label


def test_the_projected_finish_follows_the_pace_so_far(framework):
    """Two items agreed in twice their budget: the rest is projected at that pace, and runs
    into day 2."""
    agenda = Agenda()
    budgets = agenda.spread(framework.item_ids, 2)
    done = set(framework.item_ids[:2])
    spent = {i: budgets[i] * 2 * 60 for i in done}
    now = datetime(2026, 3, 12, 11, 0)
    slow = project_finish(agenda, [DAY_ONE, DAY_TWO], budgets, spent, done, now)
    at_budget = project_finish(
        agenda, [DAY_ONE, DAY_TWO], budgets, {i: budgets[i] * 60 for i in done}, done, now
    )
    assert slow.day == 2 and at_budget.day == 2
    assert slow.when > at_budget.when
    assert slow.over > 0 and "min over" in slow.label
    assert at_budget.over == 0


def test_stopwatch_counts_only_while_running_and_not_across_a_sleep():
    watch = Stopwatch()
    watch.follow("leadership", 100.0)
    watch.look(160.0)
    assert watch.take() == 60
    watch.paused = True
    watch.look(400.0)
    assert watch.take() == 0
    watch.paused = False
    watch.look(1400.0)  # the laptop slept: a gap of many minutes is not counted
    assert watch.take() == 0
    watch.look(1430.5)
    assert watch.take() == 30
    watch.follow("governance", 1431.0)  # what was left (half a second) stays with leadership
    assert watch.pending == 0.0


def test_clock_labels():
    assert clock_label(750) == "12:30"
    assert clock_label(0) == "0:00"
    assert clock_label(3900) == "1:05:00"


def test_agenda_and_time_spent_round_trip_and_are_left_out_while_empty(
    framework, session, tmp_path
):
    path = tmp_path / "s.yaml"
    save_session(session, path)
    text = path.read_text(encoding="utf-8")
    assert "agenda" not in text and "time_spent" not in text
    session.agenda = Agenda(
        days=[DayHours(start=time(9), end=time(17), breaks=45)], budgets={"leadership": 40}
    )
    session.time_spent = {"leadership": 754}
    save_session(session, path)
    loaded = load_session(path, framework)
    assert loaded.agenda == session.agenda
    assert loaded.time_spent == {"leadership": 754}
    assert session_text(loaded) == session_text(session)


def test_time_for_an_unknown_item_is_refused(framework, session, tmp_path):
    path = tmp_path / "s.yaml"
    save_session(session, path)
    text = path.read_text(encoding="utf-8") + "time_spent:\n  no-such-item: 60\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Exception, match="no-such-item"):
        load_session(path, framework)


def test_time_spent_is_not_an_edit_and_survives_undo(framework, session, tmp_path):
    """Time spent goes into the session without an undo step or a version; undo keeps it."""
    path = save_session(session, tmp_path / "s.yaml")
    opened = OpenSession.open(path, framework)
    opened.session.record("leadership").strengths.append("Clear vision")
    opened.record_edit()
    opened.save_now()
    versions_before = len(opened.versions())
    opened.record_time("leadership", 90)
    opened.record_time("leadership", 30)
    assert opened.session.time_spent == {"leadership": 120}
    assert opened.save_now()
    assert len(opened.versions()) == versions_before  # time alone keeps no version
    assert load_session(path, framework).time_spent == {"leadership": 120}
    said = opened.undo()
    assert said is not None and "Clear vision" in said  # the undo took the edit, not the time
    assert opened.session.time_spent == {"leadership": 120}
    assert opened.undo() is None  # and the time made no undo step of its own
    opened.close()


def test_changes_name_the_agenda_but_not_time_spent(framework, session):
    after = session.model_copy(deep=True)
    after.time_spent = {"leadership": 600}
    assert changes.changes(session, after, framework) == []
    after.agenda = Agenda(budgets={"leadership": 30})
    assert changes.changes(session, after, framework) == ["agenda changed"]


def test_next_years_session_starts_without_time_spent_or_agenda(framework, session, tmp_path):
    from benchmark_tui.cycle import start_next_file

    session.agenda = Agenda(budgets={"leadership": 40})
    session.time_spent = {"leadership": 1800, "people": 600}
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = save_session(session, folder / "this-year.yaml")
    written, _ = start_next_file(path, framework, today=date(2027, 3, 11))
    new = load_session(written, framework)
    assert new.time_spent == {} and new.agenda == Agenda()
    assert "time_spent" not in written.read_text(encoding="utf-8")
