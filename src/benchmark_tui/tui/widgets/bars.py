"""Provides the bars at the top of every workshop screen: where we are, and whether it is saved."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Static

from benchmark_tui.models import STATE_LABELS, STATE_SYMBOLS, STEP_TITLES
from benchmark_tui.tui.status import SaveState, Shown, ShowsStatus
from benchmark_tui.tui.widgets.pace import PaceIndicator


class SaveIndicator(Static):
    """Shows "saved 14:02", "saving…", or plainly that the work is not saved.

    It follows the app's :attr:`~benchmark_tui.tui.status.ShowsStatus.save_status`, so every
    screen's copy stays current without the app having to find it.
    """

    def on_mount(self) -> None:
        app = self.app
        if isinstance(app, ShowsStatus):
            app.save_status.follow(self, self._show)

    def _show(self, shown: Shown[SaveState]) -> None:
        changed_width = len(shown.label) != len(str(self.render()))
        self.update(Text(shown.label))
        for name in ("saved", "pending", "error", "read-only"):
            self.set_class(shown.state == name, f"-{name}")
        if changed_width and isinstance(self.parent, TopBar):
            self.parent.refit()  # "last saved 5 Mar" is wider than "saved 14:02"


class TopBar(Horizontal):
    """The first line: which session this is, and the save indicator.

    It is given the title in a few lengths, longest first, and shows the longest that fits
    whole beside the save indicator (the last is shortened if none fits).
    """

    SAVE_ROOM = 13
    """Columns kept for the save indicator ("saved 14:02", "NOT SAVED") and its padding."""

    def __init__(self, titles: list[str], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._titles = list(titles)
        self._shown = ""

    def compose(self) -> ComposeResult:
        yield Static(classes="top-title")
        yield PaceIndicator(on_change=self.refit)
        yield Static(classes="parked-count")
        yield SaveIndicator(classes="save-indicator")

    def show_parked(self, count: int) -> None:
        """Show how many points wait in the parking lot ("2 parked"; nothing when none)."""
        label = f"{count} parked" if count else ""
        parked = self.query_one(".parked-count", Static)
        if str(parked.render()) != label:
            parked.update(Text(label))
            parked.display = bool(label)
            self._fit()

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def show(self, titles: list[str]) -> None:
        """Show another session's title."""
        if titles != self._titles:
            self._titles = list(titles)
            self._fit()

    def refit(self) -> None:
        """Fit the title again (the clock beside it may have changed width)."""
        self._fit()

    def _fit(self) -> None:
        saved = self.query(SaveIndicator).first()
        shown = len(str(saved.render())) + 2 if saved.is_mounted else 0
        room = (self.content_region.width or self.app.size.width - 2) - max(self.SAVE_ROOM, shown)
        room -= sum(pace.room for pace in self.query(PaceIndicator))
        parked = self.query(".parked-count").first(Static)
        room -= len(str(parked.render())) + 2 if parked.display else 0
        title = next((t for t in self._titles if len(t) <= room), self._titles[-1])
        if title != self._shown:
            self._shown = title
            self.query_one(".top-title", Static).update(Text(title))


class WhereBar(Horizontal):
    """The second line: section, "3 of 10", the item's title, its state, and progress dots.

    The title is what the room reads: when the line is too narrow for everything, the dots
    give way first (the count stays), then the section ("Section 2 · "), and only then is the
    title shortened.
    """

    def __init__(
        self,
        where: str,
        title: str,
        states: list[str],
        *,
        label: str = "",
        state: str | None = None,
    ) -> None:
        super().__init__()
        self._where = where
        self._title = title
        self._states = list(states)
        self._label = label
        self._state = state
        self._short = False
        """Whether the heading leaves out the section, for room."""

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), classes="where-title")
        yield Static(self._state_text(), classes="where-state")
        yield Static(self._dots(), classes="where-dots")
        yield Static(self._count(), classes="where-count")

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _heading(self, short: bool | None = None) -> Text:
        short = self._short if short is None else short
        where = self._where.split(" · ", 1)[-1] if short else self._where
        heading = Text()
        if where:
            heading.append(where + " · ", style="dim")
        heading.append(self._title, style="bold")
        return heading

    def _state_text(self) -> Text:
        if self._state is None:
            return Text()
        return Text(f"{STATE_SYMBOLS[self._state]} {STATE_LABELS[self._state]}", style="bold")

    def _dots(self) -> Text:
        return Text("".join(STATE_SYMBOLS.get(s, "○") for s in self._states))

    def _count(self) -> Text:
        agreed = sum(s == "agreed" for s in self._states)
        label = f" {self._label}" if self._label else ""
        return Text(f"{agreed}/{len(self._states)}{label}")

    def _fit(self) -> None:
        """Leave out the dots, then the section, while the title would not fit whole."""
        width = self.content_region.width
        if not width:
            return
        right = (self._state_text().cell_len + 2 if self._state else 0) + 1 + self._count().cell_len
        dots = len(self._states) + 2 if self._states else 0
        full = self._heading(short=False).cell_len
        show_dots = full + dots + right <= width
        short = not show_dots and full + right > width and " · " in self._where
        self.query_one(".where-state", Static).display = self._state is not None
        self.query_one(".where-dots", Static).display = bool(self._states) and show_dots
        if short != self._short:
            self._short = short
            self.query_one(".where-title", Static).update(self._heading())

    def show(self, where: str, title: str, states: list[str], state: str | None = None) -> None:
        """Show another item, its state, or new progress states (after an item changes)."""
        heading_changed = (where, title) != (self._where, self._title)
        states_changed = states != self._states
        state_changed = state != self._state
        self._where, self._title, self._states, self._state = where, title, list(states), state
        if self.is_mounted:
            if heading_changed:
                self.query_one(".where-title", Static).update(self._heading())
            if state_changed:
                self.query_one(".where-state", Static).update(self._state_text())
            if states_changed:
                self.query_one(".where-dots", Static).update(self._dots())
                self.query_one(".where-count", Static).update(self._count())
            if heading_changed or states_changed or state_changed:
                self._fit()


class StepBar(Static):
    """``Understand ▸ Approaches ▸ EVIDENCE ▸ Matrix ▸ Strengths & improvements``.

    The current step is written in capitals and highlighted, so it is found without colour.
    """

    step: reactive[str] = reactive("", layout=True)
    """The step on screen."""

    def __init__(self, steps: tuple[str, ...], step: str, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._steps = steps
        self.set_reactive(StepBar.step, step)

    def render(self) -> Text:
        text = Text()
        for index, name in enumerate(self._steps):
            if index:
                text.append(" ▸ ", style="dim")
            title = STEP_TITLES[name]
            if name == self.step:
                text.append(f" {title.upper()} ", style="bold reverse")
            else:
                text.append(title)
        return text
