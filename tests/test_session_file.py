"""Opening a session reads its file once: the bytes parsed are the bytes taken as "ours".

If the open read the file twice (once to parse, once to remember what this window last saw),
an edit made outside between the two reads would be remembered as ours, and the next save
would silently write over it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark_tui import cycle, store, workshop
from benchmark_tui.errors import OutsideChange, SessionFileError
from benchmark_tui.store import read_session, save_session
from benchmark_tui.workshop import OpenSession


@pytest.fixture
def path(session, tmp_path) -> Path:
    target = tmp_path / "s.yaml"
    save_session(session, target)
    return target


def edit_outside_around_the_read(monkeypatch, module, path: Path, *, before: bool) -> str:
    """Make ``module.read_session`` see another editor save the file just before or just after
    it reads it (the moment that matters for the code under test); give their text."""
    theirs = path.read_text(encoding="utf-8").replace("Testshire", "Othershire")

    def read_with_an_edit(*args, **kwargs):
        if before:
            path.write_text(theirs, encoding="utf-8")
        loaded = read_session(*args, **kwargs)
        if not before:
            path.write_text(theirs, encoding="utf-8")
        return loaded

    monkeypatch.setattr(module, "read_session", read_with_an_edit)
    return theirs


def test_read_session_keeps_the_bytes_it_parsed(path, framework):
    loaded = read_session(path, framework)
    assert loaded.content == path.read_bytes()


def test_an_edit_made_just_after_the_open_read_is_not_taken_as_ours(path, framework, monkeypatch):
    theirs = edit_outside_around_the_read(monkeypatch, workshop, path, before=False)
    opened = OpenSession.open(path, framework)
    try:
        assert not opened.file.is_ours(opened.file.read())
        opened.session.record("leadership").strengths.append("Clear vision")
        opened.record_edit()
        with pytest.raises(OutsideChange) as caught:
            opened.save_now()
        assert caught.value.kind == "changed"
        assert path.read_text(encoding="utf-8") == theirs  # their edit is not overwritten
    finally:
        opened.close()


def test_a_previous_file_changed_after_its_hash_was_checked_is_refused(
    tmp_path, path, framework, monkeypatch
):
    new_file, _notices = cycle.start_next_file(path, framework, tmp_path / "next.yaml")
    new = read_session(new_file, framework).session
    # load_previous checks the hash of the file, then reads it as a session: an edit landing
    # in between must not be taken as last year's self-assessment
    edit_outside_around_the_read(monkeypatch, store, path, before=True)
    with pytest.raises(SessionFileError) as caught:
        cycle.load_previous(new, new_file, framework)
    assert "has changed since" in caught.value.message


def test_an_edit_made_just_after_reload_theirs_read_is_not_taken_as_ours(
    path, framework, monkeypatch
):
    opened = OpenSession.open(path, framework)
    try:
        # Someone else saves; this window takes their file ("Reload theirs") and, while it
        # reads it, a third edit lands: that one is not the file this window now knows.
        first = path.read_text(encoding="utf-8").replace("Testshire", "Firstshire")
        path.write_text(first, encoding="utf-8")
        theirs = first.replace("Firstshire", "Thirdshire")

        def read_with_an_edit(*args, **kwargs):
            loaded = read_session(*args, **kwargs)
            path.write_text(theirs, encoding="utf-8")
            return loaded

        monkeypatch.setattr(workshop, "read_session", read_with_an_edit)
        opened.reload_theirs()
        assert opened.session.service.name.startswith("Firstshire")
        assert not opened.file.is_ours(opened.file.read())
        opened.session.record("leadership").strengths.append("Clear vision")
        opened.record_edit()
        with pytest.raises(OutsideChange):
            opened.save_now()
        assert path.read_text(encoding="utf-8") == theirs
    finally:
        opened.close()
