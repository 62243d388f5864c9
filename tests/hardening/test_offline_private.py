"""Offline and private: a whole run opens no socket and writes only where it should.

A full in-process run (framework, the worked example, save, validate, export, and the app
itself driven with keys) happens with socket creation patched to fail, while an audit hook
(``sys.addaudithook``) records every socket, every file opened for writing and every rename,
link, removal or new folder, at the C level where no import trick can slip past it. Writes
may land only in the session folder and the user's config and log folders.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from benchmark_tui.cli import main
from benchmark_tui.crash import write_crash_log
from benchmark_tui.settings import Settings, config_dir, log_dir
from benchmark_tui.store import load_framework, load_session, read_session, save_session

from .conftest import EXAMPLE_SESSION

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_CHANGES = {  # audit events that change the file system, and which arguments are paths
    "os.rename": (0, 1),
    "os.link": (0, 1),
    "os.symlink": (0, 1),
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.mkdir": (0,),
    "os.truncate": (0,),
    "os.chmod": (0,),
    "shutil.copyfile": (1,),
    "shutil.rmtree": (0,),
}


class Recorder:
    """What the process tried while recording: sockets, and paths it changed."""

    active: Recorder | None = None

    def __init__(self) -> None:
        self.sockets: list[tuple[str, tuple[Any, ...]]] = []
        self.writes: list[tuple[str, str]] = []

    def hear(self, event: str, args: tuple[Any, ...]) -> None:
        if event.startswith("socket."):
            self.sockets.append((event, args))
        elif event == "open":
            path, mode, flags = args
            writing = any(c in (mode or "") for c in "wax+") or bool((flags or 0) & _WRITE_FLAGS)
            if writing and isinstance(path, str | bytes | os.PathLike):
                self.writes.append((event, os.fsdecode(path)))
        elif event in _CHANGES:
            for index in _CHANGES[event]:
                if isinstance(args[index], str | bytes | os.PathLike):
                    self.writes.append((event, os.fsdecode(args[index])))


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if Recorder.active is not None:
        Recorder.active.hear(event, args)


sys.addaudithook(_audit)  # hooks cannot be removed; this one is silent unless recording


class NoNetwork(OSError):
    """Raised by the patched socket functions."""


@contextmanager
def recording() -> Iterator[Recorder]:
    """Record, with every way of opening a network connection patched to fail."""

    recorder = Recorder()

    def refusing(name: str) -> Any:
        def refuse(*args: object, **kwargs: object) -> None:
            # recorded as well as raised, in case a caller swallows the OSError
            recorder.sockets.append((f"socket.{name} (patched)", args))
            raise NoNetwork(f"network access attempted: socket.{name}{args!r}")

        return refuse

    with pytest.MonkeyPatch.context() as patch:
        for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname"):
            patch.setattr(socket, name, refusing(name))
        patch.setattr(sys, "dont_write_bytecode", True)  # Python's own caches, not ours
        Recorder.active = recorder
        try:
            yield recorder
        finally:
            Recorder.active = None


def outside(paths: list[tuple[str, str]], allowed: list[Path]) -> list[tuple[str, str]]:
    roots = [root.resolve() for root in allowed]
    return [
        (event, path)
        for event, path in paths
        if not any(Path(path).resolve().is_relative_to(root) for root in roots)
    ]


def tree(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


def export_available() -> bool:
    try:
        from benchmark_tui.export import write_report  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A sessions folder holding the example, and an empty working directory."""
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    shutil.copy(EXAMPLE_SESSION, sessions / EXAMPLE_SESSION.name)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return {"root": tmp_path, "sessions": sessions, "session": sessions / EXAMPLE_SESSION.name}


async def test_a_full_run_opens_no_socket_and_writes_only_where_it_should(
    workspace, framework, capsys
):
    from benchmark_tui.tui.app import BenchmarkApp

    session_path = workspace["session"]
    before = tree(workspace["root"])
    with recording() as recorder:
        assert load_framework().id == framework.id
        session = load_session(session_path, framework)
        session.record("leadership").strengths.append("Clear, visible leadership")
        save_session(session, session_path)
        assert main(["validate", str(session_path)]) == 0
        if export_available():
            assert main(["export", str(session_path)]) == 0
        write_crash_log(RuntimeError("logged, not shown"), context="offline test")

        app = BenchmarkApp(
            session_path=session_path,
            sessions_dir=workspace["sessions"],
            settings=Settings(theme="projector"),
        )
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for key in ("ctrl+o", "f1", "escape", "ctrl+t", "ctrl+s"):
                await pilot.press(key)
                await pilot.pause()
            if export_available():
                await pilot.press("ctrl+e")
                await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("ctrl+q")
            await pilot.pause()
    capsys.readouterr()

    assert recorder.sockets == []
    allowed = [workspace["sessions"], config_dir(), log_dir()]
    assert recorder.writes, "the recorder saw nothing: it is not working"
    assert outside(recorder.writes, allowed) == []
    # The same from the outside: nothing new beside the sessions folder.
    new = tree(workspace["root"]) - before
    assert {p.parts[0] for p in new} == {"sessions"}, new
    assert list(Path.cwd().iterdir()) == []
    # and the run did what it was asked: saved, settings and a crash log written
    assert read_session(session_path, framework).session.record("leadership").strengths[-1] == (
        "Clear, visible leadership"
    )
    assert (config_dir() / "settings.yaml").is_file()
    assert list(log_dir().glob("crash-*.log"))


def test_the_recorder_notices_a_socket_and_a_stray_write(tmp_path):
    """The checks above can fail: a connection attempt and a write elsewhere are both seen."""
    stray = tmp_path / "elsewhere.txt"
    with recording() as recorder:
        with pytest.raises(NoNetwork):
            socket.create_connection(("example.org", 80))
        import _socket

        raw = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)  # below the patch
        raw.close()
        stray.write_text("x", encoding="utf-8")
        os.replace(stray, tmp_path / "moved.txt")
    assert [event for event, _ in recorder.sockets] == [
        "socket.create_connection (patched)",
        "socket.__new__",
    ]
    assert outside(recorder.writes, [tmp_path / "sessions"]) == [
        ("open", str(stray)),
        ("os.rename", str(stray)),
        ("os.rename", str(tmp_path / "moved.txt")),
    ]
