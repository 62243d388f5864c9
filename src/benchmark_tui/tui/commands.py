"""Provides the command palette's commands (Ctrl+P): every place, the file actions, themes.

The commands need a few things of the app, named in :class:`PaletteHost`; the app is one (the
type checker says so where it hands itself over), and this module does not import it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual.app import SystemCommand
from textual.markup import escape
from textual.message import Message
from textual.screen import Screen

from benchmark_tui.last_time import LastTime
from benchmark_tui.models import Framework, Place, Session, Step
from benchmark_tui.tui.themes import THEMES

if TYPE_CHECKING:
    from benchmark_tui.tui.navigation import Navigator


class PaletteHost(Protocol):
    """What the palette's commands read from the app and ask it to do."""

    @property
    def framework(self) -> Framework | None: ...
    @property
    def session(self) -> Session | None: ...
    @property
    def session_path(self) -> Path | None: ...
    @property
    def read_only(self) -> bool: ...
    @property
    def last_time(self) -> LastTime | None: ...
    @property
    def navigator(self) -> Navigator: ...

    def goto(
        self,
        place: Place,
        item: str | None = None,
        step: Step | None = None,
        *,
        remember: bool = True,
    ) -> None: ...
    def post_message(self, message: Message) -> bool: ...
    def use_theme(self, name: str) -> None: ...
    def action_overview(self) -> None: ...
    def action_plan(self) -> None: ...
    def action_export(self) -> None: ...
    def action_export_handout(self) -> None: ...
    def action_save_as(self) -> None: ...
    def action_versions(self) -> None: ...
    def action_review_plan(self) -> None: ...
    def action_help(self) -> None: ...
    async def action_sessions(self) -> None: ...
    async def action_quit(self) -> None: ...


def palette_commands(app: PaletteHost, screen: Screen | None = None) -> Iterator[SystemCommand]:
    """Commands for the palette (ctrl+p): jump anywhere, export, versions, themes.

    Titles from the framework are escaped: Textual's fuzzy matcher reads titles as markup.
    """
    from benchmark_tui.tui.screens.overview import OverviewScreen

    if app.session is not None and app.framework is not None:
        yield SystemCommand(
            "Briefing",
            "The goal of self-assessment and the method",
            lambda: app.goto("briefing"),
        )
        for area in app.framework.areas:
            yield SystemCommand(
                f"Go to {escape(area.label)}",
                "Section 1: results achieved",
                lambda a=area.id: app.goto("area", a),
            )
        for characteristic in app.framework.items:
            yield SystemCommand(
                f"Go to {escape(characteristic.label)}",
                "Section 2: characteristics of excellent library services",
                lambda c=characteristic.id: app.goto("characteristic", c),
            )
        yield SystemCommand(
            "Overview", "All 14 items and the matrix at a glance", app.action_overview
        )
        yield SystemCommand("Improvement plan", "Actions, owners and dates", app.action_plan)
        if not app.read_only:
            yield SystemCommand(
                "Key messages…",
                "The team's short summary, first in the findings document",
                lambda: app.navigator.on_overview(OverviewScreen.action_key_messages),
            )
            yield SystemCommand(
                "Sign-off…",
                "The findings document: Draft or Final, version, approved by, distribution",
                lambda: app.navigator.on_overview(OverviewScreen.action_sign_off),
            )
            yield SystemCommand(
                "Session details…",
                "Service, scope, governance, workshop dates, facilitator and team",
                lambda: app.navigator.on_overview(OverviewScreen.action_session_details),
            )
            yield SystemCommand(
                "Attendance…",
                "Who was there on each workshop date (on the document's title page)",
                lambda: app.navigator.on_overview(OverviewScreen.action_attendance),
            )
            yield SystemCommand(
                "Agenda…",
                "The workshop's hours per day and each item's time budget",
                lambda: app.navigator.on_overview(OverviewScreen.action_agenda),
            )
            yield SystemCommand(
                "Parking lot…",
                "Points parked for later (ctrl+l): suggest one for the plan, or close it",
                lambda: app.navigator.on_overview(OverviewScreen.action_parking_lot),
            )
        yield SystemCommand(
            "Export to Word", "Write the findings document (.docx)", app.action_export
        )
        yield SystemCommand(
            "Pre-read for the team",
            "Write the framework, the scale and an empty matrix for everyone's copy (.docx)",
            app.action_export_handout,
        )
        if app.read_only:
            yield SystemCommand(
                "Save a copy as…",
                "Keep working in a copy of this read-only session",
                app.action_save_as,
            )
        else:
            yield SystemCommand(
                "Save as…", "Save the session under another name", app.action_save_as
            )
        yield SystemCommand(
            "Earlier versions…",
            "See the session as it was earlier today or before, and restore it",
            app.action_versions,
        )
        yield SystemCommand(
            "Sessions list", "Close this session and pick another", app.action_sessions
        )
        yield from yearly_commands(app)
    else:
        yield from sessions_list_commands(screen)
    for label, name in THEMES.items():
        yield SystemCommand(
            f"Theme: {label}",
            f"Switch to the {label} theme",
            partial(app.use_theme, name),
        )
    yield SystemCommand("Help", "Keys and purpose of this screen", app.action_help)
    yield SystemCommand("Quit", "Quit (everything is saved)", app.action_quit)


def yearly_commands(app: PaletteHost) -> Iterator[SystemCommand]:
    """The yearly cycle, while a session is open: next year's from it, last time's plan."""
    from benchmark_tui.tui.messages import StartNextYear

    path = app.session_path
    if path is not None:
        yield SystemCommand(
            "Start next year's from this one",
            "A new session for next year: the service, team, measures and approaches carried",
            lambda: app.post_message(StartNextYear(path)),
        )
    if app.last_time is not None:
        yield SystemCommand(
            "Review last time's plan",
            "What happened to each action of the previous improvement plan",
            app.action_review_plan,
        )


def sessions_list_commands(screen: Screen | None) -> Iterator[SystemCommand]:
    """On the sessions list: next year's from the highlighted session; compare the marked."""
    from benchmark_tui.tui.screens.start import StartScreen

    if isinstance(screen, StartScreen):
        yield SystemCommand(
            "Start next year's from this one",
            "A new session for next year, from the highlighted session",
            screen.action_next_year,
        )
        yield SystemCommand(
            "Compare the marked sessions",
            "Mark sessions with Space first: over time, or libraries side by side",
            screen.action_compare,
        )
