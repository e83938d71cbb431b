"""Writes to the case record. Each is one transaction, validates the whole object first
(``full_clean``), and writes an audit entry with the values before and after."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from homeward.accounts import access
from homeward.accounts.models import Role
from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import Allocation, Child, Episode, JourneyEvent, StatutoryVisit
from homeward.domain.ssda903.journey import EpisodeFacts, derive_events

if TYPE_CHECKING:
    from homeward.accounts.actor import Actor
    from homeward.accounts.models import Team, User

M = TypeVar("M", bound=models.Model)


@transaction.atomic
def save_on_record(instance: M, *, child: Child, actor: Actor | None, before: dict | None) -> M:
    """Validate and save one object on a child's record, auditing the change.

    ``before`` is the snapshot taken when the object was loaded (None for a new object), so the
    audit shows exactly what the user changed.
    """
    instance.full_clean()
    instance.save()
    after = snapshot(instance)
    action = AuditAction.CREATE if before is None else AuditAction.CHANGE
    verb = "Added" if before is None else "Changed"
    record(
        action,
        actor=actor,
        child_id=child.child_id,
        obj=instance,
        summary=f"{verb} {instance._meta.verbose_name}: {instance}",
        before=before,
        after=after,
    )
    return instance


@transaction.atomic
def save_person_in_childs_life(link, person, *, child: Child, actor, before_link, before_person):
    """A person and their relationship to the child are saved together or not at all."""
    save_on_record(person, child=child, actor=actor, before=before_person)
    link.person = person
    link.child = child
    return save_on_record(link, child=child, actor=actor, before=before_link)


@transaction.atomic
def allocate(
    child: Child,
    *,
    social_worker: User | None,
    team: Team | None,
    iro: User | None,
    on: dt.date,
    actor: Actor | None,
    reason: str,
    family_finder: User | None = None,
    sgo_social_worker: User | None = None,
) -> Allocation:
    """End the current allocation the day before ``on`` (or on it, if it began that day) and
    start a new one, so the history shows who held the case when. The reason is required and
    audited with who made the change (issue 14). Each allocation names everyone it allocates:
    a family finder or SGO social worker not given is not allocated (``allocate_family_finder``
    and ``allocate_sgo_social_worker`` keep the rest). Everyone named has the need to know the
    child from ``on`` (homeward.accounts.access reads the current allocation)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for the change of allocation"})
    if family_finder is not None and (
        family_finder.role != Role.FAMILY_FINDER or not family_finder.is_active
    ):
        raise ValidationError(
            {"family_finder": f"{family_finder} is not a family finder working here"}
        )
    if sgo_social_worker is not None and (
        sgo_social_worker.role != Role.SOCIAL_WORKER or not sgo_social_worker.is_active
    ):
        raise ValidationError(
            {"sgo_social_worker": f"{sgo_social_worker} is not a social worker working here"}
        )
    current = child.allocations.select_for_update().filter(ended_on__isnull=True).first()
    before = snapshot(current) if current else None
    if current is not None:
        if on < current.started_on:
            raise ValidationError(
                {
                    "started_on": "The new allocation must start on or after the current one "
                    f"({current.started_on:%d/%m/%Y})"
                }
            )
        current.ended_on = max(current.started_on, on - dt.timedelta(days=1))
        current.save(update_fields=["ended_on"])
    allocation = Allocation(
        child=child,
        social_worker=social_worker,
        team=team,
        iro=iro,
        family_finder=family_finder,
        sgo_social_worker=sgo_social_worker,
        started_on=on,
    )
    allocation.full_clean()
    allocation.save()
    record(
        AuditAction.CHANGE,
        actor=actor,
        child_id=child.child_id,
        obj=allocation,
        summary=f"Allocated to {social_worker or 'no social worker'} / {team or 'no team'}"
        f" / IRO {iro or 'none'}"
        + (f" / family finder {family_finder}" if family_finder else "")
        + (f" / SGO social worker {sgo_social_worker}" if sgo_social_worker else ""),
        before=before,
        after=snapshot(allocation),
        reason=reason,
    )
    return allocation


@transaction.atomic
def allocate_family_finder(
    child: Child, family_finder: User, *, on: dt.date, actor: Actor | None, reason: str
) -> Allocation:
    """Allocate a family finder to the child from ``on``, keeping the social worker, team and
    IRO of the current allocation (the early permanence panel's fostering and adoption outcomes
    allocate one: seed 001, "Outcomes"). Nothing changes if they are already allocated."""
    current = child.allocations.select_for_update().filter(ended_on__isnull=True).first()
    if current is not None and current.family_finder_id == family_finder.pk:
        return current
    return allocate(
        child,
        social_worker=current.social_worker if current else None,
        team=current.team if current else None,
        iro=current.iro if current else None,
        family_finder=family_finder,
        sgo_social_worker=current.sgo_social_worker if current else None,
        on=max(on, current.started_on) if current else on,
        actor=actor,
        reason=reason,
    )


