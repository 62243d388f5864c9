"""Provides the dialogs for what the findings document says before it is circulated.

The team's key messages (the short summary first in the document, lines starting "- " become
bullets) and the sign-off: Draft or Final, version, approved by, date approved, distribution.
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from benchmark_tui.models import Findings
from benchmark_tui.tui.screens.dialogs import Dialog, IsoDate

STATUS_CHOICES = [("Draft", "draft"), ("Final: signed off", "final")]


class KeyMessagesDialog(Dialog[str]):
    """The team's key messages: a few lines, first in the findings document.

    Esc closes keeping what was written (nothing typed is lost; ctrl+z takes it back).
    """

    BINDINGS = [
        Binding("ctrl+s", "done", "Done", priority=True, id="key-messages.done"),
        Binding("escape", "done", "Done", show=False, id="key-messages.close"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -key-messages"):
            yield from self.compose_heading(
                "Key messages",
                "A few lines for the reader in a hurry, first in the document after the title "
                'page. Lines starting "- " become bullets.',
            )
            yield TextArea(
                self.text,
                id="key-messages",
                soft_wrap=True,
                placeholder="e.g. - Strong leadership and a clear vision\n"
                "- Data on outcomes is not collected yet",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Done (ctrl+s)", variant="primary", id="done")

    def on_mount(self) -> None:
        area = self.query_one("#key-messages", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        """Close, keeping the text (trailing blank lines dropped)."""
        lines = self.query_one("#key-messages", TextArea).text.rstrip().split("\n")
        self.dismiss("\n".join(line.rstrip() for line in lines).strip("\n"))


class SignOffDialog(Dialog[Findings]):
    """The findings document's status and sign-off: Draft or Final, version, approval.

    Dismisses with the findings as edited (the key messages unchanged), or None on Esc.
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True, id="sign-off.save")]

    def __init__(
        self,
        findings: Findings,
        *,
        unagreed: int = 0,
        team: list[str] | None = None,
        today: date | None = None,
    ) -> None:
        """Edit the sign-off.

        Args:
            findings: the findings as they stand.
            unagreed: how many items are not agreed yet (the document stays a draft till then).
            team: names the "approved by" box completes.
            today: the date offered as an example for "date approved".
        """
        super().__init__()
        self.findings = findings
        self.unagreed = unagreed
        self.team = [name for name in dict.fromkeys(team or []) if name]
        self.today = today or date.today()

    def compose(self) -> ComposeResult:
        findings = self.findings
        with Vertical(classes="dialog -sign-off"):
            yield Static("Sign-off of the findings document", classes="dialog-title")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Status")
                    yield Select(
                        STATUS_CHOICES, value=findings.status, id="status", allow_blank=False
                    )
                with Vertical():
                    yield Label("Version")
                    yield Input(findings.version, id="version", placeholder="e.g. 1.0")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Approved by")
                    yield Input(
                        findings.approved_by,
                        id="approved-by",
                        suggester=SuggestFromList(self.team, case_sensitive=False),
                        placeholder="e.g. Head of Libraries",
                    )
                with Vertical():
                    yield Label("Date approved (YYYY-MM-DD)")
                    yield Input(
                        findings.date_approved.isoformat() if findings.date_approved else "",
                        id="date-approved",
                        validators=[IsoDate(self.today)],
                        placeholder=f"e.g. {self.today.isoformat()}",
                    )
            yield Label("Distribution (one per line)", id="distribution-label")
            yield TextArea(
                findings.distribution,
                id="distribution",
                soft_wrap=True,
                placeholder="e.g. Cabinet member for culture\nAll library staff",
            )
            yield Static("", id="problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#status", Select).focus()
        self._explain_status()

    @on(Select.Changed, "#status")
    def _explain_status(self) -> None:
        status = self.query_one("#status", Select).value
        if status == "final" and self.unagreed:
            items = f"{self.unagreed} item{'s' if self.unagreed != 1 else ''}"
            self.say_problem(f"{items} not agreed yet: the document says DRAFT until every one is.")
        else:
            self.say_problem("")

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form and return the sign-off."""
        text = self.query_one("#date-approved", Input).value.strip()
        try:
            approved = date.fromisoformat(text) if text else None
        except ValueError:
            self.say_problem(
                f"Date approved: write it as YYYY-MM-DD, e.g. {self.today.isoformat()}."
            )
            self.query_one("#date-approved", Input).focus()
            return
        distribution = self.query_one("#distribution", TextArea).text
        try:
            findings = Findings.model_validate(
                {
                    **self.findings.model_dump(),
                    "status": self.query_one("#status", Select).value,
                    "version": self.query_one("#version", Input).value,
                    "approved_by": self.query_one("#approved-by", Input).value,
                    "date_approved": approved,
                    "distribution": "\n".join(
                        line.strip() for line in distribution.split("\n") if line.strip()
                    ),
                }
            )
        except ValidationError as err:
            problem = err.errors()[0]
            where = str(problem["loc"][0]).replace("_", " ").capitalize() if problem["loc"] else ""
            self.say_problem(f"{where}: {problem['msg']}.")
            return
        self.dismiss(findings)
