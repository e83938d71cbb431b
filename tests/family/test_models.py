"""Model rules and services for siblings, family time and the child's voice: what is refused,
with the message people see, and that nothing is half-saved.

Seeds (shared/seeds/): DS 000 Dudley Permanence Strategy; DU 002 Durham Early Permanence
Planning Strategy; DM 003 Dudley Child Permanence Meetings overview.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from homeward.audit.models import AuditAction, AuditEntry
from homeward.family import services
from homeward.family.models import (
    AdvocacyOffer,
    Complaint,
    FamilyTimePlan,
    FamilyTimeReview,
    LifeStoryWork,
    MemoryItem,
    SiblingIroConflict,
    SiblingPairDecision,
    VoiceEntry,
)
from tests.factories import ChildFactory, PersonInChildsLifeFactory, UserFactory
from tests.family.factories import FamilyTimePlanFactory, sibling_group, today

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


@pytest.fixture
def pair():
    ava, leo = ChildFactory(first_name="Ava"), ChildFactory(first_name="Leo")
    sibling_group(ava, leo)
    return ava, leo


def decision(**fields) -> SiblingPairDecision:
    values = {
        "placed": "together",
        "decision": "together",
        "reasons": "They are close and one carer can meet both their needs.",
        "decided_by": "Child Permanence Meeting",
        "decided_on": today() - 3 * DAY,
    }
    values.update(fields)
    return SiblingPairDecision(**values)


# --- Sibling decisions (DU 'Sibling Assessment'; DS objective 9) -------------------------------


def test_a_decision_to_place_apart_needs_the_together_and_apart_assessment(pair) -> None:
    """DU 'Sibling Assessment': "A sibling assessment (Together and Apart) must be undertaken to
    inform appropriate decision making"."""
    ava, leo = pair
    with pytest.raises(ValidationError) as caught:
        services.record_sibling_decision(
            decision(decision="apart", placed="apart"), child=ava, sibling=leo, actor=None
        )
    assert caught.value.message_dict["assessment_on"] == [
        "Enter the date of the together and apart assessment: a decision to place brothers and "
        "sisters apart must be informed by one"
    ]
    assert not SiblingPairDecision.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()


def test_a_decision_needs_reasons_who_and_when(pair) -> None:
    """DU 'Sibling Assessment': decisions "which can be explained to children and young
    people" — so the reasons are written down."""
    ava, leo = pair
    d = decision(reasons=" ", decided_by="", decided_on=None)
    d.group, d.child_a, d.child_b = ava.sibling_group, *sorted((ava, leo), key=lambda c: c.pk)
    assert errors_of(d) == {
        "reasons": ["Enter the reasons for the decision, as you would explain them"],
        "decided_by": ["Enter who made the decision"],
        "decided_on": ["Enter the date of the decision"],
    }


def test_not_decided_yet_has_no_decision_date(pair) -> None:
    """Homeward's rule: a decision (DU 'Sibling Assessment') is dated only once it is made."""
    ava, leo = pair
    d = decision(decision="not_decided", reasons="", decided_by="")
    d.group, d.child_a, d.child_b = ava.sibling_group, *sorted((ava, leo), key=lambda c: c.pk)
    assert errors_of(d) == {
        "decided_on": ["Leave the date of the decision blank until a decision is made"]
    }


def test_decision_dates_are_not_in_the_future_nor_before_the_assessment(pair) -> None:
    """DU 'Sibling Assessment': the assessment "must be undertaken to inform" the decision, so it
    comes first; Homeward's rule: neither date is in the future."""
    ava, leo = pair
    d = decision(
        assessment_on=today() - 2 * DAY,
        assessed_by="Sibling assessor",
        decided_on=today() - 5 * DAY,
    )
    d.group, d.child_a, d.child_b = ava.sibling_group, *sorted((ava, leo), key=lambda c: c.pk)
    assert errors_of(d)["decided_on"][0].startswith(
        "The date of the decision must be on or after the assessment"
    )
    d.assessment_on, d.decided_on = today() + DAY, today() + DAY
    assert errors_of(d)["assessment_on"] == ["The assessment date must be today or in the past"]


