"""The Permanence Monitoring Panel's pack and the Corporate Parenting Board's report (issue 16
item 3) in the browser: a service manager finds each in the menu, reads a chart and its table,
follows a figure to the children behind it, and each page passes axe-core (tests/e2e/helpers.py)
and fits 320 pixels."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from homeward.domain.measures.permanence import ROUTES
from homeward.domain.measures.quarters import TIMELINESS
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, sign_in, title, visit
from tests.e2e.test_layout import WIDTH, assert_fits


def menu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Menu")


@pytest.mark.e2e
def test_a_service_manager_reads_the_pack_and_follows_a_figure(page: Page, demo: Demo) -> None:
    sign_in(page, "service-manager")
    follow(page, menu(page).get_by_role("link", name="Permanence Monitoring Panel"))
    expect(page).to_have_url("/reports/pmp/")
    expect(page).to_have_title(title("Permanence Monitoring Panel pack"))
    stages = page.get_by_role("img", name=re.compile("Children looked after, by stage"))
    expect(stages).to_be_visible()
    table = page.get_by_role("region", name="Children by stage and drift reason")
    expect(table.locator("tbody tr").first).to_be_visible()
    expect(page.get_by_role("heading", name="Exceptions")).to_be_visible()
    expect(page.get_by_role("heading", name="Decisions needed")).to_be_visible()

    first = table.locator("tbody tr").first.get_by_role("link").first
    count = first.inner_text().split()[0]
    follow(page, first)
    expect(page).to_have_url(re.compile(r"/reports/pmp/children/\?stage="))
    expect(page.locator("#drill-counts")).to_contain_text(f"{count} child")

    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, "/reports/pmp/")
    assert_fits(page)
    visit(page, "/reports/pmp/children/?reason=deadline")
    assert_fits(page)


@pytest.mark.e2e
def test_a_service_manager_reads_the_board_report_at_320_pixels(page: Page, demo: Demo) -> None:
    sign_in(page, "service-manager")
    follow(page, menu(page).get_by_role("link", name="Corporate Parenting Board"))
    expect(page).to_have_url("/reports/cpb/")
    expect(page).to_have_title(title("Corporate Parenting Board report"))
    expect(page.locator("#how-quarters")).to_contain_text("Q1 is April to June")
    charts = page.locator("svg.hw-chart")
    # A1, A2, A10, 26 weeks, time to permanence by each route, 2 stability, no plan.
    expect(charts).to_have_count(7 + len(ROUTES) + len(TIMELINESS))
    expect(charts.first.locator("g.hw-bar")).to_have_count(5)  # this quarter and four before
    expect(page.get_by_role("link", name=re.compile("Match outcomes"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Forecasts:"))).to_be_visible()

    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, "/reports/cpb/")
    assert_fits(page)
    figures = page.locator("a[href*='/reports/cpb/children/']")
    assert figures.count() > 0, "the demo council should have children behind some figure"
    follow(page, figures.first)
    expect(page).to_have_url(re.compile(r"/reports/cpb/children/\?measure="))
    expect(page.locator("#drill-counts")).to_be_visible()
    assert_fits(page)

    # The team filter (issue 16): one team's children, the choice kept on the page.
    visit(page, "/reports/cpb/")
    chosen = page.locator("#team option").nth(1).inner_text()
    page.locator("#team").select_option(label=chosen)
    follow(page, page.get_by_role("button", name="Show"))
    expect(page.locator("h1")).to_have_text(f"Corporate Parenting Board report: {chosen}")
    expect(page.locator("#team")).to_have_value(chosen)
    assert_fits(page)
