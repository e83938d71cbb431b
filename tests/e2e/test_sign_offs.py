"""Sign-offs in the browser (issue 18 item 1): a social worker asks for the strategic manager's
agreement to enter care proceedings (Durham, 002 'Pre-Proceedings/ Care Proceedings'); the
child's record shows the step awaiting it; the strategic manager finds it on their worklist and
records the decision at 320 pixels, first without the reason a "not agreed" needs; axe-core on
every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from homeward.children.models import SignOff
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, sign_in, sign_out, visit
from tests.e2e.test_layout import WIDTH, assert_fits

AWAITING = "Awaiting strategic manager's agreement"


@pytest.fixture
def durham(demo: Demo, settings) -> Demo:
    """The demo council's people and children, run under Durham's profile."""
    settings.HOMEWARD_COUNCIL = "durham"
    return demo


@pytest.mark.e2e
def test_the_strategic_manager_agrees_an_entry_into_care_proceedings(
    page: Page, durham: Demo
) -> None:
    child = durham.child
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/plan/")
    section = page.locator("#sign-offs")
    expect(section).to_have_text("Sign-offs")
    follow(page, page.get_by_role("link", name="Ask for a sign-off"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for a sign-off")
    follow(page, page.get_by_role("button", name="Ask for the sign-off"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select what needs signing off")
    page.get_by_label("Entry into care proceedings (strategic manager)").check()
    page.get_by_label("What is asked").fill("The legal planning meeting found the threshold met")
    follow(page, page.get_by_role("button", name="Ask for the sign-off"))
    expect(page).to_have_url(f"/children/{child.child_id}/plan/")
    expect(page.get_by_text(AWAITING).first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Record the decision"))).to_have_count(0)
    visit(page, child.get_absolute_url())
    expect(page.locator("#awaiting-sign-offs")).to_contain_text(AWAITING)
    expect(page.locator("#awaiting-sign-offs")).to_contain_text("Entry into care proceedings")
    sign_out(page)

    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "strategic-manager")
    nav = page.get_by_role("navigation", name="Menu")
    if nav.count() and not nav.get_by_role("link", name="Sign-offs").is_visible():
        page.get_by_role("button", name="Menu").click()
    follow(page, page.get_by_role("link", name="Sign-offs", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-offs")
    row = page.locator("#awaiting-table tr", has_text=child.child_id)
    expect(row).to_contain_text("Entry into care proceedings")
    assert_fits(page)
    follow(page, row.get_by_role("link", name=re.compile("Record the decision")))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Entry into care proceedings")
    expect(page.get_by_text("The legal planning meeting found the threshold met")).to_be_visible()
    assert_fits(page)
    page.get_by_label("Not agreed", exact=True).check()
    follow(page, page.get_by_role("button", name="Record the decision"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter why the entry into care proceedings is not agreed")
    assert_fits(page)
    assert SignOff.objects.get(child=child, kind="proceedings_entry").is_pending
    page.get_by_label("Agreed", exact=True).check()
    follow(page, page.get_by_role("button", name="Record the decision"))
    expect(page).to_have_url(f"/children/{child.child_id}/plan/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The decision has been recorded"
    )
    expect(page.get_by_text(re.compile(r"^Agreed on "))).to_be_visible()
    assert_fits(page)
    visit(page, child.get_absolute_url())
    expect(page.get_by_text(AWAITING)).to_have_count(0)
    assert_fits(page)
    sign_off = SignOff.objects.get(child=child, kind="proceedings_entry")
    assert sign_off.agreed is True and sign_off.decided_by.username == "strategic-manager"
