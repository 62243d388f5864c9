"""Provides the typed edits a team makes to a session: what screens hand to the open session.

Screens never change the session themselves. Each change the team makes is one small frozen
value here (``SetRating(item="leadership", element="plan", value=3)``), and
:meth:`benchmark_tui.workshop.OpenSession.apply` checks it, applies it, keeps an undo step and
says what changed. An edit that cannot be applied (an index past the end of a list, a text
over the limits, a round that is not a round) is refused with :class:`EditRefused`, and
nothing changes.

Every edit has :attr:`Edit.item`: the results area or characteristic whose record it
changes (None for the plan, the parking lot, the session's details …), so rules about an
item (for example "an agreed item asks before it changes") are one check in ``apply``.

Each edit's :meth:`Edit.apply_to` changes the session by assigning new values (never by
appending to a list in place), so pydantic's ``validate_assignment`` checks every value as it
goes in.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Literal

from pydantic import ValidationError

from benchmark_tui.errors import BenchmarkError
from benchmark_tui.figures_import import apply_import, plan_import
from benchmark_tui.figures_read import FiguresFileError, FiguresRead
from benchmark_tui.models import (
    Action,
    ActionOutcome,
    Agenda,
    Approach,
    AreaRecord,
    Attendance,
    CharacteristicRecord,
    Findings,
    Framework,
    LineEdit,
    Measure,
    ParkedPoint,
    ServiceInfo,
    Session,
    UnsentField,
    Workshop,
    unsent_key,
)
from benchmark_tui.models.common import ApproachStatus, Trend, and_joined
from benchmark_tui.models.evidence import Comparator, SourceState
from benchmark_tui.models.figures import Standing

ListName = Literal["strengths", "improvements", "approaches"]
"""The lists of an item the team builds line by line (approaches: characteristics only)."""
TextField = Literal["notes", "evidence-summary"]
"""The free-text boxes of an item: a results area's notes ("What the trends show"), a
characteristic's evidence summary."""
SettableState = Literal["agreed", "in-progress"]
"""What the team can make an item's state: agree it, or reopen it."""

LIST_NOUNS: dict[str, str] = {
    "strengths": "strength",
    "improvements": "area for improvement",
    "approaches": "approach",
}


class EditRefused(BenchmarkError):
    """An edit that cannot be applied, and why (nothing was changed)."""


def agreed_question(label: str, question: str, *, many: bool = False) -> tuple[str, str]:
    """The heading and the question put to the room before an agreed item (or several:
    ``many``) changes, e.g. ("Leadership is agreed", "Leadership is agreed. Change it? It
    will need agreeing again.")."""
    they, is_ = ("they", "are") if many else ("it", "is")
    heading = f"{label} {is_} agreed"
    return heading, f"{heading}. {question} {they.capitalize()} will need agreeing again."


class NeedsReopen(EditRefused):
    """An edit of an agreed item: the room is asked first ("Leadership is agreed. Change it?
    It will need agreeing again"), and on yes the edit is applied as :class:`Reopen`.

    Attributes:
        edit: the edit asked about.
        label: the item's title, as the room reads it.
        question: what the room is asked ("Change it?", or "Change them?" when ``many``).
    """

    def __init__(self, edit: Edit, label: str, items: Sequence[str] = (), *, many: bool = False):
        """``items``: the agreed items the edit would change (for an edit of several, such
        as an import of figures; ``many`` when there is more than one)."""
        self.question = "Change them?" if many else "Change it?"
        title, message = agreed_question(label, self.question, many=many)
        super().__init__(message, title=title)
        self.edit = edit
        self.label = label
        self.items = tuple(items)
        self.many = many
        self.reopened = f"{label} reopened: {'they' if many else 'it'} will need agreeing again."
        """What the room is told once the change is made."""


def _plain(error: ValueError) -> str:
    """A validation error in a sentence (pydantic's own text has types and a web address)."""
    if isinstance(error, ValidationError):
        said = []
        for problem in error.errors():
            message = str(problem.get("msg", "not valid"))
            message = message.removeprefix("Value error, ")
            said.append(message[:1].lower() + message[1:])
        return "; ".join(dict.fromkeys(said)) or "not valid"
    return str(error)


