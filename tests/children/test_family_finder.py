"""The family finder on a child's allocation (issue 15 item 7): the early permanence panel's
fostering and adoption outcomes allocate a family finder (seed 001, "Outcomes"; SPEC section 4),
and a family finder sees the children allocated to them, and nothing else of other children."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from homeward.accounts.actor import Actor
from homeward.accounts.models import Role
from homeward.audit.models import AuditAction, AuditEntry
from homeward.children import services
from homeward.children.models import Allocation
from tests.factories import UserFactory

ON = dt.date(2026, 11, 20)


@pytest.fixture
def finder(council):
    return council.users["family_finder"]


def allocate(council, finder, child=None):
    return services.allocate_family_finder(
        child or council.child_a,
        finder,
        on=ON,
        actor=Actor.working_as(council.users["service_manager"]),
        reason="Family finding for a long-term fostering plan",
    )


def test_allocating_a_family_finder_keeps_the_rest_of_the_allocation(council, finder) -> None:
    before = council.child_a.allocations.get(ended_on__isnull=True)
    allocation = allocate(council, finder)
    assert allocation.family_finder == finder
    assert (allocation.social_worker, allocation.team, allocation.iro) == (
        before.social_worker,
        before.team,
        before.iro,
    )
    before.refresh_from_db()
    assert before.ended_on is not None  # the history keeps who held the case when
    entry = AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="allocation").latest(
        "pk"
    )
    assert "family finder" in entry.summary
    assert entry.reason == "Family finding for a long-term fostering plan"


def test_allocating_the_same_family_finder_again_changes_nothing(council, finder) -> None:
    first = allocate(council, finder)
    assert allocate(council, finder).pk == first.pk
    assert council.child_a.allocations.count() == 2  # the first, and the family finder's


def test_only_a_family_finder_working_here_can_be_allocated_as_one(council) -> None:
    with pytest.raises(ValidationError) as refused:
        allocate(council, council.users["social_worker"])
    assert "family_finder" in refused.value.message_dict
    gone = UserFactory(username="ff-left", role=Role.FAMILY_FINDER, is_active=False)
    with pytest.raises(ValidationError):
        allocate(council, gone)
    assert not Allocation.objects.filter(family_finder__isnull=False).exists()


def test_a_family_finder_sees_the_children_allocated_to_them_and_no_others(
    client, council, finder
) -> None:
    client.force_login(finder)
    assert client.get(council.child_a.get_absolute_url()).status_code == 404
    allocate(council, finder)
    assert client.get(council.child_a.get_absolute_url()).status_code == 200
    assert client.get(council.child_b.get_absolute_url()).status_code == 404
    listed = client.get("/?scope=mine").content.decode()
    assert council.child_a.child_id in listed
    assert council.child_b.child_id not in listed
    assert council.child_a2.child_id not in listed
    record = client.get(council.child_a.get_absolute_url()).content.decode()
    assert "Family finder" in record and str(finder) in record


def test_a_new_allocation_without_the_family_finder_ends_their_access(
    client, council, finder
) -> None:
    allocate(council, finder)
    current = council.child_a.allocations.get(ended_on__isnull=True)
    services.allocate(
        council.child_a,
        social_worker=current.social_worker,
        team=current.team,
        iro=current.iro,
        on=ON + dt.timedelta(days=1),
        actor=Actor.working_as(council.users["service_manager"]),
        reason="Matched and placed: family finding ended",
    )
    client.force_login(finder)
    assert client.get(council.child_a.get_absolute_url()).status_code == 404


def test_the_allocation_form_allocates_a_family_finder(client, council, finder) -> None:
    client.force_login(council.users["team_manager"])
    url = f"/children/{council.child_a.child_id}/allocation/"
    form = client.get(url).content.decode()
    assert 'name="family_finder"' in form and str(finder) in form
    current = council.child_a.allocations.get(ended_on__isnull=True)
    response = client.post(
        url,
        {
            "social_worker": current.social_worker.pk,
            "team": current.team.pk,
            "iro": current.iro.pk,
            "family_finder": finder.pk,
            "started_on_0": "20",
            "started_on_1": "11",
            "started_on_2": "2026",
            "reason": "Adoption family finding",
        },
    )
    assert response.status_code == 302
    assert council.child_a.allocations.get(ended_on__isnull=True).family_finder == finder
