"""File names come from what people type; none of it may steer a file out of its folder.

A new session's file is named after the service, and the Word document after the session.
Whatever the service is called (``../../etc/passwd``, an absolute path, a Windows device
name, a drive letter, 200 characters of emoji), both land in the folder they belong in,
under a plain name, and never overwrite an existing session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark_tui.models import Framework, ServiceInfo, Session
from benchmark_tui.store import create_session_file, load_session

HOSTILE_NAMES = [
    "../../etc/passwd",
    "..",
    "/etc/cron.d/evil",
    "C:\\Windows\\System32\\evil",
    "\\\\server\\share\\x",
    "~/.ssh/authorized_keys",
    "CON",
    "nul",
    "a/../../b",
    "x\x00y/../z",
    ".hidden",
    "-rf",
    "📚" * 190,
    "Very Long Library Service Name " * 6,
    "Llyfrgelloedd — Ceredigion/../..",
    "%2e%2e%2fetc",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=lambda name: ascii(name)[:32])
def test_a_new_session_file_stays_in_the_sessions_folder(name, framework, tmp_path):
    folder = tmp_path / "sessions"
    session = Session.new(framework, ServiceInfo(name=name))
    path = create_session_file(session, folder)
    assert path.parent == folder
    assert path.name.endswith(".yaml") and not path.name.startswith((".", "-"))
    assert set(path.stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [path.name]
    assert load_session(path, framework).service.name == session.service.name


def test_two_sessions_with_the_same_hostile_name_never_overwrite_each_other(framework, tmp_path):
    folder = tmp_path / "sessions"
    first = Session.new(framework, ServiceInfo(name="../../etc/passwd"))
    second = Session.new(framework, ServiceInfo(name="../../etc/passwd"))
    second.record("people").strengths = ["The second one"]
    one, two = create_session_file(first, folder), create_session_file(second, folder)
    assert one != two and one.parent == two.parent == folder
    assert load_session(two, framework).record("people").strengths == ["The second one"]
    assert load_session(one, framework).record("people").strengths == []


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=lambda name: ascii(name)[:32])
def test_the_word_document_goes_next_to_its_session(name, framework: Framework, tmp_path):
    export = pytest.importorskip("benchmark_tui.export")
    session_path = tmp_path / "sessions" / "s.yaml"
    session = Session.new(framework, ServiceInfo(name=name))
    target = Path(export.default_report_path(session, session_path))
    assert target.parent == session_path.parent
    assert target.suffix == ".docx" and not target.name.startswith((".", "-"))
