"""Provides the start screen: pick a recent session or start a new one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from benchmark_tui.models import day_label
from benchmark_tui.store import SessionSummary, list_sessions
from benchmark_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from benchmark_tui.tui.app import BenchmarkApp


def display_path(path: Path) -> str:
    """A path as short as it can be shown: relative to here, or with ~ for the home folder."""
    path = path.resolve()
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(path.relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


class SessionList(OptionList):
    """The sessions, two lines each; Enter opens the highlighted one."""

    BINDINGS = [Binding("enter", "select", "Open", key_display="⏎")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.option_count) if action == "select" else True


class StartScreen(Screen[None]):
    """The sessions list: service, scope, workshop dates and progress of each session."""

    HELP = """\
## Sessions

Each workshop is one session file. Pick one and press **Enter** to carry on where the team
left off, or press **n** to start a new self-assessment. **o** opens a session file from
anywhere by its path.
"""

    BINDINGS = [
        Binding("n", "new", "New session"),
        Binding("o", "open_path", "Open file…"),
        Binding("r", "refresh", "Refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[SessionSummary] = []

    @property
    def benchmark_app(self) -> BenchmarkApp:
        """The app, typed."""
        return cast("BenchmarkApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static("Benchmarking Framework", classes="start-title")
            yield Static(
                "Self-assessment for library services · Libraries Taskforce",
                classes="start-subtitle",
            )
            yield Static(id="sessions-heading", classes="lead")
            yield SessionList(id="sessions")
            yield Static(
                "No sessions yet. Press n to start a new self-assessment.",
                id="no-sessions",
                classes="aside",
            )
        yield KeyBar()

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown, after mounting: one read of the folder.
        self.action_refresh()

    def action_refresh(self) -> None:
        """Read the sessions folder again."""
        app = self.benchmark_app
        assert app.framework is not None
        folder = app.sessions_dir
        summaries = list_sessions(folder, app.framework)
        listed = {s.path.resolve() for s in summaries}
        for recent in app.settings.recent:
            path = Path(recent)
            if path.resolve() not in listed and path.is_file():
                summaries += [
                    s for s in list_sessions(path.parent, app.framework) if s.path == path
                ]
        self.summaries = summaries
        shown = display_path(folder)
        self.query_one("#sessions-heading", Static).update(
            Text(f"Sessions in {shown}" if summaries else f"Sessions folder: {shown}")
        )
        options = self.query_one("#sessions", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for summary in summaries:
            options.add_option(Option(self._prompt(summary)))
        options.display = bool(summaries)
        self.query_one("#no-sessions", Static).display = not summaries
        if summaries:
            options.highlighted = min(highlighted or 0, len(summaries) - 1)
            options.focus()

    @staticmethod
    def _prompt(summary: SessionSummary) -> Text:
        text = Text()
        if summary.problem:
            text.append(f"⚠ {summary.path.name}", style="bold")
            text.append("\n  This file cannot be read: press Enter to see why.", style="dim")
            return text
        text.append(summary.service, style="bold")
        if summary.progress is not None:
            text.append(f"  ·  {summary.progress.label}")
        details = [summary.scope, summary.dates]
        if summary.updated is not None:
            updated = summary.updated.astimezone()
            details.append(f"updated {day_label(updated, short=True)} {updated:%H:%M}")
        text.append("\n  " + " · ".join(d for d in details if d), style="dim")
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
        if not 0 <= index < len(self.summaries):
            return
        summary = self.summaries[index]
        if summary.problem:
            from benchmark_tui.tui.screens.dialogs import ErrorDialog

            self.app.push_screen(ErrorDialog("This session file has a problem", summary.problem))
            return
        self.benchmark_app.open_session(summary.path)

    def action_new(self) -> None:
        """Start a new self-assessment."""
        from benchmark_tui.tui.screens.new_session import NewSessionScreen

        self.app.push_screen(NewSessionScreen())

    def action_open_path(self) -> None:
        """Open a session file by its path."""
        from benchmark_tui.tui.screens.dialogs import PathDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.benchmark_app.open_session(path)

        self.app.push_screen(
            PathDialog(
                "Open a session file",
                "Path of the session (.yaml):",
                str(self.benchmark_app.sessions_dir) + "/",
            ),
            chosen,
        )
