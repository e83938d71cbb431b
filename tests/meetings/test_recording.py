"""Recording meetings (homeward/meetings/services.py): the journey events each creates, the next
meeting planned from the timescales engine, the PPM cadence stopping once the child is matched
and placed, and bad input refused with nothing saved. The demo runs under Dudley's profile."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from homeward.audit.models import AuditAction, AuditEntry
from homeward.children.models import Child, JourneyEvent
from homeward.domain.timescales import Event
from homeward.meetings import selectors, services
from homeward.meetings.models import Action, AgendaAnswer, Attendance, Meeting
from homeward.meetings.services import ActionIn, AttendeeIn
from homeward.timescales.selectors import for_child
from tests.clock import TODAY
from tests.factories import ChildFactory, PersonInChildsLifeFactory
from tests.meetings.helpers import answers, record_data


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def expectations(child: Child):
    found = for_child(child, today=TODAY)
    return found


def counts() -> tuple[int, ...]:
    return (
        Meeting.objects.count(),
        Attendance.objects.count(),
        AgendaAnswer.objects.count(),
        Action.objects.count(),
        JourneyEvent.objects.count(),
    )


def test_a_ppm_creates_its_journey_event_and_plans_the_next_six_weeks_on(council) -> None:
    """DS objective 7 and DM: a Child Permanence Meeting at least every six weeks. Recording one
    creates a "permanence planning meeting held" event; the engine then expects the next 6
    weeks on, and Homeward plans it for that date."""
    child, manager, worker = (
        council.child_a,
        council.users["team_manager"],
        council.users["social_worker"],
    )
    held = TODAY - days(10)
    result = services.record_meeting(
        child,
        "ppm",
        record_data(
            manager,
            held_on=held,
            attendees=[AttendeeIn(True, user=manager), AttendeeIn(True, user=worker)],
            actions=[
                ActionIn(
                    "Start the connected carer assessment of the grandmother",
                    worker,
                    TODAY + days(14),
                ),
                ActionIn("Send the genogram to fostering", worker, TODAY - days(1)),
            ],
        ),
        by=manager,
    )
    meeting = result.meeting
    assert meeting.status == "held" and meeting.held_on == held and meeting.chair == manager
    (event,) = result.events
    assert (event.kind, event.date, event.source, event.recorded_by) == (
        "permanence_planning_meeting",
        held,
        "recorded",
        manager,
    )
    assert list(meeting.events.all()) == [event]
    assert {a.item for a in meeting.answers.all()} == set(answers("ppm"))
    assert meeting.attendance.filter(attended=True).count() == 2
    assert meeting.actions.count() == 2
    # The engine counts it: Dudley's first meeting "from the PLO decision or within 6 weeks of
    # care, whichever first" is met by it.
    first = next(e for e in expectations(child) if e.rule_id == "first-cpm")
    assert first.met_by is not None and first.met_by.date == held
    (planned,) = result.planned_next
    assert planned.type == "ppm" and planned.status == "planned"
    # Held 14 November 2026: the next is due 6 weeks on, Saturday 26 December (Boxing Day, whose
    # substitute bank holiday is Monday 28th), so it is proposed for the working day before the
    # deadline, Thursday 24 December 2026 (issue 13 item 10).
    assert held + days(42) == dt.date(2026, 12, 26)
    assert planned.planned_on == dt.date(2026, 12, 24)
    assert planned.scheduled_because.startswith("Child Permanence Meeting at least every 6 weeks")
    audit = AuditEntry.objects.filter(child_id=child.child_id, object_type="meeting")
    assert audit.filter(
        action=AuditAction.CREATE, summary__startswith="Recorded the Child"
    ).exists()
    assert audit.filter(summary__startswith="Planned a Child Permanence Meeting").exists()


def test_recording_a_planned_meeting_holds_that_meeting_and_never_twice(council) -> None:
    """Homeward's rule: recording a planned meeting turns that meeting into the record, once."""
    child, manager = council.child_a, council.users["team_manager"]
    planned = services.schedule_meeting(child, "ppm", TODAY, by=manager)
    result = services.record_meeting(
        child, "ppm", record_data(manager, held_on=TODAY), by=manager, meeting=planned
    )
    assert result.meeting.pk == planned.pk and result.meeting.status == "held"
    with pytest.raises(ValidationError, match="already held"):
        services.record_meeting(
            child, "ppm", record_data(manager, held_on=TODAY), by=manager, meeting=planned
        )


