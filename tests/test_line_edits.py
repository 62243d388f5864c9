"""Issue 20, item 1 for a line being edited: the new words typed into the box of an existing
line, not yet saved with Enter, are part of the session like a new line's text. They stay
with their line when the list changes, and are never lost, even when the line goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark_tui import changes
from benchmark_tui.edits import (
    AddListItem,
    EditListItem,
    EditRefused,
    MoveListItem,
    NeedsReopen,
    RemoveListItem,
    SendAndAgree,
    SetEditing,
    SetState,
    SetUnsent,
    reopening,
)
from benchmark_tui.models import Session
from benchmark_tui.store import load_session, save_session
from benchmark_tui.workshop import OpenSession

LINES = ["Clear vision", "Visible leaders", "Staff forums"]


@pytest.fixture
def path(session: Session, tmp_path: Path) -> Path:
    session.record("leadership").strengths = list(LINES)
    session.record("leadership").state = "in-progress"
    return save_session(session, tmp_path / "s.yaml")


def editing(index: int, text: str, list_name: str = "strengths") -> SetEditing:
    return SetEditing(item="leadership", list_name=list_name, index=index, text=text)  # type: ignore[arg-type]


def strengths(opened: OpenSession) -> list[str]:
    return list(opened.session.record("leadership").strengths)


def test_an_edit_not_yet_saved_is_in_the_file_and_read_back(opened, path, framework):
    applied = opened.apply(editing(1, "Visible leaders at every branch"))
    assert applied.changed and not opened.can_undo
    opened.save_now()
    text = path.read_text(encoding="utf-8")
    assert "editing:" in text and "Visible leaders at every branch" in text
    again = load_session(path, framework)
    assert again.line_edit("leadership", "strengths") == (1, "Visible leaders at every branch")
    [waiting] = again.unsent_in("leadership", "findings")
    assert (waiting.line, waiting.label) == (2, "change to strength 2")
    assert waiting.waiting == "change to strength 2 not yet saved"
    assert again.record("leadership").strengths == LINES  # the line itself is unchanged


def test_an_edit_not_yet_saved_keeps_no_version_and_is_not_named_as_a_change(opened, framework):
    """Like text typed into a new line's box: saved as it is typed, but neither a version of
    the file nor a change that undo or the versions list would name."""
    before = opened.session.model_copy(deep=True)
    opened.apply(editing(1, "Visible leaders at every branch"))
    opened.save_now()
    assert opened.versions() == []
    assert changes.changes(before, opened.session, framework) == []


def test_an_edit_back_to_the_lines_own_words_or_emptied_is_not_kept(opened, path):
    opened.apply(editing(0, "Clear vision!"))
    opened.apply(editing(0, "Clear vision"))
    assert opened.session.editing == {}
    opened.apply(editing(0, "Clear"))
    opened.apply(editing(0, ""))
    assert opened.session.editing == {}
    opened.save_now()
    assert "editing" not in path.read_text(encoding="utf-8")


def test_saving_the_edit_changes_the_line_and_forgets_the_box(opened):
    opened.apply(editing(2, "Staff forums monthly"))
    opened.apply(
        EditListItem(item="leadership", list_name="strengths", index=2, text="Staff forums monthly")
    )
    assert strengths(opened)[2] == "Staff forums monthly"
    assert opened.session.editing == {}


def test_the_edit_follows_its_line_when_lines_move_or_one_before_it_goes(opened):
    opened.apply(editing(2, "Staff forums monthly"))
    opened.apply(MoveListItem(item="leadership", list_name="strengths", index=1, delta=1))
    assert opened.session.line_edit("leadership", "strengths") == (1, "Staff forums monthly")
    assert opened.session.editing["leadership:strengths"].line == 2
    opened.apply(RemoveListItem(item="leadership", list_name="strengths", index=0))
    assert opened.session.line_edit("leadership", "strengths") == (0, "Staff forums monthly")


def test_removing_the_line_being_edited_takes_its_edit_with_it(opened):
    opened.apply(editing(0, "Clear vision, shared"))
    opened.apply(RemoveListItem(item="leadership", list_name="strengths", index=0))
    assert opened.session.editing == {}
    assert opened.session.unsent == {}


def test_an_undo_that_takes_the_line_away_keeps_its_words_in_the_box_for_a_new_line(opened):
    opened.apply(AddListItem(item="leadership", list_name="strengths", text="Brave"))
    opened.apply(editing(3, "Brave and kind"))
    opened.undo()  # the added line goes; what was typed over it stays, as a new line's text
    assert strengths(opened) == LINES
    assert opened.session.editing == {}
    assert opened.session.unsent == {"leadership:strengths": "Brave and kind"}


def test_words_of_a_gone_line_join_the_new_lines_text_rather_than_replace_it(opened):
    opened.apply(AddListItem(item="leadership", list_name="strengths", text="Brave"))
    opened.apply(editing(3, "Brave and kind"))
    opened.apply(SetUnsent(item="leadership", box="strengths", text="Open door"))
    opened.undo()
    assert opened.session.unsent == {"leadership:strengths": "Open door Brave and kind"}


def editing_yaml(line: int, was: str, text: str) -> str:
    return (
        f"editing:\n  leadership:strengths:\n    line: {line}\n    was: {was}\n    text: {text}\n"
    )


def test_a_file_whose_line_has_changed_finds_the_line_or_keeps_the_words(path, framework):
    text = path.read_text(encoding="utf-8")
    moved = text + editing_yaml(9, "Staff forums", "Staff forums weekly")
    path.write_text(moved, encoding="utf-8")
    session = load_session(path, framework)
    assert session.line_edit("leadership", "strengths") == (2, "Staff forums weekly")
    assert session.editing["leadership:strengths"].line == 3
    gone = text + editing_yaml(1, "No such line", "Kept words")
    path.write_text(gone, encoding="utf-8")
    session = load_session(path, framework)
    assert session.editing == {}
    assert session.unsent == {"leadership:strengths": "Kept words"}


def test_an_edit_of_a_line_past_the_end_is_refused(opened):
    with pytest.raises(EditRefused, match="There is no strength 4"):
        opened.apply(editing(3, "Nothing there"))
    assert opened.session.editing == {}


def test_typing_into_an_agreed_items_line_is_kept_and_saving_it_asks(opened):
    opened.apply(SetState(item="leadership", state="agreed"))
    opened.apply(editing(0, "Clear vision, shared by all"))
    assert opened.session.state_of("leadership") == "agreed"
    save = EditListItem(
        item="leadership", list_name="strengths", index=0, text="Clear vision, shared by all"
    )
    with pytest.raises(NeedsReopen):
        opened.apply(save)
    assert opened.session.line_edit("leadership", "strengths") == (0, "Clear vision, shared by all")
    opened.apply(reopening(save))
    assert strengths(opened)[0] == "Clear vision, shared by all"
    assert opened.session.editing == {}
    assert opened.session.state_of("leadership") == "in-progress"


def test_an_approach_being_edited_keeps_its_status_when_saved(opened):
    opened.apply(
        AddListItem(item="leadership", list_name="approaches", text="Walkabouts", status="planned")
    )
    opened.apply(editing(0, "Walkabouts each term", "approaches"))
    assert opened.session.unsent_in("leadership", "approaches")[0].label == "change to approach 1"
    opened.apply(
        EditListItem(
            item="leadership", list_name="approaches", index=0, text="Walkabouts each term"
        )
    )
    approach = opened.session.record("leadership").approaches[0]
    assert (approach.text, approach.status) == ("Walkabouts each term", "planned")
    assert opened.session.editing == {}


def test_add_it_and_agree_is_one_step_that_one_undo_takes_back(opened):
    opened.apply(SetUnsent(item="leadership", box="improvements", text="Succession"))
    opened.apply(editing(0, "Clear vision, shared"))
    sending = (
        EditListItem(
            item="leadership", list_name="strengths", index=0, text="Clear vision, shared"
        ),
        AddListItem(item="leadership", list_name="improvements", text="Succession"),
    )
    applied = opened.apply(SendAndAgree(item="leadership", sending=sending))
    assert applied.changed
    record = opened.session.record("leadership")
    assert (record.strengths[0], record.improvements, record.state) == (
        "Clear vision, shared",
        ["Succession"],
        "agreed",
    )
    assert opened.session.unsent == {} and opened.session.editing == {}
    opened.undo()
    record = opened.session.record("leadership")
    assert (record.strengths, record.improvements, record.state) == (LINES, [], "in-progress")
    assert not opened.can_undo


def test_add_it_and_agree_with_a_refused_line_changes_nothing(opened):
    before = opened.session.model_dump()
    sending = (
        AddListItem(item="leadership", list_name="improvements", text="Succession"),
        EditListItem(item="leadership", list_name="strengths", index=7, text="No such line"),
    )
    with pytest.raises(EditRefused):
        opened.apply(SendAndAgree(item="leadership", sending=sending))
    assert opened.session.model_dump() == before


def test_saving_a_line_with_its_own_words_on_an_agreed_item_asks_nothing(opened):
    opened.apply(SetState(item="leadership", state="agreed"))
    opened.apply(editing(0, "Clear vision, shared"))
    same = EditListItem(item="leadership", list_name="strengths", index=0, text="Clear vision")
    opened.apply(same)  # no NeedsReopen: the record does not change
    assert opened.session.state_of("leadership") == "agreed"
    assert opened.session.editing == {}
