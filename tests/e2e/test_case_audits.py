"""Case audits in the browser (issue 18 item 9; Dudley strategy 000_f860603ee99ef2b2.txt
'Quality and Audit'): the team manager records a case audit of a child's permanence planning on
the short form (first without answers, for the error summary), grades it "requires improvement"
with an action for the social worker; the social worker finds the action on "My work" at 320
pixels, follows it to the Case audits tab with the grade, and marks it done. axe-core on every
page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.domain import case_audit as rules
from homeward.quality.models import CaseAuditAction
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, sign_in, sign_out, visit
from tests.e2e.test_layout import WIDTH, assert_fits

ACTION = "Hold a family network meeting about the paternal family"


@pytest.mark.e2e
def test_a_case_audit_grade_and_action_reach_the_workers_my_work(page: Page, demo: Demo) -> None:
    child = demo.child
    due = timezone.localdate() + dt.timedelta(days=7)
    sign_in(page, "team-manager")
    visit(page, f"/children/{child.child_id}/")
    follow(page, page.get_by_role("link", name="Case audits", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Case audits")
    follow(page, page.get_by_role("link", name="Record a case audit"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a case audit")
    follow(page, page.get_by_role("button", name="Record the audit"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select the grade")
    expect(summary).to_contain_text(f"Answer: {rules.QUESTIONS[0].text}")
    for question in rules.QUESTIONS:
        answer = "Partly" if question.key == "family_network" else "Yes"
        page.get_by_role("group", name=question.text).get_by_label(answer, exact=True).check()
    page.get_by_label("Requires improvement", exact=True).check()
    follow(page, page.get_by_role("button", name="Record the audit"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "A grade of requires improvement needs at least one action"
    )
    page.get_by_label("Action 1", exact=True).fill(ACTION)
    page.get_by_label("Action 1: who owns it").select_option(
        label=f"{demo.social_worker} (Social worker)"
    )
    dates = page.get_by_role("group", name="Action 1: due date")
    dates.get_by_label("Day").fill(str(due.day))
    dates.get_by_label("Month").fill(str(due.month))
    dates.get_by_label("Year").fill(str(due.year))
    page.get_by_label("What the audit found").fill("The paternal family has not been explored.")
    follow(page, page.get_by_role("button", name="Record the audit"))
    expect(page).to_have_url(f"/children/{child.child_id}/case-audits/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The case audit has been recorded"
    )
    expect(page.get_by_role("cell", name=ACTION, exact=True)).to_be_visible()
    sign_out(page)

    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "social-worker")
    visit(page, "/my-work/?show=tasks")
    row = page.locator("tr", has_text=ACTION)
    expect(row).to_contain_text("Action from a case audit")
    expect(row).to_contain_text(child.child_id)
    assert_fits(page)
    follow(page, row.get_by_role("link").first)
    expect(page).to_have_url(f"/children/{child.child_id}/case-audits/")
    card = page.locator(".govuk-summary-card", has_text=ACTION)
    expect(card).to_contain_text("Requires improvement")
    expect(page.get_by_role("link", name="Record a case audit")).to_have_count(0)
    assert_fits(page)
    follow(page, card.get_by_role("link", name=re.compile(f"Mark done.*{ACTION}")))
    assert_fits(page)
    follow(page, page.get_by_role("button", name="Mark done"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("marked as done")
    assert CaseAuditAction.objects.get(text=ACTION).done_on == timezone.localdate()
    visit(page, "/my-work/?show=tasks")
    expect(page.get_by_text(ACTION)).to_have_count(0)
    assert_fits(page)
