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
