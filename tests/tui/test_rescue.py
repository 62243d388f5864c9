"""In the app: an unexpected error rescues the team's work, logs it, and says where, calmly."""

from __future__ import annotations

import pytest

from .conftest import SMALL, reload
from .test_app import settle, type_text


async def test_a_crash_with_an_outside_edit_rescues_to_a_copy_and_says_where(
    make_app, session_file, framework, private_profile, capsys
):
    path = session_file("characteristic", "people", "findings")
    app = make_app(path)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=SMALL) as pilot:
            await type_text(pilot, "Typed just before the crash\n")
            await settle(pilot)
            path.write_text("changed: outside\n", encoding="utf-8")
            app.call_later(lambda: 1 / 0)
            await pilot.pause()
    assert path.read_text(encoding="utf-8") == "changed: outside\n"  # theirs, untouched
    rescued = list(path.parent.glob("testshire.rescued-*.yaml"))
    assert len(rescued) == 1
    message = "".join(capsys.readouterr().err.split())  # the terminal wraps long paths
    assert str(rescued[0].name) in message and "Traceback" not in message
    assert reload(rescued[0], framework).record("people").strengths == [
        "Typed just before the crash"
    ]
    assert any((private_profile / "logs").glob("crash-*.log"))


async def test_an_unexpected_error_in_the_background_save_is_reported_not_stuck(
    make_app, session_file, monkeypatch
):
    """The header must not stay at 'saving…' for good."""
    import benchmark_tui.session_file as session_file_module

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug while writing")

    path = session_file("characteristic", "people", "findings")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        monkeypatch.setattr(session_file_module, "write_atomically", broken)
        await type_text(pilot, "Kept\n")
        await settle(pilot)
        assert app.save_status.value.label == "NOT SAVED"
        assert app.session is not None and app.session.record("people").strengths == ["Kept"]
        monkeypatch.undo()
        await type_text(pilot, "Again\n")
        await settle(pilot)
        assert app.save_status.value.state == "saved"


async def test_undo_says_what_it_undid(make_app, session_file, framework):
    path = session_file("characteristic", "people", "findings")
    app = make_app(path)
    said: list[str] = []
    async with app.run_test(size=SMALL) as pilot:
        app.notify = lambda message, **kw: said.append(message)  # type: ignore[method-assign]
        await type_text(pilot, "Clear vision\n")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
    expected = "Undone: Managing and developing people: strength 'Clear vision' removed"
    assert any(expected in s for s in said), said
    assert reload(path, framework).record("people").strengths == []
