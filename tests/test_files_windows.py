"""Windows-safe files, proven here by simulating Windows.

On Windows a replace, a removal or a rename fails with ``PermissionError`` while another
program (antivirus, OneDrive, the search indexer, Word) briefly holds the file. Saves retry a
few times with a short backoff, then say what is most likely wrong. Lock and temporary files
get Windows' hidden attribute. Names Windows cannot hold are refused with a reason, wherever
the app makes a file name.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from benchmark_tui import files
from benchmark_tui.errors import SaveError
from benchmark_tui.files import (
    Backoff,
    FileInUse,
    new_file_problem,
    remove_file,
    rename_file,
    replace_file,
    shown_path,
    windows_name_problem,
    write_atomically,
)
from benchmark_tui.os_errors import explain_write_error


class FlakyReplace:
    """``os.replace`` as on Windows while another program holds the target ``failures`` times."""

    def __init__(self, failures: int, *, winerror: int = 32) -> None:
        self.failures = failures
        self.calls = 0
        self.winerror = winerror
        self.real = os.replace

    def __call__(self, src: object, dst: object) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            err = PermissionError(13, "The process cannot access the file", str(dst))
            err.winerror = self.winerror  # type: ignore[attr-defined]  # as Windows sets it
            raise err
        self.real(src, dst)  # type: ignore[arg-type]


@pytest.fixture
def windows(monkeypatch):
    """Behave as on Windows; sleeps are recorded, not slept."""
    slept: list[float] = []
    monkeypatch.setattr(files, "IS_WINDOWS", True)
    monkeypatch.setattr(files, "BACKOFF", Backoff(sleep=slept.append))
    return slept


# --- retrying -------------------------------------------------------------------------------


def test_a_replace_refused_a_few_times_succeeds_after_short_waits(windows, tmp_path, monkeypatch):
    target = tmp_path / "ours.yaml"
    target.write_bytes(b"old")
    flaky = FlakyReplace(failures=3)
    monkeypatch.setattr(files.os, "replace", flaky)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert flaky.calls == 4
    assert windows == list(files.BACKOFF.delays[:3])  # one wait before each retry, growing
    assert windows == sorted(windows)
    assert [p.name for p in tmp_path.iterdir()] == ["ours.yaml"]  # no temporary file left


def test_a_replace_that_always_fails_says_another_program_has_the_file_open(
    windows, tmp_path, monkeypatch
):
    target = tmp_path / "ours.yaml"
    target.write_bytes(b"old")
    flaky = FlakyReplace(failures=10**6)
    monkeypatch.setattr(files.os, "replace", flaky)
    with pytest.raises(FileInUse) as raised:
        write_atomically(target, b"new")
    assert flaky.calls == len(files.BACKOFF.delays) + 1  # bounded
    assert sum(windows) < 1.5  # a short wait in all, like pip's second
    message = explain_write_error(raised.value, target, what="the session")
    assert "another program has ours.yaml open" in message
    for program in ("antivirus", "OneDrive", "search indexer", "Word"):
        assert program in message
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["ours.yaml"]


def test_a_save_held_up_by_another_program_reaches_the_team_as_that_cause(
    windows, tmp_path, monkeypatch, session
):
    from benchmark_tui.store import save_session

    target = tmp_path / "ours.yaml"
    save_session(session, target)
    monkeypatch.setattr(files.os, "replace", FlakyReplace(failures=10**6))
    with pytest.raises(SaveError) as raised:
        save_session(session, target)
    assert "another program has ours.yaml open" in raised.value.message
    assert "read-only" not in raised.value.message.split("(")[0]


def test_an_access_denied_that_lasts_may_also_be_a_read_only_file(windows, tmp_path, monkeypatch):
    target = tmp_path / "ours.yaml"
    target.write_bytes(b"old")
    monkeypatch.setattr(files.os, "replace", FlakyReplace(failures=10**6, winerror=5))
    with pytest.raises(FileInUse) as raised:
        write_atomically(target, b"new")
    message = explain_write_error(raised.value, target)
    assert "another program has ours.yaml open" in message and "read-only" in message


def test_off_windows_a_permission_error_is_not_retried(tmp_path, monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(files, "IS_WINDOWS", False)
    monkeypatch.setattr(files, "BACKOFF", Backoff(sleep=slept.append))
    flaky = FlakyReplace(failures=1)
    monkeypatch.setattr(files.os, "replace", flaky)
    with pytest.raises(PermissionError) as raised:
        write_atomically(tmp_path / "ours.yaml", b"new")
    assert not isinstance(raised.value, FileInUse)
    assert flaky.calls == 1 and slept == []


def test_other_errors_are_not_retried(windows, tmp_path):
    calls = 0

    def full() -> None:
        nonlocal calls
        calls += 1
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        files.retry_when_busy(full)
    assert calls == 1 and windows == []


def test_removing_and_renaming_retry_too(windows, tmp_path, monkeypatch):
    held = tmp_path / "held.tmp"
    held.write_bytes(b"x")
    real_unlink, real_rename = os.unlink, os.rename
    refusals = {"unlink": 2, "rename": 2}

    def refuse(kind, real):
        def call(*args):
            if refusals[kind]:
                refusals[kind] -= 1
                raise PermissionError(13, "Access is denied", str(args[0]))
            return real(*args)

        return call

    monkeypatch.setattr(files.os, "unlink", refuse("unlink", real_unlink))
    monkeypatch.setattr(files.os, "rename", refuse("rename", real_rename))
    moved = tmp_path / "moved.tmp"
    rename_file(held, moved)
    remove_file(moved)
    assert list(tmp_path.iterdir()) == []
    assert len(windows) == 4


def test_replace_file_retries(windows, tmp_path, monkeypatch):
    source, target = tmp_path / "a", tmp_path / "b"
    source.write_bytes(b"a")
    monkeypatch.setattr(files.os, "replace", FlakyReplace(failures=2))
    replace_file(source, target)
    assert target.read_bytes() == b"a" and len(windows) == 2


# --- hidden files ---------------------------------------------------------------------------


class FakeKernel32:
    """The two calls of the Windows API that read and set a file's attributes."""

    def __init__(self) -> None:
        self.attributes: dict[str, int] = {}
        self.calls: list[tuple[str, str, int]] = []

    def GetFileAttributesW(self, path: str) -> int:  # noqa: N802 (the Windows API's name)
        if not os.path.exists(path):
            return files.INVALID_FILE_ATTRIBUTES
        return self.attributes.get(path, files.FILE_ATTRIBUTE_NORMAL)

    def SetFileAttributesW(self, path: str, value: int) -> int:  # noqa: N802
        self.calls.append((Path(path).name, "hidden" if value & 2 else "shown", value))
        self.attributes[path] = value
        return 1


