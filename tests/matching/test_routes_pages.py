"""Family finding on a child (issue 15 item 2): choosing the route, recording its steps with the
domain's checks (homeward/domain/routes.py done_problems), the service manager's written
permission before the external search (external_search; 001_d6c3849112f62e7d.txt 'Family
Finding Internal/External'), and only the role the route file names recording a step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from homeward.audit.models import AuditAction, AuditEntry
from homeward.matching import routes
from homeward.matching.models import FamilyFinding, RouteStepDone
from tests.clock import TODAY
from tests.matching.routing import actor, date_data, give_family_finder
from tests.planning.factories import PermanenceOptionFactory

pytestmark = pytest.mark.django_db


def _url(child, rest: str = "") -> str:
    return f"/children/{child.child_id}/family-finding/{rest}"


def _start(council, route_key: str = "family_finding") -> FamilyFinding:
    return routes.choose_route(
        council.child_a,
        route_key,
        TODAY - dt.timedelta(days=30),
        actor=actor(council.users["social_worker"]),
        today=TODAY,
    )


def _record(council, finding, step, role, days_ago, note=""):
    return routes.record_step(
        finding,
        step,
        TODAY - dt.timedelta(days=days_ago),
        note,
        actor=actor(council.users[role]),
        today=TODAY,
    )


def test_a_child_with_no_route_is_offered_the_councils_routes_for_the_plan(client, council):
    PermanenceOptionFactory(child=council.child_a, kind="long_term_fostering", status="preferred")
    choice = routes.route_choices(council.child_a, "dudley")
    assert [r.key for r in choice.routes] == [
        "existing_in_house_carers",
        "ifa_carers",
        "family_finding",
    ]
    assert "preferred plan" in choice.why
    client.force_login(council.users["social_worker"])
    page = client.get(_url(council.child_a)).content.decode()
    assert "not on a route to a permanent home yet" in page
    assert _url(council.child_a, "route/") in page


def test_choosing_the_route_saves_it_and_audits_it(client, council):
    client.force_login(council.users["social_worker"])
    response = client.post(
        _url(council.child_a, "route/"),
        {"route": "family_finding", **date_data("started_on", TODAY)},
    )
    assert response.status_code == 302
    finding = FamilyFinding.objects.get(child=council.child_a)
    assert (finding.route_key, finding.started_on) == ("family_finding", TODAY)
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, child_id=council.child_a.child_id, summary__contains="Family"
    ).exists()
    page = client.get(_url(council.child_a)).content.decode()
    assert "Family finding: internal carers, then an external search" in page
    assert "Record as done" in page  # the pen picture, the social worker's, is open


def test_choosing_no_route_names_the_field(client, council):
    client.force_login(council.users["social_worker"])
    html = client.post(_url(council.child_a, "route/"), date_data("started_on", TODAY)).content
    assert 'href="#id_route' in html.decode() and "Select the route" in html.decode()
    assert not FamilyFinding.objects.exists()


def test_the_route_cannot_change_once_a_step_is_done(council):
    finding = _start(council)
    _record(council, finding, "pen_picture", "social_worker", 20)
    with pytest.raises(ValidationError, match="cannot change now"):
        _start(council, "ifa_carers")


def test_recording_a_step_done(client, council):
    _start(council)
    client.force_login(council.users["social_worker"])
    response = client.post(
        _url(council.child_a, "steps/pen_picture/"),
        {**date_data("done_on", TODAY - dt.timedelta(days=3)), "note": "On the file"},
    )
    assert response.status_code == 302
    done = RouteStepDone.objects.get()
    assert (done.step_key, done.done_on, done.by) == (
        "pen_picture",
        TODAY - dt.timedelta(days=3),
        council.users["social_worker"],
    )
    page = client.get(_url(council.child_a)).content.decode()
    assert "Done on 21 November 2026 by" in page
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, summary__contains="done on 21 November 2026"
    ).exists()


def test_a_step_dated_before_the_step_it_follows_is_refused_naming_the_field(client, council):
    finding = _start(council)
    _record(council, finding, "pen_picture", "social_worker", 5)
    give_family_finder(council.child_a, council.users["family_finder"])
    client.force_login(council.users["family_finder"])
    response = client.post(
        _url(council.child_a, "steps/sent_to_internal_carers/"),
        date_data("done_on", TODAY - dt.timedelta(days=10)),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_done_on_0"' in html
    assert "cannot be before" in html and "19 November 2026" in html
    assert RouteStepDone.objects.count() == 1


def test_a_step_in_the_future_or_recorded_twice_is_refused(council):
    finding = _start(council)
    with pytest.raises(ValidationError, match="today or earlier"):
        _record(council, finding, "pen_picture", "social_worker", -1)
    _record(council, finding, "pen_picture", "social_worker", 1)
    with pytest.raises(ValidationError, match="already recorded"):
        _record(council, finding, "pen_picture", "social_worker", 0)


def test_a_waiting_step_cannot_be_done_before_the_step_it_follows(council):
    finding = _start(council)
    give_family_finder(council.child_a, council.users["family_finder"])
    with pytest.raises(ValidationError, match="cannot be done before: Pen picture"):
        _record(council, finding, "sent_to_internal_carers", "family_finder", 1)


def test_only_the_role_the_step_names_records_it(client, council):
    finding = _start(council)
    # The social worker may see the child but the internal circulation is the family finder's.
    client.force_login(council.users["social_worker"])
    response = client.get(_url(council.child_a, "steps/sent_to_internal_carers/"))
    assert response.status_code == 403
    assert AuditEntry.objects.filter(
        action=AuditAction.DENIED, summary__contains="recorded by the"
    ).exists()
    with pytest.raises(ValidationError, match="recorded by the"):
        _record(council, finding, "pen_picture", "team_manager", 1)
    # A service manager sees every child, but the pen picture is the social worker's.
    client.force_login(council.users["service_manager"])
    assert client.get(_url(council.child_a, "steps/pen_picture/")).status_code == 403
    # An unknown step is a 404, audited.
    client.force_login(council.users["social_worker"])
    assert client.get(_url(council.child_a, "steps/no_such_step/")).status_code == 404


def test_the_external_search_waits_for_the_service_managers_written_permission(client, council):
    finding = _start(council)
    give_family_finder(council.child_a, council.users["family_finder"])
    _record(council, finding, "pen_picture", "social_worker", 20)
    _record(council, finding, "sent_to_internal_carers", "family_finder", 15)
    # Before the permission: the external steps are not open, and cannot be recorded.
    with pytest.raises(ValidationError, match="external search cannot start"):
        _record(council, finding, "permission_to_placements", "social_worker", 5)
    client.force_login(council.users["social_worker"])
    page = client.get(_url(council.child_a)).content.decode()
    assert "Not yet" in page and "record the service manager" in page
    assert _url(council.child_a, "steps/permission_to_placements/") not in page
    # Only a service manager records the permission, with its date and who gave it.
    with pytest.raises(ValidationError, match="recorded by the"):
        _record(council, finding, "external_search_permission", "social_worker", 10)
    client.force_login(council.users["service_manager"])
    response = client.post(
        _url(council.child_a, "steps/external_search_permission/"),
        {**date_data("done_on", TODAY - dt.timedelta(days=10)), "note": "Email of 14 November"},
    )
    assert response.status_code == 302
    permission = RouteStepDone.objects.get(step_key="external_search_permission")
    assert permission.by == council.users["service_manager"]
    client.force_login(council.users["social_worker"])
    page = client.get(_url(council.child_a)).content.decode()
    assert "Allowed" in page and "recorded on 14 November 2026" in page
    assert _url(council.child_a, "steps/permission_to_placements/") in page
    _record(council, finding, "permission_to_placements", "social_worker", 5)


def test_the_family_finder_sees_only_the_children_allocated_to_them(client, council):
    _start(council)
    client.force_login(council.users["family_finder"])
    assert client.get(_url(council.child_a)).status_code == 404
    give_family_finder(council.child_a, council.users["family_finder"])
    assert client.get(_url(council.child_a)).status_code == 200
    assert client.get(_url(council.child_b)).status_code == 404
