"""Provides OpenSession: the life of a session while a team works on it, without Textual.

An :class:`OpenSession` opens a file (its :class:`~benchmark_tui.session_file.SessionFile`
takes the one-writer lock and notices changes made outside), holds the undo history, saves
(the app decides *when*; the checks and the writing live here), keeps earlier versions, and
writes a rescue copy when something goes wrong. The app wires key presses and timers to it.

Saving is split in two so the team never waits: :meth:`OpenSession.prepare_save` takes a
snapshot of the session's data on the UI thread (about a millisecond), and
:meth:`OpenSession.write` checks, renders and writes it, from any thread, one write at a time.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from benchmark_tui import changes, versions
from benchmark_tui.edits import (
    Edit,
    EditRefused,
    NeedsReopen,
    Reopen,
    SendAndAgree,
    SetState,
)
from benchmark_tui.errors import OutsideChange, SaveError
from benchmark_tui.files import digest, write_atomically
from benchmark_tui.models import Framework, Position, Session
from benchmark_tui.models.pacing import MAX_SECONDS
from benchmark_tui.os_errors import explain_write_error
from benchmark_tui.session_file import SessionFile
from benchmark_tui.settings import state_dir
from benchmark_tui.store import read_session, render_session_data, session_text
from benchmark_tui.versions import Version

UNDO_DEPTH = 100
COALESCE_SECONDS = 3.0
"""Typing into the same field within this many seconds is one undo step."""


@dataclass(frozen=True)
class PendingSave:
    """A snapshot of the session's data, ready to be written by :meth:`OpenSession.write`."""

    sequence: int
    data: dict[str, Any]
    """The session as :meth:`~pydantic.BaseModel.model_dump` gives it."""
    content: dict[str, Any]
    """The session without position and time stamps: a version is kept when this changed."""


class StrayChange(RuntimeError):
    """The session was changed in place, not through :meth:`OpenSession.apply` (a bug: such a
    change has no undo step and skips the checks). Raised only where
    :attr:`OpenSession.check_stray_changes` is on, as in the test suite."""


@dataclass(frozen=True)
class Applied:
    """What :meth:`OpenSession.apply` did with an edit."""

    edit: Edit
    changed: bool
    """Whether the session changed (an edit that changes nothing keeps no undo step)."""
    framework: Framework | None = None
    before: dict[str, Any] | None = field(default=None, repr=False)
    after: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def said(self) -> str:
        """What changed, in words ("Leadership: Plan rated 3"; "no change")."""
        if self.before is None or self.after is None:
            return changes.summary([])
        old, new = Session.model_validate(self.before), Session.model_validate(self.after)
        return changes.summary(changes.changes(old, new, self.framework))


@dataclass
class RescueResult:
    """Where an emergency save put the team's work, in one calm sentence."""

    path: Path | None
    message: str


