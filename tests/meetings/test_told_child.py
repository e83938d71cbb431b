"""What the IRO told the child was done on their behalf, once an escalation is resolved (issue 18
item 2; Durham Early Permanence Planning Strategy, 002_a77630a273fce245.txt, 'Role of the
Independent Reviewing Officer': "the IRO should be able to demonstrate to children that they are
taking action on their behalf"). The clock is Tuesday 24 November 2026."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from homeward.audit.models import AuditAction, AuditEntry
from homeward.meetings import services
from homeward.meetings.models import Escalation
from tests.clock import TODAY
from tests.family.test_pages import date_fields

D = dt.date
RESOLVED = D(2026, 11, 16)
TOLD = "I told your social worker's manager there was no plan; now there is one."


def escalation(council, *, resolved_on: dt.date | None = RESOLVED) -> Escalation:
    return Escalation.objects.create(
        child=council.child_a,
        stage="informal",
        issue="No written permanence plan",
        raised_on=D(2026, 11, 2),
        raised_by=council.users["iro"],
        respond_by=D(2026, 11, 12),
        resolved_on=resolved_on,
        outcome="Plan agreed" if resolved_on else "",
    )


def test_the_iro_records_what_the_child_was_told(council) -> None:
    found = services.record_told_child(
        escalation(council), on=D(2026, 11, 20), told=f"  {TOLD} ", by=council.users["iro"]
    )
    found.refresh_from_db()
    assert (found.told_child_on, found.told_child) == (D(2026, 11, 20), TOLD)
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE, child_id=council.child_a.child_id, username="iro"
    ).exists()


def test_the_child_is_told_after_it_is_resolved_never_before_and_never_in_the_future(
    council,
) -> None:
    """Resolved Monday 16 November: 15 November is before it; 25 November is tomorrow."""
    iro = council.users["iro"]
    resolved = escalation(council)
    for on, message in (
        (D(2026, 11, 15), "on or after the escalation was resolved (16 November 2026)"),
        (TODAY + dt.timedelta(days=1), "must be today or in the past"),
        (None, "Enter the date the IRO told the child"),
    ):
        with pytest.raises(ValidationError) as caught:
            services.record_told_child(resolved, on=on, told=TOLD, by=iro)
        assert message in caught.value.message_dict["told_child_on"][0]
    with pytest.raises(ValidationError) as caught:
        services.record_told_child(resolved, on=TODAY, told="  ", by=iro)
    assert "told_child" in caught.value.message_dict
    assert services.record_told_child(resolved, on=D(2026, 11, 16), told=TOLD, by=iro).told_child
    with pytest.raises(ValidationError, match="Resolve the escalation first"):
        services.record_told_child(
            escalation(council, resolved_on=None), on=TODAY, told=TOLD, by=iro
        )


@pytest.mark.parametrize("role", ["social_worker", "team_manager", "other_iro"])
def test_only_the_childs_iro_or_a_service_manager_records_it(council, role) -> None:
    with pytest.raises(ValidationError, match="Only the child's IRO or a service manager"):
        services.record_told_child(escalation(council), on=TODAY, told=TOLD, by=council.users[role])
    services.record_told_child(
        escalation(council), on=TODAY, told=TOLD, by=council.users["service_manager"]
    )


def test_the_escalation_page_asks_once_it_is_resolved(client, council) -> None:
    resolved = escalation(council)
    url = reverse("meetings:escalation", args=[council.child_a.child_id, resolved.pk])
    client.force_login(council.users["iro"])
    page = client.get(url).content.decode()
    assert "Not recorded" in page and "What the IRO told the child was done on their behalf" in page
    response = client.post(url, {**date_fields("told_child_on", D(2026, 11, 20)), "told_child": ""})
    assert "Enter what the IRO told the child was done on their behalf" in response.content.decode()
    response = client.post(
        url, {**date_fields("told_child_on", D(2026, 11, 20)), "told_child": TOLD}
    )
    assert response.status_code == 302
    resolved.refresh_from_db()
    assert resolved.told_child == TOLD