def test_the_ppm_cadence_stops_once_the_child_is_matched_and_placed(council) -> None:
    """DS objective 7: "Permanence will be reviewed every six weeks, until the child is matched
    and placed with their forever home" (the PPM rule stops at "placed"). The PPM planned before
    the placement is no longer due, and a PPM held on the day of placement plans no other."""
    child, manager = council.child_a, council.users["team_manager"]
    first = services.record_meeting(
        child, "ppm", record_data(manager, held_on=TODAY - days(30)), by=manager
    )
    (next_ppm,) = first.planned_next
    due = selectors.due_meetings(child, selectors.child_meetings(child), today=TODAY)
    assert [(d.mtype.key, d.planned) for d in due if d.mtype.key == "ppm"] == [("ppm", next_ppm)]

    placed_on = TODAY - days(3)
    JourneyEvent.objects.create(child=child, kind="matched", date=placed_on - days(7))
    JourneyEvent.objects.create(child=child, kind="placed", date=placed_on)
    due = selectors.due_meetings(child, selectors.child_meetings(child), today=TODAY)
    assert not [d for d in due if d.mtype.key == "ppm"], "no PPM is due once placed"

    last = services.record_meeting(
        child, "ppm", record_data(manager, held_on=placed_on), by=manager
    )
    assert last.planned_next == []
    # The PPM planned before the placement is kept (never deleted by Homeward) and reported as
    # no longer due, with the engine's reason, for the chair to cancel.
    (gone,) = last.no_longer_due
    assert gone.meeting == next_ppm
    assert gone.reason.startswith(
        "Child Permanence Meeting at least every 6 weeks: it stopped applying when placed with "
        f"permanent carers on {placed_on.day} {placed_on:%B %Y}"
    )
    next_ppm.refresh_from_db()
    assert next_ppm.status == "planned"
    assert list(Meeting.objects.filter(child=child, status="planned")) == [next_ppm]


def test_a_planned_meeting_the_timescales_still_expect_is_not_marked(council) -> None:
    """DS objective 7: while the child is not placed, the next PPM is due every 6 weeks; a
    meeting of a type no rule governs (a placement stability meeting) is never marked."""
    child, manager = council.child_a, council.users["team_manager"]
    result = services.record_meeting(
        child, "ppm", record_data(manager, held_on=TODAY - days(30)), by=manager
    )
    stability = services.schedule_meeting(child, "placement_stability", TODAY, by=manager)
    assert result.no_longer_due == []
    planned = [*result.planned_next, stability]
    assert selectors.no_longer_due(planned, expectations(child)) == {}


def test_a_cic_review_plans_the_next_review_from_the_statutory_timetable(council) -> None:
    """Care Planning Regulations 2010 reg 33(2): the second review not more than 3 months after
    the first. The IRO records the first review; the next is planned for the engine's date."""
    child, iro = council.child_a, council.users["iro"]
    held = TODAY - days(60)
    result = services.record_meeting(
        child,
        "cic_review",
        record_data(
            iro,
            "cic_review",
            held_on=held,
            outcomes={"permanence_plan": "no", "special_guardianship": "no"},
        ),
        by=iro,
    )
    assert [e.kind for e in result.events] == ["cic_review"]
    (planned,) = result.planned_next
    review = next(e for e in expectations(child) if e.rule_id == "cic-review" and e.status.is_open)
    # Held 25 September 2026: due by Friday 25 December (Christmas Day), so planned for the
    # working day before, Thursday 24 December 2026 (issue 13 item 10).
    assert review.due == dt.date(2026, 12, 25)
    assert planned.type == "cic_review" and planned.planned_on == dt.date(2026, 12, 24)
    # The second review, counted from the first (3 months), not from becoming looked after.
    assert review.occurrence == 2 and review.since.date == held
    assert result.meeting.outcomes == {"permanence_plan": "no", "special_guardianship": "no"}


