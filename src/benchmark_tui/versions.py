"""Provides the version history of a session file: earlier versions kept beside it.

Before a save replaces a session with different content, the version on disk is kept in a
folder beside the session, ``NAME.versions/``, as a complete session file named after the
time it was replaced (``2026-03-12_14-02-07.yaml``, UTC). A save that changes nothing, or
only where the team is in the workshop, keeps nothing.

The history is thinned as it ages, so it stays small however long the workshop runs:

- the newest :data:`KEEP_NEWEST` versions, whatever their age;
- one a minute for the last hour;
- one an hour for the last day;
- one a day before that;

and never more than :data:`MAX_VERSIONS` files or :data:`MAX_BYTES` bytes (the oldest go
first). Each kept version is the last one of its minute, hour or day.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmark_tui import changes, paths
from benchmark_tui.errors import BenchmarkError, SaveError
from benchmark_tui.files import write_atomically
from benchmark_tui.locks import SessionLock, real_path
from benchmark_tui.models import Framework, Session
from benchmark_tui.os_errors import explain_write_error, os_problem
from benchmark_tui.reading import read_regular_file
from benchmark_tui.store import read_session

VERSIONS_SUFFIX = ".versions"
KEEP_NEWEST = 20
MAX_VERSIONS = 300
MAX_BYTES = 100 * 1024 * 1024
_STAMP = "%Y-%m-%d_%H-%M-%S"
_NUMBER = re.compile(r"[0-9]{1,6}")
_NAME = re.compile(r"(\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d)(?:-(\d+))?\.yaml")


@dataclass(frozen=True)
class Version:
    """One earlier version of a session file."""

    path: Path
    saved: datetime
    """When this version was replaced by a newer one (UTC)."""
    size: int

    @property
    def name(self) -> str:
        """The version's file name, which ``benchmark-tui restore`` also accepts."""
        return self.path.name


def versions_folder(session_path: Path) -> Path:
    """The folder beside a session that holds its earlier versions.

    Beside the real file: a session opened through a symbolic link keeps its history where
    the file really is, and any spelling of its path finds it there.
    """
    real = real_path(session_path)
    return real.parent / (real.name + VERSIONS_SUFFIX)


def history_problem(session_path: Path) -> str:
    """Why earlier versions of a session cannot be kept or read, in a sentence ("" if they can).

    Looks without writing: the versions folder (or, before the first version, the folder it
    would be made in) must be a folder this process may list and write.
    """
    folder = versions_folder(session_path)
    cannot = f"Earlier versions cannot be kept in {folder}"
    found = paths.stat_of(folder)
    if found is None and paths.exists(folder):
        return f"{cannot}: it is a link to nothing. Remove it, and versions are kept again."
    if found is not None and not stat.S_ISDIR(found.st_mode):
        return (
            f"{cannot}: a file of that name is in the way. Move it elsewhere, and versions are "
            "kept again."
        )
    where = folder if found is not None else folder.parent
    if not os.access(where, os.W_OK | os.X_OK):
        return (
            f"{cannot}: {where} cannot be written (read-only, or no permission). The session "
            "itself is saved; ask for write access to keep its history."
        )
    if found is not None:
        try:
            with os.scandir(folder):
                pass
        except OSError as err:
            return f"Earlier versions in {folder} cannot be read: {os_problem(err)}."
    return ""


def list_versions(session_path: Path) -> list[Version]:
    """The earlier versions of a session, newest first (none if there is no history)."""
    folder = versions_folder(session_path)
    found: list[Version] = []
    with contextlib.suppress(OSError, ValueError):  # ValueError: a NUL in the name
        for entry in os.scandir(folder):
            match = _NAME.fullmatch(entry.name)
            if match is None or not entry.is_file():
                continue
            stamp = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
            # Several versions in one second: the counter orders them.
            stamp += timedelta(microseconds=int(match.group(2) or 0))
            with contextlib.suppress(OSError):
                found.append(Version(Path(entry.path), stamp, entry.stat().st_size))
    found.sort(key=lambda v: v.saved, reverse=True)
    return found


