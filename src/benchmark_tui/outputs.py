"""Provides the rules for a file a side command writes: ``compare --csv`` and ``--docx``.

A side command writes only what it owns, as ``export`` does: its file's name says what it is
(``.csv``, ``.docx``); a session file is never replaced, nor one of the sessions it read; a
file a benchmark-tui window holds is never replaced; another session's findings document only
when asked (``--force``); only a regular file is replaced (a named pipe would make the writer
wait for ever); and the folder must be there. :func:`check_output` checks all of this before
any work is done, so a refusal leaves every file as it was. The writing itself is atomic
(:func:`~benchmark_tui.files.write_atomically`).
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmark_tui import paths
from benchmark_tui.errors import FileProblem
from benchmark_tui.files import new_file_problem
from benchmark_tui.locks import held_elsewhere, lock_path, real_path
from benchmark_tui.reading import read_regular_file

SNIFF_BYTES = 4096
"""How much of an existing file is read to tell whether it is a session."""
_SESSION_KEY = re.compile(rb"(?m)^schema_version\s*:")


class OutputRefused(FileProblem):
    """A side command's output file may not be written there (said with what to do)."""

    def __init__(self, path: Path | str, problem: str, hint: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("title", "Not written")
        super().__init__(path, problem, hint, **kwargs)


def is_session_file(path: Path) -> bool:
    """Whether ``path`` holds a benchmark-tui session (by its content, whatever its name)."""
    try:
        start = read_regular_file(path, limit=SNIFF_BYTES)
    except OSError:
        return False
    return _SESSION_KEY.search(start) is not None


def check_output(
    target: Path,
    *,
    kind: str,
    suffix: str,
    option: str,
    inputs: Sequence[Path] = (),
    replace: bool = False,
    others_document: Callable[[Path], bool] | None = None,
) -> None:
    """Refuse a target a side command must not write, before any work is done.

    Args:
        target: the file to write.
        kind: what it is, for the messages ("the CSV", "the comparison report").
        suffix: the ending its name must have (``.csv``).
        option: the option that named it (``--csv``), for the hint.
        inputs: the files the command read, which it never replaces.
        replace: ``--force`` was given: another session's document may be replaced.
        others_document: tells whether an existing file is another session's document.

    Raises:
        OutputRefused: with what is wrong and what to do.
    """
    other = f"give another name ({option} OTHER{suffix})"
    real = real_path(target)
    if real in {real_path(path) for path in inputs}:
        raise OutputRefused(target, "this is one of the sessions compared", other)
    if target.suffix.lower() != suffix or not target.stem:
        raise OutputRefused(target, f"{kind}'s name must end in {suffix}", other)
    problem = new_file_problem(target)
    if problem is not None:
        raise OutputRefused(target, problem, other)
    found = paths.look(target, OutputRefused, what=kind)
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            raise OutputRefused(target, "this is a folder", other)
        if not stat.S_ISREG(found.st_mode):
            raise OutputRefused(
                target, "this is not a regular file (it is a device, a pipe or a socket)", other
            )
        if paths.exists(lock_path(real)) and held_elsewhere(real):
            raise OutputRefused(
                target, "this file is open in a benchmark-tui window, so it is not replaced", other
            )
        if is_session_file(target):
            raise OutputRefused(
                target, f"this is a session file, which {kind} never replaces", other
            )
        if others_document is not None and not replace and others_document(target):
            raise OutputRefused(
                target,
                "this holds the findings of a session, so it is not replaced",
                f"{other}, or replace it anyway with --force",
            )
        if not found.st_mode & stat.S_IWUSR:
            raise OutputRefused(target, "the file is read-only", f"make it writable, or {other}")
    folder = paths.look(target.parent, OutputRefused, what="its folder")
    if folder is None:
        raise OutputRefused(target, f"the folder {target.parent} does not exist", other)
    if not stat.S_ISDIR(folder.st_mode):
        raise OutputRefused(target, f"{target.parent} is a file, not a folder", other)
