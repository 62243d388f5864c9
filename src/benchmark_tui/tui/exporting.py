"""Provides writing the findings document from the app, in the background."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.worker import Worker, WorkerState

from benchmark_tui.crash import write_crash_log
from benchmark_tui.errors import ExportError
from benchmark_tui.models import Framework, Session
from benchmark_tui.tui.host import OpenSessionHost


class Exporting(OpenSessionHost):
    """Writes the Word document in a worker, so the team keeps working; offers another name."""

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

    def _export_finished(self, event: Worker.StateChanged) -> None:
        """An export ended: say where the document is, or offer another name, or explain."""
        worker = event.worker
        if event.state == WorkerState.SUCCESS:
            self.notify(
                f"Written to {worker.result}", title="Export to Word", timeout=20, markup=False
            )
        elif event.state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, ExportError):
                self._offer_other_export_name(error)
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
