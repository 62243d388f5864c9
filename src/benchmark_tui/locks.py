"""Provides the one-writer lock: a session file is edited by one benchmark-tui window at a time.

The lock is an operating-system lock (filelock) on a small hidden file beside the session's
*real* path, so a session opened through a symlink, a relative path or another spelling is
still one session with one lock. The system releases it when the process ends however it
ends, so a crash never leaves a stale lock. A holder whose lock file was deleted (by a
clean-up script, a sync tool) takes it again on its next save, so a second window cannot slip
in beside it unnoticed.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from benchmark_tui.files import remove_leftover_temp_files, set_hidden

if TYPE_CHECKING:
    from filelock import FileLock

LockOutcome = Literal["held", "busy", "unwritable"]
"""What :meth:`SessionLock.acquire` found: ours now; another window's; or no lock possible."""


def real_path(path: Path | str) -> Path:
    """The file a path really names (symlinks and ``..`` resolved), absolute; never raises.

    A link loop is left as it is (opening the file says so); ``~nobody`` with no such user is
    left unexpanded; a name holding a NUL, which names nothing on disk, is only made absolute.
    """
    candidate = Path(path)
    with contextlib.suppress(RuntimeError):  # "~someone" who is not a user here
        candidate = candidate.expanduser()
    try:
        return Path(os.path.realpath(candidate))
    except (OSError, ValueError):  # ValueError: an embedded NUL
        return Path(os.path.abspath(candidate))


def lock_path(path: Path) -> Path:
    """The lock file that marks a session as open for editing (hidden, beside the real file)."""
    real = real_path(path)
    return real.with_name(f".{real.name}.lock")


class SessionLock:
    """Marks a session file as open for editing by one running benchmark-tui.

    Args:
        path: the session file (any spelling of it; the lock is taken on its real path).
    """

    def __init__(self, path: Path | str) -> None:
        self.session_path = real_path(path)
        self.path = lock_path(self.session_path)
        self._lock = self._new_lock()
        self._identity: tuple[int, int] | None = None
        self.problem: OSError | None = None
        """Why no lock file could be made, when :meth:`acquire` answered ``unwritable``."""

    def _new_lock(self) -> FileLock:
        from filelock import FileLock

        return FileLock(self.path, timeout=0, thread_local=False)

    def try_acquire(self) -> LockOutcome:
        """Take the lock if nobody holds it.

        Holding the lock means nobody else is writing the session, so temporary files left
        beside it by a writer that was killed mid-save are removed here.

        Returns:
            ``held`` (ours now), ``busy`` (another window has it) or ``unwritable`` (no lock
            file can be made there, e.g. a read-only folder: see :attr:`problem`).
        """
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            if not os.path.lexists(self.path):
                # filelock retries when the lock file cannot even be made (a folder such as
                # /proc that takes no new files): nobody holds it, it cannot be locked.
                self.problem = FileNotFoundError(
                    2, "no lock file can be made there", str(self.path)
                )
                return "unwritable"
            return "busy"
        except OSError as err:
            self.problem = err
            return "unwritable"
        set_hidden(self.path)  # on Windows the leading dot does not hide it from Explorer, OneDrive
        self._identity = self._current_identity()
        remove_leftover_temp_files(self.session_path)
        return "held"

    def acquire(self) -> bool:
        """Take the lock; False if another window holds it or no lock file can be made."""
        return self.try_acquire() == "held"

    def _current_identity(self) -> tuple[int, int] | None:
        try:
            found = self.path.stat()
        except OSError:
            return None
        return (found.st_dev, found.st_ino)

    def still_held(self) -> bool:
        """Check that our lock file is still there, and take it again if it was deleted.

        Returns:
            False if the lock was lost to another window (it took the lock while our file was
            missing): the caller must stop writing.
        """
        if not self._lock.is_locked:
            return False
        if self._identity is not None and self._current_identity() == self._identity:
            return True
        old = self._lock
        self._lock = self._new_lock()
        outcome = self.try_acquire()
        with contextlib.suppress(OSError):
            old.release()
        return outcome == "held"

    def release(self) -> None:
        """Give the lock up (safe to call when not held)."""
        if self._lock.is_locked:
            with contextlib.suppress(OSError):
                self._lock.release()
        self._identity = None

    @property
    def is_held(self) -> bool:
        """Whether this process holds the lock."""
        return bool(self._lock.is_locked)


def held_elsewhere(path: Path | str) -> bool:
    """Whether another window (or process) holds the lock of ``path`` right now."""
    probe = SessionLock(path)
    outcome = probe.try_acquire()
    probe.release()
    return outcome == "busy"
