"""In the app: an edit made outside while the session is open is never silently overwritten."""

from __future__ import annotations

from benchmark_tui.locks import SessionLock
from benchmark_tui.tui.screens.dialogs import ChoiceDialog, PathDialog
from benchmark_tui.versions import list_versions

from .conftest import SMALL, reload
from .test_app import settle, type_text


async def test_moving_around_after_an_outside_edit_neither_asks_nor_writes(make_app, session_file):
    path = session_file("characteristic", "people", "understand")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        theirs = path.read_text(encoding="utf-8").replace("Testshire", "Othershire")
        path.write_text(theirs, encoding="utf-8")
        await pilot.press("alt+right", "alt+right")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)
    assert path.read_text(encoding="utf-8") == theirs


async def test_opening_and_quitting_leaves_the_file_as_it_was(make_app, session_file):
    path = session_file("characteristic", "people", "findings")
    before = path.read_bytes(), path.stat().st_mtime_ns
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


async def test_an_outside_edit_stops_saving_and_asks(make_app, session_file, framework):
    path = session_file("characteristic", "people", "findings")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        theirs = path.read_text(encoding="utf-8").replace("Testshire", "Othershire")
        path.write_text(theirs, encoding="utf-8")
        await type_text(pilot, "Ours\n")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert app.save_status.value.label == "NOT SAVED"
        assert path.read_text(encoding="utf-8") == theirs
        await pilot.press("enter")  # the default: decide later; nothing is written
        await type_text(pilot, "More\n")
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == theirs
        assert app.save_status.value.label == "NOT SAVED"
        await pilot.press("ctrl+s")  # asks again
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-keep-ours")
        await settle(pilot)
        assert app.save_status.value.state == "saved"
    assert reload(path, framework).record("people").strengths == ["Ours", "More"]
    kept = [v.path.read_text(encoding="utf-8") for v in list_versions(path)]
    assert theirs in kept


async def test_reload_theirs_shows_their_file_and_keeps_ours(make_app, session_file, framework):
    path = session_file("characteristic", "people", "findings")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        theirs = path.read_text(encoding="utf-8").replace("Testshire", "Othershire")
        path.write_text(theirs, encoding="utf-8")
        await type_text(pilot, "Ours\n")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-reload")
        await settle(pilot)
        assert app.session is not None and app.session.service.name == "Othershire Libraries"
        assert app.session.record("people").strengths == []
    assert path.read_text(encoding="utf-8") == theirs
    from benchmark_tui.store import load_session

    kept = [load_session(v.path, framework) for v in list_versions(path)]
    assert any(s.record("people").strengths == ["Ours"] for s in kept)


async def test_a_deleted_file_is_offered_to_be_saved_again(make_app, session_file, framework):
    path = session_file("characteristic", "people", "findings")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        path.unlink()
        await type_text(pilot, "Ours\n")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert "deleted" in app.screen.message
        assert not path.exists()
        await pilot.click("#choice-keep-ours")  # "Save it again"
        await settle(pilot)
    assert reload(path, framework).record("people").strengths == ["Ours"]


async def test_a_read_only_window_saves_a_copy_never_the_same_file(
    make_app, session_file, framework
):
    path = session_file("characteristic", "people", "findings")
    before = path.read_bytes()
    holder = SessionLock(path)
    assert holder.acquire()
    try:
        app = make_app(path)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            assert app.read_only
            app.action_save_as()
            await pilot.pause()
            assert isinstance(app.screen, PathDialog)
            assert app.screen.suggestion != str(path)
            assert app.screen.suggestion.endswith("-copy.yaml")
            await pilot.press("enter")
            await settle(pilot)
            assert not app.read_only
            assert app.session_path is not None and app.session_path.name.endswith("-copy.yaml")
            await type_text(pilot, "In the copy\n")
            await settle(pilot)
            copy = app.session_path
    finally:
        holder.release()
    assert path.read_bytes() == before
    assert reload(copy, framework).record("people").strengths == ["In the copy"]


async def test_save_as_onto_an_existing_file_asks_first(make_app, session_file, session):
    path = session_file("characteristic", "people", "findings")
    other = path.with_name("other.yaml")
    from benchmark_tui.store import save_session

    save_session(session, other)
    before = other.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.action_save_as()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PathDialog)
        field = dialog.query_one("Input")
        field.value = str(other)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog) and "already exists" in app.screen.message
        await pilot.press("enter")  # the default: choose another name
        await pilot.pause()
        assert other.read_bytes() == before
