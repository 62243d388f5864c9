"""Templates and paths that must be refused quickly and plainly (issue 11).

A named pipe, ``/dev/zero``, a zip bomb, a template whose XML declares its own entities, a
name too long for the file system, a read-only document, a folder that cannot be opened: each
is an ExportError naming the file and saying what to do, and through the command line exit
status 2 with that sentence on stderr, never a traceback. Cases that could hang run in a thread
with a timeout far above normal, only to catch a hang.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from benchmark_tui.cli import main
from benchmark_tui.errors import ExportError
from benchmark_tui.export import target as targets
from benchmark_tui.export import template as templates
from benchmark_tui.export import write_report

from .conftest import GENERATED

HANG = 60
"""Seconds after which a refusal that should be immediate counts as a hang."""
BLANK = Path(docx.__file__).parent / "templates" / "default.docx"


def refused(call: Callable[[], object]) -> ExportError:
    """Run ``call`` in a thread; it must raise ExportError, and not hang."""
    outcome: list[BaseException | object] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as err:  # noqa: BLE001 (handed back to the test thread)
            outcome.append(err)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG)
    assert not thread.is_alive(), "the export hung"
    assert outcome and isinstance(outcome[0], ExportError), outcome
    return outcome[0]


def rezip(target: Path, change: Callable[[str, bytes], bytes], extra: int = 0) -> Path:
    """python-docx's blank document with its parts changed, and ``extra`` empty parts added."""
    with zipfile.ZipFile(BLANK) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            copy.writestr(item, change(item.filename, original.read(item.filename)))
        for n in range(extra):
            copy.writestr(f"extra/part{n}.xml", "<a/>")
    return target