def test_a_review_recommending_special_guardianship_starts_the_sgo_referral_clock(council) -> None:
    """DQ 'Outcomes from meeting - Special Guardianship': SGO referral within 5 working days of
    the review that recommends it."""
    child, iro = council.child_a, council.users["iro"]
    result = services.record_meeting(
        child,
        "cic_review",
        record_data(
            iro,
            "cic_review",
            held_on=TODAY - days(1),
            outcomes={"permanence_plan": "yes", "special_guardianship": "yes"},
        ),
        by=iro,
    )
    assert [e.kind for e in result.events] == ["cic_review", "sgo_recommended"]
    referral = next(e for e in expectations(child) if e.rule_id == "sgo-referral")
    assert referral.status.is_open and referral.anchor.date == TODAY - days(1)
    # No meeting meets an SGO referral: nothing but the next review is planned.
    assert [m.type for m in result.planned_next] == ["cic_review"]


def test_the_aepp_is_never_planned_or_recorded_as_a_meeting(council) -> None:
    """DQ 'Achieving early permanence panel': the panel considers the child and triggers the
    first PPM; its referral and outcome are recorded on the panel (homeward/panels, which also
    plans that PPM: tests/panels/test_services.py). Homeward's rule (RECORDED_ELSEWHERE): the
    meetings services refuse to record or plan an AEPP, with nothing saved."""
    child, coordinator = council.child_a, council.users["permanence_coordinator"]
    errors = refused(
        council,
        record_data(coordinator, "aepp", held_on=TODAY - days(2), outcomes={"route": "adoption"}),
        key="aepp",
        by_key="permanence_coordinator",
    )
    assert errors["type"] == [
        "The Achieving Early Permanence Panel is not planned or recorded as a meeting: refer the "
        "child and record what the panel agreed on the child's Early permanence panel page"
    ]
    before = counts()
    with pytest.raises(ValidationError, match="not planned or recorded as a meeting"):
        services.schedule_meeting(child, "aepp", TODAY + days(5), by=coordinator)
    assert counts() == before


def test_the_engines_aepp_due_is_never_planned_as_a_meeting(council) -> None:
    """Becoming looked after starts Dudley's AEPP clock (DQ 'Legal Gateway Panel / Notification
    via weekly admissions report': within 2 weeks), the first Child Permanence Meeting's (DS
    objective 7: within 6 weeks) and the first review's (Care Planning Regulations 2010 reg
    33(2)(a)). The meetings are planned here; the AEPP only by referring the child to a sitting
    (Homeward's rule, RECORDED_ELSEWHERE)."""
    child = council.child_a
    looked_after = JourneyEvent.objects.get(child=child, kind="became_looked_after")
    since = {Event(looked_after.date, looked_after.kind)}
    found = services.meetings_due_from(expectations(child), since)
    rules = {e.rule_id for e in expectations(child) if e.since in since and e.status.is_open}
    assert "aepp" in rules, "the engine expects the panel"
    assert sorted(mtype.key for mtype, _ in found) == ["cic_review", "ppm"]


@pytest.fixture
def devon(settings):
    settings.HOMEWARD_COUNCIL = "devon"


@pytest.mark.usefixtures("devon")
def test_devons_legal_planning_decision_plans_the_initial_ppm_in_ten_working_days(council) -> None:
    """DV 'Permanence Planning Meetings': an initial PPM within 10 working days of the legal
    planning meeting's decision that the threshold for pre-proceedings or proceedings is met."""
    child, manager = council.child_a, council.users["team_manager"]
    held = dt.date(2026, 8, 21)  # a Friday: 10 working days skip the summer bank holiday
    result = services.record_meeting(
        child,
        "legal_planning_meeting",
        record_data(
            manager,
            "legal_planning_meeting",
            held_on=held,
            outcomes={"threshold": "pre_proceedings"},
        ),
        by=manager,
    )
    assert [e.kind for e in result.events] == ["legal_planning_meeting", "plo_started"]
    (ppm,) = result.planned_next
    # 24-28 August, then 1-4 and 7 September: Monday 31 August is a bank holiday.
    assert ppm.type == "ppm" and ppm.planned_on == dt.date(2026, 9, 7)
    assert "Initial Permanence Planning Meeting" in ppm.scheduled_because


