"""Provides the session models: one self-assessment, as the team records it.

Who took part, what the team recorded for each results area and characteristic, and the
improvement plan. Identifiers are checked against a framework passed in the validation
context (see :func:`~benchmark_tui.models.framework.session_context`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from benchmark_tui.models.common import (
    FINDINGS_MAX,
    FINDINGS_MIN,
    MAX_ITEMS,
    SCHEMA_VERSION,
    Id,
    ProgressState,
    Step,
    Text,
    _Record,
    plain_error,
)
from benchmark_tui.models.drafts import (
    PlanDraft,
    improvement_draft,
    no_data_draft,
    no_data_improvement,
    parked_draft,
)
from benchmark_tui.models.framework import (
    Characteristic,
    Framework,
    FrameworkRef,
    MatrixElement,
)
from benchmark_tui.models.meta import (
    ActionOutcome,
    ActionReview,
    Findings,
    Position,
    PreviousSession,
)
from benchmark_tui.models.pacing import Agenda, Seconds
from benchmark_tui.models.parking import ParkingLot
from benchmark_tui.models.records import (
    Action,
    AreaId,
    AreaRecord,
    CharacteristicId,
    CharacteristicRecord,
    ImprovementPlan,
    ItemId,
    Rating,
    ServiceInfo,
    Workshop,
)
from benchmark_tui.models.rounds import parse_round


def _format_number(value: Any) -> Any:
    """The format version is the number 1: not true, 1.0 or "1", which pydantic would take."""
    if type(value) is not int or value != SCHEMA_VERSION:
        raise PydanticCustomError(
            "format_version",
            f"must be {SCHEMA_VERSION}, the session file format this version reads",
        )
    return value


UnsentField = Literal["approaches", "strengths", "improvements", "new-source"]
"""The one-line boxes of an item whose text is kept before it is sent with Enter."""
UNSENT_NOUNS: dict[str, str] = {
    "approaches": "approach",
    "strengths": "strength",
    "improvements": "area for improvement",
    "new-source": "data source",
}
"""What the text in each box becomes once it is sent."""
UNSENT_STEPS: dict[str, Step] = {
    "approaches": "approaches",
    "strengths": "findings",
    "improvements": "findings",
    "new-source": "evidence",
}
"""The step whose box each kind of unsent text is in."""
UnsentKey = Annotated[
    str, Field(pattern=r"^[a-z0-9-]+:(approaches|strengths|improvements|new-source)$")
]
"""``item:box``, e.g. ``leadership:approaches``."""
EditedList = Literal["approaches", "strengths", "improvements"]
"""The lists whose lines the team edits in place (an approach, a strength …)."""
EditingKey = Annotated[str, Field(pattern=r"^[a-z0-9-]+:(approaches|strengths|improvements)$")]
"""``item:list``, e.g. ``leadership:strengths``: one line of a list is edited at a time."""


def unsent_key(item: str, box: UnsentField) -> str:
    """The key of an item's box in :attr:`Session.unsent` (``leadership:approaches``)."""
    return f"{item}:{box}"


class LineEdit(_Record):
    """A line of a list being edited: the words in its box, not yet saved with Enter."""

    line: int = Field(ge=1, le=MAX_ITEMS)
    """Where the line was (1 for the first) when last seen; :attr:`was` finds it again."""
    was: Text
    """The line's words before the edit (how it is found if the list has changed)."""
    text: Text
    """The words in the box now."""


@dataclass(frozen=True)
class Unsent:
    """Text typed into one of an item's boxes and not yet sent with Enter: a new line, or
    the new words of an existing line being edited (``line``, 1 for the first)."""

    item: str
    box: UnsentField
    text: str
    line: int | None = None

    @property
    def noun(self) -> str:
        """What the text becomes once sent ("approach", "strength" …)."""
        return UNSENT_NOUNS[self.box]

    @property
    def label(self) -> str:
        """What it is, in words: "approach", or "change to approach 2" for a line edited."""
        return self.noun if self.line is None else f"change to {self.noun} {self.line}"

    @property
    def waiting(self) -> str:
        """Why it is waiting: "approach not yet added", "change to approach 2 not yet saved"."""
        return f"{self.label} not yet {'added' if self.line is None else 'saved'}"

    @property
    def step(self) -> Step:
        """The step the box is on."""
        return UNSENT_STEPS[self.box]


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Finding:
    """A gentle remark about the findings of one item ("only one strength so far")."""

    item_id: str
    message: str


