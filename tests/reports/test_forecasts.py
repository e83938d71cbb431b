"""The forecasts (issue 16 item 2, /reports/forecasts/): for every child whose clock is running,
the day each national threshold is reached if nothing moves, breached first, then the fewest
days left, with the next step that would prevent it. The forecasts themselves are worked through
in tests/domain/measures/; these tests are about the page, its loader, access and the download.

Thresholds (SPEC.md section 2): A2, placement order to the match decision, 121 days; A1,
entering care to moving in with the adoptive family, 426 days; care proceedings, 26 weeks from
the issue day counted as day 1 (Children Act 1989 s32(1)(a)), so issue + 181 days.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from homeward.accounts import access
from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Child
from homeward.reports import selectors
from homeward.timescales import journeys
from tests.clock import TODAY
from tests.factories import JourneyEventFactory
from tests.oversight.helpers import looked_after

URL = "/reports/forecasts/"


def _on(days_ago: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


def _waiting_for_a_match(council, *, in_care: int, order: int, **kwargs) -> Child:
    """Looked after ``in_care`` days, a placement order ``order`` days ago, no match."""
    child = looked_after(council, days_ago=in_care, **kwargs)
    JourneyEventFactory(child=child, kind="placement_order", date=_on(order))
    return child


def _in_proceedings(council, *, issued: int) -> Child:
    child = looked_after(council, days_ago=issued + 10)
    JourneyEventFactory(child=child, kind="proceedings_issued", date=_on(issued))
    return child


def _csv(client, **params) -> list[list[str]]:
    response = client.get(URL, {"download": "csv", **params})
    assert response.streaming
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_a_placement_order_90_days_ago_and_no_match_breaches_a2_in_31_days(client, council):
    """Issue 16's worked example: A2's 121 days from the placement order are reached 31 days
    from today; A1's 426 from entering care (200 days ago) 226 days from today."""
    child = _waiting_for_a_match(council, in_care=200, order=90)
    client.force_login(council.users["service_manager"])
    html = client.get(URL).content.decode()
    assert child.full_name in html
    assert f'href="/children/{child.child_id}/timescales/#adoption-scorecard"' in html
    assert "31 days left" in html and "226 days left" in html
    assert "Agency decision on the match" in html
    lines = [line for line in _csv(client) if line[0] == child.child_id]
    assert [(line[2], line[3], line[4], line[5], line[6]) for line in lines] == [
        ("A2", f"{_on(90):%d/%m/%Y}", f"{TODAY + dt.timedelta(days=31):%d/%m/%Y}", "31", "0"),
        ("A1", f"{_on(200):%d/%m/%Y}", f"{TODAY + dt.timedelta(days=226):%d/%m/%Y}", "226", "0"),
    ]
    assert lines[0][7] == "Agency decision on the match"


def test_breached_first_then_the_fewest_days_left(client, council):
    late = _waiting_for_a_match(council, in_care=430, order=100)  # A1 over by 4, A2 21 left
    court = _in_proceedings(council, issued=170)  # 26 weeks: 11 days left
    soon = _waiting_for_a_match(council, in_care=300, order=115)  # A2 6 left, A1 126 left
    client.force_login(council.users["performance_analyst"])
    order = [(line[0], line[2], line[5], line[6]) for line in _csv(client)[1:]]
    assert order == [
        (late.child_id, "A1", "0", "4"),
        (soon.child_id, "A2", "6", "0"),
        (court.child_id, "26 weeks", "11", "0"),
        (late.child_id, "A2", "21", "0"),
        (soon.child_id, "A1", "126", "0"),
    ]
    html = client.get(URL).content.decode()
    assert html.index("Over by 4 days") < html.index("6 days left") < html.index("11 days left")
    # A red tag once breached, orange within 28 days, blue beyond.
    assert 'govuk-tag--red">Over by 4 days' in html
    assert 'govuk-tag--orange">6 days left' in html
    assert 'govuk-tag--blue">126 days left' in html


