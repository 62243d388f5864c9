"""Provides the results area screen (Section 1): measures and trends, strengths, improvements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from benchmark_tui.edits import (
    AddMeasure,
    Edit,
    JudgeStanding,
    RemoveMeasure,
    ReplaceMeasure,
    SetComparators,
    SetLinked,
    SetNoData,
    SetText,
    SetTrend,
)
from benchmark_tui.models import (
    AREA_STEPS,
    AreaRecord,
    Measure,
    ResultsArea,
    Step,
)
from benchmark_tui.models.drafts import no_data_draft
from benchmark_tui.models.evidence import Comparator
from benchmark_tui.models.figures import STANDING_RULE, TREND_RULE
from benchmark_tui.models.periods import YEARS_RULE
from benchmark_tui.tui.screens.base import ReadingPane, SteppedScreen
from benchmark_tui.tui.screens.characteristic import bullets, findings_lists, show_findings
from benchmark_tui.tui.widgets.measure_card import MeasureCard
from benchmark_tui.tui.widgets.memo import Memo
from benchmark_tui.tui.widgets.ticks import TickBox

if TYPE_CHECKING:
    from textual.worker import Worker

    from benchmark_tui.tui.screens.import_figures import FiguresImporter


class MeasureList(OptionList):
    """The measures looked at for a results area, a card each: the figures by year beside the
    comparators', where the team stands against each, and the suggested trend.

    | Key | Does |
    | :- | :- |
    | enter | edit the measure |
    | c | its comparators |
    | t | take the suggested trend as the team's |
    | s | where the team stands against the comparators (overrule the rule) |
    | delete | remove the measure |
    """

    BINDINGS = [
        Binding("enter", "select", "Edit", key_display="⏎", id="measures-list.select"),
        Binding("c", "ask('comparators')", "Comparators", id="measures-list.comparators"),
        Binding(
            "t",
            "ask('trend')",
            "Take trend",
            tooltip="Take the suggested trend",
            id="measures-list.trend",
        ),
        Binding(
            "s",
            "ask('standings')",
            "Standing",
            tooltip="Above, below, in line: overrule",
            id="measures-list.standings",
        ),
        Binding(
            "delete,backspace", "remove", "Remove", key_display="del", id="measures-list.remove"
        ),
    ]

    @dataclass
    class Requested(Message):
        """Posted when the facilitator asks to add (index None), edit, remove, take the trend
        of, or set the comparators or standings of a measure."""

        measures: MeasureList
        what: str
        index: int | None

        @property
        def control(self) -> MeasureList:
            return self.measures

    def action_remove(self) -> None:
        """Ask to remove the highlighted measure."""
        self.action_ask("remove")

    def action_ask(self, what: str) -> None:
        """Ask for something to be done to the highlighted measure."""
        if self.option_count and self.highlighted is not None:
            self.post_message(self.Requested(self, what, self.highlighted))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("remove", "select", "ask") and not self.option_count:
            return None
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Requested(self, "edit", event.option_index))


def measure_card(measure: Measure) -> Memo:
    """The card of a measure: its figures by year beside its comparators', where the team
    stands, the suggested trend, and the note (laid out once per width)."""
    return Memo(MeasureCard(measure))


class AreaScreen(SteppedScreen):
    """One results area of Section 1: what the data shows over at least three years."""

    place = "area"
    STEPS: ClassVar[tuple[Step, ...]] = AREA_STEPS
    HELP = f"""\
## A results area (Section 1)

