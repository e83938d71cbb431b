"""Keyboard only: the skip link, a visible focus state, and signing in without a mouse."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import DEMO_PASSWORD, focus_is_visible, follow, visit


@pytest.mark.e2e
def test_skip_link_and_signing_in_with_the_keyboard(page: Page, demo) -> None:
    visit(page, "/accounts/sign-in/")
    expect(page.locator("body")).to_be_focused()  # nothing takes focus on its own (no autofocus)

    page.keyboard.press("Tab")
    skip = page.locator(".govuk-skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to main content")
    expect(skip).to_be_in_viewport()  # shown when it has focus
    assert focus_is_visible(page)

    page.keyboard.press("Tab")
    expect(page.locator(".hw-header__service")).to_be_focused()
    assert focus_is_visible(page), "the header link's focus state cannot be seen"
    page.keyboard.press("Shift+Tab")
    expect(skip).to_be_focused()

    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()

    page.keyboard.press("Tab")
    expect(page.get_by_label("Username")).to_be_focused()
    assert focus_is_visible(page)
    page.keyboard.type("social-worker")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign in")).to_be_focused()
    assert focus_is_visible(page)
    follow(page, "Enter")

    # The browser keeps the skip link's #main-content through the redirect after signing in.
    expect(page).to_have_url(re.compile(r"^[^#]+/(#main-content)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My children")
