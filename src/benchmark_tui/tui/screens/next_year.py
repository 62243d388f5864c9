"""Provides the dialog that starts next year's self-assessment: its workshop date and file name.

Both are prefilled (today, and a name after the service and that date) and both can be
changed; the name follows the date until the facilitator types a name of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from benchmark_tui.store import SESSION_SUFFIX
from benchmark_tui.tui.screens.dialogs import Dialog, IsoDate


@dataclass(frozen=True)
class NextYear:
    """What the facilitator chose for next year's session."""

    day: date
    """The new workshop's (first) date."""
    name: str
    """The file name, in the folder of last time's session."""


class NextYearDialog(Dialog[NextYear]):
    """Asks next year's workshop date and file name (prefilled, editable); None on Esc."""

    BINDINGS = [Binding("ctrl+s", "start", "Start", priority=True, id="next-year.start")]

    def __init__(self, source_name: str, today: date, name_for: Callable[[date], str]) -> None:
        """Ask for next year's session.

        Args:
            source_name: the file it starts from, as the facilitator knows it.
            today: the date offered.
            name_for: the file name offered for a workshop date.
        """
        super().__init__()
        self.source_name = source_name
        self.today = today
        self.name_for = name_for
        self._offered = name_for(today)
        """The name last offered: while the box still holds it, it follows the date."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -form"):
            yield from self.compose_heading(
                "Start next year's self-assessment",
                f"From {self.source_name}: the service, the team, the measures and the "
                "approaches are carried forward. Check the workshop date and the file name.",
            )
            yield Label("Workshop date (YYYY-MM-DD)")
            yield Input(self.today.isoformat(), id="next-date", validators=[IsoDate(self.today)])
            yield Label("File name (in the same folder)")
            yield Input(self._offered, id="next-name")
            yield Static("", id="problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start (ctrl+s)", variant="primary", id="start-next")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        super().on_mount()
        self.say_problem("")
        self.query_one("#next-date", Input).focus()

    def _day(self) -> date | None:
        try:
            return date.fromisoformat(self.query_one("#next-date", Input).value.strip())
        except ValueError:
            return None

    @on(Input.Changed, "#next-date")
    def _follow_the_date(self) -> None:
        day = self._day()
        name = self.query_one("#next-name", Input)
        if day is not None and name.value == self._offered:
            self._offered = self.name_for(day)
            name.value = self._offered

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "next-name":
            self.action_start()
        else:
            self.focus_next()

    @on(Button.Pressed, "#start-next")
    def action_start(self) -> None:
        """Check the date and the name, and return them."""
        day = self._day()
        if day is None:
            self.say_problem(f"Date: write it as YYYY-MM-DD, e.g. {self.today.isoformat()}.")
            self.query_one("#next-date", Input).focus()
            return
        name = self.query_one("#next-name", Input).value.strip()
        if not name or "/" in name or "\\" in name:
            self.say_problem(f"File name: a name such as {self.name_for(day)}, without a folder.")
            self.query_one("#next-name", Input).focus()
            return
        if not name.endswith(SESSION_SUFFIX):
            name += SESSION_SUFFIX
        self.dismiss(NextYear(day, name))
