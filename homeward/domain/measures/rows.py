"""The Corporate Parenting Board's figures as rows per child, so a council's figures are a count
and a sum over stored rows (issue 16: every page within 3x a bare view at 50,000 children;
``homeward/reports/stored.py`` keeps them, ``quarters.py`` adds them up).

A child's journey, with their permanence plan deadlines from the deadline ledger, gives:

- **a days measure** (A1, A2, A10, the 26 weeks, time to permanence by route): one row for each
  of the child's figures that counts, on the day it is counted (the adoption order, the final
  order: ``first`` and ``last`` are that day), with its days, whether it is within the threshold
  and its note, exactly as the measure's own function gives them;
- **a timeliness figure** (reviews, permanence planning meetings and plans held or agreed on
  time): one row for each of the ledger's deadlines met, on the day it was met;
- **a day measure** (the two stability indicators, and "past the permanence plan deadline with no
  plan agreed"), asked on a day (a quarter's last day, or today): the spans of days on which the
  child is in the measure's cohort, each with what the measure finds on them. A figure on a day
  counts the rows whose span holds it.

Each day measure changes only on days the journey names: a period of care, an episode or a
placement beginning or ending, a series of short breaks starting, the 16th birthday, the day a
placement leaves the 12 months before the day asked about, the day 2 years in the same placement
or 2.5 years looked after are reached, a plan falling due or being agreed. So the measure is
worked out on those days only (``_spans``), and what it finds holds until the next of them. Spans
begin at ``horizon`` (the earliest day a report asks about, with a year's margin), so the rows
do not depend on the day they were worked out on, only on the child's journey: a stored row
stays true until something is recorded for the child, which works the rows out again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final, TypeVar

from homeward.domain import calendar as cal
from homeward.domain.measures.figures import ChildFigure, Measure, fmt
from homeward.domain.measures.journey import ChildJourney
from homeward.domain.measures.permanence import ROUTES, TIME_TO_PERMANENCE, time_to_permanence
from homeward.domain.measures.proceedings import CARE_PROCEEDINGS, care_proceedings
from homeward.domain.measures.scorecard import A1, A2, A10, a1, a2, a10
from homeward.domain.measures.stability import (
    LOOKED_AFTER_MONTHS,
    SAME_PLACEMENT_MONTHS,
    THREE_OR_MORE,
    UNDER_AGE,
    long_term_stability,
    placements_counted,
    placements_note,
    stable_since,
)

ONE_DAY: Final = dt.timedelta(days=1)

# The measures' keys, as the board's report, its links and the stored rows name them.
PLACEMENTS_3_PLUS: Final = "placements-3-plus"
LONG_TERM_STABILITY: Final = "long-term-stability"
NO_PLAN: Final = "no-plan"


def ttp_key(route: str) -> str:
    return f"ttp-{route.replace(' ', '-')}"


# The days measures in the report's order, each with its key.
DAYS_MEASURES: Final[tuple[tuple[str, Measure], ...]] = (
    ("A1", A1),
    ("A2", A2),
    ("A10", A10),
    (CARE_PROCEEDINGS.code, CARE_PROCEEDINGS),
    *((ttp_key(route), TIME_TO_PERMANENCE[route]) for route in ROUTES),
)
_KEY_OF: Final = {measure: key for key, measure in DAYS_MEASURES}
DAY_MEASURES: Final = (PLACEMENTS_3_PLUS, LONG_TERM_STABILITY, NO_PLAN)
# One row for every child ever looked after, so the report can say how many children its figures
# are worked out over.
LOOKED_AFTER: Final = "looked-after"


@dataclass(frozen=True)
class PlanDeadline:
    """A child's permanence plan deadline as the ledger holds it (rule "permanence-plan": the
    second review as held, or its due date while not held): when it fell due, when a plan was
    agreed, and when it stopped applying (the child left care)."""

    child_id: str
    due: dt.date
    met_on: dt.date | None
    stopped_on: dt.date | None


@dataclass(frozen=True)
class Row:
    """One stored row: a days measure's figure counted on ``first`` (= ``last``), or the span of
    days ``first`` to ``last`` (``None``: from then on) on which the child is in a day measure's
    cohort. ``counts``: within the threshold (days measures; always true without one), flagged
    (stability), or no plan agreed (the plan measure). ``placements``: the placements in the 12
    months (short-term stability); ``since``: in the same placement since (long-term stability),
    or the plan's due date; ``agreed``: the day the plan was agreed."""

    child_id: str
    measure: str
    first: dt.date
    last: dt.date | None
    counts: bool
    days: int | None = None
    placements: int | None = None
    since: dt.date | None = None
    agreed: dt.date | None = None
    note: str = ""

    def holds(self, day: dt.date) -> bool:
        return self.first <= day and (self.last is None or day <= self.last)

    def note_on(self, day: dt.date) -> str:
        """What the measure found for the child, in words, on ``day`` (a day measure's words name
        the day asked about)."""
        if self.measure == PLACEMENTS_3_PLUS and self.placements is not None:
            return placements_note(self.placements, day)
        if self.measure == NO_PLAN and self.since is not None:
            return plan_note(self.since, self.agreed, day)
        return self.note


