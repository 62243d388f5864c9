"""The sessions list never waits (issue 21): the names at once, each session's title and
progress filled in by a worker, and a second start reads nothing it has already read."""

from __future__ import annotations

import shutil
import threading

from textual.widgets import OptionList

from benchmark_tui.store import summarise_session
from benchmark_tui.tui.screens.new_session import NewSessionScreen
from benchmark_tui.tui.screens.start import StartScreen

from ..conftest import EXAMPLE_SESSION
from .conftest import SMALL
from .screen import screen_text

SERVICE = "Example Borough Libraries"


class SlowReader:
    """summarise_session that waits for the test's word before reading each file after the
    first (a network drive, a OneDrive folder not yet downloaded); it counts what it read."""

    def __init__(self, *, hold: bool = True) -> None:
        self.read: list[str] = []
        self.go = threading.Event()
        if not hold:
            self.go.set()

    def __call__(self, path, framework):
        if self.read:
            self.go.wait(timeout=30)  # never for ever, should the test fail before its word
        self.read.append(path.name)
        return summarise_session(path, framework)


def fill(folder, count: int) -> list[str]:
    folder.mkdir(exist_ok=True)
    names = [f"library-{n:02d}.yaml" for n in range(count)]
    for name in names:
        shutil.copy(EXAMPLE_SESSION, folder / name)
    return names


async def test_the_list_is_usable_before_the_sessions_are_read(make_app, tmp_path):
    names = fill(tmp_path / "sessions", 5)
    reader = SlowReader()
    app = make_app(read_summary=reader)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        options = screen.query_one("#sessions", OptionList)
        assert options.option_count == 5
        assert len(reader.read) <= 1  # the rest wait: the list did not
        # The one file the reader may already have read can show its title by now (on a busy
        # machine it often does): the others show their names, still being read.
        for _ in range(100):  # the next frames, however busy the machine (no clock involved)
            shown = screen_text(app)
            waiting = [name for name in names if name not in reader.read]
            if all(name in shown for name in waiting):
                break
            await pilot.pause()
        assert len(waiting) >= 4 and all(name in shown for name in waiting)
        assert "reading…" in shown
        await pilot.press("down")
        assert options.highlighted == 1
        await pilot.press("n")  # keys work: a new session can be started meanwhile
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert len(reader.read) <= 1
        reader.go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert sorted(set(reader.read)) == names
        assert screen_text(app).count(SERVICE) >= 3  # titles and progress filled in
        assert "reading…" not in screen_text(app)
        assert all(not s.pending for s in screen.summaries)


async def test_a_second_start_reads_nothing_it_has_read(make_app, tmp_path):
    fill(tmp_path / "sessions", 3)
    first = SlowReader(hold=False)
    app = make_app(read_summary=first)
    async with app.run_test(size=SMALL) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert len(first.read) == 3
    again = SlowReader(hold=False)
    app = make_app(read_summary=again)
    async with app.run_test(size=SMALL) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert SERVICE in screen_text(app)
    assert again.read == []
