"""Property: whatever a team can type survives save → load unchanged, and exports to Word.

Sessions are generated through the public models with any unicode text (control characters,
emoji, right-to-left scripts, line and paragraph separators, byte-order marks, lone
surrogates, YAML's own syntax, leading and trailing space), lists of 0–6 items, random
ratings, measures and actions. The models normalise text on the way in; after that, the
file must give back exactly the session that was saved, and saving it again must write the
same bytes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
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


@settings(max_examples=40)
@given(session=sessions())
def test_a_saved_session_loads_back_exactly(session: Session, folder: Path):
    path = save_session(session, folder / "s.yaml")
    loaded = load_session(path, FRAMEWORK)
    assert loaded == session
    assert session_text(loaded) == path.read_text(encoding="utf-8")


def write_report_or_skip():
    try:
        from benchmark_tui.export import write_report
    except ImportError:
        pytest.skip("the Word export is not part of this build yet")
    return write_report


@settings(max_examples=4)
@given(session=sessions())
def test_any_session_exports_to_word(session: Session, folder: Path):
    from docx import Document

    write_report = write_report_or_skip()
    path = save_session(session, folder / "e.yaml")
    target = write_report(FRAMEWORK, load_session(path, FRAMEWORK), folder / "e.docx")
    document = Document(str(target))
    body = "\n".join(p.text for p in document.paragraphs)
    assert clean_line(session.service.name) in body
