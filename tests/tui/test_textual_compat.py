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
