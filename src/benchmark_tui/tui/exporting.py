"""Provides writing the findings document (or the team's pre-read) from the app, in a worker."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState

from benchmark_tui.crash import write_crash_log
from benchmark_tui.errors import ExportError, OtherSessionsDocument
from benchmark_tui.models import Framework, Session
from benchmark_tui.models.common import and_joined

if TYPE_CHECKING:
    from benchmark_tui.tui.app import BenchmarkApp


@dataclass(frozen=True)
class ExportRequest:
    """One document to write: where, which kind, and whether an existing one may be replaced."""

    target: Path
    handout: bool = False
    replace: bool = False

    @property
    def what(self) -> str:
        """The kind of document, for messages."""
        return "the pre-read" if self.handout else "the findings document"


def write_document(
    framework: Framework, session: Session, request: ExportRequest, previous: Session | None
) -> Path:
    """Write the document asked for (in a thread worker: no Textual here)."""
    from benchmark_tui.export import write_report

    return write_report(
        framework,
        session,
        request.target,
        handout=request.handout,
        replace=request.replace,
        previous=previous,
    )


class Exporter:
    """Writes the Word document in a worker, so the team keeps working; offers another name."""

    def __init__(self, app: BenchmarkApp) -> None:
        self.app = app
        self._request: ExportRequest | None = None

    def export(self, target: str | None = None, *, handout: bool = False) -> None:
        """Write the findings document (Word) next to the session, in the background."""
        opened = self.app.opened
        if opened is None:
            return
        from benchmark_tui.export import default_report_path

        path = (
            Path(target)
            if target
            else default_report_path(opened.session, opened.path, handout=handout)
        )
        self._start_export(ExportRequest(path, handout=handout))

    def _start_export(self, request: ExportRequest) -> None:
        opened, framework = self.app.opened, self.app.framework
        if opened is None or framework is None:
            return
        self._request = request
        self.app.notify(
            f"Writing {request.target.name}…", title="Export to Word", timeout=3, markup=False
        )
        last_time = self.app.yearly.last_time  # read once, when the session was opened
        work = partial(
            write_document,
            framework,
            opened.session.model_copy(deep=True),
            request,
            last_time.previous if last_time is not None else None,
        )
        self.app.run_worker(work, thread=True, exclusive=True, exit_on_error=False, group="export")

    def _offer_other_export_name(self, error: ExportError, request: ExportRequest) -> None:
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog, PathDialog

        target = request.target
        suggestion = target.with_name(f"{target.stem}-2{target.suffix}")

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._start_export(ExportRequest(path, handout=request.handout))

        def ask_for_name() -> None:
            self.app.push_screen(
                PathDialog(
                    error.title,
                    error.message + "\n\nWrite it under another name:",
                    str(suggestion),
                ),
                callback=chosen,
            )

        if not isinstance(error, OtherSessionsDocument):
            ask_for_name()
            return

        def decide(choice: str | None) -> None:
            if choice == "replace":
                self._start_export(ExportRequest(target, request.handout, replace=True))
            elif choice == "other":
                ask_for_name()

        self.app.push_screen(
            ChoiceDialog(
                error.title,
                f"{target} holds the findings of another session. Write {request.what} under "
                "another name, or replace that document?",
                [("other", "Another name…"), ("replace", "Replace it")],
            ),
            callback=decide,
        )

    def _not_in_it(self) -> str:
        """What the room typed and did not send, which the document therefore leaves out."""
        opened, framework = self.app.opened, self.app.framework
        if opened is None or framework is None:
            return ""
        session = opened.session
        waiting = [area.label for area in framework.areas if session.unsent_in(area.id)] + [
            item.title for item in framework.items if session.unsent_in(item.id)
        ]
        if not waiting:
            return ""
        return (
            f"\nNot in it: text typed and not yet added or saved in {and_joined(waiting)} "
            "(add it, then export again)."
        )

    def finished(self, event: Worker.StateChanged) -> None:
        """An export ended: say where the document is, or offer another name, or explain."""
        worker = event.worker
        request = self._request
        if event.state == WorkerState.SUCCESS:
            written = Path(worker.result) if worker.result is not None else None
            where = f"{written.name}\nin {written.parent}" if written else "the document"
            self.app.notify(
                f"Written: {where}{self._not_in_it()}",
                title="Export to Word",
                timeout=20,
                markup=False,
            )
        elif event.state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, ExportError) and request is not None:
                self._offer_other_export_name(error, request)
            elif error is not None:  # a bug: the workshop goes on; the details go to a log
                log = write_crash_log(error, context=f"export of {self.app.session_path}")
                self.app.notify(
                    "The document could not be written because of an unexpected problem; "
                    "the session is safe." + (f" Details: {log}" if log else ""),
                    title="Export to Word",
                    severity="error",
                    timeout=30,
                    markup=False,
                )
