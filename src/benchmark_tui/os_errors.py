"""Provides the one translation of an ``OSError`` into words a facilitator can act on.

The operating system answers a refused read or write with a number (``errno``) and a terse
phrase ("Errno 13: Permission denied"). Every message about a file — on the command line, in
the app, in the export — says it in the words chosen here:

- :func:`os_problem`: what was refused when a file or folder was looked at, opened or read, as
  a clause ("permission denied: you may not open it, or a folder on its way"); and
  :func:`hint_for`, what to do about it.
- :func:`explain_write_error`: why a file could not be written, and what to do, as a sentence.
"""

from __future__ import annotations

import errno
from pathlib import Path

from benchmark_tui import files
from benchmark_tui.files import (
    MAX_NAME_BYTES,
    NEARER_THE_TOP,
    WINDOWS_MAX_PATH,
    FileInUse,
    name_too_long,
)

_PERMISSION = (errno.EACCES, errno.EPERM)


def os_problem(err: OSError, path: Path | None = None) -> str:
    """What the operating system refused, as a clause a facilitator can act on.

    Args:
        err: what the operating system reported.
        path: the path it was about, if known (a name too long is recognised by it too).
    """
    code = err.errno
    if code == errno.ENAMETOOLONG or (path is not None and name_too_long(path)):
        return (
            f"a name in it is too long (longer than the {MAX_NAME_BYTES} bytes file systems accept)"
        )
    if code in _PERMISSION:
        return "permission denied: you may not open it, or a folder on its way"
    if code == errno.ELOOP:
        return "it is a symbolic link loop (a link that leads back to itself)"
    if code == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if code == errno.ENOENT:
        return "not found"
    if code == errno.EISDIR:
        return "this is a folder, not a file"
    if code == errno.EIO:
        return "the disk could not be read (an input/output error)"
    return str(err.strerror or err)


def hint_for(err: OSError) -> str:
    """What to do about what the operating system refused, for the end of a message."""
    if err.errno in _PERMISSION:
        return "check that you may open the folder it is in, or choose another place"
    if err.errno == errno.ELOOP:
        return "point the link at a real file, or give the file's own path"
    return "check the path"


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
    if isinstance(err, FileInUse):
        return (
            f"another program has {path.name} open — antivirus, OneDrive, the Windows search "
            "indexer or Word, most likely — so it could not be replaced: wait a moment and try "
            "again, or close it in that program"
            + ("" if err.certain else f" (or {path.name} or its folder is read-only)")
        )
    if files.IS_WINDOWS and len(str(path)) >= WINDOWS_MAX_PATH:
        return (
            f"the path {path} is {len(str(path))} characters long, and Windows needs paths "
            f"shorter than {WINDOWS_MAX_PATH}: {NEARER_THE_TOP}"
        )
    if name_too_long(path) or err.errno == errno.ENAMETOOLONG:
        return (
            f"the name {path.name[:40]}… is too long for the file system "
            f"(at most {MAX_NAME_BYTES} bytes): choose a shorter name"
        )
    if err.errno in (*_PERMISSION, errno.EROFS):
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
