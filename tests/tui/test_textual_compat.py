"""Canaries: each private Textual name that tui/textual_compat.py relies on still exists.

If Textual is upgraded and one of these fails, read tui/textual_compat.py: the reason for each
override is written beside it, and the override must be adapted before the upgrade lands.
"""

from __future__ import annotations

import inspect

from textual.app import App


def test_textual_still_routes_unhandled_errors_through_handle_exception():
    source = inspect.getsource(App)
    assert "def _handle_exception(self, error: Exception)" in source
    assert "self._fatal_error()" in inspect.getsource(App._handle_exception)


def test_textual_fatal_error_is_still_what_prints_the_traceback():
    source = inspect.getsource(App._fatal_error)
    assert "Traceback" in source


def test_app_exit_still_takes_a_message():
    assert "message" in inspect.signature(App.exit).parameters


async def test_a_message_pump_still_keeps_its_queue_where_has_queued_messages_reads_it():
    from textual.message import Message
    from textual.widget import Widget

    from benchmark_tui.tui.textual_compat import has_queued_messages

    class Ping(Message):
        """Posted to fill the queue."""

    class Probe(App[None]):
        def compose(self):
            yield Widget()

    app = Probe()
    async with app.run_test() as pilot:
        widget = app.query_one(Widget)
        await pilot.pause()
        assert not has_queued_messages(widget)
        widget.post_message(Ping())
        assert has_queued_messages(widget)
        await pilot.pause()
        assert not has_queued_messages(widget)


def test_no_private_textual_name_is_used_outside_textual_compat():
    """Private Textual names are imported, read, overridden or redefined only in
    tui/textual_compat.py (issue 12): every class of the TUI that subclasses a Textual class
    neither overrides an underscore name nor redefines a reactive Textual declares, and no
    module imports from a private Textual module."""
    import importlib
    import pkgutil
    import re
    from pathlib import Path

    from textual.dom import DOMNode
    from textual.reactive import Reactive

    import benchmark_tui.tui as tui

    found: list[str] = []
    root = Path(tui.__file__).parent
    for info in pkgutil.walk_packages([str(root)], prefix="benchmark_tui.tui."):
        if info.name.endswith(".textual_compat"):
            continue
        module = importlib.import_module(info.name)
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        if re.search(r"^\s*from textual[\w.]*\._", source, re.M):
            found.append(f"{info.name}: imports a private textual module")
        for name, cls in vars(module).items():
            if not (isinstance(cls, type) and cls.__module__ == info.name):
                continue
            textual_bases = [
                base for base in cls.__mro__ if base.__module__.split(".")[0] == "textual"
            ]
            if not any(issubclass(base, DOMNode) for base in textual_bases):
                continue
            # What Textual itself puts on every subclass (merged bindings, handlers…).
            automatic = set(vars(type("Probe", (textual_bases[0],), {})))
            for attribute, value in vars(cls).items():
                inherited = [base for base in textual_bases if hasattr(base, attribute)]
                if not inherited or attribute.startswith("__") or attribute in automatic:
                    continue
                if attribute.startswith("_"):
                    found.append(f"{name}.{attribute} overrides a private Textual name")
                elif isinstance(value, Reactive):
                    found.append(f"{name}.{attribute} redefines a Textual reactive")
    assert found == []


async def test_every_screen_still_holds_the_rack_of_notices_under_its_id():
    """``TOAST_RACK`` (used by the key bar and ``benchmark.tcss``) finds the rack, and the
    notices are shown in it."""
    from pathlib import Path

    from textual.widgets import Static

    import benchmark_tui.tui as tui
    from benchmark_tui.tui.textual_compat import TOAST_RACK

    class Probe(App[None]):
        def compose(self):
            yield Static("probe")

    app = Probe()
    async with app.run_test(notifications=True) as pilot:
        app.notify("Saved")
        await pilot.pause()
        rack = app.screen.query_one(TOAST_RACK)
        assert [str(w.render()) for w in rack.query("*") if "Saved" in str(w.render())]
    stylesheet = (Path(tui.__file__).parent / "benchmark.tcss").read_text(encoding="utf-8")
    assert f"{TOAST_RACK}.-keys-2" in stylesheet and f"{TOAST_RACK}.-keys-3" in stylesheet


async def test_app_on_event_still_sees_a_key_before_its_priority_binding_runs():
    """``KeysFirst`` (``tui/key_order.py``'s base) can hold a key back from a priority binding
    and let it through later, and the binding then runs once."""
    from textual import events
    from textual.binding import Binding

    from benchmark_tui.tui.textual_compat import KeysFirst

    class Probe(KeysFirst):
        BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True)]

        def __init__(self) -> None:
            super().__init__()
            self.held: list[events.Key] = []
            self.saved = 0

        def hold_key(self, key: events.Key) -> bool:
            if key.key != "ctrl+s" or self.held:
                return False
            self.held.append(key)
            return True

        def action_save(self) -> None:
            self.saved += 1

    app = Probe()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (len(app.held), app.saved) == (1, 0)
        await app.let_through(app.held[0])
        assert app.saved == 1


async def test_the_screenshot_svg_is_still_read_as_the_lines_on_screen():
    """``tests/tui/screen.py`` reads the text and its columns out of Textual's SVG screenshot."""
    from textual.containers import Horizontal
    from textual.widgets import Static

    from tests.tui.screen import screen_lines

    class Probe(App[None]):
        CSS = "Static { width: auto; } #right { margin-left: 7; }"

        def compose(self):
            yield Static("[b]literal[/b] & <text>", markup=False)
            with Horizontal():
                yield Static("left")
                yield Static("right", id="right")

    app = Probe()
    async with app.run_test(size=(40, 4)) as pilot:
        await pilot.pause()
        assert screen_lines(app) == ["[b]literal[/b] & <text>", "left       right"]


def _benchmark_internals():
    import sys
    from pathlib import Path

    benchmarks = str(Path(__file__).resolve().parents[2] / "benchmarks")
    if benchmarks not in sys.path:
        sys.path.insert(0, benchmarks)
    import bench_internals

    return bench_internals


async def test_the_internals_the_benchmarks_use_still_work():
    """``benchmarks/bench_internals.py``: waiting for the screen, refreshing it now, listing
    installed screens, and stamping the keys a TextArea handles."""
    from textual.screen import Screen
    from textual.widgets import TextArea

    internals = _benchmark_internals()

    class Probe(App[None]):
        def compose(self):
            yield TextArea()

    app = Probe()
    async with app.run_test() as pilot:
        spare = Screen()
        app.install_screen(spare, "spare")
        assert internals.installed_screens(app) == [spare]
        await internals.wait_for_screen(pilot)
        internals.refresh_now(app.screen)
        with internals.KeyClock() as clock:
            await pilot.press("a", "b", "c")
        assert len(clock.stamps) == 3 and len(clock.gaps()) == 2
        assert app.query_one(TextArea).text == "abc"