def test_the_page_says_how_forecasts_are_made_and_counts_them(client, council):
    from homeward.domain.measures import HOW_FORECASTS_ARE_MADE

    _waiting_for_a_match(council, in_care=430, order=100)
    _in_proceedings(council, issued=170)
    client.force_login(council.users["service_manager"])
    html = client.get(URL).content.decode()
    assert escape(HOW_FORECASTS_ARE_MADE) in html
    assert "3 forecasts: 1 breached, 2 due within 28 days." in html
    assert "All (3)" in html and "Breached (1)" in html and "Due within 28 days (2)" in html


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"measure": "A2"}, [("A2", "21")]),
        ({"measure": "CP26"}, [("26 weeks", "11")]),
        ({"show": "breached"}, [("A1", "0")]),
        ({"show": "due"}, [("26 weeks", "11"), ("A2", "21")]),
        ({"measure": "A1", "show": "due"}, []),
        (
            {"measure": "nonsense", "show": "nonsense"},
            [("A1", "0"), ("26 weeks", "11"), ("A2", "21")],
        ),
    ],
)
def test_filters_by_measure_and_how_near_in_the_url(client, council, params, expected):
    _waiting_for_a_match(council, in_care=430, order=100)
    _in_proceedings(council, issued=170)
    client.force_login(council.users["service_manager"])
    assert [(line[2], line[5]) for line in _csv(client, **params)[1:]] == expected
    assert client.get(URL, params).status_code == 200


def test_counts_follow_the_measure_chosen(client, council):
    _waiting_for_a_match(council, in_care=430, order=100)
    _in_proceedings(council, issued=170)
    client.force_login(council.users["service_manager"])
    html = client.get(URL, {"measure": "A2", "show": "breached"}).content.decode()
    assert "1 forecast for A2: 0 breached, 1 due within 28 days. Showing 0." in html
    assert "No child has breached the A2 threshold." in html


def test_fifty_a_page(client, council):
    for n in range(26):  # two forecasts each (A1 and A2): 52
        _waiting_for_a_match(council, in_care=200 + n, order=60)
    client.force_login(council.users["service_manager"])
    first = client.get(URL).content.decode()
    assert first.count('class="govuk-tag') == 50
    assert "1 of 2" in first and "page=2" in first
    second = client.get(URL, {"page": 2}).content.decode()
    assert second.count('class="govuk-tag') == 2


def test_children_whose_clock_has_stopped_or_never_started_are_not_listed(client, council):
    """Placed for adoption (A1 and A2 stop), a final order (the 26 weeks stop), or on no route:
    no forecast, and the loader does not even read their journeys."""
    placed = _waiting_for_a_match(council, in_care=300, order=100)
    JourneyEventFactory(child=placed, kind="matched", date=_on(50))
    JourneyEventFactory(child=placed, kind="placed_for_adoption", date=_on(20))
    decided = _in_proceedings(council, issued=150)
    JourneyEventFactory(child=decided, kind="care_order", date=_on(5))
    looked_after(council, days_ago=500)
    waiting = _waiting_for_a_match(council, in_care=200, order=90)
    loaded = {j.child_id for j in journeys.journeys_for(Child.objects.all())}
    assert loaded == {waiting.child_id}
    client.force_login(council.users["service_manager"])
    lines = _csv(client)[1:]
    assert {line[0] for line in lines} == {waiting.child_id}


def test_the_bulk_loader_reads_what_the_childs_own_loader_reads(council):
    """journeys_for gives each child the journey journey(child) gives, episodes included."""
    a = _waiting_for_a_match(council, in_care=200, order=90)
    b = _in_proceedings(council, issued=30)
    JourneyEventFactory(child=b, kind="proceedings_extended", date=_on(3), weeks=8)
    c = council.child_a  # an episode from the council fixture; put on the adoption route
    JourneyEventFactory(child=c, kind="adm_decision", date=_on(10))
    loaded = {j.child_id: j for j in journeys.journeys_for(Child.objects.all())}
    assert set(loaded) == {a.child_id, b.child_id, c.child_id}
    for child in (a, b, c):
        assert loaded[child.child_id] == journeys.journey(child)
    assert loaded[c.child_id].episodes


def test_an_earlier_set_of_proceedings_left_open_is_still_found(council):
    """Two issues, the later one ended: the domain pairs each issue with the first final order
    before the next, so the earlier one is open and the loader must not leave the child out."""
    child = _in_proceedings(council, issued=100)
    JourneyEventFactory(child=child, kind="proceedings_issued", date=_on(40))
    JourneyEventFactory(child=child, kind="care_order", date=_on(10))
    assert [j.child_id for j in journeys.journeys_for(Child.objects.all())] == [child.child_id]


@pytest.mark.parametrize(
    "role,allowed",
    [
        ("service_manager", True),
        ("performance_analyst", True),
        ("social_worker", False),
        ("team_manager", False),
        ("iro", False),
        ("permanence_coordinator", False),
        ("court_progression_manager", False),
        ("panel_administrator", False),
        ("family_finder", False),
        ("system_administrator", False),
    ],
)
def test_service_managers_and_analysts_see_the_forecasts(client, council, role, allowed):
    child = _waiting_for_a_match(council, in_care=200, order=90)
    user = council.users[role]
    client.force_login(user)
    response = client.get(URL)
    entries = AuditEntry.objects.filter(username=user.username)
    if allowed:
        assert response.status_code == 200 and child.full_name in response.content.decode()
        assert entries.filter(action=AuditAction.VIEW).exists()
    else:
        assert response.status_code == 403
        assert child.full_name not in response.content.decode()
        assert client.get(URL, {"download": "csv"}).status_code == 403
        refusals = entries.exclude(action=AuditAction.SIGN_IN)
        assert [e.action for e in refusals] == [AuditAction.DENIED, AuditAction.DENIED]


