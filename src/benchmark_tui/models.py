"""Provides the framework and session models: what a workshop is about and what it produces.

The framework models describe the Libraries Taskforce Benchmarking Framework as loaded from
``framework.yaml``; they are frozen. The session models hold one self-assessment: who took part,
what the team recorded for each results area and characteristic, and the improvement plan.

Nothing here reads or writes files (that is :mod:`benchmark_tui.store`) and nothing imports
Textual. Identifiers in a session are checked against a framework passed in the validation
context (see :func:`session_context`).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

SCHEMA_VERSION = 1
"""The session file format this code reads and writes."""

FINDINGS_MIN = 2
"""The seed asks for two to four strengths and two to four areas for improvement."""
FINDINGS_MAX = 4

MAX_TEXT = 20_000
"""Longest text one field may hold: several pages, far beyond any flipchart."""
MAX_ITEMS = 200
"""Most items one list may hold; a bound so absurd files fail fast and clearly."""

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


# The length constraints come before the cleaning validator so that they apply to the string
# (pydantic then says "at most 200 characters", not "at most 200 items"); the validator still
# runs first, so lengths are measured after cleaning.
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), BeforeValidator(clean_text)]
"""Free text; may be empty."""


def clean_line(value: Any) -> Any:
    """Like :func:`clean_text`, and also trim surrounding white space (for one-line items)."""
    value = clean_text(value)
    return value.strip() if isinstance(value, str) else value


Line = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TEXT), BeforeValidator(clean_line)
]
"""A non-empty item of a list (a strength, an approach, a bullet)."""
Name = Annotated[str, StringConstraints(max_length=200), BeforeValidator(clean_line)]
"""A short name (a person, a library, a role); may be empty."""
RequiredName = Annotated[
    str, StringConstraints(min_length=1, max_length=200), BeforeValidator(clean_line)
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


# ---------------------------------------------------------------------------------------------
# The framework
# ---------------------------------------------------------------------------------------------

FrameworkText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Introduction(_Frozen):
    """The framework's introduction."""

    summary: FrameworkText
    """What the framework is for."""
    sections_lead: FrameworkText
    """The sentence introducing the two sections."""
    sections: list[FrameworkText] = Field(min_length=1)
    """One line per section of the framework."""
    conclusion: FrameworkText
    """Why self-assessment is worth doing."""


class Methodology(_Frozen):
    """How a self-assessment is run: the briefing the facilitator projects first."""

    title: FrameworkText
    results: FrameworkText
    """How to approach Section 1 (results achieved)."""
    characteristics_lead: FrameworkText
    """How Section 2 is assessed, introducing the steps."""
    steps: list[FrameworkText] = Field(min_length=1)
    """The workshop method, one step per item."""


class ScalePoint(_Frozen):
    """One point of the 0–4 rating scale."""

    value: int = Field(ge=0, le=4)
    label: FrameworkText


class MatrixElement(_Frozen):
    """One row of the evaluation matrix (Plan, Do, Check / act, Impact)."""

    id: Id
    """Stable key stored in session files; never reuse one."""
    title: FrameworkText
    short: FrameworkText
    """A short label for narrow tables (``C-A``)."""
    question: FrameworkText


class Evaluation(_Frozen):
    """The evaluation matrix every characteristic is rated on."""

    prompt: FrameworkText
    elements: list[MatrixElement] = Field(min_length=1)


class ResultsArea(_Frozen):
    """One results area of Section 1 (e.g. 1.2 User satisfaction)."""

    id: Id
    """Stable key stored in session files; never reuse one."""
    number: FrameworkText
    title: FrameworkText
    statement: FrameworkText
    includes_lead: FrameworkText
    includes: list[FrameworkText] = Field(min_length=1)

    @property
    def label(self) -> str:
        """``1.2 User satisfaction``."""
        return f"{self.number} {self.title}"


class ResultsSection(_Frozen):
    """Section 1: results achieved."""

    id: Id
    number: FrameworkText
    title: FrameworkText
    areas: list[ResultsArea] = Field(min_length=1)


