"""Provides BenchmarkApp: wires keys, timers, themes and screens to the open session.

The session's life (lock, undo, saving, versions, outside edits, rescue) is
:class:`~benchmark_tui.workshop.OpenSession`, in the core; this module decides *when* (a save
shortly after the last key, on quit) and shows what happened.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

from benchmark_tui.crash import write_crash_log
from benchmark_tui.errors import BenchmarkError, SaveError
from benchmark_tui.models import (
    Framework,
    Session,
)
from benchmark_tui.settings import Settings, load_settings, save_settings, sessions_folder
from benchmark_tui.store import create_session_file, load_framework
from benchmark_tui.tui.commands import palette_commands
from benchmark_tui.tui.exporting import Exporting
from benchmark_tui.tui.file_actions import FileActions
from benchmark_tui.tui.key_order import InOrderKeys
from benchmark_tui.tui.messages import OpenSessionFile, StartSession
from benchmark_tui.tui.navigation import Navigation
from benchmark_tui.tui.pacing import PACING_ACTIONS, PACING_BINDINGS, Pacing
from benchmark_tui.tui.saving import Autosave
from benchmark_tui.tui.textual_compat import CalmCrashes
from benchmark_tui.tui.themes import PROJECTOR, THEMES, next_theme
from benchmark_tui.tui.yearly import YearlyCycle
from benchmark_tui.workshop import OpenSession

TEXT_SAVE_DELAY = 0.4
POSITION_SAVE_DELAY = 1.0
"""Text edits are saved this long after the last key, so typing never waits for the disk."""


class BenchmarkApp(
    InOrderKeys, Pacing, Navigation, Autosave, FileActions, Exporting, YearlyCycle, CalmCrashes
):
    """The self-assessment workshop, from the sessions list to the improvement plan.

    Args:
        session_path: a session file to open straight away (None shows the sessions list).
        framework_path: a framework file (None uses the bundled Benchmarking Framework).
        sessions_dir: the folder the sessions list shows and new sessions go into.
        settings: per-user settings (None loads them from the user's config folder).
        clock: returns the local time (fixed in tests, so screens are reproducible).
        monotonic: seconds from a monotonic clock, for timing the items (faked in tests).
    """

    CSS_PATH = "benchmark.tcss"
    TITLE = "benchmark-tui"
    SUB_TITLE = "Benchmarking Framework self-assessment"
    NOTIFICATION_TIMEOUT = 6
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, tooltip="Quit (all is saved)"),
        Binding("ctrl+o", "overview", "Overview", priority=True, tooltip="All 14 items at once"),
        Binding("ctrl+e", "export", "Export", priority=True, tooltip="Write the Word document"),
        Binding("f1", "help", "Help", priority=True, tooltip="Keys and purpose of this screen"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
        Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last change (it says what it was)"),
        Binding("ctrl+t", "cycle_theme", "Theme", show=False, priority=True),
        *PACING_BINDINGS,
    ]

    def __init__(
        self,
        session_path: Path | str | None = None,
        framework_path: Path | str | None = None,
        sessions_dir: Path | str | None = None,
        *,
        settings: Settings | None = None,
        clock: Callable[[], datetime] = datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.monotonic = monotonic
        """Seconds for the pacing clock (tests pass a fake clock)."""
        """Local time, for "saved 14:02" and today's date (tests pass a fixed clock)."""
        self.framework_path = Path(framework_path) if framework_path else None
        self.initial_session_path = Path(session_path) if session_path else None
        self.settings = settings if settings is not None else load_settings()
        self.sessions_dir = sessions_folder(sessions_dir or None, self.settings)
        self.register_theme(PROJECTOR)
        wanted = THEMES.get(self.settings.theme, self.settings.theme)
        self.theme = wanted if wanted in self.available_themes else PROJECTOR.name
        self.framework: Framework | None = None
        self.startup_problem: BenchmarkError | None = None
        try:
            self.framework = load_framework(self.framework_path)
        except BenchmarkError as err:
            self.startup_problem = err
        self.opened = None
        self.save_state = "saved"
        self._save_timer: Any = None
        self._last_error = ""

    # -- start-up -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.startup_problem is not None:
            from benchmark_tui.tui.screens.dialogs import ErrorDialog

            self.push_screen(
                ErrorDialog(self.startup_problem.title, self.startup_problem.message),
                callback=lambda _: self.exit(return_code=2),
            )
            return
        path = self.initial_session_path
        if path is None or self.framework is None:
            self._push_start_screen()
            return
        # Straight to the session: the sessions list (which reads every file in the sessions
        # folder) is only built if the session cannot be opened.
        try:
            opened = OpenSession.open(path, self.framework)
        except BenchmarkError as err:
            self._push_start_screen()
            self.show_error(err)
            return
        self._show_opened(opened)

    def _push_start_screen(self) -> None:
        from benchmark_tui.tui.screens.start import StartScreen

        self.push_screen(StartScreen())

    def _remember_theme(self, theme: Any) -> None:
        self.settings.theme = self.theme
        save_settings(self.settings)

    # -- opening and creating sessions ------------------------------------------------------------

    def open_session(self, path: Path) -> bool:
        """Open a session file and go to where the team was; False (with a message) if not."""
        assert self.framework is not None
        try:
            opened = OpenSession.open(path, self.framework)
        except BenchmarkError as err:
            self.show_error(err)
            return False
        self._show_opened(opened)
        return True

    def _show_opened(self, opened: OpenSession) -> None:
        """Make a session just opened the open one, and show where the team was."""
        self.close_session()
        self.opened = opened
        self.load_last_time(opened)
        self.settings.remember(opened.path)
        save_settings(self.settings)
        for notice in opened.notices:
            self.notify(
                notice, title="Framework has changed", severity="warning", timeout=15, markup=False
            )
        if opened.read_only:
            self.set_save_state("read-only", "READ-ONLY")
            self.notify(
                opened.read_only_reason,
                title="Opened read-only",
                severity="warning",
                timeout=10,
                markup=False,
            )
        else:
            self.set_save_state("saved", f"saved {self.clock().strftime('%H:%M')}")
        position = opened.session.position
        self.goto(position.place, position.item, position.step, remember=False)

    def on_open_session_file(self, message: OpenSessionFile) -> None:
        """The sessions list asked to open a file."""
        self.open_session(message.path)

    def on_start_session(self, message: StartSession) -> None:
        """The new-session form made a session."""
        self.start_session(message.session)

    def start_session(self, session: Session) -> bool:
        """Save a newly created session in the sessions folder and open it at the briefing.

        Returns False (having said why) if the file could not be created.
        """
        try:
            path = create_session_file(session, self.sessions_dir)
        except SaveError as err:
            self.show_error(err)
            return False
        if not self.open_session(path):
            return False
        self.goto("briefing")
        return True

    def close_session(self) -> None:
        """Save and close the open session (if any) and release its lock."""
        if self.opened is not None:
            self.flush_save()
            self.opened.close()
        self.opened = None
        self._forget_screens()

    async def action_sessions(self) -> None:
        """Go back to the sessions list."""
        from benchmark_tui.tui.screens.start import StartScreen

        if isinstance(self.screen, ModalScreen):
            self.pop_screen()
        await self.switch_screen(StartScreen())
        self.close_session()

    async def show_again(self) -> None:
        """Rebuild the workshop screens (after the session became writable, e.g. Save a copy)."""
        from benchmark_tui.tui.screens.start import StartScreen

        if self.opened is None:
            return
        while isinstance(self.screen, ModalScreen):
            self.pop_screen()
        await self.switch_screen(StartScreen())
        self._forget_screens()
        position = self.opened.session.position
        self.goto(position.place, position.item, position.step, remember=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in PACING_ACTIONS:
            return self.check_pacing(action)
        workshop_actions = {"overview", "export", "undo", "plan", "save"}
        if action in workshop_actions:
            if isinstance(self.screen, ModalScreen):
                return False
            if self.opened is None:
                return False
            if action in ("export",):
                return True
        if action == "undo" and self.read_only:
            return None
        return True

    # -- quitting, save as and errors -------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, saving first; if the save fails, ask before losing anything."""
        if self.opened is not None and not self.read_only and not self.flush_save():
            if self.opened.blocked is not None:
                return  # the question about the outside change is on screen: answer it first
            from benchmark_tui.tui.screens.dialogs import UnsavedDialog

            def decide(choice: str | None) -> None:
                if choice == "quit":
                    self._release_and_exit()
                elif choice == "save-as":
                    self.action_save_as()

            self.push_screen(UnsavedDialog(self._last_error), callback=decide)
            return
        self._release_and_exit()

    def _release_and_exit(self) -> None:
        if self.opened is not None:
            self.opened.close()
        self.exit()

    def show_error(self, error: BenchmarkError) -> None:
        """Show a problem the user must acknowledge, in plain words."""
        from benchmark_tui.tui.screens.dialogs import ErrorDialog

        self.push_screen(ErrorDialog(error.title, error.message))

    def on_unexpected_error(self, error: BaseException) -> str:
        """An unexpected error: rescue the team's work, log the details, say so calmly.

        The traceback (with whatever text was on screen in its variables) goes to a log file,
        never onto the projected screen.
        """
        lines = ["benchmark-tui stopped because of an unexpected problem."]
        if self.opened is not None:
            rescued = self.opened.rescue()
            lines.append(rescued.message)
            if rescued.path is not None:
                lines.append(f"Carry on with:  benchmark-tui {rescued.path}")
            self.opened.close()
        log = write_crash_log(error, context=f"session: {self.session_path}")
        if log is not None:
            lines.append(f"Details for whoever supports this tool: {log}")
        return "\n".join(lines)

    # -- help, themes and the command palette ---------------------------------------------------

    def action_help(self) -> None:
        """Show help for the current screen."""
        from benchmark_tui.tui.screens.help import HelpDialog

        if isinstance(self.screen, ModalScreen):
            return
        self.push_screen(HelpDialog(self.screen))

    def action_cycle_theme(self) -> None:
        """Switch projector → light → dark."""
        self.theme = next_theme(self.theme)
        names = {v: k for k, v in THEMES.items()}
        self.notify(f"Theme: {names.get(self.theme, self.theme)}", timeout=2, markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Report how a background save or export ended."""
        if event.worker.group == "save":
            self._save_finished(event)
        elif event.worker.group == "export":
            self._export_finished(event)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Commands for the palette (ctrl+p): jump anywhere, export, versions, themes."""
        return palette_commands(self, screen)
