"""Placement stability as the DfE publishes it (and Data to Insight's tools reproduce it from the
SSDA903 return), for a child on a day and as a council's share.

Sources: DfE, "Stability measures for children looked after in England" and "Children looked
after in England including adoptions" (methodology and data guidance): the figures are for
children looked after on 31 March, leaving out children looked after under an agreed series of
short-term placements (LS V3, V4). Two indicators, the former national indicators NI 62 and NI 63:

- Short-term: children with 3 or more placements during the year (here: the 12 months ending on
  the day asked about, so a live figure can be had on any day; on 31 March it is the DfE's year).
- Long-term: children aged under 16 who have been looked after continuously for at least 2.5
  years, and who were living in the same placement for at least 2 years, or are placed for
  adoption and their adoptive placement together with their previous placement lasts at least 2
  years. (The 2024 release words the placement as "living with the same carer".)

Which episodes are placements: ``journey._placements_from_episodes`` (a new carer starts one; a
change with the same carers, a temporary placement and the return from it do not).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from homeward.domain import calendar as cal
from homeward.domain.measures.figures import NO_CHILD_QUALIFIES, fmt, nearest
from homeward.domain.measures.journey import ADOPTIVE_PLACEMENTS, ChildJourney, Placement

SOURCE: Final = (
    "DfE, Stability measures for children looked after in England; Children looked after in "
    "England including adoptions: methodology (placement stability; former NI 62 and NI 63)"
)
THREE_OR_MORE: Final = 3
UNDER_AGE: Final = 16
LOOKED_AFTER_MONTHS: Final = 30  # 2.5 years
SAME_PLACEMENT_MONTHS: Final = 24  # 2 years


@dataclass(frozen=True)
class StabilityFigure:
    """One child on one day. ``in_cohort``: the child is among those the indicator counts;
    ``flagged``: the indicator's condition holds (3 or more placements; or stable for 2 years);
    ``placements``: how many placements were counted (short-term) ."""

    indicator: str
    child_id: str
    on: dt.date
    in_cohort: bool
    flagged: bool
    placements: int | None = None
    since: dt.date | None = None
    note: str = ""


def _looked_after_counted(child: ChildJourney, on: dt.date) -> str:
    """Why a child is not in the stability cohorts on ``on`` ("" if they are)."""
    if child.period_on(on) is None:
        return f"Not looked after on {fmt(on)}."
    if child.in_short_breaks(on):
        return "Looked after under an agreed series of short breaks: not counted."
    return ""


def counted_in_cohorts(child: ChildJourney, on: dt.date) -> bool:
    """``_looked_after_counted`` without its words, for working a day out many times."""
    return child.period_on(on) is not None and not child.in_short_breaks(on)


def placements_counted(child: ChildJourney, on: dt.date) -> int | None:
    """The placements ``three_or_more_placements`` counts on ``on``, ``None`` where the child
    is not in its cohort (the figure without its words)."""
    return len(placements_in_year(child, on)) if counted_in_cohorts(child, on) else None


def stable_since(child: ChildJourney, on: dt.date) -> tuple[bool, dt.date | None] | None:
    """``long_term_stability`` without its words: whether it flags the child on ``on`` and
    since when they have been in the same placement, ``None`` where not in its cohort."""
    if not counted_in_cohorts(child, on):
        return None
    age = child.age_on(on)
    if age is None or age >= UNDER_AGE:
        return None
    period = child.period_on(on)
    if period is not None and period.start > cal.add_months(on, -LOOKED_AFTER_MONTHS):
        return None
    since = _stable_since(child, on)
    return since is not None and since <= cal.add_months(on, -SAME_PLACEMENT_MONTHS), since


def year_ending(on: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 months ending on ``on``, both ends included (to 31 March 2026: from 1 April
    2025; to 29 February 2028: from 1 March 2027)."""
    return cal.add_months(on, -12) + dt.timedelta(days=1), on


def placements_in_year(child: ChildJourney, on: dt.date) -> list[Placement]:
    first, last = year_ending(on)
    return [p for p in child.placements if p.overlaps(first, last) and p.start <= last]