class Characteristic(_Frozen):
    """One characteristic of excellent library services (Section 2)."""

    id: Id
    """Stable key stored in session files; never reuse one."""
    number: int = Field(ge=1)
    title: FrameworkText
    statement: FrameworkText
    includes_lead: FrameworkText
    """The lead-in to the bullets, e.g. "This involves leaders:"."""
    includes: list[FrameworkText] = Field(min_length=1)
    guidance: list[FrameworkText] = Field(default_factory=list)
    """Relevant guidance documentation."""
    data_sources: list[FrameworkText] = Field(default_factory=list)
    """Recommended data sources."""
    approaches_prompt: FrameworkText

    @property
    def label(self) -> str:
        """``3 Evidence-based decision making``."""
        return f"{self.number} {self.title}"


class CharacteristicsSection(_Frozen):
    """Section 2: characteristics of excellent library services."""

    id: Id
    number: FrameworkText
    title: FrameworkText
    items: list[Characteristic] = Field(min_length=1)


EXPECTED_SCALE = (0, 1, 2, 3, 4)
EXPECTED_CHARACTERISTICS = 10
EXPECTED_AREAS = 4


class Framework(_Frozen):
    """The Benchmarking Framework: results areas, characteristics, matrix and scale."""

    id: Id
    version: FrameworkText
    title: FrameworkText
    subtitle: FrameworkText
    publisher: FrameworkText
    introduction: Introduction
    methodology: Methodology
    scale: list[ScalePoint]
    evaluation: Evaluation
    results: ResultsSection
    characteristics: CharacteristicsSection

    @model_validator(mode="after")
    def _check_structure(self) -> Framework:
        values = tuple(point.value for point in self.scale)
        if values != EXPECTED_SCALE:
            raise ValueError(
                f"the scale must list the values 0, 1, 2, 3, 4 in order (found {list(values)})"
            )
        count = len(self.characteristics.items)
        if count != EXPECTED_CHARACTERISTICS:
            raise ValueError(
                f"the framework has {EXPECTED_CHARACTERISTICS} characteristics; "
                f"this file lists {count}"
            )
        numbers = [c.number for c in self.characteristics.items]
        if numbers != list(range(1, count + 1)):
            raise ValueError(f"characteristics must be numbered 1 to {count} in order: {numbers}")
        if len(self.results.areas) != EXPECTED_AREAS:
            raise ValueError(
                f"Section 1 has {EXPECTED_AREAS} results areas; "
                f"this file lists {len(self.results.areas)}"
            )
        seen: set[str] = set()
        everything = [
            self.results.id,
            self.characteristics.id,
            *(a.id for a in self.results.areas),
            *(c.id for c in self.characteristics.items),
        ]
        for ident in everything:
            if ident in seen:
                raise ValueError(f"the id {ident!r} is used twice; ids must be unique")
            seen.add(ident)
        element_ids = [e.id for e in self.evaluation.elements]
        if len(set(element_ids)) != len(element_ids):
            raise ValueError(f"matrix element ids must be unique: {element_ids}")
        return self

    @cached_property
    def content_hash(self) -> str:
        """A fingerprint of the framework's content, recorded in every session.

        Computed from the data rather than the file bytes, so comments and layout changes to
        ``framework.yaml`` do not count as a different framework.
        """
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def areas(self) -> list[ResultsArea]:
        """The results areas of Section 1, in order."""
        return self.results.areas

    @property
    def items(self) -> list[Characteristic]:
        """The characteristics of Section 2, in order."""
        return self.characteristics.items

    @property
    def elements(self) -> list[MatrixElement]:
        """The matrix elements every characteristic is rated on, in order."""
        return self.evaluation.elements

    @cached_property
    def _ids_of_kind(self) -> dict[str, list[str]]:
        """The ids a session may use, by kind: element, area, characteristic, item (either)."""
        return {
            "element": [e.id for e in self.elements],
            "area": [a.id for a in self.areas],
            "characteristic": [c.id for c in self.items],
            "item": self.item_ids,
        }

    @cached_property
    def _by_id(self) -> dict[str, ResultsArea | Characteristic]:
        return {**{a.id: a for a in self.areas}, **{c.id: c for c in self.items}}

    def item(self, item_id: str) -> ResultsArea | Characteristic:
        """The results area or characteristic with this id.

        Raises:
            KeyError: when the framework has no such item.
        """
        return self._by_id[item_id]

    def has_item(self, item_id: str) -> bool:
        """Whether a results area or characteristic has this id."""
        return item_id in self._by_id

    def characteristic(self, item_id: str) -> Characteristic:
        """The characteristic with this id (KeyError if there is none)."""
        found = self._by_id[item_id]
        if not isinstance(found, Characteristic):
            raise KeyError(item_id)
        return found

    def area(self, item_id: str) -> ResultsArea:
        """The results area with this id (KeyError if there is none)."""
        found = self._by_id[item_id]
        if not isinstance(found, ResultsArea):
            raise KeyError(item_id)
        return found

    def label_for(self, value: int | None) -> str:
        """The scale label for a rating, or "not yet rated"."""
        if value is None:
            return "not yet rated"
        return self.scale[value].label

    @property
    def item_ids(self) -> list[str]:
        """Every area and characteristic id, in workshop order (Section 1, then Section 2)."""
        return [a.id for a in self.areas] + [c.id for c in self.items]

    @property
    def reference(self) -> FrameworkRef:
        """What a session records about the framework it was made with."""
        return FrameworkRef(id=self.id, version=self.version, hash=self.content_hash)


