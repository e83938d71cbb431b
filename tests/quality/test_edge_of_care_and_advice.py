"""Edge-of-care interventions (Dudley strategy 000_f860603ee99ef2b2.txt 'Family Solutions';
'Independent Reviewing Service') and advice on permanence options for children in care and in
private fostering (objective 6: "from the Children's Rights and Representation Team and/or their
Independent Reviewing Officer"), issue 18 item 9: recorded by those who work the case, read by
all who may see the child, audited; bad input names the field."""

from __future__ import annotations

import datetime as dt

import pytest

from homeward.audit.models import AuditAction, AuditEntry
from homeward.domain import case_audit as rules
from homeward.quality.models import EdgeOfCareIntervention, PermanenceAdvice
from tests.clock import TODAY

pytestmark = pytest.mark.django_db


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def test_an_intervention_ends_on_or_after_it_starts() -> None:
    """Started Monday 2 November 2026: ending on Sunday 1 November is refused, on the day is
    fine, and nothing is dated after today (Tuesday 24 November)."""
    common = dict(
        choice="edge_of_care_service",
        choices=rules.INTERVENTIONS,
        choice_field="kind",
        choice_message="Select the intervention",
        what="Support at home",
        what_message="Enter it",
        today=TODAY,
    )
    start = dt.date(2026, 11, 2)
    assert rules.dated_record_problems(
        started_on=start, ended_on=dt.date(2026, 11, 1), **common
    ) == {"ended_on": "The end date cannot be before the start"}
    assert rules.dated_record_problems(started_on=start, ended_on=start, **common) == {}
    assert rules.dated_record_problems(
        started_on=dt.date(2026, 11, 25), ended_on=None, **common
    ) == {"started_on": "The date must be today or in the past"}


def test_a_worker_records_an_edge_of_care_intervention(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["social_worker"])
    path = f"/children/{child.child_id}/edge-of-care/"
    bad = client.post(
        path + "add/",
        {
            "kind": "edge_of_care_service",
            "what": "Support at home",
            **date_fields("started_on", TODAY),
            **date_fields("ended_on", TODAY - dt.timedelta(days=1)),
        },
    )
    assert "The end date cannot be before the start" in bad.content.decode()
    assert not EdgeOfCareIntervention.objects.exists()
    ok = client.post(
        path + "add/",
        {
            "kind": "family_group_conference",
            "what": "The family agreed a plan for the grandparents to share care",
            **date_fields("started_on", TODAY - dt.timedelta(days=7)),
        },
    )
    assert ok.status_code == 302
    page = client.get(path).content.decode()
    assert "Family group conference" in page and "(continuing)" in page
    assert "&#x27;Family Solutions&#x27;" in page
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, summary__contains="edge-of-care"
    ).exists()


def test_the_iro_records_advice_for_a_child_in_private_fostering(client, council) -> None:
    child = council.child_a
    client.force_login(council.users["iro"])
    path = f"/children/{child.child_id}/permanence-advice/"
    bad = client.post(path + "add/", {"arrangement": "private_fostering", "what": "Options"})
    assert "Select who gave the advice" in bad.content.decode()
    ok = client.post(
        path + "add/",
        {
            "arrangement": "private_fostering",
            "adviser": "iro",
            "what": "Talked through a child arrangements order and special guardianship",
            **date_fields("given_on", TODAY),
        },
    )
    assert ok.status_code == 302
    advice = PermanenceAdvice.objects.get()
    assert (advice.arrangement, advice.adviser, advice.started_on) == (
        "private_fostering",
        "iro",
        TODAY,
    )
    page = client.get(path).content.decode()
    assert "Private fostering arrangement" in page and "Independent Reviewing Officer" in page
    plan = client.get(f"/children/{child.child_id}/plan/").content.decode()
    assert path in plan and f"/children/{child.child_id}/edge-of-care/" in plan


@pytest.mark.parametrize(
    "role,status",
    [("social_worker", 200), ("performance_analyst", 403), ("social_worker_other_team", 404)],
)
def test_who_may_record_interventions_and_advice(client, council, role, status) -> None:
    client.force_login(council.users[role])
    for tail in ("edge-of-care/add/", "permanence-advice/add/"):
        assert client.get(f"/children/{council.child_a.child_id}/{tail}").status_code == status
