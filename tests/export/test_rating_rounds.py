"""Rating rounds in the findings document: the votes beside the agreed rating, and dissent."""

from __future__ import annotations


def test_the_votes_are_printed_beside_the_agreed_rating(session, export):
    session.record_round("leadership", "plan", "0 0 1 4 1", revealed=True)
    session.set_rating("leadership", "plan", 3)
    session.record_round("leadership", "do", "Sam 1, Jo 3", revealed=True)
    report = export(session)
    matrix = report.tables("Evaluation matrix")[0]
    plan, do = matrix.rows[1].cells[0].text, matrix.rows[2].cells[0].text
    assert "votes: 1 at 2, 4 at 3, 1 at 4; agreed 3 (a spread of 2 points)" in plan
    assert "votes: 1 at 1, 1 at 3; not yet agreed (a spread of 2 points)" in do
    assert "votes:" not in matrix.rows[3].cells[0].text


def test_a_dissent_note_is_among_the_notes_on_the_ratings(session, export):
    session.record_round("leadership", "plan", "0 1 3 1 0", revealed=True, dissent="Sam: 4")
    session.set_rating("leadership", "plan", 2)
    report = export(session)
    assert "Plan (2): a view that did not carry: Sam: 4" in report.paragraphs()


def test_the_pre_read_never_shows_a_round(session, export):
    session.record_round("leadership", "plan", "0 1 3 1 0", revealed=True, dissent="Sam: 4")
    report = export(session, handout=True)
    assert "votes:" not in report.text()
    assert "did not carry" not in report.text()
