"""Provides the comparison screen benchmark: moving the cursor over five sessions side by side.

The sessions are generated from the examples (:func:`bench_compare.make_sessions`); the screen
is opened as ``c`` on the sessions list opens it. Each move is what an arrow key does (the
table's cursor action, called directly as the navigation benchmark does), timed until the
screen has settled (the cell under the cursor said in words). The baseline is
the same keys on a bare Textual ``DataTable`` of the same shape, in the same run.
"""

from __future__ import annotations

import time
from typing import Any

from bench_common import Figure, median, scratch, spread
from bench_compare import make_sessions
from bench_interactive import settle
from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable

from benchmark_tui import store
from benchmark_tui.settings import Settings
from benchmark_tui.tui.app import BenchmarkApp
from benchmark_tui.tui.messages import CompareSessions
from benchmark_tui.tui.screens.comparison import ComparisonScreen

SIZE = (80, 24)
SESSIONS = 5
LIMIT_MS = 50.0
KEYS = ["right", "right", "down", "right", "down", "left", "up", "right"]


class BareTable(App[None]):
    """A DataTable of the comparison's shape (10 rows, 1 + 5 × 4 columns), nothing else."""

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="cell", cell_padding=0, fixed_columns=1)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("Characteristic"), width=18)
        for n in range(SESSIONS * 4):
            table.add_column(Text(f"C{n}"), width=4)
        for row in range(10):
            table.add_row(Text(f"Item {row}"), *(Text(f" {n % 5}") for n in range(SESSIONS * 4)))
        table.focus()


async def _presses(pilot: Pilot[Any], count: int) -> list[float]:
    """Move the focused table's cursor as the arrow keys do (their actions, called directly,
    as the navigation benchmark moves), each timed until the screen has settled."""
    table = pilot.app.screen.query_one(DataTable)
    times = []
    for index in range(count):
        move = getattr(table, f"action_cursor_{KEYS[index % len(KEYS)]}")
        start = time.perf_counter()
        move()
        await settle(pilot)
        times.append(time.perf_counter() - start)
    return times


async def measure_comparison_moves(moves: int) -> list[Figure]:
    """Arrow keys on the comparison screen of five sessions at 80×24: median time per move."""
    framework = store.load_framework()
    with scratch("comparison") as folder:
        paths = make_sessions(folder, framework, SESSIONS)
        app = BenchmarkApp(sessions_dir=folder, settings=Settings(theme="projector"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.post_message(CompareSessions(paths))
            await pilot.pause()
            assert isinstance(app.screen, ComparisonScreen)
            await _presses(pilot, len(KEYS))  # warm: first paints
            times = await _presses(pilot, moves)
    bare = BareTable()
    async with bare.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _presses(pilot, len(KEYS))
        baseline = await _presses(pilot, moves)
    measured = median(times) * 1000
    return [
        Figure(
            name="comparison-moves",
            what=f"an arrow key's move on the comparison screen ({SESSIONS} sessions, "
            "80×24), until settled",
            measured=measured,
            baseline=median(baseline) * 1000,
            unit="ms",
            target=f"< {LIMIT_MS:g} ms",
            passed=measured < LIMIT_MS,
            baseline_what="the same keys on a bare DataTable of the same shape",
            details={"spread": spread(times, 1000, " ms"), "moves": str(moves)},
        )
    ]
