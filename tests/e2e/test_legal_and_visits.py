"""Recording a statutory visit from the Timescales tab, and care proceedings with an extension
on the Plan tab, at 320 pixels, every page checked with axe-core (issue 13 items 2 and 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from homeward.children.models import StatutoryVisit
from homeward.planning.models import ProceedingsExtension
from tests.e2e.helpers import follow, sign_in, visit
from tests.e2e.test_layout import WIDTH, assert_fits


def fill_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


@pytest.mark.e2e
def test_recording_a_visit_and_an_extension_at_320_pixels(page: Page, demo) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})
    child = demo.child
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/timescales/")
    assert_fits(page)

    # A visit: first refused without an answer to "seen alone", then saved.
    follow(page, page.get_by_role("link", name="Record a statutory visit"))
    assert_fits(page)
    fill_date(page, "Date of the visit", dt.date(2026, 11, 20))
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select yes if the child was seen alone"
    )
    assert_fits(page)
    page.get_by_label("Yes").check()
    page.get_by_label("Notes").fill("Spoke with the child in their room")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Timescales")
    assert StatutoryVisit.objects.filter(child=child, seen_alone=True).exists()

    # Care proceedings: the issue date, then an extension of 8 weeks.
    follow(page, page.get_by_role("link", name="Care proceedings: issue date and extensions"))
    assert_fits(page)
    follow(page, page.get_by_role("link", name="Record care proceedings issued"))
    fill_date(page, "Date the application was issued", dt.date(2026, 6, 1))
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator("#proceedings")).to_be_visible()
    follow(page, page.get_by_role("link", name="Record an extension").first)
    assert_fits(page)
    fill_date(page, "Date the court granted the extension", dt.date(2026, 11, 20))
    page.get_by_label("Extended by (weeks)").fill("9")
    page.get_by_label("Why the court extended the timetable").fill("Expert report delayed")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("An extension is of 1 to 8 weeks")
    page.get_by_label("Extended by (weeks)").fill("8")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Extended by 8 weeks", exact=True)).to_be_visible()
    assert_fits(page)
    assert ProceedingsExtension.objects.get(proceedings__child=child).weeks == 8
