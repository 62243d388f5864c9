"""Provides the new session form: who is assessing what, when, and with whom."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Input, Label, Static, TextArea

from benchmark_tui.models import Session, TeamMember, Workshop
from benchmark_tui.tui.messages import StartSession
from benchmark_tui.tui.widgets.form_fields import FormInput, ServiceFields
from benchmark_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from benchmark_tui.tui.context import WorkshopContext


def parse_dates(text: str) -> list[date]:
    """Read ``2026-03-12, 2026-03-19`` into dates.

    Raises:
        ValueError: a date is not written as YYYY-MM-DD or does not exist.
    """
    dates: list[date] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            dates.append(date.fromisoformat(part))
        except ValueError as err:
            raise ValueError(f"{part!r} is not a date: write it as YYYY-MM-DD") from err
    return sorted(set(dates))


def parse_team(text: str) -> list[TeamMember]:
    """One member per line, ``Name — role`` (or ``Name, role`` / ``Name - role``)."""
    team: list[TeamMember] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        for separator in (" — ", " – ", " - ", ","):
            if separator in line:
                name, role = line.split(separator, 1)
                break
        else:
            name, role = line, ""
        team.append(TeamMember(name=name, role=role))
    return team


class WorkshopDates(Validator):
    """Workshop dates as :func:`parse_dates` reads them: at least one."""

    def validate(self, value: str) -> ValidationResult:
        try:
            found = parse_dates(value)
        except ValueError as err:
            return self.failure(str(err))
        return self.success() if found else self.failure("Give at least one date")


class NewSessionScreen(Screen[None]):
    """The form for a new self-assessment; validated as the facilitator types."""

    HELP = """\
## A new self-assessment

Name the service, say whether the whole service or one library is being assessed and how it
is run, give the workshop date(s), the facilitator and the team (one person per line, as
*Name — role*). **ctrl+s** creates the session and opens the briefing; **Esc** goes back.
"""

    BINDINGS = [
        Binding("ctrl+s", "create", "Create", priority=True, id="new-session.create"),
        Binding("escape", "cancel", "Back", id="new-session.cancel"),
    ]

    @property
    def context(self) -> WorkshopContext:
        """What this screen may read from the app (it acts by posting messages)."""
        return cast("WorkshopContext", self.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="new-session", classes="form"):
            yield Static("New self-assessment", classes="form-title")
            yield ServiceFields(name_placeholder="e.g. Example Borough Libraries")
            yield Label("Workshop date(s), YYYY-MM-DD, separated by commas")
            today = self.context.clock().date()
            yield FormInput(today.isoformat(), id="dates", validators=[WorkshopDates()])
            yield Label("Facilitator")
            yield FormInput(id="facilitator", placeholder="Name")
            yield Label("Team: one person per line, as  Name — role")
            yield TextArea(id="team", soft_wrap=True)
            yield Static("", id="problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create (ctrl+s)", variant="primary", id="create")
                yield Button("Back (esc)", id="back")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#service", Input).focus()

    @property
    def has_typing(self) -> bool:
        """Whether anything has been typed into the form (leaving it would lose it)."""
        today = self.context.clock().date().isoformat()
        typed = [i.value.strip() for i in self.query(Input) if i.id != "dates"]
        dates = self.query_one("#dates", Input).value.strip()
        return any(typed) or dates != today or bool(self.query_one("#team", TextArea).text.strip())

    @on(Button.Pressed, "#back")
    def action_cancel(self) -> None:
        """Go back to the sessions list; if anything was typed, ask first."""
        if not self.has_typing:
            self.app.pop_screen()
            return
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog

        def decide(choice: str | None) -> None:
            if choice == "discard":
                self.app.pop_screen()

        self.app.push_screen(
            ChoiceDialog(
                "Leave the new session?",
                "What has been typed into this form is not saved anywhere yet.",
                [("stay", "Keep editing"), ("discard", "Discard it")],
                default="stay",
            ),
            decide,
        )

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        """Check the form, create the session file and open the briefing."""
        app = self.context
        assert app.framework is not None
        problem = self.query_one("#problem", Static)
        try:
            dates = parse_dates(self.query_one("#dates", Input).value)
            service = self.query_one(ServiceFields).service()
            workshop = Workshop(
                dates=dates or [app.clock().date()],
                facilitator=self.query_one("#facilitator", Input).value,
                team=parse_team(self.query_one("#team", TextArea).text),
            )
        except ValueError as err:
            explained = explain_problem(err)
            problem.update(Text(explained))
            # The line under the form can be below the fold on a projector: say it where it
            # is seen too, beside the field that gets the focus.
            self.notify(explained, title="Not created yet", severity="warning", markup=False)
            focus_problem(self, err)
            return
        self.post_message(StartSession(Session.new(app.framework, service, workshop)))


def explain_problem(err: ValueError) -> str:
    """A problem with the form's service or workshop, in one plain sentence."""
    if isinstance(err, ValidationError):
        first = err.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        if field == "name":
            return "Name the library service first."
        if not field:  # a check of the form as a whole: the message says what to do
            return message[:1].upper() + message[1:].rstrip(".") + "."
        return f"{field}: {message}"
    return str(err)


def focus_problem(screen: Screen[Any], err: ValueError) -> None:
    """Put the focus in the box the problem is about (``#library-name``, ``#dates`` or
    ``#service``), on the new-session form or a form with the same boxes."""
    text = str(err)
    if "library" in text and "name the library" in text:
        screen.query_one("#library-name", Input).focus()
    elif "YYYY-MM-DD" in text:
        screen.query_one("#dates", Input).focus()
    else:
        screen.query_one("#service", Input).focus()
