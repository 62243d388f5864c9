"""Provides the plan actions drafted from a self-assessment, and the rule for missing data.

The framework says: where there is no data, do not collect it now; starting to collect it is
an action for the improvement plan. That holds for a results area ticked "no data collected
yet" and for a characteristic's data source marked "not collected yet" alike, so both are
drafted by one rule, :func:`no_data_draft`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from benchmark_tui.models.common import MAX_TEXT, ActionOrigin
from benchmark_tui.models.framework import Characteristic, ResultsArea
from benchmark_tui.models.parking import ParkedPoint, point_key
from benchmark_tui.models.records import Action, ImprovementPlan


@dataclass(frozen=True)
class PlanDraft:
    """A plan action the self-assessment suggests, before it has an id."""

    item: str | None
    """The results area or characteristic it answers (None: a general parked point)."""
    action: str
    """What will be done."""
    improvement: str
    """The area for improvement (or missing data) it answers: with :attr:`item`, what makes
    two drafts the same one (and what the plan's declined drafts remember)."""
    origin: ActionOrigin

    @property
    def key(self) -> tuple[str | None, str]:
        """(item, improvement): a draft already in the plan, or declined, has the same key."""
        return self.item, self.improvement

    def to_action(self, action_id: str, **fields: Any) -> Action:
        """The draft as a plan action with this id (and any other fields, e.g. priority)."""
        return Action(
            id=action_id,
            action=self.action,
            item=self.item,
            improvement=self.improvement,
            origin=self.origin,
            draft=True,
            **fields,
        )

    def is_planned(self, plan: ImprovementPlan) -> bool:
        """Whether the plan already has an action answering this draft."""
        if self.origin == "no-data":
            return any(a.improvement == self.improvement for a in plan.actions)
        return any((a.item, a.improvement) == self.key for a in plan.actions)


NAMED_AT_MOST = 500
"""A source is quoted whole in a draft up to this many characters (a draft must stay valid)."""


def _named(source: str) -> str:
    source = " ".join(source.split())
    return source if len(source) <= NAMED_AT_MOST else source[: NAMED_AT_MOST - 1] + "…"


def _lower_first(text: str) -> str:
    """ "Staff surveys" → "staff surveys"; "LG Inform" and "CIPFA stats" keep their capitals."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def no_data_draft(
    item: ResultsArea | Characteristic,
    source: str | None = None,
    *,
    also: Sequence[Characteristic] = (),
) -> PlanDraft:
    """The plan action for data the service does not collect yet.

    Args:
        item: a results area ticked "no data collected yet", or the (first) characteristic
            whose data source is meant.
        source: the data source marked "not collected yet" (None for a results area).
        also: the other characteristics that list the same source as not collected: one
            action answers them all, and names them all.
    """
    if source is None:
        return PlanDraft(
            item=item.id,
            action=f"Start collecting data on {item.title.lower()}",
            improvement=f"No data collected yet for {item.label}",
            origin="no-data",
        )
    named = _named(source)
    action = f"Start collecting {_lower_first(named)}"
    if also:
        labels = [item.label, *(c.label for c in also)]
        action += f", for {', '.join(labels[:-1])} and {labels[-1]}"
    return PlanDraft(
        item=item.id,
        action=action,
        improvement=no_data_improvement(source),
        origin="no-data",
    )


def no_data_improvement(source: str) -> str:
    """What the action for a data source not collected yet answers: the same for every
    characteristic that lists the source, so one action answers them all."""
    return f"No data collected yet: {_named(source)}"


DRAFTED_VERB = "Address: "
"""How a drafted action for an area for improvement starts, so it reads as an action until
the team words it as one."""


def improvement_draft(item_id: str, improvement: str) -> PlanDraft:
    """The plan action for an area for improvement: a starting point for the team to word.

    The area for improvement is a finding ("Staff unaware of the strategy"), not an action;
    the draft says what to do with it, and is marked unedited until the team words it.
    """
    action = DRAFTED_VERB + " ".join(improvement.split())
    if len(action) > MAX_TEXT:  # a draft must stay valid
        action = action[: MAX_TEXT - 1] + "…"
    return PlanDraft(item_id, action, improvement, "improvement")


def parked_draft(point: ParkedPoint) -> PlanDraft:
    """The plan action for a parked point the team suggested for the plan."""
    item, improvement = point_key(point)
    return PlanDraft(item=item, action=point.text, improvement=improvement, origin="team")
