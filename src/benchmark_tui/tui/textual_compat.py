"""Provides the few places where benchmark-tui relies on Textual internals, each with its reason.

Textual changes its private names between releases; every use of one lives here, each has a
canary test in ``tests/tui/test_textual_compat.py`` that fails loudly when the internal it
relies on changes, and Textual is pinned to an exact version in ``pyproject.toml``.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App
from textual.message_pump import MessagePump


def has_queued_messages(node: MessagePump) -> bool:
    """Whether a widget (or screen) still has messages waiting to be handled.

    Why: keys arriving in a burst (a fast typist, tmux) could overtake the letters typed before
    them, because Textual runs priority bindings at once while letters wait in the focused
    widget's queue (``tui/key_order.py``). Textual has no public way to ask whether a queue is
    empty, so this reads MessagePump's private ``_message_queue``.
    """
    return not node._message_queue.empty()


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
