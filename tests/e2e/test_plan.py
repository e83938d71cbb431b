"""The Plan tab in the browser: a social worker explores options, a team manager rules one out
and signs it off, the permanence plan is agreed, and the Plan tab shows it all; with the error
paths (a social worker cannot rule out; a plan without reunification, an assessment completed
before it was requested are refused), axe-core on every page and reflow at 320 pixels."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from homeward.accounts.models import User
from homeward.children.models import Allocation, Child, JourneyEvent
from homeward.children.templatetags.homeward import govuk_date
from homeward.planning.models import Assessment, PermanencePlan
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, sign_in, sign_out, title, visit
from tests.e2e.test_layout import WIDTH, assert_fits


@pytest.fixture
def child(demo: Demo) -> Child:
    """A child newly in care (seven weeks), allocated to the demo social worker in the team
    manager's team, with no planning recorded yet."""
    worker = User.objects.get(username="social-worker")
    team = User.objects.get(username="team-manager").teams.get()
    today = timezone.localdate()
    child = Child.objects.create(
        child_id="PLAN0001",
        first_name="Rowan",
        last_name="Thistlecombe",
        date_of_birth=today - dt.timedelta(days=3 * 365),
    )
    Allocation.objects.create(
        child=child, social_worker=worker, team=team, started_on=today - dt.timedelta(days=49)
    )
    JourneyEvent.objects.create(
        child=child, kind="became_looked_after", date=today - dt.timedelta(days=49)
    )
    return child


def card(page: Page, kind: str) -> Locator:
    return page.locator(f"#option-{kind}")