@pytest.mark.usefixtures("devon")
def test_a_legal_planning_meeting_that_finds_the_threshold_not_met_starts_no_clock(council) -> None:
    """DV 'Permanence Planning Meetings': the initial PPM runs from the decision that the
    threshold is met; a decision that it is not met starts no clock."""
    child, manager = council.child_a, council.users["team_manager"]
    result = services.record_meeting(
        child,
        "legal_planning_meeting",
        record_data(
            manager, "legal_planning_meeting", held_on=TODAY, outcomes={"threshold": "not_met"}
        ),
        by=manager,
    )
    assert result.events == [] and result.planned_next == []
    assert not child.events.filter(kind="legal_planning_meeting").exists()


def test_schedule_meeting_returns_the_one_already_planned(council) -> None:
    """DQ 'Achieving early permanence panel': the panel triggers the first PPM, which the panels
    app schedules here. Homeward's rule: a child has one next meeting of each type, however many
    times it is asked."""
    child, coordinator = council.child_a, council.users["permanence_coordinator"]
    first = services.schedule_meeting(child, "ppm", TODAY + days(20), by=coordinator)
    again = services.schedule_meeting(child, "ppm", TODAY + days(30), by=coordinator)
    assert again.pk == first.pk and again.planned_on == TODAY + days(20)
    with pytest.raises(ValidationError, match="not a meeting"):
        services.schedule_meeting(child, "tea_party", TODAY, by=coordinator)


def refused(council, data, key: str = "ppm", by_key: str = "team_manager") -> dict[str, list[str]]:
    before = counts()
    with pytest.raises(ValidationError) as caught:
        services.record_meeting(council.child_a, key, data, by=council.users[by_key])
    assert counts() == before, "nothing may be saved"
    return caught.value.message_dict


def test_a_meeting_recorded_as_held_in_the_future_is_refused(council) -> None:
    """Homeward's rule (issue 5, "Bad input"): a meeting recorded as held in the future is
    refused with a clear message, nothing saved."""
    errors = refused(council, record_data(council.users["team_manager"], held_on=TODAY + days(1)))
    assert errors["held_on"] == [
        "The date the meeting was held must be today or in the past: plan a future meeting instead"
    ]


def test_an_action_with_no_owner_or_no_due_date_is_refused(council) -> None:
    """DV 'Permanence Planning Meetings': "who will do what and when"; issue 5 item 3: every action
    has an owner and a due date. Refused field by field, nothing saved."""
    manager = council.users["team_manager"]
    errors = refused(
        council,
        record_data(
            manager,
            held_on=TODAY,
            actions=[
                ActionIn("Book the family time venue", None, TODAY + days(5)),
                ActionIn("Request the school report", manager, None),
                ActionIn("", manager, TODAY),
            ],
        ),
    )
    assert errors["action_0_owner"] == ["Select who will do it"]
    assert errors["action_1_due_on"] == ["Enter the date it is due by"]
    assert errors["action_2_text"] == ["Enter what needs to be done"]


def test_an_action_owner_must_be_able_to_work_on_the_childs_record(council) -> None:
    """Homeward's rule (need-to-know, homeward/accounts/access.py): an action on someone's My
    work names the child, so its owner must be someone who works on the child's record."""
    manager, stranger = council.users["team_manager"], council.users["social_worker_other_team"]
    errors = refused(
        council,
        record_data(manager, held_on=TODAY, actions=[ActionIn("Visit", stranger, TODAY)]),
    )
    assert "cannot work on" in errors["action_0_owner"][0]


def test_an_action_due_before_the_meeting_is_refused(council) -> None:
    """Homeward's rule: an action is agreed at the meeting, so it cannot fall due before it."""
    manager = council.users["team_manager"]
    errors = refused(
        council,
        record_data(
            manager, held_on=TODAY - days(3), actions=[ActionIn("Visit", manager, TODAY - days(4))]
        ),
    )
    assert errors["action_0_due_on"][0].startswith("The due date must be on or after the date of")


