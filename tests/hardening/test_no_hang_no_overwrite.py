"""An open session never waits on a named pipe, never overwrites a file made read-only, and
never says something misleading about why it cannot save.

A session file replaced by a pipe while open used to leave the save "saving…" for ever (and
Ctrl+Q then froze); Save as… onto a pipe froze the screen until something wrote to the pipe.
A file made read-only while open was still replaced (the rename needs only the folder). A lock
file replaced by a folder was reported as the folder being unwritable, and writing under
``/proc`` suggested a removed USB stick. Nothing here times a call: a hang is caught by a
bounded wait, and a stuck call is released by opening the pipe's other end.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from benchmark_tui.errors import OutsideChange, SaveError
from benchmark_tui.locks import lock_path
from benchmark_tui.os_errors import explain_write_error
from benchmark_tui.store import save_session
from benchmark_tui.workshop import OpenSession

from .test_yaml_bounds import bounded

fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def release(pipe: Path):
    def unblock() -> None:
        fd = os.open(pipe, os.O_RDWR | os.O_NONBLOCK)
        os.close(fd)

    return unblock


def edit(opened: OpenSession, text: str) -> None:
    opened.session.record("leadership").strengths.append(text)
    opened.record_edit()


@fifo_only
def test_a_session_replaced_by_a_pipe_while_open_stops_saving_and_says_so(
    session, framework, tmp_path
):
    path = save_session(session, tmp_path / "ours.yaml")
    opened = OpenSession.open(path, framework)
    path.unlink()
    os.mkfifo(path)
    edit(opened, "Typed while the pipe was there")
    outcome = bounded(opened.save_now, unblock=release(path)).value
    assert isinstance(outcome, OutsideChange), outcome
    assert stat.S_ISFIFO(path.stat().st_mode)  # nothing written over it unasked
    quit_outcome = bounded(opened.save_now, unblock=release(path)).value  # Ctrl+Q saves
    assert isinstance(quit_outcome, OutsideChange)
    rescued = bounded(opened.rescue, unblock=release(path)).value
    assert rescued.path is not None and rescued.path.is_file()
    assert "Typed while the pipe was there" in rescued.path.read_text(encoding="utf-8")
    opened.close()


@fifo_only
@pytest.mark.parametrize("replace", [False, True])
def test_save_as_onto_a_pipe_is_refused_without_waiting(replace, session, framework, tmp_path):
    path = save_session(session, tmp_path / "ours.yaml")
    pipe = tmp_path / "copy.yaml"
    os.mkfifo(pipe)
    opened = OpenSession.open(path, framework)
    outcome = bounded(lambda: opened.save_as(pipe, replace=replace), unblock=release(pipe)).value
    assert isinstance(outcome, SaveError), outcome
    assert "not a regular file" in outcome.message
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert opened.path == path  # still working on its own file
    opened.close()


def test_a_session_made_read_only_while_open_is_not_overwritten(session, framework, tmp_path):
    path = save_session(session, tmp_path / "ours.yaml")
    opened = OpenSession.open(path, framework)
    assert not opened.read_only
    path.chmod(0o444)
    before = path.read_bytes()
    edit(opened, "Not written over a read-only file")
    with pytest.raises(SaveError) as caught:
        opened.save_now()
    assert "read-only" in caught.value.message and path.name in caught.value.message
    assert path.read_bytes() == before
    path.chmod(0o644)
    assert opened.save_now()
    assert "Not written over a read-only file" in path.read_text(encoding="utf-8")
    opened.close()


def test_a_read_only_session_opens_read_only_for_anyone(session, framework, tmp_path):
    """Judged by the file's own read-only mark, so root (who may write anything) is told too."""
    path = save_session(session, tmp_path / "ours.yaml")
    path.chmod(0o444)
    opened = OpenSession.open(path, framework)
    try:
        assert opened.read_only and "read-only" in opened.read_only_reason
    finally:
        opened.close()
        path.chmod(0o644)


def test_a_lock_file_replaced_by_a_folder_is_said_as_such(session, framework, tmp_path):
    path = save_session(session, tmp_path / "ours.yaml")
    lock_path(path).mkdir()
    opened = OpenSession.open(path, framework)
    try:
        reason = opened.read_only_reason
        assert opened.read_only
        assert lock_path(path).name in reason and "folder" in reason
        assert "another" not in reason and "cannot be written" not in reason
    finally:
        opened.close()


def test_a_folder_that_exists_is_not_called_a_removed_usb_stick(tmp_path):
    said = explain_write_error(
        FileNotFoundError(errno.ENOENT, "No such file or directory"), tmp_path / "x.yaml"
    )
    assert "USB" not in said and str(tmp_path) in said
    gone = explain_write_error(
        FileNotFoundError(errno.ENOENT, "No such file or directory"), tmp_path / "gone" / "x.yaml"
    )
    assert "USB" in gone


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_save_as_under_proc_says_what_is_wrong(session, framework, tmp_path):
    path = save_session(session, tmp_path / "ours.yaml")
    opened = OpenSession.open(path, framework)
    try:
        with pytest.raises(SaveError) as caught:
            opened.save_as(Path("/proc/ours-copy.yaml"))
        assert "USB" not in caught.value.message
        assert "/proc" in caught.value.message
    finally:
        opened.close()