@dataclass(frozen=True, kw_only=True)
class Edit(ABC):
    """One change the team makes to the session.

    Subclasses are frozen dataclasses built with keywords; they implement :meth:`apply_to`.
    """

    item: str | None = field(default=None, init=False)
    """The results area or characteristic whose record this changes (None: none)."""

    starts_item: ClassVar[bool] = False
    """Whether the edit moves its item from "not started" to "in progress"."""
    undoable: ClassVar[bool] = True
    """Whether the edit keeps an undo step and counts as a change of the item (text typed and
    not yet sent does not: it is kept like where the team is)."""
    refusal: ClassVar[str] = "Not changed"
    """The title of the notice when the edit is refused."""

    @property
    def coalesce(self) -> str | None:
        """Edits with the same key in quick succession (typing into one box) are one undo
        step; None: each is its own."""
        return None

    @abstractmethod
    def apply_to(self, session: Session, framework: Framework) -> None:
        """Make the change to ``session``.

        Raises:
            EditRefused: the edit does not fit the session (nothing is changed).
            ValueError: a value is not valid (the open session turns it into EditRefused).
        """

    def refuse(self, message: str) -> EditRefused:
        """The refusal of this edit, with ``message`` saying what is wrong."""
        return EditRefused(message, title=self.refusal)

    def refused_for(self, error: ValueError) -> EditRefused:
        """A validation error raised while applying, as this edit's refusal."""
        return self.refuse(_plain(error))


# -- one results area or characteristic ------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ItemEdit(Edit):
    """An edit of one results area's or characteristic's record."""

    item: str
    """The results area or characteristic id."""

    starts_item: ClassVar[bool] = True

    def record_in(
        self, session: Session, framework: Framework
    ) -> AreaRecord | CharacteristicRecord:
        """The record this edit changes (refused if the framework has no such item)."""
        if self.item in {a.id for a in framework.areas}:
            return session.area(self.item)
        if self.item in {c.id for c in framework.items}:
            return session.record(self.item)
        raise self.refuse(f"{self.item!r} is not a results area or characteristic.")

    def characteristic_in(self, session: Session, framework: Framework) -> CharacteristicRecord:
        """The characteristic record this edit changes (refused for a results area)."""
        record = self.record_in(session, framework)
        if not isinstance(record, CharacteristicRecord):
            raise self.refuse(f"{self.item!r} is not a characteristic.")
        return record

    def area_in(self, session: Session, framework: Framework) -> AreaRecord:
        """The results area record this edit changes (refused for a characteristic)."""
        record = self.record_in(session, framework)
        if not isinstance(record, AreaRecord):
            raise self.refuse(f"{self.item!r} is not a results area.")
        return record

    def element_of(self, framework: Framework, element: str) -> str:
        """``element`` if the framework's matrix has it (refused otherwise)."""
        if element not in {e.id for e in framework.elements}:
            raise self.refuse(f"{element!r} is not an element of the matrix.")
        return element


@dataclass(frozen=True, kw_only=True)
class SetState(ItemEdit):
    """Agree an item, or reopen an agreed one (it is in progress again)."""

    state: SettableState
    starts_item: ClassVar[bool] = False

    def apply_to(self, session: Session, framework: Framework) -> None:
        self.record_in(session, framework).state = self.state


@dataclass(frozen=True, kw_only=True)
class SendAndAgree(ItemEdit):
    """Send the text waiting in an item's boxes (``sending``: the edits Enter would make)
    and agree the item, as one step: what "Add it and agree" does (one undo takes back
    both; if one of them is refused, nothing changes)."""

    sending: tuple[ItemEdit, ...]
    starts_item: ClassVar[bool] = False

    def apply_to(self, session: Session, framework: Framework) -> None:
        for edit in self.sending:
            if edit.item != self.item:
                raise self.refuse(f"{edit.item!r} is not {self.item!r}.")
            edit.apply_to(session, framework)
        self.record_in(session, framework).state = "agreed"


