"""Reads for the forecasts: every running clock of the children a user may see, as stored per
child when the child's journey changes (``oversight.forecasts``, worked out by the measures' own
rules in ``homeward.domain.measures.forecasts``), read and counted with SQL a page at a time;
what depends on today (days left, breached, due soon) compares the stored day each threshold is
reached with today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from django.db.models import Count, Q, QuerySet

from homeward.children.models import Child
from homeward.domain import match_outcomes, measures
from homeward.matching import outcomes
from homeward.oversight import forecasts
from homeward.oversight.models import StoredForecast

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


def _breached(today: dt.date) -> Q:
    return Q(breach_date__lt=today)


def _due_soon(today: dt.date) -> Q:
    return Q(breach_date__gte=today, breach_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS))


def stored(
    children: QuerySet[Child], today: dt.date, *, measure: str = ""
) -> QuerySet[StoredForecast]:
    """The stored forecasts of ``children`` (of one measure, "" for every one), breached first
    (most overdue first), then by the days left. Children whose dated change has come are
    worked out again first, once per call."""
    rows = forecasts.stored(children, today)
    return rows.filter(measure=measure) if measure else rows


def only(rows: QuerySet[StoredForecast], today: dt.date, show: str) -> QuerySet[StoredForecast]:
    """``rows``, all of them, breached ones or those due within 28 days."""
    if show == "breached":
        return rows.filter(_breached(today))
    if show == "due":
        return rows.filter(_due_soon(today))
    return rows


def as_forecasts(rows: QuerySet[StoredForecast], today: dt.date) -> list[measures.Forecast]:
    """The rows as the domain's forecasts on ``today`` (one query)."""
    return [forecasts.as_forecast(row, today) for row in rows]


def council_forecasts(children: QuerySet[Child], today: dt.date) -> list[measures.Forecast]:
    """Every running clock of ``children``, breached first (most overdue first), then by the
    days left (one query, after any recheck)."""
    return as_forecasts(stored(children, today), today)


@dataclass(frozen=True)
class Counts:
    all: int
    breached: int
    due: int


def counts(rows: QuerySet[StoredForecast], today: dt.date) -> Counts:
    """How many of ``rows`` there are, breached and due soon: one query."""
    found = rows.order_by().aggregate(
        all=Count("pk"),
        breached=Count("pk", filter=_breached(today)),
        due=Count("pk", filter=_due_soon(today)),
    )
    return Counts(found["all"], found["breached"], found["due"])


def names_of(rows: QuerySet[StoredForecast]) -> dict[str, str]:
    """The name of each child behind ``rows``, by child ID, for a download (one query, the rows
    a subquery: no list of IDs sent to the database)."""
    return {
        child.child_id: child.full_name
        for child in Child.objects.filter(pk__in=rows.order_by().values("child"))
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
