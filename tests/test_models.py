"""Tests for the framework and session models: structure, constraints and helpers."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from benchmark_tui.models import (
    Action,
    Framework,
    ImprovementPlan,
    Rating,
    ServiceInfo,
    Session,
    clean_text,
    count_remark,
    session_context,
)


def test_framework_has_the_structure_of_the_benchmarking_framework(framework: Framework):
    assert len(framework.areas) == 4
    assert [a.number for a in framework.areas] == ["1.1", "1.2", "1.3", "1.4"]
    assert len(framework.items) == 10
    assert [c.number for c in framework.items] == list(range(1, 11))
    assert [e.title for e in framework.elements] == ["Plan", "Do", "Check / act", "Impact"]
    assert [(p.value, p.label) for p in framework.scale] == [
        (0, "Not at all"),
        (1, "Just started"),
        (2, "To some extent"),
        (3, "To a large extent"),
        (4, "Completely"),
    ]
    assert len(framework.methodology.steps) == 9


def test_every_characteristic_has_its_bullets_guidance_and_data_sources(framework: Framework):
    for characteristic in framework.items:
        assert len(characteristic.includes) == 6, characteristic.id
        assert characteristic.guidance, characteristic.id
        assert characteristic.data_sources, characteristic.id
    leadership = framework.characteristic("leadership")
    assert leadership.includes_lead == "This involves leaders:"
    assert "Staff surveys" in leadership.data_sources
    assert framework.characteristic("evidence").data_sources[-1] == "LG Inform"


def test_framework_text_keeps_the_seed_wording(framework: Framework):
    assert framework.area("value-for-money").includes[2] == (
        "achieving positive results compared with external benchmarks where relevant"
    )
    assert "Comment by" not in framework.model_dump_json()
    assert "bookmark" not in framework.model_dump_json()


def test_content_hash_changes_when_the_text_changes(framework: Framework):
    data = framework.model_dump()
    data["characteristics"]["items"][0]["title"] = "Leadership!"
    changed = Framework.model_validate(data)
    assert changed.content_hash != framework.content_hash
    assert Framework.model_validate(framework.model_dump()).content_hash == framework.content_hash


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["characteristics"]["items"].pop(), "10 characteristics"),
        (lambda d: d["results"]["areas"].pop(), "4 results areas"),
        (lambda d: d["scale"].pop(), "0, 1, 2, 3, 4"),
        (
            lambda d: d["characteristics"]["items"][1].update(id="leadership"),
            "used twice",
        ),
        (
            lambda d: d["characteristics"]["items"][2].update(number=7),
            "numbered 1 to 10",
        ),
        (lambda d: d["evaluation"]["elements"][1].update(id="plan"), "unique"),
        (lambda d: d.update(colour="blue"), "Extra inputs"),
    ],
)
def test_framework_cross_checks_reject_inconsistent_frameworks(framework, mutate, message):
    data = framework.model_dump()
    mutate(data)
    with pytest.raises(ValidationError, match=message):
        Framework.model_validate(data)


def test_new_session_has_a_record_for_every_item_and_element(framework, session):
    assert list(session.results) == [a.id for a in framework.areas]
    assert list(session.characteristics) == [c.id for c in framework.items]
    for record in session.characteristics.values():
        assert list(record.ratings) == ["plan", "do", "check-act", "impact"]
        assert all(r.value is None for r in record.ratings.values())
    assert session.matches(framework)
    assert session.progress(framework).label == "0/14 agreed"


def test_setting_a_rating_marks_the_characteristic_in_progress(framework, session):
    session.set_rating("evidence", "do", 3)
    assert session.record("evidence").rating_for("do") == 3
    assert session.record("evidence").state == "in-progress"
    assert session.progress(framework).in_progress == 1


@pytest.mark.parametrize("bad", [5, -1, True, "3", 2.5])
def test_ratings_must_be_whole_numbers_from_0_to_4(bad):
    with pytest.raises(ValidationError):
        Rating(value=bad)


def test_ratings_accept_every_scale_value_and_unrated():
    assert [Rating(value=v).value for v in (None, 0, 1, 2, 3, 4)] == [None, 0, 1, 2, 3, 4]


def test_assignment_is_validated(session):
    with pytest.raises(ValidationError):
        session.record("leadership").ratings["plan"].value = 9
    with pytest.raises(ValidationError):
        session.record("leadership").state = "finished"  # type: ignore[assignment]


def test_strengths_must_be_non_empty_text(session):
    with pytest.raises(ValidationError):
        session.record("leadership").strengths = ["Clear vision", "   "]


def test_unknown_ids_are_rejected_when_checked_against_the_framework(framework, session):
    data = session.model_dump()
    data["characteristics"]["leadershp"] = data["characteristics"].pop("leadership")
    with pytest.raises(ValidationError, match="leadershp"):
        Session.model_validate(data, context=session_context(framework))


def test_unknown_ids_are_kept_and_collected_when_the_framework_differs(framework, session):
    data = session.model_dump()
    data["characteristics"]["retired-item"] = data["characteristics"]["leadership"]
    context = session_context(framework, strict_ids=False)
    loaded = Session.model_validate(data, context=context)
    assert "retired-item" in loaded.characteristics
    assert context["unknown_ids"] == ["retired-item"]


def test_a_library_scope_needs_the_library_named():
    with pytest.raises(ValidationError, match="name the library"):
        ServiceInfo(name="Example", scope="library")
    info = ServiceInfo(name="Example", scope="library", library="Central Library")
    assert info.scope_label == "Individual library: Central Library"


def test_text_is_cleaned_of_control_characters_but_keeps_newlines_and_unicode():
    assert clean_text("a\x00b\x07c\r\nd\re\tf 🙂 שלום") == "abc\nd\ne\tf 🙂 שלום"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], "none yet: aim for two to four strengths"),
        (["a"], "only 1 strength: aim for two to four strengths"),
        (["a", "b"], None),
        (["a", "b", "c", "d"], None),
        (["a", "b", "c", "d", "e"], "5 strengths: the method suggests two to four"),
    ],
)
def test_count_remark_is_gentle_outside_two_to_four(items, expected):
    remark = count_remark("strength", items)
    if expected is None:
        assert remark is None
    else:
        assert remark is not None and remark.startswith(expected)


def test_findings_remarks_only_cover_started_items(framework, session):
    assert session.findings_remarks(framework) == []
    session.record("people").strengths = ["Strong induction"]
    session.mark_started("people")
    remarks = session.findings_remarks(framework)
    assert [(r.item_id, r.message.split(":")[0]) for r in remarks] == [
        ("people", "only 1 strength"),
        ("people", "none yet"),
    ]


def test_suggested_actions_come_from_improvements_and_missing_data(framework, session):
    session.area("workforce").no_data_yet = True
    session.record("review").improvements = ["Run annual self-assessment"]
    suggestions = session.suggested_actions(framework)
    assert [(a.item, a.origin) for a in suggestions] == [
        ("workforce", "no-data"),
        ("review", "improvement"),
    ]
    assert len({a.id for a in suggestions}) == 2
    session.plan.actions.extend(suggestions)
    assert session.suggested_actions(framework) == []


def test_action_ids_must_be_unique():
    with pytest.raises(ValidationError, match="unique"):
        ImprovementPlan(actions=[Action(id="a1", action="One"), Action(id="a1", action="Two")])
    plan = ImprovementPlan(actions=[Action(id="a1", action="One"), Action(id="a3", action="3")])
    assert plan.next_id() == "a4"


def test_unrated_lists_every_missing_rating(framework, session):
    assert len(list(session.unrated(framework))) == 40
    session.set_rating("leadership", "plan", 0)
    assert len(list(session.unrated(framework))) == 39