1. **Understand**: the area's statement and what it includes.
2. **Measures & trends**: the data looked at, with figures over at least three years, each
   measure's comparators (external benchmarks) beside them and the trend they show. A measure
   covering fewer than three years is marked *<3y*.
   - **a** adds a measure, **Enter** edits it (name, unit, figures, which way is better,
     the team's trend, a note), **Del** removes it.
   - **c** sets its comparators (e.g. CIPFA nearest neighbours (median), England average)
     and their figures; **s** shows where the team stands against each, year by year, and
     lets the team overrule it (a above, b below, i in line, r by the rule).
   - **t** takes the suggested trend as the team's; to judge otherwise, choose another trend
     in the measure (Enter). The team's judgement is what is kept and written.
   - **i** imports figures from a CSV file or an Excel workbook; it shows what it would add
     or replace and asks before replacing anything in the session.
   - **l** links the results to the characteristics whose practices explain them.

   If you do not collect data for this area yet, tick *No data collected yet*: do not
   collect it now; starting to collect it is suggested for the improvement plan, built once
   the self-assessment is complete.
3. **Strengths & improvements**: agree two to four of each.

Then **agree** (ctrl+g) and move on.

**Years.** {YEARS_RULE}

**Trend.** {TREND_RULE}

**Standing.** {STANDING_RULE}
"""

    BINDINGS = [
        Binding("a", "add_measure", "Add measure", id="results.add-measure"),
        Binding(
            "i",
            "import_figures",
            "Import",
            tooltip="Import figures from a spreadsheet",
            id="results.import-figures",
        ),
        Binding(
            "l",
            "link_practices",
            "Link",
            tooltip="Link the results to practices",
            id="results.link-practices",
        ),
    ]

    area: ResultsArea
    _understood: ResultsArea | None = None
    """The area whose statement and list the Understand step shows."""

    _importer: FiguresImporter | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        measures_keys = ("add_measure", "import_figures", "link_practices")
        if action in measures_keys and (self.step != "measures" or self.read_only):
            return False
        return super().check_action(action, parameters)

    def action_import_figures(self) -> None:
        """Import figures from a CSV file or a workbook (on the measures step)."""
        from benchmark_tui.tui.screens.import_figures import FiguresImporter

        if self._importer is None:
            suggestion = str(self.context.sessions_dir) + "/"
            self._importer = FiguresImporter(self, suggestion, self.show_record)
        self._importer.start()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self._importer is not None and self._importer.finished(event):
            event.stop()

    def action_link_practices(self) -> None:
        """Name the characteristics whose practices explain these results."""
        from benchmark_tui.tui.screens.measure_dialogs import LinkDialog

        def chosen(linked: list[str] | None) -> None:
            if linked is not None:
                self.apply(SetLinked(item=self.item, linked=tuple(linked)))
                self._show_linked()

        self.app.push_screen(
            LinkDialog(self.framework, self.area.title, list(self.record.linked)), chosen
        )

    def action_add_measure(self) -> None:
        """Add a measure of results (on the measures step)."""
        self.post_message(MeasureList.Requested(self.query_one(MeasureList), "add", None))

    def select_item(self, item: str) -> None:
        self.area = self.framework.area(item)

    @property
    def item_id(self) -> str:
        return self.area.id

    @property
    def record(self) -> AreaRecord:
        return self.session.area(self.area.id)

    @property
    def where(self) -> tuple[str, str, list[str]]:
        states = self.item_states([a.id for a in self.framework.areas])
        return (f"Section 1 · {self.area.number}", self.area.title, states)

    def compose_steps(self) -> ComposeResult:
        with ReadingPane(id="understand", classes="step understand"):
            yield Static(classes="statement", id="statement")
            with Horizontal(classes="understand-columns"):
                with Vertical(classes="includes"):
                    yield Static(classes="lead", id="includes-lead")
                    yield Static(classes="bullets", id="includes")
                with Vertical(classes="sources"):
                    yield Static(Text(self.framework.methodology.title), classes="lead")
                    yield Static(Text(self.framework.methodology.results), classes="aside")
        with VerticalScroll(id="measures", classes="step"):
            yield TickBox(
                "No data collected yet for this area", id="no-data", disabled=self.read_only
            )
            yield Static("Measures looked at, over at least three years", classes="lead")
            yield MeasureList(id="measure-list", disabled=self.read_only)
            yield Static(
                "No measures yet: press a to add one, with values for at least three years, "
                "or i to import them from a spreadsheet.",
                id="no-measures",
                classes="aside",
            )
            yield Static(id="linked", classes="aside")
            yield Static("What the trends show", classes="lead")
            yield TextArea(
                id="area-notes",
                soft_wrap=True,
                disabled=self.read_only,
                placeholder="Trends over at least three years, and what lies behind them…",
            )
            yield Static(
                Text(f"Suggested trends. {TREND_RULE}\nStanding. {STANDING_RULE}"),
                id="rules",
                classes="hint",
            )
        with VerticalScroll(id="findings", classes="step"):
            yield from findings_lists(self.read_only)

    def show_record(self) -> None:
        area, record = self.area, self.record
        with self.prevent(TextArea.Changed, Checkbox.Changed):
            if area is not self._understood:  # unchanged text is not rendered again
                self._understood = area
                self.query_one("#statement", Static).update(Text(area.statement))
                self.query_one("#includes-lead", Static).update(Text(area.includes_lead))
                self.query_one("#includes", Static).update(bullets(area.includes))
            self.query_one("#understand").scroll_home(animate=False)
            self.query_one("#no-data", TickBox).value = record.no_data_yet
            notes = self.query_one("#area-notes", TextArea)
            if notes.text != record.notes:
                notes.load_text(record.notes)
            self._fill_measures(0)
            self._show_linked()
            show_findings(self)

    def _show_linked(self) -> None:
        """The characteristics the team linked these results to (hidden while none)."""
        linked = [c for c in self.framework.items if c.id in self.record.linked]
        shown = self.query_one("#linked", Static)
        shown.display = bool(linked)
        text = Text("Explained by the practices of: ", style="bold")
        text.append(", ".join(c.label for c in linked), style="not bold")
        text.append("  (l changes)", style="dim")
        shown.update(text)

    def _fill_measures(self, highlight: int | None = None) -> None:
        options = self.query_one(MeasureList)
        highlighted = options.highlighted if highlight is None else highlight
        options.clear_options()
        measures = self.record.measures
        for measure in measures:
            options.add_option(Option(measure_card(measure)))
        if measures:
            options.highlighted = min(highlighted or 0, len(measures) - 1)
        self.query_one("#no-measures", Static).display = not measures

    # -- recording what the team says ---------------------------------------------------------

    @on(MeasureList.Requested)
    def change_measure(self, event: MeasureList.Requested) -> None:
        from benchmark_tui.tui.screens.forms import MeasureDialog

        measures = self.record.measures
        if event.what in ("comparators", "trend", "standings") and event.index is not None:
            self._benchmark(event.what, event.index)
            return
        if event.what == "remove" and event.index is not None:
            removed = measures[event.index]
            if self._measures_changed(RemoveMeasure(item=self.item, index=event.index)):
                self.notify(
                    f"Removed {removed.name}. Ctrl+Z brings it back.", timeout=4, markup=False
                )
            return
        current = measures[event.index] if event.index is not None else None

        def store(measure: Measure | None) -> None:
            if measure is None:
                return
            if event.index is None:
                if self.record.no_data_yet:
                    self._ask_about_no_data(measure)
                    return
                self._measures_changed(AddMeasure(item=self.item, measure=measure))
            else:
                self._measures_changed(
                    ReplaceMeasure(item=self.item, index=event.index, measure=measure)
                )

        self.app.push_screen(MeasureDialog(current), store)

    def _benchmark(self, what: str, index: int) -> None:
        """Comparators, standings or the suggested trend of measure ``index``."""
        from benchmark_tui.tui.screens.measure_dialogs import (
            ComparatorsDialog,
            Judgement,
            StandingsDialog,
        )

        measure = self.record.measures[index]
        if self.read_only:
            return
        if what == "trend":
            self._take_trend(index, measure)
        elif what == "comparators":

            def set_comparators(comparators: list[Comparator] | None) -> None:
                if comparators is not None:
                    edit = SetComparators(
                        item=self.item, index=index, comparators=tuple(comparators)
                    )
                    self._measures_changed(edit)

            self.app.push_screen(ComparatorsDialog(measure), set_comparators)
        elif not any(read.suggested for read in measure.standings()):
            self.notify(
                "No figure to compare yet: give the measure a comparator (c) with figures for "
                "the same years as the team's.",
                title="Standing",
                timeout=5,
                markup=False,
            )
        else:

            def judge(judgement: Judgement | None) -> None:
                if judgement is not None:
                    name, period, standing = judgement
                    edit = JudgeStanding(
                        item=self.item, index=index, comparator=name, period=period,
                        standing=standing,
                    )  # fmt: skip
                    self._measures_changed(edit)

            self.app.push_screen(StandingsDialog(measure), judge)

    def _take_trend(self, index: int, measure: Measure) -> None:
        """Take the trend the figures suggest as the team's (t)."""
        suggestion = measure.suggested_trend
        if suggestion.trend is None:
            self.notify(
                f"No trend suggested: {suggestion.reason}. Judge it in the measure (Enter).",
                title="Trend",
                timeout=6,
                markup=False,
            )
            return
        if measure.trend == suggestion.trend:
            self.notify(f"The team's trend is {suggestion.trend} already.", timeout=3)
            return
        if self._measures_changed(SetTrend(item=self.item, index=index, trend=suggestion.trend)):
            self.notify(
                f"{measure.name}: {suggestion.trend}, as suggested. Ctrl+Z takes it back.",
                timeout=4,
                markup=False,
            )

    def _ask_about_no_data(self, measure: Measure) -> None:
        """A measure added to an area ticked "no data collected yet": ask which is meant,
        then record the measure and the answer as one change."""
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog

        def decide(choice: str | None) -> None:
            clear = choice == "clear"
            edit = AddMeasure(item=self.item, measure=measure, clear_no_data=clear)
            if self._measures_changed(edit) and clear:
                with self.prevent(Checkbox.Changed):
                    self.query_one("#no-data", TickBox).value = False
                self.notify("No longer marked “no data collected yet”.", timeout=4, markup=False)

        # Esc keeps the mark: the measure is added either way, and nothing is cleared unasked.
        self.app.push_screen(
            ChoiceDialog(
                "No data collected yet?",
                f"{self.area.title} is marked “No data collected yet”, and you have added "
                f"{measure.name}. Which is meant?\n\n"
                "• Data collection is not complete: keep the mark (the document says "
                "“Data collection not complete”).\n"
                "• The data now exists: clear the mark.",
                [("keep", "Not complete: keep the mark"), ("clear", "Data exists: clear it")],
            ),
            decide,
        )

    def _measures_changed(self, edit: Edit) -> bool:
        """Apply a change to the measures and show them; whether it was applied."""
        applied = self.apply(edit)
        self._fill_measures()
        return applied is not None

    @on(Checkbox.Changed, "#no-data")
    def record_no_data(self, event: Checkbox.Changed) -> None:
        if event.value == self.record.no_data_yet:
            return
        if self.apply(SetNoData(item=self.item, no_data=event.value)) is None:
            with self.prevent(Checkbox.Changed):
                event.checkbox.value = self.record.no_data_yet
            return
        if event.value:
            self._offer_plan_action()

    def _offer_plan_action(self) -> None:
        """Say that starting to collect the data waits as a suggestion for the plan (the
        method builds the plan once the self-assessment is complete)."""
        draft = no_data_draft(self.area)
        self.notify(
            f"Suggested for the improvement plan: “{draft.action}”. It becomes a draft "
            "action when the team builds the plan (p on the overview).",
            timeout=5,
            markup=False,
        )

    @on(TextArea.Changed, "#area-notes")
    def record_notes(self, event: TextArea.Changed) -> None:
        if event.text_area.text == self.record.notes:
            return
        self.apply(SetText(item=self.item, field="notes", text=event.text_area.text))
