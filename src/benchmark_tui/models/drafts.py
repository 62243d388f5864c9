"""Provides the plan actions drafted from a self-assessment, and the rule for missing data.

The framework says: where there is no data, do not collect it now; starting to collect it is
an action for the improvement plan. That holds for a results area ticked "no data collected
yet" and for a characteristic's data source marked "not collected yet" alike, so both are
drafted by one rule, :func:`no_data_draft`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from benchmark_tui.models.common import ActionOrigin
from benchmark_tui.models.framework import Characteristic, ResultsArea
from benchmark_tui.models.records import Action, ImprovementPlan


@dataclass(frozen=True)
class PlanDraft:
    """A plan action the self-assessment suggests, before it has an id."""

    item: str
    """The results area or characteristic it answers."""
    action: str
    """What will be done."""
    improvement: str
    """The area for improvement (or missing data) it answers: with :attr:`item`, what makes
    two drafts the same one (and what the plan's declined drafts remember)."""
    origin: ActionOrigin

    @property
    def key(self) -> tuple[str, str]:
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
            **fields,
        )

    def is_planned(self, plan: ImprovementPlan) -> bool:
        """Whether the plan already has an action answering this draft."""
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


def no_data_draft(item: ResultsArea | Characteristic, source: str | None = None) -> PlanDraft:
    """The plan action for data the service does not collect yet.

    Args:
        item: a results area ticked "no data collected yet", or the characteristic whose
            data source is meant.
        source: the data source marked "not collected yet" (None for a results area).
    """
    if source is None:
        return PlanDraft(
            item=item.id,
            action=f"Start collecting data on {item.title.lower()}",
            improvement=f"No data collected yet for {item.label}",
            origin="no-data",
        )
    named = _named(source)
    return PlanDraft(
        item=item.id,
        action=f"Start collecting {_lower_first(named)}",
        improvement=f"No data collected yet: {named}",
        origin="no-data",
    )


def improvement_draft(item_id: str, improvement: str) -> PlanDraft:
    """The plan action for an area for improvement: worded as the team worded it."""
    return PlanDraft(item_id, improvement, improvement, "improvement")
