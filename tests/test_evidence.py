"""The evidence the framework asks for: sources not collected yet become plan actions by the
same rule as a results area with no data, and measures need three years of data."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from benchmark_tui.changes import changes
from benchmark_tui.models import AreaRecord, Evidence, Measure, PeriodValue
from benchmark_tui.models.drafts import no_data_draft
from benchmark_tui.store import load_session, save_session, session_text


def measure(*values: str, trend: str | None = None) -> Measure:
    return Measure(
        name="Visits",
        values=[PeriodValue(period=f"20{20 + n}", value=v) for n, v in enumerate(values)],
        trend=trend,
    )


# -- sources not collected yet ---------------------------------------------------------------


def test_a_source_not_collected_drafts_one_plan_action(framework, session):
    session.record("people").evidence.not_collected = ["Staff surveys"]
    (draft,) = session.suggested_actions(framework)
    assert (draft.item, draft.origin) == ("people", "no-data")
    assert draft.action == "Start collecting staff surveys"
    assert draft.improvement == "No data collected yet: Staff surveys"
    session.plan.actions.append(draft)
    assert session.suggested_actions(framework) == []


def test_areas_and_sources_follow_one_rule_in_workshop_order(framework, session):
    session.area("workforce").no_data_yet = True
    session.record("evidence").evidence.not_collected = ["LG Inform"]
    session.record("evidence").improvements = ["Evaluate outcomes"]
    drafts = session.suggested_actions(framework)
    assert [(a.item, a.origin, a.action) for a in drafts] == [
        (
            "workforce",
            "no-data",
            "Start collecting data on " + framework.area("workforce").title.lower(),
        ),
        ("evidence", "no-data", "Start collecting LG Inform"),  # capitals kept
        ("evidence", "improvement", "Address: Evaluate outcomes"),
    ]
    area = framework.area("workforce")
    assert (
        drafts[0].improvement
        == no_data_draft(area).improvement
        == (f"No data collected yet for {area.label}")
    )  # unchanged, so plans already made still match their drafts


def test_a_declined_source_draft_is_remembered_after_reopening(framework, session, tmp_path):
    session.record("people").evidence.not_collected = ["Staff surveys", "CIPFA stats"]
    first, second = session.suggested_actions(framework)
    assert session.plan.record_declined([first], [second])
    session.plan.actions.append(second)
    reopened = load_session(save_session(session, tmp_path / "s.yaml"), framework)
    assert reopened.suggested_actions(framework) == []
    again = reopened.suggested_actions(framework, include_declined=True)
    assert [a.improvement for a in again] == ["No data collected yet: Staff surveys"]


def test_a_draft_in_the_plan_is_planned(framework, session):
    draft = no_data_draft(framework.characteristic("people"), "Staff surveys")
    assert not draft.is_planned(session.plan)
    session.plan.actions.append(draft.to_action(session.plan.next_id()))
    assert draft.is_planned(session.plan)


def test_an_absurdly_long_source_still_drafts_a_valid_action(framework):
    draft = no_data_draft(framework.characteristic("people"), "x" * 20_000)
    action = draft.to_action("a1")
    assert len(action.improvement) < 1_000 and action.improvement.endswith("…")


def test_a_source_is_either_reviewed_or_not_collected():
    with pytest.raises(ValidationError, match="either reviewed or not collected yet"):
        Evidence(sources_reviewed=["LG Inform"], not_collected=["LG Inform"])
    evidence = Evidence(sources_reviewed=["LG Inform"], not_collected=["Staff surveys"])
    # Swapping the two never holds a source in both lists on the way.
    assert evidence.set_sources(["Staff surveys"], ["LG Inform"])
    assert (evidence.state_of("Staff surveys"), evidence.state_of("LG Inform")) == (
        "reviewed",
        "not-collected",
    )
    assert evidence.state_of("Taking Part") is None
    assert not evidence.set_sources(["Staff surveys"], ["LG Inform"])


NASTY = [
    "[/] [bold]x",
    "Survey: 'quoted' \"twice\" # not a comment",
    "- looks like a list",
    "Ünïcödé 📚 survey",
    "yes",
    "null",
]


@pytest.mark.parametrize("source", NASTY)
def test_sources_not_collected_round_trip(framework, session, source, tmp_path):
    session.record("people").evidence.not_collected = [source, "Staff surveys"]
    path = save_session(session, tmp_path / "s.yaml")
    reread = load_session(path, framework)
    assert reread.record("people").evidence.not_collected == [source, "Staff surveys"]
    assert session_text(reread) == path.read_text(encoding="utf-8")


def test_old_files_without_the_field_load_and_write_no_empty_key(framework, session, tmp_path):
    path = save_session(session, tmp_path / "s.yaml")
    assert "not_collected" not in path.read_text(encoding="utf-8")
    assert load_session(path, framework).record("people").evidence.not_collected == []


def test_sources_not_collected_are_cleaned_like_any_line(framework, session):
    session.record("people").evidence.not_collected = ["  Staff\r\nsurveys\x07  "]
    assert session.record("people").evidence.not_collected == ["Staff\nsurveys"]
    with pytest.raises(ValidationError):
        session.record("people").evidence.not_collected = ["   "]


def test_undo_says_what_changed_about_sources(framework, session):
    before = session.model_copy(deep=True)
    session.record("people").evidence.not_collected = ["Staff surveys"]
    (said,) = changes(before, session, framework)
    assert said.endswith(": data source 'Staff surveys' marked not collected yet")
    after = session.model_copy(deep=True)
    session.record("people").evidence.set_sources(["Staff surveys"], [])
    (said,) = changes(after, session, framework)
    assert said.endswith(
        ": data source 'Staff surveys' no longer marked not collected yet and reviewed"
    )
    (said,) = changes(session, after, framework)  # what undoing that says
    assert said.endswith(": data source 'Staff surveys' marked not collected yet")


# -- three years of data ---------------------------------------------------------------------


@pytest.mark.parametrize(("periods", "enough"), [(0, False), (2, False), (3, True), (5, True)])
def test_three_years_of_data_are_asked_for(periods, enough):
    assert measure(*[str(n) for n in range(periods)]).has_three_years is enough


def test_the_same_period_twice_counts_once():
    twice = Measure(
        name="Visits",
        values=[
            PeriodValue(period="2024", value="1"),
            PeriodValue(period="2024", value="2"),
            PeriodValue(period="2025", value="3"),
        ],
    )
    assert not twice.has_three_years


def test_an_area_lists_its_short_measures():
    short, full = measure("1", "2"), measure("1", "2", "3")
    assert AreaRecord(measures=[short, full]).short_measures == [short]
    assert AreaRecord().short_measures == []


# -- trends ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "direction", "mark"),
    [
        (("41,200", "39,800", "36,600"), "down", "▼"),
        (("£3.10", "£3.40"), "up", "▲"),
        (("87%", "n/a", "87%"), "level", "="),
        (("−4%", "2%"), "up", "▲"),
        (("n/a", "12"), None, ""),
        ((), None, ""),
    ],
)
def test_the_direction_is_read_from_the_figures(values, direction, mark):
    found = measure(*values)
    assert (found.direction, found.trend_mark) == (direction, mark)


def test_the_teams_trend_comes_before_the_figures():
    falling_cost = measure("£3.40", "£3.10", trend="improving")
    assert (falling_cost.trend_word, falling_cost.trend_mark) == ("improving", "▲")
    assert measure("1", "5", trend="mixed").trend_mark == "↕"
    assert measure("5", "5", trend="stable").trend_mark == "="
