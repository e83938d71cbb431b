"""Writes to the case record. Each is one transaction, validates the whole object first
(``full_clean``), and writes an audit entry with the values before and after."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import Allocation, Child, JourneyEvent, StatutoryVisit

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
) -> Allocation:
    """End the current allocation the day before ``on`` (or on it, if it began that day) and
    start a new one, so the history shows who held the case when."""
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
        child=child, social_worker=social_worker, team=team, iro=iro, started_on=on
    )
    allocation.full_clean()
    allocation.save()
    record(
        AuditAction.CHANGE,
        actor=actor,
        child_id=child.child_id,
        obj=allocation,
        summary=f"Allocated to {social_worker or 'no social worker'} / {team or 'no team'}"
        f" / IRO {iro or 'none'}",
        before=before,
        after=snapshot(allocation),
    )
    return allocation


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
