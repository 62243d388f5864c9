"""Provides the overview: all 14 items, their progress and the 10×4 matrix as a heat-map."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.widgets import DataTable, Static

from benchmark_tui.edits import (
    SetAgenda,
    SetAttendance,
    SetDetails,
    SetFindings,
    SetKeyMessages,
)
from benchmark_tui.models import (
    STATE_LABELS,
    STATE_SYMBOLS,
    Agenda,
    Characteristic,
    CharacteristicRecord,
    Findings,
    Place,
    ResultsArea,
)
from benchmark_tui.tui.messages import GoTo
from benchmark_tui.tui.screens.base import NEXT_ITEM, PREVIOUS_ITEM, WorkshopScreen
from benchmark_tui.tui.widgets.bars import WhereBar
from benchmark_tui.tui.widgets.figures import SHORT_MARK
from benchmark_tui.tui.widgets.heat import heat_style
from benchmark_tui.tui.widgets.pace import pacing_line, time_used


def round_mark(value: int, record: CharacteristicRecord | None, element_id: str) -> str:
    """The agreed rating, marked ``•`` where a rating round was held, ``⚑`` where it was wide."""
    rating = record.ratings.get(element_id) if record else None
    if rating is None or not rating.has_round:
        return str(value)
    return f"{value}{'⚑' if rating.is_wide else '•'}"


class ItemTable(DataTable[Text]):
    """The 14 items as rows; Enter opens the highlighted one."""

    BINDINGS = [
        Binding(
            "enter", "select_cursor", "Open", key_display="⏎", id="overview-table.select-cursor"
        )
    ]


class OverviewScreen(WorkshopScreen):
    """Where the whole day stands: progress of every item and every agreed rating."""

    place = "overview"
    HELP = """\
## Overview

Every results area and characteristic with its progress (● agreed, ◐ in progress,
○ not started), the agreed ratings (shaded light to strong, the number always shown), and
how many strengths (S) and areas for improvement (AFI) each has. **Enter** opens the item
under the cursor; **p** opens the improvement plan.

For the findings document: **k** writes the team's key messages (a few lines, first after
the title page; lines starting "- " become bullets), and **s** records its sign-off (Draft or
Final, version, approved by, date approved, distribution).

**d** edits the session details (service, scope, governance, workshop dates, facilitator,
team: a second day, a late arrival, a corrected role); **a** takes the attendance of each
workshop date (tick the team, add guests), shown on the document's title page.