def test_an_attendee_who_is_not_a_user_or_a_named_person_is_refused(council) -> None:
    """Homeward's rule (issue 5, "Bad input"): each attendee is a user, a person in the child's
    life, or a professional named in full."""
    manager = council.users["team_manager"]
    errors = refused(
        council,
        record_data(
            manager,
            held_on=TODAY,
            attendees=[
                AttendeeIn(True, user=manager),
                AttendeeIn(True, organisation="Virtual School"),
            ],
        ),
    )
    assert errors["attendees"] == [
        "Each attendee must be a member of staff, a person in the child's life, or a "
        "professional named in full"
    ]
    someone_elses = PersonInChildsLifeFactory(child=ChildFactory())
    errors = refused(
        council,
        record_data(manager, held_on=TODAY, attendees=[AttendeeIn(True, person=someone_elses)]),
    )
    assert "is not in" in errors["attendees"][0]
    errors = refused(council, record_data(manager, held_on=TODAY, attendees=[]))
    assert errors["attendees"] == ["Record who attended the meeting"]


def test_every_agenda_item_needs_an_answer_and_every_question_an_outcome(council) -> None:
    """Issue 5 item 2: "The chair records an answer for each item"."""
    iro = council.users["iro"]
    data = record_data(iro, "cic_review", held_on=TODAY, outcomes={})
    data.answers = {**data.answers, "care_plan": "  "}
    errors = refused(council, data, key="cic_review", by_key="iro")
    assert errors["answer_care_plan"][0].startswith("Enter what the meeting said about: Does the")
    assert errors["outcome_permanence_plan"] == [
        "Select an answer to: Is a written permanence plan in place as part of the care plan?"
    ]


def test_views_decisions_and_the_summary_for_the_child_are_required(council) -> None:
    """DS objective 6: children's voices influence decisions and they understand them."""
    manager = council.users["team_manager"]
    errors = refused(
        council,
        record_data(
            manager,
            held_on=TODAY,
            childs_views="",
            views_gathered="",
            decisions="",
            summary_for_child="",
            summary_for_parents="  ",
        ),
    )
    assert set(errors) >= {
        "childs_views",
        "views_gathered",
        "decisions",
        "summary_for_child",
        "summary_for_parents",
    }


def test_the_summary_for_the_parents_is_kept_beside_the_childs(council) -> None:
    """Issue 18 item 2: a plain summary of each decision written for the parents, as for the
    child (DU 'Looked After Reviews'; DV 'What we will do')."""
    manager = council.users["team_manager"]
    data = record_data(
        manager,
        held_on=TODAY,
        summary_for_parents="  We will assess your mother as a carer for Amy.  ",
    )
    result = services.record_meeting(council.child_a, "ppm", data, by=manager)
    meeting = Meeting.objects.get(pk=result.meeting.pk)
    assert meeting.summary_for_parents == "We will assess your mother as a carer for Amy."
    assert meeting.summary_for_child


def test_a_review_before_the_child_was_born_is_refused(council) -> None:
    """Care Planning Regulations 2010 reg 33: reviews run from the child becoming looked after, so
    a review cannot predate the child's birth; only the meetings DU 'Pre-birth planning' holds in
    pregnancy may (Homeward's rule marks which)."""
    iro = council.users["iro"]
    born = council.child_a.date_of_birth
    errors = refused(
        council,
        record_data(iro, "cic_review", held_on=born - days(1)),
        key="cic_review",
        by_key="iro",
    )
    assert errors["held_on"][0].startswith("A Child in Care review cannot be held before")


def test_a_failure_after_writing_begins_leaves_nothing_half_saved(council, monkeypatch) -> None:
    """Homeward's rule (one transaction): if planning the next meeting fails, the record, its
    attendance, answers, actions and journey event are not kept either."""
    manager = council.users["team_manager"]

    def fail(*args, **kwargs):
        raise RuntimeError("the engine is unavailable")

    monkeypatch.setattr(services, "_plan_next", fail)
    before = counts()
    with pytest.raises(RuntimeError):
        services.record_meeting(
            council.child_a,
            "ppm",
            record_data(manager, held_on=TODAY, actions=[ActionIn("Visit", manager, TODAY)]),
            by=manager,
        )
    assert counts() == before


