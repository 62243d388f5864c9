"""Provides every way out of the app that is not Ctrl+Q: signals and the console's close button.

SIGTERM (a shutdown, ``kill``), SIGINT (``kill -INT``; in the app Ctrl+C is a key, not a
signal) and SIGHUP (the terminal window closed) run the same final save as Ctrl+Q; when that
save cannot be made the team's work goes to a rescue copy instead. On Windows the console's
close, log-off and shut-down events do the same (:func:`console_close_handler`). The app then
exits through Textual, which gives the terminal back as it found it, with a status that says
what happened (:data:`EXIT_SAVED` …).
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass

from benchmark_tui.workshop import OpenSession

EXIT_SAVED = 0
"""Quit with everything saved (Ctrl+Q, or a signal after the final save)."""
EXIT_CRASHED = 1
"""Stopped by an unexpected problem (the work was saved or rescued; a log says more)."""
EXIT_BAD_START = 2
"""Could not start (the framework file could not be read)."""
EXIT_RESCUED = 3
"""Closed by a signal when the session could not be saved: a rescue copy holds the work."""
EXIT_LOST = 4
"""Closed by a signal when neither the session nor a rescue copy could be written."""

CLOSING_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")
"""The signals that close the app like Ctrl+Q (those this platform has)."""

CTRL_CLOSE_EVENT = 2
CTRL_LOGOFF_EVENT = 5
CTRL_SHUTDOWN_EVENT = 6
WINDOWS_CLOSE_EVENTS = {
    CTRL_CLOSE_EVENT: "the console window was closed",
    CTRL_LOGOFF_EVENT: "the user logged off",
    CTRL_SHUTDOWN_EVENT: "Windows is shutting down",
}
"""The console events Windows sends before it ends the process (Ctrl+C and Ctrl+Break are
keys in the app)."""


@dataclass(frozen=True)
class Closed:
    """How the app closed: its exit status and what to say on the terminal afterwards."""

    status: int
    message: str = ""


def final_save(opened: OpenSession | None, flush: Callable[[], bool], why: str) -> Closed:
    """The save made on the way out: the same as Ctrl+Q's, or a rescue copy when it fails.

    Args:
        opened: the open session (None: nothing to save).
        flush: the app's save-now (the clock's time included); True if the file is saved.
        why: what closed the app, for the message ("SIGTERM", "the console window was closed").
    """
    if opened is None or opened.read_only:
        return Closed(EXIT_SAVED)
    try:
        saved = flush()
    except Exception:  # noqa: BLE001 - on the way out, a failed save goes on to the rescue copy
        saved = False
    if saved:
        return Closed(EXIT_SAVED, f"benchmark-tui closed ({why}); the session is saved.")
    rescued = opened.rescue()
    if rescued.path == opened.path:  # the rescue's own try at a normal save worked
        return Closed(EXIT_SAVED, f"benchmark-tui closed ({why}); {rescued.message}")
    status = EXIT_RESCUED if rescued.path is not None else EXIT_LOST
    lines = [f"benchmark-tui closed ({why}) and could not save the session.", rescued.message]
    if rescued.path is not None:
        lines.append(f"Carry on with:  benchmark-tui {rescued.path}")
    return Closed(status, "\n".join(lines))


def install_signal_handlers(
    loop: asyncio.AbstractEventLoop, on_signal: Callable[[str], None]
) -> Callable[[], None]:
    """Call ``on_signal(name)`` on the event loop for each closing signal; returns a function
    that puts the previous handling back.

    POSIX uses the event loop's own signal handling; Windows (which has no such loop support)
    takes SIGINT and SIGBREAK with :func:`signal.signal`, handing the call to the loop, and the
    console's close events with :func:`install_console_close_handler`.
    """
    names = [name for name in (*CLOSING_SIGNALS, "SIGBREAK") if hasattr(signal, name)]
    if sys.platform != "win32":
        added = {}
        for name in names:
            number = getattr(signal, name)
            before = signal.getsignal(number)
            loop.add_signal_handler(number, on_signal, name)
            added[number] = before

        def remove() -> None:
            # asyncio puts Python's default back (for SIGINT, a KeyboardInterrupt raised
            # wherever the program happens to be), not what was there before: put that back.
            for number, before in added.items():
                loop.remove_signal_handler(number)
                if before is not None:
                    signal.signal(number, before)

        return remove
    previous = {}
    for name in names:
        number = getattr(signal, name)

        def handle(_number: int, _frame: object, name: str = name) -> None:
            loop.call_soon_threadsafe(on_signal, name)

        previous[number] = signal.signal(number, handle)

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore


def console_close_handler(close: Callable[[str], object]) -> Callable[[int], bool]:
    """The handler Windows calls on a console event (on its own thread).

    For a close, log-off or shut-down it runs ``close(why)`` (which must not return before
    the final save is made: Windows ends the process when the handler returns) and says the
    event was handled; other events (Ctrl+C, Ctrl+Break) are left to the default handling.
    """

    def handle(event: int) -> bool:
        why = WINDOWS_CLOSE_EVENTS.get(event)
        if why is None:
            return False
        close(why)
        return True

    return handle


def install_console_close_handler(close: Callable[[str], object]) -> Callable[[], None]:
    """On Windows, run ``close`` when the console is closed (nothing elsewhere); returns a
    function that removes the handler."""
    if sys.platform != "win32":
        return lambda: None
    import ctypes
    from ctypes import wintypes

    handler_type = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)
    handle = console_close_handler(close)
    # Kept referenced for as long as it is installed: ctypes does not keep callbacks alive.
    callback = handler_type(lambda event: bool(handle(int(event))))
    kernel32 = ctypes.windll.kernel32
    kernel32.SetConsoleCtrlHandler(callback, True)

    def remove() -> None:
        kernel32.SetConsoleCtrlHandler(callback, False)

    return remove
