"""Snapshots of the key screens, so layout regressions at 80×24 (and on a big window) show up.

Review a changed snapshot as you would review code; update with `--snapshot-update` only on
purpose. Fixed theme (projector), fixed clock, fixture data only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmark_tui.settings import Settings

from .conftest import LARGE, SMALL
from .screen import sessions_read

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def example_app(make_app, example_copy):
    """The worked example, opened where its file says the team left off (the overview)."""

    def make():
        return make_app(example_copy)

    return make


class TestStart:
    def test_sessions_list(self, snap_compare, make_app, example_copy, monkeypatch):
        """The sessions list with the example: service, progress, scope and dates."""
        monkeypatch.chdir(example_copy.parent.parent)  # the folder shows as "sessions"
        app = make_app(sessions_dir=example_copy.parent)
        assert snap_compare(app, terminal_size=SMALL, run_before=sessions_read)

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_sessions_list_with_a_recent_session_elsewhere(
        self, snap_compare, make_app, example_copy, example_path, monkeypatch, size
    ):
        """The folder's sessions, then "Recent elsewhere" with the folder it is in."""
        root = example_copy.parent.parent
        elsewhere = root / "elsewhere"
        elsewhere.mkdir()
        other = elsewhere / "elmwood.yaml"
        text = example_path.read_text(encoding="utf-8")
        other.write_text(text.replace("Example Borough", "Elmwood", 1), encoding="utf-8")
        monkeypatch.chdir(root)
        settings = Settings(theme="projector", recent=[str(other)])
        app = make_app(sessions_dir=example_copy.parent, settings=settings)
        assert snap_compare(app, terminal_size=size, run_before=sessions_read)

    def test_new_session_form(self, snap_compare, make_app, example_copy):
        """The new self-assessment form, today's date filled in."""
        app = make_app(sessions_dir=example_copy.parent)
        assert snap_compare(app, terminal_size=SMALL, press=["n"])


class TestCharacteristic:
    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_understand_step(self, snap_compare, make_app, session_file, size):
        """Leadership, Understand: statement and bullets large; guidance and sources beside."""
        app = make_app(session_file("characteristic", "leadership", "understand"))
        assert snap_compare(app, terminal_size=size)

    def test_matrix_step(self, snap_compare, example_app):
        """Evidence-based decision making, the matrix: [ n ] on the agreed box, the question."""
        assert snap_compare(
            example_app(),
            terminal_size=SMALL,
            press=[
                "down",
                "down",
                "down",
                "down",
                "down",
                "down",
                "enter",
                "alt+right",
                "alt+right",
                "alt+right",
                "down",
            ],
        )

    def test_approaches_step(self, snap_compare, example_app):
        """The flipchart: numbered approaches, "(planned)" ones, the new-approach box, ↑ Items."""
        keys = ["down"] * 6 + ["enter", "alt+right"]
        assert snap_compare(example_app(), terminal_size=SMALL, press=keys)

    def test_evidence_step(self, snap_compare, example_app):
        """The evidence summary box and the data sources, ticked ones with an X."""
        keys = ["down"] * 6 + ["enter", "alt+right", "alt+right"]
        assert snap_compare(example_app(), terminal_size=SMALL, press=keys)

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_evidence_step_with_a_source_not_collected(self, snap_compare, example_app, size):
        """Managing and developing people, Evidence: "[–] Staff surveys ← not collected yet"
        (n on the agreed item, "Change it" chosen: it is in progress again) under the summary,
        and the Section 1 figures above it, one line each with ▲▼=↕ and "<3y" (the whole panel
        on a big window)."""
        keys = ["down"] * 10 + ["enter", "alt+right", "alt+right", "tab", "n", "right", "enter"]
        assert snap_compare(example_app(), terminal_size=size, press=keys)

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_an_item_being_edited(self, snap_compare, example_app, size):
        """Approach 5 edited: marked "✎ editing" in the list, its text in a framed box, and
        "Editing item 5 of 6: Enter saves, Esc cancels" above it."""
        keys = ["down"] * 6 + ["enter", "alt+right", "up", "up", "enter"]
        assert snap_compare(example_app(), terminal_size=size, press=keys)

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_agree_dialog(self, snap_compare, make_app, session_file, size):
        """Ctrl+G with nothing filled in: what is missing, and the focus on "Stay here"."""
        app = make_app(session_file("characteristic", "leadership", "findings"))
        assert snap_compare(app, terminal_size=size, press=["ctrl+g"])

    def test_findings_step(self, snap_compare, example_app):
        """Strengths and areas for improvement with the two-to-four counts."""
        keys = ["down"] * 4 + ["enter"] + ["alt+right"] * 4
        assert snap_compare(example_app(), terminal_size=SMALL, press=keys)


