"""The audit log: a service manager finds who looked at a child's record."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import follow, sign_in, sign_out, visit


@pytest.mark.e2e
def test_service_manager_finds_the_views_of_a_childs_record(page: Page, demo) -> None:
    child, other = demo.child, demo.other_child
    sign_in(page, demo.social_worker.username)
    visit(page, f"/children/{child.child_id}/")
    visit(page, f"/children/{child.child_id}/events/add/")
    visit(page, f"/children/{other.child_id}/")
    sign_out(page)

    sign_in(page, demo.service_manager.username)
    follow(page, page.get_by_role("link", name="Audit log"))
    expect(page).to_have_url("/audit/")
    page.get_by_label("Child ID").fill(child.child_id.lower())  # IDs match in any case
    # Views only: the demo files documents on the child's record too (uploads, audited).
    page.get_by_label("What").select_option(label="Viewed")
    follow(page, page.get_by_role("button", name="Search"))

    assert f"child_id={child.child_id.lower()}&" in page.url
    expect(page.get_by_label("Child ID")).to_have_value(child.child_id.lower())
    rows = page.locator(".hw-table-wrap tbody tr")
    expect(page.get_by_role("status")).to_have_text("2 entries")
    expect(rows).to_have_count(2)
    for row in rows.all():
        cells = row.locator("td")
        expect(cells.nth(1)).to_have_text("social-worker")
        expect(cells.nth(2)).to_have_text("Viewed")
        expect(cells.nth(3)).to_have_text(child.child_id)
    # Newest first.
    expect(rows.nth(0).locator("td").nth(4)).to_contain_text("Viewed add event")
    expect(rows.nth(1).locator("td").nth(4)).to_contain_text("Viewed record")
    expect(page.get_by_role("cell", name=other.child_id)).to_have_count(0)
