"""Referring children to the Achieving Early Permanence Panel and recording what it agreed.

Sources: Dudley quick reference guide (001_d6c3849112f62e7d.txt): 'Achieving early permanence
panel' (referrals by 5pm on the Wednesday before Monday's panel, SPEC T3; the first permanency
planning meeting within 6 weeks of the panel, SPEC T2); 'Legal Gateway Panel / Notification via
weekly admissions report' (the two routes; the panel within 2 weeks of becoming looked after,
SPEC T1); 'Outcomes from meeting' (fostering and adoption allocate a family finder, special
guardianship an SGO social worker).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import JourneyEvent
from homeward.domain import panels as domain
from homeward.panels import services
from homeward.panels.models import Outcome, Panel, Referral
from homeward.timescales.selectors import for_child
from tests.factories import ChildFactory
from tests.panels.conftest import (
    DUDLEY,
    after_cutoff,
    at,
    before_cutoff,
    last_sitting,
    today,
)

D = dt.date
PANEL = D(2026, 12, 7)  # a Monday; cut-off 5pm on Wednesday 2 December 2026


def refer(council, child=None, **overrides):
    arguments = {
        "panel_date": PANEL,
        "route": "legal_gateway",
        "is_late": False,
        "late_reason": "",
        "by": council.users["permanence_coordinator"],
        "now": at(D(2026, 12, 2), 14),
    }
    arguments.update(overrides)
    return services.refer(child or council.child_a, **arguments)


def refused(council, field: str, **overrides) -> str:
    """Refer, expect a refusal on ``field``, and check nothing at all was saved."""
    counts = (AuditEntry.objects.count(), Referral.objects.count(), Panel.objects.count())
    with pytest.raises(ValidationError) as caught:
        refer(council, **overrides)
    assert field in caught.value.message_dict, caught.value.message_dict
    assert (AuditEntry.objects.count(), Referral.objects.count(), Panel.objects.count()) == counts
    return caught.value.message_dict[field][0]


# -- referring ------------------------------------------------------------------------------------


def test_a_referral_before_the_cutoff_is_in_time_and_audited(council) -> None:
    referral = refer(council)
    assert referral.panel.date == PANEL and referral.panel.status == Panel.Status.SCHEDULED
    assert not referral.is_late and referral.route == "legal_gateway"
    assert referral.referred_at == at(D(2026, 12, 2), 14)
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, child_id=council.child_a.child_id)
    assert "Achieving Early Permanence Panel on Monday 7 December 2026" in entry.summary
    assert entry.username == "permanence-coordinator"


def test_a_referral_at_5pm_on_the_wednesday_is_still_in_time(council) -> None:
    """DQ: "no later than 5pm on Wednesday"."""
    assert not refer(council, now=at(D(2026, 12, 2), 17)).is_late


def test_a_referral_after_the_cutoff_without_the_late_flag_is_refused_and_nothing_saved(
    council,
) -> None:
    """Issue 5: "a panel referral after the cut-off without the late flag: refused with a clear
    message, nothing saved"."""
    message = refused(council, "is_late", now=at(D(2026, 12, 2), 17, 1))
    assert message == (
        "The cut-off for the panel on Monday 7 December 2026 was 5pm on Wednesday 2 December "
        "2026: tick 'This is a late referral' and say why, or choose a later panel"
    )


def test_a_late_referral_needs_its_reason(council) -> None:
    message = refused(council, "late_reason", now=at(D(2026, 12, 3), 9), is_late=True)
    assert message == "Enter why the referral is late"


def test_a_late_referral_with_its_reason_is_saved_flagged(council) -> None:
    referral = refer(
        council,
        now=at(D(2026, 12, 4), 11),
        is_late=True,
        late_reason="  Placed in an emergency on Thursday night  ",
    )
    assert referral.is_late and referral.late_reason == "Placed in an emergency on Thursday night"
    summary = AuditEntry.objects.get(action=AuditAction.CREATE).summary
    assert summary.endswith("(late)")


def test_a_referral_in_time_cannot_be_flagged_late(council) -> None:
    message = refused(council, "is_late", is_late=True, late_reason="Just in case")
    assert "in time for the panel on Monday 7 December 2026" in message
    assert "(cut-off 5pm on Wednesday 2 December 2026)" in message
    message = refused(council, "late_reason", late_reason="Just in case")
    assert "only for a late referral" in message


