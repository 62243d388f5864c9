"""Every way out saves (issue 25 item 2): signals, the console's close button, Ctrl+Q.

The handlers are tested as units; on POSIX the real command is also started in a terminal
(a pty), given text to type, and sent SIGTERM, SIGINT or its terminal closed (SIGHUP): each
time the text is in the file afterwards, the terminal is given back, and the status says so.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from benchmark_tui import workshop
from benchmark_tui.errors import OutsideChange
from benchmark_tui.store import load_session
from benchmark_tui.tui.closing import (
    CTRL_CLOSE_EVENT,
    EXIT_LOST,
    EXIT_RESCUED,
    EXIT_SAVED,
    console_close_handler,
    final_save,
    install_signal_handlers,
)
from benchmark_tui.tui.saving import SaveDelays
from benchmark_tui.workshop import OpenSession
from tests.tui.conftest import SMALL

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
"""What Textual writes when it gives the terminal back."""


# -- the handlers, as units --------------------------------------------------------------------


def test_the_console_close_event_runs_the_final_save_and_is_handled():
    closed: list[str] = []
    handle = console_close_handler(closed.append)
    assert handle(CTRL_CLOSE_EVENT) is True
    assert closed == ["the console window was closed"]


def test_ctrl_c_and_ctrl_break_console_events_are_left_alone():
    closed: list[str] = []
    handle = console_close_handler(closed.append)
    assert handle(0) is False and handle(1) is False
    assert closed == []


@pytest.mark.skipif(sys.platform == "win32", reason="the event loop's signal handling (POSIX)")
def test_removing_the_handlers_puts_back_what_was_there_before():
    """asyncio puts Python's default back (SIGINT raising KeyboardInterrupt anywhere), not
    what was there before the app ran: a host that ignored SIGINT, or had its own handler for
    SIGTERM, must get it back."""
    import asyncio

    def theirs(_number, _frame):  # pragma: no cover - never called
        pass

    before = {signal.SIGINT: signal.getsignal(signal.SIGINT)}
    before[signal.SIGTERM] = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, theirs)
    loop = asyncio.new_event_loop()
    try:
        remove = install_signal_handlers(loop, lambda _name: None)
        assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN  # the loop's, meanwhile
        remove()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is theirs
    finally:
        loop.close()
        for number, handler in before.items():
            signal.signal(number, handler)


@pytest.fixture
def opened(session, tmp_path, framework):
    from benchmark_tui.store import save_session

    path = save_session(session, tmp_path / "s.yaml")
    result = OpenSession.open(path, framework)
    yield result
    result.close()


def test_the_final_save_says_saved_when_it_saves(opened):
    closed = final_save(opened, lambda: True, "SIGTERM")
    assert closed.status == EXIT_SAVED
    assert "saved" in closed.message


def test_when_the_save_fails_the_work_goes_to_a_rescue_copy(opened):
    opened.blocked = OutsideChange(opened.path, "changed")  # theirs must not be overwritten
    closed = final_save(opened, lambda: False, "SIGHUP")
    assert closed.status == EXIT_RESCUED
    assert ".rescued-" in closed.message and "Carry on with:" in closed.message


def test_a_rescue_that_could_save_the_session_itself_says_saved(opened):
    closed = final_save(opened, lambda: False, "SIGTERM")
    assert closed.status == EXIT_SAVED


def test_when_nothing_can_be_written_the_status_says_so(opened, monkeypatch):
    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    opened.blocked = OutsideChange(opened.path, "changed")
    monkeypatch.setattr(workshop, "write_atomically", refuse)
    closed = final_save(opened, lambda: False, "SIGTERM")
    assert closed.status == EXIT_LOST
    assert "could not be saved anywhere" in closed.message


async def test_a_signal_saves_what_is_waiting_for_the_debounce(make_app, session_file, framework):
    path = session_file("characteristic", "leadership", "evidence")
    app = make_app(path, save_delays=SaveDelays(text=3600, ceiling=3600))  # never runs out
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*"Half a sentence")
        await pilot.pause()
        assert not app.saving.is_settled  # waiting for the debounce: not on disk yet
        app.close_for("SIGTERM")
        await pilot.pause()
    assert app.return_code == EXIT_SAVED
    assert load_session(path, framework).record("leadership").evidence.summary == (
        "Half a sentence"
    )


# -- the real command in a terminal --------------------------------------------------------------

posix_pty = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(os, "fork"), reason="a pty and signals (POSIX)"
)


class Terminal:
    """``benchmark-tui SESSION`` running in a pty, read with a bounded deadline."""

    def __init__(self, session: Path, env: dict[str, str]) -> None:
        import pty

        pid, fd = pty.fork()
        if pid == 0:  # the child: become the command
            os.environ.update(env)
            os.execv(sys.executable, [sys.executable, "-m", "benchmark_tui", str(session)])
        self.pid, self.fd = pid, fd
        self.output = b""
        self.status: int | None = None

    def read_until(self, wanted: bytes, seconds: float = 30) -> bool:
        """Read what the app draws until ``wanted`` shows (False at the deadline)."""
        deadline = time.monotonic() + seconds
        while wanted not in self.output and time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:  # the terminal was closed
                    return wanted in self.output
        return wanted in self.output

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def wait(self, seconds: float = 30) -> int | None:
        """The exit status, once the app has ended (None at the deadline)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                if ready:
                    self.output += os.read(self.fd, 65536)
            except OSError:
                pass
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        return None

    def close(self) -> None:
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.fd)


@posix_pty
@pytest.mark.timeout(180)
@pytest.mark.parametrize("way_out", ["SIGTERM", "SIGINT", "close the terminal"])
def test_the_real_app_saves_the_sentence_being_typed_on_every_way_out(
    way_out, session_file, framework, private_profile
):
    path = session_file("characteristic", "leadership", "evidence")
    env = {
        "TERM": "xterm-256color",
        "COLUMNS": "100",
        "LINES": "30",
        "BENCHMARK_TUI_CONFIG_DIR": str(private_profile / "config"),
        "BENCHMARK_TUI_LOG_DIR": str(private_profile / "logs"),
        "BENCHMARK_TUI_STATE_DIR": str(private_profile / "state"),
    }
    terminal = Terminal(path, env)
    try:
        assert terminal.read_until(b"Evidence summary"), terminal.output[-2000:]
        # A word typed and on screen, but not yet on disk (the debounce has not run out):
        # only the way out can save it. Typed again if the debounce won the race.
        for attempt in range(5):
            word = f"Zebracorn{attempt}"
            terminal.type(word + " ")
            assert terminal.read_until(word.encode()), terminal.output[-2000:]
            if word not in path.read_text(encoding="utf-8"):
                break
        else:
            pytest.skip("the machine is too slow to catch the debounce")
        if way_out == "close the terminal":
            os.close(terminal.fd)  # the terminal window goes: the app gets SIGHUP
        else:
            os.kill(terminal.pid, getattr(signal, way_out))
        status = terminal.wait()
        assert status is not None, "the app did not end"
        assert status == EXIT_SAVED
        summary = load_session(path, framework).record("leadership").evidence.summary
        assert word in summary
        if way_out != "close the terminal":
            assert LEAVE_ALTERNATE_SCREEN in terminal.output  # the terminal is given back
    finally:
        terminal.close()