def add_option(page: Page, child: Child, label: str, reason: str) -> None:
    follow(page, page.get_by_role("link", name="Add an option"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a permanence option")
    page.get_by_role("group", name="Option to explore").get_by_label(label, exact=True).check()
    page.get_by_label("Why explore it").fill(reason)
    follow(page, page.get_by_role("button", name="Save"))
    expect(page).to_have_url(f"/children/{child.child_id}/plan/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Add a permanence option: your changes have been saved"
    )


def fill_date(page: Page, group: str, day: dt.date) -> None:
    date = page.get_by_role("group", name=group)
    date.get_by_label("Day").fill(str(day.day))
    date.get_by_label("Month").fill(str(day.month))
    date.get_by_label("Year").fill(str(day.year))


@pytest.mark.e2e
def test_explore_three_options_rule_one_out_agree_the_plan(page: Page, child: Child) -> None:
    """Issue 6: twin-track planning kept honest and visible (DS objectives 2 and 7; DQ
    'Identifying the right Permanence Plan'; the plan's deadline from the timescales engine)."""
    sign_in(page, "social-worker")
    visit(page, child.get_absolute_url())
    tabs = page.get_by_role("navigation", name="Child's record")
    follow(page, tabs.get_by_role("link", name="Plan", exact=True))
    expect(page).to_have_title(title(f"Plan – {child.full_name} ({child.child_id})"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan")
    expect(tabs.get_by_role("link", name="Plan", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_text("No options recorded yet.")).to_be_visible()
    deadline = page.get_by_label("Permanence plan deadline")
    expect(deadline).to_contain_text("Written permanence plan by the 2nd Child in Care review")
    expect(deadline.locator(".govuk-tag")).to_have_text(re.compile("Upcoming|Due soon"))

    # A social worker explores three options; reunification is kept beside them (DS obj. 2).
    add_option(page, child, "Family and friends (connected) care", "Aunt offered at the FNM")
    add_option(page, child, "Special guardianship order", "Foster carers asked about an SGO")
    add_option(page, child, "Long-term (permanent) fostering", "Settled with current carers")
    for kind in ("reunification", "connected_care", "sgo", "long_term_fostering"):
        expect(card(page, kind).locator(".govuk-tag")).to_have_text("To explore")
    expect(card(page, "connected_care")).not_to_contain_text("Rule out")

    sgo = card(page, "sgo")
    follow(page, sgo.get_by_role("link", name="Update special guardianship order"))
    page.get_by_label("Viable", exact=True).check()
    page.get_by_label("Why").fill("SGO assessment of the foster carers is positive")
    page.get_by_label("Next step").fill("SGO support plan with the carers")
    follow(page, page.get_by_role("button", name="Save"))
    expect(sgo.locator(".govuk-tag")).to_have_text("Viable")
    expect(sgo).to_contain_text("SGO support plan with the carers")
    expect(sgo).to_contain_text("SGO assessment of the foster carers is positive")

    # The criteria for an SGO from the quick reference guide, with evidence.
    follow(page, sgo.get_by_role("link", name="Criteria for special guardianship order"))
    first = page.get_by_role("group", name=re.compile("^The child needs the security"))
    first.get_by_label("Met", exact=True).check()
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the evidence")
    page.get_by_label("Evidence for criterion 1").fill("Needs legal security; keeps her name")
    follow(page, page.get_by_role("button", name="Save"))
    expect(sgo).to_contain_text("1 of 4 met, 3 not known yet")
    sign_out(page)

    # The team manager rules connected care out and signs it off (DS objective 7).
    sign_in(page, "team-manager")
    visit(page, f"/children/{child.child_id}/plan/")
    connected = card(page, "connected_care")
    follow(page, connected.get_by_role("link", name="Rule out family and friends"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rule out family and friends (connected) care"
    )
    page.get_by_label("Why it is not viable").fill("Viability assessment of the aunt negative")
    follow(page, page.get_by_role("button", name="Rule out and sign off"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Confirm that you sign this option off as not viable"
    )
    expect(page.get_by_label("Why it is not viable")).to_have_value(
        "Viability assessment of the aunt negative"
    )
    page.get_by_label("I sign this option off as not viable").check()
    follow(page, page.get_by_role("button", name="Rule out and sign off"))
    expect(connected.locator(".govuk-tag")).to_have_text("Ruled out")
    expect(connected).to_contain_text("signed off by Morgan Ellery-Demo")
    sign_out(page)

    # The social worker agrees the plan; leaving reunification out is refused first.
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/plan/")
    follow(page, page.get_by_role("link", name="Agree the permanence plan"))
    preferred = page.get_by_role("group", name="Preferred option")
    expect(preferred.get_by_label(re.compile("^Family and friends"))).to_have_count(0)
    preferred.get_by_label("Special guardianship order (viable)").check()
    page.get_by_role("group", name="Legal route").get_by_label(
        "Special guardianship order", exact=True
    ).check()
    page.get_by_label("Support plan").fill("Special guardianship allowance; therapeutic support")
    page.get_by_label("Agreed at or by").fill("Second Child in Care review")
    follow(page, page.get_by_role("button", name="Save"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Reunification stays part of the plan")
    assert not PermanencePlan.objects.filter(child=child).exists()
    page.get_by_role("group", name="Contingency plans").get_by_label(
        "Reunification (return home) (to explore)"
    ).check()
    follow(page, page.get_by_role("button", name="Save"))

    expect(page).to_have_url(f"/children/{child.child_id}/plan/")
    plan = page.locator("#agreed-plan")
    expect(plan).to_contain_text("Agreed plan, version 1")
    expect(plan).to_contain_text("Special guardianship order")
    expect(plan).to_contain_text("Reunification (return home)")
    expect(plan).to_contain_text(f"{govuk_date(timezone.localdate())}, Second Child in Care")
    expect(deadline.locator(".govuk-tag")).to_have_text("Met on time")
    expect(card(page, "sgo").locator(".govuk-tag")).to_have_text("Preferred plan")
    expect(card(page, "reunification").locator(".govuk-tag")).to_have_text("Contingency plan")
    event = JourneyEvent.objects.get(child=child, kind="permanence_plan_agreed")
    assert event.source == "recorded"

    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, f"/children/{child.child_id}/plan/")
    assert_fits(page)


@pytest.mark.e2e
def test_a_social_worker_cannot_rule_out_and_a_bad_assessment_is_refused(
    page: Page, child: Child
) -> None:
    """DS objective 7 (sign-off by managers); issue 6 'Bad input'."""
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/plan/")
    add_option(page, child, "Adoption", "Very young; no family able to care")
    option = child.permanence_options.get(kind="adoption")
    visit(page, f"/children/{child.child_id}/plan/options/{option.pk}/rule-out/", status=403)

    visit(page, f"/children/{child.child_id}/plan/")
    follow(page, page.get_by_role("link", name="Add an assessment"))
    page.get_by_label("Assessment", exact=True).select_option(label="Parenting assessment")
    page.get_by_label("Who is doing it").fill("Independent social worker")
    today = timezone.localdate()
    fill_date(page, "Date requested", today - dt.timedelta(days=10))
    fill_date(page, "Date due", today + dt.timedelta(days=30))
    fill_date(page, "Date completed", today - dt.timedelta(days=12))
    page.get_by_label("Supports the option").check()
    follow(page, page.get_by_role("button", name="Save"))

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    link = summary.get_by_role("link", name=re.compile("cannot be completed before it was"))
    link.click()
    expect(page.get_by_role("group", name="Date completed").get_by_label("Day")).to_be_focused()
    assert not Assessment.objects.filter(child=child).exists()

    fill_date(page, "Date completed", today)
    follow(page, page.get_by_role("button", name="Save"))
    table = page.get_by_role("region", name="Assessments")
    expect(table).to_contain_text("Parenting assessment")
    expect(table.locator(".govuk-tag")).to_have_text("Met on time")


@pytest.mark.e2e
def test_adoption_decisions_and_permanence_achieved_forms(page: Page, child: Child) -> None:
    """DU section 4 'Adoption' (Re B; the ADM); Children Act 1989 s22C(9A)-(9C); permanence
    achieved and an unplanned ending (Devon 'Guiding Principles')."""
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/plan/")
    add_option(page, child, "Adoption", "Very young; no family able to care")
    follow(page, page.get_by_role("link", name="Record why nothing else will do"))
    page.get_by_label("Should be placed for adoption").check()
    follow(page, page.get_by_role("button", name="Save"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the date of the decision")
    expect(summary).to_contain_text("Enter the name of the agency decision maker")
    page.get_by_label("Why nothing else will do").fill("Every family option was assessed.")
    page.get_by_label("Agency decision maker", exact=True).fill("Test Decisionmaker")
    fill_date(page, "Date of the decision", timezone.localdate())
    follow(page, page.get_by_role("button", name="Save"))
    adoption = page.locator("#adoption")
    expect(page.get_by_role("main")).to_contain_text("Should be placed for adoption")
    expect(adoption).to_have_text("Adoption decisions")
    assert JourneyEvent.objects.filter(child=child, kind="adm_decision").exists()

    follow(page, page.get_by_role("link", name="Record the duty to consider foster for adoption"))
    fill_date(page, "Date considered", timezone.localdate())
    page.get_by_label("Connected-person foster parents considered").fill("Aunt: not approved")
    page.get_by_label("Place with foster for adoption carers").check()
    page.get_by_label("Reasons").fill("Avoids a move for the baby")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("main")).to_contain_text("Avoids a move for the baby")

    follow(page, page.get_by_role("link", name="Record permanence achieved"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record permanence achieved")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the route to permanence")
