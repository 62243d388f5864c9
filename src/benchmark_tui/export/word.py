"""Provides the Word export: the findings document a service circulates after its workshop.

:func:`write_report` opens a template (the one shipped with the package, or a council's own),
writes the document into it and saves it atomically. Every problem a person can fix (a template
that is not a .docx, a document open in Word, a read-only folder) is raised as an
:class:`~benchmark_tui.errors.ExportError` saying what is wrong and what to do.

python-docx is imported only inside :func:`write_report`, so importing this module (and the app
that offers export) costs nothing at start-up.
"""

from __future__ import annotations

import errno
import io
import sys
import zipfile
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark_tui.errors import ExportError
from benchmark_tui.models import Framework, Session
from benchmark_tui.store import slugify, write_atomically

if TYPE_CHECKING:
    from docx.document import Document

REPORT_SUFFIX = ".docx"
_IS_WINDOWS = sys.platform == "win32"
_SAVE_AS_DOCX = "open it in Word and choose File ▸ Save As ▸ Word Document (.docx), then use that"
_OTHER_NAME = "choose a different name (-o OTHER.docx)"

_WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_WORD_KINDS = {
    "wordprocessingml.template.main+xml": "a Word template (.dotx), not a document",
    "ms-word.document.macroEnabled.main+xml": "a macro-enabled Word document (.docm)",
    "ms-word.template.macroEnabledTemplate.main+xml": "a macro-enabled Word template (.dotm)",
}


def default_report_path(session: Session, session_path: Path) -> Path:
    """Where the findings document goes by default: next to the session file.

    Named ``<service>-<first workshop date>-findings.docx``, e.g.
    ``example-borough-libraries-2026-03-12-findings.docx``.
    """
    dates = session.workshop.dates
    day = min(dates) if dates else session.created.date()
    name = f"{slugify(session.service.name)}-{day.isoformat()}-findings{REPORT_SUFFIX}"
    return Path(session_path).parent / name


def write_report(
    framework: Framework,
    session: Session,
    target: Path,
    *,
    template: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """Write the findings document for ``session`` to ``target``.

    The file appears complete or not at all (it is written to a temporary file first), and
    nothing but ``target`` is written: the session file is never touched.

    Args:
        framework: the framework the session is read against.
        session: the session to report; it is only read.
        target: the ``.docx`` file to write (replaced if it exists).
        template: a council's own Word document (.docx) to take styles, header, footer and
            logo from; None uses the template shipped with benchmark-tui.
        now: the time printed as "generated"; defaults to now.

    Returns:
        The path written.

    Raises:
        ExportError: the template is missing or not a usable .docx; the target is open in Word,
            in a folder that does not exist or cannot be written, or not named ``.docx``.
    """
    target = Path(target)
    _check_target(target)
    document = _open_template(Path(template) if template is not None else None)

    from benchmark_tui.export.findings import build_findings

    generated = (now or datetime.now().astimezone()).date()
    build_findings(document, framework, session, generated)
    buffer = io.BytesIO()
    document.save(buffer)
    _save(target, buffer.getvalue())
    return target


# ---------------------------------------------------------------------------------------------
# The template
# ---------------------------------------------------------------------------------------------


def bundled_template() -> bytes:
    """The default template shipped inside the package."""
    try:
        return (resources.files("benchmark_tui.export") / "template.docx").read_bytes()
    except OSError as err:
        raise ExportError(
            "The built-in Word template is missing from this installation — reinstall "
            "benchmark-tui, or pass your own with --template T.docx.",
            title="Template missing",
        ) from err


def _open_template(path: Path | None) -> Document:
    """Open the template as the new document, with its body emptied.

    Styles, headers, footers (with any logo) and the final section's page setup are kept.
    """
    if path is None:
        data = bundled_template()
        where = "the built-in template"
    else:
        data = _read_template(path)
        _check_is_word_document(path, data)
        where = str(path)

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError) as err:
        raise ExportError(
            f"{where} is damaged and cannot be used as a template ({err}) — "
            f"{_SAVE_AS_DOCX}, or leave out --template to use the built-in one.",
            title="Template cannot be read",
        ) from err
    document.element.body.clear_content()
    return document


def _read_template(path: Path) -> bytes:
    if path.is_dir():
        raise ExportError(
            f"{path} is a folder, not a Word template — give the path of a .docx file.",
            title="Template not found",
        )
    try:
        return path.read_bytes()
    except FileNotFoundError as err:
        raise ExportError(
            f"{path}: template not found — check the name and folder, or leave out --template "
            "to use the built-in one.",
            title="Template not found",
        ) from err
    except OSError as err:
        raise ExportError(
            f"{path}: the template cannot be read ({err.strerror or err}) — check that you may "
            "open it, or copy it somewhere else first.",
            title="Template cannot be read",
        ) from err


def _check_is_word_document(path: Path, data: bytes) -> None:
    """Refuse anything but a .docx, saying what the file is and how to make a .docx of it."""
    problem: str | None = None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        problem = "an old-style Word 97–2003 file (.doc)"
    elif not data.startswith(b"PK"):
        problem = "not a Word document (.docx)"
    else:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                types = (
                    archive.read("[Content_Types].xml").decode("utf-8", "replace")
                    if "[Content_Types].xml" in names
                    else ""
                )
        except (zipfile.BadZipFile, OSError, EOFError, KeyError) as err:
            raise ExportError(
                f"{path} is damaged (not a complete .docx file: {err}) — {_SAVE_AS_DOCX}.",
                title="Template cannot be read",
            ) from err
        if _WORD_DOCUMENT not in types:
            problem = next(
                (kind for marker, kind in _OTHER_WORD_KINDS.items() if marker in types),
                "an OpenDocument file (.odt)" if "mimetype" in names else "not a Word document",
            )
    if problem:
        raise ExportError(
            f"{path} is {problem} — {_SAVE_AS_DOCX}.",
            title="Template is not a .docx",
        )


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
    if target.is_dir():
        raise ExportError(f"{target} is a folder — {_OTHER_NAME}.", title="Document not written")
    folder = target.parent
    if not folder.is_dir():
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


def office_lock_file(target: Path) -> Path | None:
    """The lock file Word or LibreOffice keeps beside a document while it is open, if any.

    Word's "owner file" is ``~$`` followed by the name, with its first one or two characters
    dropped for longer names; LibreOffice's is ``.~lock.NAME#``.
    """
    name = target.name
    candidates = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    for candidate in sorted(candidates):
        path = target.with_name(candidate)
        if path.is_file():
            return path
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
        else:
            what = err.strerror or str(err)
        raise ExportError(
            f"Cannot write {target}: {what} — free some space or choose another folder "
            f"(-o OTHER.docx).",
            title="Document not written",
        ) from err
