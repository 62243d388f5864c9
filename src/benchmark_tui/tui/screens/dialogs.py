"""Provides the dialogs: errors, questions, a path, a note, help, a measure, a plan action."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.validation import ValidationResult, Validator
from textual.widgets import (
    Button,
    Collapsible,
    Input,
    Label,
    Markdown,
    Select,
    Static,
    TextArea,
)

from benchmark_tui.models import (
    Action,
    Framework,
    Measure,
    PeriodValue,
    Trend,
    clean_line,
)
from benchmark_tui.tui.widgets.key_bar import KeyBar

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """Base for dialogs: a centred panel; Esc cancels (dismisses with None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def on_mount(self) -> None:
        # The dialog's own keys, in place of those of the screen beneath it.
        self.mount(KeyBar())

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


class ErrorDialog(Dialog[None]):
    """A problem the user must acknowledge, in plain words (never a traceback)."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -error"):
            yield Static(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(self.message))
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(None)


class ChoiceButton(Button):
    """A dialog's answer: Enter chooses it, and the key bar says so."""

    BINDINGS = [Binding("enter", "press", "Choose", key_display="⏎")]


class ChoiceDialog(Dialog[str]):
    """A question with a few answers; dismisses with the chosen answer's id (None on Esc).

    | Key | Does |
    | :- | :- |
    | left / right | move between the answers (they do not wrap round) |
    | enter | choose the answer with the focus |
    | escape | close without an answer |
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Other answer", key_display="←/→"),
        Binding("right", "move(1)", "Other answer", show=False),
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
            yield Static(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(self.message))
            with Horizontal(classes="dialog-buttons"):
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


class UnsavedDialog(ChoiceDialog):
    """Asked on quit when the session could not be saved."""

    def __init__(self, problem: str) -> None:
        super().__init__(
            "Not saved",
            f"{problem}\n\nIf you quit now, changes since the last save are lost.",
            [("save-as", "Save as…"), ("stay", "Stay"), ("quit", "Quit without saving")],
        )


class _NonEmpty(Validator):
    def validate(self, value: str) -> ValidationResult:
        return self.success() if value.strip() else self.failure("Write something first")


class PathDialog(Dialog[Path]):
    """Asks for a file path (to save or export under another name)."""

    def __init__(self, title: str, message: str, suggestion: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Static(Text(self.message), classes="dialog-message")
            yield Input(self.suggestion, id="path", validators=[_NonEmpty()])
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        if value:
            self.dismiss(Path(value).expanduser())

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


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
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Static(Text(self.message), classes="dialog-message")
            yield Input(self.value, placeholder=self.placeholder, id="text")
            yield Static("Enter saves · Esc cancels · an empty note is removed", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted, "#text")
    def _ok(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())


def is_declared_here(node: object, binding: Binding) -> bool:
    """Whether a binding is one of this app's own keys (declared by one of its classes),
    rather than one Textual gives every text box or list (copy, scroll, select a word)."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("benchmark_tui."):
            continue
        for declared in vars(cls).get("BINDINGS", []):
            action = declared.action if isinstance(declared, Binding) else declared[1]
            if action == binding.action:
                return True
    return False


def key_table(rows: list[tuple[str, str]]) -> Table:
    """Rows of (key, what it does), one line each: the key bold, in a column of its own."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for key, what in rows:
        table.add_row(Text(key), Text(what))
    return table


class HelpDialog(Dialog[None]):
    """F1: what the current screen is for, its own keys, and (folded) the generic ones."""

    BINDINGS = [Binding("escape,f1,q,question_mark", "cancel", "Close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.purpose = getattr(screen, "HELP", "") or ""
        self.keys, self.more_keys = self._keys_of(screen)

    @staticmethod
    def _keys_of(screen: Screen) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(this screen's own keys, the generic keys of text boxes and lists), one row per
        action; the focused widget's first, then the screen's, then the app's."""
        app = screen.app
        ranked: list[tuple[int, bool, str, str, str]] = []
        for key, active in screen.active_bindings.items():
            binding, node = active.binding, active.node
            # The tooltip says it in more words than the key bar has room for.
            description = binding.tooltip or binding.description
            if not description:
                continue
            rank = 3 if node is app else 2 if node is screen else 0
            shown = binding.key_display or app.get_key_display(binding) or key
            ours = is_declared_here(node, binding)
            ranked.append((rank, not ours, binding.action, shown, description))
        # The keys of the other fields of this step (the list while typing in its box, say)
        for widget in screen.focus_chain:
            for cls in type(widget).__mro__:
                if not cls.__module__.startswith("benchmark_tui."):
                    continue
                for declared in vars(cls).get("BINDINGS", []):
                    if not isinstance(declared, Binding) or not declared.description:
                        continue
                    first = next(iter(Binding.make_bindings([declared])))
                    shown = declared.key_display or app.get_key_display(first)
                    described = declared.tooltip or declared.description
                    ranked.append((1, False, declared.action, shown, described))
        seen: set[str] = set()
        here: list[tuple[str, str]] = []
        more: list[tuple[str, str]] = []
        for _rank, generic, action, shown, description in sorted(ranked, key=lambda r: r[:2]):
            if action in seen:
                continue
            seen.add(action)
            (more if generic else here).append((shown, description))
        return here, more

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -help"):
            yield Static("Help", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Markdown(self.purpose)
                yield Static("Keys here", classes="lead")
                yield Static(key_table(self.keys), classes="keys")
                yield Static(
                    "Ctrl+P opens the command palette: jump to any characteristic or screen, "
                    "export, or change the theme. Typing in a text box never triggers a key "
                    "above except those with Ctrl, Alt or a function key.",
                    classes="paragraph",
                )
                if self.more_keys:
                    with Collapsible(
                        title="More keys: editing text, lists, scrolling", collapsed=True
                    ):
                        yield Static(key_table(self.more_keys), classes="keys")
            yield Static("Esc or F1 closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()


def parse_values(text: str) -> list[PeriodValue]:
    """Read ``2022/23: 41,200`` lines (or ``;``-separated pairs) into period values.

    Raises:
        ValueError: a line has no colon, or an empty period or value.
    """
    values: list[PeriodValue] = []
    for raw in text.replace(";", "\n").splitlines():
        line = raw.strip()
        if not line:
            continue
        period, colon, value = line.partition(":")
        if not colon or not period.strip() or not value.strip():
            raise ValueError(f"write each as 'period: value', e.g. '2023/24: 41,200' ({line!r})")
        values.append(PeriodValue(period=period.strip(), value=value.strip()))
    return values


TREND_OPTIONS: list[tuple[str, Trend]] = [
    ("↑ Improving", "improving"),
    ("→ Stable", "stable"),
    ("↓ Declining", "declining"),
    ("↕ Mixed", "mixed"),
]


class MeasureDialog(Dialog[Measure]):
    """Add or edit a measure of results: its name, values over the years, trend and note."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True)]

    def __init__(self, measure: Measure | None) -> None:
        super().__init__()
        self.measure = measure

    def compose(self) -> ComposeResult:
        measure = self.measure
        values = "\n".join(f"{v.period}: {v.value}" for v in measure.values) if measure else ""
        # Values beside trend and note: at 80×24 the whole form fits, so the trend is never
        # left below the fold unseen.
        with Vertical(classes="dialog -measure"):
            yield Static("Edit measure" if measure else "Add a measure", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Label("Measure (e.g. Active borrowers, User satisfaction %)")
                yield Input(measure.name if measure else "", id="name", validators=[_NonEmpty()])
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Values: period: value, 3+ years")
                        yield TextArea(
                            values,
                            id="values",
                            soft_wrap=True,
                            placeholder="e.g. 2021/22: 40,100\n2022/23: 41,200\n2023/24: 43,900",
                        )
                    with Vertical():
                        yield Label("Trend")
                        yield Select(
                            TREND_OPTIONS,
                            value=measure.trend if measure and measure.trend else Select.NULL,
                            id="trend",
                            prompt="Not judged yet",
                        )
                        yield Label("Trend note (what the values show)")
                        yield Input(measure.note if measure else "", id="note")
                yield Static("", id="problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    def _next(self) -> None:
        self.query_one("#values", TextArea).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form and return the measure."""
        problem = self.query_one("#problem", Static)
        name = clean_line(self.query_one("#name", Input).value)
        if not name:
            problem.update("Name the measure first.")
            self.query_one("#name", Input).focus()
            return
        try:
            values = parse_values(self.query_one("#values", TextArea).text)
        except ValueError as err:
            problem.update(Text(f"Values: {err}"))
            self.query_one("#values", TextArea).focus()
            return
        trend = self.query_one("#trend", Select).value
        self.dismiss(
            Measure(
                name=name,
                values=values,
                trend=None if trend is Select.NULL else trend,  # type: ignore[arg-type]
                note=self.query_one("#note", Input).value.strip(),
            )
        )

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def example_due_date(today: date) -> date:
    """A plausible due date to show as an example: the end of the month a quarter from now."""
    month = today.month + 3
    year, month = today.year + (month - 1) // 12, (month - 1) % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


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


PRIORITIES = [("High", "high"), ("Medium", "medium"), ("Low", "low")]
STATUSES = [
    ("Proposed", "proposed"),
    ("Agreed", "agreed"),
    ("In progress", "in-progress"),
    ("Done", "done"),
]


class ActionDialog(Dialog[Action]):
    """Add or edit an action of the improvement plan."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True)]

    def __init__(
        self,
        framework: Framework,
        action: Action,
        *,
        team: list[str] | None = None,
        today: date | None = None,
    ) -> None:
        """Edit an action.

        Args:
            framework: for the items an action can be linked to.
            action: the action as it stands.
            team: names the owner box completes (the workshop team and facilitator).
            today: the date examples are counted from (a due date in the future).
        """
        super().__init__()
        self.framework = framework
        self.action_record = action
        self.team = [name for name in dict.fromkeys(team or []) if name]
        self.due_example = example_due_date(today or date.today())

    def compose(self) -> ComposeResult:
        action = self.action_record
        items = [(Text(a.label), a.id) for a in self.framework.areas] + [
            (Text(c.label), c.id) for c in self.framework.items
        ]
        with Vertical(classes="dialog -form"):
            yield Static("Improvement plan action", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Label("Action: what will be done")
                yield Input(action.action, id="action", validators=[_NonEmpty()])
                yield Label("Answers the area for improvement (as the team worded it)")
                yield Input(action.improvement, id="improvement")
                yield Label("Linked results area or characteristic")
                yield Select(
                    items, value=action.item or Select.NULL, id="item", prompt="Not linked"
                )
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Owner (→ completes a team name)" if self.team else "Owner")
                        yield Input(
                            action.owner,
                            id="owner",
                            suggester=SuggestFromList(self.team, case_sensitive=False),
                            placeholder=", ".join(self.team[:3]),
                        )
                    with Vertical():
                        yield Label("Due (YYYY-MM-DD)")
                        yield Input(
                            action.due.isoformat() if action.due else "",
                            id="due",
                            validators=[IsoDate(self.due_example)],
                            placeholder=f"e.g. {self.due_example.isoformat()}",
                        )
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Priority")
                        yield Select(
                            PRIORITIES, value=action.priority, id="priority", allow_blank=False
                        )
                    with Vertical():
                        yield Label("Status")
                        yield Select(STATUSES, value=action.status, id="status", allow_blank=False)
                yield Static("", id="problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#action", Input).focus()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form and return the action."""
        problem = self.query_one("#problem", Static)
        text = clean_line(self.query_one("#action", Input).value)
        if not text:
            problem.update("Say what will be done first.")
            self.query_one("#action", Input).focus()
            return
        due_text = self.query_one("#due", Input).value.strip()
        try:
            due = date.fromisoformat(due_text) if due_text else None
        except ValueError:
            problem.update(
                f"Due: write the date as YYYY-MM-DD, e.g. {self.due_example.isoformat()}."
            )
            self.query_one("#due", Input).focus()
            return
        item = self.query_one("#item", Select).value
        self.dismiss(
            Action.model_validate(
                {
                    **self.action_record.model_dump(),
                    "action": text,
                    "improvement": self.query_one("#improvement", Input).value.strip(),
                    "item": None if item is Select.NULL else item,
                    "owner": self.query_one("#owner", Input).value,
                    "due": due,
                    "priority": self.query_one("#priority", Select).value,
                    "status": self.query_one("#status", Select).value,
                }
            )
        )

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class SuggestionsDialog(Dialog[list[int]]):
    """Pick which drafted actions to add to the plan (all ticked to start with)."""

    BINDINGS = [Binding("ctrl+s", "add", "Add ticked", priority=True)]

    def __init__(self, framework: Framework, suggestions: list[Action]) -> None:
        super().__init__()
        self.framework = framework
        self.suggestions = suggestions

    def compose(self) -> ComposeResult:
        from textual.widgets.selection_list import Selection

        from benchmark_tui.tui.widgets.ticks import TickList

        choices = []
        for index, action in enumerate(self.suggestions):
            label = Text(action.action)
            if action.item and self.framework.has_item(action.item):
                label.append(f"  ({self.framework.item(action.item).label})", style="dim")
            choices.append(Selection(label, index, True))
        with Vertical(classes="dialog -form"):
            yield Static("Draft actions for the improvement plan", classes="dialog-title")
            yield Static(
                "One per area for improvement and per area with no data yet. Space unticks "
                "the ones the team does not want; each can be edited afterwards.",
                classes="dialog-message",
            )
            yield TickList(*choices, id="suggestions")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add ticked (ctrl+s)", variant="primary", id="add")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#suggestions").focus()

    @on(Button.Pressed, "#add")
    def action_add(self) -> None:
        """Add the ticked suggestions."""
        from benchmark_tui.tui.widgets.ticks import TickList

        self.dismiss(sorted(self.query_one("#suggestions", TickList).selected))  # type: ignore[arg-type]

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
