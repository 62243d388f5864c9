"""Provides the Word export: the findings document a service circulates after its workshop.

:func:`write_report` opens a template (the one shipped with the package, or a council's own,
through :mod:`~benchmark_tui.export.template`), writes the findings or the pre-read into it,
and saves it atomically. Every problem a person can fix (a template
that is not a .docx, a document open in Word, a read-only folder) is raised as an
:class:`~benchmark_tui.errors.ExportError` saying what is wrong and what to do.

python-docx is imported only inside :func:`write_report`, so importing this module (and the app
that offers export) costs nothing at start-up.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark_tui.errors import ExportError, OtherSessionsDocument
from benchmark_tui.export.template import (
    MAX_TEMPLATE_BYTES,
    is_folder,
    open_template,
    os_problem,
)
from benchmark_tui.files import (
    MAX_NAME_BYTES,
    name_too_long,
    windows_name_problem,
    write_atomically,
)
from benchmark_tui.models import Framework, Session
from benchmark_tui.store import slugify

if TYPE_CHECKING:
    pass

REPORT_SUFFIX = ".docx"
_IS_WINDOWS = sys.platform == "win32"
_OTHER_NAME = "choose a different name (-o OTHER.docx)"


def default_report_path(session: Session, session_path: Path, *, handout: bool = False) -> Path:
    """Where the findings document (or the pre-read) goes by default: next to the session file.

    Named after the session file, so two sessions never share a document:
    ``ours.yaml`` gives ``ours-findings.docx`` (and ``ours-pre-read.docx``). A name too long for
    the file system is shortened. ``session`` is used only when the file has no usable name.
    """
    session_path = Path(session_path)
    suffix = ("-pre-read" if handout else "-findings") + REPORT_SUFFIX
    stem = session_path.stem if session_path.name else ""
    if not stem.strip(". "):
        stem = slugify(session.service.name)
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    while len(stem.encode("utf-8", "surrogateescape")) > room:
        stem = stem[:-1]
    return session_path.parent / f"{stem}{suffix}"


MARK_PREFIX = "benchmark-tui session "
"""Starts the identifier written into each document's properties, naming its session."""


def document_mark(session: Session) -> str:
    """The identifier a document made from ``session`` carries (File ▸ Properties).

    It names the session by its service and the moment it was created, which never change,
    so exporting again can tell a document of this session from one of another.
    """
    import hashlib

    key = f"{session.service.name}\n{session.created.isoformat()}".encode()
    return MARK_PREFIX + hashlib.sha256(key).hexdigest()[:16]


def write_report(
    framework: Framework,
    session: Session,
    target: Path,
    *,
    template: Path | None = None,
    now: datetime | None = None,
    handout: bool = False,
    replace: bool = False,
    guidance: bool = False,
    previous: Session | None = None,
) -> Path:
    """Write the findings document (or the pre-read) for ``session`` to ``target``.

    The file appears complete or not at all (it is written to a temporary file first), and
    nothing but ``target`` is written: the session file is never touched.

    Args:
        framework: the framework the session is read against.
        session: the session to report; it is only read.
        target: the ``.docx`` file to write (replaced if it exists).
        template: a council's own Word document (.docx) to take styles, header, footer and
            logo from; None uses the template shipped with benchmark-tui.
        now: the time printed as "generated"; defaults to now.
        handout: write the pre-read for the team (the framework, the briefing and the
            measures so far) instead of the findings.
        replace: replace ``target`` even if it is a document made from another session
            (otherwise that is refused, so one session's export never overwrites another's).
        guidance: print the framework's relevant guidance documentation and recommended data
            sources beside each characteristic of the findings (the pre-read always has them).
        previous: the self-assessment ``session`` follows on from, if it could be read: the
            findings then have a section "Since the last self-assessment".

    Returns:
        The path written.

    Raises:
        ExportError: the template is missing or not a usable .docx; the target is open in Word,
            in a folder that does not exist or cannot be written, or not named ``.docx``, or
            it is a document made from another session and ``replace`` is False.
    """
    target = Path(target)
    _check_target(target)
    if not replace:
        _check_same_session(target, session)
    document = open_template(Path(template) if template is not None else None)

    generated = (now or datetime.now().astimezone()).date()
    if handout:
        from benchmark_tui.export.handout import build_handout

        build_handout(document, framework, session, generated)
    else:
        from benchmark_tui.export.findings import build_findings

        build_findings(
            document, framework, session, generated, guidance=guidance, previous=previous
        )
    buffer = io.BytesIO()
    document.save(buffer)
    _save(target, buffer.getvalue())
    return target


# ---------------------------------------------------------------------------------------------
# The target file
# ---------------------------------------------------------------------------------------------


def _check_target(target: Path) -> None:
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
            f"Cannot write {target}: {os_problem(folder, err)} — choose another folder, or "
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


def _check_same_session(target: Path, session: Session) -> None:
    """Refuse to replace a document that says it was made from another session."""
    found = document_mark_of(target)
    if found is None or found == document_mark(session):
        return
    raise OtherSessionsDocument(
        f"{target} holds the findings of another session, so it is not replaced — "
        f"{_OTHER_NAME}, or replace it anyway (on the command line: --force).",
        title="Another session's document",
    )


def document_mark_of(path: Path) -> str | None:
    """The session mark a benchmark-tui document carries, if ``path`` is one (else None).

    Reads only the small properties part, and only of a regular file of sensible size.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TEMPLATE_BYTES:
            return None
        with zipfile.ZipFile(path) as archive:
            part = archive.getinfo("docProps/core.xml")
            if part.file_size > 1024 * 1024:
                return None
            text = archive.read(part).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, EOFError, RuntimeError, ValueError):
        return None
    match = re.search(r"<dc:identifier>([^<]*)</dc:identifier>", text)
    if match is None or not match.group(1).startswith(MARK_PREFIX):
        return None
    return match.group(1)


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


def _save(target: Path, data: bytes) -> None:
    try:
        write_atomically(target, data)
    except PermissionError as err:
        if _IS_WINDOWS and target.exists():
            # Windows refuses to replace a file another program holds open.
            raise ExportError(
                f"Cannot write {target}: it is open in another program (probably Word) — "
                f"close it in Word, or {_OTHER_NAME}.",
                title="The document is open",
            ) from err
        raise ExportError(
            f"Cannot write {target}: the folder {target.parent} is read-only or you may not "
            f"write there — choose another folder, or {_OTHER_NAME}.",
            title="Document not written",
        ) from err
    except OSError as err:
        if err.errno == errno.ENOSPC:
            what = f"the disk holding {target.parent} is full"
        elif err.errno == errno.ENOENT:
            what = f"the folder {target.parent} no longer exists (was a USB stick removed?)"
        elif err.errno == errno.EROFS:
            what = f"{target.parent} is on a read-only disk"
        elif err.errno == errno.ENAMETOOLONG:
            what = "the name, or the path of its folder, is too long"
        else:
            what = err.strerror or str(err)
        raise ExportError(
            f"Cannot write {target}: {what} — free some space or choose another folder "
            f"(-o OTHER.docx).",
            title="Document not written",
        ) from err
