"""Admission in Homeward (issue 13 item 8): a social worker adds a child who has just become
looked after, with the first episode that starts every clock, and meets the form's error path;
at 320 pixels, axe-clean."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from homeward.children.models import Child
from homeward.timescales.models import Expectation
from tests.e2e.helpers import follow, sign_in, title, visit
from tests.e2e.test_layout import WIDTH, assert_fits


def fill_date(page: Page, group: str, day: dt.date) -> None:
    fields = page.get_by_role("group", name=group)
    fields.get_by_label("Day").fill(str(day.day))
    fields.get_by_label("Month").fill(str(day.month))
    fields.get_by_label("Year").fill(str(day.year))


@pytest.mark.e2e
def test_a_social_worker_adds_a_child_who_became_looked_after(page: Page, demo) -> None:
    """Became looked after on Monday 16 November 2026 (LS V2, PLACE U4): the first Child in
    Care review is due within 20 working days, on 14 December 2026 (reg 33, Care Planning,
    Placement and Case Review (England) Regulations 2010), as the Timescales tab shows."""
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "social-worker")
    follow(page, page.get_by_role("link", name="Add a child"))
    expect(page).to_have_title(title("Add a child"))
    assert_fits(page)

    page.get_by_label("Child ID").fill("ADM0001")
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Brook")
    page.get_by_role("radio", name="Yes", exact=True).check()
    fill_date(page, "Date of birth", dt.date(2019, 5, 2))
    page.get_by_label("Yes: record the first episode").check()
    fill_date(page, "Date the child became looked after", dt.date(2026, 11, 16))
    page.get_by_label("Legal status").select_option("V2")
    page.get_by_label("Placement type").select_option("U4")
    assert_fits(page)
    follow(page, page.get_by_role("button", name="Add the child"))

    expect(page).to_have_url("/children/ADM0001/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Nia Brook has been added")
    expect(page.locator(".moj-timeline")).to_contain_text("Became looked after")
    assert_fits(page)
    child = Child.objects.get(child_id="ADM0001")
    assert Expectation.objects.get(child=child, rule_id="cic-review", occurrence=1).due == (
        dt.date(2026, 12, 14)
    )
    visit(page, "/children/ADM0001/timescales/")
    expect(page.get_by_role("main")).to_contain_text("14 December 2026")
    assert_fits(page)


@pytest.mark.e2e
def test_adding_a_child_with_missing_answers_names_each_field(page: Page, demo) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "social-worker")
    visit(page, "/add-a-child/")
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Yes: record the first episode").check()
    page.get_by_label("Legal status").select_option("V2")
    follow(page, page.get_by_role("button", name="Add the child"))

    expect(page).to_have_title(title("Error: Add a child"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    for message in (
        "Enter the child ID",
        "Enter the child's last name",
        "Enter the date of birth",
        "Enter the date the child became looked after",
        "Select the placement type",
    ):
        expect(summary).to_contain_text(message)
    assert_fits(page)
    summary.get_by_role("link", name="Enter the child ID").click()
    expect(page.get_by_label("Child ID")).to_be_focused()
    expect(page.get_by_label("First name")).to_have_value("Nia")
    assert not Child.objects.filter(first_name="Nia", last_name="").exists()
    assert not Child.objects.filter(child_id="").exists()

    # An IRO does not add children: no link, and the page refuses.
    page.context.clear_cookies()
    sign_in(page, "iro")
    expect(page.get_by_role("link", name="Add a child")).to_have_count(0)
    visit(page, "/add-a-child/", status=403)
