"""Meetings in the browser (issue 5): a team manager records a Child Permanence Meeting with two
actions; the social worker signs in and finds both on "My work"; the record form's errors; the
minutes as a PDF; the pages at 320 pixels. axe-core checks every page visited."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from homeward.accounts.models import User
from homeward.audit.models import AuditAction, AuditEntry
from homeward.meetings import services
from homeward.meetings.models import Meeting
from homeward.meetings.services import ActionIn
from tests.clock import TODAY
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, sign_in, sign_out, title, visit
from tests.e2e.test_layout import assert_fits
from tests.meetings.helpers import record_data


def fill_date(page: Page, field_id: str, day: dt.date) -> None:
    page.locator(f"#{field_id}_0").fill(str(day.day))
    page.locator(f"#{field_id}_1").fill(str(day.month))
    page.locator(f"#{field_id}_2").fill(str(day.year))


def open_ppm_form(page: Page, demo: Demo) -> None:
    """From the child's record to the record form, as a team manager would get there."""
    child = demo.child
    visit(page, f"/children/{child.child_id}/")
    tabs = page.get_by_role("navigation", name="Child's record")
    follow(page, tabs.get_by_role("link", name="Meetings"))
    expect(page).to_have_title(title(f"Meetings – {child.full_name} ({child.child_id})"))
    expect(tabs.get_by_role("link", name="Meetings")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("region", name="Meetings due by the timescales")).to_be_visible()
    follow(page, page.get_by_role("link", name="Record a meeting that was held"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Which meeting was held?")
    page.get_by_label("Child Permanence Meeting").check()
    follow(page, page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the Child Permanence Meeting")


@pytest.mark.e2e
def test_a_team_manager_records_a_ppm_and_the_social_worker_sees_its_actions(
    page: Page, demo: Demo
) -> None:
    child, worker = demo.child, demo.social_worker
    manager = User.objects.get(username="team-manager")
    sign_in(page, "team-manager")
    open_ppm_form(page, demo)

    held = TODAY - dt.timedelta(days=1)
    fill_date(page, "id_held_on", held)
    expect(page.get_by_label("Who chaired it? (Team manager)")).to_have_value(str(manager.pk))
    page.get_by_label("Where or how it was held").fill("Family centre, room 3")
    attended = page.get_by_role("group", name="Staff who attended")
    attended.get_by_label(f"{manager} (Team manager)").check()
    attended.get_by_label(f"{worker} (Social worker)").check()
    page.get_by_label("Other attendee 1: full name").fill("Jo Testwell-Demo")
    page.get_by_label("Other attendee 1: attending as").select_option(label="Fostering")
    page.get_by_label("The child did not come: the social worker talked with them before").check()
    page.get_by_label(f"{child.first_name}'s views, wishes and feelings").fill(
        "Wants to keep seeing her brother and stay at her school."
    )
    answers = page.locator("textarea[name^=answer_]")
    # Dudley's agenda (DM, DS objective 7), less the child's views: asked once, above
    assert answers.count() == 10
    for i in range(answers.count()):
        answers.nth(i).fill(f"Agenda answer {i + 1}")
    page.get_by_label("Decisions").fill("Twin-track plan: assess the aunt as a connected carer.")
    page.get_by_label(f"What we decided, written for {child.first_name}").fill(
        "We are finding out if you can live with your aunt."
    )
    page.get_by_label("What we decided, written for the parents").fill(
        "We are assessing the aunt as a carer; family time stays weekly."
    )
    page.get_by_label("Action 1", exact=True).fill("Start the viability assessment of the aunt")
    page.get_by_label("Who will do action 1").select_option(label=f"{worker} (Social worker)")
    fill_date(page, "id_actions-0-due_on", TODAY + dt.timedelta(days=10))
    page.get_by_label("Action 2", exact=True).fill("Update the genogram with the father's family")
    page.get_by_label("Who will do action 2").select_option(label=f"{worker} (Social worker)")
    fill_date(page, "id_actions-1-due_on", TODAY)
    # Enter in a text field saves the record (the form's default button), not "add another".
    page.get_by_label("Where or how it was held").focus()
    follow(page, "Enter")

    meeting = Meeting.objects.filter(child=child, status="held", held_on=held, chair=manager).get()
    expect(page).to_have_url(meeting.get_absolute_url())
    expect(page.get_by_role("alert")).to_contain_text("Child Permanence Meeting recorded")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Child Permanence Meeting, {held.day} {held:%B %Y}"
    )
    expect(
        page.get_by_role("heading", name=f"What we decided, for {child.first_name}")
    ).to_be_visible()
    # And for the parents, in plain words (issue 18 item 2; DU 'Looked After Reviews').
    parents = page.locator("#for-parents")
    expect(parents).to_contain_text(
        "We are assessing the aunt as a carer; family time stays weekly."
    )
    plan = page.get_by_role("region", name="Action plan")
    expect(plan.locator("tbody tr")).to_have_count(2)
    expect(plan).to_contain_text("Due soon")
    assert child.events.filter(kind="permanence_planning_meeting", date=held).exists()
    # The next meeting six weeks on is planned (or the one already planned is kept).
    assert Meeting.objects.filter(child=child, type="ppm", status="planned").count() == 1

    # The minutes, as the PDF the page links to.
    link = page.get_by_role("link", name="Download the minutes (PDF)")
    pdf = page.context.request.get(link.get_attribute("href") or "")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.body())).pages
    )
    assert "Child Permanence Meeting: minutes" in text
    assert "Start the viability assessment of the aunt" in text
    assert "We are finding out if you can live with your aunt." in text

    sign_out(page)
    sign_in(page, "social-worker")
    follow(page, page.get_by_role("navigation", name="Menu").get_by_role("link", name="My work"))
    # My work's lists are behind tabs, each with its count: the actions are on the second.
    tab = page.get_by_role("navigation", name="Lists of work").get_by_role(
        "link", name=re.compile(r"^Actions from meetings \(\d+\)$")
    )
    follow(page, tab)
    expect(tab).to_have_attribute("aria-current", "page")
    actions = page.get_by_role("region", name="Actions from meetings")
    expect(actions).to_contain_text("Start the viability assessment of the aunt")
    expect(actions).to_contain_text("Update the genogram with the father's family")
    row = actions.locator("tr", has_text="Update the genogram with the father's family")
    expect(row.locator(".govuk-tag")).to_have_text("Due soon")
    follow(page, row.get_by_role("link", name=child.list_name))
    expect(page).to_have_url(meeting.get_absolute_url())
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, username="team-manager", child_id=child.child_id
    ).exists()


