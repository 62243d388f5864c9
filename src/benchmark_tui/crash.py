"""Provides the crash log: the full traceback goes to a file, never onto the projected screen."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from benchmark_tui.settings import log_dir


def write_crash_log(error: BaseException, *, context: str = "") -> Path | None:
    """Write the traceback of an unexpected error to a new file in the user's log folder.

    Args:
        error: the exception.
        context: a line of context (the session file, the screen).

    Returns:
        The log file's path, or None if even the log could not be written.
    """
    folder = log_dir()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}.log"
    text = "".join(traceback.format_exception(error))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        n = 2
        while path.exists():
            path = folder / f"crash-{stamp}-{n}.log"
            n += 1
        path.write_text(f"{context}\n\n{text}" if context else text, encoding="utf-8")
    except OSError:
        return None
    return path
