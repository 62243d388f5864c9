"""The overview's rows: each item takes exactly the lines its name needs, at every width."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import DataTable

from benchmark_tui.models import Position
from benchmark_tui.store import load_session, save_session
from tests.tui.conftest import LARGE, SMALL


@pytest.mark.parametrize("size", [SMALL, (100, 30), (120, 40), LARGE])
async def test_no_item_has_a_blank_line_under_its_name(make_app, example_copy, framework, size):
    session = load_session(example_copy, framework)
    session.position = Position(place="overview")
    save_session(session, example_copy)
    app = make_app(example_copy)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#overview-table", DataTable)
        for key, row in table.rows.items():
            name = table.get_cell(key, "item")
            assert isinstance(name, Text)
            lines = name.plain.split("\n")
            assert all(line.strip() for line in lines), (key.value, lines)
            # On a window tall enough, every item takes two lines; otherwise what it needs.
            tall = 2 if size[1] >= 2 * len(table.rows) + 14 else 1
            assert row.height == max(tall, len(lines)), (key.value, row.height, lines)
            assert max(len(line) for line in lines) < table.columns["item"].width
