"""The key bar: notices are lifted above it, however many lines the keys take."""

from __future__ import annotations

import pytest

from benchmark_tui.tui.textual_compat import TOAST_RACK
from benchmark_tui.tui.widgets.key_bar import KeyBar
from tests.tui.conftest import SMALL


@pytest.mark.parametrize("size", [SMALL, (100, 30)])
async def test_notices_stand_above_the_keys_on_every_step(make_app, session_file, size):
    app = make_app(session_file("characteristic", "leadership", "understand"))
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        seen: set[int] = set()
        for _ in range(5):  # the five steps, each with keys of its own
            bar = app.screen.query_one(KeyBar)
            lines = len(str(bar.render()).splitlines())
            seen.add(lines)
            rack = app.screen.query_one(TOAST_RACK)
            assert rack.styles.margin.bottom == lines  # one line: Textual's own margin of 1
            # The lift is on the notices alone: a class on the screen would restyle it all.
            assert not any(c.startswith("-keys-") for c in app.screen.classes)
            await pilot.press("alt+right")
            await pilot.pause()
        assert max(seen) > 1, "no step wrapped its keys onto a second line at this size"
