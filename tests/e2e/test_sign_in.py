"""Signing in and out, and finding a child: the social worker's first journey."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from homeward.children.models import Child
from tests.clock import NOW
from tests.e2e.helpers import (
    DEMO_PASSWORD,
    child_id_text,
    follow,
    sign_in,
    sign_out,
    title,
    visit,
)


@pytest.mark.e2e
def test_social_worker_sees_their_children_and_a_childs_journey(page: Page, demo) -> None:
    mine = list(
        Child.objects.filter(
            allocations__social_worker=demo.social_worker, allocations__ended_on__isnull=True
        ).distinct()
    )
    child = demo.child

    sign_in(page, "social-worker")

    expect(page).to_have_url("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My children")
    expect(page.get_by_role("status")).to_have_text(f"{len(mine)} children")
    rows = page.locator("#children-table tbody tr")
    expect(rows).to_have_count(len(mine))
    for each in mine:
        expect(
            page.get_by_role("link", name=f"{each.last_name}, {each.first_name}")
        ).to_be_visible()

    follow(page, page.get_by_role("link", name=f"{child.last_name}, {child.first_name}"))

    expect(page).to_have_url(f"/children/{child.child_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(child.full_name)
    identity = page.locator(".moj-identity-bar")
    expect(identity).to_contain_text(child.full_name)
    expect(identity).to_contain_text(child_id_text(child))
    events = list(child.events.all())
    timeline = page.locator(".moj-timeline")
    expect(timeline.locator(".moj-timeline__item")).to_have_count(len(events))
    for event in events:
        expect(
            timeline.locator(".moj-timeline__title", has_text=event.get_kind_display()).first
        ).to_be_visible()

    sign_out(page)

    visit(page, f"/children/{child.child_id}/")  # signed out: back to the sign-in page
    expect(page).to_have_url(f"/accounts/sign-in/?next=/children/{child.child_id}/")


@pytest.mark.e2e
def test_sign_in_with_a_wrong_password_shows_the_error_summary(page: Page, demo) -> None:
    visit(page, "/accounts/sign-in/")
    page.get_by_label("Username").fill("social-worker")
    page.get_by_label("Password").fill(DEMO_PASSWORD + "-wrong")
    follow(page, page.get_by_role("button", name="Sign in"))

    expect(page).to_have_url("/accounts/sign-in/")
    expect(page).to_have_title(title("Error: Sign in"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary
    expect(summary.get_by_role("alert")).to_contain_text("There is a problem")
    links = summary.locator(".govuk-error-summary__list a")
    expect(links).to_have_count(1)
    expect(links.first).to_have_text(
        "Enter a correct username and password. Both are case-sensitive."
    )
    for link in links.all():
        target = link.get_attribute("href")
        assert target and target.startswith("#"), target
        expect(page.locator(target)).to_have_count(1)
    links.first.click()
    expect(page.get_by_label("Username")).to_be_focused()
    expect(page.get_by_label("Password")).to_have_value("")  # never sent back to the browser


@pytest.mark.e2e
def test_thirty_minutes_idle_signs_out_and_the_sign_in_page_says_why(
    page: Page, demo, time_machine
) -> None:
    """Issue 14: a session ends after HOMEWARD_IDLE_MINUTES (30) without a request; the next page
    asked for goes to sign-in, which says why (axe-checked like every page), and back after."""
    child = demo.child
    sign_in(page, "social-worker")
    time_machine.move_to(NOW + dt.timedelta(minutes=31), tick=True)
    visit(page, f"/children/{child.child_id}/")
    expect(page).to_have_url(f"/accounts/sign-in/?next=/children/{child.child_id}/")
    expect(page.get_by_role("main")).to_contain_text(
        "You were signed out because you had done nothing for 30 minutes. Sign in again to "
        "carry on."
    )
    page.get_by_label("Username").fill("social-worker")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    follow(page, page.get_by_role("button", name="Sign in"))
    expect(page).to_have_url(f"/children/{child.child_id}/")
