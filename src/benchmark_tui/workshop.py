"""Provides OpenSession: the life of a session file while a team works on it, without Textual.

An :class:`OpenSession` opens a file (taking the one-writer lock on its real path), holds the
undo history, saves (the app decides *when*; the checks and the writing live here), notices
changes made to the file outside the app, keeps earlier versions, and writes a rescue copy
when something goes wrong. The app wires key presses and timers to it.

Saving is split in two so the team never waits: :meth:`OpenSession.prepare_save` takes a
snapshot of the session's data on the UI thread (about a millisecond), and
:meth:`OpenSession.write` checks, renders and writes it, from any thread, one write at a time.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from benchmark_tui import changes, versions
from benchmark_tui.errors import BenchmarkError, SaveError
from benchmark_tui.files import digest, explain_write_error, name_too_long, write_atomically
from benchmark_tui.locks import SessionLock, held_elsewhere, real_path
from benchmark_tui.models import Framework, Session
from benchmark_tui.settings import state_dir
from benchmark_tui.store import read_session, render_session_data, session_text
from benchmark_tui.versions import Version

UNDO_DEPTH = 100
COALESCE_SECONDS = 3.0
"""Typing into the same field within this many seconds is one undo step."""
_NOT_CONTENT = {"position", "updated"}
"""Fields that change as the team moves around; a change to them alone keeps no version."""


class OutsideChange(SaveError):
    """The session file was changed or deleted by something other than this window.

    Saving stops until the team decides what to do (see :meth:`OpenSession.reload_theirs`,
    :meth:`OpenSession.keep_ours`, :meth:`OpenSession.save_as`).
    """

    def __init__(self, path: Path, kind: Literal["changed", "deleted"]) -> None:
        self.path = path
        self.kind = kind
        if kind == "deleted":
            message = (
                f"{path.name} was deleted or moved while open here. Nothing is lost: the "
                "team's work is in this window. Save it again, or save it under a new name."
            )
        else:
            message = (
                f"{path.name} was changed outside this window (another program or person "
                "edited it). Saving has stopped so neither version is lost: reload theirs, "
                "keep ours, or save ours under a new name."
            )
        super().__init__(message, title="Changed outside benchmark-tui")


class LockLost(SaveError):
    """Another window took the session's lock (its lock file was deleted under us)."""


class NeedsConfirmation(BenchmarkError):
    """Save as… would replace an existing file: the caller must ask first."""


@dataclass(frozen=True)
class PendingSave:
    """A snapshot of the session's data, ready to be written by :meth:`OpenSession.write`."""

    sequence: int
    data: dict[str, Any]
    """The session as :meth:`~pydantic.BaseModel.model_dump` gives it."""
    content: dict[str, Any]
    """The session without position and time stamps: a version is kept when this changed."""


@dataclass
class RescueResult:
    """Where an emergency save put the team's work, in one calm sentence."""

    path: Path | None
    message: str


@dataclass
class _DiskState:
    """What this window last read from or wrote to the file."""

    size: int
    digest: str


