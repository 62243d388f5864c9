"""Provides the form dialogs: a measure of results, a plan action, the drafted actions."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea

from benchmark_tui.models import (
    Action,
    Framework,
    Measure,
    PeriodValue,
    Trend,
    clean_line,
    plain_error,
)
from benchmark_tui.models.figures import Better
from benchmark_tui.tui.screens.dialogs import Dialog, IsoDate, NonEmpty


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
    ("▲ Improving", "improving"),
    ("= Stable", "stable"),
    ("▼ Declining", "declining"),
    ("↕ Mixed", "mixed"),
]
"""The team's trend, marked as everywhere else (▲▼=↕)."""
BETTER_OPTIONS: list[tuple[str, Better]] = [("Higher", "higher"), ("Lower", "lower")]


class MeasureDialog(Dialog[Measure]):
    """Add or edit a measure of results: its name and unit, figures over the years, which way
    is better, the team's trend (the figures' suggestion shown beside it) and a note.

    Its comparators and the team's judgements against them are kept as they are (they are set
    with c and s on the measures step).
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True, id="measure.save")]

    def __init__(self, measure: Measure | None) -> None:
        super().__init__()
        self.measure = measure

    def compose(self) -> ComposeResult:
        measure = self.measure
        values = "\n".join(f"{v.period}: {v.value}" for v in measure.values) if measure else ""
        # Figures beside trend and which way is better: at 80×24 name, figures and trend fit
        # at once, so the trend is never left below the fold unseen.
        with Vertical(classes="dialog -measure"):
            yield Static("Edit measure" if measure else "Add a measure", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                with Horizontal(classes="form-row -first"):
                    with Vertical():
                        yield Label("Measure (e.g. Active borrowers)")
                        yield Input(
                            measure.name if measure else "", id="name", validators=[NonEmpty()]
                        )
                    with Vertical(classes="unit"):
                        yield Label("Unit")
                        yield Input(
                            measure.unit if measure else "", id="unit", placeholder="visits"
                        )
                    with Vertical(classes="better"):
                        yield Label("Which is better")
                        yield Select(
                            BETTER_OPTIONS,
                            value=measure.better if measure and measure.better else Select.NULL,
                            id="better",
                            prompt="Not said",
                        )
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
                        yield Label("Trend (the team's)")
                        yield Select(
                            TREND_OPTIONS,
                            value=measure.trend if measure and measure.trend else Select.NULL,
                            id="trend",
                            prompt="Not judged yet",
                        )
                        yield Label("Trend note (what the values show)")
                        yield Input(measure.note if measure else "", id="note")
                yield Static(id="suggested", classes="hint")
                yield Static("", id="problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.say_problem("")
        self.query_one("#name", Input).focus()
        self._suggest()

    @on(Input.Submitted, "#name")
    def _next(self) -> None:
        self.query_one("#values", TextArea).focus()

    @on(TextArea.Changed, "#values")
    @on(Select.Changed, "#better")
    @on(Select.Changed, "#trend")
    def _suggest(self) -> None:
        """The trend the figures typed suggest, and its rule (as the team types)."""
        shown = self.query_one("#suggested", Static)
        try:
            values = parse_values(self.query_one("#values", TextArea).text)
        except ValueError:
            return  # half typed: keep what was suggested until the line is whole
        better = self.query_one("#better", Select).value
        draft = Measure(
            name="draft", values=values, better=None if better is Select.NULL else better
        )
        suggestion = draft.suggested_trend
        if suggestion.trend is None:
            shown.update(Text(f"No trend suggested: {suggestion.reason}.", style="italic"))
            return
        text = Text("Suggested: ")
        label = next(label for label, trend in TREND_OPTIONS if trend == suggestion.trend)
        text.append(label.lower(), style="bold")
        text.append(f" — {suggestion.reason}.")
        if self.query_one("#trend", Select).value == Select.NULL:
            text.append(" Choose it under Trend, or another.", style="italic")
        shown.update(text)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the form and return the measure."""
        name = clean_line(self.query_one("#name", Input).value)
        if not name:
            self.say_problem("Name the measure first.")
            self.query_one("#name", Input).focus()
            return
        try:
            values = parse_values(self.query_one("#values", TextArea).text)
        except ValueError as err:
            self.say_problem(f"Values: {err}")
            self.query_one("#values", TextArea).focus()
            return
        trend = self.query_one("#trend", Select).value
        better = self.query_one("#better", Select).value
        kept = self.measure.model_dump() if self.measure else {}
        try:
            measure = Measure.model_validate(
                {
                    **kept,
                    "name": name,
                    "values": values,
                    "trend": None if trend is Select.NULL else trend,
                    "note": self.query_one("#note", Input).value.strip(),
                    "unit": clean_line(self.query_one("#unit", Input).value),
                    "better": None if better is Select.NULL else better,
                }
            )
        except ValueError as err:  # e.g. a unit longer than a name may be
            self.say_problem(plain_error(err) if isinstance(err, ValidationError) else str(err))
            return
        self.dismiss(measure)


def example_due_date(today: date) -> date:
    """A plausible due date to show as an example: the end of the month a quarter from now."""
    month = today.month + 3
    year, month = today.year + (month - 1) // 12, (month - 1) % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


PRIORITIES = [("High", "high"), ("Medium", "medium"), ("Low", "low")]
STATUSES = [
    ("Proposed", "proposed"),
    ("Agreed", "agreed"),
    ("In progress", "in-progress"),
    ("Done", "done"),
]


class ActionDialog(Dialog[Action]):
    """Add or edit an action of the improvement plan."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True, id="action.save")]

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
                yield Input(action.action, id="action", validators=[NonEmpty()])
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


class SuggestionsDialog(Dialog[list[int]]):
    """Pick which drafted actions to add to the plan (all ticked to start with)."""

    BINDINGS = [Binding("ctrl+s", "add", "Add ticked", priority=True, id="suggestions.add")]

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
                "One per area for improvement, per piece of missing data and per parked "
                "point suggested for the plan. Space unticks the ones the team does not "
                "want; each is a draft to reword afterwards.",
                classes="dialog-message",
            )
            yield TickList[int](*choices, id="suggestions")
            # A long draft is cut on its line: the highlighted one is shown whole here.
            yield Static(id="suggestion-whole", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add ticked (ctrl+s)", variant="primary", id="add")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#suggestions").focus()
        self._show_whole(0)

    @on(SelectionList.SelectionHighlighted, "#suggestions")
    def _highlighted(self, event: SelectionList.SelectionHighlighted[int]) -> None:
        self._show_whole(event.selection_index)

    def _show_whole(self, index: int) -> None:
        """The highlighted draft in full, where its line in the list is cut."""
        if not 0 <= index < len(self.suggestions):
            return
        action = self.suggestions[index]
        text = Text(action.action)
        if action.item and self.framework.has_item(action.item):
            text.append(f" ({self.framework.item(action.item).label})", style="dim")
        self.query_one("#suggestion-whole", Static).update(text)

    @on(Button.Pressed, "#add")
    def action_add(self) -> None:
        """Add the ticked suggestions."""
        from benchmark_tui.tui.widgets.ticks import TickList

        self.dismiss(sorted(self.query_one("#suggestions", TickList).selected))
