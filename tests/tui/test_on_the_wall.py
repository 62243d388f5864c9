"""What a facilitator tripped over on the wall (issue 13), each checked as the room sees it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from textual.widgets import Collapsible

from benchmark_tui.models import Approach, Rating, ServiceInfo
from benchmark_tui.settings import Settings
from benchmark_tui.tui.screens.base import short_dates_label
from benchmark_tui.tui.screens.characteristic import CharacteristicScreen
from benchmark_tui.tui.screens.dialogs import ChoiceDialog
from benchmark_tui.tui.screens.forms import MeasureDialog, SuggestionsDialog
from benchmark_tui.tui.screens.help import HelpDialog
from benchmark_tui.tui.screens.new_session import NewSessionScreen
from benchmark_tui.tui.screens.plan import PlanScreen
from benchmark_tui.tui.screens.start import StartScreen
from benchmark_tui.tui.widgets.key_bar import KeyBar

from .conftest import LARGE, SMALL, reload
from .screen import screen_lines, screen_text
from .test_app import settle, type_text
from .test_markup import flat


def key_bar(app) -> str:
    """The text of the key bar of the screen on top (the keys that work here)."""
    return str(app.screen.query_one(KeyBar).content).replace("\n", "  ")


@pytest.fixture
def approaches_file(session_file, session):
    """Leadership's approaches step, three approaches on the flipchart."""
    session.record("leadership").approaches = [
        Approach(text="Vision agreed with members"),
        Approach(text="Leadership walkabouts each month"),
        Approach(text="Staff ideas scheme", status="planned"),
    ]
    return session_file("characteristic", "leadership", "approaches")


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_an_item_being_edited_is_shown_with_its_text_and_how_to_finish(
    make_app, approaches_file, framework, size
):
    """Enter on an item: the box shows its text, a line says which item and Enter/Esc, and
    typing adds to the text rather than replacing it."""
    app = make_app(approaches_file)
    async with app.run_test(size=size) as pilot:
        await pilot.press("shift+tab", "home", "down", "enter")  # the second item
        await pilot.pause()
        text = screen_text(app)
        assert "Editing item 2 of 3: Enter saves, Esc cancels" in text
        box_rows = [line for line in screen_lines(app) if "Leadership walkabouts" in line]
        assert len(box_rows) == 2  # in the list (marked) and in the edit box
        assert "✎ editing" in box_rows[0]
        await type_text(pilot, " (paused)\n")
        await settle(pilot)
        assert "Editing item" not in screen_text(app)
    approaches = reload(approaches_file, framework).record("leadership").approaches
    assert [a.text for a in approaches] == [
        "Vision agreed with members",
        "Leadership walkabouts each month (paused)",
        "Staff ideas scheme",
    ]


