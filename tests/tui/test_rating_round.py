"""A rating round on the matrix, driven by keys: enter the votes hidden, reveal, agree."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from benchmark_tui.models import Attendance, TeamMember
from benchmark_tui.tui.screens.rating_round import RoundDialog

from .conftest import SMALL, reload
from .screen import record_notices, screen_lines
from .test_app import settle, type_text


async def test_a_round_is_hidden_until_revealed_then_the_facilitator_agrees(
    make_app, session_file, framework
):
    path = session_file("characteristic", "leadership", "matrix")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RoundDialog)
        await type_text(pilot, "1 4 1 0 0")
        votes = dialog.query_one("#round-votes", Input)
        assert votes.password  # the room does not see the numbers while they are typed
        assert not dialog.query_one("#round-result").display
        await pilot.press("enter")  # reveal
        await pilot.pause()
        assert not votes.password
        assert dialog.query_one("#round-result").display
        agreed = dialog.query_one("#round-agreed", Input)
        assert agreed.value == "1"  # the median is offered …
        assert app.session.record("leadership").rating_for("plan") is None  # … not set
        await pilot.press("tab", "backspace", "2", "tab")
        await type_text(pilot, "Sam: nearer 0")
        await pilot.press("enter")  # to the Agree button …
        await pilot.pause()
        assert app.session.record("leadership").rating_for("plan") is None
        await pilot.press("enter")  # … which agrees
        await settle(pilot)
        assert not isinstance(app.screen, RoundDialog)
    rating = reload(path, framework).record("leadership").ratings["plan"]
    assert rating.value == 2
    assert rating.tally == [1, 4, 1, 0, 0]
    assert rating.revealed
    assert rating.dissent == "Sam: nearer 0"


async def test_escape_leaves_the_element_as_it_was(make_app, session_file, framework):
    path = session_file("characteristic", "leadership", "matrix")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await type_text(pilot, "0 1 3 1 0")
        await pilot.press("enter", "escape")
        await settle(pilot)
    rating = reload(path, framework).record("leadership").ratings["plan"]
    assert not rating.has_round
    assert rating.value is None


async def test_a_round_kept_hidden_is_saved_unrevealed_and_reopens_masked(
    make_app, session_file, framework
):
    path = session_file("characteristic", "leadership", "matrix")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("down", "v")
        await type_text(pilot, "Sam 3, Jo 1, Priya 3")
        await pilot.press("tab", "tab", "enter")  # Reveal, then Keep hidden
        await settle(pilot)
        rating = app.session.record("leadership").ratings["do"]
        assert rating.votes == {"Sam": 3, "Jo": 1, "Priya": 3}
        assert not rating.revealed
        assert rating.value is None
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.query_one("#round-votes", Input).password
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen.query_one("#round-agreed", Input).value == "3"
        await choose_agree(pilot)
    rating = reload(path, framework).record("leadership").ratings["do"]
    assert rating.value == 3
    assert rating.revealed


async def test_undo_takes_back_a_round_and_says_so(make_app, session_file, framework):
    path = session_file("characteristic", "leadership", "matrix")
    app = make_app(path)
    said: list[str] = []
    async with app.run_test(size=SMALL) as pilot:
        app.notify = lambda message, **kw: said.append(message)  # type: ignore[method-assign]
        await pilot.press("v")
        await type_text(pilot, "0 1 3 1 0")
        await pilot.press("enter")
        await choose_agree(pilot)
        assert app.session.record("leadership").rating_for("plan") == 2
        await pilot.press("ctrl+z")
        await settle(pilot)
    rating = reload(path, framework).record("leadership").ratings["plan"]
    assert not rating.has_round
    assert rating.value is None
    assert any("Leadership: Plan round removed" in s for s in said), said


async def test_agreeing_remarks_a_round_that_counted_a_different_number_of_people(
    make_app, session_file
):
    path = session_file("characteristic", "leadership", "matrix")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await type_text(pilot, "0 1 3 1 0")
        await pilot.press("enter")
        await choose_agree(pilot)
        remarks = app.screen.remarks()
        assert "Plan: the round counted 5 votes, 1 in the room (a note can say why)" in remarks
        await pilot.press("n")
        await type_text(pilot, "Four visitors from the Friends voted too")
        await pilot.press("enter")
        await pilot.pause()
        assert not [r for r in app.screen.remarks() if "round counted" in r]


async def test_a_revealed_round_reopens_with_its_agreed_rating_and_dissent(
    make_app, session_file, framework
):
    path = session_file("characteristic", "leadership", "matrix")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        app.session.record_round("leadership", "plan", "0 0 2 5 1", revealed=True, dissent="Jo")
        app.session.set_rating("leadership", "plan", 4)
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.query_one("#round-agreed", Input).value == "4"  # agreed, not median
        assert app.screen.query_one("#round-dissent", Input).value == "Jo"
        assert not app.screen.query_one("#round-votes", Input).password


# -- rounds the room can trust (issue 20, item 3) ---------------------------------------------

TEAM = ["Sam Branch", "Priya Shah", "Jo Lee", "Kit Moss", "Ali Khan"]


@pytest.fixture
def with_guests(session, session_file):
    """Five of the team present and two guests on the workshop's date, at Leadership's matrix."""
    session.workshop.team = [TeamMember(name=name) for name in TEAM]
    when = session.workshop.dates[0]
    session.workshop.attendance = {
        when: Attendance(present=TEAM, guests=["Viv Guest", "Ola Guest"])
    }
    return session_file("characteristic", "leadership", "matrix")


async def test_guests_are_not_counted_as_the_room(make_app, with_guests):
    """Only the team members marked present vote: "5 votes · 5 in the room", no remark."""
    app = make_app(with_guests)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await type_text(pilot, "0 1 3 1 0")
        await pilot.pause()
        status = str(app.screen.query_one("#round-status", Static).render())
        assert "5 votes · 5 in the room" in status
        assert "7" not in status
        await pilot.press("enter")  # reveal
        await pilot.pause()
        await choose_agree(pilot)
        assert not isinstance(app.screen, RoundDialog)
        assert not [r for r in app.screen.remarks() if "round counted" in r]


async def choose_agree(pilot) -> None:
    """Tab to the Agree button and press it, as the facilitator would."""
    dialog = pilot.app.screen
    for _ in range(6):
        if dialog.focused is not None and dialog.focused.id == "agree":
            break
        await pilot.press("tab")
    assert dialog.focused is not None and dialog.focused.id == "agree"
    await pilot.press("enter")
    await settle(pilot)


async def test_after_the_reveal_the_same_key_again_does_not_agree(make_app, session_file):
    """Reveal and agree are two acts: after Enter reveals, focus is on the result, and a second
    Enter (or a third) leaves the element unrated until Agree is chosen."""
    path = session_file("characteristic", "leadership", "matrix")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await type_text(pilot, "0 1 3 1 0")
        await pilot.press("enter")  # reveal
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RoundDialog)
        assert dialog.focused is not None
        assert dialog.focused.id == "round-plot"
        await pilot.press("enter")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert app.session.record("leadership").rating_for("plan") is None
        await choose_agree(pilot)
        assert app.session.record("leadership").rating_for("plan") == 2


async def test_enter_in_the_agreed_box_moves_on_and_only_the_agree_button_agrees(
    make_app, session_file
):
    path = session_file("characteristic", "leadership", "matrix")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await type_text(pilot, "0 1 3 1 0")
        await pilot.press("enter", "tab")  # reveal, then to the agreed rating
        await pilot.pause()
        dialog = app.screen
        assert dialog.focused is dialog.query_one("#round-agreed", Input)
        await pilot.press("enter")  # to the dissent note
        await pilot.pause()
        assert dialog.focused is dialog.query_one("#round-dissent", Input)
        await pilot.press("enter")  # to the Agree button
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.focused is not None and dialog.focused.id == "agree"
        assert app.session.record("leadership").rating_for("plan") is None
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.record("leadership").rating_for("plan") == 2


async def test_a_typo_is_never_echoed_and_the_box_can_be_shown_to_fix_it(make_app, session_file):
    path = session_file("characteristic", "leadership", "matrix")
    app = make_app(path)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await type_text(pilot, "Kit 3, Jo 2, Tom two")
        await pilot.press("enter")  # not a round: refused, without the vote
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RoundDialog)
        said = " ".join([n.message for n in notices] + screen_lines(app))
        for typed in ("Kit", "Tom", "two"):
            assert typed not in said, said
        assert "3rd vote" in said
        votes = dialog.query_one("#round-votes", Input)
        assert votes.password
        assert "F2" in " ".join(screen_lines(app))  # the key bar lists the key
        await pilot.press("f2")  # show the box to fix the typo
        await pilot.pause()
        assert not votes.password
        assert "Tom two" in " ".join(screen_lines(app))
        await pilot.press("backspace", "backspace", "backspace", "1")
        await pilot.press("f2")  # hidden again before the reveal
        await pilot.pause()
        assert votes.password
        assert not dialog.revealed
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.revealed


async def test_a_remark_about_the_round_never_silently_swallows_alt_right_enter(
    make_app, session_file, framework
):
    """With a remark, the question's focus starts on "Stay here"; Enter then says so on the
    wall, and the dialog says which answer has the focus and how to agree anyway."""
    path = session_file("characteristic", "leadership", "matrix")
    app = make_app(path)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await type_text(pilot, "0 1 3 1 0")  # five votes, one of the team in the room
        await pilot.press("enter")
        await choose_agree(pilot)
        await pilot.press("alt+right")  # to the last step
        await pilot.press("alt+right")  # agree and move on?
        await pilot.pause()
        question = " ".join(screen_lines(app))
        assert "round counted 5 votes, 1 in the room" in question
        assert "Stay here has the focus" in question
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.record("leadership").state != "agreed"
        said = [n.message for n in notices]
        assert any("Leadership is not agreed" in s for s in said), said


async def test_a_long_dissent_shows_its_beginning_and_is_added_to_at_its_end(
    make_app, session, session_file, framework
):
    """Found at 80×24: the dissent box showed only the tail of a long note."""
    note = (
        "Gareth and Tomasz: nearer 2 until front-line staff know the strategy and the plan "
        "is shared at every branch"
    )
    session.record_round("leadership", "plan", "0 0 2 5 1", revealed=True, dissent=note)
    session.set_rating("leadership", "plan", 3)
    path = session_file("characteristic", "leadership", "matrix")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, RoundDialog)
        assert "Gareth and Tomasz" in "\n".join(screen_lines(app))
        app.screen.query_one("#round-dissent", Input).focus()
        await pilot.pause()
        await type_text(pilot, " (Sam agrees)")
        app.screen.query_one("#agree").press()
        await settle(pilot)
    saved = reload(path, framework).record("leadership").ratings["plan"]
    assert saved.dissent == note + " (Sam agrees)"
