"""Issue 20 on the wall: text typed and not sent is never lost; an agreed item asks before it
changes; Ctrl+G asks; a removed line says so. Each driven with the keys the room sees."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from benchmark_tui.models import Rating
from benchmark_tui.tui.screens.characteristic import CharacteristicScreen
from benchmark_tui.tui.screens.dialogs import ChoiceDialog

from .conftest import SMALL, reload
from .screen import flat, record_notices, screen_lines, screen_text
from .test_app import settle, type_text

TYPED = "Friends groups at 6 of 14 branches"


def box_value(app, list_id: str) -> str:
    return app.screen.query_one(f"#{list_id}").new_item_input.value


def answers(app) -> list[tuple[str | None, str]]:
    """The open dialog's answers: (button id, label), in the order shown."""
    return [(b.id, str(b.label)) for b in app.screen.query(Button)]


def said(notices) -> str:
    return " | ".join(flat(n.message) for n in notices)


# -- unsent text ---------------------------------------------------------------------------


async def test_text_typed_without_enter_survives_quit_and_greets_the_team_again(
    make_app, session_file, framework
):
    path = session_file("characteristic", "leadership", "approaches")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await type_text(pilot, TYPED)
        await pilot.press("ctrl+q")
    assert reload(path, framework).unsent == {"leadership:approaches": TYPED}
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert box_value(app, "approach-list") == TYPED
        assert TYPED in screen_text(app)
        await pilot.press("enter")  # sent now: an approach, and the box is empty
        await settle(pilot)
        assert box_value(app, "approach-list") == ""
    session = reload(path, framework)
    assert [a.text for a in session.record("leadership").approaches] == [TYPED]
    assert session.unsent == {}


async def test_unsent_text_is_autosaved_as_typed_so_a_crash_keeps_it(
    make_app, session_file, framework
):
    path = session_file("characteristic", "leadership", "findings")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await type_text(pilot, "Clear vision")
        await settle(pilot)  # the autosave, cut short; no quit
        assert reload(path, framework).unsent == {"leadership:strengths": "Clear vision"}


async def test_leaving_an_item_with_unsent_text_keeps_it_and_says_so(
    make_app, session_file, framework
):
    path = session_file("characteristic", "leadership", "approaches")
    app = make_app(path)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await type_text(pilot, TYPED)
        await pilot.press("pagedown")
        await settle(pilot)
        assert app.screen.characteristic.id == "governance"
        assert box_value(app, "approach-list") == ""  # governance's own box
        assert f"Leadership: approach not yet added, kept in its box: '{TYPED}'" in said(notices)
        await pilot.press("pageup")  # back to Leadership's last step
        await pilot.press("alt+left", "alt+left", "alt+left")
        await settle(pilot)
        assert app.screen.step == "approaches"
        assert box_value(app, "approach-list") == TYPED
    assert reload(path, framework).unsent == {"leadership:approaches": TYPED}


async def test_leaving_a_step_with_unsent_text_says_so(make_app, session_file):
    app = make_app(session_file("characteristic", "leadership", "approaches"))
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await type_text(pilot, "Walkabouts")
        await pilot.press("alt+right")
        await settle(pilot)
        assert app.screen.step == "evidence"
        assert "approach not yet added, kept in its box: 'Walkabouts'" in said(notices)


@pytest.fixture
def rated_file(session_file, session):
    """Leadership, on its last step: rated, two strengths and two areas for improvement."""
    record = session.record("leadership")
    record.ratings = {e: Rating(value=2) for e in ("plan", "do", "check-act", "impact")}
    record.strengths = ["Clear vision", "Visible leaders"]
    record.improvements = ["Succession", "Delegation"]
    record.state = "in-progress"
    return session_file("characteristic", "leadership", "findings")


async def test_the_agree_dialog_names_unsent_text_and_adds_it_by_default(
    make_app, rated_file, framework
):
    app = make_app(rated_file)
    async with app.run_test(size=SMALL) as pilot:
        await type_text(pilot, "Staff trust the board")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        text = flat(screen_text(app))
        assert "Not yet added: strength 'Staff trust the board'" in text
        assert app.focused is not None and app.focused.id == "choice-add"
        assert "Add it and agree" in text
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.characteristic.id == "governance"
    record = reload(rated_file, framework).record("leadership")
    assert record.strengths[-1] == "Staff trust the board"
    assert record.state == "agreed"
    assert reload(rated_file, framework).unsent == {}


