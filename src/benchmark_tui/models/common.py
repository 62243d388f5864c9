"""Provides what the framework and session models share: text rules, limits, ids and labels.

Text typed or pasted by a team is cleaned the same way everywhere (:func:`clean_text`), and
every text and list has a bound, so an absurd file fails fast and clearly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError

SCHEMA_VERSION: Literal[1] = 1
"""The session file format this code reads and writes."""

FINDINGS_MIN = 2
"""The seed asks for two to four strengths and two to four areas for improvement."""
FINDINGS_MAX = 4

MAX_TEXT = 20_000
"""Longest text one field may hold: several pages, far beyond any flipchart."""
MAX_ITEMS = 200
"""Most items one list may hold; a bound so absurd files fail fast and clearly."""
MAX_NAME = 200
"""Longest name (a person, a library, a role, an owner) one field may hold."""

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=64)]
"""A stable identifier: lower-case words joined by hyphens, e.g. ``service-design``."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ASCII_TO_CLEAN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""What :func:`clean_text` changes in ASCII text: control characters, and ``\\r``."""


def clean_text(value: Any) -> Any:
    """Normalise text typed or pasted by a team.

    Line endings become ``\\n``; control characters (other than tab and newline), lone
    surrogates and non-characters are dropped: they cannot be written to a Word document and
    are never what somebody meant to type. Other types pass through for pydantic to judge.
    """
    if not isinstance(value, str):
        return value
    if value.isascii() and _ASCII_TO_CLEAN.search(value) is None:
        return value  # the common case, already clean: ASCII text is NFC
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", value))


def _bounded(limit: int, what: str, *, required: bool = False) -> AfterValidator:
    """Check a text's length (after cleaning) and say plainly what is wrong.

    Args:
        limit: the most characters it may hold.
        what: what it is, for the message ("a text", "a name").
        required: whether it must hold something.
    """

    def check(value: str) -> str:
        if required and not value:
            raise PydanticCustomError("string_too_short", "is empty")
        if len(value) > limit:
            raise PydanticCustomError(
                "string_too_long",
                f"is too long: {len(value):,} characters, and {what} holds at most "
                f"{limit:,} characters",
                {"max_length": limit},
            )
        return value

    return AfterValidator(check)


Text = Annotated[str, _bounded(MAX_TEXT, "a text"), BeforeValidator(clean_text)]
"""Free text; may be empty (at most :data:`MAX_TEXT` characters, after cleaning)."""


def clean_line(value: Any) -> Any:
    """Like :func:`clean_text`, and also trim surrounding white space (for one-line items)."""
    value = clean_text(value)
    return value.strip() if isinstance(value, str) else value


Line = Annotated[str, _bounded(MAX_TEXT, "a text", required=True), BeforeValidator(clean_line)]
"""A non-empty item of a list (a strength, an approach, a bullet)."""
Name = Annotated[str, _bounded(MAX_NAME, "a name"), BeforeValidator(clean_line)]
"""A short name (a person, a library, a role); may be empty (at most :data:`MAX_NAME`)."""
RequiredName = Annotated[
    str, _bounded(MAX_NAME, "a name", required=True), BeforeValidator(clean_line)
]
"""A short name that must be given (the service, a team member)."""

ProgressState = Literal["not-started", "in-progress", "agreed"]
Scope = Literal["whole-service", "library"]
Governance = Literal["council-run", "community-managed", "other"]
Trend = Literal["improving", "stable", "declining", "mixed"]
ApproachStatus = Literal["in-place", "planned"]
Priority = Literal["high", "medium", "low"]
ActionStatus = Literal["proposed", "agreed", "in-progress", "done"]
ActionOrigin = Literal["improvement", "no-data", "team"]
Step = Literal["understand", "measures", "approaches", "evidence", "matrix", "findings"]
Place = Literal["briefing", "area", "characteristic", "overview", "plan"]

STEPS: tuple[Step, ...] = ("understand", "approaches", "evidence", "matrix", "findings")
"""The steps the team walks through for each characteristic, in order."""
AREA_STEPS: tuple[Step, ...] = ("understand", "measures", "findings")
"""The steps the team walks through for each results area, in order."""
STEP_TITLES: dict[str, str] = {
    "understand": "Understand",
    "measures": "Measures & trends",
    "approaches": "Approaches",
    "evidence": "Evidence",
    "matrix": "Matrix",
    "findings": "Strengths & improvements",
}

STATE_LABELS: dict[str, str] = {
    "not-started": "not started",
    "in-progress": "in progress",
    "agreed": "agreed",
}
STATE_SYMBOLS: dict[str, str] = {"not-started": "○", "in-progress": "◐", "agreed": "●"}
SCOPE_LABELS: dict[str, str] = {
    "whole-service": "Whole service",
    "library": "Individual library",
}
GOVERNANCE_LABELS: dict[str, str] = {
    "council-run": "Council-run",
    "community-managed": "Community-managed",
    "other": "Other",
}


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, coerce_numbers_to_str=True)


def and_joined(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: names as a sentence says them."""
    return " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


def day_label(when: date, *, short: bool = False) -> str:
    """``12 March 2026`` (``12 Mar 2026`` when ``short``), the same on every platform.

    Not ``strftime("%-d")``: that flag is glibc's, and Windows rejects it with ValueError.
    """
    return f"{when.day} {when:%b %Y}" if short else f"{when.day} {when:%B %Y}"


def plain_error(err: ValidationError) -> str:
    """What a validation error says is wrong, in sentences for the wall.

    Only the field names and the messages: no pydantic jargon, no link, no value typed (a
    value may be a masked vote), no Python type names. For a file, the store locates the
    problem at its line instead (:mod:`benchmark_tui.located`).
    """
    details = err.errors(include_url=False, include_input=False, include_context=True)
    sentences = [_plain_detail(detail) for detail in details[:3]]
    if len(details) > 3:
        sentences.append(f"… and {len(details) - 3} more problems.")
    return " ".join(sentences)


_FIELD = re.compile(r"[a-z_]+")


def _plain_detail(detail: Any) -> str:
    """One problem of a validation error as a sentence."""
    where = " ".join(
        str(part).replace("_", " ")
        for part in detail["loc"]
        if isinstance(part, str) and _FIELD.fullmatch(part)  # field names, never a key typed
    )
    context = detail.get("ctx") or {}
    if detail["type"] == "too_long" and "max_length" in context:
        message = f"has too many items: a list holds at most {context['max_length']:,} items"
    elif detail["type"] == "string_too_short":
        message = "is empty: write some text, or delete the item"
    elif detail["type"] == "too_short" and "min_length" in context:
        message = f"needs at least {context['min_length']:,} items"
    else:
        message = str(detail["msg"]).removeprefix("Value error, ")
    sentence = f"{where}: {message}" if where else message
    return sentence[:1].upper() + sentence[1:].rstrip(".") + "."
