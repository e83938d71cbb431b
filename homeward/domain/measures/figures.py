"""A measure, one child's figure for it, and a council's average over a window: the shapes every
measure returns, so a page can show the figure, how many children it counts, and the children
behind it. Where no child qualifies the average says so; it is never 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from homeward.domain import calendar as cal

NO_CHILD_QUALIFIES = "No child qualifies"


def fmt(day: dt.date) -> str:
    """As Homeward shows dates: 14 March 2026."""
    return f"{day.day} {day:%B %Y}"


def nearest(value: Decimal) -> int:
    """Rounded to the nearest whole number, halves up (the scorecards' figures are "rounded to
    the nearest day"; Python's ``round`` would round halves to even)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Measure:
    """A national measure: its code, what it counts, its threshold in days where it has one (a
    figure at or under it is within), and where its definition comes from."""

    code: str
    title: str
    threshold_days: int | None
    source: str
    # What puts a child (or a set of proceedings) into a period's figure, in words.
    counted_when: str
    # What one figure is of, singular and plural ("set of proceedings" for the 26 weeks).
    noun: tuple[str, str] = ("child", "children")


@dataclass(frozen=True)
class ChildFigure:
    """One child's figure for a measure. ``days`` is ``None`` where the child does not qualify
    (yet), and ``note`` says why; ``counted_on`` is the day that puts the figure into a period's
    average (the adoption order, the final order), ``None`` while it does not count yet."""

    measure: Measure
    child_id: str
    days: int | None
    start: dt.date | None = None
    end: dt.date | None = None
    counted_on: dt.date | None = None
    note: str = ""

    @property
    def qualifies(self) -> bool:
        return self.days is not None

    @property
    def within_threshold(self) -> bool | None:
        if self.days is None or self.measure.threshold_days is None:
            return None
        return self.days <= self.measure.threshold_days


@dataclass(frozen=True)
class Window:
    """The days a figure covers, both ends included."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"a window cannot end ({self.last}) before it starts ({self.first})")

    @classmethod
    def years_to_31_march(cls, year: int, years: int = 3) -> Window:
        """The scorecards' period: the ``years`` years ending 31 March ``year`` (2023-26 for
        2026: 1 April 2023 to 31 March 2026)."""
        return cls(dt.date(year - years, 4, 1), dt.date(year, 3, 31))

    @classmethod
    def years_to(cls, day: dt.date, years: int = 3) -> Window:
        """The ``years`` years ending on ``day``, for a live figure (to 24 November 2026: from
        25 November 2023)."""
        return cls(cal.add_months(day, -12 * years) + dt.timedelta(days=1), day)

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def describe(self) -> str:
        return f"{fmt(self.first)} to {fmt(self.last)}"


@dataclass(frozen=True)
class Average:
    """A council's mean over the figures counted in a window (mean of days, rounded to the
    nearest day), with how many it counts and how many were within the threshold."""

    measure: Measure
    window: Window
    figures: tuple[ChildFigure, ...]

    @property
    def count(self) -> int:
        return len(self.figures)

    @property
    def mean_days(self) -> int | None:
        if not self.figures:
            return None
        total = sum(f.days for f in self.figures if f.days is not None)
        return nearest(Decimal(total) / Decimal(len(self.figures)))

    @property
    def within_threshold(self) -> int | None:
        """How many of the figures were at or under the threshold (``None`` without one)."""
        if self.measure.threshold_days is None:
            return None
        return sum(1 for f in self.figures if f.within_threshold)

    @property
    def meets_threshold(self) -> bool | None:
        mean = self.mean_days
        if mean is None or self.measure.threshold_days is None:
            return None
        return mean <= self.measure.threshold_days

    def describe(self) -> str:
        if not self.figures:
            return f"{NO_CHILD_QUALIFIES} ({self.window.describe()})"
        noun = self.measure.noun[0] if self.count == 1 else self.measure.noun[1]
        return f"{self.mean_days} days ({self.count} {noun}, {self.window.describe()})"


def average(
    measure: Measure,
    figures: Iterable[ChildFigure],
    window: Window,
) -> Average:
    """The mean of the qualifying figures whose ``counted_on`` falls in ``window``."""
    counted = tuple(
        f
        for f in figures
        if f.measure == measure
        and f.days is not None
        and f.counted_on is not None
        and window.contains(f.counted_on)
    )
    return Average(measure, window, counted)