# ---------------------------------------------------------------------------------------------
# The session
# ---------------------------------------------------------------------------------------------


def session_context(framework: Framework, *, strict_ids: bool = True) -> dict[str, Any]:
    """Build the validation context that checks a session's ids against ``framework``.

    Args:
        framework: the framework the session is validated against.
        strict_ids: when True an unknown id is an error. When False (the session was made with
            another version of the framework) unknown ids are kept and collected in the
            context's ``"unknown_ids"`` list so that they can be reported.
    """
    return {"framework": framework, "strict_ids": strict_ids, "unknown_ids": []}


def _check_item_id(kind: Literal["area", "characteristic", "item", "element"]):
    """Make a validator that checks an id against the framework in the validation context."""

    def check(value: str, info: ValidationInfo) -> str:
        context = info.context or {}
        framework: Framework | None = context.get("framework")
        if framework is None:
            return value
        known = framework._ids_of_kind[kind]
        if value in known:
            return value
        if not context.get("strict_ids", True):
            context.setdefault("unknown_ids", []).append(value)
            return value
        article = "an" if kind[0] in "aeiou" else "a"
        names = "a results area or characteristic" if kind == "item" else f"{article} {kind}"
        raise ValueError(
            f"{value!r} is not {names} of this framework; expected one of: {', '.join(known)}"
        )

    return AfterValidator(check)


AreaId = Annotated[Id, _check_item_id("area")]
CharacteristicId = Annotated[Id, _check_item_id("characteristic")]
ItemId = Annotated[Id, _check_item_id("item")]
ElementId = Annotated[Id, _check_item_id("element")]
RatingValue = Annotated[int, Strict(), Field(ge=0, le=4)]
"""A rating on the 0–4 scale. Strict, so ``yes`` or ``"3"`` in a file is reported, not guessed."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, coerce_numbers_to_str=True)


class FrameworkRef(_Record):
    """Which framework a session was made with."""

    id: Id
    version: Name
    hash: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    """The framework's :attr:`Framework.content_hash` when the session was created."""


class TeamMember(_Record):
    """One member of the self-assessment team."""

    name: RequiredName
    role: Name = ""
    """Their role, e.g. "Reader development librarian"."""


class ServiceInfo(_Record):
    """The service (or single library) being assessed."""

    name: RequiredName
    """E.g. "Example Borough Libraries"."""
    scope: Scope = "whole-service"
    library: Name = ""
    """The library assessed, when the scope is an individual library."""
    governance: Governance = "council-run"
    governance_detail: Name = ""
    """How the service is run, when governance is "other" (e.g. "Trust", "Mutual")."""

    @model_validator(mode="after")
    def _library_named_when_needed(self) -> ServiceInfo:
        if self.scope == "library" and not self.library:
            raise ValueError("name the library when the scope is an individual library")
        return self

    @property
    def scope_label(self) -> str:
        """ "Whole service" or "Individual library: Central Library"."""
        if self.scope == "library":
            return f"{SCOPE_LABELS['library']}: {self.library}"
        return SCOPE_LABELS["whole-service"]

    @property
    def governance_label(self) -> str:
        """ "Council-run", "Community-managed" or the detail given for "other"."""
        if self.governance == "other" and self.governance_detail:
            return f"Other: {self.governance_detail}"
        return GOVERNANCE_LABELS[self.governance]


