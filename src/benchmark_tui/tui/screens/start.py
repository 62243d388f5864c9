"""Provides the start screen: pick a recent session or start a new one."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from benchmark_tui.errors import BenchmarkError
from benchmark_tui.files import shown_path
from benchmark_tui.models import Framework, day_label
from benchmark_tui.session_index import CachedReader, SummaryCache, unread
from benchmark_tui.store import SessionSummary, most_recent_first, recent_sessions, session_files
from benchmark_tui.tui.messages import CompareSessions, OpenSessionFile, StartNextYear
from benchmark_tui.tui.widgets.key_bar import KeyBar
from benchmark_tui.tui.widgets.memo import hanging_rows

if TYPE_CHECKING:
    from benchmark_tui.tui.context import WorkshopContext


def display_path(path: Path) -> str:
    """A path as short as it can be shown: relative to here, or with ~ for the home folder."""
    return shown_path(path)  # the platform's separator throughout (``~\\Documents\\…``)


class SessionList(OptionList):
    """The sessions, two lines each; Enter opens the highlighted one."""

    BINDINGS = [Binding("enter", "select", "Open", key_display="⏎", id="sessions-list.select")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.option_count) if action == "select" else True


class StartScreen(Screen[None]):
    """The sessions list: service, scope, workshop dates and progress of each session."""

    HELP = """\
## Sessions

Each workshop is one session file. Pick one and press **Enter** to carry on where the team
left off, or press **n** to start a new self-assessment. **o** opens a session file from
anywhere by its path.

