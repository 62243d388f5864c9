"""Provides the template a document is written into: the built-in one, or a council's own.

A council's template is read with care, because anything can be given as ``--template``: only a
regular file under :data:`MAX_TEMPLATE_BYTES` is read (a named pipe or ``/dev/zero`` would hang
the reader), its zip is bounded in parts and unzipped size (a "zip bomb" is refused unread),
and every XML part must be well formed without a document type declaration. A Word template
(.dotx) is accepted; macro-enabled files are refused. Each refusal is an
:class:`~benchmark_tui.errors.ExportError` naming the file and saying what to do.

python-docx is imported only when a template is opened.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark_tui.errors import ExportError
from benchmark_tui.os_errors import os_problem

if TYPE_CHECKING:
    from docx.document import Document

SAVE_AS_DOCX = "open it in Word and choose File ▸ Save As ▸ Word Document (.docx), then use that"
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


def open_template(path: Path | None) -> Document:
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
            f"{SAVE_AS_DOCX}, or leave out --template to use the built-in one.",
            title="Template cannot be read",
        ) from err
    _empty_body(document)
    return document


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _empty_body(document: Document) -> None:
    """Empty the template's body, keeping its cover section if it has one.

    A cover is a first section (ending in a section break) that holds content controls bound
    to the document's properties, or a Word "Cover Pages" building block: the council's own
    title page, which the document's properties then fill.
    """
    body = document.element.body
    cover_end = None
    for child in body:
        if child.tag == f"{_W}p" and child.find(f"{_W}pPr/{_W}sectPr") is not None:
            cover_end = child
            break
    if cover_end is not None and has_cover_content(body, cover_end):
        remove = False
        for child in list(body):
            if remove and child.tag != f"{_W}sectPr":
                body.remove(child)
            if child is cover_end:
                remove = True
        return
    body.clear_content()


def has_cover_content(body: object, end: object) -> bool:
    """Whether the body's elements up to ``end`` are a cover (bound controls, a cover block)."""
    for child in body:  # type: ignore[attr-defined]
        for sdt in child.iter(f"{_W}sdt"):
            if sdt.find(f"{_W}sdtPr/{_W}dataBinding") is not None:
                return True
            gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
            if gallery is not None and gallery.get(f"{_W}val") == "Cover Pages":
                return True
        if child is end:
            break
    return False


def has_cover(document: Document) -> bool:
    """Whether the document starts with a council's cover section kept from its template."""
    body = document.element.body
    for child in body:
        if child.tag == f"{_W}p" and child.find(f"{_W}pPr/{_W}sectPr") is not None:
            return has_cover_content(body, child)
    return False


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
        if is_folder(path):
            raise ExportError(
                f"{path} is a folder, not a Word template — give the path of a .docx file.",
                title="Template not found",
            ) from err
        raise ExportError(
            f"{path}: the template cannot be read ({os_problem(err, path)}) — check that you "
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
            f"{path}: the template cannot be read ({os_problem(err, path)}) — copy it "
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


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; False when that cannot even be asked (a name too long)."""
    try:
        return path.is_dir()
    except OSError:
        return False


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
                f"{path} is damaged (not a complete .docx file: {err}) — {SAVE_AS_DOCX}.",
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
            f"{path} is {problem} — {SAVE_AS_DOCX}.",
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
            f"by Word; {SAVE_AS_DOCX}, or leave out --template to use the built-in one.",
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
                f"{path} is damaged: its part {part.filename} {problem} — {SAVE_AS_DOCX}, or "
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