@dataclass(frozen=True)
class Progress:
    """How far the workshop has got across all 14 items."""

    agreed: int
    in_progress: int
    not_started: int
    unknown: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Number of items (4 results areas and 10 characteristics)."""
        return self.agreed + self.in_progress + self.not_started

    @property
    def label(self) -> str:
        """E.g. "7/14 agreed"."""
        return f"{self.agreed}/{self.total} agreed"


def count_remark(kind: str, items: list[str]) -> str | None:
    """A gentle remark when a findings list falls outside two to four items, else None.

    Args:
        kind: "strength" or "area for improvement".
        items: the list as recorded.
    """
    count = len(items)
    plural = "areas for improvement" if kind == "area for improvement" else f"{kind}s"
    if count < FINDINGS_MIN:
        have = "none yet" if count == 0 else f"only {count} {kind}"
        return f"{have}: aim for two to four {plural}"
    if count > FINDINGS_MAX:
        return f"{count} {plural}: the method suggests two to four; consider merging some"
    return None


class Session(_Record):
    """One self-assessment: the who, the what, the team's findings and the plan."""

    schema_version: Annotated[Literal[1], BeforeValidator(_format_number)] = SCHEMA_VERSION
    """The session file format; bumped only with a migration."""
    framework: FrameworkRef
    service: ServiceInfo
    workshop: Workshop = Field(default_factory=Workshop)
    previous: PreviousSession | None = Field(default=None, exclude_if=lambda link: link is None)
    """The self-assessment this one follows on from (left out of the file when there is none)."""
    plan_review: dict[Id, ActionReview] = Field(
        default_factory=dict, max_length=MAX_ITEMS, exclude_if=lambda review: not review
    )
    """What happened to each action of the previous plan, keyed by its action id (``a3``)."""
    results: dict[AreaId, AreaRecord] = Field(default_factory=dict)
    """Section 1, keyed by results area id."""
    characteristics: dict[CharacteristicId, CharacteristicRecord] = Field(default_factory=dict)
    """Section 2, keyed by characteristic id."""
    plan: ImprovementPlan = Field(default_factory=ImprovementPlan)
    findings: Findings = Field(
        default_factory=Findings, exclude_if=lambda findings: findings == Findings()
    )
    """Key messages and sign-off for the findings document (left out of the file until set)."""
    position: Position = Field(default_factory=Position)
    agenda: Agenda = Field(default_factory=Agenda, exclude_if=lambda agenda: agenda == Agenda())
    """The workshop's hours and the items' time budgets (left out of the file until set)."""
    time_spent: dict[ItemId, Seconds] = Field(
        default_factory=dict, max_length=MAX_ITEMS, exclude_if=lambda spent: not spent
    )
    """Seconds spent on each item while it was on screen; not a team edit (no undo step)."""
    parking_lot: ParkingLot = Field(
        default_factory=ParkingLot, exclude_if=lambda lot: not lot.points
    )
    """Points parked to come back to (left out of the file while there are none)."""
    unsent: dict[UnsentKey, Text] = Field(
        default_factory=dict, max_length=MAX_ITEMS, exclude_if=lambda unsent: not unsent
    )
    """Text typed into an item's box (a new approach, strength …) and not yet sent with
    Enter, keyed ``item:box``: what the room saw is kept, like where the team is, and shown
    in the box again (left out of the file while there is none)."""
    editing: dict[EditingKey, LineEdit] = Field(
        default_factory=dict, max_length=MAX_ITEMS, exclude_if=lambda editing: not editing
    )
    """Lines being edited and not yet saved with Enter, keyed ``item:list``: kept like the
    text in a new line's box (:meth:`settle_edits` keeps them with their lines)."""
    created: datetime = Field(default_factory=_utc_now)
    updated: datetime = Field(default_factory=_utc_now)

    @field_validator("created", "updated")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return value if value.tzinfo else value.replace(tzinfo=UTC)

    @classmethod
    def new(
        cls,
        framework: Framework,
        service: ServiceInfo,
        workshop: Workshop | None = None,
        *,
        now: datetime | None = None,
    ) -> Session:
        """Start a session with an empty record for every area and characteristic."""
        stamp = now or _utc_now()
        session = cls(
            framework=framework.reference,
            service=service,
            workshop=workshop or Workshop(dates=[stamp.date()]),
            created=stamp,
            updated=stamp,
        )
        session.fill_missing(framework)
        return session

    def fill_missing(self, framework: Framework) -> None:
        """Add empty records for any area, characteristic or matrix element not yet present."""
        for area in framework.areas:
            self.results.setdefault(area.id, AreaRecord())
        for characteristic in framework.items:
            record = self.characteristics.setdefault(characteristic.id, CharacteristicRecord())
            for element in framework.elements:
                record.ratings.setdefault(element.id, Rating())

    def matches(self, framework: Framework) -> bool:
        """Whether the session was made with exactly this framework content."""
        return self.framework.id == framework.id and self.framework.hash == framework.content_hash

    def area(self, area_id: str) -> AreaRecord:
        """The record for a results area, created empty if missing."""
        return self.results.setdefault(area_id, AreaRecord())

    def record(self, characteristic_id: str) -> CharacteristicRecord:
        """The record for a characteristic, created empty if missing."""
        return self.characteristics.setdefault(characteristic_id, CharacteristicRecord())

    def areas_linked_to(self, characteristic_id: str) -> list[str]:
        """The results areas whose results the team linked to a characteristic's practices."""
        return [
            area_id
            for area_id, record in self.results.items()
            if characteristic_id in record.linked
        ]

    def unsent_in(self, item_id: str, step: Step | None = None) -> list[Unsent]:
        """The text waiting unsent in an item's boxes (on one step, if given), in box order;
        a line being edited comes before its list's new line."""
        found = []
        for box in UNSENT_NOUNS:
            waiting = []
            if box != "new-source":
                edit = self.line_edit(item_id, box)  # type: ignore[arg-type]
                if edit is not None:
                    waiting.append(Unsent(item_id, box, edit[1], edit[0] + 1))  # type: ignore[arg-type]
            text = self.unsent.get(unsent_key(item_id, box), "")  # type: ignore[arg-type]
            if text.strip():
                waiting.append(Unsent(item_id, box, text))  # type: ignore[arg-type]
            found += [u for u in waiting if step is None or u.step == step]
        return found

    def lines_of(self, item_id: str, name: EditedList) -> list[str]:
        """The words of each line of one of an item's lists (none for an unknown item)."""
        if name == "approaches":
            record = self.characteristics.get(item_id)
            return [a.text for a in record.approaches] if record else []
        found = self.results.get(item_id) or self.characteristics.get(item_id)
        return list(getattr(found, name)) if found else []

    def line_edit(self, item_id: str, name: EditedList) -> tuple[int, str] | None:
        """The line of a list being edited (0 for the first) and the words in its box, or
        None. The line is the one with the words it had (the one last seen, among equals);
        None too when no line has them any more (:meth:`settle_edits` keeps the words)."""
        edit = self.editing.get(unsent_key(item_id, name))
        if edit is None:
            return None
        lines = self.lines_of(item_id, name)
        seen = edit.line - 1
        if seen < len(lines) and lines[seen] == edit.was:
            return seen, edit.text
        found = [i for i, line in enumerate(lines) if line == edit.was]
        if not found:
            return None
        return min(found, key=lambda i: abs(i - seen)), edit.text

    def settle_edits(self) -> None:
        """Keep each line being edited with its line after the list changed (a line moved,
        one before it removed, an undo): where the line has gone, its words are kept in the
        list's box for a new line, so nothing typed is lost."""
        if not self.editing:
            return
        editing = dict(self.editing)
        unsent = dict(self.unsent)
        for key, edit in self.editing.items():
            item_id, name = key.split(":")
            found = self.line_edit(item_id, name)  # type: ignore[arg-type]
            if found is not None:
                if found[0] + 1 != edit.line:
                    editing[key] = edit.model_copy(update={"line": found[0] + 1})
                continue
            del editing[key]
            waiting = unsent.get(key, "").strip()
            unsent[key] = f"{waiting} {edit.text}" if waiting else edit.text
        if editing != self.editing:
            self.editing = editing
        if unsent != self.unsent:
            self.unsent = unsent

    def state_of(self, item_id: str) -> ProgressState:
        """The progress state of an area or characteristic."""
        if item_id in self.results:
            return self.results[item_id].state
        if item_id in self.characteristics:
            return self.characteristics[item_id].state
        return "not-started"

    def set_rating(self, characteristic_id: str, element_id: str, value: int | None) -> None:
        """Record (or clear, with None) the agreed rating of one element."""
        record = self.record(characteristic_id)
        rating = record.ratings.setdefault(element_id, Rating())
        rating.value = value
        self.mark_started(characteristic_id)

    def record_round(
        self,
        characteristic_id: str,
        element_id: str,
        text: str,
        *,
        revealed: bool,
        dissent: str = "",
    ) -> Rating:
        """Record a rating round as typed (``0 1 3 1 0`` or ``Sam 3, Priya 2``).

        The agreed rating is left as it was: agreeing is the facilitator's decision
        (:meth:`set_rating`), never a side effect of counting.

        Raises:
            ValueError: the text is not a round, with what to type instead.
        """
        tally, votes = parse_round(text)
        record = self.record(characteristic_id)
        agreed = record.ratings.get(element_id) or Rating()
        # Built whole, so a name too long leaves the element as it was.
        try:
            rating = Rating(
                value=agreed.value,
                note=agreed.note,
                tally=tally,
                votes=votes,
                revealed=revealed,
                dissent=dissent,
            )
        except ValidationError as err:  # said without the votes, which are hidden
            raise ValueError(f"Not recorded. {plain_error(err)}") from None
        record.ratings[element_id] = rating
        self.mark_started(characteristic_id)
        return rating

    @property
    def has_rounds(self) -> bool:
        """Whether the team held a rating round for any element."""
        return any(
            rating.has_round
            for record in self.characteristics.values()
            for rating in record.ratings.values()
        )

    def people_present(self) -> int:
        """How many people could rate in a round (the room): the team members marked present
        on the latest date whose attendance was taken, else the team. Guests do not rate."""
        latest = self.workshop.latest_attendance()
        if latest is not None:
            return len(latest[1].present)
        return len(self.workshop.team)

    def review_action(
        self, action_id: str, outcome: ActionOutcome | None, note: str | None = None
    ) -> ActionReview:
        """Record what happened to an action of the previous plan (``note`` None: unchanged).

        A review left with neither an outcome nor a note is forgotten (it says nothing).
        """
        was = self.plan_review.get(action_id) or ActionReview()
        review = ActionReview(outcome=outcome, note=was.note if note is None else note)
        reviews = {**self.plan_review, action_id: review}
        if review == ActionReview():
            del reviews[action_id]
        self.plan_review = reviews
        return review

    def mark_started(self, item_id: str) -> None:
        """Move an item from "not started" to "in progress" (agreed items stay agreed)."""
        target = self.results.get(item_id) or self.characteristics.get(item_id)
        if target is not None and target.state == "not-started":
            target.state = "in-progress"

    def touch(self, now: datetime | None = None) -> None:
        """Record that the session changed."""
        self.updated = now or _utc_now()

    def progress(self, framework: Framework) -> Progress:
        """How many of the framework's items are agreed, in progress and not started."""
        states = [self.state_of(i) for i in framework.item_ids]
        unknown = [i for i in [*self.results, *self.characteristics] if not framework.has_item(i)]
        return Progress(
            agreed=states.count("agreed"),
            in_progress=states.count("in-progress"),
            not_started=states.count("not-started"),
            unknown=unknown,
        )

    def findings_remarks(self, framework: Framework) -> list[Finding]:
        """Gentle remarks where an item has fewer than two or more than four findings.

        Only items the team has started are remarked upon.
        """
        remarks: list[Finding] = []
        for item_id in framework.item_ids:
            record: AreaRecord | CharacteristicRecord | None = self.results.get(
                item_id
            ) or self.characteristics.get(item_id)
            if record is None or record.state == "not-started":
                continue
            for kind, items in (
                ("strength", record.strengths),
                ("area for improvement", record.improvements),
            ):
                remark = count_remark(kind, items)
                if remark:
                    remarks.append(Finding(item_id, remark))
        return remarks

    def unrated(self, framework: Framework) -> Iterator[tuple[Characteristic, MatrixElement]]:
        """Every (characteristic, element) pair still without a rating."""
        for characteristic in framework.items:
            record = self.characteristics.get(characteristic.id)
            for element in framework.elements:
                if record is None or record.rating_for(element.id) is None:
                    yield characteristic, element

    def suggested_actions(
        self, framework: Framework, *, include_declined: bool = False
    ) -> list[Action]:
        """Draft plan actions: one per area for improvement and per piece of missing data (a
        "no data yet" area, a data source not collected yet).

        Suggestions already in the plan (same item and wording) are left out, so the team can
        ask for suggestions again after editing without getting duplicates; so are those the
        team declined (``plan.declined``) unless ``include_declined``.
        """
        existing = {(a.item, a.improvement) for a in self.plan.actions}
        if not include_declined:
            existing |= {(d.item, d.improvement) for d in self.plan.declined}
        # Missing data is answered whichever item the action is linked to (one action starts
        # collecting a source for every characteristic that lists it).
        missing = {improvement for _, improvement in existing}
        suggestions: list[Action] = []
        next_number = len(self.plan.actions) + 1
        taken = {a.id for a in self.plan.actions}
        for draft in self.drafts(framework):
            if draft.key in existing or (
                draft.origin == "no-data" and draft.improvement in missing
            ):
                continue
            while f"a{next_number}" in taken:
                next_number += 1
            taken.add(f"a{next_number}")
            suggestions.append(draft.to_action(f"a{next_number}"))
        return suggestions

    def drafts(self, framework: Framework) -> Iterator[PlanDraft]:
        """Every plan action the self-assessment suggests, in workshop order: for each item,
        its missing data first, then its areas for improvement; then the parked points the
        team suggested for the plan.

        A data source several characteristics do not collect yet is drafted once, where it is
        first listed, naming them all (one action starts collecting it for all of them).
        """
        for area in framework.areas:
            record = self.results.get(area.id)
            if record is None:
                continue
            if record.no_data_yet:
                yield no_data_draft(area)
            for improvement in record.improvements:
                yield improvement_draft(area.id, improvement)
        listing: dict[str, list[Characteristic]] = {}
        for characteristic in framework.items:
            found = self.characteristics.get(characteristic.id)
            for source in found.evidence.not_collected if found else []:
                listing.setdefault(no_data_improvement(source), []).append(characteristic)
        drafted: set[str] = set()
        for characteristic in framework.items:
            found = self.characteristics.get(characteristic.id)
            if found is None:
                continue
            for source in found.evidence.not_collected:
                improvement = no_data_improvement(source)
                if improvement in drafted:
                    continue
                drafted.add(improvement)
                others = [c for c in listing[improvement] if c is not characteristic]
                yield no_data_draft(characteristic, source, also=others)
            for improvement in found.improvements:
                yield improvement_draft(characteristic.id, improvement)
        for point in self.parking_lot.suggested_points:
            yield parked_draft(point)
