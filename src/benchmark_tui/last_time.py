"""Provides "last time": the previous self-assessment as screens and documents ask about it.

:class:`LastTime` answers last time's rating and note per element, strengths and improvements
per item, and the change (▲/▼/=) per cell (:class:`Change`). :func:`review_rows` and
:func:`plan_completion` read the team's review of last time's plan. Linking a session to its
previous one and starting next year's are in :mod:`benchmark_tui.cycle`. Nothing here imports
Textual.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from benchmark_tui.models import (
    OUTCOME_LABELS,
    Action,
    ActionReview,
    AreaRecord,
    CharacteristicRecord,
    Session,
)

__all__ = [
    "Change",
    "LastTime",
    "PlanCompletion",
    "ReviewRow",
    "change_between",
    "plan_completion",
    "review_rows",
]


# ---------------------------------------------------------------------------------------------
# Last time, for screens and documents
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """How a rating moved since an earlier one: ``▲1``, ``▼2``, ``=`` (nothing to compare: "")."""

    before: int | None
    after: int | None

    @property
    def amount(self) -> int | None:
        """After minus before; None when either is not rated."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def symbol(self) -> str:
        """``▲``, ``▼``, ``=`` or "" (shown with the amount, so colour is never the signal)."""
        amount = self.amount
        if amount is None:
            return ""
        return "▲" if amount > 0 else "▼" if amount < 0 else "="

    @property
    def label(self) -> str:
        """``▲1``, ``▼2``, ``=`` or ""."""
        amount = self.amount
        return "" if amount is None or amount == 0 else f"{self.symbol}{abs(amount)}"

    @property
    def text(self) -> str:
        """``▲1`` / ``▼2`` / ``=`` / "" : the label, with ``=`` for no change."""
        return "=" if self.amount == 0 else self.label

    @property
    def ascii(self) -> str:
        """``+1``, ``-2``, ``=`` or "" (for plain output)."""
        amount = self.amount
        if amount is None:
            return ""
        return "=" if amount == 0 else f"{amount:+d}"

    @property
    def words(self) -> str:
        """``up 1``, ``down 2``, ``no change`` or "" (for screen readers and documents)."""
        amount = self.amount
        if amount is None:
            return ""
        if amount == 0:
            return "no change"
        return f"{'up' if amount > 0 else 'down'} {abs(amount)}"


def change_between(before: int | None, after: int | None) -> Change:
    """The change from one rating to another (either may be None: not rated)."""
    return Change(before, after)


@dataclass(frozen=True)
class LastTime:
    """The previous self-assessment, as screens and documents ask about it."""

    previous: Session

    def rating(self, characteristic_id: str, element_id: str) -> int | None:
        """Last time's rating of an element, or None (not rated, or no such record)."""
        record = self.previous.characteristics.get(characteristic_id)
        return record.rating_for(element_id) if record else None

    def rating_note(self, characteristic_id: str, element_id: str) -> str:
        """Why the team chose last time's rating ("" if there was no note)."""
        record = self.previous.characteristics.get(characteristic_id)
        rating = record.ratings.get(element_id) if record else None
        return rating.note if rating else ""

    def _record(self, item_id: str) -> AreaRecord | CharacteristicRecord | None:
        return self.previous.results.get(item_id) or self.previous.characteristics.get(item_id)

    def strengths(self, item_id: str) -> list[str]:
        """Last time's strengths of a results area or characteristic (a copy)."""
        record = self._record(item_id)
        return list(record.strengths) if record else []

    def improvements(self, item_id: str) -> list[str]:
        """Last time's areas for improvement of a results area or characteristic (a copy)."""
        record = self._record(item_id)
        return list(record.improvements) if record else []

    def change(self, current: Session, characteristic_id: str, element_id: str) -> Change:
        """The change of one cell of the matrix since last time."""
        record = current.characteristics.get(characteristic_id)
        now = record.rating_for(element_id) if record else None
        return Change(self.rating(characteristic_id, element_id), now)

    def actions(self, item_id: str | None = None) -> list[Action]:
        """Last time's plan actions (those answering ``item_id``, if given)."""
        return [a for a in self.previous.plan.actions if item_id is None or a.item == item_id]


# ---------------------------------------------------------------------------------------------
# Review of last time's plan
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRow:
    """One action of last time's plan, and what the team says happened to it."""

    action: Action
    review: ActionReview

    @property
    def is_reviewed(self) -> bool:
        """Whether the team has given an outcome."""
        return self.review.outcome is not None


def review_rows(previous: Session, current: Session) -> list[ReviewRow]:
    """Every action of the previous plan, in its order, with the current session's review."""
    return [
        ReviewRow(action, current.plan_review.get(action.id) or ActionReview())
        for action in previous.plan.actions
    ]


@dataclass(frozen=True)
class PlanCompletion:
    """How last time's plan went: how many actions had each outcome."""

    counts: dict[str, int]
    """Per outcome (``done``, ``partly``, ``not-done``, ``dropped``), every outcome present."""
    not_reviewed: int
    """Actions without an outcome yet (known only when the previous plan is at hand)."""

    @property
    def total(self) -> int:
        """All actions counted."""
        return sum(self.counts.values()) + self.not_reviewed

    def label(self, *, short: bool = False) -> str:
        """``3 done, 1 partly done, 1 not done`` (``3/1/1/0`` done/partly/not/dropped if short)."""
        if short:
            return "/".join(str(self.counts[o]) for o in OUTCOME_LABELS)
        parts = [f"{n} {OUTCOME_LABELS[o]}" for o, n in self.counts.items() if n]
        if self.not_reviewed:
            parts.append(f"{self.not_reviewed} not reviewed")
        return ", ".join(parts) or "nothing to review"


def plan_completion(current: Session, previous: Session | None = None) -> PlanCompletion:
    """Count the outcomes of the current session's review of the previous plan.

    Args:
        current: the session holding the review.
        previous: the previous session, if at hand: then its actions without a review are
            counted as not reviewed, and reviews of ids it does not have are left out.
    """
    reviews = current.plan_review
    if previous is not None:
        ids = [a.id for a in previous.plan.actions]
        reviews = {i: current.plan_review[i] for i in ids if i in current.plan_review}
        not_reviewed = sum(1 for i in ids if reviews.get(i, ActionReview()).outcome is None)
    else:
        not_reviewed = sum(1 for r in reviews.values() if r.outcome is None)
    found: Counter[str] = Counter(r.outcome for r in reviews.values() if r.outcome)
    return PlanCompletion({o: found[o] for o in OUTCOME_LABELS}, not_reviewed)