@pytest.fixture
def kernel32(windows, monkeypatch):
    fake = FakeKernel32()
    monkeypatch.setattr(files, "_kernel32", lambda: fake)
    return fake


def test_temporary_files_are_hidden_and_the_saved_file_is_not(kernel32, tmp_path):
    target = tmp_path / "ours.yaml"
    write_atomically(target, b"new")
    hidden, shown = kernel32.calls
    assert hidden[0].startswith(".ours.yaml.") and hidden[0].endswith(".tmp")
    assert hidden[1] == "hidden"
    assert shown[0] == hidden[0] and shown[1] == "shown"  # cleared before it becomes ours.yaml
    assert not kernel32.GetFileAttributesW(str(target)) & files.FILE_ATTRIBUTE_HIDDEN


def test_the_lock_file_is_hidden(kernel32, tmp_path):
    from benchmark_tui.locks import SessionLock

    session = tmp_path / "ours.yaml"
    session.write_text("x", encoding="utf-8")
    lock = SessionLock(session)
    assert lock.acquire()
    try:
        assert (".ours.yaml.lock", "hidden", files.FILE_ATTRIBUTE_HIDDEN) in kernel32.calls
    finally:
        lock.release()


def test_hiding_keeps_the_other_attributes(kernel32, tmp_path):
    path = tmp_path / ".x.lock"
    path.write_bytes(b"")
    kernel32.attributes[str(path)] = 0x20  # archive
    files.set_hidden(path)
    assert kernel32.attributes[str(path)] == 0x22


