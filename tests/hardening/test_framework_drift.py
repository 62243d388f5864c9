"""A session made with another version of the framework opens, says so, and loses nothing.

The older framework here differs the way a revision would: a new version string, one
characteristic, one results area and one matrix element renamed. The team's records for the
old ids must be reported (in the notice and by ``validate``), kept in memory, written back
on every save, and must not trouble the app, the overview or the Word export.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmark_tui.cli import main
from benchmark_tui.models import Action, Framework, ServiceInfo, Session, Workshop
from benchmark_tui.settings import Settings
from benchmark_tui.store import SessionNotice, load_session, read_session, save_session

RENAMED = {"review": "reflection", "value-for-money": "efficiency", "impact": "outcome"}
"""Current id → the id the older framework used."""


@pytest.fixture(scope="module")
def older(framework: Framework) -> Framework:
    data = copy.deepcopy(framework.model_dump(mode="json"))
    data["version"] = "beta-2016"
    data["characteristics"]["items"][-1]["id"] = RENAMED["review"]
    data["results"]["areas"][-1]["id"] = RENAMED["value-for-money"]
    data["evaluation"]["elements"][-1]["id"] = RENAMED["impact"]
    return Framework.model_validate(data)


@pytest.fixture
def drifted(older: Framework, tmp_path: Path) -> Path:
    """A session the team worked on with the older framework."""
    session = Session.new(
        older,
        ServiceInfo(name="Oldshire Libraries"),
        Workshop(dates=[date(2025, 11, 4)], facilitator="Pat"),
    )
    session.record("reflection").strengths = ["Annual self-assessment", "Peer reviews"]
    session.record("reflection").state = "agreed"
    session.area("efficiency").notes = "Cost per visit fell for three years."
    session.set_rating("leadership", "outcome", 3)
    session.set_rating("reflection", "plan", 2)
    session.plan.actions.append(Action(id="a1", action="Keep reviewing", item="reflection"))
    folder = tmp_path / "sessions"
    folder.mkdir()
    return save_session(session, folder / "oldshire.yaml")


def test_the_notice_names_both_versions_and_every_id_that_is_gone(drifted, framework):
    loaded = read_session(drifted, framework)
    assert len(loaded.notices) == 2
    assert "version beta-2016" in loaded.notices[0]
    assert "version beta-2017" in loaded.notices[0]
    assert "different content" in loaded.notices[0]
    assert loaded.notices[1].endswith("not shown: efficiency, outcome, reflection.")


def test_load_session_issues_the_notices_as_warnings(drifted, framework):
    with pytest.warns(SessionNotice) as caught:
        load_session(drifted, framework)
    assert any("reflection" in str(w.message) for w in caught)


def test_records_for_ids_that_are_gone_are_kept_not_dropped(drifted, framework):
    session = read_session(drifted, framework).session
    assert session.characteristics["reflection"].strengths == [
        "Annual self-assessment",
        "Peer reviews",
    ]
    assert session.results["efficiency"].notes == "Cost per visit fell for three years."
    assert session.characteristics["leadership"].ratings["outcome"].value == 3
    assert session.plan.actions[0].item == "reflection"
    # and the current framework's items are there to be worked on
    assert session.characteristics["review"].state == "not-started"
    assert session.characteristics["leadership"].ratings["impact"].value is None
    assert session.progress(framework).unknown == ["efficiency", "reflection"]


def test_validate_reports_the_drift_and_the_ids_and_still_says_ok(drifted, capsys):
    assert main(["validate", str(drifted)]) == 0
    out = capsys.readouterr().out
    assert f"OK  {drifted}" in out
    assert (
        "note: oldshire.yaml was made with libraries-taskforce-benchmarking version beta-2016"
        in (out)
    )
    assert "note: These ids are not in the current framework" in out
    assert "efficiency, outcome, reflection" in out


def test_validate_against_the_older_framework_reports_no_drift(drifted, older, tmp_path, capsys):
    from benchmark_tui.yamlio import dump

    old_file = tmp_path / "framework-2016.yaml"
    old_file.write_text(dump(older.model_dump(mode="json")), encoding="utf-8")
    assert main(["validate", "--framework", str(old_file), str(drifted)]) == 0
    assert "note:" not in capsys.readouterr().out


def test_the_old_records_survive_a_save(drifted, framework):
    first = read_session(drifted, framework).session
    first.record("leadership").strengths = ["Edited with the new framework"]
    save_session(first, drifted)
    again = read_session(drifted, framework)
    assert again.session == first
    assert "reflection" in again.notices[1]
    on_disk = yaml.safe_load(drifted.read_text(encoding="utf-8"))
    assert on_disk["characteristics"]["reflection"]["strengths"] == [
        "Annual self-assessment",
        "Peer reviews",
    ]
    assert on_disk["results"]["efficiency"]["notes"] == "Cost per visit fell for three years."
    assert on_disk["characteristics"]["leadership"]["ratings"]["outcome"]["value"] == 3


async def test_the_app_opens_a_drifted_session_warns_and_keeps_the_old_records(drifted, framework):
    from benchmark_tui.tui.app import BenchmarkApp

    app = BenchmarkApp(drifted, sessions_dir=drifted.parent, settings=Settings(theme="projector"))
    shown: list[tuple[str, str]] = []
    notify = app.notify

    def remember(message: str, **kwargs: Any) -> None:
        shown.append((kwargs.get("title", ""), message))
        notify(message, **kwargs)

    app.notify = remember  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        warnings = [m for title, m in shown if title == "Framework has changed"]
        assert any("reflection" in m for m in warnings), shown
        for key in ("ctrl+o", "escape", "ctrl+s"):
            await pilot.press(key)
            await pilot.pause()
        from benchmark_tui.edits import AddListItem

        app.apply_edit(AddListItem(item="people", list_name="strengths", text="Edited in the app"))
        app.flush_save()
        await pilot.press("ctrl+q")
        await pilot.pause()
    session = read_session(drifted, framework).session
    assert session.record("people").strengths == ["Edited in the app"]
    assert session.characteristics["reflection"].strengths == [
        "Annual self-assessment",
        "Peer reviews",
    ]
    assert session.plan.actions[0].item == "reflection"


def test_the_word_export_of_a_drifted_session_works(drifted, framework, tmp_path):
    export = pytest.importorskip("benchmark_tui.export")
    target = export.write_report(
        framework, read_session(drifted, framework).session, tmp_path / "r.docx"
    )
    assert Path(target).stat().st_size > 10_000
