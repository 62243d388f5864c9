"""Provides WorkshopContext: what a screen may read from the app, without importing the app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from benchmark_tui.edits import Edit
from benchmark_tui.last_time import LastTime
from benchmark_tui.models import Framework
from benchmark_tui.session_index import Reader
from benchmark_tui.settings import Settings
from benchmark_tui.workshop import Applied


class WorkshopContext(Protocol):
    """The app as the screens see it: read-only facts, and the one way to change the session
    (:meth:`apply_edit`). Screens *move* by posting messages (:mod:`benchmark_tui.tui.messages`)."""

    framework: Framework | None
    """The framework sessions are read against."""
    settings: Settings
    """The user's settings (recent sessions, theme)."""
    sessions_dir: Path
    """The folder the sessions list shows and new sessions go into."""
    read_summary: Reader
    """How the sessions list reads one session (in its worker; tests slow it down)."""
    last_time: LastTime | None
    """The open session's previous self-assessment, read once when it was opened (None: it
    has none, or it could not be read)."""

    def clock(self) -> datetime:
        """The local time (fixed in tests)."""
        ...

    def apply_edit(
        self, edit: Edit, then: Callable[[Applied | None], object] | None = None
    ) -> Applied | None:
        """Hand one of the team's edits to the open session: checked at once, one undo step,
        saved soon. Returns what changed, or None if it was refused (the app has said why).

        An edit of an agreed item asks the room first and returns None; ``then`` is called
        once the room has answered (with what changed, or None if it kept the item agreed).
        """
        ...
