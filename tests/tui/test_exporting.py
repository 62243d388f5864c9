"""In the app: Ctrl+E writes the findings document; the palette writes the team's pre-read;
another session's document is never replaced without asking."""

from __future__ import annotations

from docx import Document

from benchmark_tui.export import write_report
from benchmark_tui.models import ServiceInfo, Session, Workshop
from benchmark_tui.tui.screens.dialogs import ChoiceDialog

from .conftest import SMALL


async def finish_export(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text_of(path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


async def test_ctrl_e_writes_the_findings_beside_the_session(make_app, session_file):
    path = session_file("overview")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+e")
        await finish_export(pilot)
    written = path.with_name("testshire-findings.docx")
    assert written.is_file()
    assert "Testshire Libraries" in text_of(written)


async def test_the_palette_writes_the_pre_read(make_app, session_file):
    path = session_file("overview")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        app.action_export_handout()
        await finish_export(pilot)
    written = path.with_name("testshire-pre-read.docx")
    assert written.is_file()
    assert "Leadership" in text_of(written)


async def test_another_sessions_document_is_replaced_only_when_asked(
    make_app, session_file, framework
):
    path = session_file("overview")
    target = path.with_name("testshire-findings.docx")
    other = Session.new(framework, ServiceInfo(name="Othershire"), Workshop())
    write_report(framework, other, target)
    before = target.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+e")
        await finish_export(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert target.read_bytes() == before
        await pilot.click("#choice-replace")
        await finish_export(pilot)
    assert "Testshire Libraries" in text_of(target)
