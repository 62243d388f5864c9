"""Provides the characteristic screen: understand, approaches, evidence, matrix, findings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static, TextArea

from benchmark_tui.edits import Edit, RecordRound, SetRating, SetRatingNote
from benchmark_tui.last_time import LastTime
from benchmark_tui.models import (
    STEPS,
    AreaRecord,
    Characteristic,
    CharacteristicRecord,
    Rating,
    Step,
    day_label,
    unsent_key,
)
from benchmark_tui.tui.screens.base import ReadingPane, SteppedScreen
from benchmark_tui.tui.screens.evidence_step import EvidenceStep
from benchmark_tui.tui.widgets.editable_list import EditableList, Entry
from benchmark_tui.tui.widgets.last_findings import LastFindings
from benchmark_tui.tui.widgets.memo import Memo, hanging_rows
from benchmark_tui.tui.widgets.rating_matrix import Cell, RatingMatrix

if TYPE_CHECKING:
    from benchmark_tui.workshop import Applied

APPROACH_TAGS = {"in-place": "", "planned": "planned"}
"""Approaches are in place unless marked planned (p); only "planned" is shown."""
FROM_LAST_TIME = "from last time: c confirms"
"""The mark of an approach carried from last time, until the team confirms or edits it."""


def bullets(lines: list[str], *, marker: str = "•", numbered: bool = False) -> Memo:
    """Lines as a bulleted (or numbered) list with hanging indents.

    Wrapped lines align with the text, not with the bullet, which matters on a projector.
    """
    markers = [f"{n}." for n in range(1, len(lines) + 1)] if numbered else [marker] * len(lines)
    return hanging_rows(
        [
            (Text(shown, style="bold"), Text(line))
            for shown, line in zip(markers, lines, strict=True)
        ],
        marker_width=max((len(m) for m in markers), default=1),
    )


def findings_lists(read_only: bool) -> ComposeResult:
    """The two findings lists, side by side when there is room."""
    with Horizontal(classes="findings"):
        yield EditableList(
            "Strengths",
            [],
            noun="strength",
            counted=True,
            autofocus=True,
            id="strengths",
            disabled=read_only,
        )
        yield EditableList(
            "Areas for improvement",
            [],
            noun="area for improvement",
            counted=True,
            id="improvements",
            disabled=read_only,
        )
    # Last time's lists, for a session that follows on from a previous self-assessment.
    yield LastFindings(id="last-findings", disabled=read_only)


def show_findings(screen: SteppedScreen) -> None:
    """Put the record's strengths and areas for improvement into the two lists."""
    record = screen.record
    item_id = screen.item_id
    unsent = screen.session.unsent
    screen.query_one("#strengths", EditableList).set_entries(
        [Entry(s) for s in record.strengths],
        unsent=unsent.get(unsent_key(item_id, "strengths"), "") if item_id else "",
        editing=screen.session.line_edit(item_id, "strengths") if item_id else None,
    )
    screen.query_one("#improvements", EditableList).set_entries(
        [Entry(s) for s in record.improvements],
        unsent=unsent.get(unsent_key(item_id, "improvements"), "") if item_id else "",
        editing=screen.session.line_edit(item_id, "improvements") if item_id else None,
    )
    last_time = screen.context.last_time
    if last_time is None or item_id is None:
        screen.query_one("#last-findings", LastFindings).show("", [], [])
    else:
        screen.query_one("#last-findings", LastFindings).show(
            last_time_label(last_time, capital=True),
            last_time.strengths(item_id),
            last_time.improvements(item_id),
        )


def last_time_label(last_time: LastTime, *, capital: bool = False) -> str:
    """``last time (13 Mar 2025)``: the previous self-assessment, by its workshop's first day."""
    dates = last_time.previous.workshop.dates
    label = f"last time ({day_label(min(dates), short=True)})" if dates else "last time"
    return label[:1].upper() + label[1:] if capital else label


