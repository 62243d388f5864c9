"""Typed edits through the open session: checked at once, one undo step each, undone whole.

Screens hand :mod:`benchmark_tui.edits` values to ``OpenSession.apply`` (issue 24, "edits
through the core"); undo restores a snapshot of the whole session, so no field can be missed
(issue 20 item 7).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmark_tui import edits
from benchmark_tui.edits import (
    AddActions,
    AddListItem,
    AddMeasure,
    ClosePoint,
    ConfirmApproach,
    Edit,
    EditListItem,
    EditPoint,
    EditRefused,
    ImportFigures,
    JudgeStanding,
    MoveAction,
    MoveListItem,
    ParkPoint,
    RecordRound,
    RemoveAction,
    RemoveListItem,
    RemoveMeasure,
    Reopen,
    ReopenPoint,
    ReplaceAction,
    ReplaceMeasure,
    ReviewAction,
    SendAndAgree,
    SetAgenda,
    SetApproachStatus,
    SetAttendance,
    SetComparators,
    SetDetails,
    SetEditing,
    SetFindings,
    SetKeyMessages,
    SetLinked,
    SetNoData,
    SetRating,
    SetRatingNote,
    SetSources,
    SetState,
    SetText,
    SetTrend,
    SetUnsent,
    SuggestPoint,
    TakeSuggestions,
    reopening,
)
from benchmark_tui.figures_read import FigureRow, FiguresRead, Where
from benchmark_tui.models import (
    Action,
    Agenda,
    Attendance,
    Findings,
    Measure,
    PeriodValue,
    ServiceInfo,
    Session,
)
from benchmark_tui.models.evidence import Comparator, ComparatorValue
from benchmark_tui.store import load_framework, save_session
from benchmark_tui.workshop import COALESCE_SECONDS, OpenSession, StrayChange
from tests.conftest import EXAMPLE_SESSION

FRAMEWORK = load_framework()
AREAS = [a.id for a in FRAMEWORK.areas]
CHARACTERISTICS = [c.id for c in FRAMEWORK.items]
ELEMENTS = [e.id for e in FRAMEWORK.elements]


@contextmanager
def opened_copy(source: Path = EXAMPLE_SESSION) -> Iterator[OpenSession]:
    """The worked example (or ``source``), opened from a copy in a folder of its own."""
    folder = Path(tempfile.mkdtemp(prefix="edits-"))
    try:
        path = folder / "s.yaml"
        shutil.copy(source, path)
        opened = OpenSession.open(path, FRAMEWORK)
        try:
            yield opened
        finally:
            opened.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def content(opened: OpenSession) -> dict[str, Any]:
    """The session as saved, less where the team is and the clock."""
    data = opened.session.model_dump(mode="json")
    for key in ("position", "time_spent", "unsent", "editing"):
        data.pop(key, None)
    return data


@pytest.fixture
def opened(session: Session, tmp_path: Path) -> Iterator[OpenSession]:
    path = save_session(session, tmp_path / "s.yaml")
    workshop = OpenSession.open(path, FRAMEWORK)
    yield workshop
    workshop.close()


# -- checked at once ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (RemoveListItem(item="leadership", list_name="strengths", index=0), "no strength 1"),
        (SetRating(item="leadership", element="no-such", value=2), "not an element"),
        (SetRating(item="no-such-item", element="plan", value=2), "not a results area"),
        (SetRating(item="leadership", element="plan", value=9), "less than or equal to 4"),
        (AddListItem(item="leadership", list_name="strengths", text="x" * 20_001), "at most"),
        (RecordRound(item="leadership", element="plan", text="Sam -", revealed=False), ""),
        (SetNoData(item="leadership", no_data=True), "not a results area"),
        (ClosePoint(point_id="p9"), "no point 'p9'"),
        (RemoveAction(action_id="a9"), "no action 'a9'"),
    ],
)
def test_a_bad_edit_is_refused_at_once_saying_why_and_changes_nothing(opened, edit, said):
    before = content(opened)
    with pytest.raises(EditRefused) as refused:
        opened.apply(edit)
    assert said in refused.value.message
    assert "pydantic" not in refused.value.message and "http" not in refused.value.message
    assert content(opened) == before
    assert not opened.can_undo


def test_a_refused_edit_puts_back_what_it_had_half_done_in_the_same_session_object(opened):
    session = opened.session
    opened.apply(SetRating(item="leadership", element="plan", value=1))
    before = content(opened)
    # The round is kept, then the agreed rating is refused: the round goes too.
    with pytest.raises(EditRefused):
        opened.apply(
            RecordRound(item="leadership", element="plan", text="0 1 2", revealed=True, agreed=7)
        )
    assert opened.session is session
    assert content(opened) == before


def test_an_edit_marks_its_item_in_progress_and_agreeing_is_one_undo_step(opened):
    opened.apply(AddListItem(item="leadership", list_name="strengths", text="Clear vision"))
    assert opened.session.state_of("leadership") == "in-progress"
    opened.apply(SetState(item="leadership", state="agreed"))
    assert opened.session.state_of("leadership") == "agreed"
    assert opened.undo() == "Leadership: reopened"  # what the undo did
    assert opened.session.state_of("leadership") == "in-progress"


def test_an_edit_that_changes_nothing_keeps_no_undo_step(opened):
    applied = opened.apply(SetText(item="leadership", field="evidence-summary", text=""))
    assert not applied.changed
    assert not opened.can_undo
    assert opened.session.state_of("leadership") == "not-started"


def test_every_edit_names_the_item_it_touches():
    assert SetRating(item="leadership", element="plan", value=1).item == "leadership"
    assert SetState(item="outcomes", state="agreed").item == "outcomes"
    assert ParkPoint(text="Car park", raised_on="leadership").item is None
    assert AddActions(actions=()).item is None


def test_typing_into_one_box_is_one_undo_step_and_another_box_is_another(opened):
    for n, text in enumerate(["a", "ab", "abc"]):
        opened.apply(SetText(item="leadership", field="evidence-summary", text=text), now=n)
    opened.apply(SetText(item="outcomes", field="notes", text="Up"), now=3)
    later = 3 + COALESCE_SECONDS + 1
    opened.apply(SetText(item="outcomes", field="notes", text="Up again"), now=later)
    assert opened.undo() == "Desired strategic outcomes: notes edited"
    assert opened.undo() == "Desired strategic outcomes: notes cleared"
    assert opened.undo() == "Leadership: evidence summary cleared"
    assert opened.session.record("leadership").evidence.summary == ""


def test_the_words_of_an_edit_say_what_changed(opened):
    applied = opened.apply(SetRating(item="leadership", element="plan", value=3))
    assert applied.said == "Leadership: Plan rated 3"


# -- undo of a parked point's text (issue 20 item 7) ------------------------------------------


def test_editing_a_parked_points_text_undoes_and_says_what_it_undid(opened):
    opened.apply(ParkPoint(text="Car park lighting", raised_on="leadership"))
    point = opened.session.parking_lot.points[0]
    opened.apply(EditPoint(point_id=point.id, text="Car park lighting after 6pm"))
    said = opened.undo()
    assert said == "parked point 'Car park lighting after 6pm' edited to 'Car park lighting'"
    assert opened.session.parking_lot.points[0].text == "Car park lighting"


def test_a_change_no_phrase_describes_is_said_in_general_naming_the_part(opened):
    """Undo never says "no change" when something changed: a change the describer does not
    know (a parked point moved to another item, an approach marked from last time again) is
    said in general words, but truly, naming the part."""
    from benchmark_tui import changes

    opened.apply(ParkPoint(text="Car park lighting", raised_on="leadership"))
    opened.apply(AddListItem(item="leadership", list_name="approaches", text="Walkabouts"))
    old = opened.session
    new = old.model_copy(deep=True)
    new.parking_lot.points[0].item = "governance"
    assert changes.changes(old, new, FRAMEWORK) == ["parked point 'Car park lighting' changed"]
    new = old.model_copy(deep=True)
    record = new.record("leadership")
    record.approaches = [a.model_copy(update={"from_last_time": True}) for a in record.approaches]
    assert changes.changes(old, new, FRAMEWORK) == ["Leadership: approaches changed"]
    assert changes.changes(old, old.model_copy(deep=True), FRAMEWORK) == []


def test_undo_of_a_change_no_phrase_describes_names_the_part_changed(opened):
    opened.apply(ParkPoint(text="Car park lighting", raised_on="leadership"))
    opened.session.parking_lot.points[0].item = "governance"  # as a script would
    opened.record_edit()
    assert opened.undo() == "parked point 'Car park lighting' changed"
    assert opened.session.parking_lot.points[0].item == "leadership"


# -- Section 1 as benchmarking (issue 23) ----------------------------------------------------


def _cost_per_head() -> Measure:
    return Measure(
        name="Net cost per head",
        values=[
            PeriodValue(period=p, value=v)
            for p, v in [("2023/24", "£17.17"), ("2024/25", "£17.32")]
        ],
        better="lower",
    )


@pytest.fixture
def with_measure(opened):
    opened.apply(AddMeasure(item="value-for-money", measure=_cost_per_head()))
    return opened


def test_comparators_are_set_judged_and_undone_one_step_each(with_measure):
    opened = with_measure
    median = Comparator(
        name="CIPFA median", values=[ComparatorValue(period="2024/25", value="£15.90")]
    )
    applied = opened.apply(SetComparators(item="value-for-money", index=0, comparators=(median,)))
    assert applied.said == "Value for money: measure 'Net cost per head' changed"
    measure = opened.session.area("value-for-money").measures[0]
    assert measure.standing(measure.comparators[0], "2024/25").suggested == "above"
    opened.apply(
        JudgeStanding(
            item="value-for-money", index=0, comparator="cipfa  MEDIAN", period="2024/25",
            standing="in-line",
        )
    )  # fmt: skip
    read = opened.session.area("value-for-money").measures[0].standings()[0]
    assert (read.standing, read.is_overruled) == ("in-line", True)
    opened.undo()
    assert opened.session.area("value-for-money").measures[0].standings()[0].judged is None
    opened.undo()
    assert opened.session.area("value-for-money").measures[0].comparators == []


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (JudgeStanding(item="value-for-money", index=0, comparator="England", period="2024/25",
                       standing="above"), "no comparator named 'England'"),
        (SetTrend(item="value-for-money", index=3, trend="stable"), "no measure 4"),
        (SetLinked(item="outcomes", linked=("leadership", "outcomes")), "Not a characteristic"),
        (SetLinked(item="leadership", linked=("evidence",)), "not a results area"),
    ],
)  # fmt: skip
def test_a_benchmarking_edit_that_does_not_fit_is_refused_saying_why(with_measure, edit, said):
    before = content(with_measure)
    with pytest.raises(EditRefused) as refused:
        with_measure.apply(edit)
    assert said in refused.value.message
    assert content(with_measure) == before


def test_the_suggested_trend_taken_is_the_teams_and_undone(with_measure):
    opened = with_measure
    suggested = opened.session.area("value-for-money").measures[0].suggested_trend.trend
    assert suggested == "stable"
    opened.apply(SetTrend(item="value-for-money", index=0, trend=suggested))
    assert opened.session.area("value-for-money").measures[0].trend == "stable"
    assert opened.undo() == "Value for money: measure 'Net cost per head' changed"


def test_linking_practices_says_so_and_shows_on_the_characteristic(opened):
    applied = opened.apply(SetLinked(item="outcomes", linked=("evidence", "service-design")))
    assert applied.said == "Desired strategic outcomes: linked practices changed"
    assert opened.session.areas_linked_to("evidence") == ["outcomes"]


def test_figures_imported_are_one_undo_step_and_replace_only_when_asked(with_measure):
    opened = with_measure
    where = Where(None, 2, 4)
    rows = [
        FigureRow(where, "value-for-money", "net cost PER head", "2024/25", "£17.50"),
        FigureRow(where, "value-for-money", "Net cost per head", "2022/23", "£16.87"),
        FigureRow(where, "outcomes", "Visits", "2024/25", "1,068,900"),
    ]
    read = FiguresRead(Path("figures.xlsx"), rows)
    opened.apply(ImportFigures(read=read))
    measure = opened.session.area("value-for-money").measures[0]
    assert [(v.period, v.value) for v in measure.values] == [
        ("2022/23", "£16.87"), ("2023/24", "£17.17"), ("2024/25", "£17.32")
    ]  # fmt: skip
    assert [m.name for m in opened.session.area("outcomes").measures][-1] == "Visits"
    opened.apply(ImportFigures(read=read, replace=True))
    assert opened.session.area("value-for-money").measures[0].values[-1].value == "£17.50"
    opened.undo()
    opened.undo()
    assert opened.session.area("value-for-money").measures[0] == _cost_per_head()
    assert "Visits" not in [m.name for m in opened.session.area("outcomes").measures]


# -- nothing changes the session but an edit ---------------------------------------------------


def test_a_change_made_in_place_is_caught(opened):
    """The guard the whole suite runs under: a screen that changed the session in place
    (no undo step, no checks) fails the test that drives it."""
    opened.session.record("leadership").strengths.append("Changed in place")
    with pytest.raises(StrayChange, match="strength 'Changed in place' added"):
        opened.apply(SetRating(item="leadership", element="plan", value=1))
    with pytest.raises(StrayChange):
        opened.prepare_save()


def test_in_use_a_change_made_in_place_is_kept_saved_and_undoable(opened, monkeypatch):
    monkeypatch.setattr(OpenSession, "check_stray_changes", False)
    opened.session.record("leadership").strengths.append("Changed in place")
    assert opened.save_now()
    assert opened.undo() == "Leadership: strength 'Changed in place' removed"


# -- random edits of every kind, all undone (issue 20 item 7) ---------------------------------

words = st.text(alphabet="abcdefghij klmn", min_size=1, max_size=12).map(str.strip).filter(bool)
indexes = st.integers(min_value=-1, max_value=5)
areas = st.sampled_from([*AREAS, "no-such-item"])
characteristics = st.sampled_from(CHARACTERISTICS)
items = st.sampled_from([*AREAS, *CHARACTERISTICS])
lists = st.sampled_from(["strengths", "improvements", "approaches"])
action_ids = st.sampled_from([f"a{n}" for n in range(1, 12)])
point_ids = st.sampled_from([f"p{n}" for n in range(1, 6)])


def actions() -> st.SearchStrategy[Action]:
    return st.builds(
        Action,
        id=action_ids,
        action=words,
        item=st.none() | items,
        priority=st.sampled_from(["high", "medium", "low"]),
    )


def measures() -> st.SearchStrategy[Measure]:
    values = st.lists(st.builds(PeriodValue, period=words, value=words), max_size=3)
    return st.builds(Measure, name=words, values=values)


periods = st.sampled_from(["2022/23", "2023/24", "2024/25", "2024", "last year"])
figures = st.sampled_from(["41,200", "£15.90", "87%", "n/a", "12"]) | words
comparator_names = st.sampled_from(["CIPFA median", "England average", "cipfa  MEDIAN"])


def comparators() -> st.SearchStrategy[Comparator]:
    values = st.lists(
        st.builds(
            ComparatorValue,
            period=periods,
            value=figures,
            standing=st.none() | st.sampled_from(["above", "below", "in-line"]),
        ),
        max_size=3,
        unique_by=lambda v: v.period,
    )
    return st.builds(Comparator, name=comparator_names, values=values)


def figure_rows() -> st.SearchStrategy[FigureRow]:
    return st.builds(
        FigureRow,
        where=st.builds(Where, sheet=st.none(), row=st.integers(2, 9), column=st.just(4)),
        area_id=st.sampled_from(AREAS),
        measure=st.sampled_from(["Visits", "Cost per visit"]) | words,
        period=periods,
        value=figures,
        comparator=st.just("") | comparator_names,
        unit=st.just("") | st.just("visits"),
        better=st.none() | st.sampled_from(["higher", "lower"]),
    )


EDIT_STRATEGIES: dict[type[Edit], st.SearchStrategy[Edit]] = {
    SetState: st.builds(SetState, item=items, state=st.sampled_from(["agreed", "in-progress"])),
    AddListItem: st.builds(
        AddListItem,
        item=items,
        list_name=lists,
        text=words,
        status=st.sampled_from(["in-place", "planned"]),
    ),
    EditListItem: st.builds(EditListItem, item=items, list_name=lists, index=indexes, text=words),
    RemoveListItem: st.builds(RemoveListItem, item=items, list_name=lists, index=indexes),
    SetEditing: st.builds(
        SetEditing, item=items, list_name=lists, index=indexes, text=st.just("") | words
    ),
    MoveListItem: st.builds(
        MoveListItem, item=items, list_name=lists, index=indexes, delta=st.sampled_from([-1, 1])
    ),
    SetApproachStatus: st.builds(
        SetApproachStatus,
        item=characteristics,
        index=indexes,
        status=st.sampled_from(["in-place", "planned"]),
    ),
    ConfirmApproach: st.builds(ConfirmApproach, item=characteristics, index=indexes),
    SetText: st.builds(
        SetText, item=items, field=st.sampled_from(["notes", "evidence-summary"]), text=words
    ),
    SetRating: st.builds(
        SetRating,
        item=characteristics,
        element=st.sampled_from(ELEMENTS),
        value=st.none() | st.integers(0, 4),
    ),
    SetRatingNote: st.builds(
        SetRatingNote, item=characteristics, element=st.sampled_from(ELEMENTS), note=words
    ),
    RecordRound: st.builds(
        RecordRound,
        item=characteristics,
        element=st.sampled_from(ELEMENTS),
        text=st.sampled_from(["0 1 3 1 0", "Sam 3, Jo 2", "Al 3, Bo 2", "2 2", "nonsense"]),
        revealed=st.booleans(),
        dissent=st.just("") | words,
        agreed=st.none() | st.integers(0, 4),
    ),
    SetSources: st.builds(
        SetSources,
        item=characteristics,
        reviewed=st.lists(words, max_size=3, unique=True).map(tuple),
        not_collected=st.lists(st.sampled_from(["Surveys", "Footfall"]), unique=True).map(tuple),
    ),
    SetNoData: st.builds(SetNoData, item=areas, no_data=st.booleans()),
    AddMeasure: st.builds(AddMeasure, item=areas, measure=measures(), clear_no_data=st.booleans()),
    ReplaceMeasure: st.builds(ReplaceMeasure, item=areas, index=indexes, measure=measures()),
    RemoveMeasure: st.builds(RemoveMeasure, item=areas, index=indexes),
    AddActions: st.builds(AddActions, actions=st.lists(actions(), max_size=2).map(tuple)),
    TakeSuggestions: st.builds(
        TakeSuggestions,
        taken=st.lists(actions(), max_size=2).map(tuple),
        left_out=st.lists(actions(), max_size=2).map(tuple),
    ),
    ReplaceAction: st.builds(ReplaceAction, action=actions()),
    RemoveAction: st.builds(RemoveAction, action_id=action_ids),
    MoveAction: st.builds(MoveAction, action_id=action_ids, delta=st.sampled_from([-1, 1])),
    ReviewAction: st.builds(
        ReviewAction,
        action_id=action_ids,
        outcome=st.none() | st.sampled_from(["done", "partly", "not-done", "dropped"]),
        note=st.none() | words,
    ),
    ParkPoint: st.builds(ParkPoint, text=words, raised_on=st.none() | items),
    EditPoint: st.builds(EditPoint, point_id=point_ids, text=words),
    ClosePoint: st.builds(ClosePoint, point_id=point_ids),
    ReopenPoint: st.builds(ReopenPoint, point_id=point_ids),
    SuggestPoint: st.builds(SuggestPoint, point_id=point_ids),
    SetDetails: st.builds(
        SetDetails,
        service=st.builds(ServiceInfo, name=words),
        workshop=st.just(None),
    ),
    SetAttendance: st.builds(
        SetAttendance,
        attendance=st.dictionaries(
            st.just(date(2026, 3, 12)),
            st.builds(Attendance, present=st.lists(words, max_size=3)),
            max_size=1,
        ),
    ),
    SetAgenda: st.builds(
        SetAgenda,
        agenda=st.builds(Agenda, budgets=st.dictionaries(items, st.integers(1, 120), max_size=2)),
    ),
    SetKeyMessages: st.builds(SetKeyMessages, text=words),
    SetComparators: st.builds(
        SetComparators,
        item=areas,
        index=indexes,
        comparators=st.lists(comparators(), max_size=2).map(tuple),
    ),
    JudgeStanding: st.builds(
        JudgeStanding,
        item=areas,
        index=indexes,
        comparator=comparator_names,
        period=periods,
        standing=st.none() | st.sampled_from(["above", "below", "in-line"]),
    ),
    SetTrend: st.builds(
        SetTrend,
        item=areas,
        index=indexes,
        trend=st.none() | st.sampled_from(["improving", "stable", "declining", "mixed"]),
    ),
    SetLinked: st.builds(
        SetLinked,
        item=items,
        linked=st.lists(st.sampled_from([*CHARACTERISTICS, "no-such"]), max_size=3).map(tuple),
    ),
    ImportFigures: st.builds(
        ImportFigures,
        read=st.builds(
            FiguresRead, path=st.just(Path("figures.csv")), rows=st.lists(figure_rows(), max_size=6)
        ),
        replace=st.booleans(),
    ),
    SetFindings: st.builds(
        SetFindings,
        findings=st.builds(
            Findings, status=st.sampled_from(["draft", "final"]), version=st.just("") | words
        ),
    ),
    SetUnsent: st.builds(
        SetUnsent,
        item=items,
        box=st.sampled_from(["approaches", "strengths", "improvements", "new-source"]),
        text=st.just("") | words,
    ),
}
EDIT_STRATEGIES[SendAndAgree] = items.flatmap(
    lambda item: st.lists(
        st.builds(AddListItem, item=st.just(item), list_name=lists, text=words)
        | st.builds(SetEditing, item=st.just(item), list_name=lists, index=indexes, text=words),
        max_size=2,
    ).map(lambda sending: SendAndAgree(item=item, sending=tuple(sending)))
)
EDIT_STRATEGIES[Reopen] = st.one_of(
    EDIT_STRATEGIES[k] for k in (AddListItem, SetRating, SetText, RemoveListItem, SetNoData)
).map(reopening)


def concrete_edits() -> set[type[Edit]]:
    found: set[type[Edit]] = set()
    for value in vars(edits).values():
        if (
            isinstance(value, type)
            and issubclass(value, Edit)
            and value is not Edit
            and "apply_to" in vars(value)
        ):
            found.add(value)
    return found


def test_the_random_edits_cover_every_kind_of_edit():
    """A new kind of edit fails here until the property test below draws it too."""
    assert concrete_edits() == set(EDIT_STRATEGIES)


def with_workshop(edit: Edit, session: Session) -> Edit:
    """SetDetails drawn without a workshop keeps the session's (its dates are attendance's)."""
    if isinstance(edit, SetDetails) and edit.workshop is None:
        return SetDetails(service=edit.service, workshop=session.workshop)
    return edit


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.one_of(list(EDIT_STRATEGIES.values())), min_size=1, max_size=25))
def test_random_edits_of_every_kind_all_undone_give_back_the_start(drawn: list[Edit]):
    with opened_copy() as opened:
        start = content(opened)
        steps = 0
        for n, edit in enumerate(drawn):
            edit = with_workshop(edit, opened.session)
            before = content(opened)
            try:
                applied = opened.apply(edit, now=n * (COALESCE_SECONDS + 1))
            except EditRefused:
                assert content(opened) == before, f"{edit} was refused but changed the session"
                continue
            if applied.changed and edit.undoable:
                steps += 1
                assert applied.said != "no change", f"{edit} changed something unsaid"
            else:
                assert content(opened) == before
            assert_edits_found(opened.session)
        undone = 0
        while opened.can_undo:
            said = opened.undo()
            assert said is not None and said != "no change"
            assert_edits_found(opened.session)
            undone += 1
        assert undone == steps
        assert content(opened) == start


def assert_edits_found(session: Session) -> None:
    """A line being edited is always found again with its words (or its words are kept as a
    new line's text): what the room typed is never held against a line that has gone."""
    for key, edit in session.editing.items():
        item, name = key.split(":")
        found = session.line_edit(item, name)  # type: ignore[arg-type]
        assert found is not None, f"{key}: no line reads {edit.was!r}"
        assert found == (edit.line - 1, edit.text)


def test_parked_points_reordered_are_said_as_a_change_of_the_parking_lot(opened):
    from benchmark_tui import changes

    opened.apply(ParkPoint(text="Car park lighting"))
    opened.apply(ParkPoint(text="Toilets"))
    old = opened.session
    new = old.model_copy(deep=True)
    new.parking_lot.points = list(reversed(new.parking_lot.points))
    assert changes.changes(old, new, FRAMEWORK) == ["parking lot: points changed"]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    start=st.sampled_from(["worked example", "new session"]),
    drawn=st.lists(st.one_of(list(EDIT_STRATEGIES.values())), min_size=1, max_size=20),
)
def test_each_undo_gives_back_the_session_as_it_was_before_that_edit(start: str, drawn: list[Edit]):
    """Undo by snapshot (issue 20, item 7): every undo step restores the whole session as it
    was before its edit, step by step back to the start, and says something true."""
    folder = Path(tempfile.mkdtemp(prefix="undo-"))
    try:
        source = EXAMPLE_SESSION
        if start == "new session":
            fresh = Session.new(FRAMEWORK, ServiceInfo(name="Testshire Libraries"))
            source = save_session(fresh, folder / "new.yaml")
        with opened_copy(source) as opened:
            states = [content(opened)]
            for n, edit in enumerate(drawn):
                try:
                    applied = opened.apply(
                        with_workshop(edit, opened.session), now=n * (COALESCE_SECONDS + 1)
                    )
                except EditRefused:
                    continue
                if applied.changed and edit.undoable:  # unsent text keeps no undo step
                    states.append(content(opened))
            while opened.can_undo:
                said = opened.undo()
                assert said is not None and said != "no change"
                states.pop()
                assert content(opened) == states[-1]
            assert states == [content(opened)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