@dataclass(frozen=True, kw_only=True)
class Reopen(ItemEdit):
    """Reopen an agreed item and make a change to it, as one step (one undo takes back both):
    what the room chose when asked about changing an agreed item (:class:`NeedsReopen`)."""

    change: ItemEdit
    starts_item: ClassVar[bool] = False

    @property
    def refusal(self) -> str:  # type: ignore[override]
        return self.change.refusal

    def apply_to(self, session: Session, framework: Framework) -> None:
        self.record_in(session, framework).state = "in-progress"
        self.change.apply_to(session, framework)


def reopening(edit: Edit, items: Sequence[str] = ()) -> Edit:
    """The edit that reopens the agreed item ``edit`` changes (or ``items``, for an import
    of figures) and makes the change, as one step."""
    if isinstance(edit, ImportFigures):
        return dataclasses.replace(edit, reopen=tuple(items))
    if not isinstance(edit, ItemEdit):
        raise TypeError(f"{type(edit).__name__} does not change an item")
    return Reopen(item=edit.item, change=edit)


def _checked_index(edit: Edit, lines: Sequence[object], index: int, noun: str) -> int:
    if not 0 <= index < len(lines):
        raise edit.refuse(f"There is no {noun} {index + 1} (the list has {len(lines)}).")
    return index


@dataclass(frozen=True, kw_only=True)
class ListEdit(ItemEdit):
    """An edit of one of an item's lists (strengths, areas for improvement, approaches)."""

    list_name: ListName

    def lines(self, session: Session, framework: Framework) -> list[Any]:
        """A copy of the list (strings, or :class:`Approach` for approaches)."""
        if self.list_name == "approaches":
            return list(self.characteristic_in(session, framework).approaches)
        return list(getattr(self.record_in(session, framework), self.list_name))

    def store(self, session: Session, framework: Framework, lines: list[Any]) -> None:
        """Put the changed list back (validated as it goes in); a line being edited stays
        with its line."""
        setattr(self.record_in(session, framework), self.list_name, lines)
        session.settle_edits()

    def drop_edit_of(self, session: Session, index: int) -> None:
        """Forget the unsaved edit of line ``index``, if it is the line being edited (it is
        saved, or the line is removed)."""
        found = session.line_edit(self.item, self.list_name)
        if found is not None and found[0] == index:
            key = unsent_key(self.item, self.list_name)
            session.editing = {k: v for k, v in session.editing.items() if k != key}

    def index_in(self, lines: list[Any], index: int) -> int:
        """``index`` if the list has a line there (refused otherwise)."""
        return _checked_index(self, lines, index, LIST_NOUNS[self.list_name])


@dataclass(frozen=True, kw_only=True)
class AddListItem(ListEdit):
    """Add a line at the end of a list (an approach is in place unless ``status`` says).

    When the text is the one waiting unsent in the list's box, it is sent: the box is empty
    again (a line copied from last time leaves the box as it is).
    """

    text: str
    status: ApproachStatus = "in-place"

    def apply_to(self, session: Session, framework: Framework) -> None:
        lines = self.lines(session, framework)
        added: object = self.text
        if self.list_name == "approaches":
            added = Approach(text=self.text, status=self.status)
        self.store(session, framework, [*lines, added])
        key = unsent_key(self.item, self.list_name)
        if " ".join(session.unsent.get(key, "").split()) == " ".join(self.text.split()):
            session.unsent = {k: v for k, v in session.unsent.items() if k != key}


@dataclass(frozen=True, kw_only=True)
class SetUnsent(ItemEdit):
    """What is typed in one of an item's boxes and not yet sent with Enter ("" when empty).

    Not a change of the item: it keeps no undo step, does not start the item, and is allowed
    on an agreed item (sending it is the change). It is saved like where the team is, so
    what the room saw in the box is there again after a quit or a crash.
    """

    box: UnsentField
    text: str
    starts_item: ClassVar[bool] = False
    undoable: ClassVar[bool] = False

    @property
    def coalesce(self) -> str | None:
        # Typing: saved shortly after the last key, not at every key.
        return f"unsent:{self.item}:{self.box}"

    def apply_to(self, session: Session, framework: Framework) -> None:
        self.record_in(session, framework)
        key = unsent_key(self.item, self.box)
        unsent = {k: v for k, v in session.unsent.items() if k != key}
        if self.text.strip():
            unsent[key] = self.text
        session.unsent = unsent