# -- Ctrl+G asks -----------------------------------------------------------------------------


async def test_ctrl_g_asks_like_alt_right_even_when_nothing_is_missing(
    make_app, rated_file, framework
):
    app = make_app(rated_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "Has the team agreed on Leadership?" in flat(screen_text(app))
        assert app.focused is not None and app.focused.id == "choice-agree"
        await pilot.press("escape")
        await settle(pilot)
        assert reload(rated_file, framework).record("leadership").state == "in-progress"
        await pilot.press("ctrl+g", "enter")
        await settle(pilot)
    assert reload(rated_file, framework).record("leadership").state == "agreed"


# -- agreed items ask before they change -------------------------------------------------------


@pytest.fixture
def agreed_file(session_file, session):
    record = session.record("leadership")
    record.ratings = {e: Rating(value=2) for e in ("plan", "do", "check-act", "impact")}
    record.strengths = ["Clear vision", "Visible leaders"]
    record.state = "agreed"
    return session_file("characteristic", "leadership", "matrix")


async def test_ctrl_g_on_an_agreed_item_asks_before_reopening(make_app, agreed_file, framework):
    app = make_app(agreed_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "Leadership is agreed. Reopen it? It will need agreeing again." in flat(
            screen_text(app)
        )
        assert app.screen.title_text == "Leadership is agreed"
        assert answers(app) == [("choice-keep", "Keep it agreed"), ("choice-reopen", "Reopen it")]
        assert app.focused is not None and app.focused.id == "choice-keep"
        await pilot.press("enter")  # the default keeps it agreed
        await settle(pilot)
        assert reload(agreed_file, framework).record("leadership").state == "agreed"


async def test_a_digit_on_an_agreed_matrix_asks_and_keeping_it_agreed_changes_nothing(
    make_app, agreed_file, framework
):
    app = make_app(agreed_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "Leadership is agreed. Change it? It will need agreeing again." in flat(
            screen_text(app)
        )
        assert app.screen.title_text == "Leadership is agreed"
        assert answers(app) == [("choice-keep", "Keep it agreed"), ("choice-change", "Change it")]
        assert app.focused is not None and app.focused.id == "choice-keep"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CharacteristicScreen)
        assert "Rated 2" in screen_text(app)
        assert "● agreed" in screen_lines(app)[1]
    record = reload(agreed_file, framework).record("leadership")
    assert record.rating_for("plan") == 2 and record.state == "agreed"


async def test_changing_an_agreed_rating_reopens_it_where_the_room_sees(
    make_app, agreed_file, framework
):
    app = make_app(agreed_file)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("down", "right")  # Do: 2 → 3
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("right", "enter")  # "Change it"
        await settle(pilot)
        assert "Rated 3" in screen_text(app)
        assert "◐ in progress" in screen_lines(app)[1]
        assert "Leadership reopened: it will need agreeing again." in said(notices)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "● agreed" in screen_lines(app)[1]
    record = reload(agreed_file, framework).record("leadership")
    assert record.rating_for("do") == 2 and record.state == "agreed"


async def test_adding_a_strength_to_an_agreed_item_asks_and_keeps_the_text_if_not(
    make_app, agreed_file, framework
):
    app = make_app(agreed_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("alt+right")  # to strengths & improvements
        await type_text(pilot, "Board trusts staff\n")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # keep it agreed
        await settle(pilot)
        assert box_value(app, "strengths") == "Board trusts staff"
        await pilot.press("enter")  # send it again, and this time change it
        await pilot.pause()
        await pilot.press("right", "enter")
        await settle(pilot)
        assert box_value(app, "strengths") == ""
        assert "Board trusts staff" in screen_text(app)
    session = reload(agreed_file, framework)
    assert session.record("leadership").strengths[-1] == "Board trusts staff"
    assert session.record("leadership").state == "in-progress"
    assert session.unsent == {}


# -- removing a line says so -------------------------------------------------------------------


async def test_removing_a_line_says_so_and_undo_puts_it_back(make_app, rated_file, framework):
    app = make_app(rated_file)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("up", "up", "delete")  # the first strength
        await settle(pilot)
        assert "Removed strength: 'Clear vision'" in said(notices)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Undone: Leadership: strength 'Clear vision' put back" in said(notices)
    assert reload(rated_file, framework).record("leadership").strengths[0] == "Clear vision"


async def test_marking_a_source_not_collected_on_an_agreed_item_asks_then_changes_it(
    make_app, session_file, session, framework
):
    """Found merging: the evidence step hands its answer to the screen's apply, which must
    take it (a source marked on an agreed item stopped the app)."""
    record = session.record("leadership")
    record.ratings = {e: Rating(value=2) for e in ("plan", "do", "check-act", "impact")}
    record.state = "agreed"
    path = session_file("characteristic", "leadership", "evidence")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.screen.query_one("SourceTicks").focus()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("right", "enter")  # "Change it"
        await settle(pilot)
        assert isinstance(app.screen, CharacteristicScreen)
        assert "◐ in progress" in screen_lines(app)[1]
        assert "not collected yet" in screen_text(app)
    saved = reload(path, framework).record("leadership")
    assert saved.state == "in-progress"
    first = framework.item("leadership").data_sources[0]
    assert saved.evidence.not_collected == [first]


async def test_four_answers_to_the_agree_question_are_all_whole_at_80x24(make_app, session_file):
    """Found walking at 80×24: text not yet sent, something missing and alt+→ on the last
    step give four answers, and "Stay here", the one with the focus, was cut off the edge."""
    app = make_app(session_file("characteristic", "leadership", "findings"))
    async with app.run_test(size=SMALL) as pilot:
        await type_text(pilot, "Staff trust the board")
        await pilot.press("alt+right")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        buttons = list(app.screen.query("ChoiceButton"))
        assert [b.id for b in buttons] == [
            "choice-add",
            "choice-agree",
            "choice-next",
            "choice-stay",
        ]
        dialog = app.screen.query_one(".dialog").region
        for button in buttons:
            assert dialog.contains_region(button.region), button.id
        text = flat(screen_text(app))
        for label in ("Add it and agree", "Agree without it", "Move on, not agreed", "Stay here"):
            assert label in text
        assert app.focused is not None and app.focused.id == "choice-stay"


# -- a line being edited, not yet saved ------------------------------------------------------


async def test_a_line_being_edited_survives_leaving_the_item_and_quitting(
    make_app, rated_file, framework
):
    app = make_app(rated_file)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("up", "up", "enter")  # edit the first strength
        await type_text(pilot, ", shared")
        await pilot.press("pagedown")
        await settle(pilot)
        assert app.screen.characteristic.id == "governance"
        assert (
            "Leadership: change to strength 1 not yet saved, kept in its box: "
            "'Clear vision, shared'" in said(notices)
        )
        await pilot.press("pageup")  # back to Leadership's findings: still being edited
        await settle(pilot)
        assert box_value(app, "strengths") == "Clear vision, shared"
        assert "Editing item 1 of 2" in screen_text(app)
        await pilot.press("ctrl+q")
    session = reload(rated_file, framework)
    assert session.record("leadership").strengths[0] == "Clear vision"  # not saved
    assert session.line_edit("leadership", "strengths") == (0, "Clear vision, shared")
    app = make_app(rated_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert box_value(app, "strengths") == "Clear vision, shared"
        assert "Editing item 1 of 2" in screen_text(app)
        await pilot.press("end", "enter")  # saved now
        await settle(pilot)
        assert box_value(app, "strengths") == ""
    session = reload(rated_file, framework)
    assert session.record("leadership").strengths[0] == "Clear vision, shared"
    assert session.editing == {}


async def test_a_line_edit_is_autosaved_as_typed_and_esc_asks_before_dropping_it(
    make_app, rated_file, framework
):
    app = make_app(rated_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("up", "enter")  # the last strength
        await type_text(pilot, " everywhere")
        await settle(pilot)  # no quit: what a crash would leave
        assert reload(rated_file, framework).line_edit("leadership", "strengths") == (
            1,
            "Visible leaders everywhere",
        )
        await pilot.press("escape")  # a stray Esc asks; Esc again keeps editing
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "Strength 2 was changed to 'Visible leaders everywhere'" in app.screen.message
        await pilot.press("escape")
        await settle(pilot)
        assert box_value(app, "strengths") == "Visible leaders everywhere"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("right", "enter")  # Drop the change
        await settle(pilot)
        assert box_value(app, "strengths") == ""
    session = reload(rated_file, framework)
    assert session.editing == {}
    assert session.record("leadership").strengths[1] == "Visible leaders"


async def test_the_agree_dialog_names_a_line_being_edited_and_saves_it(
    make_app, rated_file, framework
):
    app = make_app(rated_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("up", "enter")
        await type_text(pilot, " everywhere")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        text = flat(screen_text(app))
        assert "Not yet added: change to strength 2 'Visible leaders everywhere'" in text
        assert app.focused is not None and app.focused.id == "choice-add"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.characteristic.id == "governance"
    session = reload(rated_file, framework)
    assert session.record("leadership").strengths == ["Clear vision", "Visible leaders everywhere"]
    assert session.record("leadership").state == "agreed"
    assert session.editing == {}


async def test_saving_an_edit_on_an_agreed_item_asks_and_keeping_it_agreed_keeps_the_words(
    make_app, agreed_file, framework
):
    app = make_app(agreed_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("alt+right")  # to strengths & improvements
        await pilot.press("up", "enter")  # edit "Visible leaders"
        await type_text(pilot, " everywhere\n")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # keep it agreed
        await settle(pilot)
        assert box_value(app, "strengths") == "Visible leaders everywhere"
        assert "Editing item 2 of 2" in screen_text(app)
        assert "● agreed" in screen_lines(app)[1]
        kept = reload(agreed_file, framework)
        assert kept.record("leadership").strengths[1] == "Visible leaders"
        assert kept.record("leadership").state == "agreed"
        assert kept.line_edit("leadership", "strengths") == (1, "Visible leaders everywhere")
        await pilot.press("enter")  # send it again, and this time change it
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)
        assert "◐ in progress" in screen_lines(app)[1]
    session = reload(agreed_file, framework)
    assert session.record("leadership").strengths[1] == "Visible leaders everywhere"
    assert session.record("leadership").state == "in-progress"
    assert session.editing == {}


async def test_add_it_and_agree_is_taken_back_by_one_undo(make_app, rated_file, framework):
    app = make_app(rated_file)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await type_text(pilot, "Staff trust the board")
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("enter")  # Add it and agree
        await settle(pilot)
        assert app.screen.characteristic.id == "governance"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Undone: " in said(notices)
    record = reload(rated_file, framework).record("leadership")
    assert record.strengths == ["Clear vision", "Visible leaders"]
    assert record.state == "in-progress"


async def test_enter_on_the_list_while_a_line_is_edited_goes_back_to_its_words(
    make_app, rated_file, framework
):
    app = make_app(rated_file)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("up", "enter")  # edit "Visible leaders"
        await type_text(pilot, " everywhere")
        app.screen.query_one("#strengths").options.focus()  # as a click or Tab would
        await pilot.press("up", "enter")  # Enter on the other strength
        await settle(pilot)
        assert box_value(app, "strengths") == "Visible leaders everywhere"
        assert "Item 2 is being edited: Enter saves it, Esc cancels." in said(notices)
        app.screen.query_one("#strengths").options.focus()
        await pilot.press("down", "enter")  # Enter on the line being edited itself
        await settle(pilot)
        assert box_value(app, "strengths") == "Visible leaders everywhere"
        await pilot.press("enter")
        await settle(pilot)
    assert reload(rated_file, framework).record("leadership").strengths == [
        "Clear vision",
        "Visible leaders everywhere",
    ]


def test_a_question_about_several_agreed_items_speaks_of_them_all():
    from benchmark_tui.tui.screens.dialogs import agreed_dialog

    dialog = agreed_dialog(
        "1.1 Outcomes and 1.4 Value for money",
        "Change them?",
        ("change", "Change them"),
        many=True,
    )
    assert dialog.message == (
        "1.1 Outcomes and 1.4 Value for money are agreed. Change them? They will need agreeing "
        "again."
    )
    assert dialog.choices == [("keep", "Keep them agreed"), ("change", "Change them")]
    assert dialog.default == "keep"
