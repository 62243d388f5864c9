"""Provides the mark each document carries in its properties, naming the session it is from.

Exporting again can then tell a document of this session from one of another, and refuse to
replace the latter (:func:`benchmark_tui.export.target.check_same_session`). Nothing here
imports python-docx: the mark is read straight from the file's small properties part.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
from pathlib import Path

from benchmark_tui.export.template import MAX_TEMPLATE_BYTES
from benchmark_tui.models import Session

MARK_PREFIX = "benchmark-tui session "
"""Starts the identifier written into each document's properties, naming its session."""


def document_mark(session: Session) -> str:
    """The identifier a document made from ``session`` carries (File ▸ Properties).

    It names the session by its service and the moment it was created, which never change,
    so exporting again can tell a document of this session from one of another.
    """
    key = f"{session.service.name}\n{session.created.isoformat()}".encode()
    return MARK_PREFIX + hashlib.sha256(key).hexdigest()[:16]


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
