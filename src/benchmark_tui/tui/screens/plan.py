"""Provides the improvement plan: actions with owners, dates and priorities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from benchmark_tui.edits import (
    AddActions,
    MoveAction,
    RemoveAction,
    ReplaceAction,
    TakeSuggestions,
)
from benchmark_tui.models import Action, day_label
from benchmark_tui.tui.messages import ReviewLastPlan
from benchmark_tui.tui.screens.base import NEXT_ITEM, PREVIOUS_ITEM, WorkshopScreen
from benchmark_tui.tui.widgets.bars import WhereBar
from benchmark_tui.tui.widgets.memo import hanging_rows

if TYPE_CHECKING:
    from benchmark_tui.tui.screens.forms import ActionDialog

PRIORITY_LABELS = {"high": "▲ High", "medium": "■ Medium", "low": "▽ Low"}
STATUS_LABELS = {
    "proposed": "Proposed",
    "agreed": "Agreed",
    "in-progress": "In progress",
    "done": "✓ Done",
}


class ActionList(OptionList):
    """The plan's actions, two lines each; Enter edits the highlighted one."""

    BINDINGS = [Binding("enter", "select", "Edit", key_display="⏎", id="plan-list.select")]


class SuggestionList(OptionList):
    """The suggestions for the plan so far, to read before the plan is built."""


