"""Provides moving around the workshop: the order of places, their screens, where the team is."""

from __future__ import annotations

from typing import Any, get_args

from textual.screen import ModalScreen, Screen

from benchmark_tui.models import AREA_STEPS, STEPS, Place, Position, Step
from benchmark_tui.tui.host import OpenSessionHost
from benchmark_tui.tui.messages import GoTo, GoToNeighbour, PositionChanged

POSITION_SAVE_DELAY = 1.0
"""Where the team is, is saved this long after the last move (and always on quit)."""


class Navigation(OpenSessionHost):
    """Goes to a place of the workshop, building each kind of workshop screen once per session."""

    def on_go_to(self, message: GoTo) -> None:
        """A screen asked to show a place of the workshop."""
        self.goto(message.place, message.item, message.step)

    def on_go_to_neighbour(self, message: GoToNeighbour) -> None:
        """A screen asked for the next or previous place."""
        self.goto_neighbour(message.place, message.item, message.delta)

    def on_position_changed(self, message: PositionChanged) -> None:
        """A screen moved to another step."""
        self.remember_position(message.position)

    @property
    def order(self) -> list[tuple[Place, str | None]]:
        """Every place of the workshop in order: briefing, the 14 items, overview, plan."""
        assert self.framework is not None
        places: list[tuple[Place, str | None]] = [("briefing", None)]
        places += [("area", a.id) for a in self.framework.areas]
        places += [("characteristic", c.id) for c in self.framework.items]
        places += [("overview", None), ("plan", None)]
        return places

    def goto(
        self,
        place: Place,
        item: str | None = None,
        step: Step | None = None,
        *,
        remember: bool = True,
    ) -> None:
        """Show a place of the workshop (and a step within an item).

        Each kind of workshop screen is built once per session and reused: going to another
        characteristic loads it into the same screen, which is instant and leaks nothing.
        """
        if self.session is None or self.framework is None:
            return
        framework = self.framework
        if place == "area" and item not in [a.id for a in framework.areas]:
            place, item = "briefing", None
        if place == "characteristic" and item not in [c.id for c in framework.items]:
            place, item = "briefing", None
        if place in ("area", "characteristic"):
            steps = AREA_STEPS if place == "area" else STEPS
            step = step if step in steps else steps[0]
        else:
            item, step = None, None
        came_from = self.session.position.item
        screen = self._workshop_screen(place, item, step)
        screen.load(self.session, item, step, came_from)
        if isinstance(self.screen, ModalScreen):
            self.pop_screen()
        if len(self.screen_stack) <= 1:  # opened from the command line: nothing to replace
            self.push_screen(screen)
        elif self.screen is not screen:
            self.switch_screen(screen)
        if remember:
            self.remember_position(screen.position)

    def _workshop_screen(self, place: Place, item: str | None, step: Step | None) -> Any:
        """The screen for a place, built (and installed for reuse) on first use.

        Each screen's module is imported when that screen is first needed, so opening a
        session at the overview does not load the characteristic screen and its widgets.
        """
        name = f"workshop-{place}"
        if self.is_screen_installed(name):
            return self.get_screen(name)
        framework, session = self.framework, self.session
        assert framework is not None and session is not None
        screen: Screen[None]
        if place == "area":
            from benchmark_tui.tui.screens.results_area import AreaScreen

            assert item is not None and step is not None
            screen = AreaScreen(framework, session, item, step, self.read_only)
        elif place == "characteristic":
            from benchmark_tui.tui.screens.characteristic import CharacteristicScreen

            assert item is not None and step is not None
            screen = CharacteristicScreen(framework, session, item, step, self.read_only)
        elif place == "overview":
            from benchmark_tui.tui.screens.overview import OverviewScreen

            screen = OverviewScreen(framework, session, self.read_only)
        elif place == "plan":
            from benchmark_tui.tui.screens.plan import PlanScreen

            screen = PlanScreen(framework, session, self.read_only)
        else:
            from benchmark_tui.tui.screens.briefing import BriefingScreen

            screen = BriefingScreen(framework, session, self.read_only)
        self.install_screen(screen, name)
        return screen

    def _forget_screens(self) -> None:
        """Drop the workshop screens of a closed session (they show its data)."""
        for place in get_args(Place):
            name = f"workshop-{place}"
            if not self.is_screen_installed(name):
                continue
            screen = self.get_screen(name)
            if screen in self.screen_stack:
                continue
            self.uninstall_screen(name)
            if screen.is_attached:
                screen.remove()

    def goto_neighbour(self, place: Place, item: str | None, delta: int) -> None:
        """Go to the previous or next place of the workshop."""
        order = self.order
        try:
            index = order.index((place, item))
        except ValueError:
            index = 0
        target = max(0, min(len(order) - 1, index + delta))
        if target != index:
            new_place, new_item = order[target]
            first: Step | None = None
            if delta < 0 and new_place == "characteristic":
                first = STEPS[-1]
            elif delta < 0 and new_place == "area":
                first = AREA_STEPS[-1]
            self.goto(new_place, new_item, first)

    def show_session_again(self) -> None:
        """Show the (new) session object where the team is, after undo, restore or reload."""
        assert self.opened is not None
        position = self.opened.session.position
        self.goto(position.place, position.item, position.step, remember=False)

    def remember_position(self, position: Position) -> None:
        """Record where the team is, so reopening the session returns there."""
        if self.opened is None or self.read_only or not self.opened.move_to(position):
            return
        # Moving around is not worth a disk write per key press; the position follows shortly
        # (and is always written on quit).
        self.request_save(delay=POSITION_SAVE_DELAY, quiet=True)

    def action_overview(self) -> None:
        """Show the overview of all 14 items."""
        self.goto("overview")

    def action_plan(self) -> None:
        """Show the improvement plan."""
        self.goto("plan")

    def goto_and_run(self, place: Place, action: str) -> None:
        """Show a place, then run one of its screen's actions (a palette command such as
        "Sign-off…" opens the overview and its dialog there)."""
        if self.session is None:
            return
        self.goto(place)
        screen = self._workshop_screen(place, None, None)
        self.call_after_refresh(screen.run_action, action)
