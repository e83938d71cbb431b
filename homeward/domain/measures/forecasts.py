"""Forecasts: for a child whose clock is running, the day each national threshold is reached if
nothing moves, the days left, and the step that would stop the clock in time.

A forecast's ``breach_date`` is the clock's start plus the threshold: the day the child's wait
reaches it, so the step is due by then (issue 16's worked example: a placement order 90 days ago
and no match, A2 "breaches in 31 days", 121 - 90). Past it, the threshold is breached and the date
stays where it was, in the past.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from homeward.domain.measures import proceedings as care
from homeward.domain.measures.figures import ChildFigure, Measure, fmt
from homeward.domain.measures.journey import ChildJourney
from homeward.domain.measures.scorecard import (
    A1,
    A2,
    MATCH_DECISION,
    PLACED_FOR_ADOPTION,
    PLACEMENT_ORDER,
    a1,
    a2,
    a10,
    court_authority,
)

HOW_FORECASTS_ARE_MADE: Final = (
    "Each forecast assumes nothing moves from today: a clock that has started keeps running "
    "until the step that stops it is recorded. A2 runs from the placement order to the agency's "
    "decision on the match (threshold 121 days); A1 runs from the day the child entered care to "
    "the day they move in with their adoptive family (426 days); care proceedings run from the "
    "day the application was issued, that day counting as the first of the 26 weeks (Children "
    "Act 1989 s32(1)(a)). The date shown is the day the wait reaches the threshold, so the step "
    "is due by then; days left count from today. Children whose clock has stopped are not "
    "listed."
)

# A child is on the adoption route once one of these is recorded in the period of care.
ADOPTION_ROUTE: Final = (
    "adm_decision",
    "placement_order",
    "placement_consent_given",
    "fostering_for_adoption_placement",
)
# Every journey event kind a forecast reads: the route, the steps that stop its clocks, the
# proceedings, and what the periods of care and placements are read off where no episode says
# (journey.py). A loader may read only these (tests/reports check the forecasts are the same).
EVENTS_READ: Final = frozenset(
    {
        *ADOPTION_ROUTE,
        PLACEMENT_ORDER,
        MATCH_DECISION,
        PLACED_FOR_ADOPTION,
        care.ISSUED,
        care.EXTENDED,
        *care.FINAL,
        "became_looked_after",
        "ceased_looked_after",
        "placement_started",
        "short_breaks_started",
    }
)
MATCH_STEP: Final = "Agency decision on the match"
MOVE_IN_STEP: Final = "The child moves in with the adoptive family (placed for adoption)"
FINAL_ORDER_STEP: Final = "Final hearing and the court's final order"


@dataclass(frozen=True)
class Forecast:
    child_id: str
    measure: Measure
    started: dt.date
    breach_date: dt.date
    days_left: int  # negative once breached
    days_so_far: int  # since the clock started, to today
    next_step: str
    explanation: str
    situation: str = ""  # the explanation's first part, which does not depend on today

    @property
    def breached(self) -> bool:
        return self.days_left < 0

    @property
    def days_over(self) -> int:
        """How many days past the threshold (0 while within it)."""
        return max(0, -self.days_left)


def forecast(
    child_id: str,
    measure: Measure,
    started: dt.date,
    breach_date: dt.date,
    today: dt.date,
    next_step: str,
    situation: str,
) -> Forecast:
    """A forecast on ``today`` from what is stored of it: the clock's start and the day it
    reaches the threshold, the step that stops it, and the child's situation in words (what a
    stored forecast keeps; the days left and the words about them are today's)."""
    days_left = (breach_date - today).days
    if days_left < 0:
        when = (
            f"the threshold was reached on {fmt(breach_date)} and has been breached for "
            f"{-days_left} day{'s' if days_left != -1 else ''}."
        )
    elif days_left == 0:
        when = f"today, {fmt(breach_date)}, is the last day within the threshold."
    else:
        when = (
            f"if nothing moves, the wait reaches the threshold on {fmt(breach_date)}, "
            f"{days_left} day{'s' if days_left != 1 else ''} from today."
        )
    return Forecast(
        child_id,
        measure,
        started,
        breach_date,
        days_left,
        (today - started).days,
        next_step,
        f"{situation}: {when}",
        situation,
    )