def test_a_day_the_panel_does_not_sit_is_refused(council) -> None:
    message = refused(council, "panel", panel_date=D(2026, 12, 8))
    assert message == (
        "The panel does not sit on Tuesday 8 December 2026: choose one of the panel dates listed"
    )
    assert refused(council, "panel", panel_date=None) == "Select the panel to refer the child to"


def test_on_a_bank_holiday_monday_the_referral_goes_to_the_moved_panel(council) -> None:
    """Boxing Day 2026 is observed on Monday 28 December; this installation moves the panel to
    the next working day (the seeds are silent: the installation's choice)."""
    now = at(D(2026, 12, 21), 10)
    assert "does not sit on Monday 28 December 2026" in refused(
        council, "panel", panel_date=D(2026, 12, 28), now=now
    )
    referral = refer(council, panel_date=D(2026, 12, 29), now=now)
    assert not referral.is_late  # the cut-off stays 5pm on Wednesday 23 December
    late = refused(
        council,
        "is_late",
        child=council.child_b,
        panel_date=D(2026, 12, 29),
        now=at(D(2026, 12, 24), 9),
    )
    assert "5pm on Wednesday 23 December 2026" in late


def test_on_a_bank_holiday_monday_the_installation_may_skip_the_week(council, settings) -> None:
    settings.HOMEWARD_AEPP_BANK_HOLIDAY = "skip_week"
    now = at(D(2026, 12, 21), 10)
    assert "does not sit on Tuesday 29 December 2026" in refused(
        council, "panel", panel_date=D(2026, 12, 29), now=now
    )
    assert refer(council, panel_date=D(2027, 1, 4), now=now).panel.date == D(2027, 1, 4)


def test_a_panel_that_has_sat_takes_no_more_referrals(council) -> None:
    message = refused(council, "panel", now=at(D(2026, 12, 8), 9), is_late=True, late_reason="x")
    assert message == "The panel on Monday 7 December 2026 has already sat: choose a later panel"


def test_a_child_is_on_one_panels_list_at_a_time(council) -> None:
    refer(council)
    for panel_date in (PANEL, D(2026, 12, 14)):
        with pytest.raises(ValidationError) as caught:
            refer(council, panel_date=panel_date)
        assert caught.value.message_dict["panel"] == [
            f"{council.child_a.full_name} is already on the list for the panel on "
            "Monday 7 December 2026"
        ]
    assert Referral.objects.count() == 1


def test_the_weekly_admissions_route_is_for_children_who_became_looked_after(council) -> None:
    """DQ 'Notification via weekly admissions report': the report lists children newly looked
    after; a child not yet looked after reaches the panel from the Legal Gateway Panel."""
    not_in_care = ChildFactory()
    message = refused(council, "route", child=not_in_care, route="weekly_admissions")
    assert "has not become looked after" in message and "Legal Gateway Panel" in message
    assert refer(council, child=not_in_care).route == "legal_gateway"
    assert refer(council, route="weekly_admissions").route == "weekly_admissions"
    assert refused_route(council) == "Select how the child was referred"


def refused_route(council) -> str:
    with pytest.raises(ValidationError) as caught:
        refer(council, child=council.child_b, route="")
    return caught.value.message_dict["route"][0]


def test_a_council_without_an_aepp_refuses_referrals(council, settings) -> None:
    settings.HOMEWARD_COUNCIL = "devon"
    with pytest.raises(ValidationError, match="does not hold an Achieving Early Permanence"):
        refer(council)
    assert Referral.objects.count() == 0


# -- outcomes -------------------------------------------------------------------------------------


@pytest.fixture
def sat(council):
    """child_a (looked after 90 days ago) on the list of the most recent panel, which has sat."""
    sitting = last_sitting()
    return refer(council, panel_date=sitting.date, now=before_cutoff(sitting))


def record(council, referral, **overrides):
    arguments = {
        "pathway": "fostering",
        "worker": council.users["family_finder"],
        "first_ppm_date": referral.panel.date + dt.timedelta(weeks=5),
        "notes": "Parallel plan with the maternal grandmother.",
        "by": council.users["permanence_coordinator"],
    }
    arguments.update(overrides)
    return services.record_outcome(referral, **arguments)


