"""The forecasts (issue 16 item 2): a service manager finds them in the menu, filters them, reads
how they are made and follows a child to the scorecard on their Timescales tab; the page passes
axe-core and fits 320 pixels."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from homeward.accounts import access
from homeward.accounts.models import User
from homeward.reports import selectors
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, sign_in, title, visit
from tests.e2e.test_layout import WIDTH, assert_fits


def menu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Menu")


@pytest.mark.e2e
def test_a_service_manager_reads_the_forecasts_and_follows_a_child(page: Page, demo: Demo) -> None:
    manager = User.objects.get(username="service-manager")
    expected = selectors.council_forecasts(access.visible_children(manager), timezone.localdate())
    assert expected, "the demo council should have children whose clocks run"
    breached = [f for f in expected if f.breached]

    sign_in(page, "service-manager")
    follow(page, menu(page).get_by_role("link", name="Forecasts"))
    expect(page).to_have_url("/reports/forecasts/")
    expect(page).to_have_title(title("Forecasts"))
    expect(menu(page).get_by_role("link", name="Forecasts")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("main")).to_contain_text("How forecasts are made")
    expect(page.locator("#forecast-counts")).to_contain_text(f"{len(expected)} forecast")
    rows = page.get_by_role("region", name="Forecasts").locator("tbody tr")
    expect(rows).to_have_count(min(len(expected), 50))
    expect(rows.first).to_contain_text(expected[0].child_id)

    page.get_by_label("Show").select_option("breached")
    follow(page, page.get_by_role("button", name="Apply filters"))
    expect(page).to_have_url(re.compile(r"/reports/forecasts/\?.*show=breached"))
    expect(page.get_by_label("Show")).to_have_value("breached")
    if breached:
        expect(rows).to_have_count(min(len(breached), 50))
        expect(rows.first.locator(".govuk-tag--red")).to_contain_text("Over by")
    else:
        expect(page.get_by_role("main")).to_contain_text("No child has breached")

    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, "/reports/forecasts/")
    expect(page.get_by_role("region", name="Forecasts")).to_be_visible()
    assert_fits(page)

    first = expected[0]
    follow(page, rows.first.get_by_role("link"))
    expect(page).to_have_url(re.compile(rf"/children/{first.child_id}/timescales/"))
    if first.measure.code in {"A1", "A2"}:
        expect(page.locator("#adoption-scorecard")).to_be_visible()
