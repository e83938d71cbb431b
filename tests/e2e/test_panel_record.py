"""An early permanence panel sitting's own record (issue 18 item 8), in Chromium at 320 pixels:
the panel administrator records who attended (the error summary first), the places nobody
filled shrink, a recruitment need is recorded, and a family finder finds it on the sufficiency
report from the navigation. axe-core checks every page visited.

Sources: Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Achieving early permanence
panel'; Dudley Permanence Strategy (000_f860603ee99ef2b2.txt) 'Fostering Recruitment,
Assessment and Training'.
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.panels.models import Panel
from tests.e2e.helpers import follow, sign_in, sign_out, visit
from tests.e2e.test_layout import WIDTH, assert_fits
from tests.e2e.test_panels import error_summary, radio

NEED = "Adopters for a 5-year-old boy who loves football and his baby sister."


@pytest.mark.e2e
def test_the_panel_administrator_records_a_sittings_attendance_and_a_need(page: Page, demo) -> None:
    panel = Panel.objects.filter(date__lte=timezone.localdate()).order_by("-date").first()
    assert panel is not None, "the demo council's panels have sat"
    panel.attendance.all().delete()  # the demo recorded it: record it afresh here
    panel.recruitment_needs.all().delete()

    sign_in(page, "panel-admin")
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, f"/panels/aepp/?date={panel.date.isoformat()}")
    follow(page, page.get_by_role("link", name="The panel’s record: attendance and recruitment"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("The panel’s record")
    unfilled = page.locator("dt", has_text="Places nobody filled").locator("xpath=..")
    expect(unfilled).to_contain_text("Team Manager SGO")
    assert_fits(page)

    follow(page, page.get_by_role("link", name="Record who attended"))
    assert_fits(page)
    follow(page, page.get_by_role("button", name="Save"))
    summary = error_summary(page)
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select their place on the panel")
    expect(summary).to_contain_text("Enter their name")
    expect(summary).to_contain_text("Select whether they attended or sent apologies")
    assert_fits(page)
    radio(page, "Their place on the panel", "Team Manager SGO").check()
    page.get_by_label("Their name").fill("Abi Hollis")
    radio(page, "Did they attend?", "Yes, they attended").check()
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("alert")).to_contain_text("Abi Hollis is recorded")
    attended = page.locator("dt", has_text="Attended").locator("xpath=..")
    expect(attended).to_contain_text("Abi Hollis (Team Manager SGO)")
    expect(unfilled).not_to_contain_text("Team Manager SGO")

    follow(page, page.get_by_role("link", name="Record a recruitment need"))
    radio(page, "For which recruitment team?", "Adoption@Heart").check()
    page.get_by_label("The need").select_option(label="Adopters for children over four")
    page.get_by_label("How many children it was raised for").fill("2")
    page.get_by_label("What carers are needed").fill(NEED)
    follow(page, page.get_by_role("button", name="Save the need"))
    expect(page.locator("#needs ~ .hw-table-wrap").first).to_contain_text(NEED)
    assert_fits(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_out(page)

    sign_in(page, "family-finder")
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, "/")
    page.get_by_role("button", name="Menu").click()
    menu = page.get_by_role("navigation", name="Menu")
    follow(page, menu.get_by_role("link", name="Recruitment needs"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Recruitment needs raised at the early permanence panel"
    )
    expect(page.locator("main")).to_contain_text(NEED)
    assert_fits(page)
