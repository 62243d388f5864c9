"""Text from files and from the team is shown as text: square brackets never crash the wall.

Rich and Textual read ``[bold]``, ``[/]`` and ``[@click=…]`` as markup. A measure, a strength or
a framework title that holds them must show them literally, never style, hide or act on them,
and never raise a markup error.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from benchmark_tui.models import (
    Action,
    Approach,
    Framework,
    Measure,
    PeriodValue,
    Rating,
    ServiceInfo,
    Session,
    TeamMember,
    Workshop,
)
from benchmark_tui.store import bundled_framework_path, load_framework, save_session
from benchmark_tui.tui.screens.characteristic import CharacteristicScreen
from benchmark_tui.tui.screens.results_area import AreaScreen

from .conftest import LARGE
from .screen import flat, screen_text


def framework_with(folder: Path, *, leadership_title: str) -> tuple[Path, Framework]:
    """The bundled framework with Leadership retitled, written to ``folder``."""
    data = yaml.safe_load(bundled_framework_path().read_text(encoding="utf-8"))
    for characteristic in data["characteristics"]["items"]:
        if characteristic["id"] == "leadership":
            characteristic["title"] = leadership_title
    path = folder / "framework.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path, load_framework(path)


async def test_removing_a_measure_with_brackets_in_its_name_says_so_literally(
    make_app, session_file, session
):
    """Del on `Visits per hour [/hr]`: removed, and the notice names it as typed."""
    session.area("outcomes").measures = [Measure(name="Visits per hour [/hr]")]
    app = make_app(session_file("area", "outcomes", "measures"))
    async with app.run_test(size=LARGE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.query_one("#measure-list").focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, AreaScreen)
        assert app.screen.record.measures == []
        assert "Removed Visits per hour [/hr]." in flat(screen_text(app))


async def test_agreeing_a_characteristic_whose_title_has_brackets_says_so_literally(
    make_app, tmp_path
):
    """Ctrl+G on `Leadership [/lead]` (nothing missing): agreed, moved on, title shown as is."""
    framework_path, framework = framework_with(tmp_path, leadership_title="Leadership [/lead]")
    session = Session.new(framework, ServiceInfo(name="Testshire"), Workshop(dates=[date.today()]))
    record = session.record("leadership")
    record.ratings = {e.id: Rating(value=2) for e in framework.elements}
    record.strengths = ["Clear vision", "Visible leaders"]
    record.improvements = ["Succession", "Delegation"]
    session.position.place, session.position.item = "characteristic", "leadership"
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = save_session(session, folder / "s.yaml")
    app = make_app(path, framework_path=framework_path)
    async with app.run_test(size=LARGE, notifications=True) as pilot:
        await pilot.pause()
        assert "Leadership [/lead]" in screen_text(app)
        await pilot.press("ctrl+g", "enter")  # Ctrl+G asks; Enter agrees
        await pilot.pause()
        assert isinstance(app.screen, CharacteristicScreen)
        assert app.screen.characteristic.id == "governance"
        assert "Leadership [/lead]: agreed." in flat(screen_text(app))


async def test_a_session_made_with_a_bracketed_framework_version_opens(
    make_app, session_file, framework
):
    """Framework `version: beta [/]` in the file: the notice shows it; nothing crashes."""
    path = session_file("briefing")
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"version: {framework.version}", "version: beta [/]", 1)
    text = text.replace(framework.content_hash, "sha256:" + "0" * 64, 1)
    path.write_text(text, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=LARGE, notifications=True) as pilot:
        await pilot.pause()
        assert "version beta [/]" in flat(screen_text(app))


HOSTILE = ["[/]", "[bold]x", "[@click=app.quit]q"]
"""Text that Rich or Textual markup would close, style or turn into an action."""


def hostile_framework(folder: Path, value: str) -> tuple[Path, Framework]:
    """The bundled framework with ``value`` in an area's and a characteristic's title and a
    recommended data source."""
    data = yaml.safe_load(bundled_framework_path().read_text(encoding="utf-8"))
    data["results"]["areas"][0]["title"] += f" {value}"
    leadership = data["characteristics"]["items"][0]
    leadership["title"] += f" {value}"
    leadership["data_sources"].append(f"LG Inform {value}")
    path = folder / "framework.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path, load_framework(path)


def hostile_session(framework: Framework, value: str) -> Session:
    """A session with ``value`` in every kind of field the team fills in."""
    v = value
    session = Session.new(
        framework,
        ServiceInfo(name=f"Service {v}", scope="library", library=f"Branch {v}"),
        Workshop(
            dates=[date(2026, 3, 12)],
            facilitator=f"Pat {v}",
            team=[TeamMember(name=f"Sam {v}", role=f"Manager {v}")],
        ),
    )
    area = session.area(framework.areas[0].id)
    area.measures = [
        Measure(
            name=f"Visits {v}",
            values=[PeriodValue(period=f"2023 {v}", value=f"41,200 {v}")],
            trend="stable",
            note=f"Trend note {v}",
        )
    ]
    area.notes = f"Area notes {v}"
    area.strengths = [f"Area strength {v}"]
    area.improvements = [f"Area improvement {v}"]
    record = session.record("leadership")
    record.approaches = [Approach(text=f"Approach {v}", status="planned")]
    record.evidence.summary = f"Evidence {v}"
    record.evidence.sources_reviewed = [f"LG Inform {v}", f"Own survey {v}"]
    record.ratings = {e.id: Rating(value=2, note=f"Note {v}") for e in framework.elements}
    record.strengths = [f"Strength {v}"]
    record.improvements = [f"Improvement {v}"]
    session.plan.actions = [
        Action(
            id=session.plan.next_id(),
            action=f"Action {v}",
            improvement=f"Answers {v}",
            item="leadership",
            owner=f"Owner {v}",
        )
    ]
    return session


@pytest.mark.parametrize("value", HOSTILE)
async def test_markup_in_every_field_is_shown_literally_on_every_screen(make_app, tmp_path, value):
    """Sessions list, briefing, an area's and a characteristic's steps, the overview, the plan,
    help and the dialogs: each shows the bracketed text as typed, and nothing crashes."""
    v = value
    framework_path, framework = hostile_framework(tmp_path, v)
    folder = tmp_path / "sessions"
    folder.mkdir()
    save_session(hostile_session(framework, v), folder / "hostile.yaml")
    app = make_app(framework_path=framework_path, sessions_dir=folder)

    async with app.run_test(size=LARGE, notifications=True) as pilot:

        async def shows(*keys: str, expected: list[str]) -> None:
            await pilot.press(*keys)
            await pilot.pause()
            text = screen_text(app)
            for literal in expected:
                if literal not in text:
                    print(text)
                assert literal in text, (keys, literal)

        top = f"Service {v} · Individual library: Branch {v}"
        await shows(expected=[f"Service {v}"])  # the sessions list
        await shows("enter", expected=[top])  # the briefing
        await shows("pagedown", expected=[f"Desired strategic outcomes {v}"])
        await shows(
            "alt+right",
            expected=[
                f"Visits {v}",
                f"2023 {v}",
                f"41,200 {v}",
                f"Trend note {v}",
                f"Area notes {v}",
            ],
        )
        await shows("tab", "enter", expected=[f"Visits {v}", f"2023 {v}: 41,200 {v}"])
        await shows("escape", "alt+right", expected=[f"Area strength {v}", f"Area improvement {v}"])
        await shows(*["pagedown"] * 4, expected=[f"Leadership {v}", f"LG Inform {v}"])
        await shows("alt+right", expected=[f"Approach {v}  (planned)"])
        await shows("alt+right", expected=[f"Evidence {v}", f"LG Inform {v}"])
        await shows("tab", "end", expected=[f"Own survey {v}"])
        await shows("alt+right", expected=[f"Note: Note {v}"])
        await shows("n", expected=[f"Note {v}", f"Leadership {v}"])  # the note dialog
        await shows("escape", "alt+right", expected=[f"Strength {v}", f"Improvement {v}"])
        await shows("ctrl+g", expected=[f"Has the team agreed on Leadership {v}?"])
        await shows("escape", "f1", expected=["Help"])
        await shows("escape", "ctrl+o", expected=[f"Leadership {v}", f"outcomes {v}"])
        await shows("p", expected=[f"Action {v}", f"owner: Owner {v}", f"1 Leadership {v}"])
        await shows(
            "enter", expected=[f"Action {v}", f"Answers {v}", f"Owner {v}", f"1 Leadership {v}"]
        )
        # Built early (the default asks to wait): the drafts dialog.
        await shows("escape", "s", "right", "enter", expected=[f"Improvement {v}"])
        await shows("escape", expected=[f"Action {v}"])
        assert app.is_running


async def test_a_bracketed_date_in_the_new_session_form_is_named_as_typed(make_app, tmp_path):
    """`[/]` typed as the workshop date: the problem says so literally, on the form and in a
    notice, and the form stays."""
    app = make_app(sessions_dir=tmp_path / "sessions")
    async with app.run_test(size=LARGE, notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#service").focus()
        await pilot.press(*"Testshire")
        dates = app.screen.query_one("#dates")
        dates.value = "[/]"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "'[/]' is not a date" in flat(screen_text(app))
        assert not list(tmp_path.glob("sessions/*.yaml"))


async def test_the_palette_lists_a_bracketed_characteristic_title_literally(make_app, tmp_path):
    """Ctrl+P, `lead`: `Go to 1 Leadership [/lead]` is offered, as written."""
    framework_path, framework = framework_with(tmp_path, leadership_title="Leadership [/lead]")
    session = Session.new(framework, ServiceInfo(name="Testshire"), Workshop(dates=[date.today()]))
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = save_session(session, folder / "s.yaml")
    app = make_app(path, framework_path=framework_path)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"lead")
        for _ in range(200):  # the palette searches in a worker: wait for it, not for a time
            await pilot.pause(0.02)
            if "Go to 1 Leadership [/lead]" in screen_text(app):
                break
        assert "Go to 1 Leadership [/lead]" in screen_text(app)
