"""The demo council shows the legal process and support after the order on the first click for
the council each belongs to (issue 18 item 10): the demo social worker's own children first."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from homeward.accounts.models import User
from homeward.legal.models import (
    CourtFiling,
    LegalConsultation,
    PreProceedingsStep,
    SupportPlan,
    SupportPlanReview,
)
from homeward.meetings.models import Meeting


@pytest.mark.parametrize("slug", ["dudley", "durham", "devon"])
def test_the_demo_social_worker_finds_each_feature(client, db, settings, slug) -> None:
    settings.HOMEWARD_COUNCIL = slug
    call_command("demo", children=300, seed=2026)
    # The demo social worker has a child with a support plan after the order.
    worker = User.objects.get(username="social-worker")
    mine = {"child__allocations__social_worker": worker, "child__allocations__ended_on": None}
    plan = SupportPlan.objects.filter(**mine).first()
    assert plan
    client.force_login(worker)
    support = client.get(f"/children/{plan.child.child_id}/support/").content.decode()
    assert "Support plans" in support and plan.get_order_kind_display().lower() in support
    # The court progression manager, whose need to know is the children in the legal process
    # (001 'Legal Gateway Panel'), finds pre-proceedings and the court's filing dates.
    client.force_login(User.objects.get(username="court-progression"))
    step = PreProceedingsStep.objects.filter(child__meetings__type="pre_proceedings_meeting")
    step, filing = step.first(), CourtFiling.objects.first()
    assert step and filing
    legal = client.get(f"/children/{step.child.child_id}/legal/").content.decode()
    assert "Letter before proceedings sent to the parents" in legal
    court = client.get(f"/children/{filing.child.child_id}/legal/").content.decode()
    assert "Court filing dates" in court and "Final evidence" in court
    # The meetings of the legal process each council holds, planned.
    planned = set(Meeting.objects.filter(status="planned").values_list("type", flat=True))
    assert "pre_proceedings_meeting" in planned
    assert {"legal_clinic", "case_management_review_panel"} <= planned or slug != "durham"
    assert "Pre-proceedings meeting" in legal
    # Only Dudley funds a legal consultation; only Durham has welfare checks and its panel.
    assert LegalConsultation.objects.exists() is (slug == "dudley")
    welfare = SupportPlanReview.objects.filter(kind="kinship_welfare_check")
    assert welfare.exists() is (slug == "durham")
    if slug == "dudley":
        assert SupportPlan.objects.filter(allowance="agreed").exists()
        assert "Access to Resources Panel" in support