def met_row(
    key: str, child_id: str, title: str, due: dt.date, met_on: dt.date, on_time: bool
) -> Row:
    """A deadline of the ledger met on ``met_on`` (a timeliness figure ``key`` counts): counted
    on the day it was met, counting if met on time."""
    return Row(child_id, key, met_on, met_on, on_time, note=met_note(title, due, met_on, on_time))


def met_note(title: str, due: dt.date, met_on: dt.date, on_time: bool) -> str:
    return f"{title}: due {fmt(due)}, met {fmt(met_on)}" + (
        " (on time)." if on_time else " (late)."
    )


def plan_note(due: dt.date, agreed: dt.date | None, day: dt.date) -> str:
    return f"Permanence plan due {fmt(due)}; " + (
        f"agreed {fmt(agreed)}."
        if agreed is not None and agreed <= day
        else f"no plan agreed by {fmt(day)}."
    )


def horizon(first_shown: dt.date) -> dt.date:
    """The first day the stored spans cover: a year before the first quarter a report shows."""
    return cal.add_months(first_shown, -12)


def days_rows(child: ChildJourney) -> list[Row]:
    """The child's figures of the days measures that count, in ``DAYS_MEASURES``' order."""
    figures: list[ChildFigure] = [
        a1(child),
        a2(child),
        a10(child),
        *care_proceedings(child),
        *time_to_permanence(child),
    ]
    order = {key: i for i, (key, _) in enumerate(DAYS_MEASURES)}
    rows = [
        Row(
            child.child_id,
            _KEY_OF[f.measure],
            f.counted_on,
            f.counted_on,
            f.within_threshold is not False,
            days=f.days,
            note=f.note,
        )
        for f in figures
        if f.days is not None and f.counted_on is not None
    ]
    return sorted(rows, key=lambda r: order[r.measure])


V = TypeVar("V", bound=Hashable)


def _spans(
    days: Iterable[dt.date], start: dt.date, found_on: Callable[[dt.date], V | None]
) -> list[tuple[dt.date, dt.date | None, V]]:
    """Where ``found_on`` changes only on ``days``: the spans from ``start`` on which it finds
    something, each with what it finds (equal neighbours joined)."""
    points = sorted({start, *(d for d in days if d > start)})
    spans: list[tuple[dt.date, dt.date | None, V]] = []
    for i, day in enumerate(points):
        value = found_on(day)
        if value is None:
            continue
        last = points[i + 1] - ONE_DAY if i + 1 < len(points) else None
        if spans and spans[-1][2] == value and spans[-1][1] == day - ONE_DAY:
            spans[-1] = (spans[-1][0], last, value)
        else:
            spans.append((day, last, value))
    return spans


def _first_day(guess: dt.date, reached: Callable[[dt.date], bool]) -> dt.date:
    """The first day on which ``reached`` (false, then true from some day on) holds, near
    ``guess`` (month arithmetic clamps at month ends, so the day can be one or two off)."""
    day = guess
    while reached(day - ONE_DAY):
        day -= ONE_DAY
    while not reached(day):
        day += ONE_DAY
    return day


