"""Keeping each child's forecasts (``models.StoredForecast``) current, as ``drift.py`` keeps the
drift facts: ``refresh`` works out the running clocks of some children with the measures' own
rules (``homeward.domain.measures.forecasts``) from their journeys, and replaces the stored rows
in the caller's transaction. ``receivers.py`` calls it whenever the deadline ledger is
recomputed for a child, which every change to a child's events or episodes does (forms,
meetings, panels, routes, the SSDA903 import and the demo, in bulk).

A forecast stored today holds until the child's next dated change (an event recorded ahead of
its day, a period of care that ends later): such a child gets a ``ForecastRecheck`` row, and the
readers call ``recheck_due`` first, which works out again those whose day has come (usually
none: one indexed query). Nothing needs a nightly job."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from homeward.accounts import access
from homeward.children.models import Child
from homeward.domain.measures import forecasts as rules
from homeward.oversight.models import ForecastRecheck, StoredForecast
from homeward.timescales import journeys

CHUNK = 900  # SQLite allows about a thousand parameters in one query


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def refresh(child_ids: Iterable[int], *, today: dt.date | None = None) -> None:
    """Replace these children's stored forecasts (and when to look again), in the caller's
    transaction: a fixed number of queries per 900 children."""
    today = today or timezone.localdate()
    ids = sorted(set(child_ids))
    with transaction.atomic():
        for chunk in _chunks(ids):
            loaded = journeys.journeys_for(
                Child.objects.filter(pk__in=chunk), kinds=rules.EVENTS_READ
            )
            pks = dict(
                Child.objects.filter(child_id__in=[j.child_id for j in loaded]).values_list(
                    "child_id", "pk"
                )
            )
            StoredForecast.objects.filter(child_id__in=chunk).delete()
            ForecastRecheck.objects.filter(child_id__in=chunk).delete()
            StoredForecast.objects.bulk_create(
                StoredForecast(
                    child_id=pks[j.child_id],
                    measure=f.measure.code,
                    started=f.started,
                    breach_date=f.breach_date,
                    next_step=f.next_step,
                    situation=f.situation,
                )
                for j in loaded
                for f in rules.forecasts_for(j, today)
            )
            ForecastRecheck.objects.bulk_create(
                ForecastRecheck(child_id=pks[j.child_id], on=on)
                for j in loaded
                if (on := rules.next_change(j, today)) is not None
            )


def refresh_all() -> None:
    refresh(Child.objects.values_list("pk", flat=True))


def recheck_due(today: dt.date) -> None:
    """Work out again the forecasts of the children whose next dated change has come."""
    due = list(ForecastRecheck.objects.filter(on__lte=today).values_list("child_id", flat=True))
    if due:
        refresh(due, today=today)


def stored(children: QuerySet[Child], today: dt.date) -> QuerySet[StoredForecast]:
    """The stored forecasts of ``children`` (rechecked first where their day has come), soonest
    first, as ``rules.council_forecasts`` orders them, each with its child's ID
    (``child_code``)."""
    recheck_due(today)
    return (
        access.of_children(StoredForecast.objects.all(), children)
        .annotate(child_code=F("child__child_id"))
        .order_by("breach_date", "child_code", "measure")
    )


def as_forecast(row: StoredForecast, today: dt.date) -> rules.Forecast:
    """A stored row (as ``stored`` reads it) as the domain's forecast on ``today`` (days left
    and their words)."""
    return rules.forecast(
        row.child_code,  # type: ignore[attr-defined]  # annotated by ``stored``
        rules.MEASURES_FORECAST[row.measure],
        row.started,
        row.breach_date,
        today,
        row.next_step,
        row.situation,
    )
