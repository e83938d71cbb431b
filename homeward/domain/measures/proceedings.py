"""The 26-week care proceedings measure: from the day the application was issued to the final
order, per set of proceedings and as an average.

Children Act 1989 s32(1)(a) (as amended by the Children and Families Act 2014 s14): proceedings
are to be completed "within twenty-six weeks beginning with the day on which the application was
issued", so the issue day is day 1 and the 26 weeks end on the issue date + 181 days (SPEC.md
section 2). The brief for this module said "issue + 26 weeks"; SPEC.md wins, so the last day
within the 26 weeks is issue + 181 days, and a figure of 181 days or fewer is within.

The measure counts the time the proceedings took; an extension the court grants (s32(5)) moves
the deadline the timescales engine tracks, not this figure (the national figures report duration
and the share within 26 weeks whatever was extended).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from homeward.domain import calendar as cal
from homeward.domain.measures.figures import (
    Average,
    ChildFigure,
    Measure,
    Window,
    average,
    fmt,
)
from homeward.domain.measures.journey import ChildJourney

WEEKS: Final = 26
LAST_DAY_WITHIN: Final = 181  # issue + 181 days: day 182 counting the issue day as day 1
ISSUED: Final = "proceedings_issued"
EXTENDED: Final = "proceedings_extended"
# What ends proceedings: the final order (the same events that satisfy the statutory rule
# "care-proceedings-26-weeks" in rules/statutory.toml), or recorded as concluded (no order).
FINAL: Final = ("proceedings_concluded", "care_order", "placement_order", "order_made")

CARE_PROCEEDINGS: Final = Measure(
    "CP26",
    "Care proceedings completed within 26 weeks: days from the issue of the application to the "
    "final order",
    LAST_DAY_WITHIN,
    "Children Act 1989 s32(1)(a), as amended by the Children and Families Act 2014 s14; "
    "SPEC.md section 2",
    "the final order is made in the period",
    ("set of proceedings", "sets of proceedings"),
)


@dataclass(frozen=True)
class Proceedings:
    """One set of care proceedings: issued, and ended by a final order (``None`` while open).
    ``extended_weeks`` is what the court added to the timetable (s32(5))."""

    issued: dt.date
    ended: dt.date | None
    extended_weeks: int = 0

    @property
    def last_day_within(self) -> dt.date:
        """The last day of the 26 weeks, the issue day being the first (s32(1)(a))."""
        return cal.weeks_beginning_with(self.issued, WEEKS)

    @property
    def extended_to(self) -> dt.date:
        return cal.weeks_beginning_with(self.issued, WEEKS + self.extended_weeks)


def proceedings(child: ChildJourney) -> tuple[Proceedings, ...]:
    """Each set of proceedings on the child's journey: an issue date, ended by the first final
    order on or after it and before the next issue (a later issue starts new proceedings)."""
    issues = child.dates(ISSUED)
    finals = child.dates(*FINAL)
    found: list[Proceedings] = []
    for index, issued in enumerate(issues):
        following = issues[index + 1] if index + 1 < len(issues) else dt.date.max
        ended = next((d for d in finals if issued <= d < following), None)
        until = ended or dt.date.max
        weeks = sum(
            e.weeks for e in child.timeline if e.kind == EXTENDED and issued <= e.date <= until
        )
        found.append(Proceedings(issued, ended, weeks))
    return tuple(found)


def care_proceedings(child: ChildJourney) -> tuple[ChildFigure, ...]:
    """One figure per set of proceedings: days from issue to final order, or why not yet."""
    figures: list[ChildFigure] = []
    for case in proceedings(child):
        if case.ended is None:
            figures.append(
                ChildFigure(
                    CARE_PROCEEDINGS,
                    child.child_id,
                    None,
                    case.issued,
                    note=f"Issued {fmt(case.issued)}; no final order yet (the 26 weeks end "
                    f"{fmt(case.last_day_within)}).",
                )
            )
            continue
        days = (case.ended - case.issued).days
        verdict = "within 26 weeks" if days <= LAST_DAY_WITHIN else "over 26 weeks"
        figures.append(
            ChildFigure(
                CARE_PROCEEDINGS,
                child.child_id,
                days,
                case.issued,
                case.ended,
                case.ended,
                f"Issued {fmt(case.issued)}; final order {fmt(case.ended)}: {verdict}.",
            )
        )
    return tuple(figures)


def care_proceedings_average(children: Iterable[ChildJourney], window: Window) -> Average:
    """Proceedings whose final order falls in ``window``: mean days, how many, how many within
    26 weeks (``Average.within_threshold``)."""
    return average(
        CARE_PROCEEDINGS,
        (figure for child in children for figure in care_proceedings(child)),
        window,
    )


def weeks(days: int) -> Decimal:
    """Days as weeks to one decimal place, as the courts' figures are given."""
    return (Decimal(days) / Decimal(7)).quantize(Decimal("0.1"))