def test_cancelling_only_a_planned_meeting(council) -> None:
    """Homeward's rule: only a planned meeting is cancelled, and always with a reason."""
    child, manager = council.child_a, council.users["team_manager"]
    planned = services.schedule_meeting(child, "ppm", TODAY + days(3), by=manager)
    with pytest.raises(ValidationError):
        services.cancel_meeting(planned, because=" ", by=manager)
    cancelled = services.cancel_meeting(planned, because="Moved to next week", by=manager)
    assert cancelled.status == "cancelled"
    with pytest.raises(ValidationError, match="Only a planned meeting"):
        services.cancel_meeting(cancelled, because="again", by=manager)


def test_an_action_is_done_on_a_real_date_and_can_be_reopened(council) -> None:
    """Issue 5 item 3: actions become overdue like any other deadline (the engine's
    task_status, Homeward's rule): done late counts its days late."""
    manager, worker = council.users["team_manager"], council.users["social_worker"]
    result = services.record_meeting(
        council.child_a,
        "ppm",
        record_data(
            manager, held_on=TODAY - days(10), actions=[ActionIn("Visit", worker, TODAY - days(8))]
        ),
        by=manager,
    )
    action = result.meeting.actions.get()
    with pytest.raises(ValidationError, match="today or in the past"):
        services.update_action(action, status="done", done_on=TODAY + days(1), by=worker)
    with pytest.raises(ValidationError, match="on or after the meeting"):
        services.update_action(action, status="done", done_on=TODAY - days(11), by=worker)
    done = services.update_action(action, status="done", done_on=TODAY - days(5), by=worker)
    item = selectors.action_item(done, TODAY)
    assert (item.status, item.days_late) == ("met_late", 3)
    reopened = services.update_action(done, status="open", done_on=TODAY, by=worker)
    assert reopened.done_on is None and selectors.action_item(reopened, TODAY).status == "overdue"


def test_a_person_at_a_meeting_stays_on_its_record_until_the_child_goes(council) -> None:
    """Homeward's rule: attendance keeps the person in the child's life it names (RESTRICT):
    they cannot be removed from the child's file alone, but the child's whole record can still
    be deleted."""
    from django.db.models import RestrictedError

    child, worker = council.child_a, council.users["social_worker"]
    mother = child.people.first()
    services.record_meeting(
        child,
        "family_network_meeting",
        record_data(
            worker,
            "family_network_meeting",
            held_on=TODAY,
            attendees=[AttendeeIn(True, person=mother)],
        ),
        by=worker,
    )
    with pytest.raises(RestrictedError):
        mother.delete()
    child.delete()
    assert not Meeting.objects.exists() and not Attendance.objects.exists()


def test_a_meeting_homeward_planned_from_the_timescales_can_be_recorded(council) -> None:
    """Regression (a newcomer's try of the demo): meetings planned from the engine, with nobody
    as their planner, failed to record with "This field cannot be blank"."""
    child, manager = council.child_a, council.users["team_manager"]
    planned = Meeting.objects.create(child=child, type="ppm", status="planned", planned_on=TODAY)
    assert planned.created_by is None
    result = services.record_meeting(
        child, "ppm", record_data(manager, held_on=TODAY), by=manager, meeting=planned
    )
    assert result.meeting.pk == planned.pk and result.meeting.status == "held"


