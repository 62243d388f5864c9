"""Provides the messages screens send to the app: what happened, or where the team wants to go.

Screens never call the app to move or open files: they post one of these, and the app (which
owns the open session, the screens and the files) acts on it. What screens need to *read* from
the app, and the one way they change the session (typed edits,
:mod:`benchmark_tui.edits`), is :class:`benchmark_tui.tui.context.WorkshopContext`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from benchmark_tui.models import Place, Position, Session, Step


@dataclass
class GoTo(Message):
    """Posted to show a place of the workshop (and a step within an item)."""

    place: Place
    item: str | None = None
    step: Step | None = None


@dataclass
class GoToNeighbour(Message):
    """Posted to move to the next (``delta`` 1) or previous (-1) place from where the team is."""

    place: Place
    item: str | None
    delta: int


@dataclass
class PositionChanged(Message):
    """Posted when the team moved to another step, so reopening the session returns there."""

    position: Position


@dataclass
class OpenSessionFile(Message):
    """Posted to open a session file (from the sessions list)."""

    path: Path


@dataclass
class StartSession(Message):
    """Posted with a new session from the new-session form, to be saved and opened."""

    session: Session


@dataclass
class StartNextYear(Message):
    """Posted to start next year's self-assessment from a session file, and open it."""

    path: Path


@dataclass
class CompareSessions(Message):
    """Posted to show several session files side by side (or one service over time)."""

    paths: list[Path]


@dataclass
class ReviewLastPlan(Message):
    """Posted to review what happened to each action of the previous self-assessment's plan."""
