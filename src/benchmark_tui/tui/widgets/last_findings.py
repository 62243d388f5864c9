"""Provides last time's strengths and areas for improvement, read-only, to copy items from."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from benchmark_tui.tui.widgets.editable_list import EditableList
from benchmark_tui.tui.widgets.memo import hanging_rows

KINDS = {"strengths": "Strengths", "improvements": "Areas for improvement"}
"""Last time's lists, by the id of this time's list an item is copied into."""


class LastFindings(OptionList):
    """Last time's strengths and areas for improvement; Enter copies one into this time's list.

    | Key | Does |
    | :- | :- |
    | enter | copy the highlighted item into this time's list (it can then be edited) |
    """

    BINDINGS = [Binding("enter", "select", "Copy in", key_display="⏎", id="last-findings.select")]

    DEFAULT_CSS = """
    LastFindings { height: auto; max-height: 12; margin: 1 1 0 0; }
    """

    def __init__(self, *, id: str | None = None, disabled: bool = False) -> None:  # noqa: A002
        super().__init__(id=id, compact=True, disabled=disabled)
        self._items: list[tuple[str, str] | None] = []
        """Per line: (the list to copy into, the text), or None for a heading."""

    def show(self, label: str, strengths: list[str], improvements: list[str]) -> None:
        """Show last time's lists (hidden when there were none).

        Args:
            label: what last time was, e.g. ``Last time (2025)``.
            strengths: last time's strengths of this item.
            improvements: last time's areas for improvement of this item.
        """
        self.clear_options()
        self._items = []
        options: list[Option] = []
        for target, items in (("strengths", strengths), ("improvements", improvements)):
            if not items:
                continue
            heading = Text(f"{label} · {KINDS[target]}", style="bold")
            if not options:
                heading.append("  (read-only; Enter copies one in)", style="not bold italic")
            options.append(Option(heading, disabled=True))
            self._items.append(None)
            for number, item in enumerate(items, start=1):
                marker = Text(f"{number}.", style="bold")
                options.append(Option(hanging_rows([(marker, Text(item))], marker_width=3)))
                self._items.append((target, item))
        self.add_options(options)
        self.display = bool(options)
        first = next((i for i, item in enumerate(self._items) if item is not None), None)
        self.highlighted = first

    @on(OptionList.OptionSelected)
    def _copy(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self._items[event.option_index] if event.option_index < len(self._items) else None
        if item is None:
            return
        target, text = item
        editable = self.screen.query_one(f"#{target}", EditableList)
        if text in [entry.text for entry in editable.entries]:
            self.notify("Already in this time's list.", timeout=3, markup=False)
            return
        editable.add_entry(text)
        self.notify(
            f"Copied into this time's {KINDS[target].lower()}: edit it there if it has changed.",
            timeout=4,
            markup=False,
        )
