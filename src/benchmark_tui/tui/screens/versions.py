"""Provides the "Earlier versions…" dialog: the session as it was, and a way back to it."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from benchmark_tui.models import Framework
from benchmark_tui.tui.screens.dialogs import ChoiceDialog, Dialog
from benchmark_tui.versions import Version, describe, when_label
from benchmark_tui.workshop import OpenSession


class VersionsDialog(Dialog[Version]):
    """Lists earlier versions of the open session, newest first; Enter restores one.

    Dismisses with the version to restore (after the team confirmed), or None.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="versions.cancel"),
        Binding("enter", "choose", "Restore", show=True, id="versions.choose"),
    ]

    HELP = (
        "Earlier versions of this session, kept each time it was saved with changes. "
        "Restoring one keeps the present version too, and Ctrl+Z undoes the restore."
    )

    def __init__(self, opened: OpenSession, framework: Framework) -> None:
        super().__init__()
        self.opened = opened
        self.framework = framework
        self.found = opened.versions()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -form"):
            yield Static(Text("Earlier versions"), classes="dialog-title")
            folder = self.opened.real_path.name + ".versions"
            if self.found:
                intro = (
                    f"{len(self.found)} kept in {folder}, newest first. Enter restores the "
                    "chosen one; the present version is kept too."
                )
            else:
                intro = (
                    "No earlier versions yet: a version is kept each time the session is "
                    "saved with changes."
                )
            yield Static(Text(intro), classes="dialog-message")
            yield OptionList(
                *[
                    Option(Text(f"{when_label(v.saved, datetime.now())}   …"), id=str(n))
                    for n, v in enumerate(self.found)
                ],
                id="versions",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#versions", OptionList).focus()
        self.describe_all()

    @work(thread=True, exclusive=True, group="describe-versions")
    def describe_all(self) -> None:
        """Read each version and say how it differs (off the UI thread: many versions)."""
        now = self.opened.session.model_copy(deep=True)
        today = datetime.now()
        for n, version in enumerate(self.found):
            about = describe(version, now, self.framework)
            line = Text(f"{when_label(version.saved, today)}   {about}")
            self.app.call_from_thread(self._show_line, n, line)

    def _show_line(self, index: int, line: Text) -> None:
        options = self.query_one("#versions", OptionList)
        options.replace_option_prompt_at_index(index, line)

    def action_choose(self) -> None:
        """Ask, then restore the highlighted version."""
        options = self.query_one("#versions", OptionList)
        if options.highlighted is None or not self.found:
            return
        self._confirm(self.found[options.highlighted])

    @on(OptionList.OptionSelected, "#versions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._confirm(self.found[int(event.option.id)])

    def _confirm(self, version: Version) -> None:
        when = when_label(version.saved, datetime.now())

        def answer(choice: str | None) -> None:
            if choice == "restore":
                self.dismiss(version)

        self.app.push_screen(
            ChoiceDialog(
                "Restore this version?",
                f"Restore the session as it was {when}? The present version is kept as an "
                "earlier version, and Ctrl+Z undoes the restore.",
                [("stay", "Keep the present one"), ("restore", "Restore")],
            ),
            callback=answer,
        )
