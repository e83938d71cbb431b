"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide nothing but a table scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    check_page,
    document_scroll_width,
    focus_is_visible,
    follow,
    sign_in,
    visit,
    wider_than_viewport,
)

WIDTH = 320


def assert_fits(page: Page) -> None:
    scroll_width = document_scroll_width(page)
    assert scroll_width <= WIDTH + 1, (
        f"{page.url} scrolls sideways at {WIDTH}px: the document is {scroll_width}px wide. "
        f"Too wide: {wider_than_viewport(page)}"
    )


@pytest.mark.e2e
def test_no_horizontal_scroll_at_320_pixels(page: Page, demo) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})

    visit(page, "/accounts/sign-in/")
    assert_fits(page)

    sign_in(page, "social-worker")
    expect(page.get_by_role("heading", level=1)).to_have_text("My children")
    assert_fits(page)

    visit(page, f"/children/{demo.child.child_id}/")
    expect(page.locator(".moj-timeline")).to_be_visible()
    assert_fits(page)


@pytest.mark.e2e
def test_a_table_too_wide_for_320_pixels_scrolls_with_the_keyboard(page: Page, demo) -> None:
    sign_in(page, "service-manager")  # the sign-in itself is an audit entry
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, "/audit/")  # axe: scrollable-region-focusable
    assert_fits(page)
    table = page.get_by_role("region", name="Audit entries")
    assert table.evaluate("el => el.scrollWidth > el.clientWidth"), "expected the table to scroll"

    page.get_by_role("button", name="Search").focus()
    page.keyboard.press("Tab")
    expect(table).to_be_focused()
    assert focus_is_visible(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=table.element_handle())
    assert_fits(page)


@pytest.mark.e2e
def test_the_gov_uk_font_is_never_used(page: Page, demo) -> None:
    """GDS Transport is licensed for GOV.UK services only (README 'Design notes'): no page may
    ask for it, even where GOV.UK Frontend sets it in a compound selector (a button group's
    links, pagination)."""
    fonts: list[str] = []
    page.on(
        "request", lambda request: fonts.append(request.url) if "/fonts/" in request.url else None
    )
    sign_in(page, "service-manager")
    for path in ("/", "/drift/", "/panels/aepp/", "/my-work/"):
        visit(page, path)
        family = page.locator(".govuk-button-group .govuk-link, .govuk-link").first.evaluate(
            "el => getComputedStyle(el).fontFamily"
        )
        assert "GDS Transport" not in family, (path, family)
    assert fonts == []


@pytest.mark.e2e
def test_adding_a_row_brings_the_page_back_at_the_new_row(page: Page, demo) -> None:
    """A long form (about 9,000px at 320px wide) that reloads at the top loses the user's place:
    "Add another action" comes back at the new action, and Tab carries on from there."""
    from tests.e2e.helpers import follow

    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "team-manager")
    visit(page, f"/children/{demo.child.child_id}/meetings/record/?type=ppm")
    rows_before = page.locator("[id^=id_actions-][id$=-text]").count()
    follow(page, page.get_by_role("button", name="Add another action"))
    assert page.url.endswith("#last-action")
    assert page.locator("[id^=id_actions-][id$=-text]").count() == rows_before + 1
    new_row = page.locator("#last-action")
    expect(new_row).to_be_in_viewport()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == f"id_actions-{rows_before}-text", focused
    assert_fits(page)


@pytest.mark.e2e
def test_the_records_sections_fold_away_at_320_pixels(page: Page, demo) -> None:
    """15 tabs stacked at 320 px pushed the record's content about 900 px down: on small
    screens they sit behind "Sections of the record" (closed), and are the tabs as before from
    the tablet breakpoint up."""
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, "/accounts/sign-in/")
    sign_in(page, "social-worker")
    visit(page, f"/children/{demo.child.child_id}/")
    sections = page.locator("details.hw-sections")
    expect(sections).not_to_have_attribute("open", "")
    meetings = page.get_by_role("link", name="Meetings", exact=True)
    expect(meetings).to_be_hidden()
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert heading is not None and heading["y"] < 800, heading
    page.locator("details.hw-sections > summary").focus()  # by keyboard
    page.keyboard.press("Enter")
    expect(meetings).to_be_visible()
    assert_fits(page)
    check_page(page)  # axe-core with the sections open
    follow(page, meetings)
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
    page.set_viewport_size({"width": 1024, "height": 800})
    expect(page.get_by_role("link", name="Timescales", exact=True)).to_be_visible()
    expect(page.get_by_text("Sections of the record")).to_be_hidden()
