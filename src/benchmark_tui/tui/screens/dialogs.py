"""Provides the dialogs' base and the small questions: an error, a choice, a path, a note.

Help is in :mod:`.help`; the forms for a measure and a plan action in :mod:`.forms`.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import (
    Button,
    Input,
    Static,
)

from benchmark_tui.edits import agreed_question
from benchmark_tui.tui.widgets.form_fields import NonEmpty
from benchmark_tui.tui.widgets.key_bar import KeyBar

T = TypeVar("T")

BUTTON_MIN_WIDTH = 16
"""Textual's smallest button, in columns (a label, its padding and its border add 4)."""
ONE_ROW_WIDTH = 66
"""The most a dialog's answers may take in one row inside a dialog at 80 columns."""


class Dialog(ModalScreen[T]):
    """Base for dialogs: a centred panel; Esc cancels (dismisses with None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def on_mount(self) -> None:
        # The dialog's own keys, in place of those of the screen beneath it.
        self.mount(KeyBar())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without an answer (Esc, or the dialog's Cancel button, id ``cancel``)."""
        self.dismiss(None)

    def say_problem(self, problem: str) -> None:
        """Show a problem in the dialog's ``#problem`` line, above its buttons ("" hides the
        line, so it takes no room while there is none)."""
        shown = self.query_one("#problem", Static)
        shown.update(Text(problem))
        shown.display = bool(problem)

    def compose_heading(self, title: str, message: str, *, scroll: bool = False) -> ComposeResult:
        """The dialog's title and its question or problem, as plain text (never markup).

        Args:
            title: a short heading.
            message: the question or problem in full.
            scroll: put the message in a body that scrolls (it may be long).
        """
        yield Static(Text(title), classes="dialog-title")
        if scroll:
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(message))
        else:
            yield Static(Text(message), classes="dialog-message")


class ErrorDialog(Dialog[None]):
    """A problem the user must acknowledge, in plain words (never a traceback)."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -error"):
            yield from self.compose_heading(self.title_text, self.message, scroll=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(None)


class ChoiceButton(Button):
    """A dialog's answer: Enter chooses it, and the key bar says so."""

    BINDINGS = [Binding("enter", "press", "Choose", key_display="⏎", id="choice-button.press")]


class ChoiceDialog(Dialog[str]):
    """A question with a few answers; dismisses with the chosen answer's id (None on Esc).

    | Key | Does |
    | :- | :- |
    | left / right | move between the answers (they do not wrap round) |
    | enter | choose the answer with the focus |
    | escape | close without an answer |
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Other answer", key_display="←/→", id="choice.left"),
        Binding("right", "move(1)", "Other answer", show=False, id="choice.right"),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        choices: list[tuple[str, str]],
        default: str | None = None,
    ) -> None:
        """Ask a question.

        Args:
            title: a short heading.
            message: the question, in full.
            choices: (id, button label) pairs, in the order shown.
            default: the id of the answer that has the focus at first (the first if None);
                make it the safe one when a slip of the finger would cost the team.
        """
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices
        ids = [choice for choice, _label in choices]
        self.default = default if default in ids else ids[0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield from self.compose_heading(self.title_text, self.message, scroll=True)
            # Answers that would not fit one row at 80 columns go two to a row, whole.
            widths = sum(max(BUTTON_MIN_WIDTH, len(label) + 4) + 1 for _id, label in self.choices)
            stacked = " -stacked" if widths > ONE_ROW_WIDTH else ""
            with Horizontal(classes="dialog-buttons" + stacked):
                for choice, label in self.choices:
                    yield ChoiceButton(
                        label,
                        id=f"choice-{choice}",
                        variant="primary" if choice == self.default else "default",
                    )

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.default}", Button).focus()

    def action_move(self, delta: int) -> None:
        """Move the focus to the answer on the left or right."""
        buttons = list(self.query(ChoiceButton))
        focused = self.focused
        index = buttons.index(focused) if focused in buttons else 0
        buttons[max(0, min(len(buttons) - 1, index + delta))].focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(event.button.id.removeprefix("choice-"))


def agreed_dialog(
    label: str, question: str, answer: tuple[str, str], *, many: bool = False
) -> ChoiceDialog:
    """The question put to the room before an agreed item changes: "<label> is agreed.
    <question> It will need agreeing again.", with "Keep it agreed" as the default.

    Args:
        label: the item's title, as the room reads it (or the items', when ``many``).
        question: what the room is asked, e.g. "Reopen it?".
        answer: (id, button label) of the answer that goes ahead, e.g. ("reopen", "Reopen it").
        many: several items are asked about ("… are agreed. … They will need …").
    """
    title, message = agreed_question(label, question, many=many)
    keep = "Keep them agreed" if many else "Keep it agreed"
    return ChoiceDialog(title, message, [("keep", keep), answer], default="keep")


class UnsavedDialog(ChoiceDialog):
    """Asked on quit when the session could not be saved."""

    def __init__(self, problem: str) -> None:
        super().__init__(
            "Not saved",
            f"{problem}\n\nIf you quit now, changes since the last save are lost.",
            [("save-as", "Save as…"), ("stay", "Stay"), ("quit", "Quit without saving")],
        )


class PathDialog(Dialog[Path]):
    """Asks for a file path (to open, import, or save or export under another name).

    A suggestion that is a folder (ending with a separator) is not selected, so what the
    facilitator types goes after it; a relative answer is taken in the suggestion's folder,
    not in whatever folder the app was started from.
    """

    def __init__(self, title: str, message: str, suggestion: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.suggestion = suggestion

    @property
    def folder(self) -> Path:
        """Where a relative answer is taken: the suggestion's folder."""
        suggested = Path(self.suggestion).expanduser()
        return suggested if self._suggests_folder else suggested.parent

    @property
    def _suggests_folder(self) -> bool:
        return self.suggestion.endswith(("/", os.sep))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield from self.compose_heading(self.title_text, self.message)
            yield Input(
                self.suggestion,
                id="path",
                validators=[NonEmpty()],
                select_on_focus=not self._suggests_folder,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        value = self.query_one(Input).value.strip()
        if value:
            path = Path(value).expanduser()
            self.dismiss(path if path.is_absolute() or not self.suggestion else self.folder / path)


class TextDialog(Dialog[str]):
    """Asks for one line of text (a rating's note); an empty answer clears it."""

    def __init__(self, title: str, message: str, value: str, placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield from self.compose_heading(self.title_text, self.message)
            yield Input(self.value, placeholder=self.placeholder, id="text")
            yield Static("Enter saves · Esc cancels · an empty note is removed", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#text")
    def _ok(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())


class IsoDate(Validator):
    """A date written YYYY-MM-DD, or nothing; the failure shows ``example``."""

    def __init__(self, example: date) -> None:
        super().__init__()
        self.example = example

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()
        try:
            date.fromisoformat(value.strip())
        except ValueError:
            return self.failure(f"Write the date as YYYY-MM-DD, e.g. {self.example.isoformat()}")
        return self.success()