def test_off_windows_nothing_is_asked_of_the_windows_api(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "IS_WINDOWS", False)

    def no_windows_here():
        raise AssertionError("the Windows API was called off Windows")

    monkeypatch.setattr(files, "_kernel32", no_windows_here)
    write_atomically(tmp_path / "ours.yaml", b"new")
    files.set_hidden(tmp_path / "ours.yaml")


# --- names Windows cannot hold ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "CON",
        "con.yaml",
        "NUL.tar.gz",
        "aux",
        "Prn.docx",
        "COM1.csv",
        "lpt9.yaml",
        "COM¹.yaml",
        "nul .yaml",
    ],
)
def test_device_names_are_refused(name):
    problem = windows_name_problem(name)
    assert problem is not None and "device" in problem


@pytest.mark.parametrize(
    "name",
    [
        "a?b.yaml",
        "plan: 2026.yaml",
        'say "hi".yaml',
        "x|y.docx",
        "a*.csv",
        "tab\there.yaml",
        "<b>.yaml",
    ],
)
def test_characters_windows_forbids_are_refused(name):
    problem = windows_name_problem(name)
    assert problem is not None and "character" in problem


@pytest.mark.parametrize("name", ["ours.yaml.", "ours.yaml ", "ours. "])
def test_a_trailing_dot_or_space_is_refused(name):
    problem = windows_name_problem(name)
    assert problem is not None and "end" in problem


@pytest.mark.parametrize(
    "name",
    [
        "ours.yaml",
        "console.yaml",
        "com10.yaml",
        "connect.docx",
        "nul-findings.docx",
        "Llyfrgelloedd Ceredigion 2026.yaml",
        "مكتبة.yaml",
        ".ours.yaml.lock",
    ],
)
def test_ordinary_names_pass(name):
    assert windows_name_problem(name) is None


def test_a_session_path_past_260_characters_with_its_versions_is_refused_on_windows(
    windows, tmp_path
):
    deep = tmp_path / ("d" * (230 - len(str(tmp_path))))
    path = deep / "ours.yaml"
    assert len(str(path)) < 260  # the session alone would fit; its versions would not
    problem = new_file_problem(path, versions=True)
    assert problem is not None and "260" in problem
    assert new_file_problem(path) is None  # a document has no versions folder
    assert new_file_problem(tmp_path / "ours.yaml", versions=True) is None


def test_off_windows_long_paths_are_fine(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "IS_WINDOWS", False)
    deep = tmp_path / ("d" * 250) / ("e" * 100)
    assert new_file_problem(deep / "ours.yaml", versions=True) is None


def test_the_room_kept_for_versions_covers_a_real_version_path(tmp_path):
    from datetime import UTC, datetime

    from benchmark_tui.versions import keep_version

    session = tmp_path / "ours.yaml"
    session.write_bytes(b"x")
    now = datetime(2026, 3, 12, 14, 2, 7, tzinfo=UTC)
    for n in range(12):  # several in one second: the counter grows
        kept = keep_version(session, b"v%d" % n, now=now)
    assert len(str(kept)) <= len(str(session)) + files.VERSIONS_ROOM


def test_a_windows_name_problem_says_what_to_do(tmp_path):
    problem = new_file_problem(tmp_path / "CON.yaml")
    assert problem is not None and "CON.yaml" in problem and "choose another name" in problem


