"""Siblings, family time and the child's voice in the browser: the Family and Voice tabs, their
forms and error paths, the different-IRO warning, keyboard use and reflow at 320 pixels.

Seeds: DS 000 'Independent Reviewing Service' (same IRO), objectives 6 and 9; DU 002 'Sibling
Assessment', 'Family Time', 'Child/ Young Person Participation'.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from homeward.accounts.models import Role, User
from homeward.children.models import Allocation, Child, PersonInChildsLife
from homeward.children.templatetags.homeward import govuk_date
from homeward.family.models import FamilyTimePlan, SiblingPairDecision, VoiceEntry
from tests.e2e.helpers import focus_is_visible, follow, record_sections, sign_in, title, visit
from tests.e2e.test_layout import WIDTH, assert_fits
from tests.e2e.test_timescales import tab_to
from tests.family.factories import FamilyTimePlanFactory, sibling_group


def fill_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def radio(page: Page, question: str, answer: str) -> Locator:
    return page.get_by_role("group", name=question).get_by_label(answer, exact=True)


def tabs(page: Page) -> Locator:
    """The sections of a child's record, opened if folded (a small screen)."""
    return record_sections(page)


def make_siblings(demo) -> tuple[Child, Child]:
    """The demo's child and another of the social worker's children as brother and sister,
    each with their own IRO (DS expects one IRO per sibling group)."""
    child, brother = demo.child, demo.other_child
    sibling_group(child, brother, name="Testbrook siblings")
    iros = list(User.objects.filter(role=Role.IRO).order_by("username")[:2])
    for member, iro in zip((child, brother), iros, strict=True):
        Allocation.objects.filter(child=member, ended_on__isnull=True).update(iro=iro)
    child.refresh_from_db()
    return child, brother


def pair_decisions(child: Child, other: Child):
    low, high = sorted((child.pk, other.pk))
    return SiblingPairDecision.objects.filter(child_a=low, child_b=high)