@dataclass
class OpenSession:
    """A session file opened for the workshop.

    Build one with :meth:`open`. ``session`` is the single source of truth the screens show;
    it changes only through :meth:`apply` (the team's edits), :meth:`move_to` and
    :meth:`record_time`. After :meth:`undo`, :meth:`restore` or :meth:`reload_theirs` it is a
    new object.
    """

    check_stray_changes: ClassVar[bool] = False
    """Raise :class:`StrayChange` when the session was changed in place rather than through
    :meth:`apply` (the test suite turns this on; in use such a change is kept and saved)."""

    framework: Framework
    session: Session
    file: SessionFile
    """The file on disk: its lock, and what this window last read from or wrote to it."""
    notices: list[str] = field(default_factory=list)
    blocked: OutsideChange | None = None
    """Set when the file changed outside: nothing is written until the team decides."""
    _undo: list[dict[str, Any]] = field(default_factory=list)
    _baseline: dict[str, Any] = field(default_factory=dict)
    _last_edit: tuple[str | None, float] = (None, 0.0)
    _written_data: dict[str, Any] = field(default_factory=dict)
    _written_content: dict[str, Any] = field(default_factory=dict)
    _sequence: int = 0
    _written: int = 0
    _write_lock: threading.Lock = field(default_factory=threading.Lock)

    # -- opening and closing ----------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, framework: Framework) -> OpenSession:
        """Read a session file and take its lock (or open it read-only, saying why).

        Raises:
            SessionFileError: the file is missing, not YAML, or not a valid session.
        """
        path = Path(path)
        loaded = read_session(path, framework)
        # The bytes parsed are the ones taken as ours: a second read could see an outside edit.
        file = SessionFile.claim(path, loaded.content)
        opened = cls(framework, loaded.session, file, notices=list(loaded.notices))
        opened._start_clean()
        return opened

    @property
    def path(self) -> Path:
        """The session file, as the team named it."""
        return self.file.path

    @property
    def real_path(self) -> Path:
        """The file this session really is (symlinks resolved)."""
        return self.file.real_path

    @property
    def read_only(self) -> bool:
        """Whether this window may not write the file (another window has it; read-only)."""
        return bool(self.file.read_only_reason)

    @property
    def read_only_reason(self) -> str:
        """Why the session is read-only here, in a sentence ("" if it is not)."""
        return self.file.read_only_reason

    def _start_clean(self) -> None:
        """Take the session as it is now as saved (opening a session never rewrites it)."""
        self._undo.clear()
        self._baseline = self.session.model_dump(mode="python")
        self._last_edit = (None, 0.0)
        self._written_data = self.session.model_dump(mode="python")  # not shared with _baseline
        self._written_content = _content(self._written_data)

    def close(self) -> None:
        """Release the lock (the caller saves first, with :meth:`save_now`)."""
        self.file.release()

    @property
    def latest_sequence(self) -> int:
        """The number of the newest save prepared (older ones finishing later are stale)."""
        return self._sequence

    # -- editing and undo ------------------------------------------------------------------------

    def apply(self, edit: Edit, now: float | None = None) -> Applied:
        """Apply one of the team's edits: check it, change the session, keep an undo step.

        The edit is checked at once: one that does not fit the session (an index past the
        end, a text over the limits) is refused and nothing changes. An edit of an item that
        has not been started marks it in progress. An edit that changes nothing keeps no undo
        step.

        Args:
            edit: what the team changed.
            now: a monotonic time (for tests); typing into one box in quick succession
                (edits with the same :attr:`Edit.coalesce`) is one undo step.

        Returns:
            Whether anything changed, and what, in words (:attr:`Applied.said`).

        Raises:
            EditRefused: the edit cannot be applied, saying why; nothing changed.
        """
        if self.read_only:
            raise EditRefused(self.read_only_reason, title="Read-only")
        self._check_no_stray_change()
        self._permit(edit)
        try:
            edit.apply_to(self.session, self.framework)
        except EditRefused:
            self._roll_back()
            raise
        except ValueError as err:  # pydantic's ValidationError included
            self._roll_back()
            raise edit.refused_for(err) from err
        data = self.session.model_dump(mode="python")
        if data == self._baseline:
            return Applied(edit, changed=False)
        if not edit.undoable:
            # Kept like where the team is: saved, but no undo step and no change of the item.
            self._baseline = data
            return Applied(edit, True)
        item = edit.item if edit.starts_item else None
        if item is not None and self.session.state_of(item) == "not-started":
            self.session.mark_started(item)
            data = self.session.model_dump(mode="python")
        self._keep_undo_step(edit.coalesce, now)
        self.session.touch()
        data["updated"] = self.session.updated
        before, self._baseline = self._baseline, data
        return Applied(edit, True, self.framework, before, data)

    def _permit(self, edit: Edit) -> None:
        """The one place for rules about which edits may be made now.

        An agreed item asks before it changes: an edit that would change an agreed item's
        record is refused with :class:`NeedsReopen` (the room is asked, and on yes applies
        :class:`Reopen`, which reopens the item and makes the change as one step). Agreeing,
        reopening, and text typed but not yet sent are not changes of the item.

        Raises:
            EditRefused: the edit is not allowed now (:class:`NeedsReopen`: ask first).
        """
        item = edit.item
        if (
            item is None
            or not edit.undoable
            or isinstance(edit, SetState | Reopen | SendAndAgree)
            or self.session.state_of(item) != "agreed"
        ):
            return
        # Only an edit that would change something asks (a rating set to what it was does not).
        trial = self.session.model_copy(deep=True)
        try:
            edit.apply_to(trial, self.framework)
        except (EditRefused, ValueError):
            return  # refused when applied, with its own reason
        # The record, not what moves with the team: saving an edit with its own words (the
        # unsaved edit forgotten) is no change of the item.
        if _content(trial.model_dump(mode="python")) != _content(self._baseline):
            title = self.framework.item(item).title if self.framework.has_item(item) else item
            raise NeedsReopen(edit, title)

    def _keep_undo_step(self, coalesce: str | None, now: float | None) -> None:
        now = time.monotonic() if now is None else now
        key, when = self._last_edit
        same_burst = coalesce is not None and key == coalesce and now - when < COALESCE_SECONDS
        if not same_burst:
            self._undo.append(self._baseline)
            del self._undo[:-UNDO_DEPTH]
        self._last_edit = (coalesce, now)

    def _roll_back(self) -> None:
        """Put back what a refused edit had changed, in the same session object (the screens
        hold it)."""
        if self.session.model_dump(mode="python") == self._baseline:
            return
        kept = Session.model_validate(self._baseline)
        for name in Session.model_fields:
            setattr(self.session, name, getattr(kept, name))

    def _check_no_stray_change(self) -> None:
        if self.check_stray_changes and self.session.model_dump(mode="python") != self._baseline:
            raise StrayChange(
                "The session was changed in place, not through OpenSession.apply: "
                + changes.summary(
                    changes.changes(Session.model_validate(self._baseline), self.session)
                )
            )

    def record_edit(self, coalesce: str | None = None, now: float | None = None) -> None:
        """Take the session as changed in place since the last edit (keep an undo step).

        For headless scripts and older tests only: the app's screens hand typed edits to
        :meth:`apply` (a guard test checks that nothing under ``tui/`` calls this).

        Args:
            coalesce: edits with the same key in quick succession form one undo step.
            now: a monotonic time (for tests); defaults to :func:`time.monotonic`.
        """
        if self.read_only:
            return
        self._keep_undo_step(coalesce, now)
        self.session.touch()
        self._baseline = self.session.model_dump(mode="python")

    def move_to(self, position: Position) -> bool:
        """Record where the team is (not an edit: no undo step, no version).

        Returns:
            True if the position changed (and is worth saving soon).
        """
        if self.session.position == position:
            return False
        self.session.position = position
        self._baseline["position"] = position.model_dump(mode="python")
        return True

    def record_time(self, item_id: str, seconds: int) -> None:
        """Add time spent on an item (not an edit: no undo step, no version, kept by undo)."""
        if seconds <= 0 or self.read_only:
            return
        spent = dict(self.session.time_spent)
        spent[item_id] = min(MAX_SECONDS, spent.get(item_id, 0) + seconds)
        self.session.time_spent = spent
        self._baseline["time_spent"] = dict(spent)

    @property
    def can_undo(self) -> bool:
        """Whether there is a change to undo."""
        return bool(self._undo) and not self.read_only

    def undo(self) -> str | None:
        """Take back the last change; what it was, in words, or None if there is nothing."""
        if not self.can_undo:
            return None
        before = self.session
        restored = Session.model_validate(self._undo.pop())
        _carry_over(before, restored)
        self.session = restored
        self._baseline = restored.model_dump(mode="python")
        self._last_edit = (None, 0.0)
        return changes.summary(changes.changes(before, restored, self.framework, undoing=True))

    # -- saving ----------------------------------------------------------------------------------

    def prepare_save(self) -> PendingSave | None:
        """Take a snapshot to write (on the UI thread); None if there is nothing to write."""
        if self.read_only or self.blocked is not None:
            return None
        data = self.session.model_dump(mode="python")
        if data != self._baseline:
            # Changed in place, not through apply: a bug. The change is kept (and saved), as
            # an undo step of its own; the test suite raises instead.
            self._check_no_stray_change()
            self._undo.append(self._baseline)
            del self._undo[:-UNDO_DEPTH]
            self._baseline = self.session.model_dump(mode="python")  # not shared with data
        if data == self._written_data:
            return None
        self._sequence += 1
        return PendingSave(self._sequence, data, _content(data))

    def write(self, pending: PendingSave) -> bool:
        """Write a prepared save (from any thread; one write at a time).

        Before writing it checks that the file on disk is still the one this window last
        read or wrote, and that the lock is still ours; when the content changed, the version
        on disk is kept first.

        Returns:
            False if a newer save was written already (this one is out of date).

        Raises:
            OutsideChange: the file was changed or deleted outside; nothing was written.
            LockLost: another window holds the lock now; nothing was written.
            SaveError: the file could not be written (read-only, disk full …).
        """
        with self._write_lock:
            if pending.sequence <= self._written:
                return False
            if self.blocked is not None:
                raise self.blocked
            self._write_checked(pending.data, pending.content)
            self._written = pending.sequence
            return True

    def _write_checked(
        self, data: dict[str, Any], content: dict[str, Any], *, force: bool = False
    ) -> None:
        """Write ``data`` after the checks :meth:`write` describes (``force``: write over an
        outside change, keeping the file found there as a version)."""
        self.file.check_writable()
        current = self.file.read()
        if not force and not self.file.is_ours(current):
            if content == self._written_content:
                # Only where the team is has changed: not worth interrupting them over an
                # outside edit (nor overwriting it). The question comes with a real change.
                return
            self.blocked = OutsideChange(self.path, "deleted" if current is None else "changed")
            raise self.blocked
        encoded = render_session_data(data).encode("utf-8")
        if current is not None and (force or content != self._written_content):
            # Theirs must be kept before it is replaced; our own previous save is kept if
            # the disk allows (a full disk must not stop the save itself).
            self.file.keep(current, must=force)
        self.file.write(encoded)
        self._written_data = data
        self._written_content = content

    def save_now(self) -> bool:
        """Prepare and write at once (on quit, close, Ctrl+S); True if the file is up to date.

        Raises:
            SaveError: as :meth:`write` (OutsideChange, LockLost included).
        """
        pending = self.prepare_save()
        if pending is None:
            if self.blocked is not None:
                raise self.blocked
            return True
        self.write(pending)
        return True

    # -- outside changes -------------------------------------------------------------------------

    def reload_theirs(self) -> None:
        """Take the file as changed outside; this window's work is kept as a version first.

        Raises:
            SessionFileError: their file is not a valid session (then nothing changed here).
            SaveError: our work could not be kept as a version.
        """
        loaded = read_session(self.real_path, self.framework)
        self.file.keep(session_text(self.session).encode("utf-8"), must=True)
        position = self.session.position
        with self._write_lock:
            self.session = loaded.session
            self.session.position = position
            # The bytes just parsed, not a second read: an edit landing between two reads
            # would otherwise be taken as the file this window knows.
            self.file.known = digest(loaded.content)
            self.blocked = None
            self._start_clean()
        self.notices = list(loaded.notices)

    def keep_ours(self) -> None:
        """Write this window's work over the file changed (or deleted) outside.

        Their file, if there is one, is kept as a version first (if that fails, e.g. on a full
        disk, ours is not written either: their file stays as it is).

        Raises:
            SaveError: the file could not be written.
        """
        with self._write_lock:
            data = self.session.model_dump(mode="python")
            self._write_checked(data, _content(data), force=True)
            self.blocked = None
            self._written = self._sequence

    # -- save as ---------------------------------------------------------------------------------

    def save_as(self, target: Path | str, *, replace: bool = False) -> None:
        """Save this window's work under another name and carry on there.

        Raises:
            NeedsConfirmation: ``target`` exists and ``replace`` is False (ask, then again).
            SaveError: refused (the session's own file; open in another window), or the file
                could not be written.
        """
        target = Path(target).expanduser()
        if target.suffix.lower() != ".yaml":
            target = target.with_name(target.name + ".yaml")
        data = self.session.model_dump(mode="python")
        encoded = render_session_data(data).encode("utf-8")
        claimed = SessionFile.claim_new_name(target, self.path, replace=replace)
        try:
            existing = claimed.read()
            if existing is not None:
                claimed.keep(existing, must=False)
            claimed.write(encoded)
        except SaveError:
            claimed.release()
            raise
        with self._write_lock:
            self.file.release()
            self.file = claimed
            self.blocked = None
            self._written_data = data
            self._written_content = _content(data)
            self._written = self._sequence

    # -- versions --------------------------------------------------------------------------------

    def versions(self) -> list[Version]:
        """Earlier versions of this session, newest first."""
        return versions.list_versions(self.real_path)

    @property
    def history_problem(self) -> str:
        """Why earlier versions are not being kept, with where ("" while they are).

        Found when the session is opened and updated by every save that tries to keep one,
        so the header and the versions screen can say it as long as it is true.
        """
        return self.file.history_problem

    def restore(self, version: Version) -> str:
        """Make an earlier version the current one (the current one is kept as a version).

        The restore is one undo step too. Returns what it changed, in words.

        Raises:
            SessionFileError: the version is not a valid session.
            SaveError: read-only here, or the current version could not be kept.
        """
        if self.read_only:
            raise SaveError(self.read_only_reason, title="Read-only")
        loaded = read_session(version.path, self.framework)
        before = self.session
        self.file.keep(session_text(before).encode("utf-8"), must=True)
        self._undo.append(self._baseline)
        del self._undo[:-UNDO_DEPTH]
        _carry_over(before, loaded.session)
        self.session = loaded.session
        self.session.touch()
        self._baseline = self.session.model_dump(mode="python")
        self._last_edit = (None, 0.0)
        return changes.summary(changes.changes(before, self.session, self.framework))

    # -- rescue ----------------------------------------------------------------------------------

    def rescue(self, now: datetime | None = None) -> RescueResult:
        """Save the team's work however possible, after an unexpected error. Never raises.

        Tries a normal save (unless the file changed outside), then a rescue copy beside the
        session, then one in the user's state folder.
        """
        if self.read_only:
            return RescueResult(None, "Nothing was lost: this window was read-only.")
        try:
            saved = self.blocked is None and self.save_now()
            if saved and self.file.known is not None and self.file.is_ours(self.file.read()):
                return RescueResult(self.path, f"The team's work is saved in {self.path}.")
        except Exception:  # noqa: BLE001 - a rescue must go on to the copy, whatever failed
            pass
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
        try:
            data, suffix = session_text(self.session).encode("utf-8"), ".yaml"
        except Exception:  # noqa: BLE001 - fall back to JSON, which always renders
            data, suffix = self.session.model_dump_json(indent=2).encode("utf-8"), ".json"
        name = f"{self.real_path.stem}.rescued-{stamp}{suffix}"
        problems: list[str] = []
        for folder in (self.real_path.parent, state_dir() / "rescued"):
            target = folder / name
            try:
                folder.mkdir(parents=True, exist_ok=True)
                write_atomically(target, data)
            except OSError as err:
                problems.append(explain_write_error(err, target))
                continue
            return RescueResult(target, f"The team's work is saved in {target}.")
        since = self.session.updated.astimezone().strftime("%H:%M")
        return RescueResult(
            None,
            f"The work since {since} could not be saved anywhere ({'; '.join(problems)}).",
        )


def _carry_over(before: Session, after: Session) -> None:
    """Keep in ``after`` what moves with the team rather than with the record (where they
    are, the time spent, text typed and not yet sent), from the session it replaces: undo
    and restore change the record, not these."""
    after.position = before.position
    after.time_spent = before.time_spent
    after.unsent = before.unsent
    after.editing = before.editing
    after.settle_edits()  # the lines being edited may have moved or gone with the record


def _content(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in changes.NOT_CONTENT}
