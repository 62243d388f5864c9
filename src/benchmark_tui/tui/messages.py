"""Provides the messages several screens send to the app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SessionEdited(Message):
    """Posted when a screen has changed the session, so the app saves it.

    Edits carrying the same ``coalesce`` key in quick succession (typing into one text area)
    form a single undo step and may be saved together a moment later.
    """

    coalesce: str | None = None
