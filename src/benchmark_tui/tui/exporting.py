"""Provides writing the findings document (or the team's pre-read) from the app, in a worker."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.worker import Worker, WorkerState

from benchmark_tui.crash import write_crash_log
from benchmark_tui.errors import ExportError, OtherSessionsDocument
from benchmark_tui.last_time import LastTime
from benchmark_tui.models import Framework, Session
from benchmark_tui.tui.host import OpenSessionHost


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


class Exporting(OpenSessionHost):
    """Writes the Word document in a worker, so the team keeps working; offers another name."""

    _export_request: ExportRequest | None = None
    last_time: LastTime | None
    """The open session's previous self-assessment (read by the YearlyCycle part)."""

    def action_export(self, target: str | None = None, *, handout: bool = False) -> None:
        """Write the findings document (Word) next to the session, in the background."""
        if self.session is None or self.session_path is None:
            return
        from benchmark_tui.export import default_report_path

        path = (
            Path(target)
            if target
            else default_report_path(self.session, self.session_path, handout=handout)
        )
        self._start_export(ExportRequest(path, handout=handout))

    def action_export_handout(self) -> None:
        """Write the team's pre-read (the framework, the scale, each item with an empty matrix)."""
        self.action_export(handout=True)

    def _start_export(self, request: ExportRequest) -> None:
        if self.session is None or self.framework is None:
            return
        self._export_request = request
        self.notify(
            f"Writing {request.target.name}…", title="Export to Word", timeout=3, markup=False
        )
        self._export(self.framework, self.session.model_copy(deep=True), request)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _export(self, framework: Framework, session: Session, request: ExportRequest) -> Path:
        from benchmark_tui.export import write_report

        last_time = self.last_time  # read once, when the session was opened
        return write_report(
            framework,
            session,
            request.target,
            handout=request.handout,
            replace=request.replace,
            previous=last_time.previous if last_time is not None else None,
        )

    def _offer_other_export_name(self, error: ExportError, request: ExportRequest) -> None:
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog, PathDialog

        target = request.target
        suggestion = target.with_name(f"{target.stem}-2{target.suffix}")

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._start_export(ExportRequest(path, handout=request.handout))

        def ask_for_name() -> None:
            self.push_screen(
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

        self.push_screen(
            ChoiceDialog(
                error.title,
                f"{target} holds the findings of another session. Write {request.what} under "
                "another name, or replace that document?",
                [("other", "Another name…"), ("replace", "Replace it")],
            ),
            callback=decide,
        )

    def _export_finished(self, event: Worker.StateChanged) -> None:
        """An export ended: say where the document is, or offer another name, or explain."""
        worker = event.worker
        request = self._export_request
        if event.state == WorkerState.SUCCESS:
            written = Path(worker.result) if worker.result is not None else None
            where = f"{written.name}\nin {written.parent}" if written else "the document"
            self.notify(f"Written: {where}", title="Export to Word", timeout=20, markup=False)
        elif event.state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, ExportError) and request is not None:
                self._offer_other_export_name(error, request)
            elif error is not None:  # a bug: the workshop goes on; the details go to a log
                log = write_crash_log(error, context=f"export of {self.session_path}")
                self.notify(
                    "The document could not be written because of an unexpected problem; "
                    "the session is safe." + (f" Details: {log}" if log else ""),
                    title="Export to Word",
                    severity="error",
                    timeout=30,
                    markup=False,
                )
