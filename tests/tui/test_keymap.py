"""Keys a council can change (issue 21): every key has an id, and a keymap in the settings
file changes them through Textual's own keymap; step moves have keys no terminal takes."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Input

import benchmark_tui.tui
from benchmark_tui.settings import settings_path
from benchmark_tui.tui.screens.characteristic import CharacteristicScreen
from benchmark_tui.tui.screens.help import HelpDialog
from benchmark_tui.tui.widgets.key_bar import KeyBar

from .screen import record_notices


def declared_bindings() -> list[tuple[str, object]]:
    """(where, entry) for every entry of every BINDINGS the app's own classes declare."""
    found: list[tuple[str, object]] = []
    for info in pkgutil.walk_packages(benchmark_tui.tui.__path__, "benchmark_tui.tui."):
        module = importlib.import_module(info.name)
        for name, cls in vars(module).items():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            for entry in vars(cls).get("BINDINGS", []):
                found.append((f"{module.__name__}.{name}", entry))
    return found


def test_every_key_of_the_app_has_an_id_of_its_own():
    """A keymap names a key by its id: one missing or shared would change the wrong key."""
    bindings = declared_bindings()
    assert len(bindings) > 50  # the walk found the app's classes
    owners: dict[str, tuple[str, int]] = {}
    for where, entry in bindings:
        assert isinstance(entry, Binding), f"{where}: {entry!r} is not a Binding with an id"
        assert entry.id, f"{where}: the key {entry.key} ({entry.action}) has no id"
        # One Binding object shared by several screens (PgDn, the scroll keys) is one key.
        previous = owners.setdefault(entry.id, (where, id(entry)))
        assert previous[1] == id(entry), f"{where} and {previous[0]} both use id {entry.id!r}"


def write_settings(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def test_a_keymap_in_the_settings_file_changes_the_step_keys(make_app, session_file):
    """f6 moves on instead of alt+→, which then does nothing; the key bar and help show f6."""
    write_settings("theme: projector\nkeymap:\n  step.next: f6\n")
    app = make_app(session_file("characteristic", "leadership", "understand"), settings=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CharacteristicScreen) and screen.step == "understand"
        await pilot.press("alt+right")
        await pilot.pause()
        assert screen.step == "understand"
        await pilot.press("f6")
        await pilot.pause()
        assert screen.step == "approaches"
        keys = str(screen.query_one(KeyBar).render())
        assert "f6 Next step" in keys
        assert keys.index("f6 Next step") < keys.index("PgDn Next item")  # in its place
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        assert ("f6", "Next step") in [(k, d) for k, d in app.screen.keys]


async def test_step_keys_no_terminal_takes(make_app, session_file):
    """Ctrl+PgDn/PgUp move between steps anywhere; ] and [ outside a text box, where they
    are typed as themselves."""
    app = make_app(session_file("characteristic", "leadership", "understand"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CharacteristicScreen)
        await pilot.press("ctrl+pagedown")
        assert screen.step == "approaches"
        await pilot.press("ctrl+pageup")
        assert screen.step == "understand"
        await pilot.press("right_square_bracket")
        assert screen.step == "approaches"
        assert isinstance(app.focused, Input)  # the approaches step's box has the focus
        await pilot.press("right_square_bracket", "left_square_bracket")
        assert screen.step == "approaches"
        assert app.focused.value == "]["
        await pilot.press("ctrl+pagedown")
        assert screen.step == "evidence"
        await pilot.press("escape", "left_square_bracket")
        await pilot.pause()


async def test_the_help_lists_every_key_of_an_action_and_the_keymap_setting(make_app, session_file):
    app = make_app(session_file("characteristic", "leadership", "understand"))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        help_dialog = app.screen
        assert isinstance(help_dialog, HelpDialog)
        keys = dict((d, k) for k, d in help_dialog.keys)
        assert keys["Next step"] == "alt+→ / ^pgdn / ]"
        assert keys["Back"] == "alt+← / ^pgup / ["
        assert "step.next" in help_dialog.keymap_text().plain
        assert "keymap:" in help_dialog.keymap_text().plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("keymap:\n  step.nxt: f6\n", ":3: no key has the id 'step.nxt' (did you mean step.next?)"),
        ("keymap:\n  step.next: ctrl+pgdn\n", ":3: 'ctrl+pgdn' is not a key"),
        ("keymap:\n  step.next: 6\n", ":3: keymap: step.next: write the keys as text"),
        ("keymap: [f6]\n", ":2: keymap: write a mapping of 'id: key' lines"),
        ("keymap:\n  step.next: ]\n", ":3:"),  # YAML itself: a ] must be quoted
    ],
)
async def test_a_bad_keymap_entry_is_said_with_its_file_and_line(make_app, text, expected):
    """The app starts and says what is wrong where (settings.yaml:LINE), never a traceback."""
    path = write_settings("theme: light\n" + text)
    app = make_app(settings=None)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.workers.wait_for_complete()  # the ids are checked in a worker
        await pilot.pause()
        said = "\n".join(n.message for n in notices)
        assert f"{path.name}{expected}" in said, said


async def test_the_good_entries_of_a_keymap_work_beside_a_bad_one(make_app, session_file):
    write_settings("keymap:\n  step.nxt: f7\n  step.next: f6\n")
    app = make_app(session_file("characteristic", "leadership", "understand"), settings=None)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("f6")
        assert app.screen.step == "approaches"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("step.nxt" in n.message for n in notices)


async def test_a_keymap_changes_the_apps_own_keys_too(make_app, session_file):
    """An app-wide key (help, F1) moves to another key like a screen's."""
    write_settings("keymap:\n  app.help: f9\n")
    app = make_app(session_file("characteristic", "leadership", "understand"), settings=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpDialog)
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)


def test_the_keymap_is_kept_when_the_settings_are_saved_again():
    """The app rewrites the settings file (theme, recent sessions): the keymap stays."""
    from benchmark_tui.settings import load_settings, save_settings

    write_settings("theme: light\nkeymap:\n  step.next: [f8, alt+n]\n  step.previous: f7\n")
    settings = load_settings()
    assert settings.keymap == {"step.next": "f8,alt+n", "step.previous": "f7"}
    assert settings.keymap_lines == {"step.next": 3, "step.previous": 4}
    settings.theme = "dark"
    save_settings(settings)
    again = load_settings()
    assert again.keymap == settings.keymap and again.theme == "dark"
    assert "keymap_lines" not in settings_path().read_text(encoding="utf-8")
    assert again.problems == []