def test_need_to_know_applies(council):
    """Whoever is given the page sees only the children they may see: the forecasts are made
    from ``visible_children``, so a team manager of another team would see none of team A's."""
    child = _waiting_for_a_match(council, in_care=200, order=90)  # team A
    other = access.visible_children(council.users["team_manager_other_team"])
    assert selectors.council_forecasts(other, TODAY) == []
    mine = access.visible_children(council.users["team_manager"])
    assert {f.child_id for f in selectors.council_forecasts(mine, TODAY)} == {child.child_id}


def test_viewing_and_downloading_are_audited(client, council):
    _waiting_for_a_match(council, in_care=200, order=100)  # A2: 21 days left
    client.force_login(council.users["performance_analyst"])
    client.get(URL, {"measure": "A2"})
    view = AuditEntry.objects.get(action=AuditAction.VIEW, username="performance-analyst")
    assert "forecasts" in view.summary and view.after == {"measure": "A2", "show": "all"}
    response = client.get(URL, {"download": "csv", "show": "due"})
    assert response["Content-Disposition"] == (
        f'attachment; filename="forecasts-{TODAY:%Y-%m-%d}-due.csv"'
    )
    b"".join(response.streaming_content)
    export = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert export.summary == "Downloaded the forecasts (csv, 1 forecast)"
    assert export.after == {"measure": "", "show": "due"}


def test_the_csv_cannot_carry_formulas(client, council):
    child = _waiting_for_a_match(council, in_care=200, order=90)
    child.first_name = "=HYPERLINK(1)"
    child.save()
    client.force_login(council.users["service_manager"])
    lines = _csv(client)
    assert lines[0][:3] == ["Child ID", "Name", "Measure"]
    names = {line[1] for line in lines[1:]}
    assert names == {f"'=HYPERLINK(1) {child.last_name}"}


def test_a_fixed_number_of_queries_whatever_the_number_of_children(client, council):
    client.force_login(council.users["service_manager"])
    _waiting_for_a_match(council, in_care=200, order=90)
    _in_proceedings(council, issued=100)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    with CaptureQueriesContext(connection) as small_csv:
        b"".join(client.get(URL, {"download": "csv"}).streaming_content)
    for n in range(20):
        _waiting_for_a_match(council, in_care=150 + n, order=30 + n)
        _in_proceedings(council, issued=20 + n)
    with CaptureQueriesContext(connection) as large:
        client.get(URL)
    with CaptureQueriesContext(connection) as large_csv:
        b"".join(client.get(URL, {"download": "csv"}).streaming_content)
    assert len(small.captured_queries) == len(large.captured_queries)
    assert len(small_csv.captured_queries) == len(large_csv.captured_queries)


def test_only_get_and_head(client, council):
    client.force_login(council.users["service_manager"])
    for method in ("POST", "PUT", "DELETE"):
        response = client.generic(method, URL)
        assert response.status_code == 405
        assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}


@pytest.mark.parametrize("slug", ["dudley", "durham", "devon"])
def test_the_demo_councils_have_clocks_running_and_the_loader_reads_enough(db, slug):
    """Every council's demo has forecasts: A1 and A2 breached (placement orders from the return
    and no match), 26 weeks breached (interim care orders from the return) and running (issued
    since pre-proceedings: homeward/demo/proceedings.py). Reading only the events the forecasts
    read (``forecasts.EVENTS_READ``) gives the same forecasts as reading every event."""
    from homeward.demo.builder import build
    from homeward.domain import measures
    from homeward.domain.councils import profile_for

    build(profile_for(slug), n_children=300, seed=2026, today=TODAY)
    found = selectors.council_forecasts(Child.objects.all(), TODAY)
    every_event = measures.council_forecasts(journeys.journeys_for(Child.objects.all()), TODAY)
    assert sorted(found, key=lambda f: (f.child_id, f.measure.code)) == sorted(
        every_event, key=lambda f: (f.child_id, f.measure.code)
    )
    kinds = {(f.measure.code, f.breached) for f in found}
    assert {("A1", True), ("A2", True), ("CP26", True), ("CP26", False)} <= kinds
