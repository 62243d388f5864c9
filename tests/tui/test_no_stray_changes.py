"""No screen or widget changes the open session in place: every change is a typed edit.

Every test runs with ``OpenSession.check_stray_changes`` on (``tests/conftest.py``), so a
screen that changed the session itself (no undo step, no checks) fails whichever Pilot test
drives it. These tests show that the guard does fail.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from benchmark_tui.workshop import StrayChange
from tests.tui.conftest import SMALL

TUI = Path(__file__).resolve().parents[2] / "src" / "benchmark_tui" / "tui"


async def test_a_change_made_in_place_by_the_tui_stops_the_test(make_app, session_file):
    app = make_app(session_file("characteristic", "leadership", "findings"))
    with pytest.raises(StrayChange, match="strength 'Changed in place' added"):
        async with app.run_test(size=SMALL) as pilot:
            # What a screen did before edits went through the core:
            assert app.session is not None
            app.session.record("leadership").strengths = ["Changed in place"]
            await pilot.press(*"Clear vision", "enter")
            await pilot.pause()


async def test_an_edit_typed_in_the_room_goes_through_without_a_stray_change(
    make_app, session_file
):
    app = make_app(session_file("characteristic", "leadership", "findings"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*"Clear vision", "enter")
        await pilot.pause()
        assert app.session is not None
        assert app.session.record("leadership").strengths == ["Clear vision"]
        assert app.opened is not None and app.opened.can_undo


def test_nothing_under_tui_uses_the_in_place_way_of_editing():
    """``record_edit`` takes in-place changes as edits (headless scripts only)."""
    used = []
    for path in TUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "record_edit":
                used.append(f"{path.name}:{node.lineno}")
    assert used == []
