"""Reads for the forecasts: every running clock of the children a user may see, worked out by
the measures' own rules (``homeward.domain.measures.forecasts``) from their journeys, loaded in a
fixed number of queries (``timescales.journeys.journeys_for``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from django.db.models import QuerySet

from homeward.children.models import Child
from homeward.domain import match_outcomes, measures
from homeward.domain.measures.forecasts import EVENTS_READ
from homeward.matching import outcomes
from homeward.timescales import journeys

# The measures a forecast is made for, as the filter offers them: their codes and short names.
MEASURES: Final = {
    measures.A1.code: "A1",
    measures.A2.code: "A2",
    measures.CARE_PROCEEDINGS.code: "26 weeks",
}
# Due soon: within 28 days, so a monthly panel or a manager's supervision can still act on it.
DUE_SOON_DAYS: Final = 28
SHOW: Final = {
    "all": "All",
    "breached": "Breached",
    "due": f"Due within {DUE_SOON_DAYS} days",
}


def is_due_soon(forecast: measures.Forecast) -> bool:
    return 0 <= forecast.days_left <= DUE_SOON_DAYS


def council_forecasts(children: QuerySet[Child], today: dt.date) -> list[measures.Forecast]:
    """Every running clock of ``children``, breached first (most overdue first), then by the
    days left."""
    loaded = journeys.journeys_for(children, kinds=EVENTS_READ)
    found = measures.council_forecasts(loaded, today)
    return sorted(found, key=lambda f: (f.days_left, f.child_id, f.measure.code))


@dataclass(frozen=True)
class Counts:
    all: int
    breached: int
    due: int


def counts(found: Iterable[measures.Forecast]) -> Counts:
    rows = list(found)
    return Counts(
        len(rows), sum(1 for f in rows if f.breached), sum(1 for f in rows if is_due_soon(f))
    )


def chosen(found: list[measures.Forecast], *, measure: str, show: str) -> list[measures.Forecast]:
    """The forecasts of one measure ("" for every one), all, breached or due within 28 days."""
    if measure:
        found = [f for f in found if f.measure.code == measure]
    if show == "breached":
        return [f for f in found if f.breached]
    if show == "due":
        return [f for f in found if is_due_soon(f)]
    return found


def names_of_candidates(children: QuerySet[Child]) -> dict[str, str]:
    """The name of every child of ``children`` who can have a forecast, by child ID, for a
    download (one query, the candidates a subquery: no list of IDs sent to the database)."""
    return {
        child.child_id: child.full_name
        for child in Child.objects.filter(pk__in=journeys.forecast_candidates(children))
        .order_by()
        .only("child_id", "first_name", "last_name")
    }


def children_named(child_ids: Iterable[str]) -> dict[str, Child]:
    """The children behind some forecasts, by child ID, with what a row shows of them (one
    query)."""
    return {
        child.child_id: child
        for child in Child.objects.filter(child_id__in=set(child_ids))
        .order_by()
        .only("child_id", "first_name", "last_name")
    }


def match_records(children: QuerySet[Child]) -> list[match_outcomes.MatchRecord]:
    """Every match of the children a user may see, as the outcomes report reads them (two
    queries: ``homeward.matching.outcomes.records_for``)."""
    return outcomes.records_for(children)
