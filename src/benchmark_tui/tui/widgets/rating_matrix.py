"""Provides the evaluation matrix widget: Plan, Do, Check / act, Impact rated 0–4 by consensus."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from benchmark_tui.models import MatrixElement, Rating, ScalePoint, median_label, tally_label
from benchmark_tui.tui.widgets.heat import heat_style
from benchmark_tui.tui.widgets.memo import Memo


@dataclass
class Cell:
    """What the matrix shows for one element."""

    value: int | None
    note: str
    round: Rating | None = None
    """The element's rating round, when one was held (shown as dots once revealed)."""


LAST_PLAN_ELEMENTS = ("check-act", "impact")
"""The elements whose discussion shows what happened to last time's plan."""


COMPACT_BELOW = 30
"""Screens shorter than this many lines get the matrix without blank lines between elements."""


class RatingMatrix(Widget, can_focus=True):
    """The evaluation matrix: one row per element, one column per point of the 0–4 scale.

    The chosen rating is shown as ``[ 2 ]``, bold and shaded, so it is obvious with and without
    colour. The focused row's question is always shown in full underneath, with its note.

    | Key | Does |
    | :- | :- |
    | up / down | move between elements |
    | 0 1 2 3 4 | rate the focused element |
    | left / right | move the rating down / up the scale |
    | backspace / delete | clear the rating (not yet rated) |
    | n | add or edit a note for the focused element |
    | v | hold a rating round for the focused element |
    """

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="matrix.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="matrix.down"),
        Binding("0", "rate(0)", "Rate", key_display="0–4", id="matrix.rate-0"),
        Binding("1", "rate(1)", "Rate", show=False, id="matrix.rate-1"),
        Binding("2", "rate(2)", "Rate", show=False, id="matrix.rate-2"),
        Binding("3", "rate(3)", "Rate", show=False, id="matrix.rate-3"),
        Binding("4", "rate(4)", "Rate", show=False, id="matrix.rate-4"),
        Binding("left", "nudge(-1)", "Lower", show=False, id="matrix.lower"),
        Binding("right", "nudge(1)", "Higher", show=False, id="matrix.higher"),
        Binding("backspace,delete", "clear", "Clear", key_display="⌫", id="matrix.clear"),
        Binding("n", "note", "Note", id="matrix.note"),
        Binding(
            "v",
            "round",
            "Round",
            tooltip="A rating round: the room's votes, then agree",
            id="matrix.round",
        ),
    ]

    COMPONENT_CLASSES = {
        "rating-matrix--cursor",
        "rating-matrix--header",
        "rating-matrix--question",
        "rating-matrix--empty",
    }

    DEFAULT_CSS = """
    RatingMatrix {
        height: auto;
        padding: 0 1;
        &:focus { background-tint: $foreground 4%; }
        & > .rating-matrix--cursor { background: $accent 25%; text-style: bold; }
        & > .rating-matrix--header { text-style: bold; color: $text-muted; }
        & > .rating-matrix--question { color: $text; }
        & > .rating-matrix--empty { color: $text-muted; }
    }
    """

    cursor: reactive[int] = reactive(0)
    """Index of the focused element."""

    @dataclass
    class Changed(Message):
        """Posted when the team sets or clears a rating."""

        matrix: RatingMatrix
        element_id: str
        value: int | None

        @property
        def control(self) -> RatingMatrix:
            return self.matrix

    @dataclass
    class NoteRequested(Message):
        """Posted when the facilitator asks to add or edit the note of an element."""

        matrix: RatingMatrix
        element_id: str

        @property
        def control(self) -> RatingMatrix:
            return self.matrix

    @dataclass
    class RoundRequested(Message):
        """Posted when the facilitator asks to hold a rating round for an element."""

        matrix: RatingMatrix
        element_id: str

        @property
        def control(self) -> RatingMatrix:
            return self.matrix

    def __init__(
        self,
        elements: list[MatrixElement],
        scale: list[ScalePoint],
        cells: dict[str, Cell],
        *,
        id: str | None = None,  # noqa: A002
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, disabled=disabled)
        self.elements = elements
        self.scale = scale
        self.cells = {e.id: cells.get(e.id, Cell(None, "")) for e in elements}
        self._drawn: tuple[object, Memo] | None = None
        self.last: dict[str, Cell] = {}
        """Last time's rating and note per element (the previous self-assessment), if any."""
        self.last_label = "last time"
        """What "last time" was, e.g. ``last time (13 Mar 2025)``."""
        self.last_plan: Text | None = None
        """What happened to last time's plan for this item, shown with Check / act and Impact."""
        self.held_back: frozenset[str] = frozenset()
        """Elements rated last time whose rating is not shown yet (the team has not rated)."""
        self.held_back_note = ""
        """Said of a held-back rating under the focused element, e.g. "shown once rated"."""

    @property
    def focused_element(self) -> MatrixElement:
        """The element on the focused row."""
        return self.elements[self.cursor]

    def show_last_time(
        self,
        cells: dict[str, Cell],
        label: str = "last time",
        plan: Text | None = None,
        *,
        held_back: frozenset[str] = frozenset(),
        held_back_note: str = "",
    ) -> None:
        """Show last time's ratings as faint markers (◇) in their columns, with their notes.

        Args:
            cells: last time's rating and note per element (those to show now).
            label: what last time was, e.g. ``last time (13 Mar 2025)``.
            plan: what happened to last time's plan for this item (shown under Check / act and
                Impact, whose questions it answers).
            held_back: elements rated last time whose rating is not shown yet: the focused
                one says so, with ``held_back_note``, but not the rating.
            held_back_note: why and until when, e.g. ``shown once rated``.
        """
        shown = (self.last, self.last_label, self.last_plan, self.held_back, self.held_back_note)
        if shown != (cells, label, plan, held_back, held_back_note):
            self.last, self.last_label, self.last_plan = cells, label, plan
            self.held_back, self.held_back_note = held_back, held_back_note
            self._drawn = None
            self.refresh(layout=True)

    def load(self, cells: dict[str, Cell]) -> None:
        """Show another characteristic's ratings, from the first element."""
        cells = {e.id: cells.get(e.id, Cell(None, "")) for e in self.elements}
        self.cursor = 0
        if cells != self.cells:
            self.cells = cells
            self.refresh(layout=True)

    def set_cell(self, element_id: str, cell: Cell) -> None:
        """Show a new rating or note for an element (from the session)."""
        self.cells[element_id] = cell
        self.refresh(layout=True)

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.elements) - 1))

    def watch_cursor(self) -> None:
        self.refresh(layout=True)

    def action_cursor(self, delta: int) -> None:
        """Move to the previous or next element."""
        self.cursor += delta

    def action_rate(self, value: int) -> None:
        """Rate the focused element."""
        self._set(value)

    def action_nudge(self, delta: int) -> None:
        """Move the focused element's rating along the scale (from unrated, start at 0)."""
        current = self.cells[self.focused_element.id].value
        if current is None:
            self._set(0 if delta > 0 else len(self.scale) - 1)
        else:
            self._set(max(0, min(len(self.scale) - 1, current + delta)))

    def action_clear(self) -> None:
        """Clear the focused element's rating."""
        self._set(None)

    def action_note(self) -> None:
        """Ask the screen to edit the focused element's note."""
        self.post_message(self.NoteRequested(self, self.focused_element.id))

    def action_round(self) -> None:
        """Ask the screen to hold a rating round for the focused element."""
        self.post_message(self.RoundRequested(self, self.focused_element.id))

    def _set(self, value: int | None) -> None:
        element = self.focused_element
        cell = self.cells[element.id]
        if cell.value == value:
            return
        self.cells[element.id] = Cell(value, cell.note, cell.round)
        self.refresh(layout=True)
        self.post_message(self.Changed(self, element.id, value))

    @property
    def compact(self) -> bool:
        """On a short screen (80×24) the elements go without blank lines between them, so the
        question, the note and last time's rating below them stay on the screen."""
        return self.app.size.height < COMPACT_BELOW

    def render(self) -> Memo:
        cursor_style = self.get_component_rich_style("rating-matrix--cursor")
        header_style = self.get_component_rich_style("rating-matrix--header")
        empty_style = self.get_component_rich_style("rating-matrix--empty")
        # Focus, blur and showing the step again repaint the widget without changing what it
        # shows; laying out a Rich table is slow, so the last one is kept while nothing changed.
        key = (
            self.cursor,
            [(e.id, self.cells[e.id]) for e in self.elements],
            cursor_style,
            header_style,
            empty_style,
            self.app.current_theme,
            [(e.id, self.last.get(e.id)) for e in self.elements],
            self.compact,
        )
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        drawn = Memo(self._draw(cursor_style, header_style, empty_style))
        self._drawn = (key, drawn)
        return drawn

    def _round_row(self, rating: Rating, empty_style: Style) -> list[Text]:
        """The row under an element with a round: its votes as dots under each point."""
        muted = Style(color=empty_style.color)
        if not rating.revealed:
            return [Text(f"  {rating.voters} votes hidden", style=muted)] + [  # whole at 80
                Text("") for _ in self.scale
            ]
        label = Text("    ⚑ " if rating.is_wide else "    ", style="bold")
        label.append(f"median {median_label(rating.median or 0)}", style=muted)
        counts = rating.counts
        shown = [
            Text(("●" * c if c <= 5 else f"●×{c}") if c else "", style=muted)
            for c in counts[: len(self.scale)]
        ]
        return [label, *shown]

    def _draw(self, cursor_style: Style, header_style: Style, empty_style: Style) -> Group:
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 0))
        table.add_column(Text("Evaluation element", style=header_style), ratio=3, no_wrap=True)
        for point in self.scale:
            table.add_column(
                Text(f"{point.value}\n{point.label}", style=header_style, justify="center"),
                ratio=2,
                justify="center",
            )
        for index, element in enumerate(self.elements):
            cell = self.cells[element.id]
            focused = index == self.cursor
            row_style = cursor_style if focused else Style()
            label = Text(("▶ " if focused else "  ") + element.title, style=row_style)
            if focused:
                label.stylize("bold")
            if cell.value is None:
                label.append("  –", style=Style(color=empty_style.color))
            cells: list[Text] = [label]
            before = self.last.get(element.id)
            for point in self.scale:
                was = before is not None and before.value == point.value
                if cell.value == point.value:
                    chosen = heat_style(self.app, point.value)
                    cells.append(Text(f"[ {point.value} ]" + ("◇" if was else ""), style=chosen))
                elif was:  # last time's rating: faint, a symbol and not colour alone
                    faint = Style(color=empty_style.color, bgcolor=row_style.bgcolor, italic=True)
                    cells.append(Text(f"◇{point.value}", style=faint))
                else:
                    dot = Style(color=empty_style.color, bgcolor=row_style.bgcolor)
                    cells.append(Text("·", style=dot))
            table.add_row(*cells, style=row_style)
            if cell.round is not None and cell.round.has_round:
                table.add_row(*self._round_row(cell.round, empty_style))
            elif index < len(self.elements) - 1 and not self.compact:
                table.add_row(*([Text("")] * (len(self.scale) + 1)))
        element = self.focused_element
        cell = self.cells[element.id]
        gap = "" if self.compact else "\n"
        question = Text()
        question.append(f"{gap}{element.title}", style="bold")
        question.append(f" — {element.question}")
        verdict = Text(gap)
        if cell.value is None:
            verdict.append("Not yet rated", style=empty_style)
        else:
            verdict.append(f"Rated {cell.value} — {self.scale[cell.value].label}", style="bold")
        if cell.note:
            verdict.append("   Note: ", style="bold")
            verdict.append(cell.note)
        else:
            verdict.append("   (n to add a note)", style=empty_style)
        before = self.last.get(element.id)
        if before is not None and before.value is not None:
            last = self.last_label[:1].upper() + self.last_label[1:]
            verdict.append(f"\n◇ {last}: ", style=empty_style)
            verdict.append(f"{before.value} — {self.scale[before.value].label}")
            if before.note:
                verdict.append(f" · {before.note}", style=Style(color=empty_style.color))
        elif element.id in self.held_back:
            verdict.append(f"\n◇ Last time's rating: {self.held_back_note}", style=empty_style)
        if self.last_plan is not None and element.id in LAST_PLAN_ELEMENTS:
            verdict.append("\n")
            verdict.append_text(self.last_plan)
        if cell.round is not None and cell.round.has_round:
            verdict.append("\nRound: ", style="bold")
            if not cell.round.revealed:
                verdict.append(f"{cell.round.voters} votes, hidden (v to reveal)")
            else:
                verdict.append(f"{tally_label(cell.round.counts)} · median ")
                verdict.append(median_label(cell.round.median or 0))
                if cell.round.is_wide:
                    verdict.append(" · ⚑ worth discussing", style="bold")
            if cell.round.dissent:
                verdict.append("   Dissent: ", style="bold")
                verdict.append(cell.round.dissent)
        return Group(table, question, verdict)
