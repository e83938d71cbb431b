"""Writes for siblings, family time and the child's voice. Each is one transaction, validates
the whole object first and audits the values before and after, like the case record's own
services (``homeward.children.services.save_on_record``, which single records go through)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import Child, JourneyEvent, SiblingGroup
from homeward.children.services import save_on_record
from homeward.domain import siblings as sibling_rules
from homeward.domain.permanence import OptionStatus
from homeward.domain.siblings import pair_key
from homeward.family.models import (
    FamilyTie,
    FamilyTimePlan,
    FamilyTimeReview,
    NetworkMember,
    ReviewOutcome,
    SiblingPairDecision,
)
from homeward.planning.models import PermanenceOption

if TYPE_CHECKING:
    from homeward.accounts.actor import Actor
    from homeward.accounts.models import User


TOGETHER_APART_DECIDED = "together_apart_decided"


def adoption_an_option(child_pks: list[int]) -> bool:
    """Is adoption among the options for any of these children (explored and not ruled out)?"""
    return (
        PermanenceOption.objects.filter(child__in=child_pks, kind="adoption")
        .exclude(status=OptionStatus.RULED_OUT.value)
        .exists()
    )


@transaction.atomic
def record_sibling_decision(
    decision: SiblingPairDecision,
    *,
    child: Child,
    sibling: Child,
    actor: Actor | None,
    user: User | None = None,
) -> SiblingPairDecision:
    """Record a new together-or-apart decision for ``child`` and ``sibling``: the next version
    for the pair, never an edit of the last one. Audited on both children's files, since the
    decision is on both."""
    low, high = pair_key(child.pk, sibling.pk)
    # Lock the pair's rows so two people recording at once cannot take the same version.
    existing = SiblingPairDecision.objects.select_for_update().filter(child_a=low, child_b=high)
    latest = existing.order_by("-version").first()
    before = snapshot(latest) if latest else None
    decision.group_id = child.sibling_group_id
    decision.child_a_id, decision.child_b_id = low, high
    decision.version = (existing.aggregate(top=Max("version"))["top"] or 0) + 1
    if user is not None:
        decision.recorded_by = user
    decision.full_clean()
    # Durham 'Sibling Assessment': where adoption is an option for either child, the decision
    # records the factors (attachment, each child's health needs, each child's view).
    missing = sibling_rules.missing_factors(
        decision=decision.decision,
        adoption_an_option=adoption_an_option([child.pk, sibling.pk]),
        recorded={name: getattr(decision, name) for name, _ in sibling_rules.FACTORS},
        council=settings.HOMEWARD_COUNCIL,
    )
    if missing:
        raise ValidationError(
            {
                name: f"{message}: adoption is an option for one of these children"
                for name, message in missing.items()
            }
        )
    decision.save()
    after = snapshot(decision)
    if decision.decision in {sibling_rules.TOGETHER, sibling_rules.APART} and decision.decided_on:
        # The journey event the Durham rule 'together-apart-decision' is met by, on both files.
        for on_file, other in ((child, sibling), (sibling, child)):
            save_on_record(
                JourneyEvent(
                    child=on_file,
                    kind=TOGETHER_APART_DECIDED,
                    date=decision.decided_on,
                    notes=f"{decision.get_decision_display()}: with {other.full_name}"[:500],
                    source=JourneyEvent.Source.RECORDED,
                    recorded_by=user,
                ),
                child=on_file,
                actor=actor,
                before=None,
            )
    for on_file in (child, sibling):
        record(
            AuditAction.CREATE,
            actor=actor,
            user=user,
            child_id=on_file.child_id,
            obj=decision,
            summary=f"Recorded sibling decision for {child.child_id} and {sibling.child_id}: "
            f"{decision.get_decision_display()}",
            before=before,
            after=after,
        )
    return decision


FAMILY_TIME_AGREED = "family_time_agreed"


@transaction.atomic
def save_family_time_plan(
    plan: FamilyTimePlan,
    *,
    child: Child,
    actor: Actor | None,
    before: dict | None,
    user: User | None = None,
) -> FamilyTimePlan:
    """Save a family time plan and the journey event of its agreement (``family_time_agreed``
    on the date agreed) together or not at all, audited. The plan owns the event: changing the
    date agreed moves it, so the two cannot disagree; Durham's check at each placement ('Family
    Time': negotiated before placement) reads it through the ledger, which recomputes in this
    transaction."""
    plan.child = child
    plan.full_clean()
    event = plan.journey_event
    event_before = snapshot(event) if event is not None else None
    if event is None:
        event = JourneyEvent(
            child=child,
            kind=FAMILY_TIME_AGREED,
            source=JourneyEvent.Source.RECORDED,
            recorded_by=user,
        )
    notes = f"Family time with {plan.with_whom}"[:500]
    if event_before is None or (event.date, event.notes) != (plan.agreed_on, notes):
        event.date = plan.agreed_on
        event.notes = notes
        try:
            event.full_clean()
        except ValidationError as exc:
            raise ValidationError(
                {"agreed_on": [m for ms in exc.message_dict.values() for m in ms]}
            ) from exc
        save_on_record(event, child=child, actor=actor, before=event_before)
    plan.journey_event = event
    return save_on_record(plan, child=child, actor=actor, before=before)


@transaction.atomic
def record_family_time_review(
    review: FamilyTimeReview,
    *,
    plan: FamilyTimePlan,
    actor: Actor | None,
) -> FamilyTimeReview:
    """Record a review and move the plan on: the next review date, or the plan ends on the day
    of the review. The review keeps the date it answered (``due_on``), so its timeliness stays
    visible. Both rows are saved together or not at all."""
    plan = FamilyTimePlan.objects.select_for_update().get(pk=plan.pk)
    review.plan = plan
    review.due_on = plan.review_date
    save_on_record(review, child=plan.child, actor=actor, before=None)
    before = snapshot(plan)
    if review.outcome == ReviewOutcome.END:
        plan.ended_on = review.reviewed_on
    else:
        assert review.next_review_on is not None  # the review's own validation requires it
        plan.review_date = review.next_review_on
    if review.childs_view.strip():
        plan.childs_view = review.childs_view
    save_on_record(plan, child=plan.child, actor=actor, before=before)
    return review


@transaction.atomic
def add_to_sibling_group(
    child: Child, sibling: Child, *, group_name: str, actor: Actor | None
) -> SiblingGroup:
    """Put ``child`` and ``sibling`` in one sibling group (DS objective 9; DU 'Sibling
    Assessment'): the group either already has, or a new one named ``group_name``. Two
    children in two different groups are refused: which group is right is a decision for a
    person, not for Homeward. Audited on each file that changes."""
    if sibling.pk == child.pk:
        raise ValidationError(
            {"sibling_id": "Enter a brother or sister's child ID, not this child's"}
        )
    if child.sibling_group_id and child.sibling_group_id == sibling.sibling_group_id:
        raise ValidationError(
            {"sibling_id": f"{sibling.full_name} ({sibling.child_id}) is already in this group"}
        )
    if child.sibling_group_id and sibling.sibling_group_id:
        raise ValidationError(
            {
                "sibling_id": f"{sibling.full_name} ({sibling.child_id}) is in another sibling "
                f"group, “{sibling.sibling_group}”: ask whoever manages that group to combine them"
            }
        )
    group = child.sibling_group or sibling.sibling_group
    if group is None:
        name = group_name.strip()
        if not name:
            raise ValidationError({"group_name": "Enter a working name for the new group"})
        group = SiblingGroup.objects.create(name=name)
    for member in (child, sibling):
        if member.sibling_group_id == group.pk:
            continue
        before = {"sibling_group": member.sibling_group_id}
        member.sibling_group = group
        member.save(update_fields=["sibling_group"])
        record(
            AuditAction.CHANGE,
            actor=actor,
            child_id=member.child_id,
            obj=member,
            summary=f"Added to the sibling group “{group.name}”",
            before=before,
            after={"sibling_group": group.pk},
        )
    return group


# The genogram --------------------------------------------------------------------------------


@transaction.atomic
def save_network_member(
    entry: NetworkMember,
    *,
    deceased: bool,
    child: Child,
    actor: Actor | None,
    before: dict | None,
) -> NetworkMember:
    """How one person is drawn and where exploring them as a carer stands, with whether they
    have died (kept on the person, so every child's record says so), saved together."""
    person = entry.link.person
    if person.is_deceased != deceased:
        person_before = snapshot(person)
        person.is_deceased = deceased
        save_on_record(person, child=child, actor=actor, before=person_before)
    return save_on_record(entry, child=child, actor=actor, before=before)


@transaction.atomic
def add_family_tie(tie: FamilyTie, *, child: Child, actor: Actor | None) -> FamilyTie:
    tie.child = child
    return save_on_record(tie, child=child, actor=actor, before=None)


@transaction.atomic
def remove_family_tie(tie: FamilyTie, *, child: Child, actor: Actor | None) -> None:
    record(
        AuditAction.DELETE,
        actor=actor,
        child_id=child.child_id,
        obj=tie,
        summary=f"Removed family relationship: {tie}",
        before=snapshot(tie),
    )
    tie.delete()
