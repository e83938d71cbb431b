"""Family finding in the browser (issue 15 items 2, 3 and 7): the demo family finder at 320
pixels opens their worklist from the menu, opens a child on a route, records the step that is
theirs (through the form's error first), and reads the pen picture safe to send to carers. Every
page is checked with axe-core and must not scroll sideways."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.accounts.models import User
from homeward.matching import worklist
from homeward.matching.models import RouteStepDone
from tests.e2e.helpers import follow, sign_in, title
from tests.e2e.test_layout import WIDTH, assert_fits


@pytest.mark.e2e
def test_a_family_finder_works_through_their_worklist_at_320_pixels(page: Page, demo) -> None:
    finder = User.objects.get(username="family-finder")
    rows = worklist.worklist(finder, timezone.localdate()).rows
    row = next(r for r in rows if any(s.role == "family_finder" for s in r.due))
    step = next(s for s in row.due if s.role == "family_finder")

    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "family-finder")
    page.get_by_role("button", name="Menu").click()
    follow(
        page,
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Family finding"),
    )
    expect(page).to_have_title(title("Family finding"))
    expect(page.get_by_role("table")).to_contain_text(row.child.full_name)
    assert_fits(page)

    follow(page, page.get_by_role("link", name=row.child.full_name))
    expect(page.get_by_role("heading", level=1)).to_have_text("Family finding")
    expect(page.get_by_role("heading", level=2).first).to_have_text(row.route.title)
    assert_fits(page)

    follow(page, page.locator(f'a[href$="/steps/{step.key}/"]'))
    expect(page.get_by_role("heading", level=1)).to_have_text(step.title)
    assert_fits(page)
    dates = page.get_by_role("group", name="Date done")
    for part in ("Day", "Month", "Year"):
        dates.get_by_label(part).fill("")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date done")
    assert_fits(page)

    today = timezone.localdate()
    dates = page.get_by_role("group", name="Date done")
    dates.get_by_label("Day").fill(str(today.day))
    dates.get_by_label("Month").fill(str(today.month))
    dates.get_by_label("Year").fill(str(today.year))
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("recorded as done")
    assert RouteStepDone.objects.filter(step_key=step.key, by=finder, done_on=today).exists()
    assert_fits(page)

    if page.get_by_role("link", name="See the version safe to send to carers").count():
        follow(page, page.get_by_role("link", name="See the version safe to send to carers"))
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Pen picture safe to send to carers"
        )
        expect(page.locator("#safe-text")).not_to_contain_text(row.child.last_name)
        assert_fits(page)