@dataclass(frozen=True, kw_only=True)
class SetEditing(ListEdit):
    """The words in the box of a line being edited and not yet saved with Enter ("", or
    the line's own words: not edited).

    Like :class:`SetUnsent`: no undo step, not a change of the item, allowed on an agreed
    item (saving it is the change), saved like where the team is.
    """

    index: int
    text: str
    starts_item: ClassVar[bool] = False
    undoable: ClassVar[bool] = False

    @property
    def coalesce(self) -> str | None:
        return f"editing:{self.item}:{self.list_name}"

    def apply_to(self, session: Session, framework: Framework) -> None:
        lines = [
            line if isinstance(line, str) else line.text for line in self.lines(session, framework)
        ]
        was = lines[self.index_in(lines, self.index)]
        key = unsent_key(self.item, self.list_name)
        editing = {k: v for k, v in session.editing.items() if k != key}
        if self.text.strip() and self.text != was:
            editing[key] = LineEdit(line=self.index + 1, was=was, text=self.text)
        session.editing = editing


@dataclass(frozen=True, kw_only=True)
class EditListItem(ListEdit):
    """Change the words of one line (an approach from last time counts as confirmed); its
    unsaved edit, if any, is saved with it."""

    index: int
    text: str

    def apply_to(self, session: Session, framework: Framework) -> None:
        lines = self.lines(session, framework)
        index = self.index_in(lines, self.index)
        self.drop_edit_of(session, index)
        old = lines[index]
        lines[index] = (
            Approach(text=self.text, status=old.status) if isinstance(old, Approach) else self.text
        )
        self.store(session, framework, lines)


@dataclass(frozen=True, kw_only=True)
class RemoveListItem(ListEdit):
    """Remove one line."""

    index: int

    def apply_to(self, session: Session, framework: Framework) -> None:
        lines = self.lines(session, framework)
        index = self.index_in(lines, self.index)
        self.drop_edit_of(session, index)  # removed while edited: the room chose to
        del lines[index]
        self.store(session, framework, lines)


@dataclass(frozen=True, kw_only=True)
class MoveListItem(ListEdit):
    """Move one line up (``delta`` -1) or down (1)."""

    index: int
    delta: int

    def apply_to(self, session: Session, framework: Framework) -> None:
        lines = self.lines(session, framework)
        index = self.index_in(lines, self.index)
        target = self.index_in(lines, self.index + self.delta)
        lines[index], lines[target] = lines[target], lines[index]
        self.store(session, framework, lines)


@dataclass(frozen=True, kw_only=True)
class SetApproachStatus(ItemEdit):
    """Mark an approach in place or planned."""

    index: int
    status: ApproachStatus

    def apply_to(self, session: Session, framework: Framework) -> None:
        record = self.characteristic_in(session, framework)
        approaches = list(record.approaches)
        old = approaches[_checked_index(self, approaches, self.index, "approach")]
        approaches[self.index] = Approach(
            text=old.text, status=self.status, from_last_time=old.from_last_time
        )
        record.approaches = approaches


@dataclass(frozen=True, kw_only=True)
class ConfirmApproach(ItemEdit):
    """Confirm that an approach carried from last time is still in place."""

    index: int

    def apply_to(self, session: Session, framework: Framework) -> None:
        record = self.characteristic_in(session, framework)
        approaches = list(record.approaches)
        old = approaches[_checked_index(self, approaches, self.index, "approach")]
        approaches[self.index] = Approach(text=old.text, status=old.status)
        record.approaches = approaches