@pytest.mark.e2e
def test_record_a_together_or_apart_decision_and_see_the_iro_warning(page: Page, demo) -> None:
    child, brother = make_siblings(demo)
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/")
    follow(page, tabs(page).get_by_role("link", name="Family", exact=True))
    expect(page).to_have_title(title(f"Family – {child.full_name} ({child.child_id})"))
    expect(tabs(page).get_by_role("link", name="Family", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.locator("#iro-warning")).to_contain_text(
        "These brothers and sisters have different IROs"
    )
    expect(page.get_by_text("Independent Reviewing Service", exact=False).first).to_be_visible()
    card = page.locator(".govuk-summary-card", has_text=brother.child_id)
    expect(card).to_contain_text("No decision recorded")

    follow(page, card.get_by_role("link", name=f"Record a decision for {brother.full_name}"))
    # Placing apart without the together and apart assessment is refused (DU 'Sibling
    # Assessment'), with the error summary focused and nothing saved.
    radio(page, "Do they live together now?", "No, they live apart").check()
    radio(page, "Decision", "Place apart").check()
    page.get_by_label("Reasons for the decision").fill("Different needs for now.")
    page.get_by_label("Decided by").fill("Child Permanence Meeting")
    fill_date(page, "Date of the decision", timezone.localdate())
    follow(page, page.get_by_role("button", name="Save"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        "Enter the date of the together and apart assessment: a decision to place brothers and "
        "sisters apart must be informed by one"
    )
    summary.get_by_role("link").click()
    expect(
        page.get_by_role("group", name="Together and apart assessment completed on").get_by_label(
            "Day"
        )
    ).to_be_focused()
    assert not pair_decisions(child, brother).exists()

    fill_date(
        page,
        "Together and apart assessment completed on",
        timezone.localdate() - dt.timedelta(days=2),
    )
    page.get_by_label("Assessment completed by").fill("Sibling assessor")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "your decision has been recorded"
    )
    card = page.locator(".govuk-summary-card", has_text=brother.child_id)
    expect(card).to_contain_text("Place apart")
    expect(card).to_contain_text("They live apart and there is no family time plan between them.")
    decision = pair_decisions(child, brother).get()
    assert (decision.decision, decision.placed, decision.version) == ("apart", "apart", 1)


@pytest.mark.e2e
def test_add_a_family_time_plan_refused_without_a_frequency_then_saved(page: Page, demo) -> None:
    """Issue 6 bad input: "a family time plan with no frequency" is refused with a clear
    message and nothing is saved (DU 'Family Time': how frequently)."""
    child = demo.child
    person = PersonInChildsLife.objects.filter(child=child).select_related("person").first()
    assert person is not None
    before = FamilyTimePlan.objects.filter(child=child).count()
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/family/")
    follow(page, page.get_by_role("link", name="Add a family time plan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a family time plan")
    page.get_by_label("Who is the family time with?").select_option(value=f"person:{person.pk}")
    radio(page, "Type of family time", "Direct (meeting in person)").check()
    radio(page, "Supervision", "Supervised").check()
    page.get_by_label("Supervised or supported by").fill("Family time worker")
    page.get_by_label("Where").fill("Brookside family centre")
    fill_date(page, "Date agreed", timezone.localdate())
    fill_date(page, "Start date", timezone.localdate())
    review = timezone.localdate() + dt.timedelta(days=90)
    fill_date(page, "Review by", review)
    page.get_by_label("The child's view of it").fill("Wants Saturday visits.")
    follow(page, page.get_by_role("button", name="Save"))

    expect(page).to_have_title(title(f"Error: Add a family time plan – {child.full_name}"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    link = summary.get_by_role("link")
    expect(link).to_have_text(
        "Enter how often family time happens: a number of times and a period (for example, "
        "2 times a month), or describe the pattern"
    )
    link.click()
    expect(page.get_by_label("Number of times")).to_be_focused()
    assert FamilyTimePlan.objects.filter(child=child).count() == before

    page.get_by_label("Number of times").fill("2")
    page.get_by_label("In", exact=True).select_option(label="A month")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page).to_have_url(f"/children/{child.child_id}/family/#family-time")
    card = page.locator(".govuk-summary-card", has_text=f"With {person.person.full_name}")
    expect(card).to_contain_text("Twice a month")
    expect(card).to_contain_text(govuk_date(review))
    expect(card).to_contain_text("Wants Saturday visits.")
    assert FamilyTimePlan.objects.filter(child=child).count() == before + 1


@pytest.mark.e2e
def test_record_the_childs_views_and_an_error_on_the_way(page: Page, demo) -> None:
    """DS objective 6: children's voices influence our actions."""
    child = demo.child
    before = VoiceEntry.objects.filter(child=child).count()
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/")
    follow(page, tabs(page).get_by_role("link", name="Voice"))
    expect(page.get_by_role("heading", level=1)).to_have_text("The child’s voice")
    # By keyboard: Tab to the link, Enter; later, Enter on Save.
    tab_to(page, page.get_by_role("link", name="Add views, wishes and feelings"))
    assert focus_is_visible(page)
    follow(page, "Enter")
    fill_date(page, "Date", timezone.localdate())
    radio(page, "How the views were gathered", "Direct work").check()
    radio(page, "In whose words", "Recorded by someone else, in their words").check()
    page.get_by_label("What the child said, wished or felt").fill("Wants to keep the same school.")
    follow(page, page.get_by_role("button", name="Save"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        "Enter who recorded or observed the child's views"
    )
    assert VoiceEntry.objects.filter(child=child).count() == before

    radio(page, "In whose words", "The child's own words").check()
    page.get_by_role("button", name="Save").focus()
    follow(page, "Enter")
    expect(page).to_have_url(f"/children/{child.child_id}/voice/#views")
    item = page.locator(".moj-timeline__item", has_text="Wants to keep the same school.")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"In {child.full_name}’s own words")
    expect(item.locator("time")).to_have_text(govuk_date(timezone.localdate()))


@pytest.mark.e2e
def test_family_and_voice_fit_320_pixels_and_read_only_users_cannot_change(
    page: Page, demo
) -> None:
    child, _ = make_siblings(demo)
    sign_in(page, "social-worker")
    page.set_viewport_size({"width": WIDTH, "height": 800})
    for path in (f"/children/{child.child_id}/family/", f"/children/{child.child_id}/voice/"):
        visit(page, path)
        assert_fits(page)
        # Folded into "Sections of the record" at this width; opened, all four are reachable.
        for name in ("Record", "Timescales", "Family", "Voice"):
            expect(tabs(page).get_by_role("link", name=name, exact=True)).to_be_visible()
    plan = FamilyTimePlanFactory(child=child)
    visit(page, f"/children/{child.child_id}/family/time/{plan.pk}/")
    assert_fits(page)
    visit(page, f"/children/{child.child_id}/family/time/{plan.pk}/review/")
    assert_fits(page)

    page.context.clear_cookies()
    sign_in(page, "analyst")
    visit(page, f"/children/{child.child_id}/family/")
    expect(page.get_by_role("link", name="Add a family time plan")).to_have_count(0)
    visit(page, f"/children/{child.child_id}/family/time/add/", status=403)
