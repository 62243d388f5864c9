"""A rating round on the matrix, driven by keys: enter the votes hidden, reveal, agree."""

from __future__ import annotations

from textual.widgets import Input

from benchmark_tui.tui.screens.rating_round import RoundDialog

from .conftest import SMALL, reload
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
        await pilot.press("backspace", "2", "tab")
        await type_text(pilot, "Sam: nearer 0")
        await pilot.press("enter")
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
        await pilot.press("enter")
        await settle(pilot)
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
        await pilot.press("enter", "enter")
        await settle(pilot)
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
        await pilot.press("enter", "enter")
        await pilot.pause()
        remarks = app.screen.remarks()
        assert "Plan: the round counted 5 of 1 on the team (a note can say why)" in remarks
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
