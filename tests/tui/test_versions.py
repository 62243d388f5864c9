"""In the app: palette ▸ Earlier versions… lists what was kept, and restores one (undoably)."""

from __future__ import annotations

from textual.widgets import OptionList

from benchmark_tui.tui.screens.dialogs import ChoiceDialog
from benchmark_tui.tui.screens.versions import VersionsDialog

from .conftest import SMALL, reload
from .test_app import settle, type_text


async def test_restore_an_earlier_version_then_undo_it(make_app, session_file, framework):
    path = session_file("characteristic", "people", "findings")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await type_text(pilot, "First\n")
        await settle(pilot)
        await type_text(pilot, "Second\n")
        await settle(pilot)
        assert reload(path, framework).record("people").strengths == ["First", "Second"]
        app.action_versions()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, VersionsDialog)
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = dialog.query_one(OptionList)
        assert options.option_count == 2
        newest = str(options.get_option_at_index(0).prompt)
        assert "strength 'Second' added" in newest
        await pilot.press("down", "enter")  # the oldest: before any strength
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the safe default keeps the present one
        await pilot.pause()
        assert isinstance(app.screen, VersionsDialog)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#choice-restore")
        await settle(pilot)
        assert reload(path, framework).record("people").strengths == []
        await pilot.press("escape", "ctrl+z")
        await settle(pilot)
    assert reload(path, framework).record("people").strengths == ["First", "Second"]


async def test_the_versions_dialog_shows_bracketed_text_as_typed(make_app, session_file):
    path = session_file("characteristic", "people", "findings")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await type_text(pilot, "[bold]x [/]\n")
        await settle(pilot)
        app.action_versions()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert "'[bold]x [/]' added" in str(options.get_option_at_index(0).prompt)
