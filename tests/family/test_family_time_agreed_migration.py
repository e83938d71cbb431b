"""Family time plans saved before the plan owned its ``family_time_agreed`` event (migration
family 0002 gave them a date agreed but no event) get the event from migration family 0003, and
``migrate`` brings the ledger up to date for those children: Durham's check at the placement
('Family Time': "negotiated before placement") then reads the agreement."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from homeward.children.models import JourneyEvent
from homeward.children.selectors import event_owners
from homeward.family.models import FamilyTimePlan
from homeward.timescales.models import ChildTimescales, Expectation
from tests.factories import ChildFactory, JourneyEventFactory
from tests.family.factories import FamilyTimePlanFactory
from tests.timescales.helpers import stale_children

RULE = "family-time-before-placement"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrates_back")
def test_migrating_records_the_agreement_of_earlier_plans_and_recomputes_their_timescales(
    settings,
) -> None:
    settings.HOMEWARD_COUNCIL = "durham"
    child = ChildFactory(date_of_birth=dt.date(2020, 3, 1))
    other = ChildFactory(date_of_birth=dt.date(2019, 6, 1))
    JourneyEventFactory(child=child, kind="became_looked_after", date=dt.date(2026, 6, 1))
    JourneyEventFactory(child=child, kind="placement_started", date=dt.date(2026, 9, 14))
    # As saved before the plan owned its event: a date agreed (before the move) and no event.
    plan = FamilyTimePlanFactory(child=child, agreed_on=dt.date(2026, 9, 7))
    assert plan.journey_event is None
    (check,) = Expectation.objects.filter(child=child, rule_id=RULE)
    assert check.state == "missed"
    untouched = ChildTimescales.objects.get(child=other).computed_at

    call_command("migrate", "family", "0002", verbosity=0)
    call_command("migrate", verbosity=0)

    plan.refresh_from_db()
    event = plan.journey_event
    assert event is not None
    assert (event.kind, event.date, event.source) == (
        "family_time_agreed",
        dt.date(2026, 9, 7),
        JourneyEvent.Source.RECORDED,
    )
    link = plan.with_person
    assert event.notes == (
        f"Family time with {link.person.full_name} ({link.get_relationship_display()})"
    )
    assert event_owners([event.pk]) == {event.pk: "family time plan"}
    # The ledger was brought up to date for this child, and only this child was recomputed.
    assert not stale_children()
    (check,) = Expectation.objects.filter(child=child, rule_id=RULE)
    assert (check.state, check.met_on) == ("met_on_time", dt.date(2026, 9, 7))
    assert ChildTimescales.objects.get(child=other).computed_at == untouched


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrates_back")
def test_migrating_again_adds_no_second_event() -> None:
    plan = FamilyTimePlanFactory()
    call_command("migrate", "family", "0002", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("migrate", "family", "0002", verbosity=0)
    call_command("migrate", verbosity=0)
    assert FamilyTimePlan.objects.get(pk=plan.pk).journey_event is not None
    assert JourneyEvent.objects.filter(child=plan.child, kind="family_time_agreed").count() == 1