def _months_after(day: dt.date, months: int, *, plus: dt.timedelta = dt.timedelta(0)) -> dt.date:
    """The first day ``d`` with ``day <= add_months(d, -months) + plus``: the day ``months``
    months have passed since ``day``, as the indicators count them."""
    return _first_day(
        cal.add_months(day, months), lambda d: day <= cal.add_months(d, -months) + plus
    )


def _change_days(child: ChildJourney) -> set[dt.date]:
    """Every day on which either stability indicator can change for the child."""
    days: set[dt.date] = set()
    for period in child.periods:
        days.add(period.start)
        if period.end is not None:
            days.add(period.end)
        days.add(_months_after(period.start, LOOKED_AFTER_MONTHS))  # looked after 2.5 years
    for episode in child.episodes:
        days.add(episode.start)
        if episode.end is not None:
            days.add(episode.end)
    days.update(e.date for e in child.timeline if e.kind == "short_breaks_started")
    for placement in child.placements:
        days.add(placement.start)
        days.add(_months_after(placement.start, SAME_PLACEMENT_MONTHS))  # 2 years in it
        if placement.end is not None:
            days.add(placement.end)
            # Out of the 12 months ending on the day (they begin the day after 12 months before).
            days.add(_months_after(placement.end, 12, plus=ONE_DAY))
    born = child.facts.date_of_birth
    if born is not None:
        days.add(born)
        days.add(
            _first_day(
                cal.add_years(born, UNDER_AGE), lambda d: (child.age_on(d) or 0) >= UNDER_AGE
            )
        )
    return days


def _placements_found(child: ChildJourney, day: dt.date) -> tuple[bool, int] | None:
    count = placements_counted(child, day)
    return None if count is None else (count >= THREE_OR_MORE, count)


def stability_rows(child: ChildJourney, start: dt.date) -> list[Row]:
    """The spans from ``start`` on which the child is in either stability indicator's cohort."""
    if not child.periods:
        return []
    days = _change_days(child)
    rows = [
        Row(child.child_id, PLACEMENTS_3_PLUS, first, last, flagged, placements=count)
        for first, last, (flagged, count) in _spans(
            days, start, lambda d: _placements_found(child, d)
        )
    ]
    rows += [
        Row(
            child.child_id,
            LONG_TERM_STABILITY,
            first,
            last,
            flagged,
            since=since,
            note=long_term_stability(child, first).note,  # the same all through the span
        )
        for first, last, (flagged, since) in _spans(days, start, lambda d: stable_since(child, d))
    ]
    return rows


def plan_rows(child: ChildJourney, deadlines: Sequence[PlanDeadline], start: dt.date) -> list[Row]:
    """The spans from ``start`` on which the child's permanence plan deadline has passed and
    still applies while they are looked after, each with whether a plan had been agreed."""
    rows = []
    for d in deadlines:
        days = {d.due + ONE_DAY, *(x for x in (d.stopped_on, d.met_on) if x is not None)}
        for period in child.periods:
            days.add(period.start)
            if period.end is not None:
                days.add(period.end)

        def missing(day: dt.date, d: PlanDeadline = d) -> bool | None:
            if not (d.due < day and (d.stopped_on is None or d.stopped_on > day)):
                return None
            if child.period_on(day) is None:
                return None
            return d.met_on is None or d.met_on > day

        rows += [
            Row(child.child_id, NO_PLAN, first, last, flag, since=d.due, agreed=d.met_on)
            for first, last, flag in _spans(days, start, missing)
        ]
    return rows


def child_rows(child: ChildJourney, deadlines: Sequence[PlanDeadline], start: dt.date) -> list[Row]:
    """Every row the board's figures read for the child (ever looked after): that they were,
    the days measures' figures, then the day measures' spans from ``start``."""
    return [
        Row(child.child_id, LOOKED_AFTER, start, None, True),
        *days_rows(child),
        *stability_rows(child, start),
        *plan_rows(child, deadlines, start),
    ]
