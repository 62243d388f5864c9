"""Provides OpenSessionHost: the app's view of the open session, shared by the app's parts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App

from benchmark_tui.edits import Edit
from benchmark_tui.errors import BenchmarkError, OutsideChange
from benchmark_tui.models import Framework, Place, Session, Step
from benchmark_tui.workshop import Applied, OpenSession, PendingSave


class OpenSessionHost(App[None]):
    """An app that may have a session open (:attr:`opened`), with the framework it is read by."""

    framework: Framework | None = None
    """The framework sessions are read against (None if it could not be loaded)."""
    opened: OpenSession | None = None
    """The open session (None on the sessions list)."""
    clock: Callable[[], datetime] = datetime.now
    """Local time, for "saved 14:02" and today's date (tests pass a fixed clock)."""

    @property
    def session(self) -> Session | None:
        """The open session's data (a new object after undo, restore or reload)."""
        return self.opened.session if self.opened is not None else None

    @property
    def session_path(self) -> Path | None:
        """The open session's file."""
        return self.opened.path if self.opened is not None else None

    @property
    def read_only(self) -> bool:
        """Whether the open session is shown read-only (another window has it; a read-only
        folder)."""
        return self.opened is not None and self.opened.read_only

    # What each part of the app offers the others (implemented by the part named).

    def goto(
        self,
        place: Place,
        item: str | None = None,
        step: Step | None = None,
        *,
        remember: bool = True,
    ) -> None:
        """Show a place of the workshop (:class:`~benchmark_tui.tui.navigation.Navigation`)."""
        raise NotImplementedError

    def show_session_again(self) -> None:
        """Show the open session where the team is, after undo, restore or reload
        (:class:`~benchmark_tui.tui.navigation.Navigation`)."""
        raise NotImplementedError

    async def show_again(self) -> None:
        """Rebuild the workshop screens (after the session became writable; the app)."""
        raise NotImplementedError

    def apply_edit(self, edit: Edit) -> Applied | None:
        """Apply one of the team's edits (:class:`~benchmark_tui.tui.saving.Autosave`)."""
        raise NotImplementedError

    def request_save(self, delay: float = 0, *, quiet: bool = False) -> None:
        """Save soon (:class:`~benchmark_tui.tui.saving.Autosave`)."""
        raise NotImplementedError

    def flush_save(self) -> bool:
        """Save now; True if the file is up to date
        (:class:`~benchmark_tui.tui.saving.Autosave`)."""
        raise NotImplementedError

    def set_save_state(self, state: str, label: str) -> None:
        """Set the save indicator (:class:`~benchmark_tui.tui.saving.Autosave`)."""
        raise NotImplementedError

    def save_succeeded(self, pending: PendingSave | None) -> None:
        """Say the session is saved (:class:`~benchmark_tui.tui.saving.Autosave`)."""
        raise NotImplementedError

    def ask_about_outside_change(self, change: OutsideChange) -> None:
        """Ask what to do about a file changed outside
        (:class:`~benchmark_tui.tui.file_actions.FileActions`)."""
        raise NotImplementedError

    def show_error(self, error: BenchmarkError) -> None:
        """Show a problem the user must acknowledge (the app)."""
        raise NotImplementedError
