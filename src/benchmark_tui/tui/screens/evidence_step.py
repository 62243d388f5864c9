"""Provides the Evidence step of a characteristic: the Section 1 figures, the team's summary of
the data, and the data sources (reviewed, not collected yet, or neither).

A source marked "not collected yet" is not chased on the day: as for a results area with no
data, starting to collect it is offered as an action for the improvement plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static, TextArea

from benchmark_tui.edits import SetSources, SetText, SetUnsent, sources_with
from benchmark_tui.models import (
    Characteristic,
    Evidence,
    Framework,
    Session,
    clean_line,
    unsent_key,
)
from benchmark_tui.models.drafts import no_data_draft
from benchmark_tui.models.evidence import SourceState
from benchmark_tui.tui.widgets.figures import FiguresPanel
from benchmark_tui.tui.widgets.sources import NOT_COLLECTED, SourceTicks

if TYPE_CHECKING:
    from benchmark_tui.workshop import Applied

NO_FIGURES = (
    "No Section 1 figures yet: the results areas' measures show here once they are recorded."
)


class EvidenceStep(VerticalScroll):
    """The Evidence step: figures to read, a summary to write, sources to tick.

    What the team says goes to the open session as
    edits, through ``apply`` (the screen's :meth:`~benchmark_tui.tui.screens.base.
    WorkshopScreen.apply`), which checks each and keeps an undo step.
    """

    def __init__(self, apply: Callable[..., Applied | None], *, read_only: bool = False,
                 id: str | None = None, classes: str | None = None) -> None:  # noqa: A002  # fmt: skip
        super().__init__(id=id, classes=classes)
        self.apply = apply
        """Hands an edit to the open session; None if it was refused."""
        self.read_only = read_only
        self.characteristic: Characteristic | None = None
        self.session: Session | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="lead", id="figures-lead")
        yield Static(classes="aside", id="linked-results")
        yield FiguresPanel(id="figures")
        yield Static(NO_FIGURES, classes="aside", id="no-figures")
        yield Static("Evidence summary: what the data says", classes="lead")
        yield TextArea(
            id="evidence-summary",
            classes="autofocus",
            soft_wrap=True,
            disabled=self.read_only,
            placeholder="Summarise the data relating to this characteristic…",
        )
        yield Static(
            f"Data sources: space reviewed · n {NOT_COLLECTED} (a plan suggestion)", classes="lead"
        )
        yield SourceTicks(id="sources", disabled=self.read_only)
        yield Input(
            placeholder="Another source reviewed? Type it and press Enter",
            id="new-source",
            disabled=self.read_only,
        )

    @property
    def evidence(self) -> Evidence:
        """The evidence of the characteristic on screen."""
        assert self.session is not None and self.characteristic is not None
        return self.session.record(self.characteristic.id).evidence

    def show(self, characteristic: Characteristic, session: Session, framework: Framework) -> None:
        """Show this characteristic's evidence, and the session's Section 1 figures."""
        self.characteristic, self.session = characteristic, session
        evidence = self.evidence
        # The results the team linked to these practices first: the panel is short at 80×24.
        linked = session.areas_linked_to(characteristic.id)
        ordered = sorted(framework.areas, key=lambda area: area.id not in linked)
        areas = [(area, session.area(area.id)) for area in ordered]
        lead = self.query_one(FiguresPanel).show(areas)
        self.query_one("#figures-lead", Static).update(lead or "")
        self.query_one("#figures-lead").display = lead is not None
        self.query_one("#no-figures").display = lead is None
        self._show_linked(characteristic, session, framework)
        summary = self.query_one("#evidence-summary", TextArea)
        if summary.text != evidence.summary:
            with self.prevent(TextArea.Changed):
                summary.load_text(evidence.summary)
        names = list(characteristic.data_sources)
        marked = [*evidence.sources_reviewed, *evidence.not_collected]
        names += [s for s in marked if s not in names]
        ticks = self.query_one(SourceTicks)
        ticks.show([(name, evidence.state_of(name)) for name in names])
        ticks.highlighted = 0 if ticks.option_count else None
        box = self.query_one("#new-source", Input)
        waiting = session.unsent.get(unsent_key(characteristic.id, "new-source"), "")
        if box.value != waiting:
            with self.prevent(Input.Changed):
                box.value = waiting
        self.scroll_home(animate=False)

    def _show_linked(
        self, characteristic: Characteristic, session: Session, framework: Framework
    ) -> None:
        """The results areas the team linked to this characteristic's practices (hidden while
        none)."""
        linked = session.areas_linked_to(characteristic.id)
        labels = [a.label for a in framework.areas if a.id in linked]
        shown = self.query_one("#linked-results", Static)
        shown.display = bool(labels)
        text = Text("Results these practices explain: ", style="bold")
        text.append(", ".join(labels))
        shown.update(text)

    # -- recording what the team says ---------------------------------------------------------

    @on(TextArea.Changed, "#evidence-summary")
    def _record_summary(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.session is None or event.text_area.text == self.evidence.summary:
            return
        assert self.characteristic is not None
        text = event.text_area.text

        def answered(applied: Applied | None) -> None:  # asked about an agreed item
            if applied is None and self.session is not None:
                with self.prevent(TextArea.Changed):
                    event.text_area.load_text(self.evidence.summary)

        self.apply(
            SetText(item=self.characteristic.id, field="evidence-summary", text=text), answered
        )

    @on(SourceTicks.Requested)
    def _mark(self, event: SourceTicks.Requested) -> None:
        event.stop()
        if self.read_only or self.session is None:
            return
        was = self.evidence.state_of(event.source)
        if was == "not-collected" and event.state == "reviewed":
            self._ask_if_collected(event.source)
            return
        if not self._set(event.source, event.state):
            return
        if event.state == "not-collected":
            self._offer_plan_action(event.source)
        elif was == "not-collected":
            self._remind_of_plan_action(event.source)

    @on(Input.Changed, "#new-source")
    def _keep_unsent(self, event: Input.Changed) -> None:
        """Keep a source typed and not yet sent in the session (shown again on return)."""
        event.stop()
        if self.read_only or self.characteristic is None or event.value != event.input.value:
            return
        self.apply(SetUnsent(item=self.characteristic.id, box="new-source", text=event.value))

    @on(Input.Submitted, "#new-source")
    def _add_source(self, event: Input.Submitted) -> None:
        event.stop()
        name = clean_line(event.value)
        if not name or self.read_only:
            return
        if self._set(name, "reviewed"):
            ticks = self.query_one(SourceTicks)
            ticks.highlighted = ticks.sources.index(name)
        event.input.value = ""

    def _set(self, source: str, state: SourceState | None) -> bool:
        """Put one source in ``state``; returns whether the evidence changed."""
        assert self.characteristic is not None
        ticks = self.query_one(SourceTicks)
        order = [*ticks.sources, *([source] if source not in ticks.sources else [])]
        states = {**ticks.states, source: state}
        reviewed, not_collected = sources_with(order, states)

        def answered(applied: Applied | None) -> None:  # asked about an agreed item
            if applied is not None:
                ticks.show([(s, states.get(s)) for s in order])
            elif self.session is not None:
                evidence = self.evidence
                ticks.show([(s, evidence.state_of(s)) for s in ticks.sources])

        applied = self.apply(
            SetSources(item=self.characteristic.id, reviewed=reviewed, not_collected=not_collected),
            answered,
        )
        if applied is None:  # e.g. a source longer than the session's text rules allow
            return False
        ticks.show([(s, states.get(s)) for s in order])
        return applied.changed

    def _ask_if_collected(self, source: str) -> None:
        """Space on a source marked "not collected yet": ask which is meant (Esc keeps it)."""
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog

        def decide(choice: str | None) -> None:
            if choice == "reviewed" and self._set(source, "reviewed"):
                self.notify(
                    f"{source}: reviewed, no longer “{NOT_COLLECTED}”.", timeout=4, markup=False
                )

        self.app.push_screen(
            ChoiceDialog(
                "Not collected yet?",
                f"“{source}” is marked “{NOT_COLLECTED}”. Which is meant?\n\n"
                "• It is still not collected: keep the mark.\n"
                "• The data now exists and the team reviewed it: tick it reviewed.",
                [("keep", "Still not collected: keep"), ("reviewed", "Reviewed: clear the mark")],
            ),
            decide,
        )

    def _offer_plan_action(self, source: str) -> None:
        """Say that starting to collect the source waits as a suggestion for the plan (the
        method builds the plan once the self-assessment is complete)."""
        assert self.characteristic is not None
        draft = no_data_draft(self.characteristic, source)
        self.notify(
            f"Suggested for the improvement plan: “{draft.action}”. It becomes a draft "
            "action when the team builds the plan (p on the overview).",
            timeout=5,
            markup=False,
        )

    def _remind_of_plan_action(self, source: str) -> None:
        """A source no longer marked "not collected yet" whose plan action stays in the plan."""
        assert self.session is not None and self.characteristic is not None
        draft = no_data_draft(self.characteristic, source)
        if draft.is_planned(self.session.plan):
            self.notify(
                f"The plan still has “{draft.action}”: change or remove it there if need be.",
                timeout=5,
                markup=False,
            )
