"""Values from outside that the models refuse are refused in plain words, never by a crash.

The limits are the documented ones (a text at most 20,000 characters, a name at most 200, a
list at most 200 items) and are exported as constants so the app can make its boxes refuse
more. A refusal reads as a sentence: no pydantic jargon, no URL, no Python type names. Agenda
times are times of day only (``start: 9.5`` and a time with a UTC offset are refused at their
line instead of ending in a TypeError), and ``schema_version`` is the number 1, not ``true``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from benchmark_tui.cli import main
from benchmark_tui.errors import SessionFileError
from benchmark_tui.models import (
    MAX_ITEMS,
    MAX_NAME,
    MAX_TEXT,
    Action,
    AreaRecord,
    DayHours,
    ParkingLot,
    Rating,
    Session,
    TeamMember,
    plain_error,
)
from benchmark_tui.store import load_session, save_session

RAW = ("http", "pydantic", "input_value", "input_type", "type=", "String should", "[type")


def assert_plain(message: str) -> None:
    for raw in RAW:
        assert raw not in message, message


@pytest.mark.parametrize(
    ("build", "limit"),
    [
        (lambda text: AreaRecord(notes=text), MAX_TEXT),
        (lambda text: AreaRecord(strengths=[text]), MAX_TEXT),
        (lambda text: Rating(note=text), MAX_TEXT),
        (lambda text: Action(id="a1", action=text), MAX_TEXT),
        (lambda text: Action(id="a1", action="x", owner=text), MAX_NAME),
        (lambda text: TeamMember(name=text), MAX_NAME),
    ],
    ids=["trends note", "strength", "rating note", "action", "owner", "team member"],
)
def test_text_over_its_limit_is_refused_in_plain_words(build, limit):
    build("x" * limit)  # at the limit: accepted
    with pytest.raises(ValidationError) as caught:
        build("x" * (limit + 1))
    first = caught.value.errors()[0]["msg"]
    assert f"at most {limit:,} characters" in first
    assert f"{limit + 1:,}" in first  # says how long it is
    assert_plain(first)
    assert_plain(plain_error(caught.value))


def test_a_list_over_its_limit_is_refused_in_plain_words():
    AreaRecord(strengths=["x"] * MAX_ITEMS)
    with pytest.raises(ValidationError) as caught:
        AreaRecord(strengths=["x"] * (MAX_ITEMS + 1))
    said = plain_error(caught.value)
    assert f"at most {MAX_ITEMS} items" in said
    assert_plain(said)


def test_parking_a_point_over_the_limit_says_so_without_a_url():
    lot = ParkingLot()
    with pytest.raises(ValueError) as caught:
        lot.park("x" * (MAX_TEXT + 1), None)
    assert not isinstance(caught.value, ValidationError)
    assert f"at most {MAX_TEXT:,} characters" in str(caught.value)
    assert_plain(str(caught.value))
    assert lot.points == []


def test_a_round_over_the_limit_is_refused_in_plain_words(session):
    names = ", ".join(f"Person {n} 2" for n in range(MAX_ITEMS + 1))
    with pytest.raises(ValueError) as caught:
        session.record_round("leadership", "plan", names, revealed=True)
    assert_plain(str(caught.value))
    with pytest.raises(ValueError) as caught:
        session.record_round("leadership", "plan", "0 1 3 1 0", revealed=True, dissent="x" * 20_001)
    assert not isinstance(caught.value, ValidationError)
    assert_plain(str(caught.value))


def test_a_file_with_a_text_over_the_limit_is_refused_at_its_line(session, framework, tmp_path):
    session.area("outcomes").notes = "x" * MAX_TEXT
    path = save_session(session, tmp_path / "s.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("x" * MAX_TEXT, "x" * (MAX_TEXT + 1)), encoding="utf-8")
    with pytest.raises(SessionFileError) as caught:
        load_session(path, framework)
    message = caught.value.message
    line = text[: text.index("x" * 100)].count("\n") + 1
    assert message.startswith(f"{path}:{line}:"), message
    assert f"at most {MAX_TEXT:,} characters" in message
    assert_plain(message)


# --- agenda times ------------------------------------------------------------------------------


def agenda_file(session: Session, tmp_path: Path, start: str) -> tuple[Path, int]:
    path = save_session(session, tmp_path / "s.yaml")
    text = path.read_text(encoding="utf-8")
    text += f"agenda:\n  days:\n  - start: {start}\n    end: '16:30'\n    breaks: 60\n"
    path.write_text(text, encoding="utf-8")
    return path, text.count("\n") - 2


@pytest.mark.parametrize(
    "start",
    [
        "9.5",
        "10:00:00+01:00",
        "'10:00+01:00'",
        "2026-03-12 10:00:00+01:00",
        "-1",
        "1440",
        "true",
        "'25:00'",
        "'9.30'",
        "'half nine'",
        "[9, 30]",
        "'٠٩:٣٠'",
    ],
)
def test_an_agenda_time_that_is_not_a_time_of_day_is_refused_at_its_line(
    start, session, framework, tmp_path, capsys
):
    path, line = agenda_file(session, tmp_path, start)
    with pytest.raises(SessionFileError) as caught:
        load_session(path, framework)
    message = caught.value.message
    assert message.startswith(f"{path}:{line}:"), message
    assert "HH:MM" in message
    assert_plain(message)
    assert main(["validate", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("start", "expected"),
    [("09:30", (9, 30)), ("'09:30'", (9, 30)), ("'9:05'", (9, 5)), ("'09:30:00'", (9, 30))],
)
def test_agenda_times_as_people_write_them_are_read(start, expected, session, framework, tmp_path):
    path, _line = agenda_file(session, tmp_path, start)
    day = load_session(path, framework).agenda.days[0]
    assert (day.start.hour, day.start.minute) == expected
    assert day.start.tzinfo is None


def test_a_day_is_compared_only_with_times_of_day():
    with pytest.raises(ValidationError) as caught:
        DayHours.model_validate({"start": 9.5, "end": "16:30"})
    assert_plain(plain_error(caught.value))


# --- the format version ------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["true", "1.0", "'1'", "yes"])
def test_schema_version_is_the_number_1_and_nothing_like_it(version, session, framework, tmp_path):
    path = save_session(session, tmp_path / "s.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("schema_version: 1", f"schema_version: {version}"), encoding="utf-8"
    )
    with pytest.raises(SessionFileError) as caught:
        load_session(path, framework)
    assert "schema_version" in caught.value.message
    assert caught.value.message.startswith(f"{path}:4:"), caught.value.message


def test_a_value_slipped_in_past_the_models_is_not_saved_and_said_plainly(session, tmp_path):
    """A list changed in place bypasses validation; the save refuses it in words."""
    from benchmark_tui.errors import SaveError

    session.record("leadership").strengths.append("secret " + "x" * MAX_TEXT)
    with pytest.raises(SaveError) as caught:
        save_session(session, tmp_path / "s.yaml")
    message = caught.value.message
    assert_plain(message)
    assert "secret" not in message
    assert f"at most {MAX_TEXT:,} characters" in message
    assert not (tmp_path / "s.yaml").exists()
