"""Provides moving around the workshop: the order of places, their screens, where the team is.

The order of places and the neighbour of each are plain functions (:func:`workshop_order`,
:func:`neighbour`); :class:`Navigator` builds each kind of workshop screen once per session
and shows the place asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, get_args

from textual.screen import ModalScreen

from benchmark_tui.changes import quote
from benchmark_tui.models import AREA_STEPS, STEPS, Framework, Place, Position, Step

if TYPE_CHECKING:
    from benchmark_tui.tui.app import BenchmarkApp
    from benchmark_tui.tui.screens.base import WorkshopScreen
    from benchmark_tui.tui.screens.overview import OverviewScreen

Stop = tuple[Place, str | None]
"""A place of the workshop, and the item shown there (None for the briefing, overview, plan)."""


def workshop_order(framework: Framework) -> list[Stop]:
    """Every place of the workshop in order: briefing, the 14 items, overview, plan."""
    places: list[Stop] = [("briefing", None)]
    places += [("area", a.id) for a in framework.areas]
    places += [("characteristic", c.id) for c in framework.items]
    places += [("overview", None), ("plan", None)]
    return places


def neighbour(
    framework: Framework, place: Place, item: str | None, delta: int
) -> tuple[Place, str | None, Step | None] | None:
    """The place ``delta`` places on from (``place``, ``item``), and the step to show there
    (going back into an item shows its last step); None past either end."""
    order = workshop_order(framework)
    try:
        index = order.index((place, item))
    except ValueError:
        index = 0
    target = max(0, min(len(order) - 1, index + delta))
    if target == index:
        return None
    new_place, new_item = order[target]
    first: Step | None = None
    if delta < 0 and new_place == "characteristic":
        first = STEPS[-1]
    elif delta < 0 and new_place == "area":
        first = AREA_STEPS[-1]
    return new_place, new_item, first


def checked_place(
    framework: Framework, place: Place, item: str | None, step: Step | None
) -> tuple[Place, str | None, Step | None]:
    """The place to show for one asked for: an unknown item is the briefing; an item's step
    is one of its steps (its first otherwise); places without items have no item or step."""
    if place == "area" and item not in [a.id for a in framework.areas]:
        place, item = "briefing", None
    if place == "characteristic" and item not in [c.id for c in framework.items]:
        place, item = "briefing", None
    if place in ("area", "characteristic"):
        steps = AREA_STEPS if place == "area" else STEPS
        step = step if step in steps else steps[0]
    else:
        item, step = None, None
    return place, item, step


class Navigator:
    """Goes to a place of the workshop, building each kind of workshop screen once per session.

    Each kind of workshop screen is built once per session and reused: going to another
    characteristic loads it into the same screen, which is instant and leaks nothing.
    """

    def __init__(self, app: BenchmarkApp) -> None:
        self.app = app

    def goto(
        self,
        place: Place,
        item: str | None = None,
        step: Step | None = None,
        *,
        remember: bool = True,
    ) -> None:
        """Show a place of the workshop (and a step within an item)."""
        app = self.app
        opened, framework = app.opened, app.framework
        if opened is None or framework is None:
            return
        # What was counted belongs to the item on screen before the move.
        app.pacing.take_time()
        place, item, step = checked_place(framework, place, item, step)
        came_from = opened.session.position.item
        screen = self.screen_for(place, item, step)
        screen.load(opened.session, item, step, came_from)
        if isinstance(app.screen, ModalScreen):
            app.pop_screen()
        if len(app.screen_stack) <= 1:  # opened from the command line: nothing to replace
            app.push_screen(screen)
        elif app.screen is not screen:
            app.switch_screen(screen)
        if remember:
            self.remember(screen.position)
        app.pacing.tick()  # the overview shows the time at once

    def goto_neighbour(self, place: Place, item: str | None, delta: int) -> None:
        """Go to the previous or next place of the workshop."""
        framework = self.app.framework
        if framework is None:
            return
        found = neighbour(framework, place, item, delta)
        if found is not None:
            self.goto(*found)

    def screen_for(self, place: Place, item: str | None, step: Step | None) -> WorkshopScreen:
        """The screen for a place, built (and installed for reuse) on first use.

        Each screen's module is imported when that screen is first needed, so opening a
        session at the overview does not load the characteristic screen and its widgets.
        """
        from benchmark_tui.tui.screens.base import WorkshopScreen

        app = self.app
        name = f"workshop-{place}"
        if app.is_screen_installed(name):
            installed = app.get_screen(name)
            assert isinstance(installed, WorkshopScreen)
            return installed
        framework, opened = app.framework, app.opened
        assert framework is not None and opened is not None
        session, read_only = opened.session, opened.read_only
        screen: WorkshopScreen
        if place == "area":
            from benchmark_tui.tui.screens.results_area import AreaScreen

            assert item is not None and step is not None
            screen = AreaScreen(framework, session, item, step, read_only)
        elif place == "characteristic":
            from benchmark_tui.tui.screens.characteristic import CharacteristicScreen

            assert item is not None and step is not None
            screen = CharacteristicScreen(framework, session, item, step, read_only)
        elif place == "overview":
            from benchmark_tui.tui.screens.overview import OverviewScreen

            screen = OverviewScreen(framework, session, read_only)
        elif place == "plan":
            from benchmark_tui.tui.screens.plan import PlanScreen

            screen = PlanScreen(framework, session, read_only)
        else:
            from benchmark_tui.tui.screens.briefing import BriefingScreen

            screen = BriefingScreen(framework, session, read_only)
        app.install_screen(screen, name)
        return screen

    def forget_screens(self) -> None:
        """Drop the workshop screens of a closed session (they show its data)."""
        app = self.app
        for place in get_args(Place):
            name = f"workshop-{place}"
            if not app.is_screen_installed(name):
                continue
            screen = app.get_screen(name)
            if screen in app.screen_stack:
                continue
            app.uninstall_screen(name)
            if screen.is_attached:
                screen.remove()

    def show_again(self) -> None:
        """Show the (new) session object where the team is, after undo, restore or reload."""
        opened = self.app.opened
        assert opened is not None
        position = opened.session.position
        self.goto(position.place, position.item, position.step, remember=False)

    def remember(self, position: Position) -> None:
        """Record where the team is, so reopening the session returns there."""
        app = self.app
        if app.opened is None or app.opened.read_only:
            return
        left = app.opened.session.position
        if not app.opened.move_to(position):
            return
        self._say_unsent_left(left, position)
        # Moving around is not worth a disk write per key press; the position follows shortly
        # (and is always written on quit).
        app.saving.request(app.saving.delays.position, quiet=True)

    def _say_unsent_left(self, left: Position, now: Position) -> None:
        """Leaving a step or item with text typed and not sent: it is kept; say so."""
        app = self.app
        if app.opened is None or app.framework is None or left.item is None:
            return
        if (left.item, left.step) == (now.item, now.step):
            return
        waiting = app.opened.session.unsent_in(left.item, left.step)
        if not waiting:
            return
        title = app.framework.item(left.item).title if app.framework.has_item(left.item) else ""
        said = "; ".join(f"{w.waiting}, kept in its box: {quote(w.text, 100)}" for w in waiting)
        app.notify(f"{title}: {said}", title="Kept, not sent", timeout=8, markup=False)

    def on_overview(self, run: Callable[[OverviewScreen], object]) -> None:
        """Show the overview, then do something there (a palette command such as "Sign-off…"
        opens the overview and its dialog)."""
        from benchmark_tui.tui.screens.overview import OverviewScreen

        if self.app.opened is None:
            return
        self.goto("overview")
        screen = self.screen_for("overview", None, None)
        assert isinstance(screen, OverviewScreen)
        self.app.call_after_refresh(run, screen)
