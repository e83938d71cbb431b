"""Time to permanence by route: days from entering care to the permanence outcome (an adoption
order, a special guardianship order, a child arrangements order, a planned return home), per
child and averaged by route over a window.

The routes are the SSDA903 reasons an episode ceased that mean permanence
(``ssda903.codes.PERMANENCE_ROUTES``, after the validator's REC list). Entering care is the start
of the period of care the outcome ended, as for the adoption scorecard's A1.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, get_args

from homeward.domain.measures.figures import Average, ChildFigure, Measure, Window, average, fmt
from homeward.domain.measures.journey import ChildJourney
from homeward.domain.ssda903.codes import PermanenceRoute

ROUTES: Final[tuple[PermanenceRoute, ...]] = get_args(PermanenceRoute)

TIME_TO_PERMANENCE: Final[dict[PermanenceRoute, Measure]] = {
    route: Measure(
        f"TTP-{route}",
        f"Average time between a child entering care and leaving care by {route}",
        None,
        "SSDA903 episodes: start of the period of care to the reason it ceased (REC: "
        "ssda903/codes.py PERMANENCE_ROUTES)",
        "the child leaves care to permanence in the period",
    )
    for route in ROUTES
}


def time_to_permanence(child: ChildJourney) -> tuple[ChildFigure, ...]:
    """One figure per permanence outcome on the child's journey."""
    figures: list[ChildFigure] = []
    for outcome in child.permanence_outcomes:
        measure = TIME_TO_PERMANENCE[outcome.route]
        period = child.period_holding(outcome.date)
        if period is None:
            figures.append(
                ChildFigure(
                    measure,
                    child.child_id,
                    None,
                    end=outcome.date,
                    note=f"{outcome.route.capitalize()} on {fmt(outcome.date)}, but no period "
                    "of care is recorded before it.",
                )
            )
            continue
        figures.append(
            ChildFigure(
                measure,
                child.child_id,
                (outcome.date - period.start).days,
                period.start,
                outcome.date,
                outcome.date,
                f"Entered care {fmt(period.start)}; {outcome.route} {fmt(outcome.date)}.",
            )
        )
    return tuple(figures)


def by_route(children: Iterable[ChildJourney], window: Window) -> dict[PermanenceRoute, Average]:
    """Each route's average over the outcomes in ``window`` (a route with none says so)."""
    figures = [f for child in children for f in time_to_permanence(child)]
    return {route: average(TIME_TO_PERMANENCE[route], figures, window) for route in ROUTES}
