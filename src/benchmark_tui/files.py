"""Provides writing files safely: atomically, durably, and with problems said in plain words.

Every file benchmark-tui writes (sessions, their versions, rescue copies, settings, Word
documents) goes through :func:`write_atomically`, so a crash or a power cut leaves either the
old file or the new one, never half of each. :func:`benchmark_tui.os_errors.explain_write_error`
turns what the operating system reported into a sentence a facilitator can act on.

Windows is a first-class place to run: a replace, removal or rename that another program
(antivirus, OneDrive, the search indexer, Word) briefly blocks is retried with a short backoff
(:func:`retry_when_busy`); temporary and lock files get the hidden attribute
(:func:`set_hidden`); and every name the app makes is checked against what Windows can hold
(:func:`new_file_problem`), on every platform, since session files travel between machines.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, TypeVar

MAX_NAME_BYTES = 255
"""The longest file name most file systems accept (in bytes of UTF-8)."""

IS_WINDOWS = sys.platform == "win32"
"""Whether the Windows rules apply (the tests set it to simulate Windows)."""

_T = TypeVar("_T")


# ---------------------------------------------------------------------------------------------
# Retrying what another program briefly blocks (Windows)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Backoff:
    """How long to wait before each retry of a file operation another program blocked."""

    delays: tuple[float, ...] = (0.01, 0.02, 0.05, 0.1, 0.2, 0.4)
    """Seconds before each retry: 0.78 s in all, between git for Windows' 71 ms (then it asks)
    and pip's one second; long enough for a virus scan or an indexer to let go of a session."""
    sleep: Callable[[float], None] = time.sleep
    """How to wait (the tests record the waits instead)."""


BACKOFF = Backoff()
"""The backoff every retried file operation uses."""

_SHARING_VIOLATION, _LOCK_VIOLATION = 32, 33
"""Windows' own error numbers for "another program has the file open" (``winerror``)."""


class FileInUse(PermissionError):
    """Windows still refused a file operation after every retry: most likely another program
    (antivirus, OneDrive, the search indexer, Word) has the file open."""

    certain: bool = False
    """Whether Windows said so (a sharing violation) rather than a plain "access denied", which
    a read-only file or folder gives too."""


def _is_busy(err: OSError) -> bool:
    """Whether ``err`` is what Windows reports while another program holds the file."""
    if not IS_WINDOWS:
        return False  # elsewhere a permission error is a real one: waiting changes nothing
    return isinstance(err, PermissionError) or getattr(err, "winerror", None) in (
        _SHARING_VIOLATION,
        _LOCK_VIOLATION,
    )


def retry_when_busy(operation: Callable[[], _T], *, backoff: Backoff | None = None) -> _T:
    """Run a file operation, retrying it while Windows says another program holds the file.

    Antivirus, the search indexer and OneDrive open a file for a moment right after it is
    written; a replace or removal in that moment fails with ``PermissionError`` on Windows.
    pip, git for Windows and conda retry such operations briefly; so does this.

    Raises:
        FileInUse: Windows refused every try (the last error is its cause).
        OSError: any other error, at once.
    """
    waits = (backoff or BACKOFF).delays
    sleep = (backoff or BACKOFF).sleep
    for attempt in range(len(waits) + 1):
        try:
            return operation()
        except OSError as err:
            if not _is_busy(err):
                raise
            if attempt == len(waits):
                in_use = FileInUse(err.errno or errno.EACCES, err.strerror, err.filename)
                in_use.certain = getattr(err, "winerror", None) in (
                    _SHARING_VIOLATION,
                    _LOCK_VIOLATION,
                )
                raise in_use from err
            sleep(waits[attempt])
    raise AssertionError("unreachable")  # pragma: no cover


def replace_file(source: Path | str, target: Path | str) -> None:
    """``os.replace``, retried while another program holds either file (Windows)."""
    retry_when_busy(lambda: os.replace(source, target))


def rename_file(source: Path | str, target: Path | str) -> None:
    """``os.rename``, retried while another program holds the file (Windows)."""
    retry_when_busy(lambda: os.rename(source, target))


def remove_file(path: Path | str) -> None:
    """``os.unlink``, retried while another program holds the file (Windows)."""
    retry_when_busy(lambda: os.unlink(path))


# ---------------------------------------------------------------------------------------------
# Hidden files (Windows)
# ---------------------------------------------------------------------------------------------

FILE_ATTRIBUTE_HIDDEN = 0x2
FILE_ATTRIBUTE_NORMAL = 0x80
INVALID_FILE_ATTRIBUTES = 0xFFFFFFFF


@functools.cache
def _kernel32() -> Any:
    """The two calls of the Windows API that read and set a file's attributes (ctypes)."""
    if sys.platform != "win32":
        raise OSError(errno.ENOSYS, "the Windows API exists only on Windows")
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.GetFileAttributesW.argtypes = [wintypes.LPCWSTR]
    kernel32.GetFileAttributesW.restype = wintypes.DWORD
    kernel32.SetFileAttributesW.argtypes = [wintypes.LPCWSTR, wintypes.DWORD]
    kernel32.SetFileAttributesW.restype = wintypes.BOOL
    return kernel32


