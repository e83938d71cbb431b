"""Recording a match and how it went in the browser (issue 15 item 8): the demo family finder,
at 320 pixels, records the match with the carer shortlisted for a child allocated to them, then
records that it ended unplanned, through the form's error first. Every page is checked with
axe-core (tests/e2e/helpers.py) and must not scroll sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from homeward.matching.models import Match, MatchDecision, MatchOutcome
from tests.e2e.helpers import follow, sign_in, visit
from tests.e2e.test_layout import WIDTH, assert_fits


def fill_date(page: Page, legend: str, day: str, month: str, year: str) -> None:
    dates = page.get_by_role("group", name=legend)
    dates.get_by_label("Day").fill(day)
    dates.get_by_label("Month").fill(month)
    dates.get_by_label("Year").fill(year)


@pytest.mark.e2e
def test_a_family_finder_records_a_match_and_how_it_ended_at_320_pixels(page: Page, demo) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "family-finder")
    shortlisted = MatchDecision.objects.select_related("child", "carer").get()
    child, carer = shortlisted.child, shortlisted.carer
    visit(page, f"/children/{child.child_id}/matching/")
    expect(page.get_by_role("heading", name="Matches and how they went")).to_be_visible()
    follow(page, page.get_by_role("link", name="Record a match with a shortlisted carer"))
    assert_fits(page)
    page.get_by_label("Carer").select_option(str(carer.pk))
    fill_date(page, "Date the match was agreed", "1", "3", "2024")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Match recorded")).to_be_visible()
    made = Match.objects.get(child=child)
    assert made.criteria  # the ranking's reasons kept

    card = page.locator(f"#match-{made.pk}")
    expect(card).to_contain_text("None recorded yet")
    follow(page, card.get_by_role("link", name="Record how it went"))
    assert_fits(page)
    page.get_by_label("Ended unplanned").check()
    fill_date(page, "Date", "1", "9", "2025")
    follow(page, page.get_by_role("button", name="Save"))  # no reason
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the match ended unplanned"
    )
    assert_fits(page)
    page.get_by_label("Reason").fill("The placement broke down after a move of school")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Ended unplanned recorded")).to_be_visible()
    expect(page.locator(f"#match-{made.pk}")).to_contain_text("Ended unplanned: 1 September 2025")
    assert_fits(page)
    assert MatchOutcome.objects.get(match=made).reason.startswith("The placement broke down")
