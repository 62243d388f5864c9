"""Provides what changed between two states of a session, in the team's words.

Used to say what an undo took back ("Undone: Leadership: strength 'Clear vision…' removed")
and what each earlier version differs by ("Leadership: Plan 2 → 3; 1 more change").

Undo restores a whole snapshot, so it never misses a field; these words only describe it. A
difference no phrase here knows (a field added later, say) is still said, in general words
that name the part changed ("Leadership: approaches changed"), never as "no change".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from pydantic import BaseModel

from benchmark_tui.models import (
    AreaRecord,
    CharacteristicRecord,
    Evidence,
    Framework,
    ImprovementPlan,
    Rating,
    Session,
)

QUOTE_LENGTH = 40
NOT_CONTENT = frozenset({"position", "updated", "time_spent", "unsent", "editing"})
"""Session fields that change as the team moves around, as the clock runs and as they type
into a box before sending it (kept as it is typed, never an undo step): a change to them
alone keeps no version, and undo leaves them as they are."""
NOT_CHANGES = NOT_CONTENT | {"created"}
"""Session fields that are not changes to describe. "created" is a time stamp the team never
changes, so it has no words; it stays content, as a file whose stamp differs is another file."""
_DESCRIBED = frozenset(
    {
        "service",
        "workshop",
        "previous",
        "plan_review",
        "results",
        "characteristics",
        "plan",
        "agenda",
        "parking_lot",
        "findings",
    }
)
"""Session fields :func:`changes` describes part by part; any other is said in general."""


def quote(text: str, length: int = QUOTE_LENGTH) -> str:
    """A short quotation of some text, on one line: ``'Clear vision from the…'``."""
    line = " ".join(text.split())
    return f"'{line if len(line) <= length else line[: length - 1].rstrip() + '…'}'"


def changes(
    old: Session, new: Session, framework: Framework | None = None, *, undoing: bool = False
) -> list[str]:
    """Every difference from ``old`` to ``new``, one short phrase each, in workshop order.

    Where the team is in the workshop (``position``) and the time stamps are not changes.
    With ``undoing`` (``new`` is what an undo went back to), a line that comes back is "put
    back", not "added": the room removed it a moment ago.
    """
    found: list[str] = []
    if old.service != new.service:
        found.append("service details changed")
    if _without_attendance(old) != _without_attendance(new):
        found.append("workshop details changed")
    if old.workshop.attendance != new.workshop.attendance:
        found.append("attendance changed")
    if old.previous != new.previous:
        found.append("link to the previous self-assessment changed")
    review = _or_in_general(_review_changes(old, new), old.plan_review, new.plan_review)
    found.extend(f"last plan: {p}" for p in review)
    for item_id in _ordered_ids(old.results, new.results, framework):
        label = _label(item_id, framework)
        before, after = old.results.get(item_id) or AreaRecord(), new.results.get(item_id)
        after = after or AreaRecord()
        area = _or_in_general(_area_changes(before, after), before, after)
        found.extend(f"{label}: {p}" for p in area)
    for item_id in _ordered_ids(old.characteristics, new.characteristics, framework):
        label = _label(item_id, framework)
        before_c = old.characteristics.get(item_id) or CharacteristicRecord()
        after_c = new.characteristics.get(item_id) or CharacteristicRecord()
        said = _characteristic_changes(before_c, after_c, framework)
        found.extend(f"{label}: {p}" for p in _or_in_general(said, before_c, after_c))
    plan = _or_in_general(_plan_changes(old.plan, new.plan), old.plan, new.plan)
    found.extend(f"plan: {p}" for p in plan)
    if old.agenda != new.agenda:
        found.append("agenda changed")
    found.extend(
        _or_in_general(
            _parking_changes(old, new), old.parking_lot, new.parking_lot, part="parking lot: "
        )
    )
    findings = _or_in_general(_findings_changes(old, new), old.findings, new.findings)
    found.extend(f"findings document: {p}" for p in findings)
    for name in Session.model_fields:
        if name not in _DESCRIBED | NOT_CHANGES and getattr(old, name) != getattr(new, name):
            found.append(f"{_field_words(name)} changed")
    if undoing:
        found = [
            p.removesuffix(" added") + " put back" if p.endswith(" added") else p for p in found
        ]
    return found


def _or_in_general(
    phrases: Iterable[str], before: object, after: object, *, part: str = ""
) -> list[str]:
    """The phrases describing a part's changes; if none while the part differs, one general
    phrase naming what differs (``part`` + "approaches changed"), so a change is never
    unsaid."""
    said = list(phrases)
    if said or before == after:
        return said
    if isinstance(before, BaseModel) and isinstance(after, BaseModel):
        names = [
            _field_words(name)
            for name in type(after).model_fields
            if getattr(before, name, None) != getattr(after, name, None)
        ]
        if names:
            return [f"{part}{', '.join(names)} changed"]
    return [f"{part}changed"]


def _field_words(name: str) -> str:
    """A field's name as words: ``parking_lot`` → ``parking lot``."""
    return name.replace("_", " ")


