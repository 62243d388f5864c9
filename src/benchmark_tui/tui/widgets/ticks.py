"""Provides tick boxes that read without colour: ticked shows X, unticked shows nothing.

Textual's checkbox and selection list show the same X in both states, told apart by colour
alone, which a dim projector loses.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import SelectionType

TICK = Checkbox.BUTTON_INNER
"""The mark of a ticked box ("X")."""


class TickBox(Checkbox):
    """A checkbox whose X appears only when it is ticked."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = TICK if self.value else " "

    def watch_value(self) -> None:
        # The mark is drawn from BUTTON_INNER: set it before Textual's watcher restyles
        # (and so redraws) the box.
        self.BUTTON_INNER = TICK if self.value else " "
        super().watch_value()


class TickList(SelectionList[SelectionType]):
    """A selection list whose X appears only on the ticked items."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 3 or segments[1].text != TICK:
            return strip
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if selection.value in self.selected:
            return strip
        segments[1] = Segment(" ", segments[1].style)
        return Strip(segments, strip.cell_length)
