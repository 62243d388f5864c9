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
import os
import re
import stat
import sys
import zipfile
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark_tui.errors import ExportError
from benchmark_tui.files import MAX_NAME_BYTES, name_too_long, write_atomically
from benchmark_tui.models import Framework, Session
from benchmark_tui.store import slugify

if TYPE_CHECKING:
    from docx.document import Document

REPORT_SUFFIX = ".docx"
_IS_WINDOWS = sys.platform == "win32"
_SAVE_AS_DOCX = "open it in Word and choose File ▸ Save As ▸ Word Document (.docx), then use that"
_OTHER_NAME = "choose a different name (-o OTHER.docx)"

MAX_TEMPLATE_BYTES = 25 * 1024 * 1024
"""The largest template file accepted (25 MB: a council's template with its logos is far less)."""
MAX_TEMPLATE_UNZIPPED = 100 * 1024 * 1024
"""The most a template may hold once unzipped (100 MB), so a "zip bomb" is refused unread."""
MAX_TEMPLATE_PARTS = 1000
"""The most parts (files inside the zip) a template may have; Word's own have about 20."""

_WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_WORD_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_OTHER_WORD_KINDS = {
    "ms-word.document.macroEnabled.main+xml": "a macro-enabled Word document (.docm), whose "
    "macros must not travel into the findings",
    "ms-word.template.macroEnabledTemplate.main+xml": "a macro-enabled Word template (.dotm), "
    "whose macros must not travel into the findings",
}


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
    document = _open_template(Path(template) if template is not None else None)

    generated = (now or datetime.now().astimezone()).date()
    if handout:
        from benchmark_tui.export.handout import build_handout

        build_handout(document, framework, session, generated)
    else:
        from benchmark_tui.export.findings import build_findings

        build_findings(document, framework, session, generated, guidance=guidance)
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
        data = _check_is_word_document(path, _read_template(path))
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
    """The bytes of a council's template, refusing anything that is not a plain, small file.

    A named pipe would block the reader for ever and a device such as ``/dev/zero`` never ends,
    so only regular files under :data:`MAX_TEMPLATE_BYTES` are read.
    """
    leave_out = "or leave out --template to use the built-in one"
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer that never comes.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except FileNotFoundError as err:
        raise ExportError(
            f"{path}: template not found — check the name and folder, {leave_out}.",
            title="Template not found",
        ) from err
    except OSError as err:
        if _is_folder(path):
            raise ExportError(
                f"{path} is a folder, not a Word template — give the path of a .docx file.",
                title="Template not found",
            ) from err
        raise ExportError(
            f"{path}: the template cannot be read ({_os_problem(path, err)}) — check that you "
            f"may open it, or copy it somewhere else first, {leave_out}.",
            title="Template cannot be read",
        ) from err
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise ExportError(
                f"{path} is a folder, not a Word template — give the path of a .docx file.",
                title="Template not found",
            )
        if not stat.S_ISREG(mode):
            raise ExportError(
                f"{path} is not a regular file (it is a device, a pipe or a socket) — give the "
                f"path of a Word document (.docx), {leave_out}.",
                title="Template cannot be read",
            )
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as err:
        raise ExportError(
            f"{path}: the template cannot be read ({_os_problem(path, err)}) — copy it "
            f"somewhere else first, {leave_out}.",
            title="Template cannot be read",
        ) from err
    finally:
        os.close(fd)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ExportError(
            f"{path} is larger than {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB, too large for a "
            f"template — save a copy without the large pictures and use that, {leave_out}.",
            title="Template too large",
        )
    return data


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; False when that cannot even be asked (a name too long)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _os_problem(path: Path, err: OSError) -> str:
    """What the operating system said about ``path``, in words."""
    if err.errno == errno.ENAMETOOLONG or name_too_long(path):
        return f"its name is longer than {MAX_NAME_BYTES} bytes"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "you may not open it, or the folder it is in"
    return err.strerror or str(err)


def _check_is_word_document(path: Path, data: bytes) -> bytes:
    """Refuse anything but a .docx or .dotx, saying what the file is and how to make a .docx.

    The zip is checked before anything is unpacked: at most :data:`MAX_TEMPLATE_PARTS` parts
    and :data:`MAX_TEMPLATE_UNZIPPED` bytes in all, and every XML part well formed without a
    document type declaration (Word never writes one; an entity it defines would be copied into
    the new document undefined, and Word would refuse to open it).

    Returns:
        The template's bytes, ready for python-docx: a Word template (.dotx) is given the
        content type of a document, which is all that tells the two apart.
    """
    problem: str | None = None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        problem = "an old-style Word 97–2003 file (.doc)"
    elif not data.startswith(b"PK"):
        problem = "not a Word document (.docx)"
    else:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                _check_zip_bounds(path, archive)
                names = set(archive.namelist())
                types = (
                    archive.read("[Content_Types].xml").decode("utf-8", "replace")
                    if "[Content_Types].xml" in names
                    else ""
                )
                if _WORD_DOCUMENT in types or _WORD_TEMPLATE in types:
                    _check_xml_parts(path, archive)
        except (zipfile.BadZipFile, OSError, EOFError, KeyError, RuntimeError) as err:
            raise ExportError(
                f"{path} is damaged (not a complete .docx file: {err}) — {_SAVE_AS_DOCX}.",
                title="Template cannot be read",
            ) from err
        if _WORD_TEMPLATE in types and _WORD_DOCUMENT not in types:
            return _as_document(data)
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
    return data


def _check_zip_bounds(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a zip with too many parts or too much inside (a "zip bomb"), before unpacking."""
    parts = archive.infolist()
    unzipped = sum(part.file_size for part in parts)
    if len(parts) > MAX_TEMPLATE_PARTS or unzipped > MAX_TEMPLATE_UNZIPPED:
        what = (
            f"{len(parts)} parts (at most {MAX_TEMPLATE_PARTS})"
            if len(parts) > MAX_TEMPLATE_PARTS
            else f"{unzipped // (1024 * 1024)} MB once unzipped "
            f"(at most {MAX_TEMPLATE_UNZIPPED // (1024 * 1024)} MB)"
        )
        raise ExportError(
            f"{path} holds {what}, far more than a Word template — it is not a template made "
            f"by Word; {_SAVE_AS_DOCX}, or leave out --template to use the built-in one.",
            title="Template cannot be used",
        )


def _check_xml_parts(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse XML parts that are not well formed, or that declare a document type."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    for part in archive.infolist():
        if not part.filename.endswith((".xml", ".rels")):
            continue
        data = archive.read(part)
        problem = ""
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            problem = "declares a document type (DTD), which Word documents never have"
        else:
            try:
                etree.fromstring(data, parser)
            except etree.XMLSyntaxError as err:
                problem = f"is not well-formed XML ({err})"
        if problem:
            raise ExportError(
                f"{path} is damaged: its part {part.filename} {problem} — {_SAVE_AS_DOCX}, or "
                "leave out --template to use the built-in one.",
                title="Template cannot be read",
            )


def _as_document(data: bytes) -> bytes:
    """A Word template (.dotx) repackaged as a document (.docx): only its content type differs."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "[Content_Types].xml":
                content = content.replace(
                    _WORD_TEMPLATE.encode("ascii"), _WORD_DOCUMENT.encode("ascii")
                )
            target.writestr(part, content)
    return out.getvalue()


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
            f"Cannot write {target}: {_os_problem(folder, err)} — choose another folder, or "
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
    if not _is_folder(folder):
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
    raise ExportError(
        f"{target} holds the findings of another session, so it is not replaced — "
        f"{_OTHER_NAME}, or replace it anyway with --force.",
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