class PlanScreen(WorkshopScreen):
    """The improvement plan, built after the self-assessment from its areas for improvement."""

    place = "plan"
    HELP = """\
## Improvement plan

The framework's method builds the plan once the whole self-assessment is complete. During
the day, every area for improvement, every "no data collected yet" area, every data source
"not collected yet" and every parked point suggested for the plan waits here as a
suggestion. **s** builds the plan: it drafts an action from each suggestion (untick those
the team does not want); before every item is agreed it asks first. Drafts are marked
✎ *unedited draft* until the team rewords them. **a** adds an action; **Enter** edits the one
under the cursor; **del** removes it; **shift+↑/↓** moves it. For a session that follows
on from a previous self-assessment, **r** reviews last time's plan: what happened to each
action.
"""

    BINDINGS = [
        Binding("a", "add", "Add", id="plan.add"),
        Binding(
            "s",
            "suggest",
            "Build plan",
            tooltip="Draft actions from the suggestions",
            id="plan.suggest",
        ),
        Binding("e", "edit", "Edit", show=False, id="plan.edit"),
        Binding("delete,backspace", "remove", "Remove", key_display="del", id="plan.remove"),
        Binding("shift+up", "move(-1)", "Move up", show=False, id="plan.move-up"),
        Binding("shift+down", "move(1)", "Move down", show=False, id="plan.move-down"),
        Binding(
            "r",
            "review_plan",
            "Last plan",
            tooltip="What happened to last time's plan",
            id="plan.review-plan",
        ),
        NEXT_ITEM,
        PREVIOUS_ITEM,
    ]

    def action_review_plan(self) -> None:
        """Review what happened to each action of last time's plan."""
        self.post_message(ReviewLastPlan())

    def _drafts(self) -> list[Action]:
        """The drafts to offer: the session's suggestions less those the team left out (kept
        in the session, ``plan.declined``, so they stay left out when it is reopened)."""
        return self.session.suggested_actions(self.framework)

    def compose_body(self) -> ComposeResult:
        yield WhereBar("After the self-assessment", "Improvement plan", [], label="agreed")
        with Vertical(id="plan", classes="step"):
            yield Static(id="plan-note", classes="aside")
            yield SuggestionList(id="plan-suggestions")
            yield ActionList(id="plan-list")

    def show_session(self) -> None:
        self.query_one(WhereBar).show(
            "After the self-assessment",
            "Improvement plan",
            self.item_states(self.framework.item_ids),
        )
        self._fill(0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "suggest", "edit", "remove", "move") and self.read_only:
            return None
        return super().check_action(action, parameters)

    def _fill(self, cursor: int | None = None) -> None:
        options = self.query_one("#plan-list", OptionList)
        row = options.highlighted if cursor is None else cursor
        options.clear_options()
        actions = self.session.plan.actions
        width = len(str(len(actions))) + 1
        for number, action in enumerate(actions, start=1):
            marker = Text(f"{number}.", style="bold")
            card = hanging_rows([(marker, self._card(action))], marker_width=width, expand=True)
            options.add_option(Option(card))
        if self.session.plan.actions:
            options.highlighted = min(row or 0, len(self.session.plan.actions) - 1)
        options.display = bool(self.session.plan.actions)
        self._note()
        suggestions = self.query_one(SuggestionList)
        if self.focused in (None, options, suggestions):
            (suggestions if suggestions.display else options).focus()

    def _card(self, action: Action) -> Text:
        """What, then priority, status, owner, due date and link (wrapped lines stay under the
        text, not under the number); a draft not yet reworded by the team says so."""
        text = Text()
        text.append(action.action, style="bold")
        linked = self._linked(action)
        details = [
            PRIORITY_LABELS[action.priority],
            STATUS_LABELS[action.status],
            f"owner: {action.owner or '–'}",
            f"due: {day_label(action.due, short=True) if action.due else '–'}",
            linked,
        ]
        text.append("\n")
        if action.draft:
            text.append("✎ unedited draft", style="bold italic")
            text.append(" · ", style="dim")
        text.append(" · ".join(details), style="dim")
        return text

    def _linked(self, action: Action) -> str:
        if action.item and self.framework.has_item(action.item):
            return self.framework.item(action.item).label
        return action.item or "not linked"

    def _early(self) -> str | None:
        """Why building the plan now is early (None once every item is agreed)."""
        progress = self.session.progress(self.framework)
        if progress.agreed >= progress.total:
            return None
        return (
            f"{progress.agreed} of {progress.total} agreed: the method builds the plan once "
            "the self-assessment is complete."
        )

    def _note(self) -> None:
        suggestions = self._drafts()
        count = len(self.session.plan.actions)
        text = Text()
        early = self._early()
        if early:
            text.append(early + "\n", style="italic")
        text.append(f"{count} action{'s' if count != 1 else ''}. ", style="bold")
        many = f"{len(suggestions)} suggestion{'s' if len(suggestions) != 1 else ''}"
        if suggestions and not count:
            text.append(
                f"{many} so far, from the areas for improvement, missing data and parked "
                "points. Press s to build the plan from them."
            )
        elif suggestions:  # the plan is built: what is left, not a call to draft
            have = "have" if len(suggestions) != 1 else "has"
            text.append(
                f"{many} (areas for improvement, missing data, parked points) {have} no "
                "action of their own (s drafts from them)."
            )
        elif self.session.suggested_actions(self.framework, include_declined=True):
            text.append("Drafts the team left out are not offered again (s shows them).")
        elif not count:
            text.append("No areas for improvement recorded yet. Press a to add an action.")
        self.query_one("#plan-note", Static).update(text)
        listed = self.query_one(SuggestionList)
        listed.display = bool(suggestions) and not count
        listed.clear_options()
        for action in suggestions if listed.display else []:
            text = Text(action.action)
            text.append(f" ({self._linked(action)})", style="dim")
            marker = Text("·", style="dim")
            listed.add_option(Option(hanging_rows([(marker, text)], marker_width=1, expand=True)))

    def _cursor(self) -> int | None:
        if not self.session.plan.actions:
            return None
        return self.query_one("#plan-list", OptionList).highlighted

    def _dialog(self, action: Action) -> ActionDialog:
        """The dialog to edit an action, completing owners from the team."""
        from benchmark_tui.tui.screens.forms import ActionDialog

        workshop = self.session.workshop
        team = [m.name for m in workshop.team] + [workshop.facilitator]
        return ActionDialog(self.framework, action, team=team, today=self.context.clock().date())

    def action_add(self) -> None:
        """Add an action."""
        plan = self.session.plan
        draft = Action(id=plan.next_id(), action="New action")

        def store(action: Action | None) -> None:
            if action is not None and self.apply(AddActions(actions=(action,))):
                self._changed(len(plan.actions) - 1)

        self.app.push_screen(self._dialog(draft), store)

    def action_edit(self) -> None:
        """Edit the action under the cursor."""
        index = self._cursor()
        if index is None:
            return
        plan = self.session.plan

        def store(action: Action | None) -> None:
            if action is not None and self.apply(ReplaceAction(action=action)):
                self._changed(index)

        self.app.push_screen(self._dialog(plan.actions[index]), store)

    @on(OptionList.OptionSelected, "#plan-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.read_only:
            self.action_edit()

    def action_remove(self) -> None:
        """Remove the action under the cursor (ctrl+z brings it back)."""
        index = self._cursor()
        if index is None:
            return
        removed = self.session.plan.actions[index]
        if self.apply(RemoveAction(action_id=removed.id)) is None:
            return
        self._changed(max(0, index - 1))
        self.notify(f"Removed “{removed.action}”. Ctrl+Z brings it back.", timeout=4, markup=False)

    def action_move(self, delta: int) -> None:
        """Move the action under the cursor up or down."""
        index = self._cursor()
        plan = self.session.plan
        if index is None or not 0 <= index + delta < len(plan.actions):
            return
        if self.apply(MoveAction(action_id=plan.actions[index].id, delta=delta)):
            self._changed(index + delta)

    def action_suggest(self) -> None:
        """Build the plan: draft actions from the suggestions (asking first while the
        self-assessment is not complete)."""
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog

        early = self._early()
        if early is None:
            self._build()
            return

        def decide(choice: str | None) -> None:
            if choice == "build":
                self._build()

        self.app.push_screen(
            ChoiceDialog(
                "Build the plan now?",
                f"{early}\n\nBuilt now, the plan misses what the items still open will "
                "suggest (s drafts those later).",
                [("wait", "Not yet"), ("build", "Build it now")],
                default="wait",
            ),
            decide,
        )

    def _build(self) -> None:
        """Offer the drafts to tick, and add those the team keeps."""
        from benchmark_tui.tui.screens.forms import SuggestionsDialog

        suggestions = self._drafts()
        if not suggestions:
            # Asked again with nothing new: offer what the team left out.
            suggestions = self.session.suggested_actions(self.framework, include_declined=True)
        if not suggestions:
            self.notify(
                "Every suggestion already has an action: a adds one.", timeout=4, markup=False
            )
            return

        def add(chosen: list[int] | None) -> None:
            if chosen is None:
                return
            plan = self.session.plan
            taken = tuple(suggestions[i] for i in chosen)
            left_out = tuple(a for i, a in enumerate(suggestions) if i not in chosen)
            first = len(plan.actions)
            applied = self.apply(TakeSuggestions(taken=taken, left_out=left_out))
            if applied is None or not chosen:
                if applied is not None and applied.changed:
                    self._note()
                return
            self._changed(first)
            self.notify(
                f"Added {len(chosen)} draft action{'s' if len(chosen) != 1 else ''}: "
                "Enter rewords each and adds an owner and a due date.",
                timeout=5,
                markup=False,
            )

        self.app.push_screen(SuggestionsDialog(self.framework, suggestions), add)

    def _changed(self, cursor: int) -> None:
        self._fill(cursor)