def test_recording_the_outcome_records_that_the_panel_considered_the_child(council, sat) -> None:
    """SPEC T1/T2: the outcome is the panel held (aepp_held on the panel's date, recorded), so
    the engine marks the panel met and starts the 6 weeks to the first PPM."""
    outcome = record(council, sat)
    event = outcome.journey_event
    assert event.kind == "aepp_held" and event.date == sat.panel.date
    assert event.source == JourneyEvent.Source.RECORDED
    assert event.recorded_by == council.users["permanence_coordinator"]
    sat.panel.refresh_from_db()
    assert sat.panel.status == Panel.Status.HELD
    expectations = for_child(council.child_a, today=today())
    by_rule = {e.rule_id: e for e in expectations}
    assert by_rule["aepp"].met_by is not None and by_rule["aepp"].met_by.date == sat.panel.date
    assert by_rule["first-ppm"].due == sat.panel.date + dt.timedelta(weeks=6)
    actions = set(
        AuditEntry.objects.filter(child_id=council.child_a.child_id).values_list(
            "object_type", "action"
        )
    )
    assert ("early permanence panel outcome", "create") in actions
    assert ("journey event", "create") in actions


def test_the_first_ppm_must_be_within_the_engines_6_weeks_of_the_panel(council, sat) -> None:
    """DQ 'Achieving early permanence panel': "held within 6 weeks of the early permanence
    panel"; the last day comes from the engine's rule first-ppm. Refused: nothing saved."""
    due = sat.panel.date + dt.timedelta(weeks=6)
    events = JourneyEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        record(council, sat, first_ppm_date=due + dt.timedelta(days=1))
    message = caught.value.message_dict["first_ppm_date"][0]
    assert message.startswith(
        "The first permanence planning meeting must be within 6 weeks of the panel: by "
    )
    assert f"{due.day} {due:%B %Y}" in message and "quick reference guide" in message
    with pytest.raises(ValidationError) as caught:
        record(council, sat, first_ppm_date=sat.panel.date - dt.timedelta(days=1))
    assert "on or after the panel" in caught.value.message_dict["first_ppm_date"][0]
    assert Outcome.objects.count() == 0 and JourneyEvent.objects.count() == events
    sat.panel.refresh_from_db()
    assert sat.panel.status == Panel.Status.SCHEDULED
    assert record(council, sat, first_ppm_date=due).first_ppm_date == due


@pytest.mark.parametrize(
    "pathway,worker,ok",
    [
        ("fostering", "family_finder", True),
        ("adoption", "family_finder", True),
        ("special_guardianship", "social_worker", True),
        ("special_guardianship", "family_finder", False),
        ("adoption", "social_worker", False),
    ],
)
def test_who_is_allocated_follows_the_pathway(council, sat, pathway, worker, ok) -> None:
    """DQ 'Outcomes from meeting': a fostering or adoption family finder; an SGO social
    worker."""
    if ok:
        assert record(council, sat, pathway=pathway, worker=council.users[worker]).pk
        return
    with pytest.raises(ValidationError) as caught:
        record(council, sat, pathway=pathway, worker=council.users[worker])
    title = domain.PATHWAYS[pathway].worker_title
    assert f"choose the {title} the panel allocated" in caught.value.message_dict["worker"][0]
    assert Outcome.objects.count() == 0


@pytest.mark.parametrize("pathway", ["fostering", "adoption"])
def test_a_family_finder_the_panel_allocates_is_allocated_to_the_child(
    client, council, sat, pathway
) -> None:
    """DQ 'Outcomes from meeting': fostering and adoption allocate a family finder, who then
    sees the child (issue 15 item 7); the social worker, team and IRO stay as they were."""
    finder = council.users["family_finder"]
    client.force_login(finder)
    assert client.get(council.child_a.get_absolute_url()).status_code == 404
    before = council.child_a.allocations.get(ended_on__isnull=True)
    record(council, sat, pathway=pathway, worker=finder)
    current = council.child_a.allocations.get(ended_on__isnull=True)
    assert current.family_finder == finder
    assert (current.social_worker, current.team, current.iro) == (
        before.social_worker,
        before.team,
        before.iro,
    )
    assert (
        "Achieving Early Permanence Panel"
        in AuditEntry.objects.filter(object_type="allocation").latest("pk").reason
    )
    assert client.get(council.child_a.get_absolute_url()).status_code == 200


