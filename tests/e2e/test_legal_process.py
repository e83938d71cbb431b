"""The legal process and support after the order in the browser (issue 18 items 4 and 7), at
320 pixels with axe-core on every page:

- a social worker records a support plan after a special guardianship order (first with the
  errors of an empty form, then the Access to Resources Panel's date an agreed allowance needs:
  Dudley, 001), sees its annual review due (Special Guardianship Regulations 2005 reg 17, check)
  and records the review;
- under Durham, a social worker records the letter before proceedings for a child in the Public
  Law Outline (after the error summary), sees the 16 weeks, and adds the court's filing date.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.children.models import JourneyEvent
from homeward.legal.models import CourtFiling, PreProceedingsStep, SupportPlan
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, record_sections, sign_in, visit
from tests.e2e.test_layout import WIDTH, assert_fits


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.locator(f'[name="{name}_0"]').fill(str(day.day))
    page.locator(f'[name="{name}_1"]').fill(str(day.month))
    page.locator(f'[name="{name}_2"]').fill(str(day.year))


@pytest.mark.e2e
def test_a_support_plan_after_the_order_and_its_review(page: Page, demo: Demo) -> None:
    child = demo.child
    today = timezone.localdate()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "social-worker")
    visit(page, child.get_absolute_url())
    follow(page, record_sections(page).get_by_role("link", name="After the order", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Support after the order")
    assert_fits(page)
    follow(page, page.get_by_role("link", name="Record a support plan"))
    follow(page, page.get_by_role("button", name="Save"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select the order the support plan follows")
    expect(summary).to_contain_text("Enter the support the plan gives")
    assert_fits(page)
    page.get_by_label("Special guardianship order").check()
    fill_date(page, "order_made_on", today - dt.timedelta(days=20))
    fill_date(page, "agreed_on", today - dt.timedelta(days=20))
    page.get_by_label("The carers it supports").fill("Maternal grandmother")
    page.get_by_label("Support the plan gives").fill("Therapeutic support and carers' training")
    page.get_by_label("Agreed", exact=True).check()
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the date the Access to Resources Panel decided"
    )
    assert not SupportPlan.objects.filter(child=child).exists()
    fill_date(page, "allowance_panel_on", today - dt.timedelta(days=30))
    follow(page, page.get_by_role("button", name="Save"))
    expect(page).to_have_url(f"/children/{child.child_id}/support/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The support plan has been recorded"
    )
    expect(page.get_by_text("Therapeutic support and carers' training")).to_be_visible()
    reviews = page.get_by_role("region", name="Support plan reviews")
    expect(reviews).to_contain_text("Support plan reviewed")
    assert_fits(page)
    follow(page, page.get_by_role("link", name="Record a review"))
    fill_date(page, "held_on", today)
    page.get_by_label("What was reviewed and decided").fill("Therapy continues to the spring")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Therapy continues to the spring")).to_be_visible()
    plan = SupportPlan.objects.get(child=child)
    assert plan.reviews.get().journey_event.kind == "support_plan_reviewed"
    assert_fits(page)


@pytest.mark.e2e
def test_pre_proceedings_and_a_court_filing_date_under_durham(
    page: Page, demo: Demo, settings
) -> None:
    settings.HOMEWARD_COUNCIL = "durham"
    child = demo.child
    today = timezone.localdate()
    JourneyEvent.objects.create(child=child, kind="plo_started", date=today - dt.timedelta(days=30))
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "social-worker")
    visit(page, child.get_absolute_url())
    follow(page, record_sections(page).get_by_role("link", name="Legal", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Legal process")
    expect(page.locator("main")).to_contain_text("locality legal clinic")
    expect(page.get_by_role("region", name="Pre-proceedings deadline")).to_contain_text(
        "Pre-proceedings concluded"
    )
    assert_fits(page)
    follow(page, page.get_by_role("link", name="Record a step of pre-proceedings"))
    follow(page, page.get_by_role("button", name="Save"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select what happened")
    assert_fits(page)
    page.get_by_label("Letter before proceedings sent to the parents").check()
    fill_date(page, "date", today - dt.timedelta(days=27))
    follow(page, page.get_by_role("button", name="Save"))
    expect(page).to_have_url(f"/children/{child.child_id}/legal/")
    expect(page.get_by_label("Steps of pre-proceedings")).to_contain_text(
        "Letter before proceedings sent to the parents"
    )
    assert PreProceedingsStep.objects.get(child=child).journey_event is not None
    follow(page, page.get_by_role("link", name="Add a court filing date"))
    page.get_by_label("Social work statement (social work evidence template)").check()
    fill_date(page, "due_on", today + dt.timedelta(days=14))
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("region", name="Court filing dates")).to_contain_text("Due")
    assert CourtFiling.objects.filter(
        child=child, kind="statement", due_on=today + dt.timedelta(days=14), filed_on=None
    ).exists()
    assert_fits(page)