def set_hidden(path: Path, hidden: bool = True) -> bool:
    """Give ``path`` Windows' hidden attribute (or take it away), keeping its other attributes.

    Elsewhere the leading dot of a lock or temporary file's name already hides it; on Windows
    it does not, so Explorer shows them and OneDrive tries to sync a held lock file. Never
    raises: a file that cannot be hidden is only visible.

    Returns:
        Whether the file now has the attribute asked for (True off Windows).
    """
    if not IS_WINDOWS:
        return True
    try:
        kernel32 = _kernel32()
        name = str(path)
        attributes = kernel32.GetFileAttributesW(name)
        if attributes == INVALID_FILE_ATTRIBUTES:
            return False
        wanted = attributes & ~FILE_ATTRIBUTE_HIDDEN & ~FILE_ATTRIBUTE_NORMAL  # NORMAL: alone only
        if hidden:
            wanted |= FILE_ATTRIBUTE_HIDDEN
        wanted = wanted or FILE_ATTRIBUTE_NORMAL
        if wanted == attributes:
            return True
        return bool(kernel32.SetFileAttributesW(name, wanted))
    except (OSError, AttributeError):
        return False


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
        set_hidden(tmp)  # a leftover of a crash stays out of Explorer and OneDrive
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        # A rename keeps the file's own attributes: the saved file must not be hidden.
        shown = set_hidden(tmp, hidden=False)
        replace_file(tmp, path)
        if not shown:
            set_hidden(path, hidden=False)
    except BaseException:
        with contextlib.suppress(OSError):
            remove_file(tmp)
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
                    remove_file(candidate)
                    removed.append(candidate)
    return removed


def digest(data: bytes) -> str:
    """A short, stable fingerprint of some bytes (sha256, hex)."""
    return hashlib.sha256(data).hexdigest()


def name_too_long(path: Path) -> bool:
    """Whether the last part of ``path`` is longer than file systems accept."""
    return len(path.name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES


# ---------------------------------------------------------------------------------------------
# Names Windows can hold
# ---------------------------------------------------------------------------------------------

WINDOWS_DEVICE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")}
)
"""Names Windows keeps for devices, with or without an extension (``NUL.txt`` is ``NUL``)."""

WINDOWS_FORBIDDEN = frozenset('<>:"/\\|?*') | frozenset(map(chr, range(32)))
"""Characters Windows does not allow in a file name (and control characters)."""

WINDOWS_MAX_PATH = 260
"""Windows' MAX_PATH: a whole path must be shorter than this unless long paths are switched on
(an administrator's registry setting, off on most council laptops; Word and Explorer ignore it)."""

VERSIONS_ROOM = len(".versions/" + ".2026-03-12_14-02-07-999.yaml.abcdefgh.tmp")
"""How much longer than a session's own path the paths made for it get: its versions folder
(:mod:`benchmark_tui.versions`) and a temporary file in it. A test checks this against a real
version's path."""

NEARER_THE_TOP = (
    "choose a folder nearer the top of the drive (such as Documents), or a shorter name"
)


def windows_name_problem(name: str) -> str | None:
    """Why Windows could not hold a file called ``name``, or None if it can.

    Checked on every platform: a session made on a Mac travels to a council's Windows laptop
    and its OneDrive.
    """
    device = name.partition(".")[0].rstrip(" ").upper()
    if device in WINDOWS_DEVICE_NAMES:
        return (
            f"{device} is a name Windows keeps for a device "
            "(CON, PRN, AUX, NUL, COM1–9, LPT1–9), even with an extension"
        )
    forbidden = sorted({c for c in name if c in WINDOWS_FORBIDDEN})
    if forbidden:
        shown = " ".join(repr(c)[1:-1] if ord(c) < 32 else c for c in forbidden)
        return f"Windows does not allow the character {shown} in a file name"
    if name.endswith((".", " ")):
        return "Windows drops a dot or space at the end of a file name"
    return None


def new_file_problem(path: Path, *, versions: bool = False) -> str | None:
    """What is wrong with ``path`` as the name of a new file the app makes, or None.

    The one check for every name the app makes (new sessions, Save as, ``next -o``, exported
    documents, CSV files): a name Windows cannot hold, a name longer than file systems accept
    and, on Windows, a path past MAX_PATH.

    Args:
        path: the file to be made.
        versions: it is a session, so its versions folder is made beside it too (the path
            must leave room for that folder's files).

    Returns:
        A sentence saying what is wrong and what to do, or None.
    """
    name = path.name
    problem = windows_name_problem(name)
    if problem is not None:
        return f"{name}: {problem} — choose another name"
    if name_too_long(path):
        return (
            f"the name {name[:40]}… is too long for the file system "
            f"(at most {MAX_NAME_BYTES} bytes): choose a shorter name"
        )
    if IS_WINDOWS:
        length = len(str(Path(os.path.abspath(path))))
        needed = length + (VERSIONS_ROOM if versions else 0)
        if needed >= WINDOWS_MAX_PATH:
            kept = " with the earlier versions kept beside it" if versions else ""
            return (
                f"the path {path} would be {needed} characters long{kept}, and Windows "
                f"needs paths shorter than {WINDOWS_MAX_PATH}: {NEARER_THE_TOP}"
            )
    return None


# ---------------------------------------------------------------------------------------------
# Paths shown to people
# ---------------------------------------------------------------------------------------------


def shown_path(path: PurePath, *, home: PurePath | None = None, cwd: PurePath | None = None) -> str:
    """A path as short as it can be shown, with the platform's separator throughout.

    Relative to the current folder when it is inside it, else with ``~`` for the home folder:
    ``~\\Documents\\Library self-assessments`` on Windows, ``~/Documents/…`` elsewhere.
    """
    if isinstance(path, Path):
        path = path.resolve()
    here = cwd if cwd is not None else Path.cwd().resolve()
    user = home if home is not None else Path.home().resolve()
    for base, prefix in ((here, None), (user, "~")):
        try:
            relative = path.relative_to(base)
        except ValueError:
            continue
        return str(relative if prefix is None else type(path)(prefix, relative))
    return str(path)