def allocate_sgo_social_worker(
    child: Child, worker: User, *, on: dt.date, actor: Actor | None, reason: str
) -> Allocation:
    """Allocate an SGO social worker to the child from ``on``, keeping the rest of the current
    allocation (the early permanence panel's special guardianship outcome allocates one: seed
    001, 'Outcomes from meeting'), so that they may open the child. Nothing changes if they are
    already allocated."""
    current = child.allocations.select_for_update().filter(ended_on__isnull=True).first()
    if current is not None and current.sgo_social_worker_id == worker.pk:
        return current
    return allocate(
        child,
        social_worker=current.social_worker if current else None,
        team=current.team if current else None,
        iro=current.iro if current else None,
        family_finder=current.family_finder if current else None,
        sgo_social_worker=worker,
        on=max(on, current.started_on) if current else on,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def record_visit(
    child: Child,
    *,
    visited_on: dt.date,
    seen_alone: bool,
    notes: str,
    by: User | None,
    actor: Actor | None,
) -> StatutoryVisit:
    """Record a statutory visit and its journey event together (or neither), audited; the
    ledger recomputes in the same transaction, so the visit meets the one due and sets the
    next (reg 28)."""
    alone = "seen alone" if seen_alone else "not seen alone"
    event = JourneyEvent(
        child=child,
        kind="social_worker_visit",
        date=visited_on,
        notes=f"Statutory visit, {alone}",
        source=JourneyEvent.Source.RECORDED,
        recorded_by=by,
    )
    try:
        event.full_clean()
    except ValidationError as exc:
        raise ValidationError(
            {"visited_on": [m for ms in exc.message_dict.values() for m in ms]}
        ) from exc
    save_on_record(event, child=child, actor=actor, before=None)
    visit = StatutoryVisit(
        child=child,
        visited_on=visited_on,
        seen_alone=seen_alone,
        notes=notes,
        recorded_by=by,
        journey_event=event,
    )
    return save_on_record(visit, child=child, actor=actor, before=None)


@dataclass(frozen=True)
class FirstEpisode:
    """The episode that starts a period of care, as the SSDA903 Episodes table has it: DECOM,
    LS, PLACE (and CIN). Its reason for a new episode is S, a new period of care."""

    start_date: dt.date
    legal_status: str
    placement_type: str
    category_of_need: str = ""


@dataclass(frozen=True)
class Admission:
    """A child added in Homeward (not by the SSDA903 import), with their first allocation and,
    if they are looked after now, the first episode. An unborn child has an expected date of
    delivery and no episode."""

    child: Child
    social_worker: User | None
    team: Team | None
    iro: User | None
    allocated_on: dt.date
    episode: FirstEpisode | None = None


@transaction.atomic
def admit_child(admission: Admission, *, actor: Actor | None) -> Child:
    """Add a child, their first allocation and (if looked after) their first episode, all or
    nothing, audited. The first episode starts the period of care: the journey events the
    SSDA903 derivation reads off it (``domain.ssda903.journey.derive_events``: became looked
    after, and the legal status and placement events) are written with it, so every clock starts
    exactly as an import of the same episode would start them. They are stored as derived from
    the episode (``Source.SSDA903``), so a later import of that episode recognises them rather
    than adding them again. The actor must be able to see the child afterwards (the allocation
    decides it), or nothing is saved."""
    child = admission.child
    errors: dict[str, list[str]] = {}
    if child.child_id and Child.objects.filter(child_id__iexact=child.child_id).exists():
        errors["child_id"] = [f"A child with child ID {child.child_id} is already in Homeward"]
    try:
        child.full_clean(validate_unique=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    first = admission.episode
    episode = None
    if first is not None:
        episode = Episode(
            start_date=first.start_date,
            reason_new_episode="S",
            legal_status=first.legal_status,
            placement_type=first.placement_type,
            category_of_need=first.category_of_need,
        )
        try:
            episode.full_clean(exclude=["child"])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        if child.date_of_birth is None:
            errors.setdefault("start_date", []).append(
                "An unborn child cannot be looked after: record the birth first"
            )
        elif first.start_date < child.date_of_birth:
            errors.setdefault("start_date", []).append(
                "The date the child became looked after must be on or after their date of "
                f"birth ({child.date_of_birth:%d/%m/%Y})"
            )
    if errors:
        raise ValidationError(errors)
    child.save()
    record(
        AuditAction.CREATE,
        actor=actor,
        child_id=child.child_id,
        obj=child,
        summary=f"Added {'an unborn child' if child.is_unborn else 'a child'}: {child}",
        after=snapshot(child),
    )
    allocate(
        child,
        social_worker=admission.social_worker,
        team=admission.team,
        iro=admission.iro,
        on=admission.allocated_on,
        actor=actor,
        reason="The first allocation, when the child was added",
    )
    user = actor.user if actor is not None else None
    if user is not None and not access.can_view_child(user, child):
        raise ValidationError(
            {"team": "Allocate the child to you or one of your teams, or you could not see them"}
        )
    if episode is not None and first is not None:
        episode.child = child
        save_on_record(episode, child=child, actor=actor, before=None)
        facts = EpisodeFacts(
            first.start_date, None, "S", first.legal_status, first.placement_type, ""
        )
        for derived in derive_events([facts]):
            event = JourneyEvent(
                child=child,
                kind=derived.kind,
                date=derived.date,
                notes=derived.notes,
                source=JourneyEvent.Source.SSDA903,
                recorded_by=user,
            )
            save_on_record(event, child=child, actor=actor, before=None)
    return child
