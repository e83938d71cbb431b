"""Expectations agreed with a placement provider (issue 18 item 9; Dudley strategy
000_f860603ee99ef2b2.txt 'Home Linking Team': "set specific expectations for providers i.e.
support in reunification, school transport, therapeutic input, family time, key working,
additional support"): recorded by those who work the case, read by all who may see the child,
audited; bad input names the field."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.audit.models import AuditAction, AuditEntry
from homeward.domain import case_audit as rules
from homeward.quality.models import ProviderExpectation
from tests.clock import TODAY

pytestmark = pytest.mark.django_db


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def test_the_areas_are_the_home_linking_teams_own() -> None:
    labels = dict(rules.EXPECTATION_AREAS)
    assert [labels[k] for k in ("reunification", "school_transport", "therapeutic")] == [
        "Support in reunification",
        "School transport",
        "Therapeutic input",
    ]
    assert rules.expectation_problems(
        provider="", area="x", expectation=" ", agreed_on=dt.date(2026, 11, 25), today=TODAY
    ) == {
        "provider": "Enter the placement provider",
        "area": "Select what the expectation is about",
        "expectation": "Enter what the provider is expected to do",
        "agreed_on": "The date it was agreed must be today or in the past",
    }


def test_a_worker_records_an_expectation_agreed_with_the_provider(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["social_worker"])
    path = f"/children/{child.child_id}/provider-expectations/"
    bad = client.post(path + "add/", {"provider": "Brightwater Fostering", "area": "family_time"})
    assert "Enter what the provider is expected to do" in bad.content.decode()
    assert not ProviderExpectation.objects.exists()
    response = client.post(
        path + "add/",
        {
            "provider": "Brightwater Fostering",
            "area": "school_transport",
            "expectation": "Drive the child to their own school",
            **date_fields("agreed_on", TODAY),
            "agreed_with": "The registered manager",
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, summary__contains="Brightwater Fostering"
    ).exists()
    page = client.get(path).content.decode()
    assert "Drive the child to their own school" in page and "School transport" in page
    assert "&#x27;Home Linking Team&#x27;" in page
    matching = client.get(f"/children/{child.child_id}/matching/").content.decode()
    assert path in matching


@pytest.mark.parametrize(
    "role,status", [("performance_analyst", 403), ("family_finder", 404), ("iro", 200)]
)
def test_who_may_record_an_expectation(client, council, role, status) -> None:
    client.force_login(council.users[role])
    path = f"/children/{council.child_a.child_id}/provider-expectations/add/"
    assert client.get(path).status_code == status
