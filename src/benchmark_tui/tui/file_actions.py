"""Provides the questions about the session file: changed outside, earlier versions, save as."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from benchmark_tui.errors import BenchmarkError, NeedsConfirmation, OutsideChange
from benchmark_tui.settings import Settings, save_settings
from benchmark_tui.tui.host import OpenSessionHost


class FileActions(OpenSessionHost):
    """Asks the team what to do about the session file, and does it through the open session."""

    settings: Settings
    sessions_dir: Path
    _last_error: str

    def ask_about_outside_change(self, change: OutsideChange) -> None:
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
                self.show_session_again()
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
        self.save_succeeded(None)

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
        self.show_session_again()
        self.flush_save()
        self.notify(
            f"Restored the version of {version.saved.astimezone():%d %b %H:%M}: {said}. "
            "Ctrl+Z undoes it; the version it replaced is kept too.",
            title="Restored",
            timeout=10,
            markup=False,
        )

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
            self.set_save_state("saved", f"saved {self.clock().strftime('%H:%M')}")
            self.notify(f"Saved to {opened.path}", title="Saved", markup=False)
            if was_read_only:
                self.run_worker(self.show_again(), exclusive=True, group="reshow")

        def chosen(path: Path | None) -> None:
            if path is not None:
                save(path)

        title = "Save a copy as" if was_read_only else "Save the session as"
        self.push_screen(
            PathDialog(title, "File name (.yaml)", str(self._suggest_copy_name())),
            callback=chosen,
        )
