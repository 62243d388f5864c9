"""The session's ``findings`` record: key messages and sign-off, saved and read back."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from benchmark_tui.models import Findings
from benchmark_tui.store import load_session, save_session


def test_key_messages_and_sign_off_survive_a_save_and_a_load(framework, session, tmp_path):
    session.findings = Findings(
        key_messages="Strong leadership.\n\nData on reach is missing [/] — see A3.\n",
        status="final",
        version="1.0",
        approved_by="Jo Head — Head of Libraries",
        date_approved=date(2026, 4, 2),
        distribution="Cabinet member for culture; all library staff",
    )
    path = tmp_path / "s.yaml"
    save_session(session, path)
    assert load_session(path, framework).findings == session.findings


def test_a_session_without_findings_is_written_as_before(framework, session, tmp_path):
    path = tmp_path / "s.yaml"
    save_session(session, path)
    assert "findings" not in path.read_text(encoding="utf-8")  # old files stay unchanged
    assert load_session(path, framework).findings == Findings()


@pytest.mark.parametrize(
    "bad",
    [{"status": "signed"}, {"colour": "red"}, {"approved_by": "x" * 201}],
    ids=["status", "unknown-key", "too-long"],
)
def test_findings_are_checked_like_the_rest_of_the_session(bad):
    with pytest.raises(ValidationError):
        Findings.model_validate(bad)


def test_typed_text_is_cleaned():
    assert Findings(approved_by="  Jo\x07 Head \r").approved_by == "Jo Head"
