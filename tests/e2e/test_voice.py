"""The child's voice kept whole (issue 17 item 3), in Chromium at 320 pixels: a team manager
records a permanence meeting with the child's views, and the social worker finds those views on
the child's Voice tab with the meeting and who recorded them; a review in the journey with no
views shows as a gap until the social worker records the child's words for that day. axe-core
checks every page visited."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from homeward.accounts.models import User
from tests.clock import TODAY
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, sign_in, sign_out, visit
from tests.e2e.test_layout import WIDTH, assert_fits
from tests.e2e.test_meetings import fill_date, open_ppm_form
from tests.factories import JourneyEventFactory

VIEWS = "Wants to keep seeing her brother and stay at her school."


@pytest.mark.e2e
def test_views_given_at_a_meeting_reach_the_voice_tab_and_a_review_without_them_is_a_gap(
    page: Page, demo: Demo
) -> None:
    child = demo.child
    sign_in(page, "team-manager")
    open_ppm_form(page, demo)
    held = TODAY - dt.timedelta(days=1)
    fill_date(page, "id_held_on", held)
    page.get_by_label("Where or how it was held").fill("Family centre, room 3")
    manager = User.objects.get(username="team-manager")
    attended = page.get_by_role("group", name="Staff who attended")
    attended.get_by_label(f"{manager} (Team manager)").check()
    page.get_by_label("The child did not come: the social worker talked with them before").check()
    page.get_by_label(f"{child.first_name}'s views, wishes and feelings").fill(VIEWS)
    answers = page.locator("textarea[name^=answer_]")
    for i in range(answers.count()):
        answers.nth(i).fill(f"Agenda answer {i + 1}")
    page.get_by_label("Decisions").fill("Twin-track plan: assess the aunt as a connected carer.")
    page.get_by_label(f"What we decided, written for {child.first_name}").fill(
        "We are finding out about your aunt."
    )
    page.get_by_label("What we decided, written for the parents").fill("We are assessing the aunt.")
    follow(page, page.get_by_role("button", name="Save the record"))
    expect(page.get_by_role("alert")).to_contain_text("Child Permanence Meeting recorded")
    sign_out(page)

    # A review the journey holds (as the SSDA903 import records it) with no views recorded.
    review = TODAY - dt.timedelta(days=20)
    JourneyEventFactory(child=child, kind="cic_review", date=review)

    sign_in(page, "social-worker")
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, f"/children/{child.child_id}/voice/")
    assert_fits(page)
    timeline = page.locator(".moj-timeline").first  # the child's; the family's follows it
    expect(timeline).to_contain_text(VIEWS)
    expect(timeline).to_contain_text("Child Permanence Meeting")
    expect(timeline).to_contain_text("the social worker talked with them before")
    gap = f"Child in Care review held on {review.day} {review:%B %Y}: no views recorded"
    expect(page.get_by_text(gap)).to_be_visible()
    expect(page.locator("#iro-conversations + dl")).to_contain_text("Not recorded")

    follow(page, page.get_by_role("link", name="Add views, wishes and feelings"))
    assert_fits(page)
    fill_date(page, "id_date", review)
    page.get_by_label("Child in Care review").check()
    page.get_by_label("The child's own words").check()
    page.get_by_label("What the child said, wished or felt").fill("I like it here.")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_text(gap)).to_have_count(0)
    expect(page.locator(".moj-timeline").first).to_contain_text("“I like it here.”")
    assert_fits(page)
