"""Provides tick boxes that read without colour: ticked shows X, unticked shows nothing.

Textual's checkbox and selection list show the same X in both states, told apart by colour
alone, which a dim projector loses.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

from benchmark_tui.tui.widgets.option_cache import KeepRendersOnShow


class TickBox(Checkbox):
    """A checkbox whose X appears only when it is ticked."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = ToggleButton.BUTTON_INNER if self.value else " "
        return super()._button


class TickList(KeepRendersOnShow, SelectionList[str]):
    """A selection list whose X appears only on the ticked items."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 3 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if selection.value in self.selected:
            return strip
        segments[1] = Segment(" ", segments[1].style)
        return Strip(segments, strip.cell_length)
