"""Provides the boxes the session forms share: a form box, and the service's fields.

The new-session form and the session details dialog ask the same things about the service
(its name, what is assessed, how it is run) with the same boxes and the same behaviour, kept
here once: :class:`ServiceFields` opens "Which library?" only for an individual library and the
detail box only for "Other", and :class:`FormInput` moves to the next box on Enter.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Select

from benchmark_tui.models import GOVERNANCE_LABELS, Governance, Scope, ServiceInfo

SCOPE_CHOICES = {"whole-service": "The whole service", "library": "An individual library"}


class FormInput(Input):
    """A box of the form: moving into it puts the cursor at the end, never selects its text
    (typing into a selected workshop date replaced it), and Enter moves to the next box."""

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        super().__init__(value, select_on_focus=False, **kwargs)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()


class Required(Validator):
    """A box that must not be left empty."""

    def validate(self, value: str) -> ValidationResult:
        return self.success() if value.strip() else self.failure("Required")


class ServiceFields(Vertical):
    """The service's boxes: its name, what is being assessed and how it is run.

    Choosing "An individual library" (or "Other") opens the box under the choice, which is
    the next stop for Tab; the focus stays on the choice, so Tab never skips the new box.
    """

    DEFAULT_CSS = """
    ServiceFields { height: auto; }
    """

    def __init__(self, service: ServiceInfo | None = None, *, name_placeholder: str = "") -> None:
        """
        Args:
            service: the service as it is (None: a new one, whole service, council-run).
            name_placeholder: shown in the empty name box.
        """
        super().__init__()
        self.start = service
        self.name_placeholder = name_placeholder

    def compose(self) -> ComposeResult:
        start = self.start
        scope: Scope = start.scope if start else "whole-service"
        governance: Governance = start.governance if start else "council-run"
        yield Label("Library service (required)")
        yield FormInput(
            start.name if start else "",
            id="service",
            placeholder=self.name_placeholder,
            validators=[Required()],
        )
        with Horizontal(classes="form-row"):
            with Vertical():
                yield Label("What is being assessed?")
                yield Select(
                    [(label, value) for value, label in SCOPE_CHOICES.items()],
                    value=scope,
                    allow_blank=False,
                    id="scope",
                )
                yield FormInput(
                    start.library if start else "",
                    id="library-name",
                    placeholder="Which library?",
                    disabled=scope != "library",
                )
            with Vertical():
                yield Label("How is it run?")
                yield Select(
                    [(label, value) for value, label in GOVERNANCE_LABELS.items()],
                    value=governance,
                    allow_blank=False,
                    id="governance",
                )
                yield FormInput(
                    start.governance_detail if start else "",
                    id="governance-detail",
                    placeholder="e.g. Trust, mutual",
                    disabled=governance != "other",
                )

    @on(Select.Changed, "#scope")
    def _scope(self, event: Select.Changed) -> None:
        self.query_one("#library-name", Input).disabled = event.value != "library"

    @on(Select.Changed, "#governance")
    def _governance(self, event: Select.Changed) -> None:
        self.query_one("#governance-detail", Input).disabled = event.value != "other"

    def service(self) -> ServiceInfo:
        """The service as the boxes say.

        Raises:
            ValidationError: a box is not filled in as the service needs (no name; no
                library named for an individual library).
        """
        return ServiceInfo(
            name=self.query_one("#service", Input).value,
            scope=self.query_one("#scope", Select).value,
            library=self.query_one("#library-name", Input).value,
            governance=self.query_one("#governance", Select).value,
            governance_detail=self.query_one("#governance-detail", Input).value,
        )
