"""Fixtures for driving the app with Pilot: fresh and worked sessions in tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from benchmark_tui.models import Framework, Position, Session
from benchmark_tui.settings import Settings
from benchmark_tui.store import load_session, save_session
from benchmark_tui.tui.app import BenchmarkApp

FIXED_LOCAL_TIME = datetime(2026, 3, 12, 14, 2)
"""What the app's clock reads in tests ("saved 14:02")."""
SMALL = (80, 24)
LARGE = (160, 45)

MakeApp = Callable[..., BenchmarkApp]


@pytest.fixture
def make_app(tmp_path: Path) -> MakeApp:
    """Build the app as the command line does, from files; the projector theme by default."""

    def make(session_path: Path | None = None, **kwargs: object) -> BenchmarkApp:
        kwargs.setdefault("sessions_dir", tmp_path / "sessions")
        kwargs.setdefault("settings", Settings(theme="projector"))
        kwargs.setdefault("clock", lambda: FIXED_LOCAL_TIME)
        kwargs.setdefault("monotonic", lambda: 0.0)  # the pacing clock stands still
        kwargs.setdefault("cursor_blink", False)  # a snapshot never catches the cursor mid-blink
        return BenchmarkApp(session_path=session_path, **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture
def session_file(tmp_path: Path, session: Session) -> Callable[..., Path]:
    """Write the empty test session, positioned where a test wants to start."""

    def write(place: str = "briefing", item: str | None = None, step: str | None = None) -> Path:
        folder = tmp_path / "sessions"
        folder.mkdir(exist_ok=True)
        session.position = Position(place=place, item=item, step=step)  # type: ignore[arg-type]
        return save_session(session, folder / "testshire.yaml")

    return write


def reload(path: Path, framework: Framework) -> Session:
    """What is on disk now."""
    return load_session(path, framework)
