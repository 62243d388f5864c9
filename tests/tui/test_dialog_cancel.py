"""Every dialog's Cancel button closes it without an answer: nothing in the session changes."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from benchmark_tui.tui.screens.dialogs import Dialog

from .conftest import SMALL


@pytest.mark.parametrize(
    ("place", "key"),
    [("overview", "d"), ("overview", "a"), ("overview", "t"), ("overview", "s"), ("plan", "a")],
    ids=["details", "attendance", "agenda", "sign-off", "plan-action"],
)
async def test_the_cancel_button_closes_the_dialog_and_changes_nothing(
    make_app, session_file, place, key
):
    path = session_file(place)
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        shown = type(app.screen)
        await pilot.press(key)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, Dialog), key
        dialog.query_one("#cancel", Button).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen) is shown
    assert path.read_bytes() == before
