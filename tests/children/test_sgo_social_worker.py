"""The SGO social worker on a child's allocation (issue 18 item 1): the Achieving Early
Permanence Panel's special guardianship outcome allocates one (seed 001, 'Outcomes from meeting':
"SGO social worker allocated"), and so may a team or service manager; whoever is allocated has
the need to know the child (homeward.accounts.access reads the current allocation, in the one
query that decides it) and loses it when a later allocation no longer names them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.children import services
from homeward.children.models import Allocation

ON = dt.date(2026, 11, 20)


@pytest.fixture
def sgo_worker(council):
    """A social worker in another team: no need to know child_a until allocated to them."""
    return council.users["social_worker_other_team"]


def allocate(council, worker, child=None):
    return services.allocate_sgo_social_worker(
        child or council.child_a,
        worker,
        on=ON,
        actor=Actor.working_as(council.users["service_manager"]),
        reason="Special guardianship assessment of the grandmother",
    )


def test_an_sgo_social_worker_cannot_open_the_child_before_and_can_after(
    client, council, sgo_worker
) -> None:
    client.force_login(sgo_worker)
    assert client.get(council.child_a.get_absolute_url()).status_code == 404
    allocate(council, sgo_worker)
    record = client.get(council.child_a.get_absolute_url())
    assert record.status_code == 200
    html = record.content.decode()
    assert "SGO social worker" in html and str(sgo_worker) in html
    listed = client.get("/?scope=mine").content.decode()
    assert council.child_a.child_id in listed  # allocated to them
    assert council.child_a2.child_id not in listed


def test_allocating_an_sgo_social_worker_keeps_the_rest_and_is_audited(council, sgo_worker) -> None:
    before = council.child_a.allocations.get(ended_on__isnull=True)
    allocation = allocate(council, sgo_worker)
    assert allocation.sgo_social_worker == sgo_worker
    assert (allocation.social_worker, allocation.team, allocation.iro) == (
        before.social_worker,
        before.team,
        before.iro,
    )
    assert allocate(council, sgo_worker).pk == allocation.pk  # again: nothing changes
    # A family finder allocated later keeps the SGO social worker.
    services.allocate_family_finder(
        council.child_a,
        council.users["family_finder"],
        on=ON,
        actor=None,
        reason="Family finding in parallel",
    )
    assert council.child_a.allocations.get(ended_on__isnull=True).sgo_social_worker == sgo_worker


def test_only_a_social_worker_working_here_can_be_an_sgo_social_worker(council) -> None:
    with pytest.raises(ValidationError) as refused:
        allocate(council, council.users["family_finder"])
    assert "sgo_social_worker" in refused.value.message_dict
    assert not Allocation.objects.filter(sgo_social_worker__isnull=False).exists()


def test_a_manager_allocates_an_sgo_social_worker_on_the_allocation_form(
    client, council, sgo_worker
) -> None:
    client.force_login(council.users["team_manager"])
    url = f"/children/{council.child_a.child_id}/allocation/"
    assert 'name="sgo_social_worker"' in client.get(url).content.decode()
    current = council.child_a.allocations.get(ended_on__isnull=True)
    fields = {
        "social_worker": current.social_worker.pk,
        "team": current.team.pk,
        "iro": current.iro.pk,
        "started_on_0": "20",
        "started_on_1": "11",
        "started_on_2": "2026",
        "reason": "Special guardianship assessment",
    }
    response = client.post(url, {**fields, "sgo_social_worker": sgo_worker.pk})
    assert response.status_code == 302
    assert council.child_a.allocations.get(ended_on__isnull=True).sgo_social_worker == sgo_worker
    client.force_login(sgo_worker)
    assert client.get(council.child_a.get_absolute_url()).status_code == 200
    # A later allocation that no longer names them ends their need to know.
    client.force_login(council.users["team_manager"])
    later = {**fields, "started_on_0": "21", "reason": "Assessment finished"}
    assert client.post(url, later).status_code == 302
    client.force_login(sgo_worker)
    assert client.get(council.child_a.get_absolute_url()).status_code == 404


def test_the_need_to_know_is_one_query_however_many_children_are_allocated(
    council, sgo_worker
) -> None:
    """The allocation feeds access's filter: no lookup per child."""
    allocate(council, sgo_worker)
    allocate(council, sgo_worker, child=council.child_a2)
    with CaptureQueriesContext(connection) as one:
        visible = list(access.visible_children(sgo_worker))
    assert {council.child_a, council.child_a2, council.child_b} <= set(visible)
    assert len(one) == 1
