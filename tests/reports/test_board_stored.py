"""The Corporate Parenting Board's figures are stored rows per child (issue 16: the report within
3x a bare view; homeward/reports/stored.py keeps them with homeward/domain/measures/rows.py).
Whatever the write, the report added up from the stored rows with SQL must equal the report
worked out afresh from every child's journey (``quarters.board_measures``, the definitions in
tests/domain/measures/test_quarters.py), on the day and on later days, for every demo council.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homeward.children.models import Child, Episode, JourneyEvent
from homeward.domain.measures import quarters as q
from homeward.domain.measures.forecasts import EVENTS_READ
from homeward.reports import board, stored
from homeward.reports.models import BoardRow
from homeward.timescales import journeys
from tests.clock import TODAY
from tests.factories import EpisodeFactory, JourneyEventFactory
from tests.oversight.helpers import looked_after


def _figures(measures: tuple[q.BoardMeasure, ...]) -> list[tuple[object, ...]]:
    return [
        (m.key, f.quarter.key, f.value, f.counted, f.within, f.over_threshold)
        for m in measures
        for f in m.figures
    ]


def _behind(measures: tuple[q.BoardMeasure, ...]) -> set[tuple[object, ...]]:
    return {
        (m.key, f.quarter.key, b.child_id, b.note, b.counted)
        for m in measures
        for f in m.figures
        for b in f.behind
    }


def _fresh(today: dt.date) -> tuple[q.BoardMeasure, ...]:
    """The report worked out from every child's journey and the ledger, as before it was
    stored."""
    children = Child.objects.all()
    shown = q.quarters_to(today)
    loaded = journeys.journeys_of(children, kinds=EVENTS_READ)
    plans = [p for found in stored.plan_deadlines(Q()).values() for p in found]
    met = stored.met_deadlines(children, shown[0].first, today)
    return q.board_measures(loaded, met, plans, shown, today)


def _same(today: dt.date) -> None:
    children = Child.objects.all()
    fresh = _fresh(today)
    assert _figures(board.report(children, today).measures) == _figures(fresh)
    with_children = board.report_with_children(children, today)
    assert _figures(with_children.measures) == _figures(fresh)
    assert _behind(with_children.measures) == _behind(fresh)


def _on(days_ago: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


def test_each_kind_of_write_keeps_the_stored_rows_equal_to_a_fresh_run(council):
    today = timezone.localdate()
    child = looked_after(council, days_ago=900)
    child.date_of_birth = _on(365 * 6)
    child.save()
    assert BoardRow.objects.filter(child=child).exists()
    _same(today)
    # Three placements in the last year (episodes: new carers each time).
    first = EpisodeFactory(child=child, start_date=_on(900), end_date=_on(300), placement_type="U1")
    EpisodeFactory(
        child=child,
        start_date=_on(300),
        end_date=_on(100),
        placement_type="U4",
        reason_new_episode="P",
    )
    last = EpisodeFactory(
        child=child, start_date=_on(100), end_date=None, placement_type="U6", reason_new_episode="P"
    )
    _same(today)
    assert BoardRow.objects.filter(child=child, measure="placements-3-plus", counts=True).exists()
    # An adoption order ends the period of care: A1, A10 and time to permanence count it.
    JourneyEventFactory(child=child, kind="placement_order", date=_on(400))
    JourneyEventFactory(child=child, kind="matched", date=_on(150))
    last.end_date = _on(20)
    last.reason_ceased = "E11"
    last.placement_type = "A5"
    last.save()
    _same(today)
    assert BoardRow.objects.filter(child=child, measure="ttp-adoption").exists()
    # A correction: the first episode removed; the date of birth changed.
    first.delete()
    child.date_of_birth = _on(365 * 17)
    child.save()
    _same(today)
    # Rows worked out today still hold on later days: nothing needs a nightly job.
    _same(today + dt.timedelta(days=120))
    _same(today + dt.timedelta(days=400))


@pytest.mark.parametrize("slug", ["dudley", "durham", "devon"])
def test_the_demo_councils_stored_figures_equal_a_fresh_run(db, slug):
    """Bulk writes (the demo's import and events) store every child's rows; the report from
    them equals a fresh run on the day, a quarter later and a year later, and every figure's
    children are the same."""
    from homeward.demo.builder import build
    from homeward.domain.councils import profile_for

    build(profile_for(slug), n_children=300, seed=2026, today=TODAY)
    for later in (0, 95, 370):
        _same(TODAY + dt.timedelta(days=later))
    report = board.report(Child.objects.all(), TODAY)
    assert report.children > 200
    assert any(f.counted for m in report.measures for f in m.figures)


def test_the_page_reads_stored_rows_not_journeys(client, council):
    looked_after(council, days_ago=900)
    client.force_login(council.users["service_manager"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/reports/cpb/").status_code == 200
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert BoardRow._meta.db_table in read
    assert JourneyEvent._meta.db_table not in read
    assert Episode._meta.db_table not in read


def test_the_children_behind_a_figure_fifty_a_page(client, council):
    """51 more children looked after now: the short-term stability cohort of this quarter counts
    them with the council's own, the drill-down shows 50, then the rest, and says how many
    throughout."""
    today = timezone.localdate()
    quarter = q.Quarter.of(today)
    before = board.figure_of(Child.objects.all(), "placements-3-plus", quarter, today)
    for _ in range(51):
        looked_after(council, days_ago=200)
    total = before.children + 51
    client.force_login(council.users["service_manager"])
    url = f"/reports/cpb/children/?measure=placements-3-plus&quarter={quarter.key}"
    first = client.get(url).content.decode()
    assert f"of {total} children you may see" in first
    assert first.count('<tr class="govuk-table__row">') == 1 + 50
    assert "1 of 2" in first
    second = client.get(url + "&page=2").content.decode()
    assert second.count('<tr class="govuk-table__row">') == 1 + total - 50
    assert f"of {total} children you may see" in second
