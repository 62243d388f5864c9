"""Text boxes keep a steady cursor when the app is told not to blink (as every test app is),
so a screenshot taken a moment later is the same screenshot: snapshots cannot flake on load."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea


@pytest.mark.parametrize(("blink", "expected"), [(False, False), (True, True)])
async def test_a_focused_text_box_blinks_only_when_the_app_lets_it(
    make_app, session_file, blink, expected
):
    app = make_app(session_file("characteristic", "leadership", "approaches"), cursor_blink=blink)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, Input | TextArea)
        assert focused.cursor_blink is expected
        await pilot.press("alt+right")  # the evidence step: its own box takes the focus
        await pilot.pause()
        assert isinstance(app.focused, Input | TextArea)
        assert app.focused is not focused
        assert app.focused.cursor_blink is expected
