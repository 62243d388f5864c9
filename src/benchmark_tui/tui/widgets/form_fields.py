"""Provides the boxes the session forms share: a form box, and the service's fields.

The new-session form and the session details dialog ask the same things about the service
(its name, what is assessed, how it is run) with the same boxes and the same behaviour, kept
here once: :class:`ServiceFields` opens "Which library?" only for an individual library and the
detail box only for "Other", and :class:`FormInput` moves to the next box on Enter.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Select

from benchmark_tui.models import GOVERNANCE_LABELS, Governance, Scope, ServiceInfo

SCOPE_CHOICES = {"whole-service": "The whole service", "library": "An individual library"}

OPENS = {"scope": ("library", "library-name"), "governance": ("other", "governance-detail")}
"""Per choice (its id): the value that opens the box under it, and that box's id."""


class FormInput(Input):
    """A box of the form: moving into it puts the cursor at the end, never selects its text
    (typing into a selected workshop date replaced it), and Enter moves to the next box."""

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        super().__init__(value, select_on_focus=False, **kwargs)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()


class NonEmpty(Validator):
    """A box that must not be left empty (spaces alone do not count): the forms' and the
    dialogs' one rule for a box the team must fill."""

    def validate(self, value: str) -> ValidationResult:
        return self.success() if value.strip() else self.failure("Write something first")


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
            validators=[NonEmpty()],
        )
        with Horizontal(classes="form-row"):
            yield from self._choice(
                "scope",
                "What is being assessed?",
                SCOPE_CHOICES,
                scope,
                start.library if start else "",
                "Which library?",
            )
            yield from self._choice(
                "governance",
                "How is it run?",
                GOVERNANCE_LABELS,
                governance,
                start.governance_detail if start else "",
                "e.g. Trust, mutual",
            )

    @staticmethod
    def _choice(
        choice_id: str,
        question: str,
        choices: Mapping[str, str],
        value: str,
        box_value: str,
        placeholder: str,
    ) -> ComposeResult:
        """A question, its choice, and the box the choice opens (see :data:`OPENS`)."""
        opens, box_id = OPENS[choice_id]
        with Vertical():
            yield Label(question)
            yield Select(
                [(label, key) for key, label in choices.items()],
                value=value,
                allow_blank=False,
                id=choice_id,
            )
            yield FormInput(box_value, id=box_id, placeholder=placeholder, disabled=value != opens)

    @on(Select.Changed)
    def _open_box(self, event: Select.Changed) -> None:
        """Open the box under a choice for the value that needs it; close it otherwise."""
        if event.select.id in OPENS:
            opens, box_id = OPENS[event.select.id]
            self.query_one(f"#{box_id}", Input).disabled = event.value != opens

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
