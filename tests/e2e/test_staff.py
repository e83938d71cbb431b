"""The staff pages in the browser (issue 14): a system administrator changes a social worker's
team with a reason, by keyboard-reachable links, axe-clean and reflowing at 320 pixels; the
change is in the audit log with who and why, and their own row offers no change."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from homeward.accounts.models import Role
from homeward.audit.models import AuditAction, AuditEntry
from tests.e2e.helpers import follow, sign_in, visit
from tests.e2e.test_layout import WIDTH, assert_fits
from tests.e2e.test_panels import error_summary
from tests.factories import PASSWORD, TeamFactory, UserFactory


@pytest.mark.e2e
def test_a_system_administrator_moves_a_social_worker_to_another_team(page: Page) -> None:
    team_a, team_b = TeamFactory(name="Children in Care 1"), TeamFactory(name="Children in Care 2")
    UserFactory(username="sysadmin", role=Role.SYSTEM_ADMINISTRATOR)
    worker = UserFactory(username="sw-moving", role=Role.SOCIAL_WORKER, teams=[team_a])
    sign_in(page, "sysadmin", PASSWORD)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, "/accounts/staff/")
    assert_fits(page)
    expect(page.get_by_role("link", name="Change role or teams of sysadmin")).to_have_count(0)
    follow(page, page.get_by_role("link", name="Change role or teams of sw-moving"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("role or teams")
    assert_fits(page)

    page.get_by_label("Children in Care 1").uncheck()
    page.get_by_label("Children in Care 2").check()
    follow(page, page.get_by_role("button", name="Save"))
    expect(error_summary(page)).to_contain_text("Enter the reason for the change")
    assert_fits(page)

    page.get_by_label("Reason for the change").fill("Moved to Children in Care 2 on 1 December")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff")
    assert list(worker.teams.all()) == [team_b]
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, object_id=str(worker.pk))
    assert entry.username == "sysadmin"
    assert entry.reason == "Moved to Children in Care 2 on 1 December"
    assert entry.after["teams"] == ["Children in Care 2"]
