"""Provides the attendance dialog: for each workshop date, who was there.

The team is ticked (Space), guests are typed, comma-separated. The dialog returns the whole
attendance, every date at once; the caller applies it in one step (one undo step, one save).
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from benchmark_tui.models import Attendance, Workshop, day_label
from benchmark_tui.tui.screens.dialogs import Dialog
from benchmark_tui.tui.widgets.ticks import TickList

PRESENT = "✓ present"
ABSENT = "– absent"


def attendance_prompt(name: str, present: bool) -> Text:
    """``Sam Branch  ✓ present`` or ``Priya  – absent``: read without colour."""
    prompt = Text(name)
    prompt.append(f"  {PRESENT}" if present else f"  {ABSENT}", style="" if present else "dim")
    return prompt


def parse_guests(text: str) -> list[str]:
    """``Jo Lee, Cllr Ahmed`` (commas or semicolons between names) into names."""
    return [name.strip() for name in text.replace(";", ",").split(",") if name.strip()]


def default_day(dates: list[date], today: date) -> date:
    """The date to start on: today if it is a workshop date, else the latest one before it,
    else the first."""
    ordered = sorted(dates)
    if today in ordered:
        return today
    before = [d for d in ordered if d < today]
    return before[-1] if before else ordered[0]


class AttendanceDialog(Dialog[dict[date, Attendance]]):
    """Who was there on each workshop date; None on Esc.

    A date whose attendance has not been taken starts with the whole team ticked, since most
    people come; saving records it. A date left with nobody ticked and no guests is left out.
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True, id="attendance.save")]

    def __init__(self, workshop: Workshop, today: date) -> None:
        super().__init__()
        self.workshop = workshop
        self.day = default_day(workshop.dates, today)
        team = [m.name for m in workshop.team]
        self.names = list(dict.fromkeys(team))
        # Somebody recorded present who is no longer in the team stays listed (and ticked).
        for taken in workshop.attendance.values():
            self.names.extend(n for n in taken.present if n not in self.names)
        self.taken: dict[date, tuple[set[str], str]] = {
            when: (set(a.present), ", ".join(a.guests)) for when, a in workshop.attendance.items()
        }

    def compose(self) -> ComposeResult:
        dates = sorted(self.workshop.dates)
        with Vertical(classes="dialog -attendance"):
            yield Static("Attendance", classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("On", classes="inline-label")
                yield Select(
                    [(day_label(d), d) for d in dates],
                    value=self.day,
                    allow_blank=False,
                    id="attendance-day",
                )
            yield Label("The team (Space ticks who was there)")
            yield TickList[str](id="present")
            yield Label("Guests, separated by commas")
            yield Input(id="guests", placeholder="e.g. Cllr Jo Ahmed, Friends group chair")
            yield Static("", id="problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.say_problem("")
        self._show(self.day)
        self.query_one("#present", SelectionList).focus()

    def _show(self, when: date) -> None:
        """Put one date's attendance into the list and the guests box."""
        present, guests = self.taken.get(when, (set(self.names), ""))
        listed = self.query_one("#present", SelectionList)
        listed.clear_options()
        listed.add_options(
            [
                (attendance_prompt(name, name in present), name, name in present)
                for name in self.names
            ]
        )
        if self.names:
            listed.highlighted = 0
        self.query_one("#guests", Input).value = guests
        self.day = when

    def _keep(self) -> None:
        """Remember the date on screen as ticked and typed."""
        present = set(self.query_one("#present", SelectionList).selected)
        self.taken[self.day] = (present, self.query_one("#guests", Input).value)

    @on(SelectionList.SelectionToggled, "#present")
    def _say_who(self, event: SelectionList.SelectionToggled[str]) -> None:
        """Say present or absent in words beside the name just ticked or unticked."""
        listed = event.selection_list
        name = event.selection.value
        listed.replace_option_prompt_at_index(
            event.selection_index, attendance_prompt(name, name in listed.selected)
        )

    @on(Select.Changed, "#attendance-day")
    def _day_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, date) and event.value != self.day:
            self._keep()
            self._show(event.value)

    @on(Input.Submitted, "#guests")
    def _guests_done(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Return the attendance of every date taken (in the team's order)."""
        self._keep()
        attendance: dict[date, Attendance] = {}
        try:
            for when in sorted(self.taken):
                present, guests = self.taken[when]
                names = [n for n in self.names if n in present]
                taken = Attendance(present=names, guests=parse_guests(guests))
                if taken.count:
                    attendance[when] = taken
        except ValidationError as err:
            self.say_problem(f"Guests: {err.errors()[0]['msg']}.")
            return
        self.dismiss(attendance)
