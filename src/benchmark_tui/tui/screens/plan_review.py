"""Provides the review of last time's improvement plan: what happened to each action.

Opened from the improvement plan (r) or the palette ("Review last time's plan"), for a session
that follows on from a previous one. Each of last time's actions gets done / partly done /
not done / dropped, and a note; the matrix of the characteristic an action answers shows
these outcomes beside Check / act and Impact.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.containers import Lines
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from benchmark_tui.edits import Edit, ReviewAction
from benchmark_tui.last_time import LastTime, ReviewRow, plan_completion, review_rows
from benchmark_tui.models import ActionOutcome, Framework, Session
from benchmark_tui.tui.screens.dialogs import Dialog
from benchmark_tui.tui.widgets.memo import Memo, hanging_rows

if TYPE_CHECKING:
    from benchmark_tui.models import Action
    from benchmark_tui.workshop import Applied

OUTCOME_MARKS: dict[str | None, str] = {
    "done": "✓ done",
    "partly": "◐ partly done",
    "not-done": "✗ not done",
    "dropped": "– dropped",
    None: "? not reviewed",
}
"""Each outcome as a symbol and words (never colour alone)."""


def action_reference(last_time: LastTime, action: Action) -> str:
    """``A3``: the reference the previous findings document gave the action (its place)."""
    return f"A{last_time.previous.plan.actions.index(action) + 1}"


def outcome_line(last_time: LastTime, session: Session, action: Action) -> Text:
    """``A3 Set up a reading group — ✓ done: started in May``, for the matrix and the plan."""
    review = session.plan_review.get(action.id)
    outcome = review.outcome if review else None
    text = Text(f"{action_reference(last_time, action)} ", style="bold")
    text.append(action.action)
    text.append(f" — {OUTCOME_MARKS[outcome]}", style="bold")
    if review and review.note:
        text.append(": ")
        text.append(review.note)
    return text


ACTION_LINES = 3
"""Lines an action (with its item) may take in the review; its outcome and note always show."""


class Clamped:
    """Rich text wrapped to the width it is given, cut to ``lines`` lines with "…" if longer.

    A long action would otherwise push its outcome and note below the list's edge: an option
    taller than the list never shows its end. The whole action is in the note dialog (Enter).
    """

    def __init__(self, text: Text, lines: int) -> None:
        self.text = text
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 1)
        wrapped = self.text.wrap(console, width)
        if len(wrapped) > self.lines:
            wrapped = Lines(wrapped[: self.lines])
            last = wrapped[-1]
            last.rstrip()
            last.truncate(width - 1)
            last.append("…")
        yield from wrapped


class ReviewList(OptionList):
    """Last time's actions; Enter adds a note to the highlighted one."""

    BINDINGS = [Binding("enter", "select", "Note", key_display="⏎", id="review-list.select")]


class PlanReviewScreen(Dialog[None]):
    """Last time's actions, one per row, each with what happened to it.

    Args:
        framework: the framework (to name the item each action answers).
        session: the open session (the review is recorded in it).
        last_time: the previous self-assessment.
        read_only: show the review without allowing changes.
        apply: hands an edit to the open session (None: it was refused).
    """

    BINDINGS = [
        Binding("d", "outcome('done')", "Done", id="review.done"),
        Binding("p", "outcome('partly')", "Partly", id="review.partly"),
        Binding("n", "outcome('not-done')", "Not done", id="review.not-done"),
        Binding("x", "outcome('dropped')", "Dropped", id="review.dropped"),
        Binding(
            "backspace,delete",
            "outcome(None)",
            "Clear",
            key_display="⌫",
            show=False,
            id="review.clear",
        ),
        Binding("escape", "cancel", "Back", key_display="esc", id="review.cancel"),
    ]

    HELP = """\
## Review of last time's improvement plan

Each action of the previous self-assessment's plan, and what happened to it: **d** done,
**p** partly done, **n** not done, **x** dropped (⌫ clears it). **Enter** adds a note (what
was done, why it was dropped). The matrix of the characteristic an action answers shows the
outcome beside Check / act and Impact, and the findings document reports how the plan went.
"""

    def __init__(
        self,
        framework: Framework,
        session: Session,
        last_time: LastTime,
        read_only: bool = False,
        *,
        apply: Callable[[Edit], Applied | None],
    ) -> None:
        super().__init__()
        self.framework = framework
        self.session = session
        self.last_time = last_time
        self.read_only = read_only
        self.apply = apply

    def compose(self) -> ComposeResult:
        previous = self.last_time.previous
        with Vertical(classes="dialog -form", id="plan-review"):
            yield Static(
                Text(f"Last time's improvement plan ({previous.workshop.dates_label})"),
                classes="dialog-title",
            )
            yield ReviewList(id="review-list")
            yield Static(id="review-summary", classes="aside")

    def on_mount(self) -> None:
        super().on_mount()
        self._fill()
        self.query_one("#review-list", OptionList).focus()

    @property
    def rows(self) -> list[ReviewRow]:
        """Last time's actions with this session's review of each."""
        return review_rows(self.last_time.previous, self.session)

    def _prompt(self, row: ReviewRow) -> Memo:
        action = row.action
        marker = Text(action_reference(self.last_time, action), style="bold")
        text = Text(action.action)
        if action.item and self.framework.has_item(action.item):
            text.append(f"  ({self.framework.item(action.item).label})", style="italic")
        outcome = Text()
        outcome.append(OUTCOME_MARKS[row.review.outcome], style="bold")
        if row.review.note:
            outcome.append(": ")
            outcome.append(row.review.note)
        return hanging_rows(
            [(marker, Group(Clamped(text, ACTION_LINES), outcome))], marker_width=4, expand=True
        )

    def _fill(self) -> None:
        options = self.query_one("#review-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        rows = self.rows
        options.add_options([Option(self._prompt(row)) for row in rows])
        if rows:
            options.highlighted = min(highlighted or 0, len(rows) - 1)
        completion = plan_completion(self.session, self.last_time.previous)
        summary = Text("So far: ", style="bold")
        summary.append(completion.label())
        if not rows:
            summary = Text("Last time's plan had no actions.")
        self.query_one("#review-summary", Static).update(summary)

    def _highlighted(self) -> ReviewRow | None:
        index = self.query_one("#review-list", OptionList).highlighted
        rows = self.rows
        return rows[index] if index is not None and 0 <= index < len(rows) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("outcome", "note") and self.read_only:
            return None
        return True

    def action_outcome(self, outcome: ActionOutcome | None) -> None:
        """Record what happened to the highlighted action."""
        row = self._highlighted()
        if row is None or self.read_only or row.review.outcome == outcome:
            return
        if self.apply(ReviewAction(action_id=row.action.id, outcome=outcome)):
            self._fill()

    @on(OptionList.OptionSelected, "#review-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_note()

    def action_note(self) -> None:
        """Add or edit the note of the highlighted action (what was done, why dropped)."""
        from benchmark_tui.tui.screens.dialogs import TextDialog

        row = self._highlighted()
        if row is None or self.read_only:
            return
        action_id, outcome = row.action.id, row.review.outcome

        def store(note: str | None) -> None:
            if note is None or note == row.review.note:
                return
            if self.apply(ReviewAction(action_id=action_id, outcome=outcome, note=note)):
                self._fill()

        self.app.push_screen(
            TextDialog(
                f"Note on {action_reference(self.last_time, row.action)}",
                row.action.action,
                row.review.note,
                placeholder="What was done, or why it was dropped",
            ),
            store,
        )
