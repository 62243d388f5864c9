"""Paths that are not ordinary files: folders, named pipes, devices, sparse giants.

Reading must never hang or read without end: only regular files are read, and at most one
byte past the size limit. A hang here would freeze the sessions list on the projector. The
tests bound what reading allocates and catch a hang with a deadline of a minute; they never
time a call (see ``test_yaml_bounds``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from benchmark_tui.cli import main
from benchmark_tui.errors import FileProblem, FrameworkError, SessionFileError
from benchmark_tui.reading import MAX_FILE_BYTES
from benchmark_tui.store import list_sessions, load_framework, load_session, save_session

from .conftest import assert_located
from .test_yaml_bounds import bounded

MB = 1024 * 1024


def test_a_folder_is_refused_by_name(tmp_path, framework, capsys):
    folder = tmp_path / "session.yaml"
    folder.mkdir()
    for load, error in (
        (lambda p: load_session(p, framework), SessionFileError),
        (load_framework, FrameworkError),
    ):
        with pytest.raises(error) as caught:
            load(folder)
        assert_located(caught.value.message, folder, None)
        assert "folder" in caught.value.message
    # validate checks the .yaml files inside a folder: here, one that is itself a folder
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert_located(err, folder, None)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
@pytest.mark.parametrize("how", ["session", "framework", "validate"])
def test_a_named_pipe_is_refused_without_hanging(tmp_path, framework, how, capsys):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    calls = {
        "session": lambda: load_session(fifo, framework),
        "framework": lambda: load_framework(fifo),
        "validate": lambda: main(["validate", str(fifo)]),
    }

    def unblock() -> None:  # a writer releases a reader stuck in open()
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)

    result = bounded(calls[how], unblock=unblock).value
    if how == "validate":
        assert result == 2
        message = capsys.readouterr().err
    else:
        assert isinstance(result, FileProblem)
        message = result.message
    assert_located(message, fifo, None)
    assert "not a regular file" in message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this platform")
def test_an_endless_device_is_refused_without_reading_it(framework, capsys):
    zero = Path("/dev/zero")
    assert stat.S_ISCHR(zero.stat().st_mode)
    outcome = bounded(lambda: load_session(zero, framework))
    assert isinstance(outcome.value, SessionFileError)
    assert_located(outcome.value.message, zero, None)
    # reading even a small file takes a buffer of the size limit; this allocated far less
    assert outcome.peak < MAX_FILE_BYTES // 10, "the device was read"
    assert bounded(lambda: main(["validate", str(zero)])).value == 2
    assert_located(capsys.readouterr().err, zero, None)


def test_a_huge_file_is_never_read_whole(framework, tmp_path):
    """A sparse 8 GB file is refused: reading stops just past the limit."""
    path = tmp_path / "sparse.yaml"
    with path.open("wb") as stream:
        stream.truncate(8 * 1024 * MB)
    outcome = bounded(lambda: load_session(path, framework))
    assert isinstance(outcome.value, SessionFileError)
    assert "larger than 5 MB" in outcome.value.message
    assert outcome.peak < 2 * MAX_FILE_BYTES, "more than the size limit was read"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_named_pipe_in_the_sessions_folder_does_not_freeze_the_list(tmp_path, framework, session):
    save_session(session, tmp_path / "good.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")

    def unblock() -> None:
        os.close(os.open(tmp_path / "pipe.yaml", os.O_WRONLY | os.O_NONBLOCK))

    summaries = bounded(lambda: list_sessions(tmp_path, framework), unblock=unblock).value
    assert isinstance(summaries, list)
    problems = {s.path.name: s.problem for s in summaries}
    assert problems["good.yaml"] is None
    assert "not a regular file" in (problems["pipe.yaml"] or "")
