"""Matching a child in the browser (issue 15 item 4): the demo family finder, at 320 pixels,
opens the Matching tab of a child allocated to them, reads every criterion of a carer, changes
the matching profile, and rejects a carer, through the form's error first. Every page is checked
with axe-core (tests/e2e/helpers.py) and must not scroll sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from homeward.matching.models import MatchDecision, MatchingProfile
from tests.e2e.helpers import follow, sign_in, title, visit
from tests.e2e.test_layout import WIDTH, assert_fits


@pytest.mark.e2e
def test_a_family_finder_matches_a_child_at_320_pixels(page: Page, demo) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "family-finder")
    shortlisted = MatchDecision.objects.select_related("child", "carer").get()
    child = shortlisted.child
    visit(page, f"/children/{child.child_id}/matching/")
    expect(page).to_have_title(title(f"Matching – {child.full_name} ({child.child_id})"))
    expect(page.get_by_role("heading", name="How carers are ordered")).to_be_visible()
    assert_fits(page)

    card = page.locator(f"#carer-{shortlisted.carer.reference}")
    expect(card).to_contain_text("Shortlisted by")
    card.get_by_text("Every criterion").click()
    expect(card.get_by_text("Hard constraint").first).to_be_visible()
    assert_fits(page)

    follow(page, page.get_by_role("link", name="Change the matching profile"))
    assert_fits(page)
    page.get_by_label("Culture").fill("Synthetic heritage")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Matching profile saved")).to_be_visible()
    assert MatchingProfile.objects.get(child=child).culture == "Synthetic heritage"

    follow(
        page,
        page.locator(f"#carer-{shortlisted.carer.reference}").get_by_role("link", name="Reject"),
    )
    assert_fits(page)
    follow(page, page.get_by_role("button", name="Save"))  # no reason
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the carer is rejected")
    assert_fits(page)
    page.get_by_label("Reason").fill("Family time would be too far")
    follow(page, page.get_by_role("button", name="Save"))
    card = page.locator(f"#carer-{shortlisted.carer.reference}")
    expect(card).to_contain_text("Rejected by")
    expect(card).to_contain_text("Earlier: shortlisted by")
    assert_fits(page)
    assert MatchDecision.objects.filter(child=child).count() == 2
