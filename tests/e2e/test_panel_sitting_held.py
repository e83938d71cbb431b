"""A panel that sat on another day than its listed one, recorded after the event in the browser
(issue 13 item 10): the error paths, the real date on the panel's list, and the outcome counted
from it; axe-clean and reflowing at 320 pixels.

Seed: Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Achieving early permanence
panel' (the first permanence planning meeting within 6 weeks of the panel).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.children.models import JourneyEvent
from homeward.domain import panels as domain
from homeward.panels import services
from homeward.panels.models import Panel
from tests.e2e.helpers import follow, sign_in, visit
from tests.e2e.test_layout import WIDTH, assert_fits
from tests.e2e.test_panels import error_summary, fill_date, radio

DUDLEY = domain.SCHEDULES["dudley"]


@pytest.mark.e2e
def test_a_panel_that_sat_on_another_day_is_recorded_with_its_real_date(page: Page, demo) -> None:
    from homeward.accounts.models import User

    today = timezone.localdate()
    sitting = DUDLEY.previous_sitting(today + dt.timedelta(days=1))
    held_on = sitting.date - dt.timedelta(days=3)  # an extraordinary sitting the Friday before
    child = demo.child
    services.refer(
        child,
        panel_date=sitting.date,
        route="legal_gateway",
        is_late=False,
        late_reason="",
        by=User.objects.get(username="permanence-coordinator"),
        now=sitting.cutoff - dt.timedelta(days=5),
    )
    sign_in(page, "team-manager")
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, f"/panels/aepp/?date={sitting.date.isoformat()}")
    follow(page, page.get_by_role("link", name="Record the day this panel sat"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the day the panel sat")
    assert_fits(page)

    follow(page, page.get_by_role("button", name="Save the day the panel sat"))
    summary = error_summary(page)
    expect(summary).to_contain_text("Enter the date the panel sat")
    expect(summary).to_contain_text("Enter why the panel sat on that day")
    assert_fits(page)

    fill_date(page, "Date the panel sat", today + dt.timedelta(days=1))
    page.get_by_label("Why the panel sat on that day").fill("Extraordinary sitting")
    follow(page, page.get_by_role("button", name="Save the day the panel sat"))
    expect(summary).to_contain_text("must be today or in the past")
    assert Panel.objects.get(date=sitting.date).held_on is None

    fill_date(page, "Date the panel sat", held_on)
    follow(page, page.get_by_role("button", name="Save the day the panel sat"))
    expect(page).to_have_url(f"/panels/aepp/?date={sitting.date.isoformat()}")
    expect(page.locator(".govuk-summary-list")).to_contain_text(
        "Sat on another day: Extraordinary sitting"
    )
    assert_fits(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    row = page.get_by_role("row", name=child.child_id)
    follow(page, row.get_by_role("link", name=f"Record the outcome for {child.full_name}"))
    radio(page, "Which pathway did the panel agree?", "Fostering").check()
    page.get_by_label("Family finder or SGO social worker allocated").select_option(
        label="Taylor Wrenfield-Demo"
    )
    fill_date(
        page, "Date of the first permanence planning meeting", held_on + dt.timedelta(weeks=6)
    )
    follow(page, page.get_by_role("button", name="Save outcome"))
    assert JourneyEvent.objects.filter(child=child, kind="aepp_held", date=held_on).exists()
