"""Provides the arithmetic of a rating round: counts per point, median, spread, and quick entry.

A round is how a team shows its individual ratings of one matrix element before it agrees:
either how many people chose each point of the 0–4 scale, or each person's rating by name.
The agreed rating stays the facilitator's decision; these functions only describe the room.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from benchmark_tui.models.common import MAX_ITEMS, clean_line

POINTS = 5
"""The points of the framework's scale, 0 Not at all … 4 Completely."""
WIDE_SPREAD = 2
"""A round whose ratings span this many points or more is worth discussing."""
MAX_VOTERS = 1000
"""Most people one count may hold: far beyond any workshop, a bound for absurd files."""

MAX_NAME = 200
"""Longest name a vote may carry (a session's names are at most 200 characters)."""
MAX_NAMES = MAX_ITEMS
"""Most names one round may hold (a session's lists hold at most this many)."""

_SEPARATORS = re.compile(r"[,;\n]+")
_NAMED = re.compile(r"^(?P<name>.*?)(?:\s*[:=]\s*|\s+[-\u2013\u2014]\s+|\s+)(?P<value>[^\s:=]+)$")
"""A name, then ``:``, ``=``, a dash between spaces or only a space, then the vote."""
_VOTE = re.compile(r"0*[0-4]")
"""A vote as typed: ASCII digits only, 0 to 4 (``03`` is 3)."""
_COUNT = re.compile(r"[0-9]+")
_SIGNS = "+-\u2212"
"""A plus, a hyphen-minus and the minus sign."""


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

    It is strict: a vote or a count is written with the ASCII digits 0-9 and no sign, so
    ``Sam -3`` and ``-1 0 0 0 0`` are refused rather than read as something else. The box is
    hidden from the room until the reveal, so a message never repeats what was typed: it
    says which entry is wrong by its position ("the 3rd vote is not a whole number from 0
    to 4").

    Raises:
        ValueError: with a sentence saying what to type instead.
    """
    text = text.strip()
    if not text:
        raise ValueError(
            "type five counts, e.g. 0 1 3 1 0, or each person's rating: Sam 3, Priya 2"
        )
    numbers = text.replace(",", " ").split()
    if not any(ch.isalpha() for ch in text):
        return _counts(numbers), {}
    return [], _votes(text)


def _counts(numbers: list[str]) -> list[int]:
    """Five counts, each written with the digits 0-9."""
    for n, number in enumerate(numbers, start=1):
        if number[:1] in _SIGNS and _COUNT.fullmatch(number[1:]):
            if number[:1] == "+":
                raise ValueError(
                    f"the {ordinal(n)} count is written with a sign: write how many people "
                    "chose each point, e.g. 0 1 3 1 0"
                )
            raise ValueError(
                f"the {ordinal(n)} count is below 0: a count is how many people chose that "
                "point, e.g. 0 1 3 1 0"
            )
        if not _COUNT.fullmatch(number):
            raise ValueError(
                f"the {ordinal(n)} count is not a whole number written with the digits 0-9 "
                "(e.g. 0 1 3 1 0)"
            )
    if len(numbers) != POINTS:
        raise ValueError(
            f"{len(numbers)} numbers: give five counts, one for each point 0 to 4 (e.g. 0 1 3 1 0)"
        )
    if any(len(number.lstrip("0")) > len(str(MAX_VOTERS)) for number in numbers):
        raise ValueError(f"a count of more than {MAX_VOTERS} people is surely a typo")
    counts = [int(number) for number in numbers]
    if any(c > MAX_VOTERS for c in counts):
        raise ValueError(f"a count of more than {MAX_VOTERS} people is surely a typo")
    if not any(counts):
        raise ValueError("every count is 0: nobody has rated yet")
    return counts


def _votes(text: str) -> dict[str, int]:
    """Each person's rating by name, names as the session keeps them (cleaned)."""
    votes: dict[str, int] = {}
    seen: dict[str, int] = {}
    parts = [part.strip() for part in _SEPARATORS.split(text)]
    for n, part in enumerate((part for part in parts if part), start=1):
        if n > MAX_NAMES:
            raise ValueError(
                f"more than {MAX_NAMES} names: a round holds at most {MAX_NAMES} names"
            )
        match = _NAMED.match(part)
        if match is None and not any(ch.isalpha() for ch in part):
            raise ValueError(
                f"the {ordinal(n)} vote has no name: write each person's name and rating, "
                "e.g. Sam 3"
            )
        if match is None:
            raise ValueError(
                f"the {ordinal(n)} entry has no rating: write a name and a rating 0 to 4, "
                "e.g. Sam 3"
            )
        name, vote = clean_line(match["name"]), match["value"]
        if not any(ch.isalpha() for ch in name):
            raise ValueError(
                f"the {ordinal(n)} vote has no name: write each person's name and rating, "
                "e.g. Sam 3"
            )
        if not _VOTE.fullmatch(vote):
            raise ValueError(
                f"the {ordinal(n)} vote is not a whole number from 0 to 4 (write it with "
                "the digits 0-4, no sign, e.g. Sam 3)"
            )
        if len(name) > MAX_NAME:
            raise ValueError(
                f"the {ordinal(n)} name is longer than {MAX_NAME} characters: a name of at "
                f"most {MAX_NAME} characters"
            )
        key = name.casefold()
        if key in seen:
            raise ValueError(
                f"the {ordinal(n)} name is the {ordinal(seen[key])} again: give each person once"
            )
        seen[key] = n
        votes[name] = int(vote)
    return votes


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th`` … ``11th``, ``12th``, ``13th``, ``21st``."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"
