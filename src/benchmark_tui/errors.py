"""Provides the errors benchmark-tui reports to people: one small hierarchy, rendered once.

Every error names the file involved and, where it can, the line and column, followed by what
to do about it: ``sessions/x.yaml:12:5: rating 5 is out of range — use 0 to 4``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal


class BenchmarkError(Exception):
    """Something a person can fix: a bad file, a missing template, a folder we cannot write.

    Args:
        message: the whole sentence shown to the user.
        title: a short heading for dialogs and notifications.
    """

    def __init__(self, message: str, title: str = "Something went wrong") -> None:
        super().__init__(message)
        self.message = message
        self.title = title

    def __str__(self) -> str:
        return self.message


class FileProblem(BenchmarkError):
    """A problem located in a file: ``path:line:column: what is wrong — what to do``.

    Args:
        path: the file.
        problem: what is wrong, as a short clause.
        hint: what to do about it (may be empty).
        line: 1-based line, if known.
        column: 1-based column, if known.
        title: a short heading.
    """

    def __init__(
        self,
        path: Path | str,
        problem: str,
        hint: str = "",
        *,
        line: int | None = None,
        column: int | None = None,
        title: str = "This file cannot be read",
    ) -> None:
        self.path = Path(path)
        self.problem = problem
        self.hint = hint
        self.line = line
        self.column = column
        where = str(self.path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        message = f"{where}: {problem}"
        if hint:
            message += f" — {hint}"
        super().__init__(message, title)


class FrameworkError(FileProblem):
    """The framework file is missing, not YAML, or does not describe a valid framework."""


class SessionFileError(FileProblem):
    """A session file is missing, not YAML, or does not describe a valid session."""


class SaveError(BenchmarkError):
    """A session could not be written (read-only folder, full disk); the work is still in memory."""


class ExportError(BenchmarkError):
    """The Word document could not be written (template unusable, file locked, folder read-only)."""


class OtherSessionsDocument(ExportError):
    """The target is a findings document made from another session: replaced only if asked."""


class OutsideChange(SaveError):
    """The session file was changed or deleted by something other than this window.

    Saving stops until the team decides what to do (see :meth:`OpenSession.reload_theirs`,
    :meth:`OpenSession.keep_ours`, :meth:`OpenSession.save_as`).
    """

    def __init__(self, path: Path, kind: Literal["changed", "deleted"]) -> None:
        self.path = path
        self.kind = kind
        if kind == "deleted":
            message = (
                f"{path.name} was deleted or moved while open here. Nothing is lost: the "
                "team's work is in this window. Save it again, or save it under a new name."
            )
        else:
            message = (
                f"{path.name} was changed outside this window (another program or person "
                "edited it). Saving has stopped so neither version is lost: reload theirs, "
                "keep ours, or save ours under a new name."
            )
        super().__init__(message, title="Changed outside benchmark-tui")


class LockLost(SaveError):
    """Another window took the session's lock (its lock file was deleted under us)."""


class NeedsConfirmation(BenchmarkError):
    """Save as… would replace an existing file: the caller must ask first."""
