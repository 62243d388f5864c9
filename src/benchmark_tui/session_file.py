"""Provides SessionFile: one session file on disk, as the window that has it open knows it.

It holds the file's one-writer lock, remembers the content this window last read or wrote
(so an edit made outside is noticed), keeps earlier versions, and writes atomically. It knows
nothing of the session's data: :class:`~benchmark_tui.workshop.OpenSession` decides what to
write and when.
"""

from __future__ import annotations

import contextlib
import stat
from dataclasses import dataclass
from pathlib import Path

from benchmark_tui import paths, versions
from benchmark_tui.errors import LockLost, NeedsConfirmation, SaveError
from benchmark_tui.files import digest, new_file_problem, write_atomically
from benchmark_tui.locks import SessionLock, held_elsewhere, lock_path, real_path
from benchmark_tui.os_errors import explain_write_error
from benchmark_tui.reading import read_regular_file

SAVE_A_COPY = "save a copy (Ctrl+P ▸ Save a copy as…)"


@dataclass
class SessionFile:
    """A session file, its lock, and what this window last read from or wrote to it.

    Build one with :meth:`claim` (an existing file, opened for the workshop) or
    :meth:`claim_new_name` (Save as…).
    """

    path: Path
    """The session file, as the team named it."""
    lock: SessionLock | None = None
    """Ours while we may write; None in a read-only window."""
    read_only_reason: str = ""
    """Why this window may not write the file, in a sentence ("" if it may)."""
    known: str | None = None
    """Digest of the content this window last read or wrote (None: no file was there)."""
    history_problem: str = ""
    """Why earlier versions are not being kept, in a sentence ("" while they are): found when
    the file is claimed, then set by each attempt to keep one (the last attempt counts)."""

    @classmethod
    def claim(cls, path: Path, content: bytes | None) -> SessionFile:
        """Take the lock of a file just read, or say why it is read-only here.

        Args:
            path: the session file.
            content: the very bytes the session was parsed from
                (:attr:`~benchmark_tui.store.LoadedSession.content`), never a second read:
                an edit made outside in between would otherwise be taken as ours.
        """
        opened = cls(path, known=digest(content) if content is not None else None)
        lock = SessionLock(path)
        outcome = lock.try_acquire()
        if outcome == "busy":
            opened.read_only_reason = (
                "This session is open in another benchmark-tui window, so it is shown "
                f"read-only here. Close the other window to edit it, or {SAVE_A_COPY}."
            )
        elif outcome == "unwritable" and paths.is_folder(lock.path):
            opened.read_only_reason = (
                f"The lock file {lock.path.name} beside {path.name} has been replaced by a "
                "folder, so this window cannot mark the session as its own. The session is "
                f"shown read-only; remove that folder and open it again, or {SAVE_A_COPY}."
            )
        elif outcome == "unwritable":
            opened.read_only_reason = (
                f"The folder {opened.real_path.parent} cannot be written, so nothing could be "
                f"saved there. The session is shown read-only; {SAVE_A_COPY} in a folder you "
                "can write to, to carry on there."
            )
        elif _marked_read_only(opened.real_path):
            lock.release()
            opened.read_only_reason = (
                f"{path.name} is marked read-only, so nothing can be saved to it: "
                f"{SAVE_A_COPY} to carry on in it."
            )
        else:
            opened.lock = lock
            opened.history_problem = versions.history_problem(opened.real_path)
        return opened

    @classmethod
    def claim_new_name(cls, target: Path, own: Path, *, replace: bool) -> SessionFile:
        """Check a name for Save as… and take its lock (the caller then writes it).

        Refuses the session's own file and a file another window holds; asks (raises
        :class:`NeedsConfirmation`) before replacing any existing file.

        Raises:
            NeedsConfirmation: ``target`` exists and ``replace`` is False.
            SaveError: refused.
        """
        if "\x00" in str(target):
            raise SaveError(
                "Not saved: a file name cannot hold a NUL character. Choose another name.",
                title="Choose another name",
            )
        problem = new_file_problem(target, versions=True)
        if problem is not None:
            raise SaveError(f"Not saved: {problem}.", title="Choose another name")
        found = paths.stat_of(target)
        if found is not None and not stat.S_ISREG(found.st_mode):
            kind = (
                "a folder"
                if stat.S_ISDIR(found.st_mode)
                else "not a regular file (a pipe, a device)"
            )
            raise SaveError(
                f"{target} is {kind}, so nothing is saved there. Choose a file name.",
                title="Choose another name",
            )
        if real_path(target) == real_path(own):
            raise SaveError(
                f"{target.name} is this session's own file. Choose a different name for the copy.",
                title="Choose another name",
            )
        if paths.exists(lock_path(target)) and held_elsewhere(target):
            raise SaveError(
                f"{target.name} is open in another benchmark-tui window, so it is not replaced. "
                "Choose a different name.",
                title="Choose another name",
            )
        if found is not None and not replace:
            raise NeedsConfirmation(
                f"{target} already exists. Replace it with this session? "
                "(Its present content is kept as an earlier version.)",
                title="Replace the file?",
            )
        lock = SessionLock(target)
        if lock.try_acquire() != "held":
            raise SaveError(
                f"Not saved: {target} cannot be locked for editing "
                f"({lock.problem or 'another window has it'}). Choose another folder.",
                title="Not saved",
            )
        return cls(target, lock=lock, history_problem=versions.history_problem(target))

    @property
    def real_path(self) -> Path:
        """The file this session really is (symlinks resolved)."""
        return real_path(self.path)

    def read(self) -> bytes | None:
        """The file's bytes now (None if it is missing, cannot be read or is not a file).

        Never waits: a named pipe put in the file's place is not a file (it would block the
        save, and then the quit, for ever).
        """
        try:
            return read_regular_file(self.real_path)
        except OSError:
            return None

    def is_ours(self, current: bytes | None) -> bool:
        """Whether ``current`` (the file's bytes, None if missing) is what we last read/wrote."""
        if current is None or self.known is None:
            return current is None and self.known is None
        return digest(current) == self.known

    def check_writable(self) -> None:
        """Before a write: the folder is there and the lock is still ours.

        Raises:
            SaveError: the folder is gone (a USB stick pulled out); saving resumes when it
                is back.
            LockLost: another window took the lock while our lock file was missing.
        """
        if not paths.is_folder(self.real_path.parent):
            raise SaveError(
                f"Not saved: {explain_write_error(FileNotFoundError(2, ''), self.real_path)}. "
                "The team's work is kept in this window.",
                title="Not saved",
            )
        if _marked_read_only(self.real_path):
            raise SaveError(
                f"Not saved: {self.path.name} has been made read-only since it was opened, so "
                "it is not overwritten. Make it writable again (its properties) and saving "
                f"resumes, or {SAVE_A_COPY}. The team's work is kept in this window.",
                title="Not saved",
            )
        if self.lock is not None and not self.lock.still_held():
            raise LockLost(
                f"{self.path.name} is now open in another benchmark-tui window. Nothing more is "
                f"saved from this one: {SAVE_A_COPY} to keep this window's work.",
                title="Not saved",
            )

    def keep(self, content: bytes, *, must: bool) -> None:
        """Keep ``content`` as an earlier version.

        Args:
            content: the bytes to keep.
            must: True when the content is someone else's or about to be replaced for good
                (a failure raises); False for our own previous save (a failure, such as a full
                disk, must not stop the save itself).

        Raises:
            SaveError: ``must`` and the version could not be written.
        """
        try:
            versions.keep_version(self.real_path, content)
        except OSError as err:
            folder = versions.versions_folder(self.real_path)
            self.history_problem = versions.history_problem(self.real_path) or (
                f"Earlier versions cannot be kept in {folder}: "
                f"{explain_write_error(err, folder / 'version.yaml', what='a version')}."
            )
            if not must:
                return
            raise SaveError(
                f"Could not keep a copy in {versions.versions_folder(self.real_path)}: "
                f"{explain_write_error(err, self.real_path)}",
                title="Not changed",
            ) from err
        self.history_problem = ""

    def write(self, content: bytes) -> None:
        """Write the file atomically and remember the content as ours.

        Raises:
            SaveError: the file could not be written (the message says why, plainly).
        """
        try:
            write_atomically(self.real_path, content)
        except OSError as err:
            raise SaveError(
                f"Not saved: {explain_write_error(err, self.real_path, what='the session')}. "
                "The team's work is kept in this window.",
                title="Not saved",
            ) from err
        self.known = digest(content)

    def release(self) -> None:
        """Give the lock up (safe to call when not held)."""
        if self.lock is not None:
            with contextlib.suppress(OSError):
                self.lock.release()
            self.lock = None


def _marked_read_only(path: Path) -> bool:
    """Whether the file is marked read-only (its own mark, which binds root too; on Windows
    the read-only attribute). A missing file is not."""
    found = paths.stat_of(path)
    return found is not None and not found.st_mode & stat.S_IWUSR
