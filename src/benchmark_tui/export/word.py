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

import io
from datetime import datetime
from pathlib import Path

from benchmark_tui.export.identity import MARK_PREFIX, document_mark, document_mark_of
from benchmark_tui.export.target import (
    REPORT_SUFFIX,
    check_same_session,
    check_target,
    file_stem,
    office_lock_file,
    save_document,
)
from benchmark_tui.export.template import open_template
from benchmark_tui.files import MAX_NAME_BYTES
from benchmark_tui.models import Framework, Session

__all__ = [
    "MARK_PREFIX",
    "REPORT_SUFFIX",
    "default_report_path",
    "document_mark",
    "document_mark_of",
    "office_lock_file",
    "write_report",
]
"""The marks and the lock-file check live in :mod:`.identity` and :mod:`.target`; they are
named here too, where callers have always found them."""


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
        stem = file_stem(session.service.name)
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    while len(stem.encode("utf-8", "surrogateescape")) > room:
        stem = stem[:-1]
    return session_path.parent / f"{stem}{suffix}"


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
    with_framework: bool = False,
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
        handout: write the pre-read for the team (at most six pages: the day's purpose and
            agenda, what to bring, the scale and the matrix, each characteristic) instead
            of the findings.
        replace: replace ``target`` even if it is a document made from another session
            (otherwise that is refused, so one session's export never overwrites another's).
        guidance: print the framework's relevant guidance documentation and recommended data
            sources beside each characteristic of the findings (the pre-read always has them).
        previous: the self-assessment ``session`` follows on from, if it could be read: the
            findings then have a section "Since the last self-assessment", and the pre-read
            last year's ratings and what became of last year's plan.
        with_framework: add the framework's full text to the pre-read, as an appendix.

    Returns:
        The path written.

    Raises:
        ExportError: the template is missing or not a usable .docx; the target is open in Word,
            in a folder that does not exist or cannot be written, or not named ``.docx``, or
            it is a document made from another session and ``replace`` is False.
    """
    target = Path(target)
    check_target(target)
    if not replace:
        check_same_session(target, session)
    template_path = Path(template) if template is not None else None
    generated = (now or datetime.now().astimezone()).date()
    if handout:
        from benchmark_tui.export.handout import write_handout

        document = write_handout(
            lambda: open_template(template_path),
            framework,
            session,
            generated,
            previous=previous,
            with_framework=with_framework,
        )
    else:
        from benchmark_tui.export.findings import build_findings

        document = open_template(template_path)
        build_findings(
            document, framework, session, generated, guidance=guidance, previous=previous
        )
    buffer = io.BytesIO()
    document.save(buffer)
    save_document(target, buffer.getvalue())
    return target
