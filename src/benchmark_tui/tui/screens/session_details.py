"""Provides the session details dialog: the service, scope, governance, dates, facilitator, team.

The same boxes and the same checks as the new-session form (its parsing and wording are
reused), so a second workshop day, a late arrival or a corrected role can be added once the
session is open. The dialog returns the edited service and workshop; the caller applies both
in one step (one undo step, one save).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea

from benchmark_tui.models import ServiceInfo, TeamMember, Workshop, day_label
from benchmark_tui.tui.screens.dialogs import Dialog
from benchmark_tui.tui.screens.new_session import (
    WorkshopDates,
    explain_problem,
    focus_problem,
    parse_dates,
    parse_team,
)
from benchmark_tui.tui.widgets.form_fields import FormInput, ServiceFields


@dataclass(frozen=True)
class SessionDetails:
    """The service and the workshop as edited in the dialog."""

    service: ServiceInfo
    workshop: Workshop
    dropped: tuple[str, ...] = ()
    """Dates whose attendance went with them (the date was removed), written out."""


def team_text(team: list[TeamMember]) -> str:
    """The team as the form shows it: one person a line, ``Name — role``."""
    return "\n".join(f"{m.name} — {m.role}" if m.role else m.name for m in team)


class SessionDetailsDialog(Dialog[SessionDetails]):
    """Edit the service and the workshop of an open session; None on Esc."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True, id="details.save")]

    def __init__(self, service: ServiceInfo, workshop: Workshop) -> None:
        super().__init__()
        self.service = service
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        service, workshop = self.service, self.workshop
        with Vertical(classes="dialog -details"):
            yield Static("Session details", classes="dialog-title")
            with VerticalScroll(classes="dialog-body form"):
                yield ServiceFields(service)
                yield Label("Workshop date(s), YYYY-MM-DD, separated by commas")
                yield FormInput(
                    ", ".join(d.isoformat() for d in sorted(workshop.dates)),
                    id="dates",
                    validators=[WorkshopDates()],
                )
                yield Label("Facilitator")
                yield FormInput(workshop.facilitator, id="facilitator", placeholder="Name")
                yield Label("Team: one person per line, as  Name — role")
                yield TextArea(team_text(workshop.team), id="team", soft_wrap=True)
            yield Static("", id="problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.say_problem("")
        # Adding a late arrival is the commonest edit: the team's box starts at its end.
        team = self.query_one("#team", TextArea)
        team.move_cursor(team.document.end)
        self.query_one("#service", Input).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form as the new-session form does, and return the details."""
        try:
            service = self.query_one(ServiceFields).service()
            dates = parse_dates(self.query_one("#dates", Input).value)
            if not dates:
                raise ValueError("Give at least one workshop date, as YYYY-MM-DD.")
            kept = {d: a for d, a in self.workshop.attendance.items() if d in dates}
            workshop = Workshop(
                dates=dates,
                facilitator=self.query_one("#facilitator", Input).value,
                team=parse_team(self.query_one("#team", TextArea).text),
                attendance=kept,
            )
        except ValueError as err:
            explained = explain_problem(err)
            self.say_problem(explained)
            self.notify(explained, title="Not saved yet", severity="warning", markup=False)
            focus_problem(self, err)
            return
        dropped = tuple(day_label(d) for d in sorted(self.workshop.attendance) if d not in dates)
        self.dismiss(SessionDetails(service, workshop, dropped))