@dataclass(frozen=True, kw_only=True)
class SetText(ItemEdit):
    """Write an item's free-text box: an area's notes, a characteristic's evidence summary.

    Typing into one box in quick succession is one undo step.
    """

    field: TextField
    text: str

    @property
    def coalesce(self) -> str | None:
        return f"{self.field}:{self.item}"

    def apply_to(self, session: Session, framework: Framework) -> None:
        if self.field == "notes":
            self.area_in(session, framework).notes = self.text
        else:
            self.characteristic_in(session, framework).evidence.summary = self.text


@dataclass(frozen=True, kw_only=True)
class SetRating(ItemEdit):
    """Set (or clear, with None) the agreed rating of one element of the matrix."""

    element: str
    value: int | None

    def apply_to(self, session: Session, framework: Framework) -> None:
        self.characteristic_in(session, framework)
        session.set_rating(self.item, self.element_of(framework, self.element), self.value)


@dataclass(frozen=True, kw_only=True)
class SetRatingNote(ItemEdit):
    """Write the note on one element's rating (why the team chose it)."""

    element: str
    note: str

    def apply_to(self, session: Session, framework: Framework) -> None:
        record = self.characteristic_in(session, framework)
        element = self.element_of(framework, self.element)
        rating = record.ratings.get(element)
        if rating is None:
            raise self.refuse("Rate the element before writing a note on it.")
        rating.note = self.note


@dataclass(frozen=True, kw_only=True)
class RecordRound(ItemEdit):
    """Keep a rating round as typed (and the rating agreed after it, if any)."""

    element: str
    text: str
    revealed: bool
    dissent: str = ""
    agreed: int | None = None
    refusal: ClassVar[str] = "Round not kept"

    def apply_to(self, session: Session, framework: Framework) -> None:
        self.characteristic_in(session, framework)
        element = self.element_of(framework, self.element)
        session.record_round(
            self.item, element, self.text, revealed=self.revealed, dissent=self.dissent
        )
        if self.agreed is not None:
            session.set_rating(self.item, element, self.agreed)


@dataclass(frozen=True, kw_only=True)
class SetSources(ItemEdit):
    """Record which data sources were reviewed and which are not collected yet."""

    reviewed: tuple[str, ...]
    not_collected: tuple[str, ...]
    refusal: ClassVar[str] = "Source not kept"

    def apply_to(self, session: Session, framework: Framework) -> None:
        record = self.characteristic_in(session, framework)
        evidence = record.evidence.model_copy(deep=True)
        evidence.set_sources(list(self.reviewed), list(self.not_collected))
        record.evidence = evidence


