"""Provides :class:`InOrderKeys`: keys are handled in the order they were typed.

Textual checks *priority* bindings (our Ctrl+S, Alt+→, PgDn, Ctrl+G…) the moment a key reaches
the app, but hands every other key to the focused widget's own queue. When keys arrive in a
burst — a fast typist on a loaded laptop, a terminal flushing its input, tmux — a shortcut
could therefore run before the letters typed just before it had reached their field: a new
session named "Walkton L" instead of "Walkton Libraries", or the tail of an evidence summary
typed into the next characteristic after PgDn moved the screen on.

The app holds a key back while the focused widget still has messages to handle, and lets
it through once the widget has caught up, one key at a time. Keys arriving at human speed
find the queue empty and pass straight through, so nothing waits in the usual case.

Why this exists, and what it costs: a work-around for a loaded laptop, not a feature. The
``typing-gap`` benchmark (``measure_typing`` in ``benchmarks/bench_interactive.py``; figures in
``benchmarks/README.md``) types 300 keys at 50 a second into the evidence summary while saves
run, and checks that every key reached the session in order; its longest gap between keys must
stay within 50 ms of a bare TextArea's. Remove this only if that benchmark still passes and a
burst typed before PgDn still lands in the right field (``tests/tui/test_key_order.py``).
The Textual internals it relies on are in ``textual_compat.py`` (``KeysFirst``,
``has_queued_messages``).
"""

from __future__ import annotations

from collections import deque
from functools import partial

from textual import events
from textual.message_pump import MessagePump

from benchmark_tui.tui.textual_compat import KeysFirst, has_queued_messages

MAX_ROUNDS = 20
"""Rounds of waiting for the widgets before a held key is let through regardless."""


class InOrderKeys(KeysFirst):
    """An app whose shortcuts never overtake the letters typed before them."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._held_keys: deque[events.Key] = deque()
        self._waiting_for_focus = False
        self._wait = 0
        """Counts waits, so that a late call-back from an earlier wait releases nothing."""
        self._rounds = 0
        """How many times the key at the head of the queue has been waited for."""

    def hold_key(self, key: events.Key) -> bool:
        if not (self._held_keys or self._focused_is_busy()):
            return False
        self._held_keys.append(key)
        self._wait_for_focused()
        return True

    def _focused_is_busy(self) -> bool:
        """True while the focused widget, or a container above it, has messages to handle.

        The containers count: Enter in a list's field posts ``Submitted``, which the list
        handles (adding the item, clearing the field) in its own queue; a letter let through
        before that would be typed into the field and then cleared with it.
        """
        return any(has_queued_messages(node) for node in self._focus_chain())

    def _focus_chain(self) -> list[MessagePump]:
        """The focused widget and its containers up to the screen (none if nothing has focus)."""
        focused = self.focused
        if focused is None:
            return []
        return [node for node in focused.ancestors_with_self if node is not self]

    def _wait_for_focused(self) -> None:
        """Release the next held key once the focused widget and its ancestors have caught up.

        The focused widget handles its keys, and the messages they cause (``Changed``) bubble
        up through its containers to the screen, which records them in the session. Asking
        each in turn, from the widget up, to call back after what it has queued guarantees
        that everything typed so far has reached the session before the next key is handled.
        """
        if self._waiting_for_focus:
            return
        self._waiting_for_focus = True
        self._wait += 1
        self._pass_along(self._wait, self._focus_chain())
        # A widget removed while we wait never calls back: never hold keys for long.
        self.set_timer(0.5, partial(self._release_held_key, self._wait, force=True))

    def _pass_along(self, wait: int, chain: list[MessagePump]) -> None:
        while chain and not chain[0].is_attached:
            chain = chain[1:]
        if chain:
            chain[0].call_later(self._pass_along, wait, chain[1:])
        else:
            self.call_later(self._release_held_key, wait)

    async def _release_held_key(self, wait: int, *, force: bool = False) -> None:
        """Handle the oldest held key as if it had just arrived, then wait for the next.

        Handling a key can queue more work behind the call-back (Enter queues ``Submitted``),
        so the widgets are checked again and waited for once more while still busy; the
        number of rounds is bounded, and ``force`` (the timer) lets the key through anyway.
        """
        if wait != self._wait or not self._waiting_for_focus:
            return
        self._waiting_for_focus = False
        if not self._held_keys:
            return
        if not force and self._focused_is_busy() and self._rounds < MAX_ROUNDS:
            self._rounds += 1
            self._wait_for_focused()
            return
        self._rounds = 0
        await self.let_through(self._held_keys.popleft())
        if self._held_keys:
            self._wait_for_focused()
