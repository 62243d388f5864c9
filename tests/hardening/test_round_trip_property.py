"""Property: whatever a team can type survives save → load unchanged, and exports to Word.

Two generators. The first builds whole sessions through the public models (lists of 0–6 items,
random ratings, measures and actions) with any unicode text; it explores the shape of a
session, and is slow, so it runs few examples. The second keeps one session and puts awkward
text into every kind of text field (free text, list items, names, a dictionary key); it is
fast, so it runs hundreds. Both run many more in the long run (``uv run pytest -m benchmark``,
as CI does; ``BENCHMARK_TUI_PROPERTY_EXAMPLES`` sets how many texts either run tries). Whatever
hypothesis draws, every run also puts each of the nastiest texts known (trailing blank lines,
``...``, U+2028/U+2029, right-to-left text, emoji, ``[/]`` …) into every kind of field,
deterministically.

The models clean text on the way in (line endings, control characters, NFC); after that the
file must give back exactly the session that was saved, and saving it again must write the
same bytes: the file is a fixed point, and nothing the model accepted is changed by it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from benchmark_tui.models import (
    Action,
    Approach,
    Measure,
    PeriodValue,
    Position,
    Rating,
    ServiceInfo,
    Session,
    TeamMember,
    Workshop,
    clean_line,
    clean_text,
)
from benchmark_tui.store import load_framework, load_session, save_session, session_text

FRAMEWORK = load_framework()  # module level: hypothesis cannot use function-scoped fixtures

AWKWARD_PIECES = [
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "  ",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\x85",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\uffff",
    "📚",
    "👩🏽‍💻",
    "🏳️‍🌈",
    "\U0010fffd",
    "مكتبة",
    "עברית",
    "\u202e",
    "\u200b",
    "e\u0301",
    "yes",
    "no",
    "null",
    "~",
    "true",
    "0777",
    "1e3",
    ".inf",
    "2026-03-12",
    "12:30",
    "- ",
    "? ",
    ": ",
    "#",
    " #",
    "&a",
    "*a",
    "!!python/object/apply:os.system",
    "!tag",
    "|",
    ">",
    "%",
    "@",
    "`",
    "'",
    '"',
    "{",
    "}",
    "[",
    "]",
    ",",
    "---",
    "...",
    "\\",
    "\\n",
    "\u200f",  # right-to-left mark
    "\u200e",
    "\u061c",
    "\u202b",
    "\n\n",
    "\n\n\n",
    "\t\t",
]
piece = st.one_of(
    st.sampled_from(AWKWARD_PIECES),
    st.text(st.characters(exclude_categories=()), max_size=12),  # any code point at all
)
edge = st.sampled_from(["", "", " ", "  ", "\t", "\n", "\n\n", " \n", "\n ", "\r\n", "\u3000"])
text = st.builds(lambda a, b, c: a + b + c, edge, st.lists(piece, max_size=8).map("".join), edge)
"""Free text, often with white space or line breaks at either end."""
line = text.filter(lambda t: bool(clean_line(t)))  # a list item must have some content
name = st.lists(piece, max_size=4).map(lambda parts: "".join(parts)[:150])
required_name = name.filter(lambda t: bool(clean_line(t)))
items = st.lists(line, max_size=6)
rating = st.one_of(st.none(), st.integers(0, 4))
days = st.dates(date(1990, 1, 1), date(2100, 12, 31))


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    framework = FRAMEWORK
    scope = draw(st.sampled_from(["whole-service", "library"]))
    session = Session.new(
        framework,
        ServiceInfo(
            name=draw(required_name),
            scope=scope,
            library=draw(required_name if scope == "library" else name),
            governance=draw(st.sampled_from(["council-run", "community-managed", "other"])),
            governance_detail=draw(name),
        ),
        Workshop(
            dates=draw(st.lists(days, max_size=3)),
            facilitator=draw(name),
            team=[
                TeamMember(name=n, role=r)
                for n, r in draw(st.lists(st.tuples(required_name, name), max_size=6))
            ],
        ),
    )
    # a few records per example (each example fills different ones) keeps generation fast
    area_ids = [a.id for a in framework.areas]
    for area_id in draw(st.lists(st.sampled_from(area_ids), max_size=2, unique=True)):
        record = session.area(area_id)
        record.state = draw(st.sampled_from(["not-started", "in-progress", "agreed"]))
        record.no_data_yet = draw(st.booleans())
        record.notes = draw(text)
        record.strengths = draw(items)
        record.improvements = draw(items)
        record.measures = [
            Measure(
                name=draw(line),
                values=[
                    PeriodValue(period=p, value=v)
                    for p, v in draw(st.lists(st.tuples(line, line), max_size=6))
                ],
                trend=draw(st.sampled_from([None, "improving", "stable", "declining", "mixed"])),
                note=draw(text),
            )
            for _ in range(draw(st.integers(0, 6)))
        ]
    item_ids = [c.id for c in framework.items]
    for item_id in draw(st.lists(st.sampled_from(item_ids), max_size=3, unique=True)):
        record = session.record(item_id)
        record.state = draw(st.sampled_from(["not-started", "in-progress", "agreed"]))
        record.approaches = [
            Approach(text=t, status=s)
            for t, s in draw(
                st.lists(st.tuples(line, st.sampled_from(["in-place", "planned"])), max_size=6)
            )
        ]
        record.evidence.summary = draw(text)
        record.evidence.sources_reviewed = draw(items)
        for element in framework.elements:
            record.ratings[element.id] = Rating(
                value=draw(rating),
                note=draw(text),
                votes=draw(st.dictionaries(name, st.integers(0, 4), max_size=3)),
            )
        record.strengths = draw(items)
        record.improvements = draw(items)
    session.plan.actions = [
        Action(
            id=f"a{n}",
            action=draw(line),
            item=draw(st.one_of(st.none(), st.sampled_from(framework.item_ids))),
            improvement=draw(text),
            owner=draw(name),
            due=draw(st.one_of(st.none(), days)),
            priority=draw(st.sampled_from(["high", "medium", "low"])),
            status=draw(st.sampled_from(["proposed", "agreed", "in-progress", "done"])),
            origin=draw(st.sampled_from(["improvement", "no-data", "team"])),
        )
        for n in range(1, draw(st.integers(0, 6)) + 1)
    ]
    session.plan.notes = draw(text)
    place = draw(st.sampled_from(["briefing", "area", "characteristic", "overview", "plan"]))
    session.position = Position(
        place=place,
        item=draw(st.sampled_from(framework.item_ids))
        if place in ("area", "characteristic")
        else None,
    )
    return session


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("round-trip")


def save_and_load(session: Session, folder: Path) -> None:
    """Save, load: the same session, and saving it again writes the same text."""
    path = save_session(session, folder / "s.yaml")
    loaded = load_session(path, FRAMEWORK)
    assert loaded == session
    assert session_text(loaded) == path.read_text(encoding="utf-8")


@settings(max_examples=20, deadline=None)
@given(session=sessions())
def test_a_saved_session_loads_back_exactly(session: Session, folder: Path):
    save_and_load(session, folder)


@pytest.mark.benchmark  # the long run (CI runs it): many more shapes of session
@settings(max_examples=200, deadline=None)
@given(session=sessions())
def test_a_saved_session_loads_back_exactly_in_a_long_run(session: Session, folder: Path):
    save_and_load(session, folder)


def write_report_or_skip():
    try:
        from benchmark_tui.export import write_report
    except ImportError:
        pytest.skip("the Word export is not part of this build yet")
    return write_report


@settings(max_examples=4)
@given(session=sessions())
@example(session=Session.new(FRAMEWORK, ServiceInfo(name="North\u2028Shore\u2029Libraries\u2011x")))
def test_any_session_exports_to_word(session: Session, folder: Path):
    from docx import Document

    write_report = write_report_or_skip()
    path = save_session(session, folder / "e.yaml")
    session_read = load_session(path, FRAMEWORK)
    target = write_report(FRAMEWORK, session_read, folder / "e.docx", replace=True)
    document = Document(str(target))
    body = "\n".join(p.text for p in document.paragraphs)
    # As Word shows it: a line or paragraph separator is a line break, U+2011 a hyphen.
    shown = clean_line(session.service.name).translate({0x2028: "\n", 0x2029: "\n", 0x2011: "-"})
    assert shown in body


# --- one session, awkward text in every kind of field -----------------------------------------

EXAMPLES = int(os.environ.get("BENCHMARK_TUI_PROPERTY_EXAMPLES", "250"))
"""How many sessions the fast property saves and loads in the default run."""
LONG_RUN_EXAMPLES = int(os.environ.get("BENCHMARK_TUI_PROPERTY_EXAMPLES", "2000"))
"""How many it saves and loads in the long run (``-m benchmark``)."""

LONG_LINES = ["x" * 5000, "word " * 1000, "\u00e9" * 5000]
"""Pasted paragraphs without a line break."""
BMP_PIECES = [p for p in AWKWARD_PIECES if all(ord(c) <= 0xFFFF for c in p)] + LONG_LINES


def field_texts(beyond_bmp: bool) -> st.SearchStrategy[list[str]]:
    """One to four texts, which go round :data:`FIELDS`, with characters beyond the BMP or not.

    A document holding characters beyond the BMP (emoji) is written by the slower Python
    emitter, every other by libyaml's; one example in eight has them, so both are covered and
    the test stays quick. A few texts shared by all the fields keep generation quick too: the
    save and load cost the same however many distinct texts there are.
    """
    if beyond_bmp:
        pieces = AWKWARD_PIECES + LONG_LINES
        characters = st.characters(exclude_categories=())
    else:
        pieces = BMP_PIECES
        characters = st.characters(max_codepoint=0xFFFF, exclude_categories=())
    piece = st.one_of(st.sampled_from(pieces), st.text(characters, max_size=12))
    field_text = st.builds(
        lambda a, b, c: a + b + c, edge, st.lists(piece, max_size=6).map("".join), edge
    )
    return st.lists(field_text, min_size=1, max_size=4)


def as_text(raw: str) -> str:
    """Free text holds 20,000 characters; cleaning (NFC) can triple a character, so take 6,500."""
    return raw[:6500]


def as_line(raw: str) -> str:
    """A list item must have some content: give an empty one a letter, keep the rest as is."""
    raw = as_text(raw)
    return raw if clean_line(raw) else raw + "x"


def as_name(raw: str) -> str:
    """Names hold 200 characters; cleaning (NFC) can triple a character, so take 60."""
    return as_line(raw[:60])


def base_session() -> Session:
    """One of everything that holds text, so each field kind has a place to go."""
    session = Session.new(
        FRAMEWORK,
        ServiceInfo(name="Base", scope="library", library="Central"),
        Workshop(dates=[date(2026, 3, 12)], team=[TeamMember(name="Sam", role="Manager")]),
    )
    area = session.area(FRAMEWORK.areas[0].id)
    area.measures = [Measure(name="Visits", values=[PeriodValue(period="2024", value="1")])]
    record = session.record(FRAMEWORK.items[0].id)
    record.approaches = [Approach(text="Rota")]
    session.plan.actions = [Action(id="a1", action="Survey")]
    return session


BASE = base_session()
FIRST_AREA, FIRST_ITEM = FRAMEWORK.areas[0].id, FRAMEWORK.items[0].id
LAST_ITEM = FRAMEWORK.items[-1].id
FIRST_ELEMENT = FRAMEWORK.elements[0].id


def set_votes(session: Session, text: str) -> None:
    rating = session.record(FIRST_ITEM).ratings[FIRST_ELEMENT]
    rating.votes = {as_name(text): 2}


FIELDS: list[tuple[str, Callable[[Session, str], None]]] = [
    # free text (Text): kept as typed, blank lines and surrounding space included
    ("area notes", lambda s, t: setattr(s.area(FIRST_AREA), "notes", as_text(t))),
    ("measure note", lambda s, t: setattr(s.area(FIRST_AREA).measures[0], "note", as_text(t))),
    (
        "evidence summary",
        lambda s, t: setattr(s.record(FIRST_ITEM).evidence, "summary", as_text(t)),
    ),
    (
        "rating note",
        lambda s, t: setattr(s.record(FIRST_ITEM).ratings[FIRST_ELEMENT], "note", as_text(t)),
    ),
    (
        "last rating note",
        lambda s, t: setattr(
            s.record(LAST_ITEM).ratings[FRAMEWORK.elements[-1].id], "note", as_text(t)
        ),
    ),
    ("action improvement", lambda s, t: setattr(s.plan.actions[0], "improvement", as_text(t))),
    ("plan notes", lambda s, t: setattr(s.plan, "notes", as_text(t))),
    # list items (Line): trimmed by the model
    ("strength", lambda s, t: setattr(s.record(FIRST_ITEM), "strengths", [as_line(t)])),
    ("area improvement", lambda s, t: setattr(s.area(FIRST_AREA), "improvements", [as_line(t)])),
    ("approach", lambda s, t: setattr(s.record(FIRST_ITEM).approaches[0], "text", as_line(t))),
    (
        "source reviewed",
        lambda s, t: setattr(s.record(FIRST_ITEM).evidence, "sources_reviewed", [as_line(t)]),
    ),
    ("measure name", lambda s, t: setattr(s.area(FIRST_AREA).measures[0], "name", as_line(t))),
    (
        "measure value",
        lambda s, t: setattr(s.area(FIRST_AREA).measures[0].values[0], "value", as_line(t)),
    ),
    ("action", lambda s, t: setattr(s.plan.actions[0], "action", as_line(t))),
    # names (Name): short, trimmed; one is a dictionary key
    ("service name", lambda s, t: setattr(s.service, "name", as_name(t))),
    ("library", lambda s, t: setattr(s.service, "library", as_name(t))),
    ("facilitator", lambda s, t: setattr(s.workshop, "facilitator", as_name(t))),
    ("team member", lambda s, t: setattr(s.workshop.team[0], "name", as_name(t))),
    ("role", lambda s, t: setattr(s.workshop.team[0], "role", as_name(t))),
    ("owner", lambda s, t: setattr(s.plan.actions[0], "owner", as_name(t))),
    ("vote by", set_votes),
]

REPRODUCED = [
    "Text typed, then Enter, Enter\n\n",  # issue 11: wrote '...' mid-file
    "one\n\n\n",
    "x\n\u2029",  # a paragraph separator at the end: the next key became text
    "\u2029\n",
    "line\u2028separator\nand more",
    "...\n---\n",
    "📚 the new shelves\u2029\n\n",  # beyond the BMP: written by the Python emitter
]

NASTIEST = [
    *REPRODUCED,
    "trailing blank lines\n\n\n",
    "...",
    "...\n",
    "a\n...\nb",
    "a\u2028",
    "\u2029",
    "\u2028\u2029\n \n",
    "مكتبة المدينة المركزية",
    "עברית\u200f, then English",
    "\u202eoverride\u202c and \u2067isolate\u2069",
    "📚👩🏽‍💻🏳️‍🌈",
    "emoji at the end 📚\n\n",
    "[/]",
    "[bold]x[/]",
    "[@click=app.quit]q[/]",
    "\x85\ufeff\x00\x1b[31m\ud800",
]
"""Texts that broke a save, or could: put into every field on every run, whatever is drawn."""


@pytest.fixture(scope="module")
def without_fsync() -> Iterator[None]:
    """Durability is not what this property is about, and an fsync per save would make 2,000
    saves take minutes on a busy disk: the writes still go through the store, unsynced."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)
        yield