class Workshop(_Record):
    """When the workshop happened and who took part."""

    dates: list[date] = Field(default_factory=list, max_length=50)
    """The day or days of the workshop."""
    facilitator: Name = ""
    team: list[TeamMember] = Field(default_factory=list, max_length=MAX_ITEMS)

    @property
    def dates_label(self) -> str:
        """The workshop dates written out, e.g. "12 March 2026, 19 March 2026"."""
        return ", ".join(day_label(d) for d in sorted(self.dates))


class PeriodValue(_Record):
    """A measure's value for one period (usually a year)."""

    period: Line
    """E.g. "2023/24" or "2024"."""
    value: Line
    """As the team wrote it: "41,200", "87%", "£3.10"."""


class Measure(_Record):
    """A measure of results looked at for a results area (e.g. "Active borrowers")."""

    name: Line
    values: list[PeriodValue] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Values over time, oldest first; the framework asks for at least three years."""
    trend: Trend | None = None
    """The direction the team reads in the values."""
    note: Text = ""
    """A trend note, for when yearly values are not to hand."""

    @property
    def covers_three_years(self) -> bool:
        """Whether this measure shows a trend over at least three periods (or has a note)."""
        return len(self.values) >= 3 or bool(self.note.strip())


class AreaRecord(_Record):
    """What the team recorded for one results area of Section 1."""

    state: ProgressState = "not-started"
    no_data_yet: bool = False
    """The service does not collect data for this area yet (a plan action, not a failure)."""
    measures: list[Measure] = Field(default_factory=list, max_length=MAX_ITEMS)
    notes: Text = ""
    """What the trends show, in the team's words."""
    strengths: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)
    improvements: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Areas for improvement."""

    @property
    def has_content(self) -> bool:
        """Whether anything has been recorded."""
        return bool(
            self.no_data_yet or self.measures or self.notes or self.strengths or self.improvements
        )


class Approach(_Record):
    """One line of the flipchart: a method or practice in place or planned."""

    text: Line
    status: ApproachStatus = "in-place"


class Evidence(_Record):
    """The team's summary of the data relating to a characteristic."""

    summary: Text = ""
    sources_reviewed: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Data sources looked at: the framework's recommended sources and any others."""


class Rating(_Record):
    """The agreed rating of one matrix element for one characteristic."""

    value: RatingValue | None = None
    """0 Not at all … 4 Completely; None until the team agrees."""
    note: Text = ""
    """Why the team chose this rating."""
    votes: dict[Name, RatingValue] = Field(
        default_factory=dict, max_length=MAX_ITEMS, exclude_if=lambda votes: not votes
    )
    """Individual ratings by team member, before consensus (reserved; no screen yet)."""


class CharacteristicRecord(_Record):
    """What the team recorded for one characteristic of Section 2."""

    state: ProgressState = "not-started"
    approaches: list[Approach] = Field(default_factory=list, max_length=MAX_ITEMS)
    """The flipchart: approaches in place or planned."""
    evidence: Evidence = Field(default_factory=Evidence)
    ratings: dict[ElementId, Rating] = Field(default_factory=dict)
    """The evaluation matrix, keyed by element id (``plan``, ``do``, ``check-act``, ``impact``)."""
    strengths: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)
    improvements: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Areas for improvement."""

    def rating_for(self, element_id: str) -> int | None:
        """The agreed rating for an element, or None if it is not yet rated."""
        rating = self.ratings.get(element_id)
        return rating.value if rating else None

    def rated_count(self, framework: Framework) -> int:
        """How many of the framework's matrix elements have a rating."""
        return sum(self.rating_for(e.id) is not None for e in framework.elements)

    @property
    def has_content(self) -> bool:
        """Whether anything has been recorded."""
        return bool(
            self.approaches
            or self.evidence.summary
            or self.evidence.sources_reviewed
            or any(r.value is not None or r.note for r in self.ratings.values())
            or self.strengths
            or self.improvements
        )


class Action(_Record):
    """One action of the improvement plan."""

    id: Id
    """Stable key, e.g. ``a7``."""
    action: Line
    """What will be done."""
    item: ItemId | None = None
    """The results area or characteristic this action answers."""
    improvement: Text = ""
    """The area for improvement (or missing data) it answers, as the team worded it."""
    owner: Name = ""
    due: date | None = None
    priority: Priority = "medium"
    status: ActionStatus = "proposed"
    origin: ActionOrigin = "team"
    """Where the action came from: an area for improvement, missing data, or the team."""


