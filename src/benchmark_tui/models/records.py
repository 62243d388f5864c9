"""Provides the records a session is made of: the service, the team, each item's findings, the plan.

Identifiers are checked against a framework passed in the validation context
(:func:`session_context`), so a typo in a hand-edited file is reported, not silently kept.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    Strict,
    ValidationInfo,
    model_validator,
)

from benchmark_tui.models.common import (
    GOVERNANCE_LABELS,
    MAX_ITEMS,
    SCOPE_LABELS,
    ActionOrigin,
    ActionStatus,
    ApproachStatus,
    Governance,
    Id,
    Line,
    Name,
    Priority,
    ProgressState,
    RequiredName,
    Scope,
    Text,
    _Record,
    day_label,
)
from benchmark_tui.models.evidence import Evidence, Measure
from benchmark_tui.models.evidence import PeriodValue as PeriodValue  # re-exported
from benchmark_tui.models.framework import (
    Framework,
)
from benchmark_tui.models.rounds import (
    MAX_VOTERS,
    POINTS,
    WIDE_SPREAD,
    counts_of,
    median_of,
    spread_of,
    suggested_rating,
    tally_label,
)


def session_context(framework: Framework, *, strict_ids: bool = True) -> dict[str, Any]:
    """Build the validation context that checks a session's ids against ``framework``.

    Args:
        framework: the framework the session is validated against.
        strict_ids: when True an unknown id is an error. When False (the session was made with
            another version of the framework) unknown ids are kept and collected in the
            context's ``"unknown_ids"`` list so that they can be reported.
    """
    return {"framework": framework, "strict_ids": strict_ids, "unknown_ids": []}


def _check_item_id(kind: Literal["area", "characteristic", "item", "element"]):
    """Make a validator that checks an id against the framework in the validation context."""

    def check(value: str, info: ValidationInfo) -> str:
        context = info.context or {}
        framework: Framework | None = context.get("framework")
        if framework is None:
            return value
        known = framework._ids_of_kind[kind]
        if value in known:
            return value
        if not context.get("strict_ids", True):
            context.setdefault("unknown_ids", []).append(value)
            return value
        article = "an" if kind[0] in "aeiou" else "a"
        names = "a results area or characteristic" if kind == "item" else f"{article} {kind}"
        raise ValueError(
            f"{value!r} is not {names} of this framework; expected one of: {', '.join(known)}"
        )

    return AfterValidator(check)


AreaId = Annotated[Id, _check_item_id("area")]
CharacteristicId = Annotated[Id, _check_item_id("characteristic")]
ItemId = Annotated[Id, _check_item_id("item")]
ElementId = Annotated[Id, _check_item_id("element")]
RatingValue = Annotated[int, Strict(), Field(ge=0, le=4)]
"""A rating on the 0–4 scale. Strict, so ``yes`` or ``"3"`` in a file is reported, not guessed."""
VoteCount = Annotated[int, Strict(), Field(ge=0, le=MAX_VOTERS)]
"""How many people chose one point in a rating round."""


class TeamMember(_Record):
    """One member of the self-assessment team."""

    name: RequiredName
    role: Name = ""
    """Their role, e.g. "Reader development librarian"."""


class ServiceInfo(_Record):
    """The service (or single library) being assessed."""

    name: RequiredName
    """E.g. "Example Borough Libraries"."""
    scope: Scope = "whole-service"
    library: Name = ""
    """The library assessed, when the scope is an individual library."""
    governance: Governance = "council-run"
    governance_detail: Name = ""
    """How the service is run, when governance is "other" (e.g. "Trust", "Mutual")."""

    @model_validator(mode="after")
    def _library_named_when_needed(self) -> ServiceInfo:
        if self.scope == "library" and not self.library:
            raise ValueError("name the library when the scope is an individual library")
        return self

    @property
    def scope_label(self) -> str:
        """ "Whole service" or "Individual library: Central Library"."""
        if self.scope == "library":
            return f"{SCOPE_LABELS['library']}: {self.library}"
        return SCOPE_LABELS["whole-service"]

    @property
    def governance_label(self) -> str:
        """ "Council-run", "Community-managed" or the detail given for "other"."""
        if self.governance == "other" and self.governance_detail:
            return f"Other: {self.governance_detail}"
        return GOVERNANCE_LABELS[self.governance]


class Attendance(_Record):
    """Who was there on one day of the workshop: members of the team, and guests."""

    present: list[RequiredName] = Field(default_factory=list, max_length=MAX_ITEMS)
    """The names of the team members who were there."""
    guests: list[RequiredName] = Field(
        default_factory=list, max_length=MAX_ITEMS, exclude_if=lambda guests: not guests
    )
    """People from outside the team who took part (left out of the file while none)."""

    @property
    def count(self) -> int:
        """How many people were there, guests included."""
        return len(self.present) + len(self.guests)

    def label(self, when: date) -> str:
        """ "Present on 12 March 2026: Sam Branch, Priya Shah; guest: Jo Lee"."""
        text = f"Present on {day_label(when)}: {', '.join(self.present) or 'nobody recorded'}"
        if self.guests:
            text += f"; guest{'s' if len(self.guests) > 1 else ''}: {', '.join(self.guests)}"
        return text


class Workshop(_Record):
    """When the workshop happened and who took part."""

    dates: list[date] = Field(default_factory=list, max_length=50)
    """The day or days of the workshop."""
    facilitator: Name = ""
    team: list[TeamMember] = Field(default_factory=list, max_length=MAX_ITEMS)
    attendance: dict[date, Attendance] = Field(
        default_factory=dict, max_length=50, exclude_if=lambda attendance: not attendance
    )
    """Who was there on each workshop date (left out of the file until taken)."""

    @model_validator(mode="after")
    def _attendance_on_workshop_dates(self) -> Workshop:
        for when in self.attendance:
            if when not in self.dates:
                raise ValueError(
                    f"attendance for {when.isoformat()}, which is not one of the workshop "
                    "dates: add the date or remove its attendance"
                )
        return self

    def latest_attendance(self) -> tuple[date, Attendance] | None:
        """The attendance of the latest date it was taken on, if any."""
        if not self.attendance:
            return None
        when = max(self.attendance)
        return when, self.attendance[when]

    @property
    def dates_label(self) -> str:
        """The workshop dates written out, e.g. "12 March 2026, 19 March 2026"."""
        return ", ".join(day_label(d) for d in sorted(self.dates))


class AreaRecord(_Record):
    """What the team recorded for one results area of Section 1."""

    state: ProgressState = "not-started"
    no_data_yet: bool = False
    """The service does not collect data for this area yet (a plan action, not a failure)."""
    measures: list[Measure] = Field(default_factory=list, max_length=MAX_ITEMS)
    notes: Text = ""
    """What the trends show, in the team's words."""
    strengths: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)
    improvements: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Areas for improvement."""
    linked: list[CharacteristicId] = Field(
        default_factory=list, max_length=MAX_ITEMS, exclude_if=lambda linked: not linked
    )
    """The characteristics whose practices explain these results ("linking these results to
    … organisational practices"), by id (left out of the file while none)."""

    @model_validator(mode="after")
    def _linked_once(self) -> AreaRecord:
        twice = sorted({c for c in self.linked if self.linked.count(c) > 1})
        if twice:
            raise ValueError(f"a characteristic linked twice: {', '.join(twice)}")
        return self

    @property
    def short_measures(self) -> list[Measure]:
        """The measures with fewer than three years of data (the framework asks for three)."""
        return [m for m in self.measures if not m.has_three_years]


class Approach(_Record):
    """One line of the flipchart: a method or practice in place or planned."""

    text: Line
    status: ApproachStatus = "in-place"
    from_last_time: bool = Field(default=False, exclude_if=lambda carried: not carried)
    """Carried over from the previous self-assessment and not yet confirmed by the team.

    Cleared when the team confirms it is still in place or edits it (left out of the file
    while False, so files without it read and write unchanged).
    """

    def confirm(self) -> None:
        """Record that the team confirmed (or edited) an approach carried from last time."""
        self.from_last_time = False


class Rating(_Record):
    """The agreed rating of one matrix element for one characteristic."""

    value: RatingValue | None = None
    """0 Not at all … 4 Completely; None until the team agrees."""
    note: Text = ""
    """Why the team chose this rating."""
    votes: dict[Name, RatingValue] = Field(
        default_factory=dict, max_length=MAX_ITEMS, exclude_if=lambda votes: not votes
    )
    """A rating round by name: each person's rating before the team agreed (or ``tally``)."""
    tally: list[VoteCount] = Field(
        default_factory=list, max_length=POINTS, exclude_if=lambda tally: not tally
    )
    """A rating round by count: how many people chose each point 0–4, e.g. ``[0, 1, 3, 1, 0]``
    (points left off the end were chosen by nobody)."""
    revealed: bool = Field(default=False, exclude_if=lambda revealed: not revealed)
    """Whether the round has been shown to the room (until then it stays hidden)."""
    dissent: Text = Field(default="", exclude_if=lambda dissent: not dissent)
    """A view that did not carry, in the team's words."""

    @model_validator(mode="after")
    def _one_kind_of_round(self) -> Rating:
        if self.tally and self.votes:
            raise ValueError("a round is either votes by name or a tally of counts, not both")
        return self

    @property
    def has_round(self) -> bool:
        """Whether the team held a rating round for this element."""
        return any(self.tally) or bool(self.votes)

    @property
    def counts(self) -> list[int]:
        """How many people chose each point 0–4 in the round (all 0 without one)."""
        if self.votes:
            return counts_of(self.votes)
        # A hand-written tally may stop early: the points it leaves out were chosen by nobody.
        return [*self.tally, *[0] * (POINTS - len(self.tally))]

    @property
    def voters(self) -> int:
        """How many people rated in the round."""
        return sum(self.counts)

    @property
    def median(self) -> float | None:
        """The round's median rating (2.5 between two points); None without a round."""
        return median_of(self.counts)

    @property
    def suggested(self) -> int | None:
        """The rating offered to agree after the round: the median (the lower, between two)."""
        return suggested_rating(self.counts)

    @property
    def spread(self) -> int:
        """Points between the lowest and the highest rating of the round."""
        return spread_of(self.counts)

    @property
    def is_wide(self) -> bool:
        """The round's ratings span two points or more: worth discussing."""
        return self.spread >= WIDE_SPREAD

    @property
    def votes_label(self) -> str:
        """ "votes: 1 at 2, 4 at 3, 1 at 4" (empty without a round)."""
        return f"votes: {tally_label(self.counts)}" if self.has_round else ""

    def count_differs(self, present: int) -> bool:
        """The round counts a different number of people than were present, with no note
        saying why (somebody abstained, arrived late). Without a note it is worth a remark."""
        return (
            self.has_round
            and present > 0
            and self.voters != present
            and not (self.note.strip() or self.dissent.strip())
        )


class CharacteristicRecord(_Record):
    """What the team recorded for one characteristic of Section 2."""

    state: ProgressState = "not-started"
    approaches: list[Approach] = Field(default_factory=list, max_length=MAX_ITEMS)
    """The flipchart: approaches in place or planned."""
    evidence: Evidence = Field(default_factory=Evidence)
    ratings: dict[ElementId, Rating] = Field(default_factory=dict)
    """The evaluation matrix, keyed by element id (``plan``, ``do``, ``check-act``, ``impact``)."""
    strengths: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)
    improvements: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Areas for improvement."""

    def rating_for(self, element_id: str) -> int | None:
        """The agreed rating for an element, or None if it is not yet rated."""
        rating = self.ratings.get(element_id)
        return rating.value if rating else None


class Action(_Record):
    """One action of the improvement plan."""

    id: Id
    """Stable key, e.g. ``a7``."""
    action: Line
    """What will be done."""
    item: ItemId | None = None
    """The results area or characteristic this action answers."""
    improvement: Text = ""
    """The area for improvement (or missing data) it answers, as the team worded it."""
    owner: Name = ""
    due: date | None = None
    priority: Priority = "medium"
    status: ActionStatus = "proposed"
    origin: ActionOrigin = "team"
    """Where the action came from: an area for improvement, missing data, or the team."""
    draft: bool = Field(default=False, exclude_if=lambda draft: not draft)
    """Drafted by the tool and not edited by the team yet (left out of the file once edited,
    and for every action typed by the team)."""


class DeclinedDraft(_Record):
    """A drafted plan action the team unticked, so it is not offered again."""

    item: ItemId | None = None
    """The results area or characteristic the draft answered."""
    improvement: Text = ""
    """The area for improvement (or missing data) it answered, as the team worded it."""


class ImprovementPlan(_Record):
    """The improvement plan, built once the self-assessment is complete."""

    actions: list[Action] = Field(default_factory=list, max_length=MAX_ITEMS)
    notes: Text = ""
    declined: list[DeclinedDraft] = Field(
        default_factory=list, max_length=MAX_ITEMS, exclude_if=lambda declined: not declined
    )
    """Drafts the team left out (left out of the file while there are none)."""

    def is_declined(self, item: str | None, improvement: str) -> bool:
        """Whether the team left out the draft answering ``improvement`` of ``item``."""
        return DeclinedDraft(item=item, improvement=improvement) in self.declined

    def record_declined(self, declined: list[Action], accepted: list[Action]) -> bool:
        """Remember the drafts the team unticked; forget those it has now taken.

        Returns:
            Whether anything changed.
        """
        taken = {(a.item, a.improvement) for a in accepted}
        kept = [d for d in self.declined if (d.item, d.improvement) not in taken]
        for action in declined:
            draft = DeclinedDraft(item=action.item, improvement=action.improvement)
            if draft not in kept:
                kept.append(draft)
        if kept == self.declined:
            return False
        self.declined = kept
        return True

    @model_validator(mode="after")
    def _unique_ids(self) -> ImprovementPlan:
        ids = [a.id for a in self.actions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"action ids must be unique; repeated: {', '.join(duplicates)}")
        return self

    def next_id(self) -> str:
        """A fresh action id (``a1``, ``a2`` …)."""
        taken = {a.id for a in self.actions}
        n = len(self.actions) + 1
        while f"a{n}" in taken:
            n += 1
        return f"a{n}"
