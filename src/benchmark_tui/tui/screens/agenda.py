"""Provides the agenda dialog: the workshop's hours per day and each item's time budget.

Each workshop date has its hours (start, end, minutes of breaks); each item a budget in
minutes. A budget left empty is an even share of what the others leave (the boxes show that
share), so setting none spreads the days evenly over the 14 items. The dialog returns the new
:class:`~benchmark_tui.models.Agenda`; the caller applies it as one edit (undoable).
"""

from __future__ import annotations

from datetime import date, time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from benchmark_tui.models import Agenda, DayHours, Framework, day_label
from benchmark_tui.tui.screens.dialogs import Dialog
from benchmark_tui.tui.screens.new_session import explain_problem


def parse_time(text: str, what: str) -> time:
    """``9:30`` or ``09:30`` as a time.

    Raises:
        ValueError: not a time of day, saying what to write.
    """
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(f"Write the {what} as HH:MM, e.g. 09:30.") from None


def parse_minutes(text: str, what: str, *, empty: int | None = None) -> int | None:
    """Whole minutes (``empty`` if nothing is written).

    Raises:
        ValueError: not a whole number of minutes, saying what to write.
    """
    if not text.strip():
        return empty
    try:
        return int(text.strip().removesuffix("m").removesuffix("min").strip())
    except ValueError:
        raise ValueError(f"Write the {what} in whole minutes, e.g. 25.") from None


class AgendaDialog(Dialog[Agenda]):
    """The hours of each workshop day and each item's budget; None on Esc."""

    DEFAULT_CSS = """
    AgendaDialog .dialog.-agenda {
        .agenda-row { height: 1; }
        .agenda-label { width: 1fr; height: 1; margin: 0; }
        .agenda-day { width: 20; height: 1; margin: 0; }
        Input { width: 8; height: 1; margin: 0 1 0 0; }
        .agenda-heading { margin: 1 0 0 0; text-style: bold; }
        .agenda-first { text-style: bold; }
    }
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True, id="agenda.save")]

    def __init__(self, agenda: Agenda, framework: Framework, dates: list[date]) -> None:
        super().__init__()
        self.agenda = agenda
        self.framework = framework
        self.dates = sorted(dates)

    @property
    def day_count(self) -> int:
        """How many days the workshop has (at least one)."""
        return max(1, len(self.dates))

    def compose(self) -> ComposeResult:
        hours = self.agenda.hours(self.day_count)
        shares = self.agenda.spread(self.framework.item_ids, self.day_count)
        with Vertical(classes="dialog -form -agenda"):
            yield Static("Agenda", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static("Hours: start, end, minutes of breaks", classes="agenda-first")
                for n, day in enumerate(hours):
                    when = day_label(self.dates[n], short=True) if n < len(self.dates) else ""
                    with Horizontal(classes="agenda-row"):
                        yield Static(Text(f"Day {n + 1} {when}"), classes="agenda-day")
                        yield Input(f"{day.start:%H:%M}", id=f"start-{n}", compact=True)
                        yield Input(f"{day.end:%H:%M}", id=f"end-{n}", compact=True)
                        yield Input(str(day.breaks), id=f"breaks-{n}", compact=True)
                yield Static(
                    "Minutes per item (empty: an even share of the rest)",
                    classes="agenda-heading",
                )
                for item_id in self.framework.item_ids:
                    own = self.agenda.budgets.get(item_id)
                    with Horizontal(classes="agenda-row"):
                        yield Static(
                            Text(self.framework.item(item_id).label), classes="agenda-label"
                        )
                        yield Input(
                            str(own) if own else "",
                            placeholder=str(shares[item_id]),
                            id=f"budget-{item_id}",
                            compact=True,
                        )
            yield Static("", id="agenda-total", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        super().on_mount()
        self._show_total()
        self.query_one("#start-0", Input).focus()

    def _read(self) -> Agenda:
        """The agenda as typed.

        Raises:
            ValueError: something is not a time or a number of minutes, or does not fit.
        """
        days = []
        for n in range(self.day_count):
            start = parse_time(self.query_one(f"#start-{n}", Input).value, f"start of day {n + 1}")
            end = parse_time(self.query_one(f"#end-{n}", Input).value, f"end of day {n + 1}")
            breaks = parse_minutes(
                self.query_one(f"#breaks-{n}", Input).value, f"breaks of day {n + 1}", empty=0
            )
            if end <= start:
                raise ValueError(f"Day {n + 1} must end after it starts.")
            days.append(DayHours(start=start, end=end, breaks=breaks or 0))
        budgets: dict[str, int] = {}
        for item_id in self.framework.item_ids:
            title = self.framework.item(item_id).title
            minutes = parse_minutes(
                self.query_one(f"#budget-{item_id}", Input).value, f"budget of {title}"
            )
            if minutes is not None:
                if minutes <= 0:
                    raise ValueError(f"The budget of {title} must be at least a minute.")
                budgets[item_id] = minutes
        # Hours as the default day are not written to the file.
        if all(day == DayHours() for day in days):
            days = []
        return Agenda(days=days, budgets=budgets)

    def _show_total(self) -> None:
        try:
            agenda = self._read()
        except ValueError as err:
            said = explain_problem(err)
        else:
            spread = agenda.spread(self.framework.item_ids, self.day_count)
            available = agenda.available(self.day_count)
            budgeted = sum(agenda.budgets.values())
            said = f"{available} min for the items; {sum(spread.values())} budgeted"
            if budgeted > available:
                said = f"The budgets ({budgeted} min) are more than the {available} min available"
        self.query_one("#agenda-total", Static).update(Text(said))

    @on(Input.Changed)
    def _typed(self) -> None:
        self._show_total()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the hours and budgets and return the agenda."""
        try:
            agenda = self._read()
        except ValueError as err:
            said = explain_problem(err)
            self.query_one("#agenda-total", Static).update(Text(said))
            self.notify(said, title="Not saved yet", severity="warning", markup=False)
            return
        self.dismiss(agenda)