def test_decisions_are_versioned_history_and_audited_on_both_files(pair) -> None:
    """Homeward's rule: append-only, a new decision is a new version; the earlier one stays."""
    ava, leo = pair
    worker = UserFactory()
    first = services.record_sibling_decision(
        decision(), child=ava, sibling=leo, actor=None, user=worker
    )
    second = services.record_sibling_decision(
        decision(
            decision="apart",
            placed="apart",
            assessment_on=today() - 2 * DAY,
            assessed_by="Sibling assessor",
            decided_on=today() - DAY,
            reasons="Leo needs a carer on his own for now; they will see each other weekly.",
        ),
        child=leo,
        sibling=ava,
        actor=None,
        user=worker,
    )
    assert (first.version, second.version) == (1, 2)
    assert (second.child_a_id, second.child_b_id) == tuple(sorted((ava.pk, leo.pk)))
    first.refresh_from_db()
    assert first.decision == "together"  # unchanged
    entries = AuditEntry.objects.filter(object_type="sibling pair decision", object_id=second.pk)
    assert sorted(entries.values_list("child_id", flat=True)) == sorted(
        [ava.child_id, leo.child_id]
    )
    assert entries.first().before["decision"] == "together"


def test_a_recorded_decision_cannot_be_edited(pair) -> None:
    """Homeward's rule: a recorded sibling decision is history; a new decision is a new version."""
    ava, leo = pair
    recorded = services.record_sibling_decision(decision(), child=ava, sibling=leo, actor=None)
    recorded.reasons = "Changed afterwards"
    with pytest.raises(TypeError, match="append-only"):
        recorded.save()
    with pytest.raises(TypeError, match="append-only"):
        SiblingPairDecision.objects.filter(pk=recorded.pk).update(reasons="x")


