"""Provides what the header shows of the app's state: the save indicator and the clock.

Each is an :class:`Observable`: a part of the app sets it, and the widgets in every screen's
header follow it, by a typed reference rather than by watching an attribute named in a string.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Literal, Protocol, TypeVar, runtime_checkable
from weakref import WeakKeyDictionary

from textual.dom import DOMNode

T = TypeVar("T")

SaveState = Literal["saved", "pending", "error", "read-only"]
"""Saved, being saved (or waiting to be), not saved, or not to be saved by this window."""
PaceState = Literal["", "running", "paused", "over"]
"""No clock, running, paused, or the item's budget is used up."""


@dataclass(frozen=True)
class Shown(Generic[T]):
    """What an indicator says, and the state that styles it."""

    state: T
    label: str


class Observable(Generic[T]):
    """A value that widgets follow: each follower is called with every new value.

    Followers are held weakly, so a widget that is removed is simply forgotten.
    """

    def __init__(self, value: T) -> None:
        self._value = value
        self._followers: WeakKeyDictionary[DOMNode, Callable[[T], None]] = WeakKeyDictionary()

    @property
    def value(self) -> T:
        """The value now."""
        return self._value

    def set(self, value: T, *, again: bool = False) -> None:
        """Change the value and tell the followers (``again``: tell them even if unchanged)."""
        if value == self._value and not again:
            return
        self._value = value
        for node, follower in list(self._followers.items()):
            if node.is_running:
                follower(value)

    def follow(self, node: DOMNode, follower: Callable[[T], None]) -> None:
        """Call ``follower`` with the value now, and with each new one while ``node`` lives."""
        self._followers[node] = follower
        follower(self._value)


@runtime_checkable
class ShowsStatus(Protocol):
    """An app whose header shows its save indicator and clock (a widget's test harness may
    have neither)."""

    @property
    def save_status(self) -> Observable[Shown[SaveState]]:
        """The save indicator: "saved 14:02", "saving…", "NOT SAVED"."""
        ...

    @property
    def pace_status(self) -> Observable[Shown[PaceState]]:
        """The clock: "12:30 / 20:00", "paused 12:30 / 20:00" ("" while there is none)."""
        ...
