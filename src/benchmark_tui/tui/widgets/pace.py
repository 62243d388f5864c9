"""Provides the clock in the header (``12:30 / 20:00``) and the overview's time column and line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from benchmark_tui.models import Framework, Session, project_finish
from benchmark_tui.tui.status import PaceState, Shown, ShowsStatus


class PaceIndicator(Static):
    """Shows the app's clock (``12:30 / 20:00``, ``paused 12:30 / 20:00``).

    Bold, so it reads from the back of the room; reversed when paused or over budget, so that
    shows without colour too. It takes no room while there is nothing to show.
    """

    DEFAULT_CSS = """
    PaceIndicator {
        width: auto;
        height: 1;
        padding: 0 1;
        text-style: bold;
        color: $text;
        &.-paused { background: $warning; color: $text; }
        &.-over { background: $accent; color: $text; }
        &.-empty { display: none; }
    }
    """

    label = ""
    """What it shows now."""

    def __init__(self, on_change: Callable[[], None] | None = None) -> None:
        """Args:
        on_change: called after the label changed (the top bar fits its title again)."""
        super().__init__()
        self._on_change = on_change

    def on_mount(self) -> None:
        app = self.app
        if isinstance(app, ShowsStatus):
            app.pace_status.follow(self, self._show)
        else:
            self.add_class("-empty")

    def _show(self, shown: Shown[PaceState]) -> None:
        self.label = shown.label
        self.update(Text(shown.label))
        self.set_class(not shown.label, "-empty")
        self.set_class(shown.state == "paused", "-paused")
        self.set_class(shown.state == "over", "-over")
        if self.is_attached and self._on_change is not None:
            self._on_change()

    @property
    def room(self) -> int:
        """Columns it takes now (0 while empty)."""
        return len(self.label) + 2 if self.label else 0


def time_used(session: Session, item_id: str, budgets: dict[str, int], width: int = 0) -> Text:
    """``18/25``: minutes spent on an item and its budget (bold once over it)."""
    spent = session.time_spent.get(item_id, 0) // 60
    budget = budgets.get(item_id, 0)
    shown = f"{spent if spent or session.state_of(item_id) != 'not-started' else '–'}/{budget}"
    return Text(shown.rjust(width), style="bold" if spent >= budget > 0 else "")


def pacing_line(session: Session, framework: Framework, now: datetime) -> Text:
    """``Projected finish: 16:10, day 1 · parking lot: 2 open`` for the overview."""
    days = max(1, len(session.workshop.dates))
    budgets = session.agenda.spread(framework.item_ids, days)
    done = {i for i in framework.item_ids if session.state_of(i) == "agreed"}
    text = Text("Time: ", style="bold")
    if len(done) == len(framework.item_ids):
        text.append("all items agreed")
    else:
        projection = project_finish(
            session.agenda,
            session.workshop.dates,
            budgets,
            session.time_spent,
            done,
            now,
        )
        text.append(projection.label.replace("Projected finish", "projected finish"))
    open_points = len(session.parking_lot.open_points)
    text.append(f" · parking lot: {open_points} open" if session.parking_lot.points else "")
    return text