def _parking_changes(old: Session, new: Session) -> Iterator[str]:
    """Points parked, made plan actions, closed or removed (time spent is not a change)."""
    before = {p.id: p for p in old.parking_lot.points}
    for point in new.parking_lot.points:
        was = before.pop(point.id, None)
        if was is None:
            yield f"point {quote(point.text)} parked"
            continue
        if was.text != point.text:
            yield f"parked point {quote(was.text)} edited to {quote(point.text)}"
        if was.state != point.state:
            said = {
                "open": "parked again",
                "suggested": "suggested for the plan",
                "action": "made a plan action",
                "closed": "closed",
            }[point.state]
            if (was.state, point.state) == ("suggested", "open"):
                said = "no longer suggested for the plan"
            yield f"parked point {quote(point.text)} {said}"
        if was != point and was.text == point.text and was.state == point.state:
            yield f"parked point {quote(point.text)} changed"
    for point in before.values():
        yield f"parked point {quote(point.text)} removed"


def _without_attendance(session: Session) -> object:
    """The workshop's details other than who was there on each date."""
    return session.workshop.model_copy(update={"attendance": {}})


def summary(phrases: Sequence[str], *, most: int = 2) -> str:
    """The first few phrases and how many more: ``a; b; 3 more changes``."""
    if not phrases:
        return "no change"
    shown = "; ".join(phrases[:most])
    rest = len(phrases) - most
    if rest > 0:
        shown += f"; {rest} more change{'s' if rest > 1 else ''}"
    return shown


def _ordered_ids(
    old: Mapping[str, object], new: Mapping[str, object], framework: Framework | None
) -> list[str]:
    ids = list(dict.fromkeys([*old, *new]))
    if framework is not None:
        order = {item_id: n for n, item_id in enumerate(framework.item_ids)}
        ids.sort(key=lambda i: order.get(i, len(order)))
    return ids


def _label(item_id: str, framework: Framework | None) -> str:
    if framework is not None and framework.has_item(item_id):
        return framework.item(item_id).title
    return item_id


def _state_change(before: str, after: str) -> Iterator[str]:
    """Agreeing and reopening; "started" follows from the content changes listed anyway."""
    if before != after:
        if after == "agreed":
            yield "agreed"
        elif before == "agreed":
            yield "reopened"


def _list_changes(kind: str, before: Sequence[str], after: Sequence[str]) -> Iterator[str]:
    """Items added, removed or edited, pairing same-position items as edits."""
    if list(before) == list(after):
        return
    removed = [t for t in before if t not in after]
    added = [t for t in after if t not in before]
    for old_text, new_text in zip(removed, added, strict=False):
        yield f"{kind} {quote(old_text)} edited to {quote(new_text)}"
    for text in removed[len(added) :]:
        yield f"{kind} {quote(text)} removed"
    for text in added[len(removed) :]:
        yield f"{kind} {quote(text)} added"
    if not removed and not added:
        yield f"{kind}s reordered"


def _text_change(kind: str, before: str, after: str) -> Iterator[str]:
    if before != after:
        yield f"{kind} {'cleared' if not after else 'written' if not before else 'edited'}"


def _area_changes(before: AreaRecord | None, after: AreaRecord | None) -> Iterator[str]:
    before, after = before or AreaRecord(), after or AreaRecord()
    yield from _state_change(before.state, after.state)
    if before.no_data_yet != after.no_data_yet:
        yield "marked no data collected yet" if after.no_data_yet else "data now collected"
    names_before = [m.name for m in before.measures]
    names_after = [m.name for m in after.measures]
    yield from _list_changes("measure", names_before, names_after)
    for measure in after.measures:
        if measure.name in names_before:
            old = before.measures[names_before.index(measure.name)]
            if old != measure:
                yield f"measure {quote(measure.name)} changed"
    yield from _text_change("notes", before.notes, after.notes)
    yield from _list_changes("strength", before.strengths, after.strengths)
    yield from _list_changes("area for improvement", before.improvements, after.improvements)
    if before.linked != after.linked:
        yield "linked practices changed"


