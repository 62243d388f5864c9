"""Fixtures for the Word export tests: exported documents, read back with python-docx."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table

from benchmark_tui.export import write_report
from benchmark_tui.models import Framework, Session
from benchmark_tui.store import read_session

GENERATED = datetime(2026, 3, 20, 10, 0, tzinfo=UTC)
FRONT_MATTER_H2 = [
    "The rating scale",
    "The evaluation matrix",
    "Characteristics: agreed ratings",
    "Results achieved",
    "Findings",
]
"""The level-2 headings of "How to read this report" and "Summary"."""
EXAMPLE_SESSION = (
    Path(__file__).resolve().parents[2] / "sessions" / "example-borough-libraries-2026-03-12.yaml"
)


@dataclass
class Report:
    """An exported findings document, opened again, with ways to look inside it."""

    path: Path
    doc: Document

    def __post_init__(self) -> None:
        self._style_names = {s.style_id: s.name for s in self.doc.styles}

    def style_of(self, paragraph) -> str:
        """The style name of a paragraph ("Normal" when it names none)."""
        return self._style_names.get(paragraph._p.style, "Normal")

    def paragraphs(self, style: str | None = None) -> list[str]:
        """Texts of the body's paragraphs (outside tables), optionally of one style."""
        return [p.text for p in self.doc.paragraphs if style is None or self.style_of(p) == style]

    def headings(self, level: int) -> list[str]:
        return self.paragraphs(f"Heading {level}")

    def item_headings(self) -> list[str]:
        """The level-2 headings of Sections 1 and 2 and after (not those of the front matter)."""
        headings = self.headings(2)
        return headings[headings.index(FRONT_MATTER_H2[-1]) + 1 :]

    def table(self, caption: str) -> Table:
        """The first table whose caption (alt text) starts with ``caption``."""
        return self.tables(caption)[0]

    def tables(self, caption: str) -> list[Table]:
        found = [t for t in self.doc.tables if table_caption(t).startswith(caption)]
        assert found, f"no table captioned {caption!r}"
        return found

    def text(self) -> str:
        """Everything a reader sees in the body: paragraphs and table cells."""
        parts = [p.text for p in self.doc.paragraphs]
        for table in self.doc.tables:
            for row in table.rows:
                parts.extend(cell.text for cell in row.cells)
        return "\n".join(parts)


def table_caption(table: Table) -> str:
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    return caption.get(qn("w:val")) if caption is not None else ""


def cell_fill(cell) -> str | None:
    """The background colour of a table cell, if it has one."""
    tc_pr = cell._tc.tcPr
    shading = tc_pr.find(qn("w:shd")) if tc_pr is not None else None
    return shading.get(qn("w:fill")) if shading is not None else None


def open_report(path: Path) -> Report:
    return Report(path, docx.Document(str(path)))


@pytest.fixture
def export(framework: Framework, tmp_path: Path) -> Callable[..., Report]:
    """Export a session into tmp_path and open the result."""

    def run(session: Session, name: str = "report.docx", **options) -> Report:
        target = tmp_path / name
        written = write_report(framework, session, target, now=GENERATED, **options)
        assert written == target
        return open_report(target)

    return run


@pytest.fixture(scope="session")
def example(framework: Framework) -> Session:
    """The worked example session (shared: copy it before changing anything)."""
    return read_session(EXAMPLE_SESSION, framework).session


@pytest.fixture(scope="session")
def example_report(framework: Framework, example: Session, tmp_path_factory) -> Report:
    """The worked example exported once with the built-in template."""
    target = tmp_path_factory.mktemp("example") / "example.docx"
    write_report(framework, example, target, now=GENERATED)
    return open_report(target)


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    """A copy of the worked example's session file in tmp_path."""
    copy = tmp_path / EXAMPLE_SESSION.name
    shutil.copyfile(EXAMPLE_SESSION, copy)
    return copy


def tiny_png(width: int = 60, height: int = 20, rgb: tuple[int, int, int] = (200, 30, 60)) -> bytes:
    """A small solid-colour PNG, made without an imaging library (a council's "logo")."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def council_template(tmp_path: Path) -> Callable[..., Path]:
    """Build a council's own template: python-docx's blank document minus some styles.

    Custom templates often lack "List Bullet" or "Table Grid"; the header carries a logo and
    the council's name, and the body some text that the export must replace.
    """

    def build(
        *,
        remove: tuple[str, ...] = (),
        header_text: str = "Borough Council — Libraries & Culture",
        name: str = "council.docx",
    ) -> Path:
        document = docx.Document()
        styles = document.styles.element
        for style in list(styles):
            if style.get(qn("w:styleId")) in remove:
                styles.remove(style)
        header = document.sections[0].header.paragraphs[0]
        header.add_run().add_picture(io.BytesIO(tiny_png()))
        if header_text:
            header.add_run(header_text)
        document.add_paragraph("Template body text that the export replaces.")
        path = tmp_path / name
        document.save(str(path))
        return path

    return build


def to_pdf(docx_path: Path) -> Path:
    """The document as LibreOffice renders it, a PDF beside it (LibreOffice with a profile of
    its own, so conversions can run side by side)."""
    folder = docx_path.parent
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / (docx_path.stem + ".pdf")
