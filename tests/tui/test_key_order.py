"""Keys reach the app in the order they were typed, even when they arrive in one burst.

A terminal (or tmux, or a fast typist on a loaded laptop) can deliver "Walkton Libraries" and
then Ctrl+S before the text field has handled the letters. Textual checks priority bindings
(Ctrl+S, Alt+→, PgDn, Ctrl+G) as soon as a key arrives, while letters wait in the field's
queue, so without care the action ran first: the session was created as "Walkton L", and
letters still queued could land in the next characteristic's field.
"""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot

from benchmark_tui.store import load_session
from benchmark_tui.tui.app import BenchmarkApp
from benchmark_tui.tui.screens.characteristic import CharacteristicScreen

from .conftest import SMALL, reload


def burst(app: BenchmarkApp, *keys: str) -> None:
    """Post keys to the app all at once, as the terminal driver does for a burst of input."""
    names = {" ": "space"}
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(names.get(key, key), key))
        else:
            app.post_message(events.Key(key, None))


async def until_handled(pilot: Pilot) -> None:
    """Wait until every key of the burst has been handled (however loaded the machine)."""
    app = pilot.app
    for _ in range(500):
        await pilot.pause(0.02)
        held = getattr(app, "_held_keys", ())
        busy = getattr(app, "_focused_is_busy", lambda: False)
        if not held and not busy():
            break
    app.saving.save_pending_now()  # the debounced save, now
    await app.saving.settled()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_burst_of_letters_then_ctrl_s_creates_the_session_with_every_letter(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await pilot.pause()
        burst(app, *"Walkton Libraries", "ctrl+s")
        await until_handled(pilot)
        assert type(app.screen).__name__ == "BriefingScreen"
        path = app.session_path
    assert path is not None
    assert path.name.startswith("walkton-libraries-")
    assert load_session(path, app.framework).service.name == "Walkton Libraries"  # type: ignore[arg-type]


async def test_letters_typed_just_before_pgdn_stay_with_their_characteristic(
    make_app, session_file, framework
):
    path = session_file("characteristic", "leadership", "evidence")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        burst(app, *"Visits fell", "pagedown", "alt+right", "alt+right", *"Minutes")
        await until_handled(pilot)
        screen = app.screen
        assert isinstance(screen, CharacteristicScreen)
        assert screen.characteristic.id == "governance"
        assert screen.step == "evidence"
    session = reload(path, framework)
    assert session.record("leadership").evidence.summary == "Visits fell"
    assert session.record("governance").evidence.summary == "Minutes"


async def test_a_burst_of_list_items_keeps_every_letter(make_app, session_file, framework):
    """Enter adds the item and clears the field; the next item's first letter must survive."""
    path = session_file("characteristic", "leadership", "approaches")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        burst(app, *"Away day", "enter", *"Monthly review", "enter", *"Mentoring", "enter")
        await until_handled(pilot)
    approaches = reload(path, framework).record("leadership").approaches
    assert [a.text for a in approaches] == ["Away day", "Monthly review", "Mentoring"]
