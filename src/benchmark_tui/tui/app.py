"""Provides BenchmarkApp: wires keys, timers, themes and screens to the open session.

The session's life (lock, undo, saving, versions, outside edits, rescue) is
:class:`~benchmark_tui.workshop.OpenSession`, in the core; this module decides *when* (a save
shortly after the last key, on quit) and shows what happened.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, get_args

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.markup import escape
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
from benchmark_tui.store import create_session_file, load_framework
from benchmark_tui.tui.key_order import InOrderKeys
from benchmark_tui.tui.messages import SessionEdited
from benchmark_tui.tui.textual_compat import CalmCrashes
from benchmark_tui.tui.themes import PROJECTOR, THEMES, next_theme
from benchmark_tui.workshop import NeedsConfirmation, OpenSession, OutsideChange, PendingSave

TEXT_SAVE_DELAY = 0.4
POSITION_SAVE_DELAY = 1.0
"""Text edits are saved this long after the last key, so typing never waits for the disk."""


class BenchmarkApp(InOrderKeys, CalmCrashes):
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
        self.theme = wanted if wanted in self.available_themes else PROJECTOR.name
        self.framework: Framework | None = None
        self.startup_problem: BenchmarkError | None = None
        try:
            self.framework = load_framework(self.framework_path)
        except BenchmarkError as err:
            self.startup_problem = err
        self.opened: OpenSession | None = None
        """The open session (None on the sessions list)."""
        self.save_state = "saved"
        self._save_timer: Any = None
        self._last_error = ""

    # -- the open session, for screens and tests -------------------------------------------

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
        """Whether the open session is shown read-only (another window has it, or a read-only
        folder)."""
        return self.opened is not None and self.opened.read_only

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
        self.settings.remember(opened.path)
        save_settings(self.settings)
        for notice in opened.notices:
            self.notify(
                notice, title="Framework has changed", severity="warning", timeout=15, markup=False
            )
        if opened.read_only:
            self._set_save_state("read-only", "READ-ONLY")
            self.notify(
                opened.read_only_reason,
                title="Opened read-only",
                severity="warning",
                timeout=10,
                markup=False,
            )
        else:
            self._set_save_state("saved", f"saved {self.clock().strftime('%H:%M')}")
        position = opened.session.position
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

    async def _show_again(self) -> None:
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
        for place in get_args(Place):
            name = f"workshop-{place}"
            if not self.is_screen_installed(name):
                continue
            screen = self.get_screen(name)
            if screen in self.screen_stack:
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
        if self.opened is None or self.read_only or not self.opened.move_to(position):
            return
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
            if self.opened is None:
                return False
            if action in ("export",):
                return True
        if action == "undo" and self.read_only:
            return None
        return True

    # -- editing and saving ---------------------------------------------------------------------

    def on_session_edited(self, event: SessionEdited) -> None:
        """A screen changed the session: keep an undo step, then save."""
        if self.opened is None or self.read_only:
            return
        self.opened.record_edit(event.coalesce)
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
        if self.opened is None or self.read_only:
            return
        if delay:
            if not quiet and self.opened.blocked is None:
                self._set_save_state("pending", "editing…")
            self._save_timer = self.set_timer(delay, self._start_save)
        else:
            self._start_save()

    def _start_save(self) -> None:
        self._save_timer = None
        if self.opened is None:
            return
        if self.opened.blocked is not None:
            self._set_save_state("error", "NOT SAVED")
            return
        try:
            pending = self.opened.prepare_save()
        except SaveError as err:
            self._save_failed(err)
            return
        if pending is None:
            if self.save_state == "pending":
                self._save_succeeded(None)
            return
        self._set_save_state("pending", "saving…")
        self._write(self.opened, pending)

    @work(thread=True, group="save", exit_on_error=False)
    def _write(self, opened: OpenSession, pending: PendingSave) -> PendingSave | None:
        """Write a prepared save off the UI thread (the session object serialises writes).

        Returns the save if it was written, None if a newer one was written first. A problem
        ends the worker in ERROR, reported by :meth:`on_worker_state_changed`.
        """
        return pending if opened.write(pending) else None

    def _save_succeeded(self, pending: PendingSave | None) -> None:
        if self.opened is None or (pending is not None and pending.sequence < self._newest_save):
            return
        if self._last_error:
            self.notify("The session is saved again.", title="Saved")
        self._last_error = ""
        self._set_save_state("saved", f"saved {self.clock().strftime('%H:%M')}")

    @property
    def _newest_save(self) -> int:
        return self.opened.latest_sequence if self.opened is not None else 0

    def _save_failed(self, error: BaseException) -> None:
        """Say that the session is not saved (once per problem); ask about outside changes."""
        self._set_save_state("error", "NOT SAVED")
        if isinstance(error, OutsideChange):
            self._ask_about_outside_change(error)
            return
        if isinstance(error, BenchmarkError):
            title, message = error.title, error.message
        else:  # a bug while saving: the work is in memory; say so, keep the details in a log
            log = write_crash_log(error, context=f"saving {self.session_path}")
            title = "Not saved"
            message = (
                "Not saved because of an unexpected problem. The team's work is kept in this "
                "window: use Save as… to keep a copy."
                + (f" Details for whoever supports this tool: {log}" if log else "")
            )
        if message != self._last_error:
            self._last_error = message
            self.notify(message, title=title, severity="error", timeout=30, markup=False)

    def flush_save(self) -> bool:
        """Save synchronously (on quit, close, Ctrl+S); True if the file is up to date."""
        if self.opened is None or self.read_only:
            return True
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        try:
            self.opened.save_now()
        except SaveError as err:
            self._save_failed(err)
            return False
        self._save_succeeded(None)
        return True

    def _set_save_state(self, state: str, label: str) -> None:
        self.save_state = state
        if self.save_label == label:
            self.mutate_reactive(BenchmarkApp.save_label)
        else:
            self.save_label = label

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
        self._show_session_again()
        self.request_save()
        self.notify(f"Undone: {said}", timeout=4, markup=False)

    def _show_session_again(self) -> None:
        """Show the (new) session object where the team is, after undo, restore or reload."""
        assert self.opened is not None
        position = self.opened.session.position
        self.goto(position.place, position.item, position.step, remember=False)

    # -- changes made outside this window ---------------------------------------------------------

    def _ask_about_outside_change(self, change: OutsideChange) -> None:
        """Saving stopped because the file changed or vanished: ask the team what to do."""
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog

        if any(isinstance(s, ChoiceDialog) and s.id == "outside-change" for s in self.screen_stack):
            return
        # The first choice is the default, so a key meant for the screen beneath (Enter at
        # the end of a line) changes nothing: saving stays stopped and Ctrl+S asks again.
        later = ("later", "Decide later")
        if change.kind == "deleted":
            choices = [later, ("keep-ours", "Save it again"), ("save-as", "Save as…")]
        else:
            choices = [
                later,
                ("keep-ours", "Keep ours"),
                ("reload", "Reload theirs"),
                ("save-as", "Save ours as…"),
            ]
        dialog = ChoiceDialog(change.title, change.message, choices)
        dialog.id = "outside-change"
        self.push_screen(dialog, callback=self._decide_outside_change)

    def _decide_outside_change(self, choice: str | None) -> None:
        if self.opened is None:
            return
        try:
            if choice == "keep-ours":
                self.opened.keep_ours()
                self.notify(
                    "Saved this window's work. The other version is kept: palette ▸ "
                    "Earlier versions….",
                    title="Saved",
                )
            elif choice == "reload":
                self.opened.reload_theirs()
                self._show_session_again()
                self.notify(
                    "Reloaded the file as changed outside. This window's work is kept: "
                    "palette ▸ Earlier versions….",
                    title="Reloaded",
                )
            elif choice == "save-as":
                self.action_save_as()
                return
            else:
                self.notify(
                    "Nothing is saved until you choose: Ctrl+S asks again.",
                    title="Not saved",
                    severity="warning",
                )
                return
        except BenchmarkError as err:
            self.show_error(err)
            return
        self._last_error = ""
        self._save_succeeded(None)

    # -- versions --------------------------------------------------------------------------------

    def action_versions(self) -> None:
        """List earlier versions of the session, and restore one."""
        from benchmark_tui.tui.screens.versions import VersionsDialog

        if self.opened is None or self.framework is None:
            return
        self.flush_save()
        self.push_screen(
            VersionsDialog(self.opened, self.framework), callback=self._restore_version
        )

    def _restore_version(self, version: Any) -> None:
        if version is None or self.opened is None:
            return
        try:
            said = self.opened.restore(version)
        except BenchmarkError as err:
            self.show_error(err)
            return
        self._show_session_again()
        self.flush_save()
        self.notify(
            f"Restored the version of {version.saved.astimezone():%d %b %H:%M}: {said}. "
            "Ctrl+Z undoes it; the version it replaced is kept too.",
            title="Restored",
            timeout=10,
            markup=False,
        )

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

    def _suggest_copy_name(self) -> Path:
        assert self.opened is not None
        base = self.opened.real_path
        if not os.access(base.parent, os.W_OK):  # a read-only folder: offer the sessions folder
            base = self.sessions_dir / base.name
        n = 1
        while True:
            candidate = base.with_name(f"{base.stem}-copy{'' if n == 1 else f'-{n}'}.yaml")
            if not candidate.exists():
                return candidate
            n += 1

    def action_save_as(self) -> None:
        """Save the session under another name and carry on there (a read-only window: a copy)."""
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog, PathDialog

        opened = self.opened
        if opened is None:
            return
        was_read_only = opened.read_only

        def save(path: Path, replace: bool = False) -> None:
            try:
                opened.save_as(path, replace=replace)
            except NeedsConfirmation as question:

                def answer(choice: str | None) -> None:
                    if choice == "replace":
                        save(path, replace=True)
                    elif choice == "other":
                        self.action_save_as()

                self.push_screen(
                    ChoiceDialog(
                        question.title,
                        question.message,
                        [("other", "Choose another name"), ("replace", "Replace it")],
                    ),
                    callback=answer,
                )
                return
            except BenchmarkError as err:
                self.show_error(err)
                return
            self._last_error = ""
            self.settings.remember(opened.path)
            save_settings(self.settings)
            self._set_save_state("saved", f"saved {self.clock().strftime('%H:%M')}")
            self.notify(f"Saved to {opened.path}", title="Saved", markup=False)
            if was_read_only:
                self.run_worker(self._show_again(), exclusive=True, group="reshow")

        def chosen(path: Path | None) -> None:
            if path is not None:
                save(path)

        title = "Save a copy as" if was_read_only else "Save the session as"
        self.push_screen(
            PathDialog(title, "File name (.yaml)", str(self._suggest_copy_name())),
            callback=chosen,
        )

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
        if worker.group == "save":
            if event.state == WorkerState.SUCCESS and worker.result is not None:
                self._save_succeeded(worker.result)
            elif event.state == WorkerState.ERROR and worker.error is not None:
                self._save_failed(worker.error)
            return
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
                    f"Go to {escape(area.label)}",
                    "Section 1: results achieved",
                    lambda a=area.id: self.goto("area", a),
                )
            for characteristic in self.framework.items:
                yield SystemCommand(
                    f"Go to {escape(characteristic.label)}",
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
            if self.read_only:
                yield SystemCommand(
                    "Save a copy as…",
                    "Keep working in a copy of this read-only session",
                    self.action_save_as,
                )
            else:
                yield SystemCommand(
                    "Save as…", "Save the session under another name", self.action_save_as
                )
            yield SystemCommand(
                "Earlier versions…",
                "See the session as it was earlier today or before, and restore it",
                self.action_versions,
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
