"""Notifications in the browser (issue 18 item 3): a social worker plans a legal planning meeting
while their team manager has no email address, so the invitation fails and the meeting is kept;
once the address is added the service manager sends it again from the outbox and it is sent; the
team manager finds it in their own outbox and its link leads to the meeting. The demo's failed
message, sent again by its recipient, and notification settings through their error path, at
320 pixels; axe-core on every page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.accounts.models import User
from homeward.meetings.models import Meeting
from homeward.notifications.models import Message, Preference
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, sign_in, sign_out, visit
from tests.e2e.test_layout import WIDTH, assert_fits


def open_menu_link(page: Page, name: str) -> None:
    nav = page.get_by_role("navigation", name="Menu")
    if not nav.get_by_role("link", name=name, exact=True).is_visible():
        page.get_by_role("button", name="Menu").click()
    follow(page, nav.get_by_role("link", name=name, exact=True))


def sign_out_at_any_width(page: Page) -> None:
    if not page.get_by_role("button", name="Sign out").is_visible():
        page.get_by_role("button", name="Menu").click()
    sign_out(page)


def fill_date(page: Page, group: str, day: dt.date) -> None:
    fields = page.get_by_role("group", name=group)
    fields.get_by_label("Day").fill(str(day.day))
    fields.get_by_label("Month").fill(str(day.month))
    fields.get_by_label("Year").fill(str(day.year))


@pytest.mark.e2e
def test_an_invitation_that_fails_keeps_the_meeting_and_is_sent_again(
    page: Page, demo: Demo
) -> None:
    child = demo.child
    manager = User.objects.get(username="team-manager")
    User.objects.filter(pk=manager.pk).update(email="")
    day = timezone.localdate() + dt.timedelta(days=10)

    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/meetings/plan/")
    page.get_by_label("Type of meeting").select_option(label="Legal planning meeting")
    fill_date(page, "Date of the meeting", day)
    follow(page, page.get_by_role("button", name="Plan the meeting"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("planned")
    meeting = Meeting.objects.get(child=child, type="legal_planning_meeting")
    invitation = Message.objects.get(
        kind="meeting_invitation", recipient=manager, link_path__endswith=f"/{meeting.pk}/"
    )
    assert invitation.status == "failed" and "has no email address" in invitation.error
    assert meeting.status == "planned"  # the work is kept whatever became of the email
    sign_out(page)

    User.objects.filter(pk=manager.pk).update(email="team-manager@demo.homeward.invalid")
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "service-manager")
    open_menu_link(page, "Notifications")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    row = page.locator(f"#message-{invitation.pk}")
    expect(row).to_contain_text("Failed")
    expect(row).to_contain_text("has no email address")
    expect(row).to_contain_text("Invitation: Legal planning meeting on")
    expect(row).not_to_contain_text(child.last_name)
    assert_fits(page)
    follow(page, row.get_by_role("button", name=re.compile("Send again")))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been sent")
    expect(page.locator(f"#message-{invitation.pk}")).to_contain_text("Sent")
    assert_fits(page)
    invitation.refresh_from_db()
    assert invitation.status == "sent" and invitation.attempts == 2
    sign_out_at_any_width(page)

    sign_in(page, "team-manager")
    open_menu_link(page, "Notifications")
    expect(page.locator(f"#message-{invitation.pk}")).to_contain_text("Sent")
    # The email's link, as the team manager would follow it: to the meeting.
    visit(page, f"/notifications/go/{invitation.token}/")
    expect(page).to_have_url(f"/children/{child.child_id}/meetings/{meeting.pk}/")


@pytest.mark.e2e
def test_the_demos_failed_message_and_notification_settings_at_320_pixels(
    page: Page, demo: Demo
) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "social-worker")
    open_menu_link(page, "Notifications")
    failed = Message.objects.get(recipient=demo.social_worker, status="failed")
    row = page.locator(f"#message-{failed.pk}")
    expect(row).to_contain_text("Failed")
    expect(page.locator("#outbox-table")).to_contain_text("Sent")
    expect(page.get_by_text("Your digest: Weekly")).to_be_visible()
    assert_fits(page)
    follow(page, row.get_by_role("button", name=re.compile("Send again")))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been sent")
    expect(page.locator(f"#message-{failed.pk}")).to_contain_text("Sent")

    follow(page, page.get_by_role("link", name="Change your notification settings"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification settings")
    assert_fits(page)
    Preference.objects.filter(user=demo.social_worker).delete()
    visit(page, "/notifications/settings/")
    follow(page, page.get_by_role("button", name="Save settings"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select how often to get a digest")
    assert_fits(page)
    page.get_by_label("Daily: what is overdue or due by tomorrow").check()
    follow(page, page.get_by_role("button", name="Save settings"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your notification settings have been saved"
    )
    expect(page.get_by_text("Your digest: Daily")).to_be_visible()
    assert Preference.objects.get(user=demo.social_worker).digest == "daily"
