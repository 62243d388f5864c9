"""Provides the parking lot: points raised off-topic, parked to come back to later.

Each point is tagged with the item it came from; later it becomes an action of the
improvement plan, or is closed (kept, marked closed, so the document can say so).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationError

from benchmark_tui.models.common import MAX_ITEMS, Id, Line, _Record, plain_error
from benchmark_tui.models.records import Action, ItemId

ParkedState = Literal["open", "suggested", "action", "closed"]
"""What became of a parked point: still parked, suggested for the plan (a draft once the team
builds the plan), made a plan action, or closed."""
PARKED_LABELS: dict[str, str] = {
    "open": "still parked",
    "suggested": "suggested for the plan",
    "action": "became a plan action",
    "closed": "closed",
}


class ParkedPoint(_Record):
    """A point raised while discussing one item and parked for later."""

    id: Id
    """Stable key, e.g. ``p3``."""
    text: Line
    """The point, in the facilitator's words."""
    item: ItemId | None = None
    """The results area or characteristic it came from (None: raised elsewhere)."""
    state: ParkedState = "open"
    action: Id | None = None
    """The plan action it became (its id, e.g. ``a7``)."""

    @property
    def is_open(self) -> bool:
        """Whether the point is still waiting in the parking lot."""
        return self.state == "open"


def point_key(point: ParkedPoint) -> tuple[str | None, str]:
    """(item, improvement) of the plan action drafted from a parked point."""
    return point.item, f"Parked: {point.text}"


class ParkingLot(_Record):
    """The points parked during the workshop, in the order they were raised."""

    points: list[ParkedPoint] = Field(default_factory=list, max_length=MAX_ITEMS)

    @property
    def open_points(self) -> list[ParkedPoint]:
        """The points still parked."""
        return [p for p in self.points if p.is_open]

    def park(self, text: str, item: str | None) -> ParkedPoint:
        """Park a point raised while discussing ``item``.

        Raises:
            ValueError: the text is empty or too long, or the lot is full.
        """
        taken = {p.id for p in self.points}
        number = len(self.points) + 1
        while f"p{number}" in taken:
            number += 1
        try:
            point = ParkedPoint(id=f"p{number}", text=text, item=item)
            self.points = [*self.points, point]
        except ValidationError as err:
            raise ValueError(f"Not parked. {plain_error(err)}") from None
        return point

    def find(self, point_id: str) -> ParkedPoint | None:
        """The point with this id, if any."""
        return next((p for p in self.points if p.id == point_id), None)

    def close(self, point_id: str) -> None:
        """Close a point (it stays listed, marked closed)."""
        point = self.find(point_id)
        if point is not None:
            point.state = "closed"

    def reopen(self, point_id: str) -> None:
        """Park a closed point again."""
        point = self.find(point_id)
        if point is not None and point.state == "closed":
            point.state = "open"

    @property
    def suggested_points(self) -> list[ParkedPoint]:
        """The points suggested for the plan, waiting for the team to build it."""
        return [p for p in self.points if p.state == "suggested"]

    def suggest(self, point_id: str) -> None:
        """Suggest an open point for the plan, or take the suggestion back."""
        point = self.find(point_id)
        if point is not None and point.state in ("open", "suggested"):
            point.state = "suggested" if point.is_open else "open"

    def link_actions(self, actions: list[Action]) -> None:
        """Mark each suggested point whose draft the plan now has as having become it."""
        for point in self.suggested_points:
            for action in actions:
                if (action.item, action.improvement) == point_key(point):
                    point.state = "action"
                    point.action = action.id
                    break
