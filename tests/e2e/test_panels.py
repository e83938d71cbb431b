"""The Achieving Early Permanence Panel in the browser: the permanence coordinator's weekly
admissions report and referral, the late-referral error path, recording an outcome (and its
errors), the panel's list and PDF, keyboard use, reflow at 320 pixels, and a council without
the panel.

Seeds: Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Legal Gateway Panel /
Notification via weekly admissions report', 'Achieving early permanence panel' (5pm Wednesday
cut-off; first PPM within 6 weeks), 'Outcomes from meeting'. SPEC section 1: only Dudley.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent
from homeward.domain import panels as domain
from homeward.panels import services
from homeward.panels.models import Outcome, Referral
from homeward.panels.selectors import weekly_admissions
from tests.e2e.helpers import follow, sign_in, title, visit
from tests.e2e.test_layout import WIDTH, assert_fits

DUDLEY = domain.SCHEDULES["dudley"]


def radio(page: Page, question: str, answer: str) -> Locator:
    return page.get_by_role("group", name=question).get_by_label(answer, exact=False)


def fill_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def menu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Menu")


def error_summary(page: Page) -> Locator:
    return page.locator(".govuk-error-summary")


@pytest.mark.e2e
def test_the_coordinator_refers_a_newly_looked_after_child_from_weekly_admissions(
    page: Page, demo
) -> None:
    """DQ: the permanency coordinator checks the weekly admissions report and brings the child
    to the panel; the form offers the first panel still open for referrals."""
    from homeward.accounts.models import User

    coordinator = User.objects.get(username="permanence-coordinator")
    waiting = weekly_admissions(coordinator, timezone.localdate())
    assert waiting, "the demo has children admitted in the last 7 days and not yet referred"
    child = waiting[0].child
    sign_in(page, "permanence-coordinator")
    follow(page, menu(page).get_by_role("link", name="Early permanence panel"))
    expect(page).to_have_title(title(f"Achieving Early Permanence Panel, {_next_day()}"))
    expect(page.locator(".govuk-summary-list")).to_contain_text("5pm on Wednesday")
    follow(page, page.get_by_role("link", name="Weekly admissions"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Weekly admissions")
    row = page.get_by_role("row", name=child.child_id)
    follow(page, row.get_by_role("link", name=f"Refer {child.full_name}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Refer to the Achieving Early Permanence Panel"
    )
    in_time = DUDLEY.first_in_time_for(timezone.now())
    expect(radio(page, "Which panel?", domain.govuk_day(in_time.date))).to_be_checked()
    expect(radio(page, "How was the child referred?", "Weekly admissions report")).to_be_checked()
    follow(page, page.get_by_role("button", name="Refer"))
    expect(page).to_have_url("/panels/aepp/admissions/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"{child.full_name} is on the list for the panel on {domain.govuk_day(in_time.date)}"
    )
    expect(page.get_by_role("row", name=child.child_id)).to_have_count(0)
    referral = Referral.objects.get(child=child)
    assert referral.route == "weekly_admissions" and not referral.is_late

    visit(page, f"/panels/aepp/?date={in_time.date.isoformat()}")
    expect(page.get_by_role("table")).to_contain_text(child.child_id)


def _next_day() -> str:
    return domain.govuk_day(DUDLEY.next_sitting(timezone.localdate()).date)


@pytest.mark.e2e
def test_a_late_referral_is_refused_until_it_is_flagged_with_a_reason(
    page: Page, demo, monkeypatch
) -> None:
    """Issue 5 "Bad input": a referral after the cut-off without the late flag is refused with
    a clear message, and nothing is saved. The clock is set just after the next panel's
    cut-off, so the test reads the same on any day of the week."""
    sitting = DUDLEY.next_sitting(timezone.localdate())
    moment = sitting.cutoff + dt.timedelta(hours=1)
    monkeypatch.setattr("homeward.panels.services.current_time", lambda: moment)
    child = demo.child
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/")
    follow(
        page,
        page.get_by_role("navigation", name="Child's record").get_by_role(
            "link", name="Early permanence panel"
        ),
    )
    follow(page, page.get_by_role("link", name="Refer to the panel"))
    day = domain.govuk_day(sitting.date)
    radio(page, "Which panel?", f"{day}: referrals by").check()
    radio(page, "How was the child referred?", "Legal Gateway Panel").check()
    follow(page, page.get_by_role("button", name="Refer"))
    expect(page).to_have_title(
        title(f"Error: Refer to the Achieving Early Permanence Panel – {child.full_name}")
    )
    message = (
        f"The cut-off for the panel on {day} was {domain.describe_cutoff(sitting.cutoff)}: tick "
        "'This is a late referral' and say why, or choose a later panel"
    )
    expect(error_summary(page)).to_contain_text(message)
    error_summary(page).get_by_role("link", name=message).click()
    expect(page.get_by_label("This is a late referral")).to_be_focused()
    assert not Referral.objects.filter(child=child).exists()

    page.get_by_label("This is a late referral").check()
    follow(page, page.get_by_role("button", name="Refer"))
    expect(error_summary(page)).to_contain_text("Enter why the referral is late")
    assert not Referral.objects.filter(child=child).exists()

    page.get_by_label("Why is the referral late?").fill("Placed in an emergency on Wednesday night")
    follow(page, page.get_by_role("button", name="Refer"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("as a late referral")
    expect(page.locator(".govuk-inset-text")).to_contain_text("is on the list for the panel")
    assert Referral.objects.get(child=child).is_late

    page.context.clear_cookies()
    sign_in(page, "panel-admin")
    visit(page, f"/panels/aepp/?date={sitting.date.isoformat()}")
    row = page.get_by_role("row", name=child.child_id)
    expect(row).to_contain_text("Late referral")
    expect(row).to_contain_text("Placed in an emergency on Wednesday night")


@pytest.mark.e2e
def test_recording_what_the_panel_agreed(page: Page, demo) -> None:
    """DQ 'Outcomes from meeting' and 'Achieving early permanence panel': pathway, the worker
    allocated, and the first PPM within 6 weeks (the engine's date); saving records that the
    panel considered the child."""
    from homeward.accounts.models import User

    sitting = DUDLEY.previous_sitting(timezone.localdate() + dt.timedelta(days=1))
    child = demo.child
    services.refer(
        child,
        panel_date=sitting.date,
        route="legal_gateway",
        is_late=False,
        late_reason="",
        by=User.objects.get(username="permanence-coordinator"),
        now=sitting.cutoff - dt.timedelta(hours=4),
    )
    sign_in(page, "team-manager")
    visit(page, f"/panels/aepp/?date={sitting.date.isoformat()}")
    row = page.get_by_role("row", name=child.child_id)
    follow(page, row.get_by_role("link", name=f"Record the outcome for {child.full_name}"))
    follow(page, page.get_by_role("button", name="Save outcome"))
    summary = error_summary(page)
    for message in (
        "Select the pathway the panel agreed",
        "Select the family finder or SGO social worker allocated",
        "Enter the date of the first permanence planning meeting",
    ):
        expect(summary).to_contain_text(message)

    due = sitting.date + dt.timedelta(weeks=6)
    radio(page, "Which pathway did the panel agree?", "Fostering").check()
    page.get_by_label("Family finder or SGO social worker allocated").select_option(
        label="Taylor Wrenfield-Demo"
    )
    fill_date(page, "Date of the first permanence planning meeting", due + dt.timedelta(days=1))
    follow(page, page.get_by_role("button", name="Save outcome"))
    expect(summary).to_contain_text(
        f"must be within 6 weeks of the panel: by {domain.govuk_day(due)}"
    )
    assert not Outcome.objects.filter(referral__child=child).exists()
    assert not JourneyEvent.objects.filter(
        child=child, kind="aepp_held", date=sitting.date
    ).exists()

    fill_date(page, "Date of the first permanence planning meeting", due)
    follow(page, page.get_by_role("button", name="Save outcome"))
    expect(page).to_have_url(f"/panels/aepp/?date={sitting.date.isoformat()}")
    row = page.get_by_role("row", name=child.child_id)
    expect(row).to_contain_text("Fostering")
    expect(row).to_contain_text(f"First permanence planning meeting: {due.day} {due:%B %Y}")
    assert JourneyEvent.objects.filter(child=child, kind="aepp_held", date=sitting.date).exists()

    # The list as a PDF for the panel pack (an API request with the page's sign-in: a PDF is
    # not a page axe-core can check).
    pdf = page.request.get(f"/panels/aepp/pdf/?date={sitting.date.isoformat()}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.e2e
def test_the_panel_pages_fit_320_pixels_and_work_by_keyboard(page: Page, demo) -> None:
    sign_in(page, "permanence-coordinator")
    page.set_viewport_size({"width": WIDTH, "height": 800})
    visit(page, "/panels/aepp/")
    assert_fits(page)
    visit(page, "/panels/aepp/admissions/")
    assert_fits(page)
    visit(page, f"/children/{demo.child.child_id}/early-permanence-panel/refer/")
    assert_fits(page)
    visit(page, f"/children/{demo.child.child_id}/early-permanence-panel/")
    assert_fits(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    visit(page, "/panels/aepp/")
    picker = page.get_by_label("Show another panel")
    following = DUDLEY.next_sitting(
        DUDLEY.next_sitting(timezone.localdate()).date + dt.timedelta(days=1)
    )
    picker.focus()
    picker.select_option(following.date.isoformat())
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Show panel")).to_be_focused()
    follow(page, "Enter")
    expect(page.locator(".govuk-caption-l")).to_have_text(domain.govuk_day(following.date))


@pytest.mark.e2e
def test_a_council_without_the_panel_says_so(page: Page, demo, settings) -> None:
    """SPEC section 1: the AEPP exists only in Dudley. Under Durham's profile the pages say so
    plainly and the menu and the child's tabs leave it out."""
    settings.HOMEWARD_COUNCIL = "durham"
    sign_in(page, "service-manager")
    expect(menu(page).get_by_role("link", name="Early permanence panel")).to_have_count(0)
    visit(page, "/panels/aepp/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Durham County Council does not hold an Achieving Early Permanence Panel"
    )
    visit(page, f"/children/{demo.child.child_id}/")
    expect(
        page.get_by_role("navigation", name="Child's record").get_by_role(
            "link", name="Early permanence panel"
        )
    ).to_have_count(0)


@pytest.mark.e2e
def test_the_coordinator_moves_then_withdraws_a_referral_at_320_pixels(page: Page, demo) -> None:
    """Issue 13: a waiting referral is moved to another panel, with the reason (first missing
    it: the error names the field), then withdrawn, with the reason; at 320 pixels, axe-clean."""
    from homeward.accounts.access import visible_children
    from homeward.accounts.models import User

    coordinator = User.objects.get(username="permanence-coordinator")
    today = timezone.localdate()
    referral = (
        Referral.objects.filter(
            panel__date__gte=today,
            outcome__isnull=True,
            withdrawn_at__isnull=True,
            child__in=visible_children(coordinator),
        )
        .select_related("panel", "child")
        .first()
    )
    if referral is None:
        child = weekly_admissions(coordinator, today)[0].child
        in_time = DUDLEY.first_in_time_for(timezone.now())
        referral = services.refer(
            child,
            panel_date=in_time.date,
            route="weekly_admissions",
            is_late=False,
            late_reason="",
            by=coordinator,
        )
    child, was_on = referral.child, referral.panel.date
    target = next(
        s.date
        for s in DUDLEY.sittings_between(today, today + dt.timedelta(weeks=6))
        if s.date != was_on
    )
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "permanence-coordinator")
    visit(page, f"/children/{child.child_id}/early-permanence-panel/")
    assert_fits(page)
    follow(page, page.get_by_role("link", name="Move to another panel"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Move the referral to another panel")
    assert_fits(page)
    question = "Which panel should the referral move to?"
    radio(page, question, domain.govuk_day(target)).check()
    follow(page, page.get_by_role("button", name="Move the referral"))
    expect(error_summary(page)).to_contain_text("Enter why the referral is moved")
    assert_fits(page)
    page.get_by_label("Why is the referral moving?").fill("The social work report is not ready")
    follow(page, page.get_by_role("button", name="Move the referral"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"referral has moved to the panel on {domain.govuk_day(target)}"
    )
    expect(page.get_by_role("table")).to_contain_text("The social work report is not ready")
    assert_fits(page)
    follow(page, page.get_by_role("link", name="Withdraw the referral"))
    page.get_by_label("Why is the referral withdrawn?").fill("Returned home to mother")
    assert_fits(page)
    follow(page, page.get_by_role("button", name="Withdraw the referral"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been withdrawn")
    expect(page.get_by_role("table")).to_contain_text("Withdrawn")
    expect(page.get_by_role("link", name="Refer to the panel")).to_be_visible()
    assert_fits(page)
    referral.refresh_from_db()
    assert referral.is_withdrawn and referral.moved_from == was_on
    page.set_viewport_size({"width": 1280, "height": 900})
