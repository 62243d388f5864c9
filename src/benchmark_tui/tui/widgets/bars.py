"""Provides the bars at the top of every workshop screen: where we are, and whether it is saved."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Static

from benchmark_tui.models import STATE_SYMBOLS, STEP_TITLES


class SaveIndicator(Static):
    """Shows "saved 14:02", "saving…", or plainly that the work is not saved.

    It follows the app's ``save_state`` and ``save_label`` reactives, so every screen's copy
    stays current without the app having to find it.
    """

    def on_mount(self) -> None:
        self.watch(self.app, "save_label", self._show, init=True)

    def _show(self, label: str) -> None:
        state = getattr(self.app, "save_state", "saved")
        self.update(Text(label))
        for name in ("saved", "pending", "error", "read-only"):
            self.set_class(state == name, f"-{name}")


class TopBar(Horizontal):
    """The first line: which session this is, and the save indicator."""

    def __init__(self, title: str, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._title = title

    def compose(self) -> ComposeResult:
        yield Static(Text(self._title), classes="top-title")
        yield SaveIndicator(classes="save-indicator")

    def show(self, title: str) -> None:
        """Show another session's title."""
        if title != self._title:
            self._title = title
            self.query_one(".top-title", Static).update(Text(title))


class WhereBar(Horizontal):
    """The second line: section, "3 of 10", the item's title, and progress dots."""

    def __init__(self, where: str, title: str, states: list[str], *, label: str = "") -> None:
        super().__init__()
        self._where = where
        self._title = title
        self._states = list(states)
        self._label = label

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), classes="where-title")
        yield Static(progress_dots(self._states, self._label), classes="where-progress")

    def _heading(self) -> Text:
        heading = Text()
        if self._where:
            heading.append(self._where + " · ", style="dim")
        heading.append(self._title, style="bold")
        return heading

    def show(self, where: str, title: str, states: list[str]) -> None:
        """Show another item, or new progress states (after an item is agreed or started)."""
        heading_changed = (where, title) != (self._where, self._title)
        states_changed = states != self._states
        self._where, self._title, self._states = where, title, list(states)
        if self.is_mounted:
            if heading_changed:
                self.query_one(".where-title", Static).update(self._heading())
            if states_changed:
                self.query_one(".where-progress", Static).update(progress_dots(states, self._label))


def progress_dots(states: list[str], label: str = "") -> Text:
    """``●●◐○○ 2/5``: one symbol per item, so progress reads without colour."""
    dots = "".join(STATE_SYMBOLS.get(s, "○") for s in states)
    agreed = sum(s == "agreed" for s in states)
    return Text(f"{dots} {agreed}/{len(states)}{(' ' + label) if label else ''}")


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