class CharacteristicScreen(SteppedScreen):
    """One characteristic of Section 2, as the steps of the seed's method."""

    place = "characteristic"
    STEPS: ClassVar[tuple[Step, ...]] = STEPS
    HELP = """\
## A characteristic, step by step

1. **Understand**: read the statement and what it includes; make sure everyone understands
   it. Guidance and recommended data sources are listed beside it.
2. **Approaches**: the flipchart. List the methods and practices in place or planned.
3. **Evidence**: the results areas' measures are shown (▲▼= trend; <3y: fewer than three
   years of data); summarise the data relating to the characteristic; mark each data source
   reviewed (**space**) or not collected yet (**n**): do not collect it now; starting to
   collect it is suggested for the improvement plan, built once the self-assessment is
   complete.
4. **Matrix**: discuss progress and agree a rating 0–4 for Plan, Do, Check / act and Impact.
5. **Strengths & improvements**: agree two to four of each.

For a session that follows on from a previous self-assessment, approaches carried from last
time are marked *from last time* until the team confirms one is still in place (**c**), edits
it or removes it; the matrix shows last time's rating as ◇ in its column, with its note, once
the team has rated the element or revealed a round for it, so last year does not anchor this
year (**l** shows them all earlier, and hides them again); with Check / act and Impact, what
happened to last time's plan for this characteristic; the last step lists last time's
strengths and areas for improvement (**Enter** copies one in).

Then **agree** (ctrl+g) and move on to the next characteristic. Everything is saved as you
type; ctrl+z undoes the last change.
"""

    BINDINGS = [
        Binding(
            "c",
            "confirm_approach",
            "Confirm",
            tooltip="Still in place: no longer marked from last time",
            id="characteristic.confirm-approach",
        ),
        Binding(
            "l",
            "last_time(True)",
            "Last time",
            tooltip="Show last time's ratings before the team rates",
            id="characteristic.show-last-time",
        ),
        Binding(
            "l",
            "last_time(False)",
            "Hide last time",
            tooltip="Show last time's rating only once the team has rated",
            id="characteristic.hide-last-time",
        ),
    ]

    characteristic: Characteristic
    _understood: Characteristic | None = None
    _last_time_early: frozenset[str] = frozenset()
    """The characteristics whose last-time ratings the facilitator chose to show before the
    team rated (l); view state, not saved."""
    """The characteristic whose statement and lists the Understand step shows."""

    def select_item(self, item: str) -> None:
        self.characteristic = self.framework.characteristic(item)

    @property
    def item_id(self) -> str:
        return self.characteristic.id

    @property
    def record(self) -> CharacteristicRecord:
        return self.session.record(self.characteristic.id)

    @property
    def where(self) -> tuple[str, str, list[str]]:
        count = len(self.framework.items)
        states = self.item_states([c.id for c in self.framework.items])
        return (
            f"Section 2 · {self.characteristic.number} of {count}",
            self.characteristic.title,
            states,
        )

    # -- composing and showing ----------------------------------------------------------------

    def compose_steps(self) -> ComposeResult:
        with ReadingPane(id="understand", classes="step understand"):
            yield Static(classes="statement", id="statement")
            with Horizontal(classes="understand-columns"):
                with Vertical(classes="includes"):
                    yield Static(classes="lead", id="includes-lead")
                    yield Static(classes="bullets", id="includes")
                with Vertical(classes="sources"):
                    yield Static("Relevant guidance", classes="lead")
                    yield Static(classes="aside", id="guidance")
                    yield Static("Recommended data sources", classes="lead")
                    yield Static(classes="aside", id="data-sources")
        with Vertical(id="approaches", classes="step"):
            yield EditableList(
                "",
                [],
                noun="approach",
                tags=APPROACH_TAGS,
                autofocus=True,
                id="approach-list",
                disabled=self.read_only,
            )
        yield EvidenceStep(self.apply, id="evidence", classes="step", read_only=self.read_only)
        with Vertical(id="matrix", classes="step"):
            yield Static(Text(self.framework.evaluation.prompt), classes="lead")
            yield RatingMatrix(
                self.framework.elements,
                self.framework.scale,
                {},
                id="rating-matrix",
                disabled=self.read_only,
            )
        with VerticalScroll(id="findings", classes="step"):
            yield from findings_lists(self.read_only)

    def show_record(self) -> None:
        # Widgets that already show what they should are left alone (going back to the same
        # characteristic, or between characteristics with empty lists): rendering is what
        # makes a move slow.
        characteristic, record = self.characteristic, self.record
        with self.prevent(TextArea.Changed):
            if characteristic is not self._understood:
                self._understood = characteristic
                self.query_one("#statement", Static).update(Text(characteristic.statement))
                self.query_one("#includes-lead", Static).update(Text(characteristic.includes_lead))
                self.query_one("#includes", Static).update(bullets(characteristic.includes))
                self.query_one("#guidance", Static).update(
                    bullets(characteristic.guidance, marker="–")
                )
                self.query_one("#data-sources", Static).update(
                    bullets(characteristic.data_sources, marker="–")
                )
            self.query_one("#understand").scroll_home(animate=False)
            self.query_one("#approach-list", EditableList).set_entries(
                [
                    Entry(a.text, a.status, FROM_LAST_TIME if a.from_last_time else None)
                    for a in record.approaches
                ],
                title=characteristic.approaches_prompt,
                unsent=self.session.unsent.get(unsent_key(characteristic.id, "approaches"), ""),
                editing=self.session.line_edit(characteristic.id, "approaches"),
            )
            self.query_one(EvidenceStep).show(characteristic, self.session, self.framework)
            self.query_one(RatingMatrix).load(
                {
                    e.id: Cell(record.rating_for(e.id), self._note(e.id), record.ratings.get(e.id))
                    for e in self.framework.elements
                }
            )
            self._show_last_time()
            show_findings(self)

    def _show_last_time(self) -> None:
        """Last time's ratings on the matrix, and what happened to last time's plan for it."""
        last_time = self.context.last_time
        matrix = self.query_one(RatingMatrix)
        if last_time is None:
            matrix.show_last_time({})
            return
        from benchmark_tui.tui.screens.plan_review import outcome_line

        item = self.characteristic.id
        early = item in self._last_time_early
        rated = {e.id for e in self.framework.elements if early or self._rated_this_time(e.id)}
        actions = last_time.actions(item)
        plan: Text | None = None
        if actions:
            plan = Text(f"The plan from {last_time_label(last_time)}:", style="bold")
            for action in actions:
                plan.append("\n• ")
                plan.append_text(outcome_line(last_time, self.session, action))
        had = {e.id for e in self.framework.elements if last_time.rating(item, e.id) is not None}
        matrix.show_last_time(
            {
                element: Cell(last_time.rating(item, element), last_time.rating_note(item, element))
                for element in [e.id for e in self.framework.elements]
                if element in had and element in rated
            },
            last_time_label(last_time),
            plan,
            held_back=frozenset(had - rated),
            held_back_note="shown once rated (l shows it now)",
        )
        self.refresh_bindings()

    def _not_yet_rated_last_time(self) -> list[str]:
        """The elements rated last time that the team has not rated (nor revealed) yet."""
        last_time = self.context.last_time
        if last_time is None:
            return []
        item = self.characteristic.id
        return [
            e.id
            for e in self.framework.elements
            if last_time.rating(item, e.id) is not None and not self._rated_this_time(e.id)
        ]

    def _rated_this_time(self, element_id: str) -> bool:
        """Whether the team has rated the element, or revealed a round for it, this time."""
        rating = self.record.ratings.get(element_id)
        return rating is not None and (
            rating.value is not None or (rating.revealed and rating.has_round)
        )

    def action_last_time(self, show: bool) -> None:
        """Show last time's ratings on the matrix before the team rates, or hold back again
        those of the elements not yet rated."""
        item = self.characteristic.id
        if show:
            self._last_time_early = self._last_time_early | {item}
        else:
            self._last_time_early = self._last_time_early - {item}
        self._show_last_time()

    def apply(
        self, edit: Edit, then: Callable[[Applied | None], object] | None = None
    ) -> Applied | None:
        """As :meth:`SteppedScreen.apply`. Once rated or revealed, last time's rating may
        show (after an agreed item's question, :meth:`show_record` shows it)."""
        applied = super().apply(edit, then)
        if applied is not None and isinstance(edit, SetRating | RecordRound):
            self._show_last_time()
        return applied

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "last_time":
            # One l, named for what it does now; on the matrix, while there is a last time.
            if self.step != "matrix" or self.context.last_time is None:
                return False
            early = self.characteristic.id in self._last_time_early
            return early != parameters[0] and bool(self._not_yet_rated_last_time())
        if action == "confirm_approach":
            # Shown while any approach is marked; it confirms the highlighted one.
            lists = self.query("#approach-list").results(EditableList)
            entries = [e for approaches in lists for e in approaches.entries]
            return self.step == "approaches" and any(e.mark for e in entries)
        return super().check_action(action, parameters)

    def _carried_approach(self) -> int | None:
        """The highlighted approach, if it is marked from last time."""
        approaches = self.query_one("#approach-list", EditableList)
        index = approaches.options.highlighted
        if index is None or not 0 <= index < len(approaches.entries):
            return None
        return index if approaches.entries[index].mark else None

    def action_confirm_approach(self) -> None:
        """The team says the highlighted approach is still in place (no longer marked)."""
        index = self._carried_approach()
        if index is None or self.read_only:
            return
        self.query_one("#approach-list", EditableList).unmark(index)

    def remarks(self, record: AreaRecord | CharacteristicRecord | None = None) -> list[str]:
        if not isinstance(record, CharacteristicRecord):
            record = self.record
        unrated = [e.title for e in self.framework.elements if record.rating_for(e.id) is None]
        remarks = super().remarks(record)
        if unrated:
            remarks.insert(0, f"not yet rated: {', '.join(unrated)}")
        present = self.session.people_present()
        for element in self.framework.elements:
            rating = record.ratings.get(element.id)
            if rating is not None and rating.count_differs(present):
                remarks.append(
                    f"{element.title}: the round counted {rating.voters} votes, {present} in "
                    "the room (a note can say why)"
                )
        return remarks

    def _note(self, element_id: str) -> str:
        rating = self.record.ratings.get(element_id)
        return rating.note if rating else ""

    # -- recording what the team says ---------------------------------------------------------

    @on(EditableList.Changed, "#approach-list")
    def record_approaches(self, event: EditableList.Changed) -> None:
        self.apply_list_change("approaches", event)

    @on(EditableList.Typed, "#approach-list")
    def keep_unsent_approach(self, event: EditableList.Typed) -> None:
        self.keep_unsent("approaches", event.text, event.line)

    @on(RatingMatrix.Changed)
    def record_rating(self, event: RatingMatrix.Changed) -> None:
        edit = SetRating(item=self.item, element=event.element_id, value=event.value)
        element_id = event.element_id

        def show(_applied: object) -> None:  # the room answered about an agreed item
            event.matrix.set_cell(element_id, self._cell(element_id))

        if self.apply(edit, show) is None:
            show(None)

    def _cell(self, element_id: str) -> Cell:
        record = self.record
        rating = record.ratings.get(element_id)
        return Cell(record.rating_for(element_id), self._note(element_id), rating)

    @on(RatingMatrix.NoteRequested)
    def edit_note(self, event: RatingMatrix.NoteRequested) -> None:
        from benchmark_tui.tui.screens.dialogs import TextDialog

        element = next(e for e in self.framework.elements if e.id == event.element_id)

        def store(note: str | None) -> None:
            if note is None or self.record.ratings.get(element.id) is None:
                return

            def show(_applied: object) -> None:
                event.matrix.set_cell(element.id, self._cell(element.id))

            if self.apply(SetRatingNote(item=self.item, element=element.id, note=note), show):
                show(None)

        self.app.push_screen(
            TextDialog(
                f"Note on {element.title}",
                f"{element.title}: {element.question}",
                self._note(element.id),
                placeholder="Why the team chose this rating",
            ),
            store,
        )

    @on(RatingMatrix.RoundRequested)
    def hold_round(self, event: RatingMatrix.RoundRequested) -> None:
        from benchmark_tui.tui.screens.rating_round import RoundAnswer, RoundDialog

        if self.read_only:
            return
        characteristic = self.characteristic
        element = next(e for e in self.framework.elements if e.id == event.element_id)
        rating = self.record.ratings.get(element.id) or Rating()

        def store(answer: RoundAnswer | None) -> None:
            if answer is None:
                return
            edit = RecordRound(
                item=characteristic.id,
                element=element.id,
                text=answer.text,
                revealed=answer.revealed,
                dissent=answer.dissent,
                agreed=answer.agreed,
            )

            def show(_applied: object) -> None:
                event.matrix.set_cell(element.id, self._cell(element.id))

            if self.apply(edit, show):
                show(None)

        self.app.push_screen(
            RoundDialog(
                characteristic.title,
                element,
                self.framework.scale,
                rating,
                self.session.people_present(),
            ),
            store,
        )