**t** sets the agenda: the hours of each day and each item's time budget (Time shows the
minutes used/budgeted; the line below, when the items will be done at this pace). **l** lists
the parking lot (points parked with ctrl+l): **a** suggests one for the plan, **x** closes it.
"""

    BINDINGS = [
        Binding("p", "plan", "Plan", id="overview.plan"),
        Binding(
            "k",
            "key_messages",
            "Key messages",
            tooltip="Write the document's key messages",
            id="overview.key-messages",
        ),
        Binding(
            "s",
            "sign_off",
            "Sign-off",
            tooltip="Draft or Final, version, approved by",
            id="overview.sign-off",
        ),
        Binding(
            "d",
            "session_details",
            "Details",
            tooltip="Service, dates, facilitator, team",
            id="overview.session-details",
        ),
        Binding(
            "a",
            "attendance",
            "Attendance",
            tooltip="Who was there on each date",
            id="overview.attendance",
        ),
        Binding(
            "t",
            "agenda",
            "Agenda",
            tooltip="The day's hours and each item's time budget",
            id="overview.agenda",
        ),
        Binding(
            "l",
            "parking_lot",
            "Parked",
            tooltip="The parking lot: points parked for later",
            id="overview.parking-lot",
        ),
        Binding("b", "briefing", "Briefing", show=False, id="overview.briefing"),
        NEXT_ITEM,
        PREVIOUS_ITEM,
    ]

    _filled_size: Size | None = None
    """The terminal size the table was last laid out for."""

    def compose_body(self) -> ComposeResult:
        yield WhereBar("Overview", "Where the self-assessment stands", [], label="agreed")
        with Vertical(id="overview", classes="step"):
            yield ItemTable(id="overview-table", cursor_type="row", cell_padding=0)
            yield Static(id="overview-summary", classes="aside")

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill())

    def show_session(self) -> None:
        states = self.item_states(self.framework.item_ids)
        self.query_one(WhereBar).show("Overview", "Where the self-assessment stands", states)
        self._fill()
        table = self.query_one("#overview-table", DataTable)
        if self.came_from in self.framework.item_ids:
            table.move_cursor(row=self.framework.item_ids.index(self.came_from))
        table.focus()

    def on_resize(self) -> None:
        # The column widths and row heights follow the terminal's size; a screen resize to
        # the same size (the first layout sends two) would only rebuild the same table.
        if self.app.size != self._filled_size:
            self._fill()

    @property
    def items(self) -> list[ResultsArea | Characteristic]:
        """The 14 items in workshop order."""
        return [*self.framework.areas, *self.framework.items]

    def _fill(self) -> None:
        self._filled_size = self.app.size
        table = self.query_one("#overview-table", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        # Explicit widths and no cell padding (the gaps are in the widths): the table must fit
        # an 80-column projector without scrolling sideways, with every name whole; a name
        # too long for its column wraps onto a second line rather than being cut.
        # On a big window the heat-map grows: wider cells, and two lines per item when the
        # window is tall enough for all fourteen that way.
        width, height = self.app.size
        cell = 9 if width >= 150 else 7 if width >= 120 else 5
        tall = 2 if height >= 2 * len(self.items) + 14 else 1
        state_width, count_width, time_width = 2, 4, 6
        fixed = state_width + cell * len(self.framework.elements) + 2 * count_width + time_width
        item_width = max(20, min(70, width - 2 - 2 - fixed - 1))
        # Labels as Text: a str label is parsed as markup, which loads Rich's emoji table.
        table.add_column(Text(""), key="state", width=state_width)
        table.add_column(Text("Item"), key="item", width=item_width + 1)
        for element in self.framework.elements:
            table.add_column(Text(element.short.center(cell)), key=element.id, width=cell)
        table.add_column(Text("S".rjust(count_width - 1)), key="s", width=count_width)
        table.add_column(Text("AFI".rjust(count_width - 1)), key="afi", width=count_width)
        table.add_column(Text("Time".rjust(time_width - 1)), key="time", width=time_width)
        budgets = self.session.agenda.spread(
            self.framework.item_ids, len(self.session.workshop.dates)
        )
        for item in self.items:
            state = self.session.state_of(item.id)
            label = Text(item.label)
            if isinstance(item, ResultsArea) and self.session.area(item.id).no_data_yet:
                label.append(" (no data yet)", style="italic")
            if isinstance(item, ResultsArea) and self.session.area(item.id).short_measures:
                label.append(f" {SHORT_MARK}", style="bold")  # fewer than three years of data
            # Wrapped here, at the width its height is counted for, and handed over in lines:
            # the table's own wrapping (one column wider, for the gap) could fit on one line
            # what was counted as two, leaving a blank line under the item.
            wrapped = label.wrap(self.app.console, item_width)
            lines = max(tall, len(wrapped))
            cells: list[Any] = [Text(STATE_SYMBOLS[state]), Text("\n").join(wrapped)]
            record = self.session.characteristics.get(item.id)
            for element in self.framework.elements:
                if not isinstance(item, Characteristic):
                    cells.append(Text(""))
                    continue
                value = record.rating_for(element.id) if record else None
                if value is None:
                    cells.append(Text("–".center(cell), style="dim"))
                else:
                    style = heat_style(self.app, value)
                    mark = round_mark(value, record, element.id) + self._change(item.id, element.id)
                    shade = [mark.center(cell)]
                    shade += [" " * cell] * (lines - 1)
                    cells.append(Text("\n".join(shade), style=style))
            findings = self.session.results.get(item.id) or record
            strengths = len(findings.strengths) if findings else 0
            improvements = len(findings.improvements) if findings else 0
            started = state != "not-started"
            for count in (strengths, improvements):
                shown = str(count) if started else "–"
                cells.append(Text(shown.rjust(count_width - 1)))
            cells.append(time_used(self.session, item.id, budgets, time_width - 1))
            table.add_row(*cells, key=item.id, height=lines)
        table.move_cursor(row=row)
        self._summarise()

    def _change(self, characteristic_id: str, element_id: str) -> str:
        """``▲1``, ``▼2``, ``=`` against last time's rating ("" without a previous one)."""
        last_time = self.context.last_time
        if last_time is None:
            return ""
        return last_time.change(self.session, characteristic_id, element_id).text

    def _summarise(self) -> None:
        progress = self.session.progress(self.framework)
        unrated = len(list(self.session.unrated(self.framework)))
        total = len(self.framework.items) * len(self.framework.elements)
        text = Text()
        text.append(progress.label, style="bold")
        text.append(
            f" · {progress.in_progress} {STATE_LABELS['in-progress']} · "
            f"{progress.not_started} {STATE_LABELS['not-started']} · "
            f"{total - unrated}/{total} ratings agreed\n"
        )
        text.append(
            "● agreed  ◐ in progress  ○ not started · S strengths · AFI areas for improvement",
            style="dim",
        )
        last_time = self.context.last_time
        if last_time is not None:
            dates = last_time.previous.workshop.dates_label
            text.append(f"\n▲ up  ▼ down  = same as last time ({dates})", style="dim")
        if any(self.session.area(area.id).short_measures for area in self.framework.areas):
            text.append(f"\n{SHORT_MARK} a measure with fewer than three years of data", "dim")
        if self.session.has_rounds:
            text.append("\n• rating round held  ⚑ its votes spread two points or more", style="dim")
        text.append(" · Time: minutes used/budgeted", style="dim")
        text.append("\n")
        text.append_text(pacing_line(self.session, self.framework, self.context.clock()))
        text.append("\n")
        text.append_text(self._document_line())
        remarks = self.session.findings_remarks(self.framework)
        for remark in remarks[:3]:
            label = self.framework.item(remark.item_id).label
            text.append(f"\n{label}: {remark.message}")
        if len(remarks) > 3:
            text.append(f"\n… and {len(remarks) - 3} more remarks", style="dim")
        self.query_one("#overview-summary", Static).update(text)

    def _document_line(self) -> Text:
        """``Document: Draft, version 0.2 · key messages: 3 lines``: the findings' sign-off."""
        findings = self.session.findings
        parts = ["Final" if findings.status == "final" else "Draft"]
        if findings.version:
            parts.append(f"version {findings.version}")
        if findings.approved_by:
            parts.append(f"approved by {findings.approved_by}")
        lines = len([line for line in findings.key_messages.split("\n") if line.strip()])
        messages = f"{lines} line{'s' if lines != 1 else ''}" if lines else "none yet"
        text = Text("Document: ", style="bold")
        text.append(", ".join(parts))
        text.append(f" · key messages: {messages}")
        return text

    @on(DataTable.RowSelected, "#overview-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(event.cursor_row)

    def _open(self, index: int) -> None:
        if 0 <= index < len(self.items):
            item = self.items[index]
            place: Place = "characteristic" if isinstance(item, Characteristic) else "area"
            self.post_message(GoTo(place, item.id))

    def action_plan(self) -> None:
        """Open the improvement plan."""
        self.post_message(GoTo("plan"))

    def action_briefing(self) -> None:
        """Open the briefing."""
        self.post_message(GoTo("briefing"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if (
            action in ("key_messages", "sign_off", "session_details", "attendance", "agenda")
            and self.read_only
        ):
            return None
        return super().check_action(action, parameters)

    def action_key_messages(self) -> None:
        """Write the team's key messages for the findings document."""
        from benchmark_tui.tui.screens.sign_off import KeyMessagesDialog

        findings = self.session.findings

        def store(text: str | None) -> None:
            if text is None or text == findings.key_messages:
                return
            if self.apply(SetKeyMessages(text=text)) is None:
                return
            self._summarise()
            self.notify(
                self._document_line().plain, title="Key messages saved", timeout=4, markup=False
            )

        self.app.push_screen(KeyMessagesDialog(findings.key_messages), store)

    def action_sign_off(self) -> None:
        """Record the findings document's status and sign-off."""
        from benchmark_tui.tui.screens.sign_off import SignOffDialog

        progress = self.session.progress(self.framework)
        workshop = self.session.workshop
        team = [workshop.facilitator] + [m.name for m in workshop.team]

        def store(findings: Findings | None) -> None:
            if findings is None or findings == self.session.findings:
                return
            if self.apply(SetFindings(findings=findings)) is None:
                return
            self._summarise()
            self.notify(
                self._document_line().plain, title="Sign-off saved", timeout=4, markup=False
            )

        dialog = SignOffDialog(
            self.session.findings,
            unagreed=progress.total - progress.agreed,
            team=team,
            today=self.context.clock().date(),
        )
        self.app.push_screen(dialog, store)

    def action_session_details(self) -> None:
        """Edit the service and the workshop (dates, facilitator, team)."""
        from benchmark_tui.tui.screens.session_details import (
            SessionDetails,
            SessionDetailsDialog,
        )

        session = self.session

        def store(details: SessionDetails | None) -> None:
            if details is None or (
                details.service == session.service and details.workshop == session.workshop
            ):
                return
            if self.apply(SetDetails(service=details.service, workshop=details.workshop)) is None:
                return
            self.load(session, came_from=self.came_from)
            message = "Saved; ctrl+z takes it back."
            if details.dropped:
                message += f" The attendance of {', '.join(details.dropped)} went with its date."
            self.notify(message, title="Session details", timeout=4, markup=False)

        self.app.push_screen(SessionDetailsDialog(session.service, session.workshop), store)

    def action_attendance(self) -> None:
        """Take the attendance of each workshop date."""
        from datetime import date

        from benchmark_tui.models import Attendance
        from benchmark_tui.tui.screens.attendance import AttendanceDialog

        workshop = self.session.workshop
        if not workshop.dates:
            self.notify("Add a workshop date first (d: session details).", markup=False)
            return

        def store(attendance: dict[date, Attendance] | None) -> None:
            if attendance is None or attendance == workshop.attendance:
                return
            if self.apply(SetAttendance(attendance=attendance)) is None:
                return
            latest = workshop.latest_attendance()
            said = latest[1].label(latest[0]) if latest else "No attendance recorded."
            self.notify(said, title="Attendance", timeout=4, markup=False)

        self.app.push_screen(AttendanceDialog(workshop, self.context.clock().date()), store)

    def action_agenda(self) -> None:
        """Set the workshop's hours and each item's time budget."""
        from benchmark_tui.tui.screens.agenda import AgendaDialog

        session = self.session

        def store(agenda: Agenda | None) -> None:
            if agenda is None or agenda == session.agenda:
                return
            if self.apply(SetAgenda(agenda=agenda)) is None:
                return
            self.load(session, came_from=self.came_from)
            self.notify("Agenda saved; ctrl+z takes it back.", title="Agenda", markup=False)

        self.app.push_screen(
            AgendaDialog(session.agenda, self.framework, session.workshop.dates), store
        )

    def action_parking_lot(self) -> None:
        """List the parked points: make one a plan action, or close it."""
        from benchmark_tui.tui.screens.parking import ParkingLotDialog

        def back(_: None) -> None:
            self.load(self.session, came_from=self.came_from)

        self.app.push_screen(ParkingLotDialog(self.session, self.framework, apply=self.apply), back)
