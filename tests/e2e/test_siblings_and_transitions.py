"""Brothers and sisters, and transitions, in the browser (issue 18 items 5 and 6), at 320 pixels
with axe-core on every page:

- the sibling group page: under Durham's profile, adoption becomes an option for one of a
  sibling group; the group page shows every child's plan and the together-or-apart decision due
  ('Sibling Assessment'); the decision is refused without its factors (attachment, health, each
  child's view), then recorded, and the deadline is met;
- the move plan: the Transitions tab, a plan for the move refused with dates out of order, then
  saved; who does what; the review recorded (Devon 'Guiding Principles').
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.children.models import JourneyEvent
from homeward.planning import services as planning
from homeward.timescales.models import Expectation
from homeward.transitions.models import MovePlan
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, sign_in, visit
from tests.e2e.test_family import fill_date, make_siblings, radio, tabs
from tests.e2e.test_layout import WIDTH, assert_fits


@pytest.mark.e2e
def test_the_sibling_group_page(page: Page, demo: Demo, settings) -> None:
    settings.HOMEWARD_COUNCIL = "durham"
    child, brother = make_siblings(demo)
    if child.permanence_options.filter(kind="adoption").exists():
        JourneyEvent.objects.create(
            child=child, kind="adoption_option_added", date=timezone.localdate()
        )
    else:
        planning.add_option(
            child, kind="adoption", next_step="", reason="Agreed at the PPM", by=demo.social_worker
        )
    due = Expectation.objects.get(child=child, rule_id="together-apart-decision")
    assert due.state == "open"
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/family/")
    follow(page, page.get_by_role("link", name="The sibling group: every child’s plan"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The sibling group “Testbrook siblings”"
    )
    table = page.get_by_role("table", name="Every child’s plan")
    expect(table).to_contain_text(brother.full_name)
    row = table.get_by_role("row").filter(has_text="(this child)")
    plan = child.permanence_plans.select_related("preferred_option").first()
    expect(row).to_contain_text(
        plan.preferred_option.get_kind_display() if plan is not None else "No agreed plan"
    )
    expect(row).to_contain_text(f"Due {due.due.day} {due.due:%B %Y}")
    assert_fits(page)

    follow(page, page.get_by_role("link", name="Back to family"))
    card = page.locator(".govuk-summary-card", has_text=brother.child_id)
    follow(page, card.get_by_role("link", name=f"Record a decision for {brother.full_name}"))
    radio(page, "Do they live together now?", "Yes, they live together").check()
    radio(page, "Decision", "Place together").check()
    page.get_by_label("Reasons for the decision").fill("Close, and one family can meet both.")
    page.get_by_label("Decided by").fill("Permanence planning meeting")
    fill_date(page, "Date of the decision", timezone.localdate())
    follow(page, page.get_by_role("button", name="Save"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter whether the children have formed an attachment")
    expect(summary).to_contain_text("Enter the health needs of each child")
    assert_fits(page)
    assert not JourneyEvent.objects.filter(child=child, kind="together_apart_decided").exists()

    page.get_by_label("Whether the children have formed an attachment").fill(
        "A secure attachment: they comfort each other."
    )
    page.get_by_label("The health needs of each child").fill("None known for either child.")
    page.get_by_label("What the children said about it").fill("Both want to stay together.")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "your decision has been recorded"
    )
    follow(page, page.get_by_role("link", name="The sibling group: every child’s plan"))
    expect(page.get_by_role("table", name="Every child’s plan")).not_to_contain_text("Due ")
    assert Expectation.objects.get(child=child, rule_id="together-apart-decision").state == (
        "met_on_time"
    )
    assert_fits(page)


@pytest.mark.e2e
def test_the_move_plan(page: Page, demo: Demo) -> None:
    child = demo.child
    MovePlan.objects.filter(child=child).delete()
    today = timezone.localdate()
    start = today + dt.timedelta(days=3)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "social-worker")
    visit(page, child.get_absolute_url())
    nav = tabs(page)
    follow(page, nav.get_by_role("link", name="Transitions", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Transitions")
    assert_fits(page)
    follow(page, page.get_by_role("link", name="Plan the move to the permanent home"))
    page.get_by_label("Moving to").fill("Sam and Priya Okafor")
    fill_date(page, "Introductions start", start)
    fill_date(page, "Introductions end", start + dt.timedelta(days=9))
    fill_date(page, "Moving day", start + dt.timedelta(days=5))  # before introductions end
    fill_date(page, "Review the plan by", start + dt.timedelta(days=4))
    page.get_by_label("How the move is explained to the child").fill(
        "With the story book and photos of the new home."
    )
    follow(page, page.get_by_role("button", name="Save"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("The move must be on or after introductions end")
    assert_fits(page)
    assert not MovePlan.objects.filter(child=child).exists()

    fill_date(page, "Moving day", start + dt.timedelta(days=10))
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Moving to Sam and Priya Okafor")
    expect(page.locator("#tasks")).to_contain_text("Nothing recorded yet.")
    follow(page, page.get_by_role("link", name="Add who does what"))
    page.get_by_label("What").fill("Introductory visit with the foster carer")
    page.get_by_label("Who").fill("Jo Reed, foster carer")
    fill_date(page, "By when", start)
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator("#tasks")).to_contain_text("Jo Reed, foster carer")
    assert_fits(page)

    follow(page, page.get_by_role("link", name="Record the review"))
    fill_date(page, "Reviewed on", today)
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what the review decided")
    page.get_by_label("What the review decided").fill("Going well: the move goes ahead.")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator("#review")).to_contain_text("Going well: the move goes ahead.")
    assert_fits(page)
    assert MovePlan.objects.get(child=child).reviewed_on == today
