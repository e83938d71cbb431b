"""Stored forecasts (issue 16, "stored figures"; homeward/oversight/forecasts.py): each child's
running clocks are worked out by the measures' own rules when the child's journey changes and
stored, so the forecasts page and the Permanence Monitoring Panel's pack read rows. Whatever the
write, the stored forecasts must equal a fresh run of the rules over the child's journey on the
same day; the demo councils' (bulk writes) are checked in tests/reports/test_forecasts.py.

Thresholds (SPEC.md section 2; DfE adoption scorecard): A2, placement order to the match
decision, 121 days; A1, entering care to moving in with the adoptive family, 426 days.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homeward.children.models import Child, JourneyEvent
from homeward.domain import measures
from homeward.oversight.models import ForecastRecheck, StoredForecast
from homeward.reports import selectors
from homeward.timescales import journeys
from tests.clock import NOW
from tests.factories import EpisodeFactory, JourneyEventFactory
from tests.oversight.helpers import looked_after


def _on(days_ago: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


def _key(forecast: measures.Forecast) -> tuple[object, ...]:
    return (forecast.child_id, forecast.measure.code, forecast.breach_date, forecast.next_step)


def _fresh(today: dt.date) -> list[tuple[object, ...]]:
    found = measures.council_forecasts(journeys.journeys_for(Child.objects.all()), today)
    return sorted(map(_key, found))


def _stored(today: dt.date) -> list[tuple[object, ...]]:
    return sorted(map(_key, selectors.council_forecasts(Child.objects.all(), today)))


def test_each_kind_of_write_keeps_the_stored_forecasts_equal_to_a_fresh_run(council):
    today = timezone.localdate()
    child = looked_after(council, days_ago=200)
    assert not StoredForecast.objects.filter(child=child).exists()  # no clock running yet
    # A placement order 90 days ago and no match: A2 reaches 121 days in 31 days, A1 (from 200
    # days ago) in 226.
    order = JourneyEventFactory(child=child, kind="placement_order", date=_on(90))
    rows = {r.measure: r.breach_date for r in StoredForecast.objects.filter(child=child)}
    assert rows == {"A2": _on(90 - 121), "A1": _on(200 - 426)}
    assert _stored(today) == _fresh(today)
    # The match stops A2; A1's next step becomes the move.
    matched = JourneyEventFactory(child=child, kind="matched", date=_on(5))
    assert set(StoredForecast.objects.filter(child=child).values_list("measure", flat=True)) == {
        "A1"
    }
    assert _stored(today) == _fresh(today)
    # Removing the match (a correction) brings A2 back.
    matched.delete()
    assert StoredForecast.objects.filter(child=child, measure="A2").exists()
    assert _stored(today) == _fresh(today)
    # An episode ending the period of care yesterday: no clock runs (the child is not looked
    # after today), whether or not the journey says so.
    EpisodeFactory(child=child, start_date=_on(200), end_date=_on(1), reason_ceased="E41")
    assert _stored(today) == _fresh(today)
    assert not StoredForecast.objects.filter(child=child).exists()
    order.delete()
    assert _stored(today) == _fresh(today)


def test_a_change_dated_ahead_is_picked_up_on_its_day_without_a_nightly_job(council, time_machine):
    """A match recorded ahead of its day (in 10 days) does not stop A2 today; on the day it
    does. The child is marked to be looked at again then, and the first read that day works
    their forecasts out again."""
    child = looked_after(council, days_ago=200)
    JourneyEventFactory(child=child, kind="placement_order", date=_on(90))
    JourneyEventFactory(child=child, kind="matched", date=_on(-10))
    today = timezone.localdate()
    assert set(StoredForecast.objects.filter(child=child).values_list("measure", flat=True)) == {
        "A1",
        "A2",
    }
    assert ForecastRecheck.objects.get(child=child).on == _on(-10)
    assert _stored(today) == _fresh(today)

    time_machine.move_to(NOW + dt.timedelta(days=9), tick=True)
    day_before = timezone.localdate()
    assert _stored(day_before) == _fresh(day_before)
    assert StoredForecast.objects.filter(child=child, measure="A2").exists()

    time_machine.move_to(NOW + dt.timedelta(days=10), tick=True)
    match_day = timezone.localdate()
    assert _stored(match_day) == _fresh(match_day)
    assert not StoredForecast.objects.filter(child=child, measure="A2").exists()
    assert not ForecastRecheck.objects.filter(child=child).exists()  # nothing dated ahead now


def test_the_pages_read_rows_not_journeys(client, council):
    """The forecasts page reads the stored rows: no journey event is read to draw it."""
    child = looked_after(council, days_ago=200)
    JourneyEventFactory(child=child, kind="placement_order", date=_on(90))
    client.force_login(council.users["service_manager"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/reports/forecasts/").status_code == 200
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert JourneyEvent._meta.db_table not in read
    assert StoredForecast._meta.db_table in read
