"""A writer killed at any instant leaves a session that loads, holding the old or the new state.

The writer is a real process saving a ~200 KB session in a loop through ``save_session``;
it is SIGKILLed after a random delay, round after round, until enough kills have landed inside
saves (see ``save_loop.py`` for how that stays fast). A loaded machine takes more rounds to
get there, never a different verdict: the test counts kills inside saves, with a cap on the
rounds far above what a normal run needs.

After every kill the file must load and equal exactly the state of the last save that
returned, or of the one in progress; the newest earlier version must load too; and temporary
files of killed writers must not pile up: the next writer to take the lock removes them.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from benchmark_tui import versions
from benchmark_tui.files import remove_leftover_temp_files
from benchmark_tui.locks import SessionLock
from benchmark_tui.models import Framework
from benchmark_tui.store import load_session, save_session

from .save_loop import big_session, counter_of, set_counter

SAVE_LOOP = Path(__file__).with_name("save_loop.py")
KILLS_IN_SAVES = 60
"""Rounds go on until this many kills have landed inside a save …"""
SAVES = 80
"""… and the saves have moved on this far (under a hundred rounds on a quiet machine)."""
MAX_ROUNDS = 2500
"""A cap far above a normal run, so a broken writer cannot loop for ever."""
SEED = 20260312
MIN_WINDOW = 0.04
MAX_WINDOW = 0.5
"""Each writer is killed after a random delay of up to this many seconds (see the loop)."""

needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"),
    reason="needs fork() and SIGKILL (POSIX)",
)


def leftovers(path: Path) -> list[Path]:
    """Temporary files beside the session: a killed writer's, or the one being written."""
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


