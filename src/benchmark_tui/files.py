"""Provides writing files safely: atomically, durably, and with problems said in plain words.

Every file benchmark-tui writes (sessions, their versions, rescue copies, settings, Word
documents) goes through :func:`write_atomically`, so a crash or a power cut leaves either the
old file or the new one, never half of each. :func:`explain_write_error` turns what the
operating system reported into a sentence a facilitator can act on.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
from pathlib import Path

MAX_NAME_BYTES = 255
"""The longest file name most file systems accept (in bytes of UTF-8)."""


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    The data goes to a temporary file in the same folder, is flushed and fsynced, and is then
    renamed over the target; the folder is fsynced so the rename survives a power cut. With
    ``durable=False`` nothing is fsynced: the file is still never half-written, but a power
    cut may bring back the previous version (for files such as the settings, where that costs
    nothing).

    Raises:
        OSError: whatever the operating system reported.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{_temp_stem(path)}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        fsync_folder(folder)


TEMP_STEM_BYTES = 200
"""A temporary file is named after its target, cut to this many bytes so that ``.NAME.RANDOM.tmp``
stays within :data:`MAX_NAME_BYTES` whatever the target's name."""


def _temp_stem(path: Path) -> str:
    """The part of a temporary file's name that says which file it will become."""
    name = path.name
    if len(name.encode("utf-8", "surrogateescape")) <= TEMP_STEM_BYTES:
        return name
    cut = name.encode("utf-8", "surrogateescape")[:TEMP_STEM_BYTES]
    return cut.decode("utf-8", "ignore")


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX only; Windows has no need)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_leftover_temp_files(path: Path) -> list[Path]:
    """Delete temporary files that writers killed mid-save left beside ``path``.

    :func:`write_atomically` writes ``.NAME.RANDOM.tmp`` and renames it into place; a crash
    between the two leaves it behind. Call this only while nobody else can be writing
    ``path`` (while holding its :class:`~benchmark_tui.locks.SessionLock`).

    Returns:
        The files removed.
    """
    leftover = re.compile(rf"\.{re.escape(_temp_stem(path))}\.(?:bak\.)?[a-z0-9_]+\.tmp")
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for candidate in path.parent.iterdir():
            if leftover.fullmatch(candidate.name) and candidate.is_file():
                with contextlib.suppress(OSError):
                    candidate.unlink()
                    removed.append(candidate)
    return removed


def digest(data: bytes) -> str:
    """A short, stable fingerprint of some bytes (sha256, hex)."""
    return hashlib.sha256(data).hexdigest()


def name_too_long(path: Path) -> bool:
    """Whether the last part of ``path`` is longer than file systems accept."""
    return len(path.name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder (never raises)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def explain_write_error(err: OSError, path: Path, *, what: str = "the file") -> str:
    """Say in plain words why ``path`` could not be written, and what to do.

    Args:
        err: what the operating system reported.
        path: the file being written.
        what: what the file is, for the sentence ("the session", "the document").
    """
    folder = path.parent
    if name_too_long(path) or err.errno == errno.ENAMETOOLONG:
        return (
            f"the name {path.name[:40]}… is too long for the file system "
            f"(at most {MAX_NAME_BYTES} bytes): choose a shorter name"
        )
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"cannot write {what} to {folder} (the folder or file is read-only): "
            "choose another folder, or ask for write access"
        )
    if err.errno == errno.ENOSPC:
        return f"the disk holding {folder} is full: free some space or choose another folder"
    if err.errno == errno.ENOENT and _is_folder(folder):
        # The folder is there, but takes no new files (/proc, a special file system).
        return f"{folder} does not take new files ({err.strerror or err}): choose another folder"
    if err.errno == errno.ENOENT:
        return (
            f"the folder {folder} does not exist (was a USB stick removed?): "
            "put it back or choose another folder"
        )
    if err.errno == errno.EISDIR:
        return f"{path} is a folder, not a file: choose a file name"
    return f"cannot write {path} ({err.strerror or err}): choose another name or folder"