class ImprovementPlan(_Record):
    """The improvement plan, built once the self-assessment is complete."""

    actions: list[Action] = Field(default_factory=list, max_length=MAX_ITEMS)
    notes: Text = ""

    @model_validator(mode="after")
    def _unique_ids(self) -> ImprovementPlan:
        ids = [a.id for a in self.actions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"action ids must be unique; repeated: {', '.join(duplicates)}")
        return self

    def next_id(self) -> str:
        """A fresh action id (``a1``, ``a2`` …)."""
        taken = {a.id for a in self.actions}
        n = len(self.actions) + 1
        while f"a{n}" in taken:
            n += 1
        return f"a{n}"


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


def day_label(when: date, *, short: bool = False) -> str:
    """``12 March 2026`` (``12 Mar 2026`` when ``short``), the same on every platform.

    Not ``strftime("%-d")``: that flag is glibc's, and Windows rejects it with ValueError.
    """
    return f"{when.day} {when:%b %Y}" if short else f"{when.day} {when:%B %Y}"


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Finding:
    """A gentle remark about the findings of one item ("only one strength so far")."""

    item_id: str
    message: str


@dataclass(frozen=True)
class Progress:
    """How far the workshop has got across all 14 items."""

    agreed: int
    in_progress: int
    not_started: int
    unknown: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Number of items (4 results areas and 10 characteristics)."""
        return self.agreed + self.in_progress + self.not_started

    @property
    def label(self) -> str:
        """E.g. "7/14 agreed"."""
        return f"{self.agreed}/{self.total} agreed"


def count_remark(kind: str, items: list[str]) -> str | None:
    """A gentle remark when a findings list falls outside two to four items, else None.

    Args:
        kind: "strength" or "area for improvement".
        items: the list as recorded.
    """
    count = len(items)
    plural = "areas for improvement" if kind == "area for improvement" else f"{kind}s"
    if count < FINDINGS_MIN:
        have = "none yet" if count == 0 else f"only {count} {kind}"
        return f"{have}: aim for two to four {plural}"
    if count > FINDINGS_MAX:
        return f"{count} {plural}: the method suggests two to four; consider merging some"
    return None


class Session(_Record):
    """One self-assessment: the who, the what, the team's findings and the plan."""

    schema_version: Literal[1] = SCHEMA_VERSION
    """The session file format; bumped only with a migration."""
    framework: FrameworkRef
    service: ServiceInfo
    workshop: Workshop = Field(default_factory=Workshop)
    results: dict[AreaId, AreaRecord] = Field(default_factory=dict)
    """Section 1, keyed by results area id."""
    characteristics: dict[CharacteristicId, CharacteristicRecord] = Field(default_factory=dict)
    """Section 2, keyed by characteristic id."""
    plan: ImprovementPlan = Field(default_factory=ImprovementPlan)
    findings: Findings = Field(
        default_factory=Findings, exclude_if=lambda findings: findings == Findings()
    )
    """Key messages and sign-off for the findings document (left out of the file until set)."""
    position: Position = Field(default_factory=Position)
    created: datetime = Field(default_factory=_utc_now)
    updated: datetime = Field(default_factory=_utc_now)

    @field_validator("created", "updated")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return value if value.tzinfo else value.replace(tzinfo=UTC)

    @classmethod
    def new(
        cls,
        framework: Framework,
        service: ServiceInfo,
        workshop: Workshop | None = None,
        *,
        now: datetime | None = None,
    ) -> Session:
        """Start a session with an empty record for every area and characteristic."""
        stamp = now or _utc_now()
        session = cls(
            framework=framework.reference,
            service=service,
            workshop=workshop or Workshop(dates=[stamp.date()]),
            created=stamp,
            updated=stamp,
        )
        session.fill_missing(framework)
        return session

    def fill_missing(self, framework: Framework) -> None:
        """Add empty records for any area, characteristic or matrix element not yet present."""
        for area in framework.areas:
            self.results.setdefault(area.id, AreaRecord())
        for characteristic in framework.items:
            record = self.characteristics.setdefault(characteristic.id, CharacteristicRecord())
            for element in framework.elements:
                record.ratings.setdefault(element.id, Rating())

    def matches(self, framework: Framework) -> bool:
        """Whether the session was made with exactly this framework content."""
        return self.framework.id == framework.id and self.framework.hash == framework.content_hash

    def area(self, area_id: str) -> AreaRecord:
        """The record for a results area, created empty if missing."""
        return self.results.setdefault(area_id, AreaRecord())

    def record(self, characteristic_id: str) -> CharacteristicRecord:
        """The record for a characteristic, created empty if missing."""
        return self.characteristics.setdefault(characteristic_id, CharacteristicRecord())

    def state_of(self, item_id: str) -> ProgressState:
        """The progress state of an area or characteristic."""
        if item_id in self.results:
            return self.results[item_id].state
        if item_id in self.characteristics:
            return self.characteristics[item_id].state
        return "not-started"

    def set_rating(self, characteristic_id: str, element_id: str, value: int | None) -> None:
        """Record (or clear, with None) the agreed rating of one element."""
        record = self.record(characteristic_id)
        rating = record.ratings.setdefault(element_id, Rating())
        rating.value = value
        self.mark_started(characteristic_id)

    def mark_started(self, item_id: str) -> None:
        """Move an item from "not started" to "in progress" (agreed items stay agreed)."""
        target = self.results.get(item_id) or self.characteristics.get(item_id)
        if target is not None and target.state == "not-started":
            target.state = "in-progress"

    def touch(self, now: datetime | None = None) -> None:
        """Record that the session changed."""
        self.updated = now or _utc_now()

    def progress(self, framework: Framework) -> Progress:
        """How many of the framework's items are agreed, in progress and not started."""
        states = [self.state_of(i) for i in framework.item_ids]
        unknown = [i for i in [*self.results, *self.characteristics] if not framework.has_item(i)]
        return Progress(
            agreed=states.count("agreed"),
            in_progress=states.count("in-progress"),
            not_started=states.count("not-started"),
            unknown=unknown,
        )

    def findings_remarks(self, framework: Framework) -> list[Finding]:
        """Gentle remarks where an item has fewer than two or more than four findings.

        Only items the team has started are remarked upon.
        """
        remarks: list[Finding] = []
        for item_id in framework.item_ids:
            record: AreaRecord | CharacteristicRecord | None = self.results.get(
                item_id
            ) or self.characteristics.get(item_id)
            if record is None or record.state == "not-started":
                continue
            for kind, items in (
                ("strength", record.strengths),
                ("area for improvement", record.improvements),
            ):
                remark = count_remark(kind, items)
                if remark:
                    remarks.append(Finding(item_id, remark))
        return remarks

    def unrated(self, framework: Framework) -> Iterator[tuple[Characteristic, MatrixElement]]:
        """Every (characteristic, element) pair still without a rating."""
        for characteristic in framework.items:
            record = self.characteristics.get(characteristic.id)
            for element in framework.elements:
                if record is None or record.rating_for(element.id) is None:
                    yield characteristic, element

    def suggested_actions(self, framework: Framework) -> list[Action]:
        """Draft plan actions: one per area for improvement and per "no data yet" area.

        Suggestions already in the plan (same item and wording) are left out, so the team can
        ask for suggestions again after editing without getting duplicates.
        """
        existing = {(a.item, a.improvement) for a in self.plan.actions}
        suggestions: list[Action] = []
        next_number = len(self.plan.actions) + 1
        taken = {a.id for a in self.plan.actions}

        def fresh_id() -> str:
            nonlocal next_number
            while f"a{next_number}" in taken:
                next_number += 1
            taken.add(f"a{next_number}")
            return f"a{next_number}"

        for area in framework.areas:
            record = self.results.get(area.id)
            if record is None:
                continue
            if record.no_data_yet:
                wording = f"No data collected yet for {area.label}"
                if (area.id, wording) not in existing:
                    suggestions.append(
                        Action(
                            id=fresh_id(),
                            action=f"Start collecting data on {area.title.lower()}",
                            item=area.id,
                            improvement=wording,
                            origin="no-data",
                        )
                    )
            for improvement in record.improvements:
                if (area.id, improvement) not in existing:
                    suggestions.append(
                        Action(
                            id=fresh_id(),
                            action=improvement,
                            item=area.id,
                            improvement=improvement,
                            origin="improvement",
                        )
                    )
        for characteristic in framework.items:
            record = self.characteristics.get(characteristic.id)
            if record is None:
                continue
            for improvement in record.improvements:
                if (characteristic.id, improvement) not in existing:
                    suggestions.append(
                        Action(
                            id=fresh_id(),
                            action=improvement,
                            item=characteristic.id,
                            improvement=improvement,
                            origin="improvement",
                        )
                    )
        return suggestions
