"""The adoption scorecard's timeliness measures, A1, A2 and A10, per child and as a council's
three-year average.

Sources. The DfE's "Adoption scorecards: methodology and guidance" (its indicators A1 and A2,
and A10 added in 2012-13) and the DfE's help text for A2 (LG Inform metric 912): each figure is
for the children adopted during the three-year period ending 31 March; it is a mean of days,
rounded to the nearest day; A2 counts from the court's authority to place (a placement order, or
a freeing order before 2005), leaves out children with neither and children not placed for
adoption before the adoption order, and gives 0 days to a child matched before the authority.
Thresholds: SPEC.md §2 (DfE, January 2014: A1 14 months, 426 days; A2 4 months, 121 days; for
2013-16, the last the DfE set). SPEC.md found no separate threshold for A10, so A10 has none here.

Where the methodology is not explicit, and this module chooses:
- "Entering care" is the start of the period of care in which the child was adopted (a child who
  left care and came back counts from the latest return). Check against the year's methodology.
- "Moving in with the adoptive family" is the day the child was placed for adoption (SSDA903
  PLACE A3-A6); A10 moves that back, for a child adopted by carers who were already caring for
  them, to the day the child moved in with those carers.
- The match decision is the latest "matched" (the ADM's match decision; SSDA903 DATE_MATCH) on or
  before the placement for adoption, in that period of care.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

from homeward.domain.measures.figures import Average, ChildFigure, Measure, Window, average, fmt
from homeward.domain.measures.journey import (
    ADOPTIVE_PLACEMENTS,
    COURT_AUTHORITY,
    WITH_CURRENT_CARERS,
    ChildJourney,
    PeriodOfCare,
)

SOURCE: Final = (
    "DfE, Adoption scorecards: methodology and guidance; DfE help text for A2 (LG Inform metric "
    "912); thresholds for 2013-16: DfE, Adoption scorecards and thresholds published (January "
    "2014), SPEC.md section 2"
)
ADOPTED = "the adoption order is made in the period"

A1: Final = Measure(
    "A1",
    "Average time between a child entering care and moving in with its adoptive family, for "
    "children who have been adopted",
    426,
    SOURCE,
    ADOPTED,
)
A2: Final = Measure(
    "A2",
    "Average time between the local authority receiving court authority to place a child and "
    "deciding on a match to an adoptive family, for children who have been adopted",
    121,
    SOURCE,
    ADOPTED,
)
A10: Final = Measure(
    "A10",
    "Average time between a child entering care and moving in with its adoptive family, adjusted "
    "for foster carer adoptions, for children who have been adopted",
    None,  # SPEC.md section 2: "no separate threshold found"
    SOURCE,
    ADOPTED,
)

MATCH_DECISION: Final = "matched"
PLACED_FOR_ADOPTION: Final = "placed_for_adoption"
PLACEMENT_ORDER: Final = "placement_order"
# RNE that begin with new carers: a new period of care (S), a change of carer (P, B).
_NEW_CARERS: Final = frozenset({"S", "P", "B"})


def _period(child: ChildJourney, adopted: dt.date | None) -> PeriodOfCare | None:
    if adopted is not None:
        return child.period_holding(adopted)
    return child.periods[-1] if child.periods else None


def _first_in(period: PeriodOfCare, days: Iterable[dt.date]) -> dt.date | None:
    return next((d for d in days if period.holds(d)), None)


def _placed(child: ChildJourney, period: PeriodOfCare) -> dt.date | None:
    return _first_in(period, child.dates(PLACED_FOR_ADOPTION))


class _Adoption:
    """What A1, A2 and A10 share for one child: the period of care, the adoption order and the
    placement for adoption, or the reason none of them can be counted."""

    def __init__(self, child: ChildJourney) -> None:
        self.child = child
        self.adopted = child.adopted_on()
        self.period = _period(child, self.adopted)
        self.placed = _placed(child, self.period) if self.period else None
        self.why_not = ""
        if self.period is None:
            self.why_not = "No period of care is recorded."
        elif self.placed is None:
            self.why_not = (
                "Adopted without a placement for adoption before the order: not counted."
                if self.adopted
                else "Not yet placed for adoption."
            )
        elif self.adopted is not None and self.placed >= self.adopted:
            self.why_not = "Not placed for adoption before the adoption order: not counted."

    def figure(
        self, measure: Measure, days: int, start: dt.date, end: dt.date, note: str
    ) -> ChildFigure:
        if self.adopted is None:
            note += " Counts in the scorecard once the adoption order is made."
        return ChildFigure(measure, self.child.child_id, days, start, end, self.adopted, note)

    def none(self, measure: Measure, why: str = "") -> ChildFigure:
        return ChildFigure(measure, self.child.child_id, None, note=why or self.why_not)


def a1(child: ChildJourney) -> ChildFigure:
    """Days from entering care (the start of the period of care the child was adopted from) to
    being placed for adoption."""
    facts = _Adoption(child)
    if facts.why_not or facts.period is None or facts.placed is None:
        return facts.none(A1)
    start = facts.period.start
    return facts.figure(
        A1,
        (facts.placed - start).days,
        start,
        facts.placed,
        f"Entered care {fmt(start)}; placed for adoption {fmt(facts.placed)}.",
    )


def a10(child: ChildJourney) -> ChildFigure:
    """A1, except that a child adopted by carers who were already caring for them counts to the
    day they moved in with those carers (the foster carer adjustment)."""
    facts = _Adoption(child)
    if facts.why_not or facts.period is None or facts.placed is None:
        return facts.none(A10)
    start = facts.period.start
    moved_in = moved_in_with_adopters(child, facts.period, facts.placed)
    if moved_in is None:
        return facts.figure(
            A10,
            (facts.placed - start).days,
            start,
            facts.placed,
            f"Entered care {fmt(start)}; moved in with the adoptive family when placed for "
            f"adoption, {fmt(facts.placed)}.",
        )
    return facts.figure(
        A10,
        (moved_in - start).days,
        start,
        moved_in,
        f"Entered care {fmt(start)}; moved in on {fmt(moved_in)} with the carers who went on "
        f"to adopt (placed for adoption with them {fmt(facts.placed)}).",
    )


def moved_in_with_adopters(
    child: ChildJourney, period: PeriodOfCare, placed: dt.date
) -> dt.date | None:
    """The day the child moved in with the carers they were placed for adoption with, where
    that was before the placement for adoption: recorded on the journey, or read off the
    episodes (placed for adoption with the current foster carers, PLACE A3 or A5, goes back
    through the episodes with the same carers, RNE L, T or U, to the one that began with
    them). ``None`` where the child moved to the adopters when placed."""
    recorded = child.moved_in_with_adopters
    if recorded is not None and period.holds(recorded) and recorded <= placed:
        return recorded
    chain = sorted(
        (e for e in child.episodes if period.holds(e.start) and e.start <= placed),
        key=lambda e: e.start,
    )
    adoptive = next((e for e in chain if e.placement_type in ADOPTIVE_PLACEMENTS), None)
    if adoptive is None or adoptive.placement_type not in WITH_CURRENT_CARERS:
        return None
    index = chain.index(adoptive)
    if index == 0:
        return None  # placed for adoption the day the period began: nobody cared for them before
    # A3/A5 says the carers are the current ones, whatever its RNE: step back to the episode
    # before it, then on back while each episode began with the same carers.
    index -= 1
    while index > 0 and chain[index].reason_new_episode not in _NEW_CARERS:
        index -= 1
    return chain[index].start


def court_authority(child: ChildJourney, period: PeriodOfCare) -> dt.date | None:
    """The first placement order (or freeing order) in the period of care."""
    days = child.dates(PLACEMENT_ORDER)
    days += [
        e.start
        for e in child.episodes
        if e.legal_status in COURT_AUTHORITY and period.holds(e.start)
    ]
    return _first_in(period, sorted(days))


def match_decision(
    child: ChildJourney, period: PeriodOfCare, placed: dt.date | None
) -> dt.date | None:
    """The latest match decision in the period, on or before the placement for adoption."""
    days = [
        d
        for d in child.dates(MATCH_DECISION)
        if period.holds(d) and (placed is None or d <= placed)
    ]
    return days[-1] if days else None


def a2(child: ChildJourney) -> ChildFigure:
    """Days from the court's authority to place to the match decision; 0 where the match came
    first (DfE help text for A2)."""
    facts = _Adoption(child)
    period = facts.period
    if period is None:
        return facts.none(A2)
    authority = court_authority(child, period)
    if authority is None:
        return facts.none(A2, "No placement order (court authority to place): not counted in A2.")
    if facts.adopted is not None and facts.why_not:
        return facts.none(A2)
    matched = match_decision(child, period, facts.placed)
    if matched is None:
        return facts.none(A2, f"Placement order {fmt(authority)}; no match decision yet.")
    if matched < authority:
        return facts.figure(
            A2,
            0,
            authority,
            matched,
            f"Matched {fmt(matched)}, before the placement order of {fmt(authority)}: "
            "counted as 0 days.",
        )
    return facts.figure(
        A2,
        (matched - authority).days,
        authority,
        matched,
        f"Placement order {fmt(authority)}; match decision {fmt(matched)}.",
    )


def scorecard(children: Iterable[ChildJourney], window: Window) -> tuple[Average, Average, Average]:
    """A1, A2 and A10 for the children adopted in ``window`` (``Window.years_to_31_march``)."""
    everyone = list(children)
    return (
        average(A1, (a1(c) for c in everyone), window),
        average(A2, (a2(c) for c in everyone), window),
        average(A10, (a10(c) for c in everyone), window),
    )
