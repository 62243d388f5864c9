"""Provides BenchmarkApp: holds the framework, the session and its file; the only caller of save."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from benchmark_tui.crash import write_crash_log
from benchmark_tui.errors import BenchmarkError, ExportError, SaveError
from benchmark_tui.models import (
    AREA_STEPS,
    STEPS,
    Framework,
    Place,
    Position,
    Session,
    Step,
)
from benchmark_tui.settings import Settings, load_settings, save_settings
from benchmark_tui.store import (
    LoadedSession,
    SessionLock,
    create_session_file,
    load_framework,
    read_session,
    save_session,
    session_text,
    write_session_text,
)
from benchmark_tui.tui.key_order import InOrderKeys
from benchmark_tui.tui.messages import SessionEdited
from benchmark_tui.tui.themes import PROJECTOR, THEMES, next_theme

UNDO_DEPTH = 100
COALESCE_SECONDS = 3.0
"""Typing into the same field within this many seconds is one undo step."""
TEXT_SAVE_DELAY = 0.4
POSITION_SAVE_DELAY = 1.0
"""Text edits are saved this long after the last key, so typing never waits for the disk."""


class BenchmarkApp(InOrderKeys, App[None]):
    """The self-assessment workshop, from the sessions list to the improvement plan.

    Args:
        session_path: a session file to open straight away (None shows the sessions list).
        framework_path: a framework file (None uses the bundled Benchmarking Framework).
        sessions_dir: the folder the sessions list shows and new sessions go into.
        settings: per-user settings (None loads them from the user's config folder).
        clock: returns the local time (fixed in tests, so screens are reproducible).
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
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("ctrl+t", "cycle_theme", "Theme", show=False, priority=True),
    ]

    save_label: reactive[str] = reactive("")
    """What the save indicator says ("saved 14:02", "saving…", "NOT SAVED")."""

    def __init__(
        self,
        session_path: Path | str | None = None,
        framework_path: Path | str | None = None,
        sessions_dir: Path | str | None = None,
        *,
        settings: Settings | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.clock = clock
        """Local time, for "saved 14:02" and today's date (tests pass a fixed clock)."""
        self.framework_path = Path(framework_path) if framework_path else None
        self.sessions_dir = Path(sessions_dir) if sessions_dir else Path.cwd() / "sessions"
        self.initial_session_path = Path(session_path) if session_path else None
        self.settings = settings if settings is not None else load_settings()
        self.register_theme(PROJECTOR)
        wanted = THEMES.get(self.settings.theme, self.settings.theme)
        self._start_with_theme(wanted if wanted in self.available_themes else PROJECTOR.name)
        self.framework: Framework | None = None
        self.startup_problem: BenchmarkError | None = None
        try:
            self.framework = load_framework(self.framework_path)
        except BenchmarkError as err:
            self.startup_problem = err
        self.session: Session | None = None
        self.session_path: Path | None = None
        self.read_only = False
        self.save_state = "saved"
        self._lock: SessionLock | None = None
        self._undo: list[dict[str, Any]] = []
        self._baseline: dict[str, Any] | None = None
        self._last_edit: tuple[str | None, float] = (None, 0.0)
        self._save_timer: Any = None
        self._write_lock = threading.Lock()
        self._pending: tuple[int, str, Path] | None = None
        self._sequence = 0
        self._written = 0
        self._last_error = ""

    # -- start-up -------------------------------------------------------------------------------

    def _start_with_theme(self, name: str) -> None:
        """Start in a registered theme, the way Textual starts in its default theme.

        Setting ``self.theme`` runs the theme's watcher, which (as for a change while running)
        parses the whole stylesheet again and restyles every widget: ≈30 ms before the first
        frame for nothing, since nothing has been parsed or styled yet. Before the app runs it
        is enough to derive again what ``App.__init__`` derived from the default theme: the
        stylesheet's variables, the ANSI colour filter and the light/dark classes. (Textual is
        pinned; the snapshot tests show any difference.)
        """
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        self._refresh_truecolor_filter(self.ansi_theme)
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.set_class(True, f"-theme-{name}", update=False)

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
        if path is not None:
            # Straight to the session: the sessions list (which reads every file in the
            # sessions folder) is only built if the session cannot be opened.
            try:
                loaded = read_session(path, self.framework)
            except BenchmarkError as err:
                self._push_start_screen()
                self.show_error(err)
                return
            self._open_loaded(loaded)
            return
        self._push_start_screen()

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
            loaded = read_session(path, self.framework)
        except BenchmarkError as err:
            self.show_error(err)
            return False
        self._open_loaded(loaded)
        return True

    def _open_loaded(self, loaded: LoadedSession) -> None:
        """Make a session that has been read the open one, and show where the team was."""
        path = loaded.path
        self.close_session()
        lock = SessionLock(path)
        self.read_only = not lock.acquire()
        self._lock = lock if not self.read_only else None
        self.session = loaded.session
        self.session_path = path
        self._undo.clear()
        self._baseline = self.session.model_dump(mode="python")
        self.settings.remember(path)
        save_settings(self.settings)
        for notice in loaded.notices:
            self.notify(notice, title="Framework has changed", severity="warning", timeout=15)
        if self.read_only:
            self._set_save_state("read-only", "READ-ONLY")
            self.notify(
                "This session is open in another benchmark-tui window, so it is shown "
                "read-only here. Close the other window to edit it.",
                title="Opened read-only",
                severity="warning",
                timeout=20,
            )
        else:
            self._set_save_state("saved", f"saved {self.clock().strftime('%H:%M')}")
        position = self.session.position
        self.goto(position.place, position.item, position.step, remember=False)

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
        if self.session is not None and not self.read_only:
            self.flush_save()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self.session = None
        self.session_path = None
        self.read_only = False
        self._forget_screens()

    async def action_sessions(self) -> None:
        """Go back to the sessions list."""
        from benchmark_tui.tui.screens.start import StartScreen

        if isinstance(self.screen, ModalScreen):
            self.pop_screen()
        await self.switch_screen(StartScreen())
        self.close_session()

    # -- navigation -----------------------------------------------------------------------------

    @property
    def order(self) -> list[tuple[Place, str | None]]:
        """Every place of the workshop in order: briefing, the 14 items, overview, plan."""
        assert self.framework is not None
        places: list[tuple[Place, str | None]] = [("briefing", None)]
        places += [("area", a.id) for a in self.framework.areas]
        places += [("characteristic", c.id) for c in self.framework.items]
        places += [("overview", None), ("plan", None)]
        return places

    def goto(
        self,
        place: Place,
        item: str | None = None,
        step: Step | None = None,
        *,
        remember: bool = True,
    ) -> None:
        """Show a place of the workshop (and a step within an item).

        Each kind of workshop screen is built once per session and reused: going to another
        characteristic loads it into the same screen, which is instant and leaks nothing.
        """
        if self.session is None or self.framework is None:
            return
        framework = self.framework
        if place == "area" and item not in [a.id for a in framework.areas]:
            place, item = "briefing", None
        if place == "characteristic" and item not in [c.id for c in framework.items]:
            place, item = "briefing", None
        if place in ("area", "characteristic"):
            steps = AREA_STEPS if place == "area" else STEPS
            step = step if step in steps else steps[0]
        else:
            item, step = None, None
        came_from = self.session.position.item
        screen = self._workshop_screen(place, item, step)
        screen.load(self.session, item, step, came_from)
        if isinstance(self.screen, ModalScreen):
            self.pop_screen()
        if len(self.screen_stack) <= 1:  # opened from the command line: nothing to replace
            self.push_screen(screen)
        elif self.screen is not screen:
            self.switch_screen(screen)
        if remember:
            self.remember_position(screen.position)

    def _workshop_screen(self, place: Place, item: str | None, step: Step | None) -> Any:
        """The screen for a place, built (and installed for reuse) on first use.

        Each screen's module is imported when that screen is first needed, so opening a
        session at the overview does not load the characteristic screen and its widgets.
        """
        name = f"workshop-{place}"
        if self.is_screen_installed(name):
            return self.get_screen(name)
        framework, session = self.framework, self.session
        assert framework is not None and session is not None
        screen: Screen[None]
        if place == "area":
            from benchmark_tui.tui.screens.results_area import AreaScreen

            assert item is not None and step is not None
            screen = AreaScreen(framework, session, item, step, self.read_only)
        elif place == "characteristic":
            from benchmark_tui.tui.screens.characteristic import CharacteristicScreen

            assert item is not None and step is not None
            screen = CharacteristicScreen(framework, session, item, step, self.read_only)
        elif place == "overview":
            from benchmark_tui.tui.screens.overview import OverviewScreen

            screen = OverviewScreen(framework, session, self.read_only)
        elif place == "plan":
            from benchmark_tui.tui.screens.plan import PlanScreen

            screen = PlanScreen(framework, session, self.read_only)
        else:
            from benchmark_tui.tui.screens.briefing import BriefingScreen

            screen = BriefingScreen(framework, session, self.read_only)
        self.install_screen(screen, name)
        return screen

    def _forget_screens(self) -> None:
        """Drop the workshop screens of a closed session (they show its data)."""
        for name in [n for n in self._installed_screens if n.startswith("workshop-")]:
            screen = self.get_screen(name)
            if any(screen in stack for stack in self._screen_stacks.values()):
                continue
            self.uninstall_screen(name)
            if screen.is_attached:
                screen.remove()

    def goto_neighbour(self, place: Place, item: str | None, delta: int) -> None:
        """Go to the previous or next place of the workshop."""
        order = self.order
        try:
            index = order.index((place, item))
        except ValueError:
            index = 0
        target = max(0, min(len(order) - 1, index + delta))
        if target != index:
            new_place, new_item = order[target]
            first: Step | None = None
            if delta < 0 and new_place == "characteristic":
                first = STEPS[-1]
            elif delta < 0 and new_place == "area":
                first = AREA_STEPS[-1]
            self.goto(new_place, new_item, first)

    def remember_position(self, position: Position) -> None:
        """Record where the team is, so reopening the session returns there."""
        if self.session is None or self.session.position == position:
            return
        self.session.position = position
        if self._baseline is not None:
            self._baseline["position"] = position.model_dump(mode="python")
        # Moving around is not worth a disk write per key press; the position follows shortly
        # (and is always written on quit).
        self.request_save(delay=POSITION_SAVE_DELAY, quiet=True)

    def action_overview(self) -> None:
        """Show the overview of all 14 items."""
        self.goto("overview")

    def action_plan(self) -> None:
        """Show the improvement plan."""
        self.goto("plan")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        workshop_actions = {"overview", "export", "undo", "plan", "save"}
        if action in workshop_actions:
            if isinstance(self.screen, ModalScreen):
                return False
            if self.session is None:
                return False
            if action in ("export",):
                return True
        if action == "undo" and self.read_only:
            return None
        return True

    # -- editing and saving ---------------------------------------------------------------------

    def on_session_edited(self, event: SessionEdited) -> None:
        """A screen changed the session: keep an undo step, then save."""
        if self.session is None or self.read_only:
            return
        now = time.monotonic()
        key, when = self._last_edit
        same_burst = event.coalesce is not None and key == event.coalesce
        if not (same_burst and now - when < COALESCE_SECONDS) and self._baseline is not None:
            self._undo.append(self._baseline)
            del self._undo[:-UNDO_DEPTH]
        self._last_edit = (event.coalesce, now)
        self.session.touch()
        self._baseline = self.session.model_dump(mode="python")
        self.request_save(delay=TEXT_SAVE_DELAY if event.coalesce else 0)

    def request_save(self, delay: float = 0, *, quiet: bool = False) -> None:
        """Save the session now, or ``delay`` seconds after the last request.

        Args:
            delay: seconds to wait for more changes before writing.
            quiet: leave the save indicator alone (for moving around, not editing).
        """
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.session is None or self.read_only:
            return
        if delay:
            if not quiet:
                self._set_save_state("pending", "editing…")
            self._save_timer = self.set_timer(delay, self._start_save)
        else:
            self._start_save()

    def _start_save(self) -> None:
        self._save_timer = None
        if self.session is None or self.session_path is None or self.read_only:
            return
        try:
            text = session_text(self.session)
        except SaveError as err:
            self._save_failed(err, self._sequence)
            return
        self._sequence += 1
        self._pending = (self._sequence, text, self.session_path)
        self._set_save_state("pending", "saving…")
        self._write_pending()

    @work(thread=True, group="save", exit_on_error=False)
    def _write_pending(self) -> None:
        """Write the newest pending text; runs off the UI thread, one write at a time."""
        with self._write_lock:
            pending = self._pending
            if pending is None or pending[0] <= self._written:
                return
            sequence, text, path = pending
            try:
                write_session_text(text, path)
            except SaveError as err:
                self.call_from_thread(self._save_failed, err, sequence)
                return
            self._written = sequence
        self.call_from_thread(self._save_succeeded, sequence)

    def _save_succeeded(self, sequence: int) -> None:
        if sequence < self._sequence:
            return
        if self._last_error:
            self.notify("The session is saved again.", title="Saved")
        self._last_error = ""
        self._set_save_state("saved", f"saved {self.clock().strftime('%H:%M')}")

    def _save_failed(self, error: SaveError, sequence: int) -> None:
        if sequence < self._sequence:
            return
        self._set_save_state("error", "NOT SAVED")
        if error.message != self._last_error:
            self._last_error = error.message
            self.notify(error.message, title="Not saved", severity="error", timeout=30)

    def flush_save(self) -> bool:
        """Save synchronously (on quit, close, crash); True if the file is up to date."""
        if self.session is None or self.session_path is None or self.read_only:
            return True
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        try:
            text = session_text(self.session)
            with self._write_lock:
                write_session_text(text, self.session_path)
                self._sequence += 1
                self._written = self._sequence
        except SaveError as err:
            self._save_failed(err, self._sequence)
            return False
        self._save_succeeded(self._sequence)
        return True

    def _set_save_state(self, state: str, label: str) -> None:
        self.save_state = state
        if self.save_label == label:
            self.mutate_reactive(BenchmarkApp.save_label)
        else:
            self.save_label = label

    def action_save(self) -> None:
        """Save now (everything is saved automatically; this is for reassurance)."""
        if self.session is None:
            return
        if self.read_only:
            self.notify("This session is open read-only; nothing here is saved.")
            return
        if self.flush_save():
            self.notify(f"Saved to {self.session_path}", title="Saved")

    def action_undo(self) -> None:
        """Undo the last change to the session."""
        if self.session is None or self.read_only:
            return
        if not self._undo:
            self.notify("Nothing to undo.")
            return
        data = self._undo.pop()
        position = self.session.position
        self.session = Session.model_validate(data)
        self.session.position = position
        self._baseline = self.session.model_dump(mode="python")
        self._last_edit = (None, 0.0)
        self.request_save()
        self.goto(position.place, position.item, position.step, remember=False)
        self.notify("Undone.", timeout=2)

    # -- quitting and errors --------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, saving first; if the save fails, ask before losing anything."""
        if self.session is not None and not self.read_only and not self.flush_save():
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
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self.exit()

    def action_save_as(self) -> None:
        """Save the session under another name (e.g. when its folder became read-only)."""
        from benchmark_tui.tui.screens.dialogs import PathDialog

        if self.session is None:
            return
        suggestion = self.session_path or self.sessions_dir / "session.yaml"

        def chosen(path: Path | None) -> None:
            if path is None or self.session is None:
                return
            try:
                save_session(self.session, path)
            except SaveError as err:
                self.show_error(err)
                return
            if self._lock is not None:
                self._lock.release()
            lock = SessionLock(path)
            self._lock = lock if lock.acquire() else None
            self.session_path = path
            self._last_error = ""
            self._set_save_state("saved", f"saved {self.clock().strftime('%H:%M')}")
            self.notify(f"Saved to {path}", title="Saved")

        self.push_screen(
            PathDialog("Save the session as", "File name (.yaml)", str(suggestion)),
            callback=chosen,
        )

    def show_error(self, error: BenchmarkError) -> None:
        """Show a problem the user must acknowledge, in plain words."""
        from benchmark_tui.tui.screens.dialogs import ErrorDialog

        self.push_screen(ErrorDialog(error.title, error.message))

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: save the team's work, log the details, say so calmly.

        The traceback (with whatever text was on screen in its variables) goes to a log file,
        never onto the projected screen.
        """
        saved_to = self._emergency_save()
        log = write_crash_log(error, context=f"session: {self.session_path}")
        lines = ["benchmark-tui stopped because of an unexpected problem."]
        if saved_to is not None:
            lines.append(f"The team's work is saved in {saved_to}.")
            lines.append(f"Carry on with:  benchmark-tui {saved_to}")
        if log is not None:
            lines.append(f"Details for whoever supports this tool: {log}")
        self._crash_message = "\n".join(lines)
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._fatal_error()

    def _fatal_error(self) -> None:
        self.bell()
        message = getattr(self, "_crash_message", "benchmark-tui stopped unexpectedly.")
        self._exit_renderables.append(Text(message))
        self._close_messages_no_wait()

    def _emergency_save(self) -> Path | None:
        if self.session is None or self.session_path is None or self.read_only:
            return None
        try:
            save_session(self.session, self.session_path)
        except SaveError:
            try:
                rescue = self.session_path.with_suffix(".recovered.json")
                rescue.write_text(self.session.model_dump_json(indent=2), encoding="utf-8")
            except OSError:
                return None
            return rescue
        return self.session_path

    # -- export ---------------------------------------------------------------------------------

    def action_export(self, target: str | None = None) -> None:
        """Write the findings document (Word) next to the session, in the background."""
        if self.session is None or self.session_path is None or self.framework is None:
            return
        from benchmark_tui.export import default_report_path

        path = Path(target) if target else default_report_path(self.session, self.session_path)
        self.notify(f"Writing {path.name}…", title="Export to Word", timeout=3)
        self._export(self.framework, self.session.model_copy(deep=True), path)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _export(self, framework: Framework, session: Session, target: Path) -> Path:
        from benchmark_tui.export import write_report

        return write_report(framework, session, target)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Report the outcome of an export."""
        worker = event.worker
        if worker.group != "export":
            return
        if event.state == WorkerState.SUCCESS:
            self.notify(f"Written to {worker.result}", title="Export to Word", timeout=20)
        elif event.state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, ExportError):
                self._offer_other_export_name(error)
            elif error is not None:
                raise error

    def _offer_other_export_name(self, error: ExportError) -> None:
        from benchmark_tui.tui.screens.dialogs import PathDialog

        assert self.session is not None and self.session_path is not None
        from benchmark_tui.export import default_report_path

        default = default_report_path(self.session, self.session_path)
        suggestion = default.with_name(f"{default.stem}-2{default.suffix}")

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.action_export(str(path))

        self.push_screen(
            PathDialog(
                error.title, error.message + "\n\nWrite it under another name:", str(suggestion)
            ),
            callback=chosen,
        )

    # -- help, themes and the command palette ---------------------------------------------------

    def action_help(self) -> None:
        """Show help for the current screen."""
        from benchmark_tui.tui.screens.dialogs import HelpDialog

        if isinstance(self.screen, ModalScreen):
            return
        self.push_screen(HelpDialog(self.screen))

    def action_cycle_theme(self) -> None:
        """Switch projector → light → dark."""
        self.theme = next_theme(self.theme)
        names = {v: k for k, v in THEMES.items()}
        self.notify(f"Theme: {names.get(self.theme, self.theme)}", timeout=2)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Commands for the palette (ctrl+p): jump anywhere, export, themes."""
        if self.session is not None and self.framework is not None:
            yield SystemCommand(
                "Briefing",
                "The goal of self-assessment and the method",
                lambda: self.goto("briefing"),
            )
            for area in self.framework.areas:
                yield SystemCommand(
                    f"Go to {area.label}",
                    "Section 1: results achieved",
                    lambda a=area.id: self.goto("area", a),
                )
            for characteristic in self.framework.items:
                yield SystemCommand(
                    f"Go to {characteristic.label}",
                    "Section 2: characteristics of excellent library services",
                    lambda c=characteristic.id: self.goto("characteristic", c),
                )
            yield SystemCommand(
                "Overview", "All 14 items and the matrix at a glance", self.action_overview
            )
            yield SystemCommand("Improvement plan", "Actions, owners and dates", self.action_plan)
            yield SystemCommand(
                "Export to Word", "Write the findings document (.docx)", self.action_export
            )
            yield SystemCommand(
                "Save as…", "Save the session under another name", self.action_save_as
            )
            yield SystemCommand(
                "Sessions list", "Close this session and pick another", self.action_sessions
            )
        for label, name in THEMES.items():
            yield SystemCommand(
                f"Theme: {label}",
                f"Switch to the {label} theme",
                lambda n=name: setattr(self, "theme", n),
            )
        yield SystemCommand("Help", "Keys and purpose of this screen", self.action_help)
        yield SystemCommand("Quit", "Quit (everything is saved)", self.action_quit)
