"""The genogram in the browser: the child's Family page with the picture, its words and the
count not yet explored, axe-clean and fitting 320 pixels (the picture scrolls in its own frame);
a relationship recorded through its form, refused first with the error summary; the printable
version.

Seeds: DU 002 'Family Group Conference/ Network meetings'; DM 003 (the genogram reviewed at the
permanence meeting); DS 000 'Connected People's Fostering Team'.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from homeward.children.models import PersonInChildsLife, Relationship
from homeward.family.models import CarerExploration, FamilyTie, NetworkMember
from tests.e2e.helpers import follow, sign_in, visit
from tests.e2e.test_layout import WIDTH, assert_fits


@pytest.mark.e2e
def test_the_family_page_draws_the_genogram_at_320_pixels_and_a_relationship_is_added(
    page: Page, demo
) -> None:
    child = demo.child
    link = (
        PersonInChildsLife.objects.filter(child=child)
        .exclude(relationship__in=[Relationship.FOSTER_CARER, Relationship.PROSPECTIVE_ADOPTER])
        .order_by("pk")
        .first()
    )
    assert link is not None, "the demo child has a family network"
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/family/")  # axe-clean
    assert_fits(page)
    picture = page.get_by_role("img", name=f"Genogram of {child.full_name}’s family network")
    expect(picture).to_be_visible()
    expect(page.locator("#not-yet-explored")).to_contain_text("not yet explored")
    expect(page.get_by_role("heading", name="The genogram in words")).to_be_visible()
    words = page.get_by_role("listitem").filter(has_text=f"{child.full_name}: this child")
    expect(words).to_be_visible()

    follow(page, page.get_by_role("link", name="Change the genogram", exact=False))
    assert_fits(page)
    before = FamilyTie.objects.filter(child=child).count()
    follow(page, page.get_by_role("link", name="Add a relationship"))
    assert_fits(page)
    page.get_by_label("Who", exact=True).select_option(str(link.person_id))
    page.get_by_role("group", name="Relationship").get_by_label("Married", exact=True).check()
    follow(page, page.get_by_role("button", name="Save"))  # to the child: refused
    expect(page.locator(".govuk-error-summary")).to_contain_text("cannot be a partner")
    assert FamilyTie.objects.filter(child=child).count() == before
    page.get_by_role("group", name="Relationship").get_by_label("Parent of", exact=True).check()
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", name="Relationships recorded")).to_be_visible()
    assert FamilyTie.objects.filter(child=child).count() == before + 1

    follow(page, page.get_by_role("link", name=f"Change {link.person.full_name} on the genogram"))
    assert_fits(page)
    question = page.get_by_role("group", name="Where exploring them as a carer stands")
    question.get_by_label("Being explored: viability assessment", exact=True).check()
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("changes to the genogram")
    assert NetworkMember.objects.get(link=link).exploration == CarerExploration.VIABILITY

    follow(page, page.get_by_role("link", name="Printable genogram"))
    assert_fits(page)
    expect(
        page.get_by_role("img", name=f"Genogram of {child.full_name}’s family network")
    ).to_be_visible()
