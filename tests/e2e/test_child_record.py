"""Recording on a child's file, and need-to-know on the record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent
from homeward.children.templatetags.homeward import govuk_date
from tests.e2e.helpers import child_id_text, follow, sign_in, title, visit

KIND = "Family network meeting held"


def fill_journey_event(page: Page, day: dt.date, notes: str) -> None:
    page.get_by_label("What happened").select_option(label=KIND)
    date = page.get_by_role("group", name="Date")
    date.get_by_label("Day").fill(str(day.day))
    date.get_by_label("Month").fill(str(day.month))
    date.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Notes").fill(notes)
    follow(page, page.get_by_role("button", name="Save"))


@pytest.mark.e2e
def test_add_a_journey_event_with_the_date_input(page: Page, demo) -> None:
    child = demo.child
    day = timezone.localdate() - dt.timedelta(days=10)
    before = child.events.count()
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/")
    follow(page, page.get_by_role("link", name="Add a journey event"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a journey event")
    expect(page.locator(".moj-identity-bar")).to_contain_text(child_id_text(child))

    fill_journey_event(page, day, "Grandparents offered to care for the child.")

    expect(page).to_have_url(f"/children/{child.child_id}/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Add a journey event: your changes have been saved"
    )
    item = page.locator(".moj-timeline__item", has_text=KIND).filter(
        has_text="Grandparents offered to care for the child."
    )
    expect(item).to_have_count(1)
    expect(item.locator("time")).to_have_attribute("datetime", day.isoformat())
    expect(item.locator("time")).to_have_text(govuk_date(day))
    expect(item.locator(".moj-timeline__byline")).to_have_text(f"by {demo.social_worker}")
    assert child.events.count() == before + 1
    event = JourneyEvent.objects.get(child=child, notes__startswith="Grandparents")
    assert (event.kind, event.date, event.recorded_by) == (
        "family_network_meeting",
        day,
        demo.social_worker,
    )


@pytest.mark.e2e
def test_a_journey_event_in_the_future_is_refused(page: Page, demo) -> None:
    child = demo.child
    before = child.events.count()
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/events/add/")

    fill_journey_event(page, timezone.localdate() + dt.timedelta(days=3), "Not happened yet.")

    expect(page).to_have_url(f"/children/{child.child_id}/events/add/")
    expect(page).to_have_title(title(f"Error: Add a journey event – {child.full_name}"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    link = summary.locator(".govuk-error-summary__list a")
    expect(link).to_have_count(1)
    expect(link).to_have_text("Date must be today or in the past")
    target = link.get_attribute("href")
    assert target and target.startswith("#"), target
    date = page.get_by_role("group", name="Date")
    expect(date.locator(".govuk-error-message")).to_contain_text(
        "Date must be today or in the past"
    )
    link.click()
    expect(date.get_by_label("Day")).to_be_focused()
    # What was typed is kept, so it can be corrected.
    expect(page.get_by_label("Notes")).to_have_value("Not happened yet.")
    assert child.events.count() == before
    assert not JourneyEvent.objects.filter(notes="Not happened yet.").exists()


@pytest.mark.e2e
def test_social_worker_of_another_team_cannot_open_a_child_not_theirs(page: Page, demo) -> None:
    child, intruder = demo.child, demo.other_team_social_worker
    sign_in(page, intruder.username)

    # The answer for a child ID that does not exist: the URL does not say the child does.
    visit(page, f"/children/{child.child_id}/", status=404)

    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.locator(".moj-identity-bar")).to_have_count(0)
    expect(page.get_by_text(child.last_name)).to_have_count(0)
    visit(page, f"/children/{child.child_id}/events/add/", status=404)
    refusals = AuditEntry.objects.filter(
        action=AuditAction.DENIED, child_id=child.child_id, username=intruder.username
    )
    assert refusals.count() == 2