@dataclass
class OpenSession:
    """A session file opened for the workshop.

    Build one with :meth:`open`. ``session`` is the single source of truth the screens show
    and edit; after :meth:`undo`, :meth:`restore` or :meth:`reload_theirs` it is a new object.
    """

    framework: Framework
    session: Session
    path: Path
    """The session file, as the team named it."""
    read_only: bool = False
    read_only_reason: str = ""
    """Why the session is read-only here, in a sentence (another window; a read-only folder)."""
    notices: list[str] = field(default_factory=list)
    lock: SessionLock | None = None
    blocked: OutsideChange | None = None
    """Set when the file changed outside: nothing is written until the team decides."""
    _undo: list[dict[str, Any]] = field(default_factory=list)
    _baseline: dict[str, Any] = field(default_factory=dict)
    _last_edit: tuple[str | None, float] = (None, 0.0)
    _disk: _DiskState | None = None
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
        raw = _read_bytes(path)
        opened = cls(framework, loaded.session, path, notices=list(loaded.notices))
        opened._disk = _DiskState(len(raw), digest(raw)) if raw is not None else None
        opened._start_clean()
        lock = SessionLock(path)
        outcome = lock.try_acquire()
        if outcome == "held":
            opened.lock = lock
            if not _writable(real_path(path)):
                lock.release()
                opened.lock = None
                opened._make_read_only(
                    f"{path.name} is marked read-only, so nothing can be saved to it. "
                    "Save a copy (Ctrl+P ▸ Save a copy as…) to carry on in it."
                )
        elif outcome == "busy":
            opened._make_read_only(
                "This session is open in another benchmark-tui window, so it is shown "
                "read-only here. Close the other window to edit it, or save a copy "
                "(Ctrl+P ▸ Save a copy as…)."
            )
        else:
            opened._make_read_only(
                f"The folder {real_path(path).parent} cannot be written, so nothing could be "
                "saved there. The session is shown read-only; save a copy (Ctrl+P ▸ Save a "
                "copy as…) in a folder you can write to, to carry on there."
            )
        return opened

    def _make_read_only(self, reason: str) -> None:
        self.read_only = True
        self.read_only_reason = reason

    def _start_clean(self) -> None:
        """Take the session as it is now as saved (opening a session never rewrites it)."""
        self._undo.clear()
        self._baseline = self.session.model_dump(mode="python")
        self._last_edit = (None, 0.0)
        self._written_data = self.session.model_dump(mode="python")  # not shared with _baseline
        self._written_content = _content(self._written_data)

    def close(self) -> None:
        """Release the lock (the caller saves first, with :meth:`save_now`)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    @property
    def latest_sequence(self) -> int:
        """The number of the newest save prepared (older ones finishing later are stale)."""
        return self._sequence

    @property
    def real_path(self) -> Path:
        """The file this session really is (symlinks resolved)."""
        return real_path(self.path)

    # -- editing and undo ------------------------------------------------------------------------

    def record_edit(self, coalesce: str | None = None, now: float | None = None) -> None:
        """Note that the session was just changed: keep an undo step and mark it updated.

        Args:
            coalesce: edits with the same key in quick succession (typing into one box)
                form one undo step.
            now: a monotonic time (for tests); defaults to :func:`time.monotonic`.
        """
        if self.read_only:
            return
        now = time.monotonic() if now is None else now
        key, when = self._last_edit
        same_burst = coalesce is not None and key == coalesce and now - when < COALESCE_SECONDS
        if not same_burst:
            self._undo.append(self._baseline)
            del self._undo[:-UNDO_DEPTH]
        self._last_edit = (coalesce, now)
        self.session.touch()
        self._baseline = self.session.model_dump(mode="python")

    def move_to(self, position: Any) -> bool:
        """Record where the team is (not an edit: no undo step, no version).

        Returns:
            True if the position changed (and is worth saving soon).
        """
        if self.session.position == position:
            return False
        self.session.position = position
        self._baseline["position"] = position.model_dump(mode="python")
        return True

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
        restored.position = before.position
        self.session = restored
        self._baseline = restored.model_dump(mode="python")
        self._last_edit = (None, 0.0)
        return changes.summary(changes.changes(before, restored, self.framework))

    # -- saving ----------------------------------------------------------------------------------

    def prepare_save(self) -> PendingSave | None:
        """Take a snapshot to write (on the UI thread); None if there is nothing to write."""
        if self.read_only or self.blocked is not None:
            return None
        data = self.session.model_dump(mode="python")
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
        """Write ``text`` after the checks :meth:`write` describes (``force``: write over an
        outside change, keeping the file found there as a version)."""
        target = self.real_path
        if not target.parent.is_dir():
            # A USB stick pulled out, a share gone: not an outside edit. Saving resumes by
            # itself when the folder is back.
            raise SaveError(
                f"Not saved: {explain_write_error(FileNotFoundError(2, ''), target)}. "
                "The team's work is kept in this window.",
                title="Not saved",
            )
        if self.lock is not None and not self.lock.still_held():
            raise LockLost(
                f"{self.path.name} is now open in another benchmark-tui window. Nothing more is "
                "saved from this one: use Save a copy as… to keep this window's work.",
                title="Not saved",
            )
        current = _read_bytes(target)
        if not force and not self._is_ours(current) and content == self._written_content:
            # Only where the team is has changed: not worth interrupting them over an outside
            # edit (nor overwriting it). The question comes with their next real change.
            return
        if not force and not self._is_ours(current):
            self.blocked = OutsideChange(self.path, "deleted" if current is None else "changed")
            raise self.blocked
        encoded = render_session_data(data).encode("utf-8")
        if current is not None and force:
            self._keep_as_version(current)  # theirs: never replaced without a copy
        elif current is not None and content != self._written_content:
            # Our own previous save: a version that cannot be kept (a full disk) must not
            # stop the save itself.
            with contextlib.suppress(OSError):
                versions.keep_version(target, current)
        try:
            write_atomically(target, encoded)
        except OSError as err:
            raise SaveError(
                f"Not saved: {explain_write_error(err, target, what='the session')}. "
                "The team's work is kept in this window.",
                title="Not saved",
            ) from err
        self._disk = _DiskState(len(encoded), digest(encoded))
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

    @property
    def is_saved(self) -> bool:
        """Whether the file holds everything in this window (cheap: compares text)."""
        return self.read_only or self.session.model_dump(mode="python") == self._written_data

    # -- outside changes -------------------------------------------------------------------------

    def reload_theirs(self) -> None:
        """Take the file as changed outside; this window's work is kept as a version first.

        Raises:
            SessionFileError: their file is not a valid session (then nothing changed here).
            SaveError: our work could not be kept as a version.
        """
        loaded = read_session(self.real_path, self.framework)
        self._keep_as_version(session_text(self.session).encode("utf-8"))
        position = self.session.position
        raw = _read_bytes(self.real_path) or b""
        with self._write_lock:
            self.session = loaded.session
            self.session.position = position
            self._disk = _DiskState(len(raw), digest(raw))
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

    def _keep_as_version(self, data: bytes) -> None:
        try:
            versions.keep_version(self.real_path, data)
        except OSError as err:
            raise SaveError(
                f"Could not keep a copy in {versions.versions_folder(self.real_path)}: "
                f"{explain_write_error(err, self.real_path)}",
                title="Not changed",
            ) from err

    # -- save as ---------------------------------------------------------------------------------

    def save_as(self, target: Path | str, *, replace: bool = False) -> None:
        """Save this window's work under another name and carry on there.

        Refuses the session's own file and a file another window holds; asks (raises
        :class:`NeedsConfirmation`) before replacing any existing file.

        Raises:
            NeedsConfirmation: ``target`` exists and ``replace`` is False.
            SaveError: refused, or the file could not be written.
        """
        target = Path(target).expanduser()
        if target.suffix.lower() != ".yaml":
            target = target.with_name(target.name + ".yaml")
        if name_too_long(target):
            raise SaveError(
                f"Not saved: {explain_write_error(OSError(), target)}.", title="Not saved"
            )
        if real_path(target) == self.real_path:
            raise SaveError(
                f"{target.name} is this session's own file. Choose a different name for the copy.",
                title="Choose another name",
            )
        if held_elsewhere(target):
            raise SaveError(
                f"{target.name} is open in another benchmark-tui window, so it is not replaced. "
                "Choose a different name.",
                title="Choose another name",
            )
        if target.exists() and not replace:
            raise NeedsConfirmation(
                f"{target} already exists. Replace it with this session? "
                "(Its present content is kept as an earlier version.)",
                title="Replace the file?",
            )
        data = self.session.model_dump(mode="python")
        text = render_session_data(data)
        lock = SessionLock(target)
        if lock.try_acquire() != "held":
            raise SaveError(
                f"Not saved: {target} cannot be locked for editing "
                f"({lock.problem or 'another window has it'}). Choose another folder.",
                title="Not saved",
            )
        try:
            existing = _read_bytes(real_path(target))
            if existing is not None:
                with contextlib.suppress(OSError):
                    versions.keep_version(real_path(target), existing)
            write_atomically(real_path(target), text.encode("utf-8"))
        except OSError as err:
            lock.release()
            raise SaveError(
                f"Not saved: {explain_write_error(err, target, what='the session')}.",
                title="Not saved",
            ) from err
        with self._write_lock:
            self.close()
            self.lock = lock
            self.path = target
            self.read_only = False
            self.read_only_reason = ""
            self.blocked = None
            encoded = text.encode("utf-8")
            self._disk = _DiskState(len(encoded), digest(encoded))
            self._written_data = data
            self._written_content = _content(data)
            self._written = self._sequence

    # -- versions --------------------------------------------------------------------------------

    def versions(self) -> list[Version]:
        """Earlier versions of this session, newest first."""
        return versions.list_versions(self.real_path)

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
        self._keep_as_version(session_text(before).encode("utf-8"))
        self._undo.append(self._baseline)
        del self._undo[:-UNDO_DEPTH]
        loaded.session.position = before.position
        self.session = loaded.session
        self.session.touch()
        self._baseline = self.session.model_dump(mode="python")
        self._last_edit = (None, 0.0)
        return changes.summary(changes.changes(before, self.session, self.framework))

    def _is_ours(self, current: bytes | None) -> bool:
        """Whether ``current`` (the file's bytes, None if missing) is what we last read/wrote."""
        if current is None or self._disk is None:
            return current is None and self._disk is None
        return digest(current) == self._disk.digest

    def _disk_is_ours(self) -> bool:
        """Whether the file holds what this window last read or wrote."""
        return self._is_ours(_read_bytes(self.real_path)) and self._disk is not None

    # -- rescue ----------------------------------------------------------------------------------

    def rescue(self, now: datetime | None = None) -> RescueResult:
        """Save the team's work however possible, after an unexpected error. Never raises.

        Tries a normal save (unless the file changed outside), then a rescue copy beside the
        session, then one in the user's state folder.
        """
        if self.read_only:
            return RescueResult(None, "Nothing was lost: this window was read-only.")
        try:
            if self.blocked is None and self.save_now() and self._disk_is_ours():
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


def _content(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in _NOT_CONTENT}


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return None


def _writable(path: Path) -> bool:
    """Whether a session file may be replaced (not marked read-only)."""
    import os

    return not path.exists() or os.access(path, os.W_OK)


def restore_file(path: Path | str, version: Version, framework: Framework) -> None:
    """Put an earlier version back as the session file, outside the app.

    The version is checked first; the file's present content is kept as a version; the
    version's bytes are written exactly as they were kept.

    Raises:
        SessionFileError: the version is not a valid session.
        SaveError: the session is open in a benchmark-tui window, or cannot be written.
    """
    read_session(version.path, framework)
    lock = SessionLock(path)
    outcome = lock.try_acquire()
    if outcome == "busy":
        raise SaveError(
            f"{Path(path).name} is open in a benchmark-tui window. Close that window first, "
            "or restore from the app (Ctrl+P ▸ Earlier versions…).",
            title="Not restored",
        )
    target = real_path(path)
    try:
        current = _read_bytes(target)
        if current is not None:
            versions.keep_version(target, current)
        write_atomically(target, version.path.read_bytes())
    except OSError as err:
        raise SaveError(
            f"Not restored: {explain_write_error(err, target, what='the session')}.",
            title="Not restored",
        ) from err
    finally:
        lock.release()