def round_trip(texts: list[str], folder: Path) -> None:
    """Put ``texts`` round the :data:`FIELDS`, save, load: the same session, the same bytes."""
    session = BASE.model_copy(deep=True)
    for n, (_name, put) in enumerate(FIELDS):
        put(session, texts[n % len(texts)])
    path = save_session(session, folder / "fields.yaml")
    loaded = load_session(path, FRAMEWORK)
    assert loaded == session
    assert session_text(loaded).encode("utf-8") == path.read_bytes()


ANY_FIELD_TEXTS = st.sampled_from([True] + [False] * 7).flatmap(field_texts)
QUICK = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=QUICK)
@given(texts=ANY_FIELD_TEXTS)
@example(texts=[REPRODUCED[0]])
@example(texts=[REPRODUCED[2]])
@example(texts=REPRODUCED)
def test_any_text_in_any_field_loads_back_exactly(
    texts: list[str], folder: Path, without_fsync: None
):
    round_trip(texts, folder)


@pytest.mark.benchmark
@settings(max_examples=LONG_RUN_EXAMPLES, deadline=None, suppress_health_check=QUICK)
@given(texts=ANY_FIELD_TEXTS)
def test_any_text_in_any_field_loads_back_exactly_in_a_long_run(
    texts: list[str], folder: Path, without_fsync: None
):
    round_trip(texts, folder)


@pytest.mark.parametrize("piece", NASTIEST + AWKWARD_PIECES)
def test_each_nasty_text_in_every_field_loads_back_exactly(
    piece: str, folder: Path, without_fsync: None
):
    """Alone, after text, before blank lines, and between words, in every kind of field."""
    round_trip([piece, f"text {piece}", f"{piece} text\n\n", f"a{piece}b{piece}c"], folder)


@pytest.mark.parametrize("summary", REPRODUCED)
def test_awkward_text_in_a_summary_keeps_the_keys_after_it(summary: str, tmp_path: Path):
    """The summary is followed by more keys; none of them may become part of the text."""
    session = BASE.model_copy(deep=True)
    record = session.record(FIRST_ITEM)
    record.evidence.summary = summary
    record.evidence.sources_reviewed = ["Visitor survey"]
    record.strengths = ["Friendly staff"]
    path = save_session(session, tmp_path / "s.yaml")
    loaded = load_session(path, FRAMEWORK).record(FIRST_ITEM)
    assert loaded.evidence.summary == clean_text(summary)
    assert loaded.evidence.sources_reviewed == ["Visitor survey"]
    assert loaded.strengths == ["Friendly staff"]