def _characteristic_changes(
    before: CharacteristicRecord | None,
    after: CharacteristicRecord | None,
    framework: Framework | None,
) -> Iterator[str]:
    before, after = before or CharacteristicRecord(), after or CharacteristicRecord()
    yield from _state_change(before.state, after.state)
    yield from _list_changes(
        "approach", [a.text for a in before.approaches], [a.text for a in after.approaches]
    )
    kept_before = {a.text: a for a in before.approaches}
    for approach in after.approaches:
        earlier = kept_before.get(approach.text)
        if earlier is not None and earlier.status != approach.status:
            yield f"approach {quote(approach.text)} marked {approach.status.replace('-', ' ')}"
        if earlier is not None and earlier.from_last_time and not approach.from_last_time:
            yield f"approach {quote(approach.text)} confirmed"
    yield from _text_change("evidence summary", before.evidence.summary, after.evidence.summary)
    yield from _source_changes(before.evidence, after.evidence)
    for element_id in dict.fromkeys([*before.ratings, *after.ratings]):
        old, new = before.ratings.get(element_id), after.ratings.get(element_id)
        title = element_id
        if framework is not None:
            title = next((e.title for e in framework.elements if e.id == element_id), element_id)
        old_value = old.value if old else None
        new_value = new.value if new else None
        if old_value != new_value:
            if new_value is None:
                yield f"{title} rating cleared"
            elif old_value is None:
                yield f"{title} rated {new_value}"
            else:
                yield f"{title} {old_value} → {new_value}"
        yield from _text_change(f"{title} note", old.note if old else "", new.note if new else "")
        yield from _round_changes(
            title,
            before.ratings.get(element_id) or Rating(),
            after.ratings.get(element_id) or Rating(),
        )
    yield from _list_changes("strength", before.strengths, after.strengths)
    yield from _list_changes("area for improvement", before.improvements, after.improvements)


def _source_changes(before: Evidence, after: Evidence) -> Iterator[str]:
    """Data sources reviewed, marked "not collected yet", or no longer so marked (a source
    that moves between the two is one change, not a removal and an addition)."""
    moved = set(before.not_collected) ^ set(after.not_collected)
    yield from _list_changes(
        "data source",
        [s for s in before.sources_reviewed if s not in moved],
        [s for s in after.sources_reviewed if s not in moved],
    )
    for source in after.not_collected:
        if source not in before.not_collected:
            yield f"data source {quote(source)} marked not collected yet"
    for source in before.not_collected:
        if source not in after.not_collected:
            reviewed = " and reviewed" if source in after.sources_reviewed else ""
            yield f"data source {quote(source)} no longer marked not collected yet{reviewed}"


def _round_changes(title: str, before: Rating, after: Rating) -> Iterator[str]:
    """How an element's rating round changed: held, revealed, recounted, removed, dissent."""
    if before.counts != after.counts:
        if not after.has_round:
            yield f"{title} round removed"
        elif not before.has_round:
            yield f"{title} round held ({after.voters} votes)"
        else:
            yield f"{title} round recounted ({after.voters} votes)"
    elif before.votes != after.votes:
        yield f"{title} round's names changed"
    if after.revealed and not before.revealed:
        yield f"{title} round revealed"
    yield from _text_change(f"{title} dissent note", before.dissent, after.dissent)


def _plan_changes(before: ImprovementPlan, after: ImprovementPlan) -> Iterator[str]:
    old = {a.id: a for a in before.actions}
    new = {a.id: a for a in after.actions}
    for action_id, action in new.items():
        if action_id not in old:
            yield f"action {quote(action.action)} added"
        elif old[action_id] != action:
            yield f"action {quote(action.action)} changed"
    for action_id, action in old.items():
        if action_id not in new:
            yield f"action {quote(action.action)} removed"
    kept_before = [a.id for a in before.actions if a.id in new]
    if kept_before != [a.id for a in after.actions if a.id in old]:
        yield "actions reordered"
    yield from _text_change("notes", before.notes, after.notes)
    for draft in after.declined:
        if draft not in before.declined:
            yield f"draft {quote(draft.improvement)} left out"
    for draft in before.declined:
        if draft not in after.declined:
            yield f"draft {quote(draft.improvement)} offered again"


def _findings_changes(old: Session, new: Session) -> Iterator[str]:
    """Key messages written, the status and sign-off changed."""
    before, after = old.findings, new.findings
    yield from _text_change("key messages", before.key_messages, after.key_messages)
    if before.status != after.status:
        yield f"status {after.status.capitalize()}"
    for kind, was, now in (
        ("version", before.version, after.version),
        ("approved by", before.approved_by, after.approved_by),
        ("date approved", str(before.date_approved or ""), str(after.date_approved or "")),
    ):
        if was != now:
            yield f"{kind} {quote(now)}" if now else f"{kind} cleared"
    yield from _text_change("distribution", before.distribution, after.distribution)


def _review_changes(old: Session, new: Session) -> Iterator[str]:
    """How the review of last time's plan changed: outcomes judged, notes written."""
    for action_id in dict.fromkeys([*old.plan_review, *new.plan_review]):
        before, after = old.plan_review.get(action_id), new.plan_review.get(action_id)
        if before == after:
            continue
        outcome_before = before.outcome_label if before else "not reviewed"
        outcome_after = after.outcome_label if after else "not reviewed"
        if outcome_before != outcome_after:
            yield f"action {action_id} {outcome_after}"
        yield from _text_change(
            f"action {action_id} note", before.note if before else "", after.note if after else ""
        )
