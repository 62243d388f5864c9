"""Provides figures: a measure's values read as numbers with a unit, and the two rules over them.

A value is kept as the team typed it; where it is a number (``41,200``, ``£3.10``, ``87%``,
``-£5.20``) it is also read as one, with its unit (£, $, € before it; % after it) and its
decimals, so it can be compared. Anything else (``n/a``, ``87% (n=1,240)``) is text: never
guessed at.

The rules, each stated in words where it is used:

- **standing** against a comparator: *in line with* within ±2 % of the comparator's figure,
  otherwise *above* or *below* (:func:`standing_of`);
- **trend** suggested from the figures: from the first year's figure to the last year's, a
  change beyond ±5 % is improving or declining (by which way is better), within it stable;
  figures that moved more than 5 % both up and down from one year to the next are mixed
  (:func:`suggest_trend`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from benchmark_tui.models.common import Trend

Standing = Literal["above", "below", "in-line"]
"""Where the team's figure stands against a comparator's."""
Better = Literal["higher", "lower"]
"""Which way a measure's figures are better (visits: higher; cost per visit: lower)."""

STANDING_LABELS: dict[str, str] = {"above": "above", "below": "below", "in-line": "in line with"}
CURRENCIES = ("£", "$", "€")
UNITS = (*CURRENCIES, "%")
"""The units read from a typed value; any other unit is a word on the measure (``visits``)."""

IN_LINE_WITHIN = 0.02
"""A figure within this share of the comparator's is in line with it (±2 %)."""
TREND_THRESHOLD = 0.05
"""A change from the first year to the last beyond this share is a trend (±5 %)."""

STANDING_RULE = (
    f"In line with: within ±{IN_LINE_WITHIN:.0%} of the comparator's figure; above or below "
    "otherwise. The team can overrule it."
).replace("%", " %", 1)
TREND_RULE = (
    f"Suggested from the first year's figure to the last year's: a change beyond "
    f"±{TREND_THRESHOLD:.0%} is improving or declining (by whether higher or lower is better), "
    f"within it stable; mixed when the figures moved more than {TREND_THRESHOLD:.0%} both up "
    "and down from one year to the next. The team accepts it or decides otherwise."
).replace("%", " %")

_FIGURE = re.compile(
    r"^(?P<sign>[-+])?\s*(?P<cur>[£$€])?\s*(?P<sign2>[-+])?\s*"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?\s*(?P<pct>%)?$"
)


@dataclass(frozen=True)
class Figure:
    """A value read as a number, with its unit and the decimals it was typed with."""

    number: float
    unit: str = ""
    """``£``, ``$``, ``€``, ``%`` or "" (a count, or a unit named on the measure)."""
    decimals: int = 0

    @property
    def text(self) -> str:
        """The figure written as people write it (``£15.90``, ``41,200``, ``87%``)."""
        return figure_text(self.number, self.unit, self.decimals)


def read_figure(typed: str) -> Figure | None:
    """The number in a value typed as one (see the module), or None when it is text."""
    text = typed.strip().replace("\u2212", "-")
    found = _FIGURE.match(text)
    if found is None or (found["cur"] and found["pct"]):
        return None
    if found["sign"] and found["sign2"]:
        return None
    digits = found["int"].replace(",", "") + (f".{found['dec']}" if found["dec"] else "")
    number = float(digits)
    if "-" in (found["sign"] or "", found["sign2"] or ""):
        number = -number
    unit = found["cur"] or found["pct"] or ""
    return Figure(number, unit, len(found["dec"] or ""))


def figure_text(number: float, unit: str = "", decimals: int | None = None) -> str:
    """Write a number as people write it: thousands separated, the unit in its place.

    Args:
        number: the figure.
        unit: ``£``, ``$``, ``€`` (before), ``%`` (after), or "" (none).
        decimals: how many decimals; None: as few as the number needs (two for money that is
            not whole pounds).
    """
    if decimals is None:
        exact = Decimal(repr(float(number))).normalize()
        places = max(0, -int(exact.as_tuple().exponent))
        decimals = min(places, 6)
        if unit in CURRENCIES and decimals:
            decimals = max(decimals, 2)
    rounded = Decimal(repr(float(number))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    body = f"{abs(rounded):,.{decimals}f}"
    if unit in CURRENCIES:
        return f"{sign}{unit}{body}"
    return f"{sign}{body}{unit}"


def units_match(first: Figure, second: Figure) -> bool:
    """Whether two figures can be compared: the same unit, or one of them has none."""
    return first.unit == second.unit or not first.unit or not second.unit


def _share(change: float, base: float) -> float | None:
    """``change`` as a share of ``base`` (None when the base is 0)."""
    return change / abs(base) if base else None


def standing_of(ours: Figure, theirs: Figure) -> Standing | None:
    """Where our figure stands against a comparator's by :data:`STANDING_RULE` (None: units
    differ)."""
    if not units_match(ours, theirs):
        return None
    share = _share(ours.number - theirs.number, theirs.number)
    if share is None:  # the comparator's figure is 0: only 0 is in line with it
        share = 0.0 if ours.number == 0 else (1.0 if ours.number > 0 else -1.0)
    if abs(share) <= IN_LINE_WITHIN + 1e-12:
        return "in-line"
    return "above" if share > 0 else "below"


@dataclass(frozen=True)
class TrendSuggestion:
    """The trend the figures suggest, and why, in words."""

    trend: Trend | None
    """None: no suggestion (fewer than two figures, or which way is better is not said)."""
    reason: str
    """``612,400 in 2021/22 to 1,068,900 in 2024/25: +74.5 %, beyond ±5 %; higher is better``
    or why there is no suggestion."""
    rule: str = TREND_RULE


def _percent(share: float) -> str:
    return f"{share * 100:+.1f} %"


def suggest_trend(figures: Sequence[tuple[str, Figure]], better: Better | None) -> TrendSuggestion:
    """Suggest a trend from figures oldest first, each with its period, by :data:`TREND_RULE`.

    Args:
        figures: (period, figure) oldest first; text values already left out.
        better: which way is better; without it only *stable* and *mixed* can be suggested.
    """
    if len(figures) < 2:
        return TrendSuggestion(None, "fewer than two figures to compare")
    (first_period, first), (last_period, last) = figures[0], figures[-1]
    if not all(units_match(first, figure) for _p, figure in figures):
        return TrendSuggestion(None, "the figures are in different units")
    steps = [
        _share(b.number - a.number, a.number)
        for (_pa, a), (_pb, b) in zip(figures, figures[1:], strict=False)
    ]
    ups = any(s is not None and s > TREND_THRESHOLD for s in steps)
    downs = any(s is not None and s < -TREND_THRESHOLD for s in steps)
    share = _share(last.number - first.number, first.number)
    span = f"{first.text} in {first_period} to {last.text} in {last_period}"
    threshold = f"±{TREND_THRESHOLD:.0%}".replace("%", " %")
    if ups and downs:
        return TrendSuggestion("mixed", f"{span}: up and down by more than {threshold[1:]}")
    if share is None:
        return TrendSuggestion(None, f"{span}: no change can be worked out from 0")
    if abs(share) <= TREND_THRESHOLD + 1e-12:
        return TrendSuggestion("stable", f"{span}: {_percent(share)}, within {threshold}")
    beyond = f"{span}: {_percent(share)}, beyond {threshold}"
    if better is None:
        return TrendSuggestion(None, f"{beyond}; say whether higher or lower is better")
    went_up = share > 0
    improving = went_up == (better == "higher")
    return TrendSuggestion(
        "improving" if improving else "declining", f"{beyond}; {better} is better"
    )
