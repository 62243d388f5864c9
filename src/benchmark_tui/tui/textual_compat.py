"""Provides the few places where benchmark-tui relies on Textual internals, each with its reason.

Textual changes its private names between releases; every use of one lives here, each has a
canary test in ``tests/tui/test_textual_compat.py`` that fails loudly when the internal it
relies on changes, and Textual is pinned to an exact version in ``pyproject.toml``.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import App
from textual.message_pump import MessagePump

TOAST_RACK = "#textual-toastrack"
"""The selector of the rack of notices (toasts) every screen holds.

Why: notices must stand above the key bar (``tui/widgets/key_bar.py``, which replaces Footer:
see there), so the bar lifts the rack by its own height, and ``benchmark.tcss`` styles
``#textual-toastrack`` to match. Textual gives the rack this id, but does not document it.
"""


def has_queued_messages(node: MessagePump) -> bool:
    """Whether a widget (or screen) still has messages waiting to be handled.

    Why: keys arriving in a burst (a fast typist, tmux) could overtake the letters typed before
    them, because Textual runs priority bindings at once while letters wait in the focused
    widget's queue (``tui/key_order.py``). Textual has no public way to ask whether a queue is
    empty, so this reads MessagePump's private ``_message_queue``.
    """
    return not node._message_queue.empty()


class KeysFirst(App[Any]):
    """An app that sees each key typed before Textual runs a priority binding for it.

    Why: ``tui/key_order.py`` holds shortcuts back until the letters typed before them have
    reached their field. Textual has no public hook for that: ``App.on_event`` is where a key
    from the terminal is first handled, and where the priority bindings run, before the
    focused widget gets the key. Overriding it is the one place the order can be kept.
    """

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self.hold_key(event):
            return
        await super().on_event(event)

    def hold_key(self, key: events.Key) -> bool:
        """Whether to keep this key back (the app hands it on later with :meth:`let_through`)."""
        return False

    async def let_through(self, key: events.Key) -> None:
        """Handle a key held back, as if it had just arrived from the terminal."""
        await super().on_event(key)


class CalmCrashes(App[Any]):
    """An app that, after an unexpected error, shows a calm sentence instead of a traceback.

    Why: Textual offers no public hook for unhandled exceptions; its handler prints a
    traceback (with the locals: the team's text) onto the projected screen. We override the
    private ``_handle_exception`` to let the app rescue the team's work first (the public
    :meth:`on_unexpected_error`), and the private ``_fatal_error`` to print our sentence
    instead of the traceback. The rest of Textual's handling (the return code, re-raising in
    tests) is kept by calling the original.
    """

    crash_message: str = "benchmark-tui stopped because of an unexpected problem."

    def on_unexpected_error(self, error: BaseException) -> str:
        """Save what can be saved and log the details; the sentence to show. Never raises."""
        return self.crash_message

    def _handle_exception(self, error: Exception) -> None:
        try:
            self.crash_message = self.on_unexpected_error(error)
        except Exception:  # noqa: BLE001 - the handler of last resort must not fail itself
            self.crash_message = CalmCrashes.crash_message
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        self.bell()
        self.exit(return_code=1, message=Text(self.crash_message))