**y** starts next year's self-assessment from the highlighted one (the service, the team, the
measures and the approaches are carried forward; the new session shows last time's ratings
and findings beside this time's). **Space** marks sessions; **c** compares the marked ones:
one service over time, or several libraries side by side.
"""

    BINDINGS = [
        Binding("n", "new", "New session", id="sessions.new"),
        Binding("o", "open_path", "Open file…", id="sessions.open-path"),
        Binding(
            "y",
            "next_year",
            "Next year's",
            tooltip="Start next year's from this one",
            id="sessions.next-year",
        ),
        Binding("space", "mark", "Mark", key_display="space", id="sessions.mark"),
        Binding(
            "c", "compare", "Compare", tooltip="Compare the marked sessions", id="sessions.compare"
        ),
        Binding("r", "refresh", "Refresh", show=False, id="sessions.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[SessionSummary] = []
        """The sessions listed: those in the sessions folder, then recent ones elsewhere."""
        self._rows: list[SessionSummary | None] = []
        """What each line of the list is: a session, or None for the "elsewhere" heading."""
        self.marked: list[Path] = []
        """The sessions marked (Space) for comparison, in the order they were marked."""
        self.reading = False
        """Whether the sessions listed are still being read (their lines filled in)."""

    @property
    def context(self) -> WorkshopContext:
        """What this screen may read from the app (it acts by posting messages)."""
        return cast("WorkshopContext", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static("Benchmarking Framework", classes="start-title")
            yield Static(
                "Self-assessment for library services · Libraries Taskforce",
                classes="start-subtitle",
            )
            yield Static(id="sessions-heading", classes="lead")
            with Horizontal(id="start-body"):
                yield SessionList(id="sessions")
                # A big window has room to say more about the highlighted session.
                yield Static(id="session-details")
            yield Static(
                "No sessions yet. Press n to start a new self-assessment.",
                id="no-sessions",
                classes="aside",
            )
        yield KeyBar()

    @dataclass
    class SessionsRead(Message):
        """Posted (from the reading worker) when some sessions of the list have been read."""

        summaries: list[SessionSummary]
        elsewhere: list[SessionSummary] | None = field(default=None)
        """The recent sessions outside the folder, once all are read (None: not yet)."""

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown, after mounting: one read of the folder.
        self.action_refresh()

    def action_refresh(self) -> None:
        """List the sessions folder again (names at once), then read each session in a
        worker, and the recent sessions kept elsewhere."""
        app = self.context
        assert app.framework is not None
        folder = app.sessions_dir
        try:
            files = session_files(folder)
        except BenchmarkError as err:  # the folder cannot be listed: say why, not "none yet"
            files = []
            self.notify(err.message, title=err.title, severity="error", markup=False)
        known = {s.path: s for s in self.summaries}
        here = most_recent_first(known.get(path) or unread(path) for path in files)
        elsewhere = [s for s in self.summaries if s not in here and s.path not in files]
        self._show_rows(here, elsewhere)
        self.reading = True
        # After the list is on screen: the reading thread would share the interpreter with
        # the first frame's layout and paint, and so delay it.
        self.call_after_refresh(self.read_sessions, files, app.framework, list(app.settings.recent))

    @work(thread=True, exclusive=True, exit_on_error=False, group="sessions-list")
    def read_sessions(self, files: list[Path], framework: Framework, recent: list[str]) -> None:
        """Read the sessions listed (from the cache where unchanged), posting them in batches
        of a tenth of a second, then the recent sessions elsewhere."""
        worker = get_current_worker()
        read = CachedReader(SummaryCache.for_user(framework), self.context.read_summary)
        batch: list[SessionSummary] = []
        posted = time.monotonic()
        try:
            for path in files:
                if worker.is_cancelled:
                    return
                batch.append(read(path, framework))
                if time.monotonic() - posted > 0.1:
                    self.post_message(self.SessionsRead(batch))
                    batch, posted = [], time.monotonic()
            elsewhere = recent_sessions(recent, framework, listed=files, summarise=read)
        finally:
            read.save()
        if not worker.is_cancelled:
            self.post_message(self.SessionsRead(batch, elsewhere=elsewhere))

    @on(SessionsRead)
    def _fill_in(self, event: SessionsRead) -> None:
        """Show what the worker read: each line in place; once all are read, the most
        recently updated first, and the recent sessions elsewhere below them."""
        options = self.query_one("#sessions", OptionList)
        rows = {row.path: index for index, row in enumerate(self._rows) if row is not None}
        for summary in event.summaries:
            index = rows.get(summary.path)
            if index is None:
                continue
            self._rows[index] = summary
            here = None not in self._rows[:index]
            marked = summary.path in self.marked
            options.replace_option_prompt_at_index(
                index, self._prompt(summary, show_folder=not here, marked=marked)
            )
        self.summaries = [row for row in self._rows if row is not None]
        if event.elsewhere is not None:
            end = self._rows.index(None) if None in self._rows else len(self._rows)
            in_folder = [row for row in self._rows[:end] if row is not None]
            self._show_rows(most_recent_first(in_folder), event.elsewhere)
            self.reading = False
        highlighted = options.highlighted
        if highlighted is not None and 0 <= highlighted < len(self._rows):
            row = self._rows[highlighted]
            if row is not None:
                self.query_one("#session-details", Static).update(self._details(row))

    def _show_rows(self, here: list[SessionSummary], elsewhere: list[SessionSummary]) -> None:
        """List these sessions, the highlight staying on the session it was on."""
        options = self.query_one("#sessions", OptionList)
        highlighted = options.highlighted
        was = self._highlighted_summary()
        self.summaries = [*here, *elsewhere]
        self._rows = [*here, *([None] if elsewhere else []), *elsewhere]
        listed = {s.path for s in self.summaries}
        self.marked = [p for p in self.marked if p in listed]
        self._show_heading()
        options.clear_options()
        options.add_options(
            Option(Text("\nRecent elsewhere", style="bold"), disabled=True)
            if row is None
            else Option(
                self._prompt(row, show_folder=row not in here, marked=row.path in self.marked)
            )
            for row in self._rows
        )
        options.display = bool(self._rows)
        self.query_one("#no-sessions", Static).display = not self._rows
        if self._rows:
            paths = [row.path if row is not None else None for row in self._rows]
            first = 0 if here else 1
            if was is not None and was.path in paths:
                options.highlighted = paths.index(was.path)
            else:
                options.highlighted = max(first, min(highlighted or 0, len(self._rows) - 1))
            options.focus()

    def _show_heading(self) -> None:
        """Where the sessions are; how many are marked for comparison."""
        shown = display_path(self.context.sessions_dir)
        heading = Text(
            f"Sessions in {shown}"
            if self._rows and self._rows[0] is not None
            else f"Sessions folder: {shown} (none yet)"
        )
        if self.marked:
            count = len(self.marked)
            heading.append(
                f"  ·  ☑ {count} marked — "
                + ("c compares them" if count > 1 else "mark another to compare"),
                style="bold",
            )
        self.query_one("#sessions-heading", Static).update(heading)

    @staticmethod
    def _prompt(
        summary: SessionSummary, *, show_folder: bool = False, marked: bool = False
    ) -> Group | Text:
        """The service and progress, then (indented, wrapped lines too) scope, dates, when it
        was updated and, for a session outside the sessions folder, where it is."""
        title = Text()
        details = Text(style="dim")
        if marked:
            title.append("☑ ", style="bold")
        if summary.pending and not show_folder:
            # One plain Text, not a Group with a grid: the list measures every line before
            # its first frame, and a folder of 200 sessions must not make that wait.
            title.append(summary.path.name, style="bold")
            title.append("\n  reading…", style="dim")
            return title
        if summary.problem:
            title.append(f"⚠ {summary.path.name}", style="bold")
            details.append("This file cannot be read: press Enter to see why.")
        elif summary.pending:
            title.append(summary.path.name, style="bold")
            details.append("reading…")
        else:
            title.append(summary.service, style="bold")
            if summary.progress is not None:
                title.append(f"  ·  {summary.progress.label}")
            parts = [summary.scope, summary.dates]
            if summary.updated is not None:
                updated = summary.updated.astimezone()
                parts.append(f"updated {day_label(updated, short=True)} {updated:%H:%M}")
            details.append(" · ".join(p for p in parts if p))
        if show_folder:
            details.append(f"\nin {display_path(summary.path.parent)}", style="italic")
        return Group(title, hanging_rows([(Text(), details)], marker_width=1))

    @on(OptionList.OptionHighlighted, "#sessions")
    def _show_details(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        summary = self._rows[index] if 0 <= index < len(self._rows) else None
        if summary is not None:
            self.query_one("#session-details", Static).update(self._details(summary))

    @staticmethod
    def _details(summary: SessionSummary) -> Text:
        """Everything the list knows about a session, a line each."""
        text = Text()
        if summary.pending:
            text.append(f"{summary.path.name}\n", style="bold")
            text.append("Reading…\n\n")
            text.append(f"Folder: {display_path(summary.path.parent)}", style="dim")
            return text
        if summary.problem:
            text.append(f"{summary.path.name}\n", style="bold")
            text.append("This file cannot be read:\n", style="bold")
            text.append(summary.problem)
            return text
        text.append(f"{summary.service}\n", style="bold")
        text.append(f"{summary.scope}\n")
        if summary.dates:
            text.append(f"Workshop: {summary.dates}\n")
        progress = summary.progress
        if progress is not None:
            dots = "●" * progress.agreed + "◐" * progress.in_progress + "○" * progress.not_started
            text.append(f"\n{dots}\n")
            text.append(
                f"{progress.agreed} agreed · {progress.in_progress} in progress · "
                f"{progress.not_started} not started\n"
            )
        if summary.updated is not None:
            updated = summary.updated.astimezone()
            text.append(f"\nLast changed {day_label(updated)} at {updated:%H:%M}\n", style="dim")
        text.append(
            f"File: {summary.path.name}\nFolder: {display_path(summary.path.parent)}", style="dim"
        )
        return text

    @on(OptionList.OptionSelected, "#sessions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option_index)

    def action_open(self) -> None:
        """Open the highlighted session."""
        highlighted = self.query_one("#sessions", OptionList).highlighted
        if highlighted is not None:
            self._open(highlighted)

    def _open(self, index: int) -> None:
        summary = self._rows[index] if 0 <= index < len(self._rows) else None
        if summary is None:
            return
        if summary.problem:
            from benchmark_tui.tui.screens.dialogs import ErrorDialog

            self.app.push_screen(ErrorDialog("This session file has a problem", summary.problem))
            return
        self.post_message(OpenSessionFile(summary.path))

    def action_new(self) -> None:
        """Start a new self-assessment."""
        from benchmark_tui.tui.screens.new_session import NewSessionScreen

        self.app.push_screen(NewSessionScreen())

    def action_open_path(self) -> None:
        """Open a session file by its path."""
        from benchmark_tui.tui.screens.dialogs import PathDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.post_message(OpenSessionFile(path))

        self.app.push_screen(
            PathDialog(
                "Open a session file",
                "Path of the session (.yaml):",
                str(self.context.sessions_dir) + os.sep,
            ),
            chosen,
        )

    def _highlighted_summary(self) -> SessionSummary | None:
        highlighted = self.query_one("#sessions", OptionList).highlighted
        if highlighted is None or not 0 <= highlighted < len(self._rows):
            return None
        return self._rows[highlighted]

    def action_next_year(self) -> None:
        """Start next year's self-assessment from the highlighted session, and open it."""
        summary = self._highlighted_summary()
        if summary is None:
            return
        if summary.problem:
            self._open(self._rows.index(summary))  # says what is wrong with it
            return
        self.post_message(StartNextYear(summary.path))

    def action_mark(self) -> None:
        """Mark (or unmark) the highlighted session for comparison."""
        summary = self._highlighted_summary()
        if summary is None or summary.problem:
            return
        if summary.path in self.marked:
            self.marked.remove(summary.path)
        else:
            self.marked.append(summary.path)
        options = self.query_one("#sessions", OptionList)
        index = self._rows.index(summary)
        here = None not in self._rows[:index]
        options.replace_option_prompt_at_index(
            index,
            self._prompt(summary, show_folder=not here, marked=summary.path in self.marked),
        )
        self._show_heading()

    def action_compare(self) -> None:
        """Compare the marked sessions (at least two)."""
        if len(self.marked) < 2:
            self.notify(
                "Mark two or more sessions with Space, then press c to compare them.",
                title="Compare",
                timeout=5,
                markup=False,
            )
            return
        self.post_message(CompareSessions(list(self.marked)))
