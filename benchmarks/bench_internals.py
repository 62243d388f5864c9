"""Provides the few Textual internals the benchmarks rely on, each with its reason.

As ``src/benchmark_tui/tui/textual_compat.py`` is for the app, this is the only place the
benchmarks touch a private Textual name (``tests/test_private_api.py`` checks it), and each has
a canary in ``tests/tui/test_textual_compat.py`` that fails when a Textual upgrade moves it.
None of them has a public equivalent in the Textual pinned in ``pyproject.toml``.
"""

from __future__ import annotations

import time
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import TextArea


async def wait_for_screen(pilot: Pilot[Any]) -> None:
    """Wait until the app and every widget of the screen have handled their queued messages.

    Why: the public ``Pilot.pause()`` does this and then waits for the CPU to go idle (about
    45 ms even on a minimal app), which would swamp the cost being measured.
    """
    await pilot._wait_for_screen()


def refresh_now(screen: Screen[Any]) -> None:
    """Run the screen's pending layout and paint at once, instead of at its next tick.

    Why: a move is timed until it is on screen; the public ways to get there wait for the
    refresh timer (or CPU idle), which measures the timer, not the app.
    """
    screen._on_timer_update()


def installed_screens(app: App[Any]) -> list[Screen[Any]]:
    """The screens installed in the app (built and kept for reuse), whether shown or not.

    Why: the memory benchmark counts the DOM nodes the app holds; Textual can say whether a
    screen of a given name is installed, but not list them.
    """
    return [s for s in app._installed_screens.values() if isinstance(s, Screen)]


class KeyClock:
    """Stamps the time every TextArea starts handling a key (patched in for one burst).

    Why: the typing benchmark measures the gaps between keys as the text box handles them;
    TextArea handles keys in its private ``_on_key``, and no public hook runs before it.
    """

    def __init__(self) -> None:
        self.stamps: list[float] = []
        self._original = TextArea._on_key

    def __enter__(self) -> KeyClock:
        original, stamps = self._original, self.stamps

        async def stamped(widget: TextArea, event: events.Key) -> None:
            stamps.append(time.perf_counter())
            await original(widget, event)

        TextArea._on_key = stamped  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        TextArea._on_key = self._original  # type: ignore[method-assign]

    def gaps(self) -> list[float]:
        """Seconds between consecutive keys."""
        return [b - a for a, b in zip(self.stamps, self.stamps[1:], strict=False)]
