""" "My plan" in the browser (issue 17 item 1): a social worker checks each section of the child's
plan, leaves one out, has words with a postcode refused, shares the plan with the child and their
carer, and finds the version and its PDF; axe-core on every page and no sideways scroll at 320
pixels (DU 'Looked After Reviews': "words and pictures")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from homeward.accounts.models import User
from homeward.children.models import (
    Allocation,
    Child,
    Episode,
    JourneyEvent,
    Person,
    PersonInChildsLife,
    Relationship,
)
from homeward.children.templatetags.homeward import govuk_date
from homeward.domain import my_plan as domain
from homeward.planning.models import MyPlanVersion
from tests.e2e.conftest import Demo
from tests.e2e.helpers import follow, record_sections, sign_in, visit
from tests.e2e.test_layout import WIDTH, assert_fits


@pytest.fixture
def child(demo: Demo) -> Child:
    """A nine-year-old in foster care with Sam, allocated to the demo social worker."""
    worker = User.objects.get(username="social-worker")
    team = User.objects.get(username="team-manager").teams.get()
    today = timezone.localdate()
    child = Child.objects.create(
        child_id="MYPLAN01",
        first_name="Rowan",
        last_name="Thistlecombe",
        date_of_birth=today - dt.timedelta(days=9 * 365),
    )
    Allocation.objects.create(
        child=child, social_worker=worker, team=team, started_on=today - dt.timedelta(days=49)
    )
    start = today - dt.timedelta(days=49)
    Episode.objects.create(
        child=child,
        start_date=start,
        reason_new_episode="S",
        legal_status="C2",
        placement_type="U4",
        placement_provider="PR1",
        home_postcode="LS6 2AB",
    )
    JourneyEvent.objects.create(child=child, kind="became_looked_after", date=start)
    carer = Person.objects.create(first_name="Sam", last_name="Brackenfold")
    PersonInChildsLife.objects.create(
        child=child, person=carer, relationship=Relationship.FOSTER_CARER
    )
    return child


@pytest.mark.e2e
def test_write_leave_a_section_out_share_and_find_the_version_and_pdf(
    page: Page, child: Child
) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, "social-worker")
    visit(page, child.get_absolute_url())
    follow(
        page,
        record_sections(page).get_by_role("link", name="My plan"),
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "My plan: Rowan Thistlecombe's own plan"
    )
    expect(page.get_by_text("8 to 12 (the words follow Rowan's age today)")).to_be_visible()
    expect(page.get_by_role("link", name="Share with the child")).to_have_count(0)
    assert_fits(page)

    band = domain.Band.EIGHT_TO_12
    for section in domain.SECTIONS:
        heading = section.heading(band)
        follow(page, page.get_by_role("link", name=f"Check and write the section '{heading}'"))
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_fits(page)
        if section.key == "meetings":
            page.get_by_label("Leave this section out of the child's plan").check()
        elif section.key == "voice":
            page.get_by_label("What the child will read").fill("You told us you miss LS6 2AB.")
            follow(page, page.get_by_role("button", name="Save this section"))
            summary = page.locator(".govuk-error-summary")
            expect(summary).to_contain_text("Take out the address or postcode")
            assert_fits(page)
            page.get_by_label("What the child will read").fill(
                "You told us you like your school and want to keep going there."
            )
        elif not page.get_by_label("What the child will read").input_value():
            page.get_by_label("What the child will read").fill(f"Words about {heading.lower()}.")
        follow(page, page.get_by_role("button", name="Save this section"))
        expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{heading}: checked")

    draft = page.locator(".hw-my-plan")
    expect(draft).to_contain_text("You live with Sam, your foster carer.")
    expect(draft).to_contain_text("You told us you like your school")
    expect(draft.locator("#section-meetings")).to_contain_text("Left out")
    expect(draft.get_by_role("heading", name="Words we use")).to_be_visible()
    follow(page, page.get_by_role("link", name="Share with the child"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Share the plan with Rowan")
    assert_fits(page)
    page.get_by_label("Also shared with a carer (optional)").fill("Sam")
    follow(page, page.get_by_role("button", name="Share with the child"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Version 1 of the plan shared with Rowan and Sam"
    )
    versions = page.get_by_role("region", name="Versions shared with the child")
    expect(versions).to_contain_text(govuk_date(timezone.localdate()))
    expect(versions).to_contain_text("Rowan and Sam")
    assert_fits(page)

    link = versions.get_by_role("link", name="Download version 1 as shared (PDF, in documents)")
    response = page.request.get(link.get_attribute("href") or "")
    assert response.ok and response.body().startswith(b"%PDF")
    version = MyPlanVersion.objects.get(child=child)
    assert "meetings" not in [s["key"] for s in version.sections]
    assert JourneyEvent.objects.filter(child=child, kind="plan_shared_with_child").exists()
