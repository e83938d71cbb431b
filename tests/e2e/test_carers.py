"""The carers register in the browser (issue 15 item 1): a family finder at 320 pixels finds the
register in the menu, filters it, opens a household, and adds one, through the form's errors
first. Every page is checked with axe-core and must not scroll sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from homeward.domain.carers import NEEDS
from homeward.matching.models import Carer
from tests.e2e.helpers import follow, sign_in, title, visit
from tests.e2e.test_layout import WIDTH, assert_fits


@pytest.mark.e2e
def test_a_family_finder_uses_the_register_at_320_pixels(page: Page, demo) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "family-finder")
    page.get_by_role("button", name="Menu").click()
    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Carers"))
    expect(page).to_have_title(title("Carers register"))
    expect(page.get_by_role("status")).to_have_text("40 households")
    assert_fits(page)

    page.get_by_label("Has a vacancy").check()
    follow(page, page.get_by_role("button", name="Apply filters"))
    with_vacancy = Carer.objects.filter(vacancies__gt=0).count()
    expect(page.get_by_role("status")).to_have_text(f"{with_vacancy} households")
    assert_fits(page)

    first = Carer.objects.filter(vacancies__gt=0).order_by("reference").first()
    follow(page, page.get_by_role("link", name=first.reference))
    expect(page.get_by_role("heading", level=1)).to_have_text(first.display_name)
    assert_fits(page)

    visit(page, "/carers/")
    follow(page, page.get_by_role("link", name="Add a carer"))
    assert_fits(page)
    follow(page, page.get_by_role("button", name="Save"))  # nothing filled in
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the reference")
    expect(summary).to_contain_text("Select the level of behavioural needs")
    assert_fits(page)

    page.get_by_label("Reference").fill("R-0900")
    page.get_by_label("Name shown to staff").fill("Rhys and Bethan")
    page.get_by_role("group", name="Type of carer").get_by_label("Connected person").check()
    page.get_by_role("group", name="Status").get_by_label("In assessment").check()
    dates = page.get_by_role("group", name="Status since")
    dates.get_by_label("Day").fill("2")
    dates.get_by_label("Month").fill("11")
    dates.get_by_label("Year").fill("2026")
    page.get_by_label("Area").fill("Millbrook")
    for group in page.locator(".govuk-radios--inline").all():
        group.get_by_label("Medium").check()
    page.get_by_label("Vacancies").fill("1")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rhys and Bethan")
    assert Carer.objects.get(reference="R-0900").needs.filter(level="medium").count() == len(NEEDS)
    assert_fits(page)
