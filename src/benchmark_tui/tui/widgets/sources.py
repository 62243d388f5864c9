"""Provides the data sources list of the Evidence step: reviewed, not collected yet, or neither.

Each row says where its source stands in a way the room reads without colour: ``[X]`` for a
source reviewed, ``[–]`` and the words "not collected yet" for one the service does not
collect yet, an empty box otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from benchmark_tui.models.evidence import SourceState

BOXES: dict[SourceState | None, str] = {"reviewed": "[X]", "not-collected": "[–]", None: "[ ]"}
NOT_COLLECTED = "not collected yet"


def source_row(source: str, state: SourceState | None) -> Text:
    """One row: the box, the source (as plain text), and "not collected yet" where it is."""
    row = Text(BOXES[state], style="bold")
    row.append(" ")
    row.append(source)
    if state == "not-collected":
        row.append(f"  ← {NOT_COLLECTED}", style="bold italic")
    return row


class SourceTicks(OptionList):
    """The data sources of a characteristic, each reviewed, not collected yet, or neither.

    The list does not change itself: a key asks (:class:`Requested`), and the owner records the
    answer and shows it with :meth:`show`.

    | Key | Does |
    | :- | :- |
    | space, enter | reviewed / not reviewed |
    | n | not collected yet / collected |
    """

    BINDINGS = [
        Binding(
            "space", "mark('reviewed')", "Reviewed", key_display="space", id="sources.reviewed"
        ),
        Binding("n", "mark('not-collected')", "Not collected yet", id="sources.not-collected"),
    ]

    @dataclass
    class Requested(Message):
        """Posted when the facilitator asks to put a source in another state."""

        ticks: SourceTicks
        source: str
        state: SourceState | None
        """The state asked for (None: neither reviewed nor marked not collected)."""

        @property
        def control(self) -> SourceTicks:
            return self.ticks

    def __init__(self, *, id: str | None = None, disabled: bool = False) -> None:  # noqa: A002
        super().__init__(id=id, disabled=disabled)
        self.sources: list[str] = []
        """The sources listed, in order."""
        self.states: dict[str, SourceState | None] = {}
        """Where each source stands."""

    def show(self, sources: list[tuple[str, SourceState | None]]) -> None:
        """List these sources in these states, keeping the highlight where it was."""
        shown = [(s, self.states.get(s)) for s in self.sources]
        if shown == sources:
            return
        highlighted = self.highlighted
        if [s for s, _ in shown] == [s for s, _ in sources]:  # the same sources: redraw changes
            for index, (source, state) in enumerate(sources):
                if self.states.get(source) != state:
                    self.replace_option_prompt_at_index(index, source_row(source, state))
            self.states = dict(sources)
            return
        self.sources = [s for s, _ in sources]
        self.states = dict(sources)
        self.set_options([Option(source_row(s, state)) for s, state in sources])
        if self.sources:
            self.highlighted = min(highlighted or 0, len(self.sources) - 1)

    def action_mark(self, state: SourceState) -> None:
        """Ask to put the highlighted source in ``state``, or out of it if it is there."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.sources):
            return
        source = self.sources[index]
        wanted = None if self.states.get(source) == state else state
        self.post_message(self.Requested(self, source, wanted))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mark" and not self.option_count:
            return None
        return super().check_action(action, parameters)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_mark("reviewed")