@pytest.mark.e2e
def test_the_record_form_refuses_bad_input_with_a_summary_that_links_to_each_field(
    page: Page, demo: Demo
) -> None:
    sign_in(page, "team-manager")
    open_ppm_form(page, demo)
    before = Meeting.objects.filter(status="held").count()
    fill_date(page, "id_held_on", TODAY + dt.timedelta(days=3))
    page.get_by_label("Other attendee 1: attending as").select_option(label="Fostering")
    page.get_by_label("Action 1", exact=True).fill("Book the family time venue")
    follow(page, page.get_by_role("button", name="Save the record"))

    expect(page).to_have_title(re.compile(r"^Error: Record the Child Permanence Meeting"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter the attendee's full name")
    # The named attendee is checked first; then the service's own checks, each on its field.
    page.get_by_label("Other attendee 1: full name").fill("Jo Testwell-Demo")
    follow(page, page.get_by_role("button", name="Save the record"))
    summary = page.locator(".govuk-error-summary")
    for message in (
        "The date the meeting was held must be today or in the past",
        "Select how the child's views were gathered",
        "Select who will do it",
        "Enter the date it is due by",
        "Enter the decisions the meeting made",
    ):
        expect(summary).to_contain_text(message)
    summary.get_by_role("link", name="Select who will do it").click()
    expect(page.get_by_label("Who will do action 1")).to_be_focused()
    summary.get_by_role("link", name=re.compile("^The date the meeting was held")).click()
    expect(page.locator("#id_held_on_0")).to_be_focused()
    expect(page.get_by_label("Action 1", exact=True)).to_have_value("Book the family time venue")
    assert Meeting.objects.filter(status="held").count() == before


@pytest.mark.e2e
def test_a_social_worker_cannot_record_a_ppm_and_the_pages_fit_320_pixels(
    page: Page, demo: Demo
) -> None:
    child = demo.child
    sign_in(page, "social-worker")
    visit(page, f"/children/{child.child_id}/meetings/record/?type=ppm", status=403)
    expect(page.get_by_role("main")).to_contain_text("recorded by the team manager")

    # A held meeting with an action plan, so that its record is checked at 320 px on every run
    # (the demo's own meetings depend on its seed).
    manager = User.objects.get(username="team-manager")
    recorded = services.record_meeting(
        child,
        "ppm",
        record_data(
            manager,
            held_on=TODAY - dt.timedelta(days=1),
            actions=[
                ActionIn("Start the viability assessment of the aunt", demo.social_worker, TODAY)
            ],
        ),
        by=manager,
    ).meeting
    held = Meeting.objects.filter(child=child, status="held", pk=recorded.pk).first()
    assert held is not None, "the held meeting checked at 320 px must exist"

    page.set_viewport_size({"width": 320, "height": 800})
    visit(page, f"/children/{child.child_id}/meetings/")
    assert_fits(page)
    visit(page, held.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(",")
    expect(page.get_by_role("region", name="Action plan").locator("tbody tr")).to_have_count(1)
    assert_fits(page)
    visit(page, "/my-work/")
    follow(page, page.get_by_role("link", name=re.compile(r"^Actions from meetings \(\d+\)$")))
    expect(page.get_by_role("heading", name="Actions from meetings")).to_be_visible()
    assert_fits(page)
    page.context.clear_cookies()  # at 320 pixels "Sign out" is behind the menu button
    sign_in(page, "team-manager")
    visit(page, f"/children/{child.child_id}/meetings/record/?type=ppm")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the Child Permanence Meeting")
    assert_fits(page)