class Writer:
    """Talks to save_loop.py: fork a writer, kill it, collect what it reported."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(SAVE_LOOP), str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        # If anything hangs, end the process: reads then see end-of-file and the test fails.
        self.watchdog = threading.Timer(120, self.process.kill)
        self.watchdog.start()
        assert self.read() == "ready"

    def read(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "save_loop.py ended unexpectedly"
        return line.strip()

    def start(self, counter: int) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write(f"fork {counter}\n")
        self.process.stdin.flush()
        while not (line := self.read()).startswith("pid "):
            pass
        return int(line.removeprefix("pid "))

    def reports_until_reaped(self, pid: int) -> list[str]:
        lines: list[str] = []
        while (line := self.read()) != f"reaped {pid}":
            lines.append(line)
        return lines

    def close(self) -> None:
        self.watchdog.cancel()
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(10)


@needs_fork
@pytest.mark.timeout(1800)
def test_a_writer_killed_at_random_instants_always_leaves_a_loadable_session(
    tmp_path: Path, framework: Framework
):
    path = tmp_path / "big.yaml"
    expected = big_session(framework, 0)
    save_session(expected, path)
    assert path.stat().st_size > 150_000

    rng = random.Random(SEED)
    writer = Writer(path)
    on_disk = 0
    rounds_since_cleanup = 0
    killed_mid_write = 0
    killed_in_save = 0
    verified: dict[bytes, int] = {}
    window = MIN_WINDOW
    rounds = 0
    try:
        for round_number in range(MAX_ROUNDS):
            if killed_in_save >= KILLS_IN_SAVES and on_disk >= SAVES:
                break
            rounds += 1
            pid = writer.start(on_disk + 1)
            threading.Event().wait(rng.uniform(0, window))
            os.kill(pid, signal.SIGKILL)
            reports = writer.reports_until_reaped(pid)
            assert "lock refused" not in reports  # the killed writer's lock died with it
            saved = [int(r.removeprefix("saved ")) for r in reports if r.startswith("saved ")]

            content = hashlib.sha256(path.read_bytes()).digest()
            if content not in verified:  # the same bytes were loaded and checked before
                session = load_session(path, framework)
                set_counter(expected, counter_of(session))
                assert session == expected, f"round {round_number}: the file holds a mixed state"
                verified[content] = counter_of(session)
            counter = verified[content]
            last_returned = saved[-1] if saved else on_disk
            assert counter in (last_returned, last_returned + 1), (round_number, reports)
            kept = versions.list_versions(path)
            if round_number % 5 == 0 and kept:
                assert counter_of(load_session(kept[0].path, framework)) <= counter

            # A writer that took the lock removed earlier leftovers; each kill adds at most
            # two (the new file, and the version being kept).
            left = leftovers(path)
            locked = any(r.startswith("locked ") for r in reports)
            rounds_since_cleanup = 1 if locked else rounds_since_cleanup + 1
            assert len(left) <= 2 * rounds_since_cleanup, (round_number, left)
            killed_mid_write += bool(left)
            # Killed between "saving N" and "saved N": inside OpenSession.save_now (checks,
            # rendering, keeping the version, the atomic write).
            killed_in_save += bool(reports) and reports[-1].startswith("saving ")
            # On a loaded machine a writer needs longer to reach its first save: widen the
            # window after a round that saved nothing, so kills keep landing inside saves
            # rather than all before them; narrow it again once saves get through.
            if counter == on_disk:
                window = min(window * 1.3, MAX_WINDOW)
            else:
                window = max(window / 1.1, MIN_WINDOW)
            on_disk = counter
    finally:
        writer.close()

    print(
        f"{killed_in_save} of {rounds} kills landed inside a save, {killed_mid_write} of them "
        f"while the new file was being written; {on_disk} saves"
    )
    # The kills really landed inside saves, not only between them (the atomic write itself
    # is a small part of a save since it renders the YAML too, so how many landed in it is
    # not asserted: the leftover tests below plant what such a kill leaves) …
    assert killed_in_save >= KILLS_IN_SAVES, (killed_in_save, rounds)
    # … and the saves really moved on.
    assert on_disk >= SAVES, (on_disk, rounds)
    # The next instance to open the session clears whatever the last kill left.
    lock = SessionLock(path)
    assert lock.acquire()
    lock.release()
    assert leftovers(path) == []
    folder = versions.versions_folder(path)
    assert len(list(folder.glob(".*.tmp"))) <= 1  # the last kill's, removed by the next save
    assert len(versions.list_versions(path)) <= versions.MAX_VERSIONS


def plant(folder: Path, names: list[str]) -> None:
    for name in names:
        (folder / name).write_text("partial", encoding="utf-8")


LEFTOVERS = [".s.yaml.k2j4_9xq.tmp", ".s.yaml.bak.0a1b2c3d.tmp"]
NOT_LEFTOVERS = [
    "s.yaml",
    "s.yaml.bak",  # an older benchmark-tui's backup: the team's, not ours to remove
    ".s.yaml.lock",
    ".other.yaml.k2j4_9xq.tmp",  # another session's, possibly being written now
    ".s.yaml.x.yaml.k2j4_9xq.tmp",  # the temp file of a session called s.yaml.x.yaml
    "s.yaml.k2j4_9xq.tmp",
    "notes.tmp",
]


def test_taking_the_lock_removes_a_killed_writers_temp_files_and_nothing_else(tmp_path):
    plant(tmp_path, LEFTOVERS + NOT_LEFTOVERS)
    lock = SessionLock(tmp_path / "s.yaml")
    assert lock.acquire()
    lock.release()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NOT_LEFTOVERS)


def test_an_instance_that_cannot_take_the_lock_leaves_temp_files_alone(tmp_path):
    """Another instance holds the lock, so a temp file may be its save in progress."""
    holder = SessionLock(tmp_path / "s.yaml")
    assert holder.acquire()
    plant(tmp_path, LEFTOVERS)
    assert not SessionLock(tmp_path / "s.yaml").acquire()
    assert all((tmp_path / name).exists() for name in LEFTOVERS)
    holder.release()


def test_leftover_temp_files_match_what_a_save_writes(tmp_path, session, monkeypatch):
    """The clean-up pattern is checked against real temp names, not only planted ones."""
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str | Path, dst: str | Path) -> None:
        seen.append(Path(src).name)
        real_replace(src, dst)
        Path(src).write_bytes(b"left behind")  # as if the writer had died before renaming

    path = save_session(session, tmp_path / "s.yaml")
    monkeypatch.setattr(os, "replace", spy)
    save_session(session, path)  # writes the new file
    monkeypatch.undo()
    assert len(seen) == 1 and all(name.endswith(".tmp") for name in seen)
    assert sorted(p.name for p in remove_leftover_temp_files(path)) == sorted(seen)
    assert leftovers(path) == []
