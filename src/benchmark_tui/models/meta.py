"""Provides the records about a session as a whole: the findings document's sign-off, where
the team is in the workshop, and the link to the previous self-assessment with its plan's review.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
)

from benchmark_tui.models.common import (
    Id,
    Line,
    Name,
    Place,
    Step,
    Text,
    _Record,
    day_label,
)


class Findings(_Record):
    """What the findings document says before it is circulated: key messages and sign-off."""

    key_messages: Text = ""
    """A short executive summary the team writes (a few lines), first after the title page."""
    status: Literal["draft", "final"] = "draft"
    """"final" once the document is signed off; a draft is marked DRAFT on every page."""
    version: Name = ""
    """The document's version, e.g. "1.0"."""
    approved_by: Name = ""
    """Who signed the document off, e.g. "Head of Libraries"."""
    date_approved: date | None = None
    distribution: Text = ""
    """Who receives the document, e.g. "Cabinet member for culture; all library staff"."""


class Position(_Record):
    """Where the team was, so that reopening a session returns there."""

    place: Place = "briefing"
    item: Id | None = None
    """The results area or characteristic on screen."""
    step: Step | None = None
    """The step within a characteristic."""


ActionOutcome = Literal["done", "partly", "not-done", "dropped"]
"""What happened to one action of the previous improvement plan."""
OUTCOME_LABELS: dict[str, str] = {
    "done": "done",
    "partly": "partly done",
    "not-done": "not done",
    "dropped": "dropped",
}
"""The outcomes in words, in the order they are offered."""

SHA256 = Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")]
"""A content hash, ``sha256:`` followed by 64 lower-case hex digits."""


class ActionReview(_Record):
    """What happened to one action of the previous self-assessment's improvement plan."""

    outcome: ActionOutcome | None = None
    """Done, partly, not done or dropped; None until the team has decided."""
    note: Text = ""
    """What happened, in the team's words (e.g. "Survey run in May; 61% response")."""

    @property
    def outcome_label(self) -> str:
        """ "done", "partly done", "not done", "dropped" or "not reviewed"."""
        return OUTCOME_LABELS[self.outcome] if self.outcome else "not reviewed"


class PreviousSession(_Record):
    """The self-assessment this one follows on from (usually last year's), as it was linked.

    The hash lets the app notice when the previous file has been moved, replaced or edited
    since, rather than silently comparing against something else.
    """

    file: Line
    """The previous session's file, relative to this session's folder, written with ``/``
    (e.g. ``example-borough-libraries-2025-03-13.yaml`` or ``../2025/ours.yaml``)."""
    dates: list[date] = Field(default_factory=list, max_length=50)
    """The previous workshop's dates, to name it when the file cannot be found."""
    hash: SHA256
    """``sha256:`` of the previous file's bytes when linked (line endings read as ``\\n``)."""

    @property
    def dates_label(self) -> str:
        """The previous workshop's dates written out, or "undated"."""
        return ", ".join(day_label(d) for d in sorted(self.dates)) or "undated"
