"""The demo's case audits (homeward/demo/quality.py): on first sign-in the demo social worker
has audited children with grades and actions on "My work", one overdue; every auditor may audit
the child and every owner works the case."""

from __future__ import annotations

import pytest
from django.utils import timezone

from homeward.accounts import access
from homeward.accounts.models import User
from homeward.demo.builder import build
from homeward.domain.councils import profile_for
from homeward.quality.models import CaseAudit, CaseAuditAction

pytestmark = pytest.mark.django_db


def test_the_demo_social_worker_finds_audits_and_an_overdue_action(client) -> None:
    today = timezone.localdate()
    build(profile_for("dudley"), n_children=40, seed=2026, today=today)
    worker = User.objects.get(username="social-worker")
    audits = CaseAudit.objects.select_related("child", "auditor")
    assert audits.count() >= 6
    for audit in audits:
        assert access.can_audit_case(audit.auditor, audit.child), audit.child.child_id
    for action in CaseAuditAction.objects.select_related("child", "owner"):
        assert access.can_change_child(action.owner, action.child)
    theirs = CaseAuditAction.objects.filter(owner=worker, done_on__isnull=True)
    assert theirs.filter(due_on__lt=today).exists()
    client.force_login(worker)
    html = client.get("/my-work/", {"show": "tasks"}).content.decode()
    assert "Action from a case audit" in html and "govuk-tag--red" in html
    child = audits.filter(auditor__username="team-manager").first().child
    page = client.get(f"/children/{child.child_id}/case-audits/").content.decode()
    assert "Quality and Audit" in page and "Case audit," in page
    # Expectations agreed with placement providers (Dudley 'Home Linking Team').
    from homeward.quality.models import ProviderExpectation

    agreed = ProviderExpectation.objects.filter(child__allocations__social_worker=worker).first()
    assert agreed is not None
    page = client.get(f"/children/{agreed.child.child_id}/provider-expectations/")
    assert agreed.expectation in page.content.decode()
    # Edge-of-care interventions and advice on permanence options (Dudley strategy).
    from homeward.quality.models import EdgeOfCareIntervention, PermanenceAdvice

    assert EdgeOfCareIntervention.objects.exists()
    assert PermanenceAdvice.objects.filter(arrangement="private_fostering").exists()
    for row in [*EdgeOfCareIntervention.objects.all(), *PermanenceAdvice.objects.all()]:
        assert access.can_view_child(worker, row.child)


def test_durhams_demo_has_network_meetings_planned_at_the_agreed_frequency(settings) -> None:
    """Durham (002 'Family Group Conference/ Network meetings'): the demo social worker's
    children have a family network meeting held with an agreed frequency and the next planned."""
    from homeward.meetings.models import Meeting

    settings.HOMEWARD_COUNCIL = "durham"
    build(profile_for("durham"), n_children=40, seed=2026, today=timezone.localdate())
    planned = Meeting.objects.filter(
        type="family_network_meeting",
        status="planned",
        scheduled_because__contains="Agreed at the family network meeting",
    )
    assert planned.exists()
    assert planned.filter(planned_on__lt=timezone.localdate()).exists()  # one not yet recorded
