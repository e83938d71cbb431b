"""Strengths and risks recorded for every option (issue 18 item 9; Devon Permanence Matters
004_7232501e48845cda.txt 'Guiding Principles': "consider the strengths and risks of each
option"): the option's card shows them, or says they are still needed; those who work the case
record them, audited; bad input names the field."""

from __future__ import annotations

import pytest

from homeward.audit.models import AuditAction, AuditEntry
from tests.planning.factories import PermanenceOptionFactory

pytestmark = pytest.mark.django_db


def test_the_worker_records_an_options_strengths_and_risks(client, council) -> None:
    child = council.child_a
    option = PermanenceOptionFactory(child=child, kind="sgo", status="viable")
    client.force_login(council.users["social_worker"])
    plan = client.get(f"/children/{child.child_id}/plan/").content.decode()
    assert "Record its strengths and risks" in plan and "Not recorded yet" in plan
    assert "Devon Permanence Matters, &#x27;Guiding Principles&#x27;" in plan
    path = f"/children/{child.child_id}/plan/options/{option.pk}/strengths-and-risks/"
    bad = client.post(path, {"strengths": "Legal security with the grandmother", "risks": " "})
    assert bad.status_code == 200
    assert "Enter the option&#x27;s risks" in bad.content.decode()
    option.refresh_from_db()
    assert option.strengths == ""
    response = client.post(
        path,
        {
            "strengths": "Legal security with the grandmother",
            "risks": "The grandmother's health; the parents may contest",
        },
    )
    assert response.status_code == 302
    option.refresh_from_db()
    assert option.strengths == "Legal security with the grandmother"
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, summary__contains="strengths")
    assert entry.before["strengths"] == "" and entry.after["risks"].startswith("The grand")
    plan = client.get(f"/children/{child.child_id}/plan/").content.decode()
    assert "Record its strengths and risks" not in plan
    assert "Legal security with the grandmother" in plan


@pytest.mark.parametrize(
    "role,status",
    [("team_manager", 200), ("iro", 200), ("performance_analyst", 403), ("family_finder", 404)],
)
def test_who_may_record_strengths_and_risks(client, council, role, status) -> None:
    option = PermanenceOptionFactory(child=council.child_a, kind="sgo", status="to_explore")
    client.force_login(council.users[role])
    path = f"/children/{council.child_a.child_id}/plan/options/{option.pk}/strengths-and-risks/"
    assert client.get(path).status_code == status
