"""Drive the workshop app with the keyboard, as a facilitator would, and check the saved file."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from benchmark_tui.locks import SessionLock
from benchmark_tui.store import load_session
from benchmark_tui.tui.app import BenchmarkApp
from benchmark_tui.tui.screens.characteristic import CharacteristicScreen
from benchmark_tui.tui.screens.dialogs import ErrorDialog
from benchmark_tui.tui.screens.help import HelpDialog
from benchmark_tui.tui.screens.overview import OverviewScreen
from benchmark_tui.tui.screens.results_area import AreaScreen
from benchmark_tui.tui.screens.start import StartScreen

from .conftest import LARGE, SMALL, reload
from .screen import record_notices


async def type_text(pilot: Pilot, text: str) -> None:
    """Type text key by key, as a person would."""
    keys = {" ": "space", "\n": "enter"}
    await pilot.press(*[keys.get(char, char) for char in text])


async def settle(pilot: Pilot) -> None:
    """Write what is waiting to be saved now and wait for the writer (no fixed pause: the
    debounce is not waited out, it is cut short)."""
    app = pilot.app
    assert isinstance(app, BenchmarkApp)
    await pilot.pause()  # the messages of the last keys are handled
    app.saving.save_pending_now()
    await app.saving.settled()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_walking_a_whole_characteristic_saves_everything(
    make_app, session_file, framework, size
):
    """Approaches, evidence, four ratings with a note, findings, agree: all reach the file."""
    path = session_file("characteristic", "evidence", "understand")
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CharacteristicScreen) and screen.step == "understand"
        await pilot.press("alt+right")
        assert screen.step == "approaches"
        await type_text(pilot, "Needs analysis\n")
        await type_text(pilot, "Dashboard\n")
        await pilot.press("shift+tab")  # to the list, on the item just added
        await pilot.press("p")  # mark it planned
        await pilot.press("alt+right")
        assert screen.step == "evidence"
        await type_text(pilot, "Visits -4%; e-loans +31%.")
        await pilot.press("tab", "space")  # tick the first recommended source
        await pilot.press("alt+right")
        assert screen.step == "matrix"
        await pilot.press("3", "down", "2", "down", "1", "down", "0")
        await pilot.press("up", "n")
        await type_text(pilot, "Rarely acted on\n")
        await pilot.press("alt+right")
        assert screen.step == "findings"
        await type_text(pilot, "Good data\nDashboard used\n")
        await pilot.press("tab")
        await type_text(pilot, "No outcomes\nNo LG Inform\n")
        await pilot.press("ctrl+g", "enter")  # Ctrl+G asks; Enter agrees
        await settle(pilot)
        assert isinstance(app.screen, CharacteristicScreen)
        assert app.screen.characteristic.id == "community"  # moved on to the next one

    record = reload(path, framework).record("evidence")
    assert [(a.text, a.status) for a in record.approaches] == [
        ("Needs analysis", "in-place"),
        ("Dashboard", "planned"),
    ]
    assert record.evidence.summary == "Visits -4%; e-loans +31%."
    first_source = framework.characteristic("evidence").data_sources[0]
    assert record.evidence.sources_reviewed == [first_source]
    assert {e: r.value for e, r in record.ratings.items()} == {
        "plan": 3,
        "do": 2,
        "check-act": 1,
        "impact": 0,
    }
    assert record.ratings["check-act"].note == "Rarely acted on"
    assert record.strengths == ["Good data", "Dashboard used"]
    assert record.improvements == ["No outcomes", "No LG Inform"]
    assert record.state == "agreed"


async def test_number_keys_rate_the_focused_element(make_app, session_file, framework):
    path = session_file("characteristic", "people", "matrix")
    async with make_app(path).run_test(size=SMALL) as pilot:
        await pilot.press("down", "down", "4", "right", "backspace", "up", "left")
        await settle(pilot)
    ratings = reload(path, framework).record("people").ratings
    assert ratings["check-act"].value is None  # rated 4, nudged (stays 4), then cleared
    assert ratings["do"].value == 4  # unrated, nudged down from the top of the scale
    assert ratings["plan"].value is None


async def test_typing_in_a_text_field_never_triggers_a_shortcut(make_app, session_file, framework):
    """Digits, 'n', 'p', '?' and 'a' are keys elsewhere; in a field they are just text."""
    path = session_file("characteristic", "people", "findings")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await type_text(pilot, "n p ? a 3 q\n")
        await settle(pilot)
        assert isinstance(app.screen, CharacteristicScreen)
        assert not isinstance(app.screen, HelpDialog)
    record = reload(path, framework).record("people")
    assert record.strengths == ["n p ? a 3 q"]
    assert record.ratings["plan"].value is None


async def test_text_typed_into_the_evidence_summary_reaches_the_file(
    make_app, session_file, framework
):
    path = session_file("characteristic", "leadership", "evidence")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "Line one\nLine two: it's & 📚")
        await settle(pilot)
        assert "saved" in app.save_status.value.label
    assert reload(path, framework).record("leadership").evidence.summary == (
        "Line one\nLine two: it's & 📚"
    )


async def test_quitting_and_reopening_returns_to_the_same_step(make_app, session_file):
    path = session_file("characteristic", "strategy", "understand")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("alt+right", "alt+right", "alt+right")  # to the matrix
        await pilot.press("ctrl+q")
    again = make_app(path)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, CharacteristicScreen)
        assert (screen.characteristic.id, screen.step) == ("strategy", "matrix")


async def test_page_keys_move_between_items_in_workshop_order(make_app, session_file):
    path = session_file("area", "value-for-money", "findings")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("pagedown")
        assert isinstance(app.screen, CharacteristicScreen)
        assert (app.screen.characteristic.id, app.screen.step) == ("leadership", "understand")
        await pilot.press("pageup")
        assert isinstance(app.screen, AreaScreen)
        assert (app.screen.area.id, app.screen.step) == ("value-for-money", "findings")


async def test_an_unwritable_session_says_so_and_keeps_the_work(
    make_app, session_file, framework, tmp_path
):
    """The folder disappears (a USB stick pulled out): the team is told, nothing is lost."""
    path = session_file("characteristic", "review", "findings")
    folder = path.parent
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        folder.rename(tmp_path / "unplugged")
        await type_text(pilot, "Kept in memory\n")
        await settle(pilot)
        assert app.save_status.value.state == "error"
        assert app.save_status.value.label == "NOT SAVED"
        assert app.session is not None
        assert app.session.record("review").strengths == ["Kept in memory"]
        (tmp_path / "unplugged").rename(folder)  # plugged back in
        await type_text(pilot, "And this\n")
        await settle(pilot)
        assert app.save_status.value.state == "saved"
    assert reload(path, framework).record("review").strengths == ["Kept in memory", "And this"]


async def test_undo_brings_back_a_removed_strength(make_app, session_file, framework, session):
    session.record("people").strengths = ["One", "Two"]
    path = session_file("characteristic", "people", "findings")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("shift+tab")  # from the new-strength box to the list
        await pilot.press("delete")
        await settle(pilot)
        assert reload(path, framework).record("people").strengths == ["Two"]
        await pilot.press("escape", "ctrl+z")
        await settle(pilot)
    assert reload(path, framework).record("people").strengths == ["One", "Two"]


async def test_a_session_open_elsewhere_opens_read_only(make_app, session_file, framework):
    path = session_file("characteristic", "people", "matrix")
    other = SessionLock(path)
    assert other.acquire()
    try:
        app = make_app(path)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            assert app.read_only
            assert app.save_status.value.label == "READ-ONLY"
            await pilot.press("3")
            await settle(pilot)
    finally:
        other.release()
    assert reload(path, framework).record("people").rating_for("plan") is None


async def test_the_start_screen_lists_sessions_and_opens_one(make_app, example_copy):
    app = make_app(sessions_dir=example_copy.parent)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert [s.service for s in app.screen.summaries] == ["Example Borough Libraries"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)  # where the example was left


async def test_a_missing_session_file_gives_a_message_not_a_traceback(make_app, tmp_path):
    app = make_app(tmp_path / "nope.yaml")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "nope.yaml: file not found" in app.screen.message
        await pilot.press("enter")
        assert isinstance(app.screen, StartScreen)


async def test_an_invalid_session_file_gives_its_located_problem(make_app, session_file):
    path = session_file()
    path.write_text(path.read_text(encoding="utf-8").replace("value: null", "value: 9", 1))
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert f"{path}:" in app.screen.message and "0 (Not at all) to 4" in app.screen.message


async def test_new_session_form_creates_the_file_and_opens_the_briefing(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Testshire Libraries\n")
        app.screen.query_one("#scope").value = "library"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("tab")  # from the choice to the box it opened
        await type_text(pilot, "Central Library")
        dates = app.screen.query_one("#dates", Input)
        dates.value = "2026-03-19, 2026-03-12"
        app.screen.query_one("#facilitator", Input).value = "Pat Facilitator"
        app.screen.query_one("#team", TextArea).text = "Sam Branch — Branch manager\nAli, Reader"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "BriefingScreen"
        assert app.session_path is not None
        path = app.session_path
    session = load_session(path, app.framework)  # type: ignore[arg-type]
    assert path.name == "testshire-libraries-2026-03-12.yaml"
    assert session.service.scope_label == "Individual library: Central Library"
    assert [d.isoformat() for d in session.workshop.dates] == ["2026-03-12", "2026-03-19"]
    assert [(m.name, m.role) for m in session.workshop.team] == [
        ("Sam Branch", "Branch manager"),
        ("Ali", "Reader"),
    ]


async def test_new_session_form_explains_what_is_missing(make_app, tmp_path):
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=SMALL) as pilot:

        async def create() -> str:
            await pilot.press("ctrl+s")
            await pilot.pause()
            return str(app.screen.query_one("#problem").render())

        await pilot.press("n")
        problem = await create()
        assert "Name the library service" in problem
        # the line under the form may be below the fold: the same words show as a notice
        assert [n.message for n in notices] == [problem]

        await type_text(pilot, "Riverside Libraries")
        app.screen.query_one("#scope").value = "library"  # type: ignore[attr-defined]
        await pilot.pause()
        app.screen.query_one("#service").focus()
        assert await create() == "Name the library when the scope is an individual library."
        assert app.focused is app.screen.query_one("#library-name")
        assert not (tmp_path / "sessions").exists()


async def test_overview_enter_opens_the_item_under_the_cursor(make_app, example_copy):
    app = make_app(example_copy)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("down", "down", "down", "down", "down", "enter")
        assert isinstance(app.screen, CharacteristicScreen)
        assert app.screen.characteristic.id == "governance"


async def test_plan_suggestions_come_from_the_areas_for_improvement(
    make_app, session_file, framework, session
):
    session.record("review").improvements = ["Run an annual self-assessment"]
    session.area("workforce").no_data_yet = True
    path = session_file("plan")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("s", "right", "enter")  # build it now (early): the drafts, all ticked
        await pilot.press("ctrl+s")  # add them
        await pilot.press("enter")  # edit the first drafted action
        await pilot.pause()
        app.screen.query_one("#owner", Input).value = "Head of Libraries"
        app.screen.query_one("#due", Input).value = "2026-09-30"
        await pilot.press("ctrl+s")
        await settle(pilot)
    actions = reload(path, framework).plan.actions
    assert [(a.item, a.origin) for a in actions] == [
        ("workforce", "no-data"),
        ("review", "improvement"),
    ]
    assert (actions[0].owner, str(actions[0].due)) == ("Head of Libraries", "2026-09-30")


async def test_f1_shows_help_for_the_screen_and_esc_closes_it(make_app, session_file):
    app = make_app(session_file("characteristic", "people", "matrix"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpDialog)
        assert "0–4" in str(app.screen.keys)
        await pilot.press("escape")
        assert isinstance(app.screen, CharacteristicScreen)


async def test_an_unexpected_error_saves_logs_and_shows_no_traceback(
    make_app, session_file, framework, private_profile, capsys
):
    path = session_file("characteristic", "people", "findings")
    app = make_app(path)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=SMALL) as pilot:
            await type_text(pilot, "Typed just before the crash\n")
            app.call_later(lambda: 1 / 0)
            await pilot.pause()
    logs = list((private_profile / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and "ZeroDivisionError" in logs[0].read_text(encoding="utf-8")
    assert reload(path, framework).record("people").strengths == ["Typed just before the crash"]
    message = " ".join(capsys.readouterr().err.split())  # the terminal wraps long paths
    assert "stopped because of an unexpected problem" in message
    assert "Traceback" not in message and "ZeroDivisionError" not in message
    assert str(logs[0]).replace(" ", "") in message.replace(" ", "")


async def test_theme_cycles_and_is_remembered(make_app, session_file):
    app = make_app(session_file())
    async with app.run_test(size=SMALL) as pilot:
        assert app.theme == "projector"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-light"
    from benchmark_tui.settings import load_settings

    assert load_settings().theme == "textual-light"
    assert BenchmarkApp(settings=load_settings()).settings.theme == "textual-light"


async def test_ctrl_e_exports_the_findings_document_next_to_the_session(make_app, example_copy):
    from docx import Document

    app = make_app(example_copy)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = example_copy.with_name("example-borough-libraries-2026-03-12-findings.docx")
    text = "\n".join(p.text for p in Document(str(written)).paragraphs)
    assert "Example Borough Libraries" in text
    assert "Evidence-based decision making" in text


async def test_a_locked_export_offers_another_name(make_app, example_copy):
    """The document is open in Word (its owner file is there): the app asks for a new name."""
    from benchmark_tui.tui.screens.dialogs import PathDialog

    target = example_copy.with_name("example-borough-libraries-2026-03-12-findings.docx")
    target.write_bytes(b"")
    target.with_name("~$" + target.name).write_text("Word lock", encoding="utf-8")
    app = make_app(example_copy)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        assert "Word" in app.screen.message
        await pilot.press("enter")  # accept the suggested name
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert target.read_bytes() == b""  # the locked file was left alone
    assert target.with_name(f"{target.stem}-2.docx").stat().st_size > 10_000


async def test_drafted_actions_can_be_left_out(make_app, session_file, framework, session):
    session.record("review").improvements = ["First", "Second"]
    path = session_file("plan")
    async with make_app(path).run_test(size=SMALL) as pilot:
        # Build it now (early), untick the first draft, add the rest.
        await pilot.press("s", "right", "enter", "space", "ctrl+s")
        await settle(pilot)
    assert [a.improvement for a in reload(path, framework).plan.actions] == ["Second"]
