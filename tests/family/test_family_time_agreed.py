"""Family time agreed, as a journey event the plan owns (Durham Early Permanence Planning
Strategy, 'Family Time': how family time takes place, who with, where and how frequently "must be
negotiated before placement"; SPEC T18). Saving a plan records ``family_time_agreed`` on the date
agreed; changing that date moves it; Durham's check at each placement reads it through the
ledger and shows on the child's Timescales tab and on the plan."""

from __future__ import annotations

import pytest

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent
from homeward.children.selectors import event_owners
from homeward.family.models import FamilyTimePlan
from homeward.timescales.models import Expectation
from tests.factories import JourneyEventFactory
from tests.family.test_pages import DAY, date_fields, family_url, plan_post, today

RULE = "family-time-before-placement"


@pytest.fixture
def sw(client, council):
    client.force_login(council.users["social_worker"])
    return client


@pytest.fixture
def durham(settings):
    settings.HOMEWARD_COUNCIL = "durham"


def _agreed(child) -> list[JourneyEvent]:
    return list(child.events.filter(kind="family_time_agreed"))


def test_saving_a_plan_records_the_agreement_as_a_journey_event_the_plan_owns(sw, council):
    child = council.child_a
    mother = child.people.get()
    assert (
        sw.post(family_url(child, "time/add/"), plan_post(f"person:{mother.pk}")).status_code == 302
    )
    plan = FamilyTimePlan.objects.get(child=child)
    (event,) = _agreed(child)
    assert (event.date, plan.agreed_on, plan.journey_event) == (
        today() - 8 * DAY,
        today() - 8 * DAY,
        event,
    )
    assert event.recorded_by == council.users["social_worker"]
    assert event_owners([event.pk]) == {event.pk: "family time plan"}
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="journey event", child_id=child.child_id
    ).exists()


def test_changing_the_date_agreed_moves_the_event_and_saving_again_adds_none(sw, council):
    child = council.child_a
    mother = child.people.get()
    sw.post(family_url(child, "time/add/"), plan_post(f"person:{mother.pk}"))
    plan = FamilyTimePlan.objects.get(child=child)
    url = family_url(child, f"time/{plan.pk}/change/")
    assert sw.post(url, plan_post(f"person:{mother.pk}")).status_code == 302  # unchanged
    moved = plan_post(f"person:{mother.pk}", **date_fields("agreed_on", today() - 20 * DAY))
    assert sw.post(url, moved).status_code == 302
    (event,) = _agreed(child)
    assert event.date == today() - 20 * DAY
    changes = AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="journey event")
    assert changes.count() == 1


@pytest.mark.parametrize(
    "agreed,message",
    [
        (
            {"agreed_on_0": "", "agreed_on_1": "", "agreed_on_2": ""},
            "Enter the date the family time was agreed",
        ),
        (date_fields("agreed_on", today() + DAY), "The date agreed must be today or in the past"),
    ],
)
def test_a_missing_or_future_date_agreed_is_refused_and_nothing_saved(sw, council, agreed, message):
    child = council.child_a
    data = plan_post(f"person:{child.people.get().pk}")
    data.update(agreed)
    response = sw.post(family_url(child, "time/add/"), data)
    assert response.status_code == 200
    assert 'href="#id_agreed_on' in response.content.decode()
    assert message in response.content.decode()
    assert not FamilyTimePlan.objects.exists() and not _agreed(child)


def test_a_date_agreed_before_the_child_was_born_names_the_date_field(sw, council):
    """The event's own check (only pre-birth events before the date of birth) is reported on the
    plan's date field, and neither the plan nor the event is saved."""
    child = council.child_a
    data = plan_post(f"person:{child.people.get().pk}")
    data.update(date_fields("agreed_on", child.date_of_birth - DAY))
    html = sw.post(family_url(child, "time/add/"), data).content.decode()
    assert 'href="#id_agreed_on' in html and "date of birth" in html
    assert not FamilyTimePlan.objects.exists() and not _agreed(child)


def test_durham_a_placement_without_family_time_agreed_shows_missed_until_the_plan_predates_it(
    sw, council, durham
):
    """DU 'Family Time': negotiated before placement. Looked after 60 days ago, placed 30 days
    ago: missed; a plan agreed 40 days ago (before the placement) meets it."""
    child = council.child_a
    JourneyEventFactory(child=child, kind="became_looked_after", date=today() - 60 * DAY)
    JourneyEventFactory(child=child, kind="placement_started", date=today() - 30 * DAY)
    check = Expectation.objects.get(child=child, rule_id=RULE)
    assert check.state == "missed"
    tab = sw.get(f"/children/{child.child_id}/timescales/").content.decode()
    assert "Family time agreed before the placement" in tab and "Missed" in tab
    mother = child.people.get()
    data = plan_post(f"person:{mother.pk}", **date_fields("agreed_on", today() - 40 * DAY))
    data.update(date_fields("start_date", today() - 35 * DAY))
    assert sw.post(family_url(child, "time/add/"), data).status_code == 302
    assert Expectation.objects.get(child=child, rule_id=RULE).state == "met_on_time"
    plan = FamilyTimePlan.objects.get(child=child)
    page = sw.get(family_url(child, f"time/{plan.pk}/")).content.decode()
    assert "Date agreed" in page and "Agreed before each placement" in page
    assert "Met on time" in page
