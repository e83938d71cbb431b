"""The family finder's worklist (/family-finding/; issue 15 item 7): the children allocated to
them for family finding, by route and stage, what is due, the days since the placement order,
waiting longest first; service managers see every child with a family finder; a constant number
of queries however many children; 50 a page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.audit.models import AuditAction, AuditEntry
from homeward.matching import routes, worklist
from tests.accounts.test_access_matrix import MAY_VIEW
from tests.clock import TODAY
from tests.factories import AllocationFactory, ChildFactory, JourneyEventFactory, UserFactory
from tests.matching.routing import actor, give_family_finder

pytestmark = pytest.mark.django_db
URL = "/family-finding/"


def _child(finder, *, order_days_ago: int | None, name: str = "Testchild"):
    child = ChildFactory(first_name=name)
    AllocationFactory(child=child, family_finder=finder)
    if order_days_ago is not None:
        JourneyEventFactory(
            child=child, kind="placement_order", date=TODAY - dt.timedelta(days=order_days_ago)
        )
    return child


def test_the_family_finder_sees_their_children_waiting_longest_first(client, council):
    finder = council.users["family_finder"]
    other_finder = UserFactory(username="ff-2", role="family_finder")
    recent = _child(finder, order_days_ago=20, name="Recent")
    longest = _child(finder, order_days_ago=200, name="Longest")
    no_order = _child(finder, order_days_ago=None, name="Noorder")
    _child(other_finder, order_days_ago=400, name="Notmine")
    client.force_login(finder)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Longest") < html.index("Recent") < html.index("Noorder")
    assert "Notmine" not in html
    assert ">200<" in html.replace("\n", "") or "200<br>" in html
    assert "No route chosen" in html and "No placement order" in html
    rows = worklist.worklist(finder, TODAY).rows
    assert [r.child for r in rows] == [longest, recent, no_order]
    assert [r.days_since_order for r in rows] == [200, 20, None]
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, summary__contains="family finding worklist"
    ).exists()


def test_each_row_shows_the_route_its_stage_and_what_is_due(client, council):
    finder = council.users["family_finder"]
    give_family_finder(council.child_a, finder)
    finding = routes.choose_route(
        council.child_a,
        "family_finding",
        TODAY - dt.timedelta(days=40),
        actor=actor(council.users["social_worker"]),
        today=TODAY,
    )
    routes.record_step(
        finding,
        "pen_picture",
        TODAY - dt.timedelta(days=30),
        "",
        actor=actor(council.users["social_worker"]),
        today=TODAY,
    )
    (row,) = worklist.worklist(finder, TODAY).rows
    assert row.route.key == "family_finding"
    assert row.stage.step.key == "sent_to_internal_carers"
    assert [s.key for s in row.due] == ["sent_to_internal_carers"]
    assert (row.done, row.total) == (1, len(row.route.steps))
    client.force_login(finder)
    html = client.get(URL).content.decode()
    assert "1 of" in html and "Pen picture sent to all internal carers" in html
    # Filtered by route.
    assert "Ava" in client.get(URL, {"route": "family_finding"}).content.decode()
    assert "Ava" not in client.get(URL, {"route": "ifa_carers"}).content.decode()


def test_service_managers_see_every_child_with_a_family_finder(client, council):
    _child(council.users["family_finder"], order_days_ago=10, name="Mine")
    _child(UserFactory(username="ff-3", role="family_finder"), order_days_ago=5, name="Theirs")
    client.force_login(council.users["service_manager"])
    html = client.get(URL).content.decode()
    assert "Mine" in html and "Theirs" in html and "Family finder" in html
    assert "Ava" not in html  # no family finder allocated


def test_an_ended_allocation_leaves_the_worklist(council):
    finder = council.users["family_finder"]
    child = _child(finder, order_days_ago=10)
    child.allocations.update(ended_on=TODAY)
    assert worklist.worklist(finder, TODAY).rows == ()


@pytest.mark.parametrize("role", sorted(MAY_VIEW))
def test_only_family_finders_and_service_managers_have_a_worklist(client, council, role):
    client.force_login(council.users[role])
    response = client.get(URL)
    if role in {"family_finder", "service_manager"}:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert AuditEntry.objects.filter(action=AuditAction.DENIED).exists()
    assert client.post(URL).status_code == 405


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    return len(context)


def test_the_query_count_does_not_grow_with_the_children(client, council):
    finder = council.users["family_finder"]
    client.force_login(finder)
    sw = actor(council.users["service_manager"])

    def add(n: int) -> None:
        for i in range(n):
            child = _child(finder, order_days_ago=30 + i)
            finding = routes.choose_route(
                child, "family_finding", TODAY - dt.timedelta(days=20), actor=sw, today=TODAY
            )
            finding.steps_done.create(
                step_key="pen_picture", done_on=TODAY - dt.timedelta(days=10), by=finder
            )

    add(2)
    few = _queries(client)
    add(8)
    assert _queries(client) == few


def test_fifty_a_page(client, council):
    finder = council.users["family_finder"]
    for i in range(52):
        _child(finder, order_days_ago=i + 1)
    client.force_login(finder)
    first = worklist.worklist(finder, TODAY)
    assert len(first.rows) == 50 and first.page.paginator.num_pages == 2
    assert len(worklist.worklist(finder, TODAY, page="2").rows) == 2
    assert "Page 1 of 2" in client.get(URL).content.decode()
