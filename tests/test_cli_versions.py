"""``benchmark-tui versions`` and ``restore``: the README's recovery steps, followed literally."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark_tui.cli import main
from benchmark_tui.locks import SessionLock
from benchmark_tui.store import load_session, save_session
from benchmark_tui.versions import list_versions
from benchmark_tui.workshop import OpenSession


@pytest.fixture
def worked(session, framework, tmp_path) -> Path:
    """A session saved three times by the app: no strength, one strength, two strengths."""
    path = save_session(session, tmp_path / "ours.yaml")
    opened = OpenSession.open(path, framework)
    for text in ["Clear vision", "Strong partnerships"]:
        opened.session.record("leadership").strengths.append(text)
        opened.record_edit()
        opened.save_now()
    opened.close()
    return path


def test_versions_lists_newest_first_with_what_differs(worked, capsys):
    assert main(["versions", str(worked)]) == 0
    out = capsys.readouterr().out
    assert all(len(line) <= 80 for line in out.splitlines() if line.startswith(" "))
    entries = " ".join(out.split()).split(" today ")[1:]  # one entry per version, unwrapped
    assert len(entries) == 2
    assert "strength 'Strong partnerships' added" in entries[0]
    assert "strength 'Clear vision' added" in entries[1]
    assert f"benchmark-tui restore {worked} NUMBER" in out


def test_versions_of_a_session_without_history_says_so(session, tmp_path, capsys):
    path = save_session(session, tmp_path / "new.yaml")
    assert main(["versions", str(path)]) == 0
    assert "No earlier versions" in capsys.readouterr().out


def test_restore_puts_a_version_back_and_keeps_the_present_one(worked, framework, capsys):
    oldest = list_versions(worked)[-1]
    assert main(["restore", str(worked), "2"]) == 0
    assert "Restored" in capsys.readouterr().out
    assert worked.read_bytes() == oldest.path.read_bytes()
    assert load_session(worked, framework).record("leadership").strengths == []
    newest = list_versions(worked)[0]
    assert load_session(newest.path, framework).record("leadership").strengths == [
        "Clear vision",
        "Strong partnerships",
    ]


def test_restore_by_file_name(worked, framework):
    name = list_versions(worked)[0].name
    assert main(["restore", str(worked), name]) == 0
    assert load_session(worked, framework).record("leadership").strengths == ["Clear vision"]


@pytest.mark.parametrize("wanted", ["9", "0", "nonsense"])
def test_restore_of_a_version_that_does_not_exist_says_how_to_list_them(worked, wanted, capsys):
    before = worked.read_bytes()
    assert main(["restore", str(worked), wanted]) == 2
    err = capsys.readouterr().err
    assert "no earlier version" in err and "benchmark-tui versions" in err
    assert worked.read_bytes() == before


def test_restore_refuses_a_session_open_in_the_app(worked, capsys):
    holder = SessionLock(worked)
    assert holder.acquire()
    before = worked.read_bytes()
    try:
        assert main(["restore", str(worked), "1"]) == 2
    finally:
        holder.release()
    assert "open in a benchmark-tui window" in capsys.readouterr().err
    assert worked.read_bytes() == before


def test_restore_refuses_a_damaged_version(worked, capsys):
    damaged = list_versions(worked)[0]
    damaged.path.write_text("service: [", encoding="utf-8")
    before = worked.read_bytes()
    assert main(["restore", str(worked), "1"]) == 2
    err = capsys.readouterr().err
    assert damaged.name in err and ":1:" in err
    assert worked.read_bytes() == before


def test_versions_of_a_missing_session_is_a_located_error(tmp_path, capsys):
    assert main(["versions", str(tmp_path / "gone.yaml")]) == 2
    assert "gone.yaml" in capsys.readouterr().err
