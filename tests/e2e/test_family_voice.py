"""The family's voice beside the child's (issue 18 item 2), in Chromium at 320 pixels: the
social worker records the care plan discussed with the mother before a looked after review; the
error summary names each missing answer; the Voice tab then shows the mother's views beside the
child's and the review's discussion before it, with the one after it still to record. axe-core
checks every page visited.

Sources: Devon Permanence Matters (004_7232501e48845cda.txt) 'What we will do'; Durham Early
Permanence Planning Strategy (002_a77630a273fce245.txt) 'Looked After Reviews'.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from homeward.children.models import Relationship
from tests.clock import TODAY
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, sign_in, visit
from tests.e2e.test_layout import WIDTH, assert_fits
from tests.e2e.test_meetings import fill_date
from tests.factories import JourneyEventFactory, PersonInChildsLifeFactory
from tests.family.factories import VoiceEntryFactory

SAID = "I agree with most of the plan but I want family time at weekends."


@pytest.mark.e2e
def test_the_social_worker_records_the_mothers_views_beside_the_childs(
    page: Page, demo: Demo
) -> None:
    child = demo.child
    mum = PersonInChildsLifeFactory(
        child=child,
        relationship=Relationship.MOTHER,
        person__first_name="Zoe",
        person__last_name="Quill",
    )
    review = TODAY - dt.timedelta(days=2)
    JourneyEventFactory(child=child, kind="cic_review", date=review)
    VoiceEntryFactory(child=child, date=review, text="I want to stay at my school.")

    sign_in(page, "social-worker")
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, f"/children/{child.child_id}/voice/")
    assert_fits(page)
    expect(page.locator("#care-plan-with-parents + *")).to_contain_text("discussion")
    follow(page, page.get_by_role("link", name="Add the family’s views"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add the family’s views")
    assert_fits(page)

    follow(page, page.get_by_role("button", name="Save"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    for message in (
        "Select whose views these are",
        "Select when the views were heard",
        "Enter what they said",
    ):
        expect(summary).to_contain_text(message)
    assert_fits(page)

    page.get_by_label("Whose views").select_option(str(mum.pk))
    fill_date(page, "id_date", review - dt.timedelta(days=3))
    page.get_by_label("The care plan, discussed before a looked after review").check()
    page.get_by_label("What they said").fill(SAID)
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("alert")).to_contain_text("your changes have been saved")

    family = page.locator("#family-views ~ .moj-timeline").first
    expect(family).to_contain_text(SAID)
    expect(family).to_contain_text("Zoe Quill (Mother)")
    expect(family).to_contain_text("Parent")
    # The child's own words, in the timeline above it.
    expect(page.locator(".moj-timeline").first).to_contain_text("I want to stay at my school.")
    row = page.locator("#care-plan-with-parents ~ dl").first
    expect(row).to_contain_text(f"Review on {review.day} {review:%B %Y}")
    before = review - dt.timedelta(days=3)
    expect(row).to_contain_text(f"Before: discussed on {before.day} {before:%B %Y}")
    expect(row).to_contain_text("After: Not recorded")
    assert_fits(page)
