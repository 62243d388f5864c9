"""Provides the dialogs of a measure's benchmarking: its comparators, the team's judgement of
where it stands against them, and the characteristics whose practices explain an area's results.

Each dialog returns what the team chose; the results area screen turns it into an edit.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from benchmark_tui.models import Framework, Measure, clean_line
from benchmark_tui.models.evidence import Comparator, ComparatorValue, StandingRead, same_name
from benchmark_tui.models.figures import STANDING_RULE, Standing
from benchmark_tui.tui.screens.dialogs import Dialog
from benchmark_tui.tui.screens.forms import parse_values
from benchmark_tui.tui.widgets.measure_card import STANDING_WORDS
from benchmark_tui.tui.widgets.ticks import TickList

Judgement = tuple[str, str, Standing | None]
"""(comparator, period, the team's standing; None: the rule's)."""


def _figures_text(values: list[ComparatorValue]) -> str:
    return "\n".join(f"{v.period}: {v.value}" for v in values)


class ComparatorBlock(Horizontal):
    """One comparator in the dialog: its name beside its figures."""

    def __init__(self, number: int, comparator: Comparator | None, periods: list[str]) -> None:
        super().__init__(classes="form-row comparator")
        self.number = number
        self.comparator = comparator
        self.periods = periods

    def compose(self) -> ComposeResult:
        comparator = self.comparator
        with Vertical():
            yield Label(f"Comparator {self.number}")
            yield Input(
                comparator.name if comparator else "",
                placeholder="e.g. CIPFA nearest neighbours (median)",
                classes="comparator-name",
            )
        with Vertical():
            yield Label("Its figures: period: value")
            example = "\n".join(f"{p}: …" for p in self.periods[-3:]) or "2024/25: £15.90"
            yield TextArea(
                _figures_text(comparator.values) if comparator else "",
                soft_wrap=True,
                placeholder=f"e.g. {example}",
                classes="comparator-figures",
            )

    @property
    def name_typed(self) -> str:
        """The name as typed, tidied."""
        return clean_line(self.query_one(".comparator-name", Input).value)

    @property
    def figures_typed(self) -> str:
        """The figures as typed."""
        return self.query_one(".comparator-figures", TextArea).text


class ComparatorsDialog(Dialog[list[Comparator]]):
    """Add, change or remove a measure's comparators and their figures by period.

    A judgement the team made against a comparator (above, below, in line) is kept for each
    period it still has a figure for.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="comparators.save"),
        Binding("ctrl+n", "another", "Another comparator", priority=True, id="comparators.another"),
    ]

    def __init__(self, measure: Measure) -> None:
        super().__init__()
        self.measure = measure

    def compose(self) -> ComposeResult:
        periods = [v.period for v in self.measure.in_year_order()]
        with Vertical(classes="dialog -form -comparators"):
            yield Static(Text(f"Comparators: {self.measure.name}"), classes="dialog-title")
            yield Static(
                "External benchmarks shown beside the team's figures, e.g. CIPFA nearest "
                "neighbours (median), England average. Figures one a line, as period: value. "
                "Empty a comparator's name and figures to remove it.",
                classes="dialog-message",
            )
            with VerticalScroll(classes="dialog-body", id="comparator-blocks"):
                for number, comparator in enumerate(self.measure.comparators, start=1):
                    yield ComparatorBlock(number, comparator, periods)
                yield ComparatorBlock(len(self.measure.comparators) + 1, None, periods)
            yield Static("", id="problem", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Another (ctrl+n)", id="another")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.say_problem("")
        self.query(".comparator-name").first(Input).focus()

    @on(Input.Submitted, ".comparator-name")
    def _to_figures(self, event: Input.Submitted) -> None:
        block = next(a for a in event.input.ancestors if isinstance(a, ComparatorBlock))
        block.query_one(".comparator-figures", TextArea).focus()

    @on(Button.Pressed, "#another")
    def action_another(self) -> None:
        """Another empty comparator to fill in."""
        periods = [v.period for v in self.measure.in_year_order()]
        blocks = self.query_one("#comparator-blocks", VerticalScroll)
        block = ComparatorBlock(len(self.query(ComparatorBlock)) + 1, None, periods)
        blocks.mount(block)
        self.call_after_refresh(lambda: block.query_one(".comparator-name", Input).focus())
        self.call_after_refresh(lambda: blocks.scroll_to_widget(block, animate=False))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check every comparator and return them all."""
        comparators: list[Comparator] = []
        for block in self.query(ComparatorBlock):
            name, typed = block.name_typed, block.figures_typed
            if not name and not typed.strip():
                continue
            where = f"Comparator {block.number}"
            if not name:
                self._refuse(block, ".comparator-name", f"{where}: give it a name.")
                return
            try:
                values = parse_values(typed)
                old = self.measure.comparator(name)
                judged = {v.period: v.standing for v in old.values} if old else {}
                comparators.append(
                    Comparator(
                        name=name,
                        values=[
                            ComparatorValue(
                                period=v.period, value=v.value, standing=judged.get(v.period)
                            )
                            for v in values
                        ],
                    )
                )
            except ValueError as err:  # a line without a colon; a period given twice
                self._refuse(block, ".comparator-figures", f"{where}: {_said(err)}")
                return
        names = [same_name(c.name) for c in comparators]
        twice = [c.name for c, key in zip(comparators, names, strict=True) if names.count(key) > 1]
        if twice:
            self.say_problem(f"Each comparator once: {twice[0]} is named twice.")
            return
        self.dismiss(comparators)

    def _refuse(self, block: ComparatorBlock, field: str, problem: str) -> None:
        self.say_problem(problem)
        block.query_one(field).focus()


def _said(error: ValueError) -> str:
    """A validation error in the words it was raised with (no pydantic jargon)."""
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        return "; ".join(
            str(e.get("msg", "not valid")).removeprefix("Value error, ") for e in error.errors()
        )
    return str(error)


def standing_prompt(read: StandingRead) -> Text:
    """``2024/25 · CIPFA median: above (£17.32 v £15.90) — by the rule``."""
    text = Text(f"{read.period} · {read.comparator}: ")
    if read.standing is None:
        text.append(read.label, style="italic")
        return text
    text.append(STANDING_WORDS[read.standing], style="bold")
    text.append(f" ({read.ours} v {read.theirs})")
    if read.is_overruled:
        rule = STANDING_WORDS[read.suggested] if read.suggested else "not compared"
        text.append(f" — the team's judgement (the rule says {rule})", style="italic")
    else:
        text.append(" — by the rule", style="dim")
    return text


class StandingsDialog(Dialog[Judgement]):
    """Where the team's figures stand against each comparator, year by year; a key overrules
    the rule for the highlighted one (or takes the rule's again).

    | Key | Does |
    | :- | :- |
    | up / down | choose the comparator and year |
    | a / b / i | the team judges it above, below, in line |
    | r | take the rule's judgement again |
    """

    BINDINGS = [
        Binding("a", "judge('above')", "Above", id="standings.above"),
        Binding("b", "judge('below')", "Below", id="standings.below"),
        Binding("i", "judge('in-line')", "In line", id="standings.in-line"),
        Binding("r", "judge(None)", "By the rule", id="standings.by-rule"),
    ]

    def __init__(self, measure: Measure) -> None:
        super().__init__()
        self.measure = measure
        self.reads = measure.standings()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"Where we stand: {self.measure.name}"), classes="dialog-title")
            yield Static(Text(STANDING_RULE), classes="dialog-message")
            yield OptionList(
                *[
                    Option(standing_prompt(read), disabled=read.suggested is None)
                    for read in self.reads
                ],
                id="standings",
            )

    def on_mount(self) -> None:
        options = self.query_one("#standings", OptionList)
        options.focus()
        latest = [n for n, read in enumerate(self.reads) if read.suggested is not None]
        if latest:
            options.highlighted = latest[-1]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "judge" and self._highlighted() is None:
            return None
        return True

    def _highlighted(self) -> StandingRead | None:
        index = self.query_one("#standings", OptionList).highlighted
        if index is None or not 0 <= index < len(self.reads):
            return None
        read = self.reads[index]
        return read if read.suggested is not None else None

    def action_judge(self, standing: Standing | None) -> None:
        """Record the team's judgement of the highlighted comparator and year."""
        read = self._highlighted()
        if read is not None:
            self.dismiss((read.comparator, read.period, standing))


class LinkDialog(Dialog[list[str]]):
    """Pick the characteristics whose practices explain a results area's results."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True, id="link.save")]

    def __init__(self, framework: Framework, title: str, linked: list[str]) -> None:
        super().__init__()
        self.framework = framework
        self.title_text = title
        self.linked = linked

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -form"):
            yield Static(Text(f"Practices behind {self.title_text}"), classes="dialog-title")
            yield Static(
                "Space ticks the characteristics whose practices explain these results.",
                classes="dialog-message",
            )
            yield TickList[str](
                *[
                    Selection(Text(c.label), c.id, c.id in self.linked)
                    for c in self.framework.items
                ],
                id="linked",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#linked").focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Return the ticked characteristics, in the framework's order."""
        ticked = set(self.query_one("#linked", TickList).selected)
        self.dismiss([c.id for c in self.framework.items if c.id in ticked])
