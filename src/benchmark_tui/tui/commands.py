"""Provides the command palette's commands (Ctrl+P): every place, the file actions, themes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.markup import escape

from benchmark_tui.tui.themes import THEMES

if TYPE_CHECKING:
    from benchmark_tui.tui.app import BenchmarkApp


def palette_commands(app: BenchmarkApp) -> Iterator[SystemCommand]:
    """Commands for the palette (ctrl+p): jump anywhere, export, versions, themes.

    Titles from the framework are escaped: Textual's fuzzy matcher reads titles as markup.
    """
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
    for label, name in THEMES.items():
        yield SystemCommand(
            f"Theme: {label}",
            f"Switch to the {label} theme",
            lambda n=name: setattr(app, "theme", n),
        )
    yield SystemCommand("Help", "Keys and purpose of this screen", app.action_help)
    yield SystemCommand("Quit", "Quit (everything is saved)", app.action_quit)
