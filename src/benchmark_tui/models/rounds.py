"""Provides the arithmetic of a rating round: counts per point, median, spread, and quick entry.

A round is how a team shows its individual ratings of one matrix element before it agrees:
either how many people chose each point of the 0–4 scale, or each person's rating by name.
The agreed rating stays the facilitator's decision; these functions only describe the room.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

POINTS = 5
"""The points of the framework's scale, 0 Not at all … 4 Completely."""
WIDE_SPREAD = 2
"""A round whose ratings span this many points or more is worth discussing."""
MAX_VOTERS = 1000
"""Most people one count may hold: far beyond any workshop, a bound for absurd files."""

MAX_NAME = 200
"""Longest name a vote may carry (a session's names are at most 200 characters)."""

_SEPARATORS = re.compile(r"[,;\n]+")
_NAMED = re.compile(r"^(?P<name>.*?)\s*[:=]?\s*(?P<value>\d+)$")


def counts_of(votes: Mapping[str, int]) -> list[int]:
    """How many people chose each point, from each person's rating."""
    counts = [0] * POINTS
    for value in votes.values():
        counts[value] += 1
    return counts


def median_of(counts: Sequence[int]) -> float | None:
    """The median rating of a round (2.5 when it falls between two points); None if empty."""
    ratings = [point for point, count in enumerate(counts) for _ in range(count)]
    if not ratings:
        return None
    middle = len(ratings) // 2
    if len(ratings) % 2:
        return float(ratings[middle])
    return (ratings[middle - 1] + ratings[middle]) / 2


def suggested_rating(counts: Sequence[int]) -> int | None:
    """The rating offered to agree: the median, or the lower point when it falls between two.

    The lower one, because the framework asks for evidence of the higher.
    """
    median = median_of(counts)
    return None if median is None else int(median)


def spread_of(counts: Sequence[int]) -> int:
    """How many points lie between the lowest and the highest rating chosen (0 if none)."""
    chosen = [point for point, count in enumerate(counts) if count]
    return max(chosen) - min(chosen) if chosen else 0


def median_label(median: float) -> str:
    """ "3" or "2.5"."""
    return f"{median:g}"


def tally_label(counts: Sequence[int]) -> str:
    """The round in words, lowest point first: "1 at 2, 4 at 3, 1 at 4"."""
    return ", ".join(f"{count} at {point}" for point, count in enumerate(counts) if count)


def parse_round(text: str) -> tuple[list[int], dict[str, int]]:
    """Read a round as the facilitator types it: five counts, or each person's rating.

    ``0 1 3 1 0`` gives the counts for the points 0 to 4; ``Sam 3, Priya 2`` (or one person a
    line, or ``Sam: 3``) gives ratings by name. Exactly one of the two results is non-empty.

    Raises:
        ValueError: with a sentence saying what to type instead.
    """
    text = text.strip()
    if not text:
        raise ValueError(
            "type five counts, e.g. 0 1 3 1 0, or each person's rating: Sam 3, Priya 2"
        )
    numbers = text.replace(",", " ").split()
    if all(n.isdigit() for n in numbers):
        if len(numbers) != POINTS:
            raise ValueError(
                f"{len(numbers)} numbers: give five counts, one for each point 0 to 4 "
                "(e.g. 0 1 3 1 0)"
            )
        counts = [int(n) for n in numbers]
        if any(c > MAX_VOTERS for c in counts):
            raise ValueError(f"a count of more than {MAX_VOTERS} people is surely a typo")
        if not any(counts):
            raise ValueError("every count is 0: nobody has rated yet")
        return counts, {}
    votes: dict[str, int] = {}
    for part in _SEPARATORS.split(text):
        part = part.strip()
        if not part:
            continue
        match = _NAMED.match(part)
        name = match["name"].strip() if match else ""
        if match is None or not name:
            raise ValueError(f"{part!r}: write a name and a rating 0 to 4, e.g. Sam 3")
        value = int(match["value"])
        if value >= POINTS:
            raise ValueError(f"{name}: {value} is not on the scale; use 0 to 4")
        if len(name) > MAX_NAME:
            raise ValueError(f"{name[:20]}…: a name of at most {MAX_NAME} characters")
        if name.casefold() in {n.casefold() for n in votes}:
            raise ValueError(f"{name} is named twice")
        votes[name] = value
    return [], votes
