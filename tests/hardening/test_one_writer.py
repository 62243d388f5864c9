"""One writer per session: a second instance cannot take the lock; a dead one's lock is freed.

The lock is an operating-system lock on ``.NAME.yaml.lock``, held by a real process here, so
the test shows what two benchmark-tui windows would see, and what happens when the first is
killed outright (no clean-up code runs: the lock file stays, but the lock does not).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from benchmark_tui.locks import SessionLock, lock_path
from benchmark_tui.settings import Settings
from benchmark_tui.store import save_session

HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from benchmark_tui.locks import SessionLock
    lock = SessionLock(sys.argv[1])
    print("held" if lock.acquire() else "refused", flush=True)
    time.sleep(120)
    """
)


def hold_lock_in_another_process(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_lock_on_the_same_session_cannot_be_taken(tmp_path):
    path = tmp_path / "s.yaml"
    first, second = SessionLock(path), SessionLock(path)
    assert first.acquire() and first.is_held
    assert not second.acquire() and not second.is_held
    first.release()
    assert second.acquire()
    second.release()


def test_locks_on_different_sessions_do_not_interfere(tmp_path):
    one, other = SessionLock(tmp_path / "a.yaml"), SessionLock(tmp_path / "b.yaml")
    assert one.acquire() and other.acquire()
    one.release()
    other.release()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_the_lock_of_a_killed_instance_is_recovered(tmp_path):
    path = tmp_path / "s.yaml"
    holder = hold_lock_in_another_process(path)
    try:
        assert not SessionLock(path).acquire()  # the other instance is alive: read-only here
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
    assert lock_path(path).exists()  # killed: nothing tidied up the lock file …
    mine = SessionLock(path)
    assert mine.acquire()  # … yet the lock is free again
    mine.release()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
async def test_the_app_opens_a_session_locked_elsewhere_read_only_and_never_writes_it(
    tmp_path, session
):
    from benchmark_tui.tui.app import BenchmarkApp

    path = save_session(session, tmp_path / "s.yaml")
    before = path.read_bytes()
    holder = hold_lock_in_another_process(path)
    try:
        app = BenchmarkApp(path, sessions_dir=tmp_path, settings=Settings(theme="projector"))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.read_only
            await pilot.press("ctrl+s", "ctrl+q")
            await pilot.pause()
        assert path.read_bytes() == before
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
    app = BenchmarkApp(path, sessions_dir=tmp_path, settings=Settings(theme="projector"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.read_only  # the stale lock is recovered
        await pilot.press("ctrl+q")
        await pilot.pause()
