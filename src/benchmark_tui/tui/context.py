"""Provides WorkshopContext: what a screen may read from the app, without importing the app."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from benchmark_tui.last_time import LastTime
from benchmark_tui.models import Framework
from benchmark_tui.settings import Settings


class WorkshopContext(Protocol):
    """The app as the screens see it: read-only facts. Screens *act* by posting messages
    (:mod:`benchmark_tui.tui.messages`)."""

    framework: Framework | None
    """The framework sessions are read against."""
    settings: Settings
    """The user's settings (recent sessions, theme)."""
    sessions_dir: Path
    """The folder the sessions list shows and new sessions go into."""
    last_time: LastTime | None
    """The open session's previous self-assessment, read once when it was opened (None: it
    has none, or it could not be read)."""

    def clock(self) -> datetime:
        """The local time (fixed in tests)."""
        ...