def test_an_sgo_social_worker_the_panel_allocates_may_open_the_child_but_does_not_hold_the_case(
    client, council, sat
) -> None:
    """DQ 'Outcomes from meeting': "SGO social worker allocated" (issue 18 item 1: the panel's
    allocation gives them the need to know). They cannot open the child before the outcome and
    can after; the child's social worker, team, IRO and family finder stay as they were."""
    sgo_worker = council.users["social_worker_other_team"]
    client.force_login(sgo_worker)
    assert client.get(council.child_a.get_absolute_url()).status_code == 404
    before = council.child_a.allocations.get(ended_on__isnull=True)
    record(council, sat, pathway="special_guardianship", worker=sgo_worker)
    current = council.child_a.allocations.get(ended_on__isnull=True)
    assert current.sgo_social_worker == sgo_worker
    assert (current.social_worker, current.team, current.iro, current.family_finder) == (
        before.social_worker,
        before.team,
        before.iro,
        before.family_finder,
    )
    entry = AuditEntry.objects.filter(object_type="allocation").latest("pk")
    assert "Achieving Early Permanence Panel" in entry.reason
    assert "SGO social worker" in entry.summary
    assert client.get(council.child_a.get_absolute_url()).status_code == 200
    assert client.get(f"/children/{council.child_a.child_id}/plan/").status_code == 200
    # Recording the same outcome again allocates nobody new.
    record(council, sat, pathway="special_guardianship", worker=sgo_worker)
    assert council.child_a.allocations.get(ended_on__isnull=True) == current


def test_an_outcome_needs_a_pathway_a_worker_and_a_date(council, sat) -> None:
    with pytest.raises(ValidationError) as caught:
        record(council, sat, pathway="", worker=None, first_ppm_date=None)
    assert caught.value.message_dict == {
        "pathway": ["Select the pathway the panel agreed"],
        "worker": ["Select the family finder or SGO social worker allocated"],
        "first_ppm_date": ["Enter the date of the first permanence planning meeting"],
    }


def test_an_outcome_waits_for_the_panel_to_sit(council) -> None:
    upcoming = DUDLEY.next_sitting(today() + dt.timedelta(days=1))
    referral = refer(council, panel_date=upcoming.date, now=before_cutoff(upcoming))
    with pytest.raises(ValidationError, match="has not sat yet"):
        record(council, referral, first_ppm_date=upcoming.date + dt.timedelta(days=7))
    assert Outcome.objects.count() == 0


def test_changing_an_outcome_keeps_one_panel_event_and_audits_it(council, sat) -> None:
    first = record(council, sat)
    changed = record(
        council, sat, pathway="special_guardianship", worker=council.users["colleague"]
    )
    assert changed.pk == first.pk and changed.journey_event_id == first.journey_event_id
    assert JourneyEvent.objects.filter(child=council.child_a, kind="aepp_held").count() == 1
    entry = AuditEntry.objects.filter(
        action=AuditAction.CHANGE, object_type="early permanence panel outcome"
    ).get()
    assert entry.before["pathway"] == "fostering"
    assert entry.after["pathway"] == "special_guardianship"


def test_a_panel_event_already_on_the_record_is_used_not_repeated(council, sat) -> None:
    existing = JourneyEvent.objects.create(
        child=council.child_a, kind="aepp_held", date=sat.panel.date
    )
    assert record(council, sat).journey_event == existing
    assert JourneyEvent.objects.filter(kind="aepp_held").count() == 1


@pytest.mark.skipif(
    not apps.is_installed("homeward.meetings"), reason="the meetings app plans meetings"
)
def test_the_first_ppm_is_planned_in_meetings(council, sat) -> None:
    from homeward.meetings.models import Meeting

    outcome = record(council, sat)
    planned = Meeting.objects.filter(child=council.child_a, type="ppm", status="planned").get()
    assert planned.planned_on == outcome.first_ppm_date
    assert "Achieving Early Permanence Panel" in planned.scheduled_because


def test_late_referrals_after_the_cutoff_move_to_the_following_panel_when_asked(council) -> None:
    """The referral form offers the first panel a referral is in time for: after Wednesday's
    cut-off that is the Monday after next, and a referral to it is not late."""
    sitting = DUDLEY.sitting_on(PANEL)
    assert sitting is not None
    now = after_cutoff(sitting)
    following = DUDLEY.first_in_time_for(now)
    assert following.date == D(2026, 12, 14)
    assert not refer(council, panel_date=following.date, now=now).is_late
