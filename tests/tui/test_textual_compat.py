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
