"""Provides the session details dialog: the service, scope, governance, dates, facilitator, team.

The same boxes and the same checks as the new-session form (its parsing and wording are
reused), so a second workshop day, a late arrival or a corrected role can be added once the
session is open. The dialog returns the edited service and workshop; the caller applies both
in one step (one undo step, one save).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from benchmark_tui.models import GOVERNANCE_LABELS, ServiceInfo, TeamMember, Workshop, day_label
from benchmark_tui.tui.screens.dialogs import Dialog
from benchmark_tui.tui.screens.new_session import (
    SCOPE_CHOICES,
    FormInput,
    Required,
    WorkshopDates,
    explain_problem,
    focus_problem,
    parse_dates,
    parse_team,
)


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

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True)]

    def __init__(self, service: ServiceInfo, workshop: Workshop) -> None:
        super().__init__()
        self.service = service
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        service, workshop = self.service, self.workshop
        with Vertical(classes="dialog -details"):
            yield Static("Session details", classes="dialog-title")
            with VerticalScroll(classes="dialog-body form"):
                yield Label("Library service (required)")
                yield FormInput(service.name, id="service", validators=[Required()])
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("What is being assessed?")
                        yield Select(
                            [(label, value) for value, label in SCOPE_CHOICES.items()],
                            value=service.scope,
                            allow_blank=False,
                            id="scope",
                        )
                        yield FormInput(
                            service.library,
                            id="library-name",
                            placeholder="Which library?",
                            disabled=service.scope != "library",
                        )
                    with Vertical():
                        yield Label("How is it run?")
                        yield Select(
                            [(label, value) for value, label in GOVERNANCE_LABELS.items()],
                            value=service.governance,
                            allow_blank=False,
                            id="governance",
                        )
                        yield FormInput(
                            service.governance_detail,
                            id="governance-detail",
                            placeholder="e.g. Trust, mutual",
                            disabled=service.governance != "other",
                        )
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
        self._say("")
        # Adding a late arrival is the commonest edit: the team's box starts at its end.
        team = self.query_one("#team", TextArea)
        team.move_cursor(team.document.end)
        self.query_one("#service", Input).focus()

    def _say(self, problem: str) -> None:
        """Show a problem above the buttons (the line takes no room while there is none)."""
        shown = self.query_one("#problem", Static)
        shown.update(Text(problem))
        shown.display = bool(problem)

    @on(Select.Changed, "#scope")
    def _scope(self, event: Select.Changed) -> None:
        self.query_one("#library-name", Input).disabled = event.value != "library"

    @on(Select.Changed, "#governance")
    def _governance(self, event: Select.Changed) -> None:
        self.query_one("#governance-detail", Input).disabled = event.value != "other"

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form as the new-session form does, and return the details."""
        try:
            service = ServiceInfo(
                name=self.query_one("#service", Input).value,
                scope=self.query_one("#scope", Select).value,
                library=self.query_one("#library-name", Input).value,
                governance=self.query_one("#governance", Select).value,
                governance_detail=self.query_one("#governance-detail", Input).value,
            )
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
            self._say(explained)
            self.notify(explained, title="Not saved yet", severity="warning", markup=False)
            focus_problem(self, err)
            return
        dropped = tuple(day_label(d) for d in sorted(self.workshop.attendance) if d not in dates)
        self.dismiss(SessionDetails(service, workshop, dropped))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