def test_one_version_per_pair_in_the_database(pair) -> None:
    """Homeward's rule, kept by the database: one decision per pair of siblings per version."""
    ava, leo = pair
    low, high = sorted((ava.pk, leo.pk))
    values = {"group": ava.sibling_group, "placed": "together", "decision": "not_decided"}
    SiblingPairDecision.objects.create(child_a_id=low, child_b_id=high, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        SiblingPairDecision.objects.create(child_a_id=low, child_b_id=high, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        SiblingPairDecision.objects.create(child_a_id=high, child_b_id=low, version=2, **values)


def test_both_children_must_be_in_the_group(pair) -> None:
    """Homeward's safety rule: a together or apart decision is about two children in one group."""
    ava, _ = pair
    stranger = ChildFactory()
    with pytest.raises(ValidationError) as caught:
        services.record_sibling_decision(decision(), child=ava, sibling=stranger, actor=None)
    assert caught.value.messages == ["Both children must be in the same sibling group"]
    assert not SiblingPairDecision.objects.exists()


def test_one_standing_iro_conflict_per_child(pair) -> None:
    """DS 'Independent Reviewing Service': "Unless there is a conflict of interest"."""
    ava, _ = pair
    SiblingIroConflict.objects.create(child=ava, reason="Related to the IRO", recorded_on=today())
    with pytest.raises(IntegrityError), transaction.atomic():
        SiblingIroConflict.objects.create(child=ava, reason="Again", recorded_on=today())
    blank = SiblingIroConflict(
        child=ava, reason=" ", recorded_on=today(), withdrawn_on=today() - DAY
    )
    assert errors_of(blank) == {
        "reason": ["Enter the conflict of interest"],
        "withdrawn_on": [
            f"No longer applies from must be on or after {today().day} {today():%B %Y}"
        ],
    }


# --- Family time plans (DU 'Family Time') ------------------------------------------------------


def plan(child, **fields) -> FamilyTimePlan:
    values = {
        "child": child,
        "with_person": PersonInChildsLifeFactory(child=child),
        "kind": "direct",
        "times": 2,
        "per": "month",
        "supervision": "supervised",
        "supervised_by": "Family time worker",
        "venue": "Brookside family centre",
        "agreed_on": today() - 12 * DAY,
        "start_date": today() - 10 * DAY,
        "review_date": today() + 80 * DAY,
    }
    values.update(fields)
    return FamilyTimePlan(**values)


def test_a_family_time_plan_with_no_frequency_is_refused() -> None:
    """DU 'Family Time': the agreement says "how frequently"; issue 6 bad input."""
    child = ChildFactory()
    assert errors_of(plan(child, times=None, per="", pattern="")) == {
        "times": [
            "Enter how often family time happens: a number of times and a period (for example, "
            "2 times a month), or describe the pattern"
        ]
    }


def test_the_database_refuses_a_plan_with_no_frequency_too() -> None:
    """DU 'Family Time': "how frequently"; the database's constraint backs the form's rule."""
    child = ChildFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        plan(child, times=None, per="", pattern="").save()
    assert not FamilyTimePlan.objects.exists()


def test_a_described_pattern_is_a_frequency() -> None:
    """DU 'Family Time': "how frequently" may be a pattern in words rather than a number."""
    child = ChildFactory()
    pattern = plan(child, times=None, per="", pattern="Every school holiday")
    pattern.full_clean()
    assert pattern.frequency == "Every school holiday"


def test_direct_family_time_needs_a_venue_and_supervision_needs_a_supervisor() -> None:
    """DU 'Family Time': the agreement says "where"; supervised or not."""
    child = ChildFactory()
    assert errors_of(plan(child, venue="", supervised_by="")) == {
        "supervised_by": ["Enter who supervises the family time"],
        "venue": ["Enter where direct family time takes place"],
    }
    indirect = plan(child, kind="indirect", venue="", supervision="unsupervised", supervised_by="")
    indirect.full_clean()


def test_the_review_date_is_after_the_start() -> None:
    """DU 'Family Time': "reviewed regularly"; a review before the start is not a review."""
    child = ChildFactory()
    start = today() - 10 * DAY
    assert errors_of(plan(child, review_date=start))["review_date"] == [
        f"The review date must be after the start date ({start.day} {start:%B %Y})"
    ]


def test_family_time_is_with_one_person_in_the_childs_life_or_a_sibling_in_the_group() -> None:
    """DU 'Family Time': the agreement says "who with": one of this child's people or a sibling."""
    child, other = ChildFactory(), ChildFactory()
    assert errors_of(plan(child, with_person=None))["with_person"] == [
        "Select who the family time is with"
    ]
    someone_elses = PersonInChildsLifeFactory(child=other)
    assert errors_of(plan(child, with_person=someone_elses))["with_person"] == [
        "Select someone from this child's people"
    ]
    assert errors_of(plan(child, with_person=None, with_sibling=other))["with_person"] == [
        "Select a brother or sister in this child's sibling group"
    ]
    sibling_group(child, other)
    child.refresh_from_db()
    plan(child, with_person=None, with_sibling=other).full_clean()


def test_a_review_moves_the_plan_to_its_next_review_and_keeps_the_date_it_answered() -> None:
    """DU 'Family Time': reviewed regularly. The review and the plan's new date are saved
    together, and both are audited."""
    plan_ = FamilyTimePlanFactory(review_date=today() - 4 * DAY)
    review = FamilyTimeReview(
        reviewed_on=today(),
        outcome="continue",
        childs_view="I like seeing Mum at the centre.",
        next_review_on=today() + 90 * DAY,
    )
    services.record_family_time_review(review, plan=plan_, actor=None)
    plan_.refresh_from_db()
    assert review.due_on == today() - 4 * DAY
    assert plan_.review_date == today() + 90 * DAY
    assert plan_.childs_view == "I like seeing Mum at the centre."
    assert AuditEntry.objects.filter(object_type="family time review").count() == 1
    change = AuditEntry.objects.get(object_type="family time plan", action=AuditAction.CHANGE)
    assert change.before["review_date"] == (today() - 4 * DAY).isoformat()


def test_a_review_that_ends_family_time_ends_the_plan() -> None:
    """DU 'Family Time': "reviewed regularly"; a review that ends family time ends the plan."""
    plan_ = FamilyTimePlanFactory()
    review = FamilyTimeReview(reviewed_on=today(), outcome="end", changes="Moved to letterbox")
    services.record_family_time_review(review, plan=plan_, actor=None)
    plan_.refresh_from_db()
    assert plan_.ended_on == today()


def test_a_review_without_its_next_date_saves_nothing() -> None:
    """DU 'Family Time': "reviewed regularly throughout the child's life", so a review sets the
    next one; a review refused saves nothing."""
    plan_ = FamilyTimePlanFactory()
    before = plan_.review_date
    review = FamilyTimeReview(reviewed_on=today(), outcome="change", changes="")
    with pytest.raises(ValidationError) as caught:
        services.record_family_time_review(review, plan=plan_, actor=None)
    assert caught.value.message_dict == {
        "changes": ["Enter what changes"],
        "next_review_on": ["Enter the date of the next review"],
    }
    plan_.refresh_from_db()
    assert plan_.review_date == before
    assert not FamilyTimeReview.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_ended_plan_is_not_reviewed() -> None:
    """Homeward's rule: family time that has ended (DU 'Family Time') has no further reviews."""
    plan_ = FamilyTimePlanFactory(ended_on=today() - DAY)
    review = FamilyTimeReview(
        plan=plan_,
        due_on=plan_.review_date,
        reviewed_on=today(),
        outcome="continue",
        next_review_on=today() + 30 * DAY,
    )
    assert errors_of(review)["__all__"] == ["This family time has ended: it is no longer reviewed"]


# --- The child's voice (DS objective 6; DU 'Child/ Young Person Participation') ----------------


def test_views_in_someone_elses_words_say_whose() -> None:
    """DS objective 6: children's voices influence our actions; the record shows whether these
    are the child's own words or someone's account."""
    child = ChildFactory()
    entry = VoiceEntry(
        child=child, date=today(), how_gathered="visit", whose_words="recorded", text="Wants a dog"
    )
    assert errors_of(entry) == {"words_of": ["Enter who recorded or observed the child's views"]}
    entry.whose_words = "child"
    entry.full_clean()


def test_views_are_not_dated_before_birth_or_for_an_unborn_child() -> None:
    """Homeward's rule: views are dated within the child's life; an unborn child has none yet."""
    child = ChildFactory()
    entry = VoiceEntry(
        child=child,
        date=child.date_of_birth - DAY,
        how_gathered="visit",
        whose_words="child",
        text="x",
    )
    assert errors_of(entry)["date"][0].startswith(
        "Date must be on or after the child's date of birth"
    )
    unborn = ChildFactory(date_of_birth=None, expected_date_of_delivery=today() + 30 * DAY)
    entry.child, entry.date = unborn, today()
    assert errors_of(entry)["date"] == ["An unborn child's views cannot be recorded yet"]


def test_an_advocacy_offer_records_the_discussion_and_who_took_it_up() -> None:
    """DU 'Child/ Young Person Participation': "Case recordings should evidence the discussion
    with the child or young person around the role of an advocate/ independent visitor"."""
    offer = AdvocacyOffer(
        child=ChildFactory(),
        service="independent_visitor",
        offered_on=today(),
        offered_by="",
        discussion=" ",
        taken_up="yes",
    )
    assert errors_of(offer) == {
        "offered_by": ["Enter who made the offer"],
        "discussion": ["Enter how the role was explained and what the child said"],
        "provider": ["Enter who the advocate or independent visitor is"],
    }


def test_a_closed_complaint_has_an_outcome_and_closes_after_it_was_received() -> None:
    """DS objective 6: children know how to complain and give feedback "that we will act on"."""
    complaint = Complaint(
        child=ChildFactory(),
        received_on=today(),
        made_by="child",
        subject="Moved without notice",
        closed_on=today() - DAY,
    )
    errors = errors_of(complaint)
    assert errors["outcome"] == ["Select the outcome of the complaint"]
    assert errors["closed_on"][0].startswith("Closed on must be on or after")
    complaint.closed_on, complaint.outcome = None, "upheld"
    assert errors_of(complaint) == {"closed_on": ["Enter the date the complaint was closed"]}


def test_life_story_work_under_way_names_who_is_doing_it() -> None:
    """DU 'Life story work'."""
    work = LifeStoryWork(child=ChildFactory(), status="in_progress", updated_on=today())
    assert errors_of(work) == {"worker": ["Enter who is doing the life story work"]}
    LifeStoryWork(child=ChildFactory(), status="not_started", updated_on=today()).full_clean()


def test_a_memory_item_says_where_it_is_kept() -> None:
    """DS objective 6: "keeping their memories recorded for them"."""
    item = MemoryItem(
        child=ChildFactory(),
        description="First tooth box",
        received_on=today() + DAY,
        where_kept=" ",
    )
    assert errors_of(item) == {
        "received_on": ["Date received must be today or in the past"],
        "where_kept": ["Enter where the item is kept"],
    }


def test_a_person_with_a_family_time_plan_cannot_be_removed_but_the_child_can() -> None:
    """Homeward's rule: a plan keeps who it is with; removing the child removes their plans."""
    from django.db.models import RestrictedError

    plan_ = FamilyTimePlanFactory()
    with pytest.raises(RestrictedError):
        plan_.with_person.delete()
    plan_.child.delete()
    assert not FamilyTimePlan.objects.exists()
