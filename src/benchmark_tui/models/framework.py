"""Provides the framework models: the Benchmarking Framework as loaded from ``framework.yaml``.

They are frozen: the framework is read once and never changed by the app.
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from benchmark_tui.models.common import (
    Id,
    Name,
    _Record,
)

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

    @property
    def item_ids(self) -> list[str]:
        """Every area and characteristic id, in workshop order (Section 1, then Section 2)."""
        return [a.id for a in self.areas] + [c.id for c in self.items]

    @property
    def reference(self) -> FrameworkRef:
        """What a session records about the framework it was made with."""
        return FrameworkRef(id=self.id, version=self.version, hash=self.content_hash)


class FrameworkRef(_Record):
    """Which framework a session was made with."""

    id: Id
    version: Name
    hash: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    """The framework's :attr:`Framework.content_hash` when the session was created."""