@pytest.mark.parametrize(
    "attendee,message",
    [
        (
            AttendeeIn(True, name="Virtual School"),
            "“Virtual School” is an agency or role, not a person",
        ),
        (
            AttendeeIn(True, name="dudley lighthouse links", organisation="Health"),
            "is an agency or role, not a person",
        ),
        (AttendeeIn(True, name="Jo Testwell"), "Say what Jo Testwell attended as"),
        (
            AttendeeIn(True, name="Jo Testwell", attendee_key="iro"),
            "Select one of the agencies or roles listed for this meeting",
        ),
    ],
)
def test_a_named_professional_is_a_person_attending_as_a_listed_agency(
    council, attendee, message
) -> None:
    """Issue 13: the agency is a choice from those the procedure names for the meeting (the
    Child Permanence Meeting: "representatives from the Virtual School, Dudley Lighthouse Links,
    and the Independent Reviewing Officer", Dudley Child Permanence Meetings overview, on the
    chair and attendees), and the name is a person's: "Virtual School" cannot pass as a name."""
    manager = council.users["team_manager"]
    errors = refused(
        council,
        record_data(manager, held_on=TODAY, attendees=[AttendeeIn(True, user=manager), attendee]),
    )
    assert message in errors["attendees"][0]


@pytest.fixture
def durham(settings):
    settings.HOMEWARD_COUNCIL = "durham"


@pytest.mark.usefixtures("durham")
def test_durhams_network_agrees_how_often_it_meets_and_the_next_is_planned(council) -> None:
    """DU 'Family Group Conference/ Network meetings': "There will be agreement around the
    frequency of family network meeting or referral for an FGC" (issue 18 item 9). Held on
    Monday 16 November 2026, every 6 weeks: due Monday 28 December, the Boxing Day substitute
    bank holiday, so planned for Thursday 24 December (Christmas Day is the Friday)."""
    child, worker = council.child_a, council.users["social_worker"]
    result = services.record_meeting(
        child,
        "family_network_meeting",
        record_data(
            worker,
            "family_network_meeting",
            held_on=dt.date(2026, 11, 16),
            outcomes={"frequency": "six_weeks"},
        ),
        by=worker,
    )
    agreed = [m for m in result.planned_next if m.type == "family_network_meeting"]
    assert [m.planned_on for m in agreed] == [dt.date(2026, 12, 24)]
    assert "Agreed at the family network meeting held on 16 November 2026: every 6 weeks" in (
        agreed[0].scheduled_because
    )
    # The reason is shown to people: the document's title, not the seed's file name.
    assert "(Durham Early Permanence Planning Strategy, 'Family Group Conference/" in (
        agreed[0].scheduled_because
    )
    # Recording that meeting (every 2 weeks now) plans the one after from its own date.
    again = services.record_meeting(
        child,
        "family_network_meeting",
        record_data(
            worker,
            "family_network_meeting",
            held_on=dt.date(2026, 11, 23),
            outcomes={"frequency": "two_weeks"},
        ),
        by=worker,
        meeting=agreed[0],
    )
    assert [m.planned_on for m in again.planned_next if m.type == "family_network_meeting"] == [
        dt.date(2026, 12, 7)
    ]


@pytest.mark.usefixtures("durham")
def test_a_network_referred_for_an_fgc_plans_no_further_network_meeting(council) -> None:
    child, worker = council.child_a, council.users["social_worker"]
    result = services.record_meeting(
        child,
        "family_network_meeting",
        record_data(worker, "family_network_meeting", held_on=TODAY, outcomes={"frequency": "fgc"}),
        by=worker,
    )
    assert not [m for m in result.planned_next if m.type == "family_network_meeting"]
    assert refused(
        council,
        record_data(worker, "family_network_meeting", held_on=TODAY, outcomes={}),
        "family_network_meeting",
        "social_worker",
    )["outcome_frequency"] == ["Select an answer to: How often did the network agree to meet?"]


@pytest.mark.usefixtures("durham")
def test_the_agreed_network_meeting_is_tracked_on_the_meetings_tab(client, council) -> None:
    """Planned on the agreed interval, it shows on the Meetings tab with why; once its date
    passes without a record it says so."""
    child, worker = council.child_a, council.users["social_worker"]
    services.record_meeting(
        child,
        "family_network_meeting",
        record_data(
            worker,
            "family_network_meeting",
            held_on=dt.date(2026, 10, 26),
            outcomes={"frequency": "two_weeks"},
        ),
        by=worker,
    )
    client.force_login(worker)
    html = client.get(f"/children/{child.child_id}/meetings/").content.decode()
    assert "9 November 2026" in html  # 26 October + 2 weeks: a Monday
    assert "every 2 weeks" in html and "Not recorded yet" in html