def sources_with(
    order: list[str], states: dict[str, SourceState | None]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(reviewed, not collected yet) from sources in ``order`` and each one's state."""
    reviewed = tuple(s for s in order if states.get(s) == "reviewed")
    not_collected = tuple(s for s in order if states.get(s) == "not-collected")
    return reviewed, not_collected


@dataclass(frozen=True, kw_only=True)
class SetNoData(ItemEdit):
    """Mark a results area "no data collected yet", or clear the mark."""

    no_data: bool

    def apply_to(self, session: Session, framework: Framework) -> None:
        self.area_in(session, framework).no_data_yet = self.no_data


@dataclass(frozen=True, kw_only=True)
class AddMeasure(ItemEdit):
    """Add a measure to a results area (and, with ``clear_no_data``, clear its "no data
    collected yet" mark in the same step)."""

    measure: Measure
    clear_no_data: bool = False

    def apply_to(self, session: Session, framework: Framework) -> None:
        record = self.area_in(session, framework)
        record.measures = [*record.measures, self.measure.model_copy(deep=True)]
        if self.clear_no_data:
            record.no_data_yet = False


@dataclass(frozen=True, kw_only=True)
class ReplaceMeasure(ItemEdit):
    """Replace one measure of a results area (its name, figures or source changed)."""

    index: int
    measure: Measure

    def apply_to(self, session: Session, framework: Framework) -> None:
        record = self.area_in(session, framework)
        measures = list(record.measures)
        if not 0 <= self.index < len(measures):
            raise self.refuse(f"There is no measure {self.index + 1}.")
        measures[self.index] = self.measure.model_copy(deep=True)
        record.measures = measures


@dataclass(frozen=True, kw_only=True)
class RemoveMeasure(ItemEdit):
    """Remove one measure of a results area."""

    index: int

    def apply_to(self, session: Session, framework: Framework) -> None:
        record = self.area_in(session, framework)
        measures = list(record.measures)
        if not 0 <= self.index < len(measures):
            raise self.refuse(f"There is no measure {self.index + 1}.")
        del measures[self.index]
        record.measures = measures


# -- the improvement plan and the review of last time's -------------------------------------


def _action_index(edit: Edit, session: Session, action_id: str) -> int:
    for index, action in enumerate(session.plan.actions):
        if action.id == action_id:
            return index
    raise edit.refuse(f"The plan has no action {action_id!r}.")


@dataclass(frozen=True, kw_only=True)
class AddActions(Edit):
    """Add actions at the end of the improvement plan (typed by the team, or drafted)."""

    actions: tuple[Action, ...]

    def apply_to(self, session: Session, framework: Framework) -> None:
        added = [a.model_copy(deep=True) for a in self.actions]
        session.plan.actions = [*session.plan.actions, *added]


@dataclass(frozen=True, kw_only=True)
class TakeSuggestions(Edit):
    """Add the drafted actions the team ticked, and remember those it left out (so they are
    not offered again; those now taken are forgotten as left out)."""

    taken: tuple[Action, ...]
    left_out: tuple[Action, ...] = ()

    def apply_to(self, session: Session, framework: Framework) -> None:
        plan = session.plan
        plan.record_declined(list(self.left_out), list(self.taken))
        plan.actions = [*plan.actions, *(a.model_copy(deep=True) for a in self.taken)]
        lot = session.parking_lot.model_copy(deep=True)
        lot.link_actions(plan.actions)
        session.parking_lot = lot


@dataclass(frozen=True, kw_only=True)
class ReplaceAction(Edit):
    """Replace an action of the plan (the one with the same id) with its edited version."""

    action: Action

    def apply_to(self, session: Session, framework: Framework) -> None:
        actions = list(session.plan.actions)
        index = _action_index(self, session, self.action.id)
        replacement = self.action.model_copy(deep=True)
        if replacement.action != actions[index].action:
            replacement.draft = False  # the team has worded the drafted action its own way
        actions[index] = replacement
        session.plan.actions = actions


@dataclass(frozen=True, kw_only=True)
class RemoveAction(Edit):
    """Remove an action from the plan."""

    action_id: str

    def apply_to(self, session: Session, framework: Framework) -> None:
        actions = list(session.plan.actions)
        del actions[_action_index(self, session, self.action_id)]
        session.plan.actions = actions


@dataclass(frozen=True, kw_only=True)
class MoveAction(Edit):
    """Move an action up (``delta`` -1) or down (1) the plan."""

    action_id: str
    delta: int

    def apply_to(self, session: Session, framework: Framework) -> None:
        actions = list(session.plan.actions)
        index = _action_index(self, session, self.action_id)
        target = index + self.delta
        if not 0 <= target < len(actions):
            raise self.refuse("The action cannot move further.")
        actions[index], actions[target] = actions[target], actions[index]
        session.plan.actions = actions


@dataclass(frozen=True, kw_only=True)
class ReviewAction(Edit):
    """Record what happened to an action of last time's plan (``note`` None: unchanged)."""

    action_id: str
    outcome: ActionOutcome | None
    note: str | None = None

    def apply_to(self, session: Session, framework: Framework) -> None:
        session.review_action(self.action_id, self.outcome, self.note)


# -- the parking lot --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ParkPoint(Edit):
    """Park a point raised while discussing ``raised_on`` (None: not about one item)."""

    text: str
    raised_on: str | None = None
    refusal: ClassVar[str] = "Not parked"

    def apply_to(self, session: Session, framework: Framework) -> None:
        if self.raised_on is not None and not framework.has_item(self.raised_on):
            raise self.refuse(f"{self.raised_on!r} is not a results area or characteristic.")
        lot = session.parking_lot.model_copy(deep=True)
        lot.park(self.text, self.raised_on)
        session.parking_lot = lot


def _point(edit: Edit, session: Session, point_id: str) -> ParkedPoint:
    point = session.parking_lot.find(point_id)
    if point is None:
        raise edit.refuse(f"The parking lot has no point {point_id!r}.")
    return point


@dataclass(frozen=True, kw_only=True)
class EditPoint(Edit):
    """Change the words of a parked point."""

    point_id: str
    text: str

    def apply_to(self, session: Session, framework: Framework) -> None:
        _point(self, session, self.point_id).text = self.text


@dataclass(frozen=True, kw_only=True)
class ClosePoint(Edit):
    """Close a parked point (it stays listed, marked closed)."""

    point_id: str

    def apply_to(self, session: Session, framework: Framework) -> None:
        if not _point(self, session, self.point_id).is_open:
            raise self.refuse("Only a point still parked can be closed.")
        session.parking_lot.close(self.point_id)


@dataclass(frozen=True, kw_only=True)
class ReopenPoint(Edit):
    """Park a closed point again."""

    point_id: str

    def apply_to(self, session: Session, framework: Framework) -> None:
        if _point(self, session, self.point_id).state != "closed":
            raise self.refuse("Only a closed point can be parked again.")
        session.parking_lot.reopen(self.point_id)


@dataclass(frozen=True, kw_only=True)
class SuggestPoint(Edit):
    """Suggest a parked point for the improvement plan (a draft once the team builds the
    plan), or take the suggestion back."""

    point_id: str

    def apply_to(self, session: Session, framework: Framework) -> None:
        if _point(self, session, self.point_id).state not in ("open", "suggested"):
            raise self.refuse("Only a point still parked can be suggested for the plan.")
        lot = session.parking_lot.model_copy(deep=True)
        lot.suggest(self.point_id)
        session.parking_lot = lot


# -- the session as a whole -------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SetDetails(Edit):
    """Change the service and the workshop (dates, facilitator, team)."""

    service: ServiceInfo
    workshop: Workshop

    def apply_to(self, session: Session, framework: Framework) -> None:
        session.service = self.service.model_copy(deep=True)
        session.workshop = self.workshop.model_copy(deep=True)


@dataclass(frozen=True, kw_only=True)
class SetAttendance(Edit):
    """Record who was there on each workshop date."""

    attendance: dict[date, Attendance]

    def apply_to(self, session: Session, framework: Framework) -> None:
        attendance = {d: a.model_copy(deep=True) for d, a in self.attendance.items()}
        session.workshop.attendance = attendance

    def __hash__(self) -> int:  # a dict field: hash by identity, as the edit is never a key
        return id(self)


@dataclass(frozen=True, kw_only=True)
class SetAgenda(Edit):
    """Set the workshop's hours and the items' time budgets."""

    agenda: Agenda

    def apply_to(self, session: Session, framework: Framework) -> None:
        session.agenda = self.agenda.model_copy(deep=True)


@dataclass(frozen=True, kw_only=True)
class SetKeyMessages(Edit):
    """Write the team's key messages for the findings document."""

    text: str

    def apply_to(self, session: Session, framework: Framework) -> None:
        session.findings.key_messages = self.text


@dataclass(frozen=True, kw_only=True)
class SetFindings(Edit):
    """Record the findings document's key messages, status and sign-off."""

    findings: Findings

    def apply_to(self, session: Session, framework: Framework) -> None:
        session.findings = self.findings.model_copy(deep=True)


# -- Section 1 as benchmarking: comparators, standings, trends, links, imported figures -------


def _measure_index(edit: ItemEdit, record: AreaRecord, index: int) -> int:
    """``index`` if the area has a measure there (refused otherwise)."""
    if not 0 <= index < len(record.measures):
        raise edit.refuse(f"There is no measure {index + 1} (the area has {len(record.measures)}).")
    return index


@dataclass(frozen=True, kw_only=True)
class MeasureEdit(ItemEdit):
    """An edit of one measure of a results area, by its place in the area's list."""

    index: int

    def change_measure(
        self, session: Session, framework: Framework, change: Callable[[Measure], None]
    ) -> None:
        """Make ``change`` to a copy of the measure (each value validated as it goes in), then
        put the copy in its place."""
        record = self.area_in(session, framework)
        measures = list(record.measures)
        index = _measure_index(self, record, self.index)
        measure = measures[index].model_copy(deep=True)
        change(measure)
        measures[index] = measure
        record.measures = measures


@dataclass(frozen=True, kw_only=True)
class SetComparators(MeasureEdit):
    """Set a measure's comparators (external benchmarks), their figures by period and any
    standing the team judged against them."""

    comparators: tuple[Comparator, ...]

    def apply_to(self, session: Session, framework: Framework) -> None:
        def change(measure: Measure) -> None:
            measure.comparators = [c.model_copy(deep=True) for c in self.comparators]

        self.change_measure(session, framework, change)


@dataclass(frozen=True, kw_only=True)
class JudgeStanding(MeasureEdit):
    """The team's judgement of where a measure stands against a comparator in one period
    (above, below, in line), overruling the rule's; None takes the rule's again."""

    comparator: str
    period: str
    standing: Standing | None

    def apply_to(self, session: Session, framework: Framework) -> None:
        def change(measure: Measure) -> None:
            comparator = measure.comparator(self.comparator)
            if comparator is None:
                raise self.refuse(f"{measure.name} has no comparator named {self.comparator!r}.")
            try:
                measure.judge(comparator, self.period, self.standing)
            except ValueError as err:
                raise self.refuse(str(err)) from err

        self.change_measure(session, framework, change)


@dataclass(frozen=True, kw_only=True)
class SetTrend(MeasureEdit):
    """The team's judgement of a measure's trend (the suggested one taken, or another chosen;
    None: not judged)."""

    trend: Trend | None

    def apply_to(self, session: Session, framework: Framework) -> None:
        def change(measure: Measure) -> None:
            measure.trend = self.trend

        self.change_measure(session, framework, change)


@dataclass(frozen=True, kw_only=True)
class SetLinked(ItemEdit):
    """Name the characteristics whose practices explain a results area's results."""

    linked: tuple[str, ...]

    def apply_to(self, session: Session, framework: Framework) -> None:
        record = self.area_in(session, framework)
        known = {c.id for c in framework.items}
        unknown = [c for c in self.linked if c not in known]
        if unknown:
            raise self.refuse(f"Not a characteristic: {', '.join(unknown)}.")
        record.linked = list(self.linked)


@dataclass(frozen=True, kw_only=True)
class ImportFigures(Edit):
    """Merge figures read from a spreadsheet into the session, all at once or not at all.

    The figures are planned against the session as it is when the edit is applied (the team
    may have typed since the file was read); ``replace`` says whether figures in the session
    that differ from the file's are replaced (the team was asked) or kept.
    """

    read: FiguresRead
    replace: bool = False
    reopen: tuple[str, ...] = ()
    """Agreed results areas the room agreed to reopen if the import changes them (an agreed
    area it would change, not named here, refuses the import with :class:`NeedsReopen`)."""
    refusal: ClassVar[str] = "Figures not imported"

    def apply_to(self, session: Session, framework: Framework) -> None:
        try:
            plan = plan_import(session, self.read, framework)
        except FiguresFileError as err:
            raise self.refuse(err.message) from err
        agreed = {
            area.id: session.area(area.id).model_dump()
            for area in framework.areas
            if session.area(area.id).state == "agreed"
        }
        apply_import(session, plan, replace=self.replace)
        changed = [a for a, was in agreed.items() if session.area(a).model_dump() != was]
        asked = [a for a in changed if a not in self.reopen]
        if asked:
            label = and_joined([framework.area(a).label for a in asked])
            raise NeedsReopen(self, label, asked, many=len(asked) > 1)
        for area_id in changed:
            session.area(area_id).state = "in-progress"

    def __hash__(self) -> int:  # the rows read are a list: hash by identity (never a key)
        return id(self)
