"""Provides the checks and the write of a document's file: the target a document goes to.

Every problem a person can fix (a name not ending in .docx, a document open in Word, a
read-only file or folder, a full disk, another session's document) is an
:class:`~benchmark_tui.errors.ExportError` saying what is wrong and what to do. The findings,
the pre-read and the comparison report are all written through :func:`save_document`.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import unicodedata
from pathlib import Path

from benchmark_tui.errors import ExportError, OtherSessionsDocument
from benchmark_tui.export.identity import document_mark, document_mark_of
from benchmark_tui.export.template import is_folder
from benchmark_tui.files import (
    MAX_NAME_BYTES,
    name_too_long,
    windows_name_problem,
    write_atomically,
)
from benchmark_tui.models import Session
from benchmark_tui.os_errors import explain_write_error, os_problem

REPORT_SUFFIX = ".docx"
_IS_WINDOWS = sys.platform == "win32"
_OTHER_NAME = "choose a different name (-o OTHER.docx)"


def file_stem(text: str) -> str:
    """A file-name-safe stem for a service's name: ``Example Borough`` → ``example-borough``.

    The same rule as the session files' names (``store.slugify``), kept here so that the
    export never imports the store.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or "session"


def check_target(target: Path) -> None:
    """Fail early, before any work, when the document could not be written."""
    if target.suffix.lower() != REPORT_SUFFIX:
        raise ExportError(
            f"{target}: the findings document is a Word file and its name must end in .docx — "
            f"{_OTHER_NAME}.",
            title="Not a .docx name",
        )
    problem = windows_name_problem(target.name)
    if problem is not None:
        raise ExportError(
            f"Cannot write {target}: {problem} — {_OTHER_NAME}.", title="Choose another name"
        )
    if name_too_long(target):
        raise ExportError(
            f"Cannot write {target}: the name is longer than the {MAX_NAME_BYTES} bytes file "
            f"systems accept — {_OTHER_NAME.replace('a different', 'a shorter')}.",
            title="Name too long",
        )
    folder = target.parent
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as err:
        raise ExportError(
            f"Cannot write {target}: {os_problem(err, folder)} — choose another folder, or "
            f"{_OTHER_NAME}.",
            title="Document not written",
        ) from err
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise ExportError(f"{target} is a folder — {_OTHER_NAME}.", title="Document not written")
    if existing is not None and not existing.st_mode & stat.S_IWUSR:
        raise ExportError(
            f"Cannot write {target}: the file is read-only — make it writable (in Explorer or "
            f"Finder: Properties ▸ untick Read-only), or {_OTHER_NAME}.",
            title="Document is read-only",
        )
    if not is_folder(folder):
        raise ExportError(
            f"Cannot write {target}: the folder {folder} does not exist — create it, or "
            f"{_OTHER_NAME}.",
            title="Document not written",
        )
    lock = office_lock_file(target)
    if lock is not None:
        raise ExportError(
            f"{target} is open in {'LibreOffice' if lock.name.startswith('.~lock') else 'Word'} "
            f"(its lock file {lock.name} is next to it) — close it there, or {_OTHER_NAME}.",
            title="The document is open",
        )


def check_same_session(target: Path, session: Session) -> None:
    """Refuse to replace a document that says it was made from another session."""
    found = document_mark_of(target)
    if found is None or found == document_mark(session):
        return
    raise OtherSessionsDocument(
        f"{target} holds the findings of another session, so it is not replaced — "
        f"{_OTHER_NAME}, or replace it anyway (on the command line: --force).",
        title="Another session's document",
    )


def office_lock_file(target: Path) -> Path | None:
    """The lock file Word or LibreOffice keeps beside a document while it is open, if any.

    Word's "owner file" is ``~$`` followed by the name, with its first one or two characters
    dropped for longer names; LibreOffice's is ``.~lock.NAME#``.
    """
    name = target.name
    candidates = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    for candidate in sorted(candidates):
        path = target.with_name(candidate)
        try:
            if path.is_file():
                return path
        except OSError:  # a lock-file name over the length limit: no such file
            continue
    return None


def save_document(target: Path, data: bytes) -> None:
    """Write a document's bytes to ``target`` at once (never half a file); a refusal is said
    in the words of :func:`~benchmark_tui.os_errors.explain_write_error`."""
    try:
        write_atomically(target, data)
    except OSError as err:
        if _IS_WINDOWS and isinstance(err, PermissionError) and target.exists():
            # Windows refuses to replace a file another program holds open: a document, Word.
            raise ExportError(
                f"Cannot write {target}: it is open in another program (probably Word) — "
                f"close it in Word, or {_OTHER_NAME}.",
                title="The document is open",
            ) from err
        raise ExportError(
            f"Not written: {explain_write_error(err, target, what='the document')} — or "
            f"{_OTHER_NAME}.",
            title="Document not written",
        ) from err