def keep_version(session_path: Path, data: bytes, *, now: datetime | None = None) -> Path:
    """Keep ``data`` (the session's content on disk before a save) as a version, then thin.

    The same content as the newest version is not kept twice.

    Raises:
        OSError: the version could not be written (the caller decides whether to go on).
    """
    when = (now or datetime.now(UTC)).astimezone(UTC)
    folder = versions_folder(session_path)
    newest = next(iter(list_versions(session_path)), None)
    with contextlib.suppress(OSError):
        if (
            newest is not None
            and newest.size == len(data)
            and read_regular_file(newest.path) == data
        ):
            return newest.path  # kept already (e.g. a restore keeps it, then saves)
    folder.mkdir(exist_ok=True)
    base = when.strftime(_STAMP)
    target = folder / f"{base}.yaml"
    n = 1
    while paths.exists(target):
        target = folder / f"{base}-{n}.yaml"
        n += 1
    write_atomically(target, data)
    prune(session_path, now=when)
    return target


def prune(session_path: Path, *, now: datetime | None = None) -> list[Path]:
    """Thin the history as described in the module docstring.

    Returns:
        The version files removed.
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    # Called only by the session's lock holder: a temporary file here is a killed save's.
    with contextlib.suppress(OSError):
        for leftover in versions_folder(session_path).glob(".*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()
    versions = list_versions(session_path)
    keep: list[Version] = []
    buckets: set[tuple[str, str]] = set()
    for index, version in enumerate(versions):  # newest first: each bucket keeps its newest
        age = now - version.saved
        if index < KEEP_NEWEST:
            keep.append(version)
            continue
        if age <= timedelta(hours=1):
            bucket = ("minute", version.saved.strftime("%Y%m%d%H%M"))
        elif age <= timedelta(days=1):
            bucket = ("hour", version.saved.strftime("%Y%m%d%H"))
        else:
            bucket = ("day", version.saved.strftime("%Y%m%d"))
        if bucket not in buckets:
            buckets.add(bucket)
            keep.append(version)
    total = 0
    bounded: list[Version] = []
    for version in keep:
        total += version.size
        if len(bounded) >= MAX_VERSIONS or (total > MAX_BYTES and bounded):
            break
        bounded.append(version)
    kept = {v.path for v in bounded}
    removed: list[Path] = []
    for version in versions:
        if version.path not in kept:
            with contextlib.suppress(OSError):
                version.path.unlink()
                removed.append(version.path)
    return removed


def find_version(session_path: Path, wanted: str) -> Version | None:
    """A version by its number in :func:`list_versions` (1 = newest) or its file name."""
    versions = list_versions(session_path)
    # The digits 0-9 only ("²" and "٣" are digits to str.isdigit, not to int), and few of
    # them (int() of 5,000 digits is refused by Python itself).
    if _NUMBER.fullmatch(wanted) and 1 <= int(wanted) <= len(versions):
        return versions[int(wanted) - 1]
    name = Path(wanted).name
    for version in versions:
        if version.name in (name, f"{name}.yaml"):
            return version
    return None


def when_label(saved: datetime, today: datetime) -> str:
    """``today 14:02``, ``yesterday 16:40`` or ``3 Mar 09:15`` (local time)."""
    local = saved.astimezone()
    days = (today.date() - local.date()).days
    day = "today" if days == 0 else "yesterday" if days == 1 else f"{local.day} {local:%b}"
    return f"{day} {local:%H:%M:%S}"


def describe(version: Version, now: Session | None, framework: Framework) -> str:
    """One line about a version: its progress and how it differs from the session now.

    Args:
        version: the version.
        now: the session as it is now; None when the file is missing or damaged (the
            version is then described on its own).
        framework: the framework both are read against.
    """
    try:
        then = read_session(version.path, framework).session
    except BenchmarkError:
        return "cannot be read (damaged): it cannot be restored"
    progress = then.progress(framework)
    if now is None:
        return f"{progress.label}; last changed {when_label(then.updated, datetime.now())}"
    differences = changes.changes(then, now, framework)
    if not differences:
        return f"{progress.label}; the same as now"
    return f"{progress.label}; since then: {changes.summary(differences)}"


def restore_file(path: Path | str, version: Version, framework: Framework) -> bool:
    """Put an earlier version back as the session file, outside the app.

    The version is checked first; the file's present content, if there is a file (damaged
    or not), is kept as a version; the version's bytes are written exactly as they were kept.
    A missing session file is written anew; a session reached through a symbolic link is
    restored where it really is.

    Returns:
        Whether there was a session file, now kept as a version.

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
        try:
            current: bytes | None = read_regular_file(target)
        except FileNotFoundError:
            current = None
        if current is not None:
            keep_version(target, current)
        write_atomically(target, read_regular_file(version.path))
    except OSError as err:
        raise SaveError(
            f"Not restored: {explain_write_error(err, target, what='the session')}.",
            title="Not restored",
        ) from err
    finally:
        lock.release()
    return current is not None