def with_header(tmp_path: Path, text: str) -> Path:
    """A template whose header holds ``text`` (raw XML), as a council might have it."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].add_run("Council XHEADERX")
    source = tmp_path / "source.docx"
    document.save(str(source))
    target = tmp_path / "council.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename.startswith("word/header"):
                data = data.replace(b"Council XHEADERX", text.encode())
                if b"&council;" in data:
                    data = data.replace(
                        b"?>", b'?>\n<!DOCTYPE w:hdr [<!ENTITY council "Borough">]>', 1
                    )
            copy.writestr(item, data)
    return target


def export_with(framework, session, tmp_path: Path, template: Path) -> ExportError:
    target = tmp_path / "out.docx"
    err = refused(
        lambda: write_report(framework, session, target, template=template, now=GENERATED)
    )
    assert str(template) in err.message
    assert not target.exists()
    return err


# --- templates -------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_as_template_is_refused_without_waiting(framework, session, tmp_path):
    pipe = tmp_path / "council.docx"
    os.mkfifo(pipe)
    err = export_with(framework, session, tmp_path, pipe)
    assert "is not a regular file" in err.message
    assert "leave out --template" in err.message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_as_template_is_refused_without_reading_it(framework, session, tmp_path):
    err = export_with(framework, session, tmp_path, Path("/dev/zero"))
    assert "is not a regular file" in err.message


def test_a_template_larger_than_the_limit_is_refused_unread(framework, session, tmp_path):
    big = tmp_path / "huge.docx"
    with big.open("wb") as stream:
        stream.write(BLANK.read_bytes())
        stream.truncate(templates.MAX_TEMPLATE_BYTES + 1)  # sparse: nothing is really written
    err = export_with(framework, session, tmp_path, big)
    assert "is larger than 25 MB" in err.message


def test_a_zip_bomb_is_refused_before_it_is_unpacked(framework, session, tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.docx"
    zeros = b"\0" * (4 * 1024 * 1024)
    with zipfile.ZipFile(BLANK) as original, zipfile.ZipFile(bomb, "w") as copy:
        for item in original.infolist():
            copy.writestr(item, original.read(item.filename))
        copy.writestr("word/media/zeros.bin", zeros, compress_type=zipfile.ZIP_DEFLATED)
    assert bomb.stat().st_size < 100_000  # 4 MB of zeros squeezed into a few KB
    monkeypatch.setattr(templates, "MAX_TEMPLATE_UNZIPPED", 3 * 1024 * 1024)
    err = export_with(framework, session, tmp_path, bomb)
    assert "MB once unzipped (at most 3 MB)" in err.message


def test_a_zip_of_thousands_of_parts_is_refused(framework, session, tmp_path):
    many = rezip(
        tmp_path / "many.docx", lambda _name, data: data, extra=templates.MAX_TEMPLATE_PARTS
    )
    err = export_with(framework, session, tmp_path, many)
    assert f"parts (at most {templates.MAX_TEMPLATE_PARTS})" in err.message


def test_the_limits_leave_room_for_real_templates():
    assert 5 * 1024 * 1024 <= templates.MAX_TEMPLATE_BYTES <= templates.MAX_TEMPLATE_UNZIPPED
    assert templates.MAX_TEMPLATE_UNZIPPED <= 200 * 1024 * 1024
    assert 100 <= templates.MAX_TEMPLATE_PARTS <= 5000


def test_a_header_whose_entity_is_defined_by_a_dtd_is_refused(framework, session, tmp_path):
    template = with_header(tmp_path, "&council;")
    err = export_with(framework, session, tmp_path, template)
    assert "word/header" in err.message and "document type (DTD)" in err.message


def test_an_undefined_entity_in_a_part_python_docx_never_parses_is_refused(
    framework, session, tmp_path
):
    def spoil(name: str, data: bytes) -> bytes:
        return (
            data.replace(b"/>", b">&nbsp;</w:optimizeForBrowser>", 1)
            if (name == "word/webSettings.xml")
            else data
        )

    template = rezip(tmp_path / "council.docx", spoil)
    assert b"&nbsp;" in zipfile.ZipFile(template).read("word/webSettings.xml")
    err = export_with(framework, session, tmp_path, template)
    assert "word/webSettings.xml is not well-formed XML" in err.message


def test_an_ordinary_header_still_works(framework, session, tmp_path):
    template = with_header(tmp_path, "Borough Council &amp; Libraries")
    target = tmp_path / "ok.docx"
    write_report(framework, session, target, template=template, now=GENERATED)
    header = docx.Document(str(target)).sections[0].header
    assert header.paragraphs[0].text == "Borough Council & Libraries\u2003DRAFT"


def test_a_template_name_over_255_bytes_is_explained(framework, session, tmp_path):
    err = export_with(framework, session, tmp_path, tmp_path / ("t" * 300 + ".docx"))
    assert "template" in err.message and ("not found" in err.message or "255" in err.message)


# --- the document written --------------------------------------------------------------------


def test_a_document_name_over_255_bytes_is_refused_before_any_work(framework, session, tmp_path):
    target = tmp_path / ("é" * 130 + ".docx")  # 130 characters, 260 bytes
    err = refused(lambda: write_report(framework, session, target, now=GENERATED))
    assert "the name is longer than the 255 bytes" in err.message
    assert "choose a shorter name (-o OTHER.docx)" in err.message


def test_a_read_only_document_is_not_replaced(framework, session, tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"the signed-off version")
    target.chmod(stat.S_IREAD)
    try:
        err = refused(lambda: write_report(framework, session, target, now=GENERATED))
    finally:
        target.chmod(stat.S_IREAD | stat.S_IWRITE)
    assert f"Cannot write {target}: the file is read-only" in err.message
    assert "make it writable" in err.message
    assert target.read_bytes() == b"the signed-off version"


def deny_under(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Act as if ``folder`` could not be opened (as without the right to enter it).

    Tests may run as an administrator, for whom permissions change nothing, so the refusal is
    made where the operating system would make it.
    """
    real_stat, real_open, real_mkstemp = os.stat, os.open, targets.write_atomically

    def inside(path: object) -> bool:
        return str(folder) in os.fspath(path)  # type: ignore[arg-type]

    def stat_(path, *args, **kwargs):
        if inside(path) and os.fspath(path) != str(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    def open_(path, *args, **kwargs):
        if inside(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    def write(path, data, **kwargs):
        if inside(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_mkstemp(path, data, **kwargs)

    monkeypatch.setattr(os, "stat", stat_)
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(targets, "write_atomically", write)


def test_a_folder_that_cannot_be_opened_is_explained(framework, session, tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    deny_under(locked, monkeypatch)
    err = refused(lambda: write_report(framework, session, locked / "out.docx", now=GENERATED))
    assert f"Cannot write {locked / 'out.docx'}" in err.message
    assert "you may not open it" in err.message and "choose another folder" in err.message


def test_a_template_in_a_folder_that_cannot_be_opened_is_explained(
    framework, session, tmp_path, monkeypatch
):
    locked = tmp_path / "locked"
    locked.mkdir()
    deny_under(locked, monkeypatch)
    err = export_with(framework, session, tmp_path, locked / "council.docx")
    assert "the template cannot be read (permission denied: you may not open it" in err.message


# --- the same through the command line -------------------------------------------------------


def cli_refuses(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run ``benchmark-tui export``; it must exit 2 with one sentence on stderr."""
    code: list[int] = []
    thread = threading.Thread(target=lambda: code.append(main(["export", *args])), daemon=True)
    thread.start()
    thread.join(HANG)
    assert not thread.is_alive(), "export hung"
    captured = capsys.readouterr()
    assert code == [2], captured.err
    assert captured.out == ""
    assert captured.err.startswith("benchmark-tui: ")
    assert "Traceback" not in captured.err
    return captured.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_cli_a_named_pipe_template_exits_2(example_file, tmp_path, capsys):
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    err = cli_refuses([str(example_file), "--template", str(pipe)], capsys)
    assert f"{pipe} is not a regular file" in err


def test_cli_a_long_output_name_exits_2(example_file, tmp_path, capsys):
    err = cli_refuses([str(example_file), "-o", str(tmp_path / ("a" * 300 + ".docx"))], capsys)
    assert "the name is longer than the 255 bytes" in err


def test_cli_a_read_only_output_exits_2(example_file, tmp_path, capsys):
    target = tmp_path / "out.docx"
    target.write_bytes(b"final")
    target.chmod(stat.S_IREAD)
    try:
        err = cli_refuses([str(example_file), "-o", str(target)], capsys)
    finally:
        target.chmod(stat.S_IREAD | stat.S_IWRITE)
    assert "the file is read-only" in err


def test_cli_a_long_session_name_exits_2(tmp_path, capsys):
    err = cli_refuses([str(tmp_path / ("s" * 300 + ".yaml"))], capsys)
    assert "s" * 40 in err


def test_cli_a_zip_bomb_template_exits_2(example_file, tmp_path, capsys):
    many = rezip(
        tmp_path / "many.docx", lambda _name, data: data, extra=templates.MAX_TEMPLATE_PARTS
    )
    err = cli_refuses([str(example_file), "--template", str(many)], capsys)
    assert "far more than a Word template" in err


@pytest.mark.skipif(sys.platform == "win32", reason="the bundled zip is read the same way")
def test_the_bundled_template_is_within_every_limit():
    data = templates.bundled_template()
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert len(data) < templates.MAX_TEMPLATE_BYTES
    assert len(archive.infolist()) < templates.MAX_TEMPLATE_PARTS


def test_cli_a_session_in_a_folder_that_cannot_be_opened_exits_2(
    example_file, tmp_path, monkeypatch, capsys
):
    locked = tmp_path / "locked"
    locked.mkdir()
    session = locked / example_file.name
    session.write_bytes(example_file.read_bytes())
    deny_under(locked, monkeypatch)
    err = cli_refuses([str(session), "-o", str(tmp_path / "out.docx")], capsys)
    assert str(session) in err