async def test_escape_leaves_the_edited_item_as_it_was(make_app, approaches_file, framework):
    app = make_app(approaches_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("shift+tab", "end", "enter")
        assert "Editing item 3 of 3" in screen_text(app)
        await type_text(pilot, "xyz")
        await pilot.press("escape")
        await settle(pilot)
        assert "Editing item" not in screen_text(app)
        assert "✎" not in screen_text(app)
    approaches = reload(approaches_file, framework).record("leadership").approaches
    assert approaches[2].text == "Staff ideas scheme"


async def test_up_from_the_new_item_box_reaches_the_list_and_the_keys_say_so(
    make_app, approaches_file
):
    """↑ in "Type a new approach" goes to the last item; the bar shows ↑ there, ⏎ Edit on it."""
    app = make_app(approaches_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "↑ Items" in key_bar(app)
        await pilot.press("up")
        await pilot.pause()
        options = app.screen.query_one("#approach-list").options
        assert app.focused is options
        assert options.highlighted == 2
        assert "⏎ Edit" in key_bar(app)
        assert "↑ Items" not in key_bar(app)


@pytest.fixture
def findings_file(session_file, session):
    """Leadership's last step: rated, but only one strength (so agreeing is questioned)."""
    record = session.record("leadership")
    record.ratings = {e: Rating(value=2) for e in ("plan", "do", "check-act", "impact")}
    record.strengths = ["Clear vision"]
    record.improvements = ["Succession", "Delegation"]
    return session_file("characteristic", "leadership", "findings")


async def test_the_agree_dialog_starts_on_stay_when_something_is_missing(
    make_app, findings_file, framework
):
    """Ctrl+G with one strength: → then Enter (meaning "Stay here") must not agree."""
    app = make_app(findings_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert app.focused is not None and app.focused.id == "choice-stay"
        bar = key_bar(app)
        assert "←/→ Other answer" in bar and "⏎ Choose" in bar and "esc Cancel" in bar
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CharacteristicScreen)
        assert app.screen.characteristic.id == "leadership"
    assert reload(findings_file, framework).record("leadership").state != "agreed"


async def test_arrow_keys_move_between_the_answers_without_wrapping(
    make_app, findings_file, framework
):
    app = make_app(findings_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("alt+right")  # after the last step: agree, move on, or stay
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        focus = []
        for key in ("left", "left", "left", "right", "right", "right"):
            await pilot.press(key)
            focus.append(app.focused.id.removeprefix("choice-"))
        assert focus == ["next", "agree", "agree", "next", "stay", "stay"]
        await pilot.press("left", "left", "enter")
        await settle(pilot)
        assert app.screen.characteristic.id == "governance"
    assert reload(findings_file, framework).record("leadership").state == "agreed"


async def test_ctrl_g_on_an_agreed_item_is_called_reopen_and_the_state_is_in_words(
    make_app, session_file, session, framework
):
    """An agreed item: the header says "● agreed" and the bar "^g Reopen"; after it, the
    header says "◐ in progress" and the bar "^g Agree"."""
    session.record("leadership").state = "agreed"
    path = session_file("characteristic", "leadership", "understand")
    app = make_app(path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        where = screen_lines(app)[1]
        assert "Leadership" in where and "● agreed" in where
        assert "^g Reopen" in key_bar(app) and "^g Agree" not in key_bar(app)
        await pilot.press("ctrl+g", "right", "enter")  # asked first: "Reopen it"
        await settle(pilot)
        where = screen_lines(app)[1]
        assert "◐ in progress" in where
        assert "^g Agree" in key_bar(app) and "Reopen" not in key_bar(app)
        assert app.screen.characteristic.id == "leadership"
    assert reload(path, framework).record("leadership").state == "in-progress"


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_the_title_is_not_run_into_the_progress(make_app, session_file, size):
    """The longest title at 80×24: whole, with a gap before the state and the count."""
    app = make_app(session_file("characteristic", "resources", "understand"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        where = screen_lines(app)[1]
        title = "8 of 10 · Managing financial and physical resources"
        assert title in where and "…" not in where
        after = where.split(title, 1)[1]
        assert after.startswith("  ") and "○ not started" in after and "0/10" in after


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_the_measure_dialog_shows_the_trend_without_scrolling(make_app, session_file, size):
    """Every field of a new measure, trend and trend note included, and Save, on screen."""
    app = make_app(session_file("area", "outcomes", "measures"))
    async with app.run_test(size=size) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MeasureDialog)
        text = screen_text(app)
        for label in ("Measure (e.g.", "Values", "Trend", "Not judged yet", "Trend note"):
            assert label in text, label
        assert "Save (ctrl+s)" in text


async def test_new_session_form_tab_reaches_the_library_box_and_adds_to_the_date(
    make_app, tmp_path
):
    """Choosing "An individual library" leaves the focus on the choice, so the next Tab goes
    to "Which library?"; tabbing into the date puts the cursor after it, not over it."""
    app = make_app(sessions_dir=tmp_path / "sessions")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Testshire")
        await pilot.press("tab", "enter", "down", "enter")  # scope: An individual library
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "scope"
        await pilot.press("tab")
        assert app.focused.id == "library-name"
        await type_text(pilot, "Brackwater")
        await pilot.press("tab", "tab")  # governance, then the dates
        assert app.focused.id == "dates"
        await type_text(pilot, ", 2026-03-19")
        assert app.focused.value == "2026-03-12, 2026-03-19"


async def test_escape_on_a_filled_in_new_session_form_asks_first(make_app, tmp_path):
    """Esc with typing: "Keep editing" is the default; "Discard it" goes back. Esc on an
    untouched form goes straight back."""
    app = make_app(sessions_dir=tmp_path / "sessions")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n")
        await type_text(pilot, "Testshire")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        assert app.screen.query_one("#service").value == "Testshire"
        await pilot.press("escape", "right", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_overview_names_are_whole_and_dashes_sit_under_their_column(
    make_app, session_file, session, framework
):
    """At 80×24: no name cut short (a long one wraps), and "–" (not rated) in the same column
    as the numbers of rated rows."""
    session.record("leadership").ratings = {"plan": Rating(value=3)}
    session.record("governance").ratings = {
        e: Rating(value=2) for e in ("plan", "do", "check-act", "impact")
    }
    session.area("workforce").no_data_yet = True
    app = make_app(session_file("overview"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert "…" not in text
        for item in [*framework.areas, *framework.items]:
            for word in item.label.split():
                assert word in text, (item.label, word)
        header = next(line for line in lines if "Plan" in line and "AFI" in line)
        start = header.index("Plan") - 1
        end = header.index("Imp") + 5

        def marks(name: str) -> list[int]:
            row = next(line for line in lines if name in line)
            return [i for i in range(start, end) if row[i : i + 1].strip()]

        assert marks("1 Leadership") == marks("2 Governance") == marks("3 Evidence")
        assert len(marks("2 Governance")) == 4


async def test_plan_rows_wrap_under_their_text_not_under_the_number(make_app, example_copy):
    """At 80×24 every wrapped line of an action (the linked item too) starts under its text."""
    app = make_app(example_copy)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("p")
        await pilot.pause()
        rows = [line[3:] for line in screen_lines(app) if line.startswith(" ▊ ")]
        assert len(rows) > 10
        # Numbers are right-aligned ( 1. … 11.): the text starts after the widest one.
        text_column = len(str(len(app.session.plan.actions))) + 2
        for row in rows:
            assert re.match(r" *\d+\. \S", row) or row.startswith(" " * text_column), row
            assert re.match(r" *\d+\. ", row) is None or row.index(". ") + 2 == text_column, row


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (SMALL, "Brackwater Libraries · Brackwater Library · 12, 19 Mar 2026"),
        (
            LARGE,
            "Brackwater Libraries · Individual library: Brackwater Library · "
            "12 March 2026, 19 March 2026",
        ),
    ],
)
async def test_the_top_bar_says_the_library_and_both_dates_whole(
    make_app, session_file, session, size, expected
):
    """A shorter wording at 80×24 rather than `Individual library: Brackwater Li…`."""
    session.service = ServiceInfo(
        name="Brackwater Libraries", scope="library", library="Brackwater Library"
    )
    session.workshop.dates = [date(2026, 3, 19), date(2026, 3, 12)]
    app = make_app(session_file("briefing"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        top = screen_lines(app)[0]
        assert expected in top and "…" not in top


async def test_the_team_box_shows_a_team_of_five_whole(make_app, tmp_path):
    """Five members typed into the new-session form: all five lines are in view."""
    app = make_app(sessions_dir=tmp_path / "sessions")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#team").focus()
        await type_text(pilot, "Ann - Manager\nBob - Branch\nCy - Volunteer\nDi - Stock\nEd - IT")
        await pilot.pause()
        text = screen_text(app)
        for name in ("Ann - Manager", "Bob - Branch", "Cy - Volunteer", "Di - Stock", "Ed - IT"):
            assert name in text, name


async def test_a_notice_stands_above_the_key_bar(make_app, approaches_file):
    """At 80×24 (two lines of keys) a notice never hides a key."""
    app = make_app(approaches_file)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        keys_before = screen_lines(app)[-2:]
        assert "Next step" in " ".join(keys_before)
        app.notify("A notice for the room to read, long enough to wrap onto lines.")
        await pilot.pause()
        assert screen_lines(app)[-2:] == keys_before
        assert "A notice for the room" in screen_text(app)


async def test_a_plan_already_built_does_not_say_press_s_to_draft(make_app, example_copy):
    """The worked example's plan is built: the note says what is left, not "Press s to draft"."""
    app = make_app(example_copy)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.goto("plan")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        left = len(app.session.suggested_actions(app.framework))
        shown = flat(screen_text(app))
        assert left and "Press s to draft" not in shown
        assert (
            f"{left} suggestions (areas for improvement, missing data, parked points) have" in shown
        )
        assert "no action of their own (s drafts from them)" in shown


async def test_a_hidden_round_reads_whole_on_the_matrix_at_80x24(make_app, session_file, session):
    """The row under the element says how many voted and that it is hidden, not "hidd…"."""
    session.record("leadership").ratings["plan"] = Rating(tally=[0, 1, 3, 1])
    app = make_app(session_file("characteristic", "leadership", "matrix"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "5 votes hidden" in screen_text(app)
        assert "hidd…" not in screen_text(app)


async def test_the_export_notice_shows_the_whole_file_name_at_80x24(
    make_app, approaches_file, tmp_path
):
    """The file the team must find is named in full on one line, not cut or broken."""
    app = make_app(approaches_file)
    name = "example-borough-libraries-2026-03-12-findings-handout.docx"
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        app.notify(f"Written: {name}\nin {tmp_path}", title="Export to Word", markup=False)
        await pilot.pause()
        lines = screen_lines(app)
        assert any(name in line for line in lines)  # whole, on one line


async def test_the_plan_stops_offering_a_draft_the_team_unticked(
    make_app, session_file, session, framework
):
    """Untick the one draft and add none: the plan no longer offers to build from it."""
    session.record("leadership").improvements = ["Succession planning"]
    app = make_app(session_file("plan"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "1 suggestion so far" in flat(screen_text(app))
        await pilot.press("s", "right", "enter")  # build it now (early)
        await pilot.pause()
        assert isinstance(app.screen, SuggestionsDialog)
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert "Press s to" not in flat(screen_text(app))
        assert "left out" in flat(screen_text(app))
        # Asked again, with nothing new: what was left out.
        await pilot.press("s", "right", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SuggestionsDialog)
    assert reload(app.session_path, framework).plan.actions == []


async def test_the_owner_box_completes_team_names_and_the_due_example_is_ahead(
    make_app, session_file
):
    """Typing "sa" offers "Sam Branch" (→ takes it); the due-date example is in the future."""
    app = make_app(session_file("plan"))
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert "e.g. 2026-06-30" in screen_text(app)  # the clock reads 12 March 2026
        owner = app.screen.query_one("#owner")
        owner.focus()
        await type_text(pilot, "sa")
        await pilot.press("right")
        assert owner.value == "Sam Branch"


async def test_help_lists_this_screens_keys_and_folds_the_generic_ones(make_app, approaches_file):
    """F1 in the new-approach box: the list's and the step's keys; "Copy selected text" and
    "Scroll Left" only under a folded "More keys"."""
    app = make_app(approaches_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        help_dialog = app.screen
        assert isinstance(help_dialog, HelpDialog)
        here = dict(help_dialog.keys)
        assert {"⏎", "del", "p", "alt+→ / ^pgdn", "^g", "^o", "^z"} <= set(here)
        generic = [what for _key, what in help_dialog.more_keys]
        assert "Copy selected text" in generic
        assert not any("Copy" in what or "Scroll" in what for what in here.values())
        assert help_dialog.query_one(Collapsible).collapsed
        assert "Copy selected text" not in screen_text(app)


@pytest.fixture
def recent_elsewhere(tmp_path, example_path):
    """Settings whose recent list holds: a session in another folder, a file since deleted,
    and a file that is not a session."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    other = elsewhere / "elmwood.yaml"
    other.write_text(
        example_path.read_text(encoding="utf-8").replace(
            "name: Example Borough Libraries", "name: Elmwood Libraries", 1
        ),
        encoding="utf-8",
    )
    (elsewhere / "notes.yaml").write_text("hello: [", encoding="utf-8")
    recent = [str(other), str(tmp_path / "gone" / "old.yaml"), str(elsewhere / "notes.yaml")]
    return Settings(theme="projector", recent=recent)


async def test_the_sessions_list_groups_recent_sessions_elsewhere_with_their_folder(
    make_app, example_copy, recent_elsewhere, tmp_path, monkeypatch, framework
):
    """ "Sessions in sessions", then "Recent elsewhere" with "in elsewhere"; gone files and
    files that are not sessions are left out; Enter opens the one elsewhere."""
    monkeypatch.chdir(tmp_path)
    app = make_app(sessions_dir=example_copy.parent, settings=recent_elsewhere)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Sessions in sessions" in text
        assert text.index("Example Borough Libraries") < text.index("Recent elsewhere")
        assert text.index("Recent elsewhere") < text.index("Elmwood Libraries")
        assert "in elsewhere" in text
        assert "old.yaml" not in text and "notes.yaml" not in text
        assert [s.service for s in app.screen.summaries] == [
            "Example Borough Libraries",
            "Elmwood Libraries",
        ]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.session_path == tmp_path / "elsewhere" / "elmwood.yaml"


@pytest.mark.parametrize(
    ("place", "item", "aside"),
    [
        ("area", "outcomes", "Self-assessment methodology"),
        ("characteristic", "evidence", "Relevant guidance"),
        ("briefing", None, None),
    ],
)
async def test_on_a_big_window_reading_text_keeps_to_a_readable_measure(
    make_app, session_file, place, item, aside
):
    """At 160×45 no run of reading text is wider than about 100 characters; the width goes to
    a second column (the method, or guidance and sources) beside what the item includes."""
    app = make_app(session_file(place, item, "understand" if item else None))
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        body = screen_lines(app)[3:-1]
        runs = [run for line in body for run in re.split(r" {3,}", line.strip())]
        assert max(len(run) for run in runs) <= 101, max(runs, key=len)
        if aside:
            assert any("This includes:" in line and aside in line for line in body)


async def test_on_a_big_window_the_sessions_list_shows_the_highlighted_session_in_full(
    make_app, example_copy, recent_elsewhere, tmp_path, monkeypatch
):
    """At 160×45, beside the list: the highlighted session's progress in words and its file;
    moving down shows the one elsewhere. At 80×24 the list has the width to itself."""
    monkeypatch.chdir(tmp_path)
    app = make_app(sessions_dir=example_copy.parent, settings=recent_elsewhere)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "14 agreed · 0 in progress · 0 not started" in text
        assert f"File: {example_copy.name}" in text and "Folder: sessions" in text
        await pilot.press("down")
        await pilot.pause()
        assert "File: elmwood.yaml" in screen_text(app)
        assert "Folder: elsewhere" in screen_text(app)
    app = make_app(sessions_dir=example_copy.parent, settings=recent_elsewhere)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "File: " not in screen_text(app)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ([date(2026, 3, 19), date(2026, 3, 12)], "12, 19 Mar 2026"),
        ([date(2026, 11, 30), date(2026, 12, 7)], "30 Nov, 7 Dec 2026"),
        ([date(2026, 12, 30), date(2027, 1, 2)], "30 Dec 2026, 2 Jan 2027"),
        ([date(2026, 3, 12)], "12 Mar 2026"),
    ],
)
def test_short_dates_write_each_month_and_year_once(dates, expected):
    assert short_dates_label(dates) == expected


async def test_a_long_draft_is_shown_whole_under_the_list_when_highlighted(
    make_app, session_file, session
):
    """Found at 80×24: a long draft's line in the list ends in "…"; the room still reads
    the whole of the one highlighted, under the list."""
    long_one = (
        "No outcome measures for health and wellbeing or digital inclusion, although both "
        "are council priorities"
    )
    session.record("leadership").improvements = ["Succession planning", long_one]
    for item in ("governance", "evidence", "community", "strategy", "collaboration"):
        session.record(item).improvements = [f"First gap in {item}", f"Second gap in {item}"]
    app = make_app(session_file("plan"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("s", "right", "enter")  # build it now (early)
        await pilot.pause()
        assert isinstance(app.screen, SuggestionsDialog)
        assert "Succession planning" in flat(screen_text(app))
        await pilot.press("down")
        await pilot.pause()
        assert "although both are council priorities" in flat(screen_text(app))
        # Twelve drafts scroll inside the dialog: the answers stay in view.
        dialog = app.screen.query_one(".dialog").region
        assert dialog.contains_region(app.screen.query_one("#add").region)
