"""Provides the parking lot's dialogs: park a point (Ctrl+L anywhere), and the list of points.

A point parked is tagged with the item it came from. In the list, each open point can be
suggested for the improvement plan (a draft action once the team builds the plan, after the
self-assessment), or be closed (it stays listed, marked closed). Every change
is an ordinary edit: the dialog hands it to the open session (one undo step each).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from benchmark_tui.edits import ClosePoint, Edit, ReopenPoint, SuggestPoint
from benchmark_tui.models import (
    PARKED_LABELS,
    Framework,
    ParkedPoint,
    Session,
)
from benchmark_tui.tui.screens.dialogs import Dialog

if TYPE_CHECKING:
    from benchmark_tui.workshop import Applied


class ParkDialog(Dialog[str]):
    """Asks for the point to park (one line); None on Esc."""

    def __init__(self, where: str | None) -> None:
        super().__init__()
        self.where = where

    def compose(self) -> ComposeResult:
        came_from = f"Raised during {self.where}." if self.where else "Not about one item."
        with Vertical(classes="dialog"):
            yield from self.compose_heading(
                "Park a point", f"{came_from} It waits on the overview (l) for later."
            )
            yield Input(placeholder="The point, in a few words", id="point")
            yield Static("Enter parks it · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#point", Input).focus()

    @on(Input.Submitted, "#point")
    def _park(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.dismiss(text)


def point_line(point: ParkedPoint, framework: Framework, actions: dict[str, str]) -> Text:
    """``○ Car park lighting — from 1 Leadership · still parked`` (plain text, never markup)."""
    symbol = {"open": "○", "suggested": "◇", "action": "→", "closed": "✓"}[point.state]
    line = Text(f"{symbol} ")
    line.append(point.text, style="bold" if point.is_open else "")
    source = (
        framework.item(point.item).label if point.item and framework.has_item(point.item) else ""
    )
    line.append(f" — from {source}" if source else " — general", style="dim")
    became = PARKED_LABELS[point.state]
    if point.state == "action" and point.action in actions:
        became = f"plan action {actions[point.action]}"
    line.append(f" · {became}", style="dim")
    return line


class ParkingLotDialog(Dialog[None]):
    """The parked points: suggest one for the plan (a), close it (x), park it again (o)."""

    BINDINGS = [
        Binding("a", "suggest_point", "For the plan", id="parking.suggest-point"),
        Binding("x", "close_point", "Close", id="parking.close-point"),
        Binding("o", "reopen_point", "Park again", show=False, id="parking.reopen-point"),
    ]

    def __init__(
        self,
        session: Session,
        framework: Framework,
        *,
        apply: Callable[[Edit], Applied | None],
    ) -> None:
        super().__init__()
        self.session = session
        self.framework = framework
        self.apply = apply
        """Hands an edit to the open session (None: it was refused)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -parking"):
            yield Static("Parking lot", classes="dialog-title")
            yield OptionList(id="points")
            yield Static(
                "a suggests the point for the plan (again: takes it back) · x closes it · "
                "o parks it again · Esc",
                classes="hint",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self._fill()
        self.query_one("#points", OptionList).focus()

    def _fill(self, highlight: int | None = None) -> None:
        points = self.query_one("#points", OptionList)
        points.clear_options()
        # As the document and the plan name them: A1, A2 … in the plan's order.
        actions = {a.id: f"A{n}" for n, a in enumerate(self.session.plan.actions, start=1)}
        lot = self.session.parking_lot.points
        if not lot:
            points.add_option(
                Option(Text("Nothing parked yet: ctrl+l parks a point."), disabled=True)
            )
            return
        for point in lot:
            points.add_option(Option(point_line(point, self.framework, actions), id=point.id))
        points.highlighted = min(highlight or 0, len(lot) - 1)

    @property
    def _point(self) -> ParkedPoint | None:
        points = self.query_one("#points", OptionList)
        index = points.highlighted
        lot = self.session.parking_lot.points
        return lot[index] if index is not None and 0 <= index < len(lot) else None

    def _change(self, edit: Edit, said: str) -> None:
        if self.apply(edit) is None:
            return
        index = self.query_one("#points", OptionList).highlighted
        self._fill(index)
        self.notify(said, title="Parking lot", timeout=3, markup=False)

    def action_suggest_point(self) -> None:
        """Suggest the highlighted point for the plan, or take the suggestion back."""
        point = self._point
        if point is None or point.state not in ("open", "suggested"):
            return
        said = (
            "Suggested for the plan: a draft action when the team builds the plan (p)."
            if point.is_open
            else "No longer suggested for the plan: parked again."
        )
        self._change(SuggestPoint(point_id=point.id), said)

    def action_close_point(self) -> None:
        """Close the highlighted point (it stays listed, marked closed)."""
        point = self._point
        if point is not None and point.is_open:
            self._change(
                ClosePoint(point_id=point.id), "Closed; ctrl+z on the overview takes it back."
            )

    def action_reopen_point(self) -> None:
        """Park a closed point again."""
        point = self._point
        if point is not None and point.state == "closed":
            self._change(ReopenPoint(point_id=point.id), "Parked again.")
