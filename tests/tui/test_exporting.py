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


async def test_the_export_says_when_text_typed_and_not_sent_is_not_in_the_document(
    make_app, session_file
):
    from .screen import flat, record_notices
    from .test_app import type_text

    path = session_file("characteristic", "leadership", "approaches")
    app = make_app(path)
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await type_text(pilot, "Walkabouts")
        await pilot.press("ctrl+e")
        await finish_export(pilot)
    said = " | ".join(flat(n.message) for n in notices)
    assert (
        "Not in it: text typed and not yet added or saved in Leadership (add it, then export "
        "again)." in said
    )
    assert "Walkabouts" not in text_of(path.with_name("testshire-findings.docx"))


async def test_an_export_with_nothing_waiting_says_only_where_it_is(make_app, session_file):
    from .screen import flat, record_notices

    app = make_app(session_file("overview"))
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+e")
        await finish_export(pilot)
    said = " | ".join(flat(n.message) for n in notices)
    assert "Written: testshire-findings.docx" in said and "Not in it" not in said