def _adoption_forecasts(child: ChildJourney, today: dt.date) -> list[Forecast]:
    period = child.period_on(today)
    if period is None:
        return []

    def recorded(*kinds: str) -> list[dt.date]:
        return [d for d in child.dates(*kinds) if period.start <= d <= today]

    if not recorded(*ADOPTION_ROUTE) or recorded(PLACED_FOR_ADOPTION):
        return []
    found: list[Forecast] = []
    matches = recorded(MATCH_DECISION)
    authority = court_authority(child, period)
    if authority is not None and authority <= today and not matches:
        threshold = A2.threshold_days or 0
        found.append(
            forecast(
                child.child_id,
                A2,
                authority,
                authority + dt.timedelta(days=threshold),
                today,
                MATCH_STEP,
                f"Placement order {fmt(authority)} and no match decision yet ({threshold}-day "
                "A2 threshold)",
            )
        )
    threshold = A1.threshold_days or 0
    situation = (
        f"Entered care {fmt(period.start)}, matched {fmt(matches[-1])}, not yet placed"
        if matches
        else f"Entered care {fmt(period.start)}, not yet matched"
    )
    found.append(
        forecast(
            child.child_id,
            A1,
            period.start,
            period.start + dt.timedelta(days=threshold),
            today,
            MOVE_IN_STEP
            if matches
            else f"{MATCH_STEP}, then {MOVE_IN_STEP[0].lower()}{MOVE_IN_STEP[1:]}",
            f"{situation} ({threshold}-day A1 threshold)",
        )
    )
    return found


def _proceedings_forecasts(child: ChildJourney, today: dt.date) -> list[Forecast]:
    found: list[Forecast] = []
    ceased = child.dates("ceased_looked_after")
    for case in care.proceedings(child):
        if case.ended is not None or case.issued > today:
            continue
        if any(case.issued < day <= today for day in ceased):
            # As the statutory rule "care-proceedings-26-weeks" does (stops: ceased to be looked
            # after), so the forecast never disagrees with the deadline on the worklists.
            continue
        situation = f"Care proceedings issued {fmt(case.issued)}, no final order yet"
        if case.extended_weeks:
            situation += (
                f" (the court extended the timetable by {case.extended_weeks} weeks to "
                f"{fmt(case.extended_to)}; the 26-week measure still counts from the issue)"
            )
        found.append(
            forecast(
                child.child_id,
                care.CARE_PROCEEDINGS,
                case.issued,
                case.last_day_within,
                today,
                FINAL_ORDER_STEP,
                situation,
            )
        )
    return found


def forecasts_for(child: ChildJourney, today: dt.date) -> tuple[Forecast, ...]:
    """The child's running clocks on ``today``, soonest first."""
    found = _adoption_forecasts(child, today) + _proceedings_forecasts(child, today)
    return tuple(sorted(found, key=_order))


def _order(forecast: Forecast) -> tuple[dt.date, str, str]:
    return (forecast.breach_date, forecast.child_id, forecast.measure.code)


def council_forecasts(
    children: Iterable[ChildJourney], today: dt.date, *, include_breached: bool = True
) -> list[Forecast]:
    """Every child's forecasts, soonest first (breached ones, their dates past, come first)."""
    found = [f for child in children for f in forecasts_for(child, today)]
    if not include_breached:
        found = [f for f in found if not f.breached]
    return sorted(found, key=_order)


MEASURES_FORECAST: Final = {m.code: m for m in (A1, A2, care.CARE_PROCEEDINGS)}


def next_change(child: ChildJourney, today: dt.date) -> dt.date | None:
    """The first day after ``today`` on which something a forecast reads happens: an event
    dated in the future, or a period of care ending (the child is not looked after on its
    ``end``). A forecast worked out today still holds until then, so a store of forecasts works
    the child's out again on that day; ``None`` when nothing is dated after today."""
    days = [e.date for e in child.timeline if e.date > today]
    days += [p.end for p in child.periods if p.end is not None and p.end > today]
    return min(days, default=None)


@dataclass(frozen=True)
class ChildScorecard:
    """The adoption scorecard on a child's page (issue 15): each figure where its clock has
    stopped (or why it has none), and the clocks still running with their forecasts."""

    a1: ChildFigure
    a2: ChildFigure
    a10: ChildFigure
    running: tuple[Forecast, ...]

    @property
    def figures(self) -> tuple[ChildFigure, ChildFigure, ChildFigure]:
        return self.a1, self.a2, self.a10


def child_scorecard(child: ChildJourney, today: dt.date) -> ChildScorecard:
    running = tuple(f for f in forecasts_for(child, today) if f.measure in (A1, A2))
    return ChildScorecard(a1(child), a2(child), a10(child), running)
