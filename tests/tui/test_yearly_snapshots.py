"""Snapshots of the yearly cycle's screens at 80×24: the comparison, last time beside this time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from benchmark_tui.tui.messages import CompareSessions

from .conftest import LARGE, SMALL

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A writable copy of every example session, in a sessions folder of its own."""
    folder = tmp_path / "sessions"
    folder.mkdir()
    for path in sorted((REPO / "sessions").glob("*.yaml")):
        shutil.copy(path, folder / path.name)
    return folder


def comparing(*names: str, folder: Path):
    """Before the snapshot: open the comparison of the named sessions, as c does."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        pilot.app.post_message(CompareSessions([folder / name for name in names]))
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_comparison_over_time(snap_compare, make_app, examples, size):
    """The two years of the service: each cell its rating and change (▲1, ▼1, =)."""
    run_before = comparing(
        "example-borough-libraries-2025-03-13.yaml",
        "example-borough-libraries-2026-03-12.yaml",
        folder=examples,
    )
    app = make_app(sessions_dir=examples)
    assert snap_compare(app, terminal_size=size, run_before=run_before, press=["right"] * 5)


def test_comparison_of_three_libraries(snap_compare, make_app, examples):
    """Three libraries side by side, the cursor cell's spread in words under the table."""
    names = sorted(p.name for p in examples.glob("example-*-library-*.yaml"))
    app = make_app(sessions_dir=examples)
    run_before = comparing(*names, folder=examples)
    assert snap_compare(app, terminal_size=SMALL, run_before=run_before, press=["down"])


def test_review_of_last_times_plan(snap_compare, make_app, examples):
    """r on the plan: last time's actions, each with its outcome (symbol and words) and note."""
    app = make_app(examples / "example-borough-libraries-2026-03-12.yaml")
    assert snap_compare(app, terminal_size=SMALL, press=["p", "r", "down", "down"])
