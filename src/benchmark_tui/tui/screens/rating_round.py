"""Provides the rating round dialog: the room's individual ratings, hidden until revealed.

The facilitator types how many people chose each point (``0 1 3 1 0``) or each person's rating
by name (``Sam 3, Priya 2``). What is typed is masked until **Reveal**, so the room does not
anchor on the first number said (F2 shows the box to the facilitator to fix a typo; no message
ever repeats what was typed). Revealed: a dot plot, the median and, when the ratings span
two points or more, a gentle "worth discussing". The focus is then on the result, so the key
that revealed, pressed again, does nothing. The agreed rating is the facilitator's choice (the
median is offered), with a dissent note, and is set only by choosing the **Agree** button.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from benchmark_tui.models import (
    MatrixElement,
    Rating,
    ScalePoint,
    median_label,
    parse_round,
)
from benchmark_tui.tui.screens.dialogs import Dialog

DOTS_SHOWN = 10
"""Most dots drawn for one point; more are written as a number."""


@dataclass
class RoundAnswer:
    """What the facilitator decided in the round dialog."""

    text: str
    """The round as typed; empty to remove the round."""
    revealed: bool
    dissent: str
    agreed: int | None
    """The rating agreed, or None to leave the agreed rating as it was (agree later)."""


def dots(count: int) -> str:
    """ "●●●" for three votes; "●×12" past :data:`DOTS_SHOWN`; "" for none."""
    return "●" * count if count <= DOTS_SHOWN else f"●×{count}"


def round_text(rating: Rating) -> str:
    """A saved round as the facilitator would type it, to edit it again."""
    if rating.votes:
        return ", ".join(f"{name} {value}" for name, value in rating.votes.items())
    return " ".join(str(c) for c in rating.tally)


def round_summary(rating: Rating) -> Text:
    """ "median 3 · spread 2 points · worth discussing" (the flag bold, with a symbol)."""
    text = Text()
    if rating.median is not None:
        text.append(f"median {median_label(rating.median)}")
        text.append(f" · spread {rating.spread} point{'s' if rating.spread != 1 else ''}")
    if rating.is_wide:
        text.append(" · ⚑ worth discussing", style="bold")
    return text


def dot_plot(rating: Rating, scale: list[ScalePoint]) -> Text:
    """One line per point of the scale: its label, a dot per vote and the count."""
    width = max(len(p.label) for p in scale) + 4
    text = Text()
    for point, count in zip(scale, rating.counts, strict=False):
        if text:
            text.append("\n")
        text.append(f"{point.value} {point.label}".ljust(width), style="bold" if count else "dim")
        if count:
            text.append(f"{dots(count)} {count}")
    return text


class RoundPlot(Static, can_focus=True):
    """The revealed round's dot plot; it takes the focus on the reveal, and keys do nothing
    here (Tab goes on to the agreed rating, the dissent note and the Agree button)."""


class NoteInput(Input):
    """A one-line note that shows its beginning while the focus is elsewhere (an Input shows
    the end of a long text, where its cursor is), and takes the facilitator to the end of it,
    nothing selected, when they come to add to it."""

    def __init__(self, value: str, **kwargs: Any) -> None:
        super().__init__(value, select_on_focus=False, **kwargs)

    def on_mount(self) -> None:
        self.cursor_position = 0

    def on_focus(self) -> None:
        self.cursor_position = len(self.value)

    def on_blur(self) -> None:
        self.cursor_position = 0


class RoundDialog(Dialog[RoundAnswer]):
    """A rating round for one matrix element.

    | Key | Does |
    | :- | :- |
    | enter | in the counts: reveal them; in the agreed rating or the dissent note: move on |
    | ctrl+r | reveal the round |
    | f2 | show or hide the masked counts (to fix a typo before the reveal) |
    | escape | close, changing nothing |

    Only the **Agree** button agrees: reveal and agree are two acts, never one key twice.
    """

    BINDINGS = [
        Binding("ctrl+r", "reveal", "Reveal", id="round.reveal"),
        Binding("f2", "show_typed(True)", "Show typed", key_display="F2", id="round.show-typed"),
        Binding("f2", "show_typed(False)", "Hide typed", key_display="F2", id="round.hide-typed"),
    ]

    def __init__(
        self,
        title: str,
        element: MatrixElement,
        scale: list[ScalePoint],
        rating: Rating,
        present: int,
    ) -> None:
        """Hold a round.

        Args:
            title: the characteristic's title.
            element: the element being rated.
            scale: the framework's 0–4 scale.
            rating: the element's rating so far (its round, if one was held, is shown again).
            present: how many of the team are in the room (the counts are compared with it).
        """
        super().__init__()
        self.title_text = f"Rating round · {title} · {element.title}"
        self.element = element
        self.scale = scale
        self.present = present
        self.agreed = rating.value
        self.rating = rating.model_copy()
        self.revealed = rating.revealed and rating.has_round
        self.showing_typed = False
        """Whether the facilitator has shown the masked box (F2) before the reveal."""

    def compose(self) -> ComposeResult:
        # Compact inputs and buttons, the dot plot beside the decision: the whole round fits
        # an 80×24 projector without scrolling.
        with Vertical(classes="dialog -round"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Static(Text(self.element.question), classes="dialog-message")
            yield Label("How many chose each point 0–4 (0 1 3 1 0), or each: Sam 3, Jo 2")
            yield Input(
                round_text(self.rating),
                password=not self.revealed,
                compact=True,
                id="round-votes",
            )
            yield Static(id="round-status", classes="hint")
            with Horizontal(id="round-result"):
                yield RoundPlot(id="round-plot")
                with Vertical(id="round-decision"):
                    yield Label("Agreed rating 0–4 (you decide)", id="agreed-label")
                    yield Input(id="round-agreed", max_length=1, restrict=r"[0-4]?", compact=True)
                    yield Label("Dissent (a view that did not carry)")
                    yield NoteInput(self.rating.dissent, id="round-dissent", compact=True)
                    yield Static("Tab: rating, note, then Agree", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reveal", variant="primary", id="reveal", compact=True)
                yield Button("Keep hidden", id="hidden", compact=True)
                yield Button("Agree", variant="primary", id="agree", compact=True)
                yield Button("Agree later", id="later", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        if self.revealed:
            self._offer(self.rating)
        self._show()
        self.query_one("#round-votes", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal" and self.revealed:
            return False
        if action == "show_typed":
            # One F2, named for what it does now; after the reveal the box is shown anyway.
            return not self.revealed and parameters[0] != self.showing_typed
        return super().check_action(action, parameters)

    def action_show_typed(self, show: bool) -> None:
        """Show the masked box to fix a typo, or hide it again (before the reveal only)."""
        if self.revealed:
            return
        self.showing_typed = show
        self.query_one("#round-votes", Input).password = not show
        self.refresh_bindings()

    def _parsed(self) -> Rating | str:
        """The round typed so far, or why it is not one yet."""
        try:
            tally, votes = parse_round(self.query_one("#round-votes", Input).value)
        except ValueError as error:
            return str(error)
        return Rating(tally=tally, votes=votes, revealed=self.revealed)

    def _show(self) -> None:
        """Show what the round says so far: hidden, revealed or not yet a round."""
        parsed = self._parsed()
        status = Text()
        if isinstance(parsed, str):
            status.append(parsed if self.query_one("#round-votes", Input).value else "")
        else:
            status.append(f"{parsed.voters} vote{'s' if parsed.voters != 1 else ''}")
            if self.present:
                status.append(f" · {self.present} in the room")
                if parsed.voters != self.present:
                    status.append(" (a note can say why)")
            if not self.revealed:
                status.append(" · hidden until you reveal them (Enter)")
            else:
                status.append(" · ")
                status.append_text(round_summary(parsed))
        self.query_one("#round-status", Static).update(status)
        shown = self.revealed and isinstance(parsed, Rating)
        plot = Text()
        if isinstance(parsed, Rating) and shown:
            plot = dot_plot(parsed, self.scale)
            if parsed.median is not None:
                offered = f"median {median_label(parsed.median)}; you decide"
                self.query_one("#agreed-label", Label).update(f"Agreed 0–4 ({offered})")
        self.query_one("#round-plot", Static).update(plot)
        for selector in ("#round-result", "#agree", "#later"):
            self.query_one(selector).display = shown
        self.query_one("#reveal").display = not shown
        self.query_one("#hidden").display = not shown

    @on(Input.Changed, "#round-votes")
    def _typed(self) -> None:
        self._show()

    @on(Input.Submitted, "#round-votes")
    def _votes_entered(self) -> None:
        if self.revealed:
            self.query_one("#round-agreed", Input).focus()
        else:
            self.action_reveal()

    @on(Input.Submitted, "#round-agreed")
    def _agreed_entered(self) -> None:
        self.query_one("#round-dissent", Input).focus()

    @on(Input.Submitted, "#round-dissent")
    def _dissent_entered(self) -> None:
        # Enter moves on to the named button; only choosing Agree agrees.
        self.query_one("#agree", Button).focus()

    @on(Button.Pressed, "#reveal")
    def action_reveal(self) -> None:
        """Show the round to the room: the dot plot, the median and the spread."""
        parsed = self._parsed()
        if isinstance(parsed, str):
            self.notify(parsed, title="Not a round yet", severity="warning", markup=False)
            return
        self.revealed = True
        self.refresh_bindings()
        self.query_one("#round-votes", Input).password = False
        self._offer(parsed)
        self._show()
        # The result, not the box holding the median: the key that revealed, pressed again,
        # must not agree before anyone has spoken.
        self.query_one(RoundPlot).focus()

    def _offer(self, rating: Rating) -> None:
        """Fill in the agreed rating: the one already agreed, or else the round's median."""
        agreed = self.agreed if self.agreed is not None else rating.suggested
        self.query_one("#round-agreed", Input).value = "" if agreed is None else str(agreed)

    @on(Button.Pressed, "#agree")
    def _agree(self) -> None:
        value = self.query_one("#round-agreed", Input).value
        if not value:
            self.notify("Type the agreed rating, 0 to 4.", severity="warning", markup=False)
            self.query_one("#round-agreed", Input).focus()
            return
        self._finish(int(value))

    @on(Button.Pressed, "#later")
    @on(Button.Pressed, "#hidden")
    def _later(self) -> None:
        self._finish(None)

    def _finish(self, agreed: int | None) -> None:
        if isinstance(self._parsed(), str):
            return
        self.dismiss(
            RoundAnswer(
                text=self.query_one("#round-votes", Input).value,
                revealed=self.revealed,
                dissent=self.query_one("#round-dissent", Input).value.strip(),
                agreed=agreed,
            )
        )