# --- where the app makes names ------------------------------------------------------------------


def test_slugified_session_names_are_safe_for_windows(framework, tmp_path):
    from benchmark_tui.models import ServiceInfo, Session
    from benchmark_tui.store import create_session_file, slugify

    for name in ("CON", "nul", "Aux", "com1", "LPT3", "PRN."):
        assert windows_name_problem(slugify(name)) is None
        path = create_session_file(Session.new(framework, ServiceInfo(name=name)), tmp_path)
        assert windows_name_problem(path.name) is None


def test_a_new_session_in_a_folder_too_deep_for_windows_is_refused(windows, framework, tmp_path):
    from benchmark_tui.models import ServiceInfo, Session
    from benchmark_tui.store import create_session_file

    deep = tmp_path / ("d" * (230 - len(str(tmp_path))))
    with pytest.raises(SaveError, match="260"):
        create_session_file(Session.new(framework, ServiceInfo(name="Ours")), deep)


def test_save_as_refuses_a_device_name(framework, tmp_path, session):
    from benchmark_tui.store import save_session
    from benchmark_tui.workshop import OpenSession

    path = save_session(session, tmp_path / "ours.yaml")
    opened = OpenSession.open(path, framework)
    try:
        with pytest.raises(SaveError, match="device"):
            opened.save_as(tmp_path / "aux.yaml")
    finally:
        opened.close()
    assert not (tmp_path / "aux.yaml").exists()


def test_next_refuses_a_name_windows_cannot_hold(framework, tmp_path, session):
    from benchmark_tui.cycle import start_next_file
    from benchmark_tui.store import save_session

    path = save_session(session, tmp_path / "ours.yaml")
    with pytest.raises(SaveError, match="character"):
        start_next_file(path, framework, tmp_path / "plan: 2027.yaml")


def test_an_export_target_windows_cannot_hold_is_refused(framework, session, tmp_path):
    from benchmark_tui.errors import ExportError
    from benchmark_tui.export import write_report

    with pytest.raises(ExportError, match="device"):
        write_report(framework, session, tmp_path / "nul.docx")
    assert not (tmp_path / "nul.docx").exists()


def test_a_csv_target_windows_cannot_hold_is_refused(framework, tmp_path):
    from benchmark_tui.compare import compare_sessions, write_csv
    from benchmark_tui.errors import BenchmarkError
    from benchmark_tui.store import load_session
    from tests.conftest import EXAMPLE_PREVIOUS, EXAMPLE_SESSION

    sessions = [(p, load_session(p, framework)) for p in (EXAMPLE_PREVIOUS, EXAMPLE_SESSION)]
    comparison = compare_sessions(sessions, framework)
    with pytest.raises(BenchmarkError, match="character"):
        write_csv(comparison, tmp_path / "roll|up.csv")


# --- paths shown to people --------------------------------------------------------------------


def test_paths_are_shown_with_the_windows_separator_on_windows():
    home = PureWindowsPath("C:/Users/pat")
    shown = shown_path(
        PureWindowsPath("C:/Users/pat/Documents/Library self-assessments"),
        home=home,
        cwd=PureWindowsPath("D:/work"),
    )
    assert shown == "~\\Documents\\Library self-assessments"


def test_paths_are_shown_with_the_posix_separator_elsewhere():
    shown = shown_path(
        PurePosixPath("/home/pat/Documents/Library self-assessments"),
        home=PurePosixPath("/home/pat"),
        cwd=PurePosixPath("/srv"),
    )
    assert shown == "~/Documents/Library self-assessments"


def test_a_path_under_the_current_folder_is_shown_relative():
    shown = shown_path(
        PureWindowsPath("C:/work/sessions"),
        home=PureWindowsPath("C:/Users/pat"),
        cwd=PureWindowsPath("C:/work"),
    )
    assert shown == "sessions"
