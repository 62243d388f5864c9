"""Provides a mixin that keeps an option list's rendered options when its step is shown again.

Textual sends a ``Resize`` to every widget that becomes visible, even at the size it had, and
``OptionList`` answers every ``Resize`` by throwing away its rendered options and line heights.
A step's lists are hidden and shown on every move, so each move rendered every item again.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size


class KeepRendersOnShow:
    """For ``OptionList`` subclasses: ignore a ``Resize`` that changes no dimension.

    Put it before ``OptionList`` in the bases. Textual dispatches ``_on_resize`` along the MRO,
    so preventing the default here skips ``OptionList._on_resize`` (which clears the caches).
    """

    _kept_geometry: tuple[Size, Size, Size, int] | None = None

    def _on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width  # type: ignore[attr-defined]
        geometry = (event.size, event.virtual_size, event.container_size, width)
        if geometry == self._kept_geometry:
            event.prevent_default()
        self._kept_geometry = geometry


class SizedByLayout:
    """For widgets that never scroll: a new size from a layout needs no second layout.

    Textual stores the size a layout gives a widget, and its virtual size through a reactive
    that asks for another layout of the screen whenever it changes, although for a widget
    that cannot scroll (``overflow: hidden`` both ways, as for Static and Vertical) it just
    follows what the layout has already settled. Put it before the Textual base class; it
    keeps everything else ``_size_updated`` does.
    """

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        styles = self.styles  # type: ignore[attr-defined]
        if styles.overflow_x != "hidden" or styles.overflow_y != "hidden":
            layout_after = layout
        else:
            layout_after = False
        return super()._size_updated(  # type: ignore[misc]
            size, virtual_size, container_size, layout=layout_after
        )
