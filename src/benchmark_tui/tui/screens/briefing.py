"""Provides the briefing: the goal and nature of self-assessment, projected first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from benchmark_tui.tui.screens.base import NEXT_ITEM, PREVIOUS_ITEM, WorkshopScreen
from benchmark_tui.tui.screens.characteristic import bullets
from benchmark_tui.tui.widgets.bars import WhereBar


class BriefingScreen(WorkshopScreen):
    """The framework's introduction and method: "remind the team of the goal"."""

    place = "briefing"
    HELP = """\
## Briefing

Project this first to remind the team of the goal and nature of self-assessment and of the
method for the day. **PgDn** (or alt+→) begins Section 1; **ctrl+o** shows the overview.
"""

    BINDINGS = [
        Binding(
            "alt+right,ctrl+pagedown", "next_item", "Begin", priority=True, id="briefing.begin"
        ),
        Binding(
            "right_square_bracket", "next_item", "Begin", show=False, id="briefing.begin-typed"
        ),
        NEXT_ITEM,
        PREVIOUS_ITEM,
    ]

    def compose_body(self) -> ComposeResult:
        framework = self.framework
        yield WhereBar("Briefing", framework.title, [], label="agreed")
        intro, method = framework.introduction, framework.methodology
        with VerticalScroll(id="briefing", classes="step"):
            yield Static(Text(intro.summary), classes="statement")
            yield Static(Text(intro.sections_lead), classes="paragraph")
            yield Static(bullets(intro.sections, numbered=True), classes="bullets")
            yield Static(Text(intro.conclusion), classes="paragraph")
            yield Static(Text(method.title), classes="heading")
            yield Static(Text(method.results), classes="paragraph")
            yield Static(Text(method.characteristics_lead), classes="paragraph")
            yield Static(bullets(method.steps, numbered=True), classes="bullets")

    def show_session(self) -> None:
        self.query_one(WhereBar).show(
            "Briefing", self.framework.title, self.item_states(self.framework.item_ids)
        )
        self.query_one("#briefing").focus()
