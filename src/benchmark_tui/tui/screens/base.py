"""Provides WorkshopScreen: the frame every screen of an open session shares.

Workshop screens are built once per session and then reused: moving to another
characteristic loads its record into the same widgets (:meth:`WorkshopScreen.load`) instead of
building a new screen, so moving around is instant and nothing accumulates over a long day.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from benchmark_tui.changes import quote
from benchmark_tui.edits import (
    LIST_NOUNS,
    AddListItem,
    ConfirmApproach,
    Edit,
    EditListItem,
    ItemEdit,
    ListName,
    MoveListItem,
    RemoveListItem,
    SendAndAgree,
    SetApproachStatus,
    SetEditing,
    SetSources,
    SetState,
    SetUnsent,
)
from benchmark_tui.models import (
    AreaRecord,
    CharacteristicRecord,
    Framework,
    Place,
    Position,
    Session,
    Step,
    Unsent,
    UnsentField,
    count_remark,
    day_label,
)
from benchmark_tui.tui.messages import GoToNeighbour, PositionChanged
from benchmark_tui.tui.widgets.bars import StepBar, TopBar, WhereBar
from benchmark_tui.tui.widgets.editable_list import EditableList
from benchmark_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from benchmark_tui.tui.context import WorkshopContext
    from benchmark_tui.workshop import Applied


class StepPanes(ContentSwitcher):
    """The panes of the steps, one shown at a time (each pane's id is its step)."""


class ReadingPane(VerticalScroll):
    """A step with nothing to fill in (Understand): it takes the focus so the arrows scroll it."""


def list_edit(item: str, name: ListName, event: EditableList.Changed) -> Edit:
    """The edit of an item's list that the team just made in an :class:`EditableList`."""
    index = event.index
    if event.change == "add":
        entry = event.entries[index]
        if entry.tag == "planned":
            return AddListItem(item=item, list_name=name, text=entry.text, status="planned")
        return AddListItem(item=item, list_name=name, text=entry.text)
    if event.change == "edit":
        return EditListItem(item=item, list_name=name, index=index, text=event.entries[index].text)
    if event.change == "remove":
        return RemoveListItem(item=item, list_name=name, index=index)
    if event.change == "move":
        return MoveListItem(item=item, list_name=name, index=index, delta=event.delta)
    if event.change == "tag":
        planned = event.entries[index].tag == "planned"
        return SetApproachStatus(
            item=item, index=index, status="planned" if planned else "in-place"
        )
    return ConfirmApproach(item=item, index=index)


def short_dates_label(dates: list[date]) -> str:
    """``12, 19 Mar 2026``, ``30 Nov, 7 Dec 2026``: each month and year written once."""
    years: list[str] = []
    for year, in_year in groupby(sorted(dates), key=lambda d: d.year):
        months: list[str] = []
        for _month, in_month in groupby(in_year, key=lambda d: d.month):
            days = list(in_month)
            month = day_label(days[0], short=True).split(" ")[1]
            months.append(", ".join(str(d.day) for d in days) + f" {month}")
        years.append(f"{', '.join(months)} {year}")
    return ", ".join(years)


NEXT_ITEM = Binding(
    "pagedown", "next_item", "Next item", key_display="PgDn", priority=True, id="item.next"
)
PREVIOUS_ITEM = Binding(
    "pageup",
    "previous_item",
    "Prev item",
    key_display="PgUp",
    priority=True,
    show=False,
    id="item.previous",
)


class WorkshopScreen(Screen[None]):
    """A screen of an open session: the top bar, the body, the key bar, the shared keys.

    Subclasses set :attr:`place`, implement :meth:`compose_body` and :meth:`show_session`
    (which puts the session's data into the widgets), and report their :attr:`position` so
    the app can return there when the session is reopened.
    """

    place: ClassVar[Place]
    HELP: ClassVar[str] = ""
    """Markdown shown by F1: what this screen is for."""

    # Subclasses add NEXT_ITEM and PREVIOUS_ITEM to their own BINDINGS, after their own
    # keys, so the key bar lists what is particular to a screen first.

    def __init__(self, framework: Framework, session: Session, read_only: bool = False) -> None:
        super().__init__()
        self.framework = framework
        self.session = session
        self.read_only = read_only
        self.came_from: str | None = None
        """The item the team was on before coming here (the overview starts there)."""

    @property
    def context(self) -> WorkshopContext:
        """What this screen may read from the app (it acts by posting messages)."""
        return cast("WorkshopContext", self.app)

    @property
    def item_id(self) -> str | None:
        """The area or characteristic on screen, if any."""
        return None

    @property
    def position(self) -> Position:
        """Where the team is on this screen."""
        return Position(place=self.place, item=self.item_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a dialog is open its keys alone apply: PgDn must not move the screen beneath.
        return self.app.screen is self

    def compose(self) -> ComposeResult:
        yield TopBar(self.top_title, id="top-bar")
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        """The screen's own content."""
        yield from ()

    def on_mount(self) -> None:
        self.show_parked()
        self.show_session()

    def show_parked(self) -> None:
        """Show in the top bar how many parked points are still open (nothing when none)."""
        self.query_one(TopBar).show_parked(len(self.session.parking_lot.open_points))

    def load(
        self,
        session: Session,
        item: str | None = None,
        step: Step | None = None,
        came_from: str | None = None,
    ) -> None:
        """Show (another part of) the session in this screen's widgets.

        Args:
            session: the session (a new object after an undo).
            item: the area or characteristic to show, for screens that show one.
            step: the step to show, for screens with steps.
            came_from: the item the team was on before, for screens that list items.
        """
        self.session = session
        self.came_from = came_from
        if self.is_mounted:
            self.query_one(TopBar).show(self.top_title)
            self.show_parked()
            self.show_session()

    def show_session(self) -> None:
        """Put the session's data into the widgets (on mount and on every :meth:`load`)."""

    @property
    def top_title(self) -> list[str]:
        """``Example Borough Libraries · Whole service · 12 March 2026``, then shorter ways
        to say it (the top bar shows the longest that fits)."""
        service, workshop = self.session.service, self.session.workshop
        dates = sorted(workshop.dates)
        short_dates = short_dates_label(dates)
        scope = service.library if service.scope == "library" and service.library else None
        titles = [
            [service.name, service.scope_label, workshop.dates_label if dates else ""],
            [service.name, scope or service.scope_label, short_dates],
            [service.name, scope or "", short_dates],
            [service.name, scope or ""],
        ]
        return [" · ".join(p for p in parts if p) for parts in titles]

    def item_states(self, ids: list[str]) -> list[str]:
        """The progress states of the given items, in order."""
        return [self.session.state_of(i) for i in ids]

    def apply(
        self, edit: Edit, then: Callable[[Applied | None], object] | None = None
    ) -> Applied | None:
        """Hand one of the team's edits to the open session, which checks it, keeps an undo
        step and saves; None if it was refused (the room has been told why).

        Args:
            edit: what the team changed.
            then: for an edit of an agreed item, which asks the room first: called once the
                room has answered, with what changed (None: kept as agreed, nothing changed).
        """
        return self.context.apply_edit(edit, then)

    def action_next_item(self) -> None:
        """Go to the next area, characteristic or screen of the workshop."""
        self.post_message(GoToNeighbour(self.place, self.item_id, 1))

    def action_previous_item(self) -> None:
        """Go to the previous area, characteristic or screen of the workshop."""
        self.post_message(GoToNeighbour(self.place, self.item_id, -1))


class SteppedScreen(WorkshopScreen):
    """A results area or characteristic, walked through as a few steps.

    Subclasses set :attr:`STEPS`, yield one container per step (with the step's name as its
    id) from :meth:`compose_steps`, choose their item in :meth:`select_item`, and fill the
    widgets in :meth:`show_record`. This class shows one step at a time, keeps the step bar in
    step, and handles moving on, agreeing and going back. The three members marked
    ``@abstractmethod`` are what a subclass must give (the type checker holds it to them;
    Textual's metaclass is not an ``ABCMeta``, so nothing is checked at run time).
    """

    STEPS: ClassVar[tuple[Step, ...]]

    BINDINGS = [
        # alt+←/→ are taken by some terminals (Windows Terminal's split panes, remote
        # desktops): Ctrl+PgUp/PgDn too, and [ ] outside a text box (where they are typed).
        Binding("alt+right,ctrl+pagedown", "next_step", "Next step", priority=True, id="step.next"),
        Binding("alt+left,ctrl+pageup", "previous_step", "Back", priority=True, id="step.previous"),
        Binding("right_square_bracket", "next_step", "Next step", show=False, id="step.next-typed"),
        Binding(
            "left_square_bracket", "previous_step", "Back", show=False, id="step.previous-typed"
        ),
        Binding(
            "ctrl+g",
            "agree",
            "Agree",
            priority=True,
            tooltip="Mark as agreed, move on",
            id="step.agree",
        ),
        Binding(
            "ctrl+g",
            "reopen",
            "Reopen",
            priority=True,
            tooltip="No longer agreed",
            id="step.reopen",
        ),
        NEXT_ITEM,
        PREVIOUS_ITEM,
    ]

    step: reactive[Step] = reactive("understand", init=False, repaint=False)
    """The step on screen."""

    def __init__(
        self,
        framework: Framework,
        session: Session,
        item: str,
        first_step: Step,
        read_only: bool = False,
    ) -> None:
        super().__init__(framework, session, read_only)
        self.select_item(item)
        self.set_reactive(SteppedScreen.step, first_step)

    @abstractmethod
    def select_item(self, item: str) -> None:
        """Make ``item`` the area or characteristic this screen shows."""

    @property
    def position(self) -> Position:
        return Position(place=self.place, item=self.item_id, step=self.step)

    @property
    @abstractmethod
    def record(self) -> AreaRecord | CharacteristicRecord:
        """The session's record for the item on screen."""

    @property
    @abstractmethod
    def where(self) -> tuple[str, str, list[str]]:
        """(where, title, states of the items in this section) for the where bar."""

    def compose_body(self) -> ComposeResult:
        where, title, states = self.where
        yield WhereBar(where, title, states, state=self.record.state)
        yield StepBar(self.STEPS, self.step, id="step-bar")
        with StepPanes(initial=self.step, id="steps"):
            yield from self.compose_steps()

    def compose_steps(self) -> ComposeResult:
        """One container per step, each with the step's name as its id."""
        yield from ()

    def load(
        self,
        session: Session,
        item: str | None = None,
        step: Step | None = None,
        came_from: str | None = None,
    ) -> None:
        if item is not None:
            self.select_item(item)
        if step is not None:
            self.set_reactive(SteppedScreen.step, step)
        super().load(session, item, step, came_from)

    def show_session(self) -> None:
        self._show_where()
        self.show_record()
        self._show_step()

    def show_record(self) -> None:
        """Put the record of the item on screen into the widgets."""

    def _show_where(self) -> None:
        """The where bar: this item, its state in words, and the section's progress."""
        self.query_one(WhereBar).show(*self.where, state=self.record.state)
        self.refresh_bindings()  # ctrl+g says Agree or Reopen

    def watch_step(self) -> None:
        self._show_step()
        self.post_message(PositionChanged(self.position))

    def _show_step(self) -> None:
        self.query_one("#steps", ContentSwitcher).current = self.step
        self.query_one("#step-bar", StepBar).step = self.step
        self.refresh_bindings()  # some keys belong to one step
        # Focus now, not after the next refresh: a key pressed straight after moving on
        # must reach the new step's field.
        self._focus_step()

    def _focus_step(self) -> None:
        pane = self.query_one(f"#{self.step}")
        inside = [widget for widget in self.focus_chain if pane in widget.ancestors]
        # The field marked .autofocus, else the first field of the step; a step with nothing
        # to fill in focuses itself, so the arrow keys scroll it.
        preferred = [widget for widget in inside if widget.has_class("autofocus")]
        target = (preferred or inside or [pane])[0]
        target.focus()

    def action_next_step(self) -> None:
        """Go to the next step; after the last, offer to agree and move on."""
        index = self.STEPS.index(self.step)
        if index < len(self.STEPS) - 1:
            self.step = self.STEPS[index + 1]
        elif self.record.state == "agreed" or self.read_only:
            self.action_next_item()
        else:
            self._ask_to_agree(finishing=True)

    def action_previous_step(self) -> None:
        """Go to the previous step; before the first, to the previous item."""
        index = self.STEPS.index(self.step)
        if index > 0:
            self.step = self.STEPS[index - 1]
        else:
            self.action_previous_item()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("agree", "reopen"):
            # One ctrl+g, named for what it does now: Agree, or Reopen an agreed item.
            agreed = self.record.state == "agreed"
            if agreed != (action == "reopen"):
                return False
            if self.read_only:
                return None
        return super().check_action(action, parameters)

    @property
    def item(self) -> str:
        """The area or characteristic on screen."""
        item = self.item_id
        assert item is not None
        return item

    def apply(
        self, edit: Edit, then: Callable[[Applied | None], object] | None = None
    ) -> Applied | None:
        """As :meth:`WorkshopScreen.apply`; the where bar follows the item's state. When an
        agreed item's change was asked about, the widgets show the session again once the
        room has answered (``then`` does it instead, where given)."""
        state = self.record.state
        item = self.item_id

        def answered(applied: Applied | None) -> None:
            if self.item_id != item or not self.is_mounted:
                return  # the team has moved on meanwhile
            self._show_where()
            if then is not None:
                then(applied)
            else:
                self.show_record()

        applied = super().apply(edit, answered)
        if self.record.state != state:
            self._show_where()  # started, agreed or reopened: the where bar says so
        return applied

    def action_reopen(self) -> None:
        """Reopen an agreed item (it is in progress again), once the room has said so."""
        from benchmark_tui.tui.screens.dialogs import agreed_dialog

        if self.read_only or self.record.state != "agreed":
            return
        title = self.where[1]

        def decide(choice: str | None) -> None:
            if choice == "reopen" and self.apply(SetState(item=self.item, state="in-progress")):
                self.notify(
                    f"{title} reopened: it will need agreeing again.", timeout=4, markup=False
                )

        self.app.push_screen(agreed_dialog(title, "Reopen it?", ("reopen", "Reopen it")), decide)

    def action_agree(self) -> None:
        """Ask whether the team has agreed the item (as alt+→ after the last step does)."""
        if self.read_only or self.record.state == "agreed":
            return
        self._ask_to_agree(finishing=False)

    @property
    def unsent(self) -> list[Unsent]:
        """Text typed into this item's boxes and not yet sent with Enter."""
        return self.session.unsent_in(self.item)

    def remarks(self, record: AreaRecord | CharacteristicRecord | None = None) -> list[str]:
        """Gentle remarks about what is missing (fewer than two strengths, unrated elements)
        in the item's record (or in ``record``: the record as it would be)."""
        record = record or self.record
        remarks = []
        for kind, items in (
            ("strength", record.strengths),
            ("area for improvement", record.improvements),
        ):
            remark = count_remark(kind, items)
            if remark:
                remarks.append(remark)
        return remarks

    def _ask_to_agree(self, *, finishing: bool) -> None:
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog

        title = self.where[1]
        unsent = self.unsent
        remarks = self.remarks(self._record_with(unsent)) if unsent else self.remarks()
        message = f"Has the team agreed on {title}?"
        if unsent:
            message += "\n\nNot yet added: " + "; ".join(
                f"{u.label} {quote(u.text, 160)}" for u in unsent
            )
        if remarks:
            message += "\n\nBefore you do:\n" + "\n".join(f"• {r}" for r in remarks)
            # The usual Enter does not agree here: said in the question, and again after.
            agree = "Add it and agree or Agree without it" if unsent else "Agree and move on"
            message += f"\n\nStay here has the focus: choose {agree} to agree anyway."
        choices = [("agree", "Agree and move on"), ("stay", "Stay here")]
        if unsent:
            choices = [("add", "Add it and agree"), ("agree", "Agree without it"), *choices[1:]]
        if finishing:
            choices.insert(len(choices) - 1, ("next", "Move on, not agreed"))

        def decide(choice: str | None) -> None:
            if choice == "add":
                self._agree_and_move_on(self._sending(unsent))
            elif choice == "agree":
                self._agree_and_move_on()
            elif choice == "next":
                self.action_next_item()
            elif choice == "stay":
                self.notify(f"{title} is not agreed: you stayed here.", timeout=4, markup=False)

        # With something missing, the focus starts on "Stay here": Enter by a slip of the
        # finger must not mark the item agreed. Text waiting in a box is added by default.
        default = "stay" if remarks else "add" if unsent else "agree"
        self.app.push_screen(
            ChoiceDialog("Agree and move on?", message, choices, default=default), decide
        )

    def _record_with(self, unsent: list[Unsent]) -> AreaRecord | CharacteristicRecord:
        """The item's record as it would be with the unsent lines added."""
        record = self.record.model_copy(deep=True)
        for waiting in unsent:
            if waiting.box in ("strengths", "improvements") and waiting.line is None:
                lines = getattr(record, waiting.box)
                setattr(record, waiting.box, [*lines, waiting.text.strip()])
        return record

    def _sending(self, unsent: list[Unsent]) -> tuple[ItemEdit, ...]:
        """The edits that send the text waiting in the item's boxes, as Enter would."""
        sent: list[ItemEdit] = []
        for waiting in unsent:
            text = waiting.text.strip()
            if waiting.line is not None and waiting.box != "new-source":
                sent.append(
                    EditListItem(
                        item=self.item, list_name=waiting.box, index=waiting.line - 1, text=text
                    )
                )
            elif waiting.box == "new-source":
                evidence = self.session.record(self.item).evidence
                reviewed = tuple(dict.fromkeys([*evidence.sources_reviewed, text]))
                sent.append(
                    SetSources(
                        item=self.item,
                        reviewed=reviewed,
                        not_collected=tuple(evidence.not_collected),
                    )
                )
                sent.append(SetUnsent(item=self.item, box="new-source", text=""))
            else:
                sent.append(AddListItem(item=self.item, list_name=waiting.box, text=text))
        return tuple(sent)

    def _agree_and_move_on(self, sending: tuple[ItemEdit, ...] = ()) -> None:
        """Agree the item (sending the text waiting in its boxes first, as one step) and go
        to the next."""
        agree = (
            SendAndAgree(item=self.item, sending=sending)
            if sending
            else SetState(item=self.item, state="agreed")
        )
        if self.apply(agree) is None:
            return
        self.notify(f"{self.where[1]}: agreed.", timeout=3, markup=False)
        self.action_next_item()

    @on(EditableList.Changed, "#strengths")
    def record_strengths(self, event: EditableList.Changed) -> None:
        self.apply_list_change("strengths", event)

    @on(EditableList.Changed, "#improvements")
    def record_improvements(self, event: EditableList.Changed) -> None:
        self.apply_list_change("improvements", event)

    @on(EditableList.Typed, "#strengths")
    def keep_unsent_strength(self, event: EditableList.Typed) -> None:
        self.keep_unsent("strengths", event.text, event.line)

    @on(EditableList.Typed, "#improvements")
    def keep_unsent_improvement(self, event: EditableList.Typed) -> None:
        self.keep_unsent("improvements", event.text, event.line)

    def keep_unsent(self, box: UnsentField, text: str, line: int | None = None) -> None:
        """Keep what is typed in one of the item's boxes in the session, before it is sent
        (into the box of line ``line`` being edited, if given): saved as typed, shown there
        again when the team comes back."""
        if self.read_only:
            return
        if line is not None and box != "new-source":
            self.apply(SetEditing(item=self.item, list_name=box, index=line, text=text))
        else:
            self.apply(SetUnsent(item=self.item, box=box, text=text))

    def apply_list_change(self, name: ListName, event: EditableList.Changed) -> None:
        """Hand a change the team made to one of the item's lists to the open session (a
        refused change is taken off the list again); a line removed is said on the wall."""
        removed: str | None = None
        if event.change == "remove":
            lines = getattr(self.record, name)
            if 0 <= event.index < len(lines):
                line = lines[event.index]
                removed = line if isinstance(line, str) else line.text

        def say(applied: Applied | None) -> None:
            if applied is not None and applied.changed and removed is not None:
                self.notify(
                    f"Removed {LIST_NOUNS[name]}: {quote(removed)} (ctrl+z puts it back)",
                    timeout=5,
                    markup=False,
                )

        def answered(applied: Applied | None) -> None:
            self.show_record()
            say(applied)

        applied = self.apply(list_edit(self.item, name, event), answered)
        if applied is None:
            self.show_record()
        say(applied)