def three_or_more_placements(child: ChildJourney, on: dt.date) -> StabilityFigure:
    """Looked after on ``on`` with 3 or more placements in the 12 months ending that day (the
    placement the child was in when the year began counts as one)."""
    why = _looked_after_counted(child, on)
    if why:
        return StabilityFigure("placements-3-plus", child.child_id, on, False, False, note=why)
    count = len(placements_in_year(child, on))
    first, _ = year_ending(on)
    return StabilityFigure(
        "placements-3-plus",
        child.child_id,
        on,
        True,
        count >= THREE_OR_MORE,
        count,
        first,
        placements_note(count, on),
    )


def placements_note(count: int, on: dt.date) -> str:
    """ "3 placements from 1 April 2025 to 31 March 2026." """
    first, _ = year_ending(on)
    return f"{count} placement{'s' if count != 1 else ''} from {fmt(first)} to {fmt(on)}."


def _stable_since(child: ChildJourney, on: dt.date) -> dt.date | None:
    """The start of the child's current placement, or, where it began as a placement for
    adoption with new carers, of the placement before it where the two run on without a break
    (a placement that began as fostering with the carers who then adopt counts from its own
    start already)."""
    current = [p for p in child.placements if p.start <= on and (p.end is None or on < p.end)]
    if not current:
        return None
    placement = current[-1]
    if placement.first_type in ADOPTIVE_PLACEMENTS:
        before = [p for p in child.placements if p.end == placement.start]
        if before:
            return before[-1].start
    return placement.start


def long_term_stability(child: ChildJourney, on: dt.date) -> StabilityFigure:
    """Under 16, looked after continuously for 2.5 years or more on ``on``, and in the same
    placement for 2 years or more (or placed for adoption, the adoptive placement and the one
    before it together 2 years or more)."""
    indicator = "long-term-stability"
    why = _looked_after_counted(child, on)
    period = child.period_on(on)
    age = child.age_on(on)
    if not why and age is None:
        why = "No date of birth recorded: cannot tell whether under 16."
    elif not why and age is not None and age >= UNDER_AGE:
        why = f"Aged {age} on {fmt(on)}: the indicator counts children under 16."
    elif not why and period is not None and period.start > cal.add_months(on, -LOOKED_AFTER_MONTHS):
        why = f"Looked after since {fmt(period.start)}: less than 2.5 years on {fmt(on)}."
    if why:
        return StabilityFigure(indicator, child.child_id, on, False, False, note=why)
    since = _stable_since(child, on)
    stable = since is not None and since <= cal.add_months(on, -SAME_PLACEMENT_MONTHS)
    where = f"in the same placement since {fmt(since)}" if since else "no placement recorded"
    return StabilityFigure(
        indicator,
        child.child_id,
        on,
        True,
        stable,
        since=since,
        note=f"Looked after 2.5 years or more; {where}.",
    )


@dataclass(frozen=True)
class Share:
    """How many of a cohort an indicator flags, as a number and a percentage (to the nearest
    whole number, as the DfE publishes it)."""

    indicator: str
    on: dt.date
    figures: tuple[StabilityFigure, ...]  # the cohort

    @property
    def cohort(self) -> int:
        return len(self.figures)

    @property
    def flagged(self) -> int:
        return sum(1 for f in self.figures if f.flagged)

    @property
    def percentage(self) -> int | None:
        if not self.figures:
            return None
        return nearest(Decimal(100 * self.flagged) / Decimal(self.cohort))

    def describe(self) -> str:
        if not self.figures:
            return f"{NO_CHILD_QUALIFIES} on {fmt(self.on)}"
        return f"{self.percentage}% ({self.flagged} of {self.cohort} children on {fmt(self.on)})"


def share_with_three_or_more(children: Iterable[ChildJourney], on: dt.date) -> Share:
    figures = (three_or_more_placements(c, on) for c in children)
    return Share("placements-3-plus", on, tuple(f for f in figures if f.in_cohort))


def share_stable(children: Iterable[ChildJourney], on: dt.date) -> Share:
    figures = (long_term_stability(c, on) for c in children)
    return Share("long-term-stability", on, tuple(f for f in figures if f.in_cohort))
