"""Provides the one checked road for paths from outside: the command line, the settings, links.

A path someone typed or a file named may be anything: a name longer than file systems accept,
a symbolic link that leads back to itself, a folder nobody may enter, a file where a folder
should be. Python's own checks answer such paths with an exception of their own
(``Path.resolve`` raises RuntimeError on a loop, ``Path.is_file`` PermissionError behind a
closed folder, ``Path.exists`` OSError on a long name). The functions here never do: they
answer, or raise a :class:`~benchmark_tui.errors.FileProblem` that names the path, says what
is wrong in words (:func:`~benchmark_tui.os_errors.os_problem`) and what to do.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from benchmark_tui.errors import FileProblem
from benchmark_tui.files import MAX_NAME_BYTES
from benchmark_tui.os_errors import hint_for, os_problem


def stat_of(path: Path) -> os.stat_result | None:
    """What ``path`` is (following links), or None if it cannot be looked at; never raises."""
    try:
        return path.stat()
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder that can be looked at; never raises."""
    found = stat_of(path)
    return found is not None and stat.S_ISDIR(found.st_mode)


def exists(path: Path) -> bool:
    """Whether something (a file, a folder, a dangling or looping link) is at ``path``.

    Never raises: a name too long names nothing.
    """
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def too_long(path: Path) -> str | None:
    """The first part of ``path`` longer than file systems accept, if any."""
    for part in path.parts:
        if len(part.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
            return part
    return None


def look(path: Path, problem: type[FileProblem], *, what: str = "it") -> os.stat_result | None:
    """What is at ``path`` (None if nothing is), or a located problem if it cannot be known.

    Args:
        path: the path given.
        problem: the kind of problem to raise.
        what: what the path is meant to be, for the hint ("the session", "the folder").

    Raises:
        FileProblem: a name too long, a loop, a folder that may not be entered, a part of
            the path that is a file.
    """
    if too_long(path) is not None:
        raise problem(
            path,
            f"a name in this path is longer than the {MAX_NAME_BYTES} bytes file systems accept",
            "choose a shorter name",
        )
    try:
        return path.stat()
    except FileNotFoundError:  # nothing there (or a link to nothing)
        return None
    except ValueError as err:
        raise problem(path, "the path holds a NUL character", "check the path") from err
    except OSError as err:
        raise problem(path, f"cannot look at {what}: {os_problem(err)}", hint_for(err)) from err


def check_folder(path: Path, problem: type[FileProblem], *, what: str = "folder") -> bool:
    """Check a folder given from outside: it may be missing, but not unusable.

    Returns:
        True if the folder is there (and can be listed), False if nothing is there yet.

    Raises:
        FileProblem: a file where the folder should be, a loop, a name too long, a folder that
            may not be listed.
    """
    found = look(path, problem, what=f"the {what}")
    if found is None:
        if exists(path):
            raise problem(path, f"this {what} is a link to nothing", "point it at a folder")
        return False
    if not stat.S_ISDIR(found.st_mode):
        raise problem(path, "this is a file, not a folder", f"give the path of a {what}")
    try:
        with os.scandir(path):
            pass
    except OSError as err:
        raise problem(
            path,
            f"cannot open this {what}: {os_problem(err)}",
            hint_for(err),
            title=f"The {what} cannot be read",
        ) from err
    return True


def check_new_file(
    path: Path, problem: type[FileProblem], *, suffix: str, what: str, hint: str
) -> None:
    """Check a name for a file to be created (never replacing one): ``next -o NEW.yaml``.

    Args:
        path: the new file's path.
        problem: the kind of problem to raise.
        suffix: the ending its name must have (``.yaml``).
        what: what the file is ("a session file").
        hint: what to do instead ("choose another name with -o NEW.yaml").

    Raises:
        FileProblem: the name does not end in ``suffix``, is too long, the folder is missing,
            not a folder or may not be entered, or something is there already.
    """
    if path.suffix.lower() != suffix or not path.stem:
        raise problem(path, f"{what}'s name ends in {suffix}", hint)
    if look(path, problem, what="the file") is not None or exists(path):
        raise problem(path, "this file exists already", hint)
    folder = path.parent
    found = look(folder, problem, what="its folder")
    if found is None:
        raise problem(path, f"the folder {folder} does not exist", f"create it first, or {hint}")
    if not stat.S_ISDIR(found.st_mode):
        raise problem(path, f"{folder} is a file, not a folder", hint)
