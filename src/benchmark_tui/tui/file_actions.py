"""Provides the questions about the session file: changed outside, earlier versions, save as."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark_tui.errors import BenchmarkError, NeedsConfirmation, OutsideChange
from benchmark_tui.settings import save_settings
from benchmark_tui.versions import Version

if TYPE_CHECKING:
    from benchmark_tui.tui.app import BenchmarkApp


def copy_name(base: Path, writable: bool, sessions_dir: Path) -> Path:
    """A free name for a copy of ``base``: ``…-copy.yaml``, ``…-copy-2.yaml`` (in the sessions
    folder when ``base``'s folder is not writable)."""
    if not writable:
        base = sessions_dir / base.name
    n = 1
    while True:
        candidate = base.with_name(f"{base.stem}-copy{'' if n == 1 else f'-{n}'}.yaml")
        if not candidate.exists():
            return candidate
        n += 1


class FileActions:
    """Asks the team what to do about the session file, and does it through the open session."""

    def __init__(self, app: BenchmarkApp) -> None:
        self.app = app

    def ask_about_outside_change(self, change: OutsideChange) -> None:
        """Saving stopped because the file changed or vanished: ask the team what to do."""
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog

        if any(
            isinstance(s, ChoiceDialog) and s.id == "outside-change" for s in self.app.screen_stack
        ):
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
        self.app.push_screen(dialog, callback=self._decide_outside_change)

    def _decide_outside_change(self, choice: str | None) -> None:
        if self.app.opened is None:
            return
        try:
            if choice == "keep-ours":
                self.app.opened.keep_ours()
                self.app.notify(
                    "Saved this window's work. The other version is kept: palette ▸ "
                    "Earlier versions….",
                    title="Saved",
                )
            elif choice == "reload":
                self.app.opened.reload_theirs()
                self.app.show_session_again()
                self.app.notify(
                    "Reloaded the file as changed outside. This window's work is kept: "
                    "palette ▸ Earlier versions….",
                    title="Reloaded",
                )
            elif choice == "save-as":
                self.save_as()
                return
            else:
                self.app.notify(
                    "Nothing is saved until you choose: Ctrl+S asks again.",
                    title="Not saved",
                    severity="warning",
                )
                return
        except BenchmarkError as err:
            self.app.show_error(err)
            return
        self.app.saving.last_error = ""
        self.app.saving.succeeded(None)

    # -- versions --------------------------------------------------------------------------------

    def versions(self) -> None:
        """List earlier versions of the session, and restore one."""
        from benchmark_tui.tui.screens.versions import VersionsDialog

        if self.app.opened is None or self.app.framework is None:
            return
        self.app.flush_save()
        self.app.push_screen(
            VersionsDialog(self.app.opened, self.app.framework), callback=self._restore_version
        )

    def _restore_version(self, version: Version | None) -> None:
        if version is None or self.app.opened is None:
            return
        try:
            said = self.app.opened.restore(version)
        except BenchmarkError as err:
            self.app.show_error(err)
            return
        self.app.show_session_again()
        self.app.flush_save()
        self.app.notify(
            f"Restored the version of {version.saved.astimezone():%d %b %H:%M}: {said}. "
            "Ctrl+Z undoes it; the version it replaced is kept too.",
            title="Restored",
            timeout=10,
            markup=False,
        )

    def _suggest_copy_name(self) -> Path:
        assert self.app.opened is not None
        base = self.app.opened.real_path
        return copy_name(base, os.access(base.parent, os.W_OK), self.app.sessions_dir)

    def save_as(self) -> None:
        """Save the session under another name and carry on there (a read-only window: a copy)."""
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog, PathDialog

        opened = self.app.opened
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
                        self.save_as()

                self.app.push_screen(
                    ChoiceDialog(
                        question.title,
                        question.message,
                        [("other", "Choose another name"), ("replace", "Replace it")],
                    ),
                    callback=answer,
                )
                return
            except BenchmarkError as err:
                self.app.show_error(err)
                return
            self.app.saving.last_error = ""
            self.app.settings.remember(opened.path)
            save_settings(self.app.settings)
            self.app.saving.show("saved", f"saved {self.app.clock().strftime('%H:%M')}")
            self.app.notify(f"Saved to {opened.path}", title="Saved", markup=False)
            if was_read_only:
                self.app.run_worker(self.app.show_again(), exclusive=True, group="reshow")

        def chosen(path: Path | None) -> None:
            if path is not None:
                save(path)

        title = "Save a copy as" if was_read_only else "Save the session as"
        self.app.push_screen(
            PathDialog(title, "File name (.yaml)", str(self._suggest_copy_name())),
            callback=chosen,
        )