class TestOverview:
    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_overview_heat_map(self, snap_compare, example_app, size):
        """All 14 items, progress symbols, the 10×4 ratings shaded with numbers."""
        assert snap_compare(example_app(), terminal_size=size)


class TestOthers:
    def test_results_area_measures(self, snap_compare, example_app):
        """1.1 measures as two-line cards with trends, and the trend notes box."""
        assert snap_compare(example_app(), terminal_size=SMALL, press=["enter", "alt+right"])

    def test_measures_with_comparators(self, snap_compare, example_app):
        """1.4 Value for money: each measure's figures by year beside the CIPFA nearest
        neighbours median and the England average, "we are below / above" for the latest year,
        the suggested trend with its reason ("· taken"), and the practices linked."""
        keys = ["down"] * 3 + ["enter", "alt+right", "tab"]
        assert snap_compare(example_app(), terminal_size=SMALL, press=keys)

    def test_measures_of_the_community_libraries_compared(
        self, snap_compare, make_app, example_copy, monkeypatch
    ):
        """The three community libraries compared, m: each measure's figures by year, one
        column a library, the trend judged, and each comparator's figure with where each
        library stands (in words); the line under the table says the cell in words."""
        folder = example_copy.parent
        for path in sorted((REPO / "sessions").glob("example-*-library-*.yaml")):
            shutil.copy(path, folder / path.name)
        monkeypatch.chdir(folder.parent)
        keys = ["down", "space", "down", "space", "down", "space", "c", "m"]
        keys += ["down"] * 13 + ["right"]
        app = make_app(sessions_dir=folder)
        assert snap_compare(app, terminal_size=SMALL, run_before=sessions_read, press=keys)

    @pytest.mark.parametrize("size", [SMALL, LARGE])
    def test_measure_dialog(self, snap_compare, example_app, size):
        """1.1's first measure edited: name, unit and which way is better, values beside the
        team's trend and trend note, the suggested trend and its reason, Save."""
        keys = ["enter", "alt+right", "tab", "enter"]
        assert snap_compare(example_app(), terminal_size=size, press=keys)

    def test_improvement_plan(self, snap_compare, example_app):
        """The plan's actions with priority, status, owner, due date and link."""
        assert snap_compare(example_app(), terminal_size=SMALL, press=["p"])

    def test_help_dialog(self, snap_compare, make_app, session_file):
        """F1 on the matrix: what the step is for and every key."""
        app = make_app(session_file("characteristic", "people", "matrix"))
        assert snap_compare(app, terminal_size=SMALL, press=["f1"])


class TestRatingRound:
    def test_a_revealed_round(self, snap_compare, make_app, session_file):
        """Leadership's Plan, a round revealed: dot plot, median, ⚑ worth discussing, Agree."""
        app = make_app(session_file("characteristic", "leadership", "matrix"))
        keys = ["v", "0", "space", "2", "space", "3", "space", "0", "space", "2", "enter"]
        assert snap_compare(app, terminal_size=SMALL, press=keys)
