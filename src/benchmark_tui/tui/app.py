"""Provides BenchmarkApp: wires keys, timers, themes and screens to the app's parts.

The session's life (lock, undo, saving, versions, outside edits, rescue) is
:class:`~benchmark_tui.workshop.OpenSession`, in the core. The app owns a few plain parts, each
with its own module and unit tests: :class:`~benchmark_tui.tui.saving.Saving` (when to save,
the save indicator), :class:`~benchmark_tui.tui.pacing.PaceClock` (the item's clock),
:class:`~benchmark_tui.tui.navigation.Navigator` (places and their screens),
:class:`~benchmark_tui.tui.file_actions.FileActions` (outside changes, versions, save as),
:class:`~benchmark_tui.tui.exporting.Exporter` (the Word documents) and
:class:`~benchmark_tui.tui.yearly.Yearly` (last time, next year, comparisons). This module
turns keys, messages and timers into calls on them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Input, TextArea
from textual.worker import Worker, WorkerState

from benchmark_tui.crash import write_crash_log
from benchmark_tui.edits import Edit, EditRefused, NeedsReopen, reopening
from benchmark_tui.errors import BenchmarkError, SaveError
from benchmark_tui.last_time import LastTime
from benchmark_tui.models import Framework, Place, Session, Step
from benchmark_tui.session_index import Reader
from benchmark_tui.settings import (
    Settings,
    load_settings,
    save_settings,
    sessions_folder,
    settings_path,
)
from benchmark_tui.store import create_session_file, load_framework, summarise_session
from benchmark_tui.tui.closing import (
    EXIT_BAD_START,
    Closed,
    final_save,
    install_console_close_handler,
    install_signal_handlers,
)
from benchmark_tui.tui.commands import palette_commands
from benchmark_tui.tui.exporting import Exporter
from benchmark_tui.tui.file_actions import FileActions
from benchmark_tui.tui.key_order import InOrderKeys
from benchmark_tui.tui.messages import (
    CompareSessions,
    GoTo,
    GoToNeighbour,
    OpenSessionFile,
    PositionChanged,
    ReviewLastPlan,
    StartNextYear,
    StartSession,
)
from benchmark_tui.tui.navigation import Navigator
from benchmark_tui.tui.pacing import PACING_ACTIONS, PACING_BINDINGS, PaceClock
from benchmark_tui.tui.saving import Notice, SaveDelays, Saving
from benchmark_tui.tui.status import Observable, PaceState, SaveState, Shown
from benchmark_tui.tui.textual_compat import CalmCrashes
from benchmark_tui.tui.themes import PROJECTOR, THEMES, next_theme
from benchmark_tui.tui.yearly import Yearly
from benchmark_tui.workshop import Applied, OpenSession, PendingSave


class BenchmarkApp(InOrderKeys, CalmCrashes):
    """The self-assessment workshop, from the sessions list to the improvement plan.

    Args:
        session_path: a session file to open straight away (None shows the sessions list).
        framework_path: a framework file (None uses the bundled Benchmarking Framework).
        sessions_dir: the folder the sessions list shows and new sessions go into.
        settings: per-user settings (None loads them from the user's config folder).
        clock: returns the local time (fixed in tests, so screens are reproducible).
        monotonic: seconds from a monotonic clock, for timing the items (faked in tests).
        save_delays: how long autosave waits (tests pass their own).
        cursor_blink: whether the cursor in a text box blinks (tests turn it off, so a screen
            caught mid-blink and one caught a moment later look the same).
        read_summary: how the sessions list reads one session, in its worker (tests pass a
            slow one).
    """

    CSS_PATH = "benchmark.tcss"
    TITLE = "benchmark-tui"
    SUB_TITLE = "Benchmarking Framework self-assessment"
    NOTIFICATION_TIMEOUT = 6
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            priority=True,
            show=False,
            tooltip="Quit (all is saved)",
            id="app.quit",
        ),
        Binding(
            "ctrl+o",
            "overview",
            "Overview",
            priority=True,
            tooltip="All 14 items at once",
            id="app.overview",
        ),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            priority=True,
            tooltip="Write the Word document",
            id="app.export",
        ),
        Binding(
            "f1",
            "help",
            "Help",
            priority=True,
            tooltip="Keys and purpose of this screen",
            id="app.help",
        ),
        Binding("question_mark", "help", "Help", show=False, id="app.help-question-mark"),
        Binding("ctrl+s", "save", "Save", show=False, priority=True, id="app.save"),
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            tooltip="Undo the last change (it says what it was)",
            id="app.undo",
        ),
        Binding("ctrl+t", "cycle_theme", "Theme", show=False, priority=True, id="app.cycle-theme"),
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
        save_delays: SaveDelays | None = None,
        cursor_blink: bool = True,
        read_summary: Reader = summarise_session,
    ) -> None:
        super().__init__()
        self.clock = clock
        """Local time, for "saved 14:02" and today's date (tests pass a fixed clock)."""
        self.monotonic = monotonic
        """Seconds for the pacing clock and for undo's "typing in one box" (tests fake it)."""
        self.cursor_blink = cursor_blink
        self.read_summary = read_summary
        """How the sessions list reads one session (in its worker; tests slow it down)."""
        """Whether text boxes blink their cursor (off in tests: steady screenshots)."""
        self.framework_path = Path(framework_path) if framework_path else None
        self.initial_session_path = Path(session_path) if session_path else None
        self.settings = settings if settings is not None else load_settings()
        self.sessions_dir = sessions_folder(sessions_dir or None, self.settings)
        self.register_theme(PROJECTOR)
        wanted = THEMES.get(self.settings.theme, self.settings.theme)
        self.theme = wanted if wanted in self.available_themes else PROJECTOR.name
        self.framework: Framework | None = None
        """The framework sessions are read against (None if it could not be loaded)."""
        self.startup_problem: BenchmarkError | None = None
        try:
            self.framework = load_framework(self.framework_path)
        except BenchmarkError as err:
            self.startup_problem = err
        self.opened: OpenSession | None = None
        """The open session (None on the sessions list)."""
        self.files = FileActions(self)
        self.saving = Saving(
            opened=lambda: self.opened,
            timers=self,
            write_in_background=self._write_in_background,
            say=self.say,
            outside_change=self.files.ask_about_outside_change,
            clock=lambda: self.clock(),
            delays=save_delays,
        )
        self.pacing = PaceClock(
            opened=lambda: self.opened,
            framework=lambda: self.framework,
            monotonic=lambda: self.monotonic(),
            clock=lambda: self.clock(),
            item_on_screen=self.item_on_screen,
            on_overview=self._on_overview,
            save_soon=lambda delay: self.saving.request(delay, quiet=True),
            say=self.say,
            time_save_delay=self.saving.delays.time,
        )
        self.navigator = Navigator(self)
        self.exporter = Exporter(self)
        self.yearly = Yearly(self)
        self._pace_timer: Timer | None = None
        self.closed: Closed | None = None
        """How the app closed, when a signal or the console's close button closed it."""
        self._uninstall: list[Callable[[], None]] = []
        self._asking_to_reopen = False

    # -- what screens and widgets read ----------------------------------------------------------

    @property
    def session(self) -> Session | None:
        """The open session's data (a new object after undo, restore or reload)."""
        return self.opened.session if self.opened is not None else None

    @property
    def session_path(self) -> Path | None:
        """The open session's file."""
        return self.opened.path if self.opened is not None else None

    @property
    def read_only(self) -> bool:
        """Whether the open session is shown read-only (another window has it; a read-only
        folder)."""
        return self.opened is not None and self.opened.read_only

    @property
    def last_time(self) -> LastTime | None:
        """The open session's previous self-assessment, read once when it was opened."""
        return self.yearly.last_time

    @property
    def save_status(self) -> Observable[Shown[SaveState]]:
        """The save indicator in every screen's header."""
        return self.saving.status

    @property
    def pace_status(self) -> Observable[Shown[PaceState]]:
        """The clock in every screen's header."""
        return self.pacing.status

    def say(self, notice: Notice) -> None:
        """Show a notice from a part of the app (its text is text, never markup)."""
        self.notify(
            notice.message,
            title=notice.title,
            severity=notice.severity,
            timeout=notice.timeout,
            markup=False,
        )

    # -- edits and saving -----------------------------------------------------------------------

    def apply_edit(
        self, edit: Edit, then: Callable[[Applied | None], object] | None = None
    ) -> Applied | None:
        """Apply one of the team's edits to the open session, then save (soon, while typing).

        Returns what changed, or None if the edit was refused (the room is told why). An edit
        of an agreed item asks the room first (and returns None): on yes the item is reopened
        and changed as one undo step; ``then`` is called with the outcome either way.
        """
        if self.opened is None:
            return None
        try:
            applied = self.opened.apply(edit, now=self.monotonic())
        except NeedsReopen as asked:
            self._ask_to_reopen(asked, then)
            return None
        except EditRefused as err:
            self.notify(err.message, title=err.title, severity="error", markup=False)
            return None
        if applied.changed:
            self.saving.after_edit(typing=edit.coalesce is not None)
        return applied

    def _ask_to_reopen(
        self, asked: NeedsReopen, then: Callable[[Applied | None], object] | None
    ) -> None:
        """Ask the room whether to change an agreed item (the default keeps it agreed)."""
        from benchmark_tui.tui.screens.dialogs import agreed_dialog

        if self._asking_to_reopen:
            return  # keys typed while the question comes up: it is asked once
        self._asking_to_reopen = True

        def decide(choice: str | None) -> None:
            self._asking_to_reopen = False
            applied = None
            if choice == "change":
                applied = self.apply_edit(reopening(asked.edit, asked.items))
                if applied is not None:
                    self.notify(asked.reopened, timeout=5, markup=False)
            if then is not None:
                then(applied)

        self.push_screen(
            agreed_dialog(
                asked.label,
                asked.question,
                ("change", "Change them" if asked.many else "Change it"),
                many=asked.many,
            ),
            decide,
        )

    def _write_in_background(self, opened: OpenSession, pending: PendingSave) -> None:
        self.run_worker(
            partial(Saving.write, opened, pending),
            thread=True,
            group="save",
            exit_on_error=False,
        )

    def flush_save(self) -> bool:
        """Save now (on quit, close, Ctrl+S), with the clock's time; True if up to date."""
        self.pacing.take_time(save=False)
        return self.saving.flush()

    def action_save(self) -> None:
        """Save now (everything is saved automatically; this is for reassurance)."""
        if self.opened is None:
            return
        if self.read_only:
            self.notify(self.opened.read_only_reason, title="Read-only", markup=False)
            return
        if self.flush_save():
            self.notify(f"Saved to {self.session_path}", title="Saved", markup=False)

    def action_undo(self) -> None:
        """Undo the last change to the session, and say what it was."""
        if self.opened is None or self.read_only:
            return
        said = self.opened.undo()
        if said is None:
            self.notify("Nothing to undo.")
            return
        self.show_session_again()
        self.saving.request()
        self.notify(f"Undone: {said}", timeout=4, markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Report how a background save or export ended."""
        worker = event.worker
        if worker.group == "save":
            if event.state == WorkerState.SUCCESS:
                self.saving.finished(worker.result, None)
            elif event.state == WorkerState.ERROR:
                self.saving.finished(None, worker.error)
            elif event.state == WorkerState.CANCELLED:
                self.saving.finished(None, None)
        elif worker.group == "export":
            self.exporter.finished(event)

    # -- moving around --------------------------------------------------------------------------

    def goto(
        self,
        place: Place,
        item: str | None = None,
        step: Step | None = None,
        *,
        remember: bool = True,
    ) -> None:
        """Show a place of the workshop (and a step within an item)."""
        self.navigator.goto(place, item, step, remember=remember)
        if self._pace_timer is None and self.opened is not None:
            self._pace_timer = self.set_interval(1.0, self._tick_clock)

    def show_session_again(self) -> None:
        """Show the (new) session object where the team is, after undo, restore or reload."""
        self.navigator.show_again()

    def on_go_to(self, message: GoTo) -> None:
        """A screen asked to show a place of the workshop."""
        self.goto(message.place, message.item, message.step)

    def on_go_to_neighbour(self, message: GoToNeighbour) -> None:
        """A screen asked for the next or previous place."""
        self.navigator.goto_neighbour(message.place, message.item, message.delta)

    def on_position_changed(self, message: PositionChanged) -> None:
        """A screen moved to another step."""
        self.navigator.remember(message.position)

    def action_overview(self) -> None:
        """Show the overview of all 14 items."""
        self.goto("overview")

    def action_plan(self) -> None:
        """Show the improvement plan."""
        self.goto("plan")

    # -- the clock and the parking lot ----------------------------------------------------------

    def item_on_screen(self) -> str | None:
        """The results area or characteristic the team is on (beneath any dialog), if any."""
        from benchmark_tui.tui.screens.base import SteppedScreen

        if self.opened is None or self.read_only:
            return None
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ModalScreen):
                continue
            return screen.item_id if isinstance(screen, SteppedScreen) else None
        return None

    def _on_overview(self) -> bool:
        from benchmark_tui.tui.screens.overview import OverviewScreen

        return bool(self.screen_stack) and isinstance(self.screen_stack[-1], OverviewScreen)

    def _tick_clock(self) -> None:
        if self.screen_stack:  # starting or quitting: nothing on screen to time
            self.pacing.tick()

    def check_pacing(self, action: str) -> bool:
        """Whether a pacing key works here (the listed one on the items, the unlisted twin
        elsewhere in an open session)."""
        if self.opened is None or self.read_only or not self.screen_stack:
            return False
        if isinstance(self.screen, ModalScreen):
            return False
        listed = self.item_on_screen() is not None
        if action in ("pause_clock", "resume_clock"):
            # One ctrl+b, named for what it does now.
            return listed and self.pacing.paused == (action == "resume_clock")
        return listed != action.endswith("_here")

    def action_pause_clock(self) -> None:
        """Pause the clock for a break, or resume it."""
        self.pacing.toggle_pause()
        self.refresh_bindings()

    def action_resume_clock(self) -> None:
        """Start the clock again after a break."""
        self.action_pause_clock()

    def action_pause_clock_here(self) -> None:
        """Pause or resume the clock (on screens without items)."""
        self.action_pause_clock()

    def action_park(self) -> None:
        """Park a point that is off-topic for now, tagged with the item on screen."""
        from benchmark_tui.edits import ParkPoint
        from benchmark_tui.tui.screens.base import WorkshopScreen
        from benchmark_tui.tui.screens.overview import OverviewScreen
        from benchmark_tui.tui.screens.parking import ParkDialog

        framework = self.framework
        if self.opened is None or framework is None or self.read_only:
            return
        item = self.item_on_screen()
        where = framework.item(item).label if item else None

        def park(text: str | None) -> None:
            if not text or self.opened is None:
                return
            if self.apply_edit(ParkPoint(text=text, raised_on=item)) is None:
                return
            screen = self.screen
            if isinstance(screen, OverviewScreen):
                screen.load(self.opened.session, came_from=screen.came_from)
            elif isinstance(screen, WorkshopScreen):  # the count in its top bar
                screen.show_parked()
            count = len(self.opened.session.parking_lot.open_points)
            self.notify(
                f"Parked ({count} in the parking lot; l on the overview lists them).",
                title="Parking lot",
                timeout=4,
                markup=False,
            )

        self.push_screen(ParkDialog(where), park)

    def action_park_here(self) -> None:
        """Park a point (on screens without items)."""
        self.action_park()

    # -- the session file, documents, the yearly cycle -----------------------------------------

    def action_versions(self) -> None:
        """List earlier versions of the session, and restore one."""
        self.files.versions()

    def action_save_as(self) -> None:
        """Save the session under another name and carry on there."""
        self.files.save_as()

    def action_export(self) -> None:
        """Write the findings document (Word) next to the session, in the background."""
        self.exporter.export()

    def action_export_handout(self) -> None:
        """Write the team's pre-read (the framework, the scale, each item with an empty matrix)."""
        self.exporter.export(handout=True)

    def action_review_plan(self) -> None:
        """Review what happened to each action of the previous self-assessment's plan."""
        self.yearly.review_plan()

    def on_review_last_plan(self, message: ReviewLastPlan) -> None:
        """A screen asked to review last time's plan."""
        self.yearly.review_plan()

    def on_start_next_year(self, message: StartNextYear) -> None:
        """Write next year's session beside the one given, and open it."""
        self.yearly.start_next_year(message.path)

    def on_compare_sessions(self, message: CompareSessions) -> None:
        """Read the sessions given and show them side by side (or over time)."""
        self.yearly.compare(message.paths)

    # -- start-up -------------------------------------------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A text box just took the focus: steady its cursor when blinking is off."""
        if not self.cursor_blink and isinstance(event.widget, Input | TextArea):
            event.widget.cursor_blink = False

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._use_keymap()
        if not self.is_headless:  # a real terminal (tests drive the closing directly)
            self._uninstall = [
                install_signal_handlers(asyncio.get_running_loop(), self.close_for),
                install_console_close_handler(self._close_from_thread),
            ]
        if self.startup_problem is not None:
            from benchmark_tui.tui.screens.dialogs import ErrorDialog

            self.push_screen(
                ErrorDialog(self.startup_problem.title, self.startup_problem.message),
                callback=lambda _: self.exit(return_code=EXIT_BAD_START),
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

    def _use_keymap(self) -> None:
        """Apply the settings file's keymap, and say what in that file cannot be used."""
        from benchmark_tui.tui.keymap import usable_keys

        settings = self.settings
        keymap, problems = usable_keys(settings.keymap, settings.keymap_lines, settings_path())
        if keymap:
            self.set_keymap(keymap)
        for problem in [*settings.problems, *problems]:
            self._say_settings_problem(problem)
        if settings.keymap:
            self._check_keymap_ids(dict(settings.keymap), dict(settings.keymap_lines))

    @work(thread=True, exit_on_error=False, group="keymap")
    def _check_keymap_ids(self, keymap: dict[str, str], lines: dict[str, int]) -> None:
        """Say which keymap entries name no key (in a thread: it imports every screen)."""
        from benchmark_tui.tui.keymap import unknown_ids

        for problem in unknown_ids(keymap, lines, settings_path()):
            self.call_from_thread(self._say_settings_problem, problem)

    def _say_settings_problem(self, problem: str) -> None:
        self.notify(
            problem,
            title="The settings file has a problem",
            severity="error",
            timeout=20,
            markup=False,
        )

    def _push_start_screen(self) -> None:
        from benchmark_tui.tui.screens.start import StartScreen

        self.push_screen(StartScreen())

    def use_theme(self, name: str) -> None:
        """Switch to a theme (from the palette)."""
        self.theme = name

    def _remember_theme(self, theme: object) -> None:
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
        self.yearly.load_last_time(opened)
        self.settings.remember(opened.path)
        save_settings(self.settings)
        for notice in opened.notices:
            self.notify(
                notice, title="Framework has changed", severity="warning", timeout=15, markup=False
            )
        self.saving.opened_now(opened)
        if opened.read_only:
            self.notify(
                opened.read_only_reason,
                title="Opened read-only",
                severity="warning",
                timeout=10,
                markup=False,
            )
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
        self.pacing.restart()
        self.navigator.forget_screens()

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
        self.navigator.forget_screens()
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

            self.push_screen(UnsavedDialog(self.saving.last_error), callback=decide)
            return
        self._release_and_exit()

    def close_for(self, why: str) -> None:
        """Close because of a signal (SIGTERM, SIGINT, SIGHUP) or the console's close button:
        the same final save as Ctrl+Q (a rescue copy if it fails), then exit with a status
        that says which (:mod:`benchmark_tui.tui.closing`)."""
        if self.closed is not None:
            return
        self.closed = final_save(self.opened, self.flush_save, why)
        if self.opened is not None:
            self.opened.close()
        # After SIGHUP the terminal is gone: a message written to it would fail the exit.
        shown = self.closed.message and why != "SIGHUP"
        self.exit(
            return_code=self.closed.status, message=Text(self.closed.message) if shown else None
        )

    def _close_from_thread(self, why: str) -> None:
        """The console's close button (Windows calls this on a thread of its own): close on the
        app's thread, and return only once the final save is made."""
        if self.is_running:
            self.call_from_thread(self.close_for, why)

    def on_unmount(self) -> None:
        for uninstall in self._uninstall:
            uninstall()
        self._uninstall = []

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

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Commands for the palette (ctrl+p): jump anywhere, export, versions, themes."""
        return palette_commands(self, screen)
