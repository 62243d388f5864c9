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
    Framework,
    Measure,
    Rating,
    ServiceInfo,
    Session,
    Workshop,
)
from benchmark_tui.store import bundled_framework_path, load_framework, save_session
from benchmark_tui.tui.screens.characteristic import CharacteristicScreen
from benchmark_tui.tui.screens.results_area import AreaScreen

from .conftest import LARGE
from .screen import screen_text


def framework_with(folder: Path, *, leadership_title: str) -> tuple[Path, Framework]:
    """The bundled framework with Leadership retitled, written to ``folder``."""
    data = yaml.safe_load(bundled_framework_path().read_text(encoding="utf-8"))
    for characteristic in data["characteristics"]["items"]:
        if characteristic["id"] == "leadership":
            characteristic["title"] = leadership_title
    path = folder / "framework.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path, load_framework(path)


def flat(text: str) -> str:
    """Screen text without line breaks and runs of spaces (a toast may wrap a message)."""
    return " ".join(text.split())


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
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, CharacteristicScreen)
        assert app.screen.characteristic.id == "governance"
        assert "Leadership [/lead]: agreed." in flat(screen_text(app))


@pytest.mark.xfail(
    strict=True,
    reason="app.py shows the framework notice with notify(markup=True); the lead's to fix",
)
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
