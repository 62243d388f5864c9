"""Provides autosave: when the open session is written, and what the header and notices say."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from benchmark_tui.crash import write_crash_log
from benchmark_tui.edits import Edit, EditRefused
from benchmark_tui.errors import BenchmarkError, OutsideChange, SaveError
from benchmark_tui.tui.host import OpenSessionHost
from benchmark_tui.workshop import Applied, OpenSession, PendingSave

TEXT_SAVE_DELAY = 0.4
"""Text edits are saved this long after the last key, so typing never waits for the disk."""


class Autosave(OpenSessionHost):
    """Saves the open session shortly after each change, off the UI thread, and says how it went."""

    save_label: reactive[str] = reactive("")
    """What the save indicator says ("saved 14:02", "saving…", "NOT SAVED")."""

    save_state: str
    _save_timer: Any
    _last_error: str

    def apply_edit(self, edit: Edit) -> Applied | None:
        """Apply one of the team's edits to the open session, then save (soon, while typing).

        Returns what changed, or None if the edit was refused (the room is told why).
        """
        if self.opened is None:
            return None
        try:
            applied = self.opened.apply(edit)
        except EditRefused as err:
            self.notify(err.message, title=err.title, severity="error", markup=False)
            return None
        if applied.changed:
            self.request_save(delay=TEXT_SAVE_DELAY if edit.coalesce else 0)
        return applied

    def request_save(self, delay: float = 0, *, quiet: bool = False) -> None:
        """Save the session now, or ``delay`` seconds after the last request.

        Args:
            delay: seconds to wait for more changes before writing.
            quiet: leave the save indicator alone (for moving around, not editing).
        """
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.opened is None or self.read_only:
            return
        if delay:
            if not quiet and self.opened.blocked is None:
                self.set_save_state("pending", "editing…")
            self._save_timer = self.set_timer(delay, self._start_save)
        else:
            self._start_save()

    def _start_save(self) -> None:
        self._save_timer = None
        if self.opened is None:
            return
        if self.opened.blocked is not None:
            self.set_save_state("error", "NOT SAVED")
            return
        try:
            pending = self.opened.prepare_save()
        except SaveError as err:
            self.save_failed(err)
            return
        if pending is None:
            if self.save_state == "pending":
                self.save_succeeded(None)
            return
        self.set_save_state("pending", "saving…")
        self._write(self.opened, pending)

    @work(thread=True, group="save", exit_on_error=False)
    def _write(self, opened: OpenSession, pending: PendingSave) -> PendingSave | None:
        """Write a prepared save off the UI thread (the session object serialises writes).

        Returns the save if it was written, None if a newer one was written first. A problem
        ends the worker in ERROR, reported by :meth:`on_worker_state_changed`.
        """
        return pending if opened.write(pending) else None

    def save_succeeded(self, pending: PendingSave | None) -> None:
        if self.opened is None or (pending is not None and pending.sequence < self._newest_save):
            return
        if self._last_error:
            self.notify("The session is saved again.", title="Saved")
        self._last_error = ""
        self.set_save_state("saved", f"saved {self.clock().strftime('%H:%M')}")

    @property
    def _newest_save(self) -> int:
        return self.opened.latest_sequence if self.opened is not None else 0

    def save_failed(self, error: BaseException) -> None:
        """Say that the session is not saved (once per problem); ask about outside changes."""
        self.set_save_state("error", "NOT SAVED")
        if isinstance(error, OutsideChange):
            self.ask_about_outside_change(error)
            return
        if isinstance(error, BenchmarkError):
            title, message = error.title, error.message
        else:  # a bug while saving: the work is in memory; say so, keep the details in a log
            log = write_crash_log(error, context=f"saving {self.session_path}")
            title = "Not saved"
            message = (
                "Not saved because of an unexpected problem. The team's work is kept in this "
                "window: use Save as… to keep a copy."
                + (f" Details for whoever supports this tool: {log}" if log else "")
            )
        if message != self._last_error:
            self._last_error = message
            self.notify(message, title=title, severity="error", timeout=30, markup=False)

    def flush_save(self) -> bool:
        """Save synchronously (on quit, close, Ctrl+S); True if the file is up to date."""
        if self.opened is None or self.read_only:
            return True
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        try:
            self.opened.save_now()
        except SaveError as err:
            self.save_failed(err)
            return False
        self.save_succeeded(None)
        return True

    def set_save_state(self, state: str, label: str) -> None:
        self.save_state = state
        if self.save_label == label:
            self.mutate_reactive(Autosave.save_label)
        else:
            self.save_label = label

    def action_save(self) -> None:
        """Save now (everything is saved automatically; this is for reassurance)."""
        if self.opened is None:
            return
        if self.read_only:
            self.notify(self.opened.read_only_reason, title="Read-only", markup=False)
            return
        if self.flush_save():
            self.notify(f"Saved to {self.session_path}", title="Saved", markup=False)

    def action_undo(self) -> None:
        """Undo the last change to the session, and say what it was."""
        if self.opened is None or self.read_only:
            return
        said = self.opened.undo()
        if said is None:
            self.notify("Nothing to undo.")
            return
        self.show_session_again()
        self.request_save()
        self.notify(f"Undone: {said}", timeout=4, markup=False)

    def _save_finished(self, event: Worker.StateChanged) -> None:
        """A background save ended: say so (its errors are reported, never raised)."""
        worker = event.worker
        if event.state == WorkerState.SUCCESS and worker.result is not None:
            self.save_succeeded(worker.result)
        elif event.state == WorkerState.ERROR and worker.error is not None:
            self.save_failed(worker.error)
