"""Issue 20, items 1 and 2 in the core: text typed and not yet sent is part of the session;
an agreed item asks before it changes, and a change makes it need agreeing again."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark_tui import changes
from benchmark_tui.edits import (
    AddListItem,
    ImportFigures,
    NeedsReopen,
    RemoveListItem,
    SetRating,
    SetState,
    SetUnsent,
    reopening,
)
from benchmark_tui.store import load_session
from benchmark_tui.workshop import OpenSession


def typed(text: str, box: str = "approaches", item: str = "leadership") -> SetUnsent:
    return SetUnsent(item=item, box=box, text=text)  # type: ignore[arg-type]


# -- unsent text -----------------------------------------------------------------------------


def test_text_typed_but_not_sent_is_saved_and_read_back(opened, path, framework):
    applied = opened.apply(typed("Friends groups at 6 of 14 branches"))
    assert applied.changed
    opened.save_now()
    again = load_session(path, framework)
    assert again.unsent == {"leadership:approaches": "Friends groups at 6 of 14 branches"}
    assert [u.text for u in again.unsent_in("leadership", "approaches")] == [
        "Friends groups at 6 of 14 branches"
    ]
    assert again.unsent_in("leadership", "findings") == []


def test_unsent_text_keeps_no_undo_step_no_version_and_does_not_start_the_item(
    opened, path, framework
):
    before = opened.session.model_copy(deep=True)
    opened.apply(typed("Friends"))
    assert not opened.can_undo
    assert opened.session.state_of("leadership") == "not-started"
    opened.save_now()
    assert opened.versions() == []
    assert changes.changes(before, opened.session, framework) == []  # nothing to name


def test_a_session_without_unsent_text_is_written_as_before(opened, path):
    before = path.read_text(encoding="utf-8")
    opened.apply(typed("Friends"))
    opened.save_now()
    assert "unsent:" in path.read_text(encoding="utf-8")
    opened.apply(typed(""))
    opened.save_now()
    assert path.read_text(encoding="utf-8").replace("updated", "") == before.replace("updated", "")
    assert "unsent" not in path.read_text(encoding="utf-8")


def test_sending_the_text_empties_the_box_and_undo_keeps_what_is_typed(opened):
    opened.apply(typed("Friends groups"))
    opened.apply(AddListItem(item="leadership", list_name="approaches", text="Friends groups"))
    assert opened.session.unsent == {}
    opened.apply(typed("Next one"))
    opened.undo()
    assert opened.session.record("leadership").approaches == []
    assert opened.session.unsent == {"leadership:approaches": "Next one"}


def test_typing_into_an_agreed_items_box_is_not_a_change_of_it(opened):
    opened.apply(SetState(item="leadership", state="agreed"))
    opened.apply(typed("Another strength", box="strengths"))
    assert opened.session.state_of("leadership") == "agreed"


# -- agreed items --------------------------------------------------------------------------


@pytest.fixture
def agreed(opened: OpenSession) -> OpenSession:
    opened.apply(SetRating(item="leadership", element="plan", value=3))
    opened.apply(AddListItem(item="leadership", list_name="strengths", text="Clear vision"))
    opened.apply(SetState(item="leadership", state="agreed"))
    return opened


@pytest.mark.parametrize(
    "edit",
    [
        SetRating(item="leadership", element="plan", value=2),
        AddListItem(item="leadership", list_name="strengths", text="Walkabouts"),
        RemoveListItem(item="leadership", list_name="strengths", index=0),
    ],
)
def test_changing_an_agreed_item_asks_first_in_words_the_room_reads(agreed, edit):
    with pytest.raises(NeedsReopen) as asked:
        agreed.apply(edit)
    assert asked.value.message == "Leadership is agreed. Change it? It will need agreeing again."
    assert asked.value.edit == edit
    record = agreed.session.record("leadership")
    assert record.state == "agreed"
    assert record.rating_for("plan") == 3 and record.strengths == ["Clear vision"]


def test_an_edit_that_changes_nothing_on_an_agreed_item_does_not_ask(agreed):
    assert not agreed.apply(SetRating(item="leadership", element="plan", value=3)).changed


def test_reopen_and_change_is_one_step_and_the_item_is_no_longer_agreed(agreed, path, framework):
    applied = agreed.apply(reopening(SetRating(item="leadership", element="plan", value=2)))
    assert applied.said == "Leadership: reopened; Leadership: Plan 3 → 2"
    assert agreed.session.state_of("leadership") == "in-progress"
    assert agreed.session.progress(framework).agreed == 0
    agreed.save_now()
    assert load_session(path, framework).state_of("leadership") == "in-progress"
    assert agreed.undo() == "Leadership: agreed; Leadership: Plan 2 → 3"
    assert agreed.session.state_of("leadership") == "agreed"
    assert agreed.session.record("leadership").rating_for("plan") == 3


# -- what an undo says (issue 20, item 8) -----------------------------------------------------


def test_undoing_an_add_says_removed_and_undoing_a_remove_says_put_back(opened):
    opened.apply(AddListItem(item="leadership", list_name="strengths", text="Clear vision"))
    opened.apply(RemoveListItem(item="leadership", list_name="strengths", index=0))
    assert opened.undo() == "Leadership: strength 'Clear vision' put back"
    assert opened.undo() == "Leadership: strength 'Clear vision' removed"


# -- an import of figures names no item, and still asks about agreed areas --------------------


def test_an_import_that_changes_agreed_areas_asks_then_reopens_them_as_one_step(opened):
    from benchmark_tui.figures_read import FigureRow, FiguresRead, Where

    where = Where(sheet=None, row=2, column=4)
    rows = [
        FigureRow(where, "outcomes", "Visits", "2024/25", "1,068,900"),
        FigureRow(where, "value-for-money", "Cost per visit", "2024/25", "£4.29"),
    ]
    opened.apply(SetState(item="outcomes", state="agreed"))
    opened.apply(SetState(item="value-for-money", state="agreed"))
    opened.apply(SetState(item="user-satisfaction", state="agreed"))
    before = opened.session.model_dump()
    edit = ImportFigures(read=FiguresRead(path=Path("figures.csv"), rows=rows))
    with pytest.raises(NeedsReopen) as asked:
        opened.apply(edit)
    assert asked.value.message == (
        "1.1 Desired strategic outcomes and 1.4 Value for money are agreed. Change them? "
        "They will need agreeing again."
    )
    assert asked.value.items == ("outcomes", "value-for-money")
    assert opened.session.model_dump() == before  # nothing imported
    opened.apply(reopening(edit, asked.value.items))
    assert opened.session.area("outcomes").measures[0].values[-1].value == "1,068,900"
    states = {a: opened.session.area(a).state for a in ("outcomes", "value-for-money")}
    assert states == {"outcomes": "in-progress", "value-for-money": "in-progress"}
    assert opened.session.area("user-satisfaction").state == "agreed"  # not changed
    opened.undo()
    assert opened.session.model_dump(exclude={"updated"}) == {
        k: v for k, v in before.items() if k != "updated"
    }
