"""Recording the legal process and support after permanence: each service is one transaction,
takes an actor, audits what it writes, and records the journey event its record stands for, so
the stored timescales are recomputed with it (homeward/timescales/receivers.py)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import Child, JourneyEvent
from homeward.domain import legal as rules
from homeward.domain.councils import profile_for
from homeward.legal.models import (
    CourtFiling,
    LegalConsultation,
    PreProceedingsStep,
    SupportPlan,
    SupportPlanReview,
)

if TYPE_CHECKING:
    from homeward.accounts.actor import Actor
    from homeward.accounts.models import User


def council_slug() -> str:
    return profile_for(settings.HOMEWARD_COUNCIL).slug


def _today() -> dt.date:
    return timezone.localdate()


def _audit(
    action: AuditAction,
    obj: Any,
    *,
    child: Child,
    summary: str,
    by: User,
    actor: Actor | None,
    before: dict[str, Any] | None = None,
) -> None:
    record(
        action,
        actor=actor,
        user=by,
        child_id=child.child_id,
        obj=obj,
        summary=summary,
        before=before,
        after=snapshot(obj),
    )


def _event(
    child: Child, kind: str, day: dt.date, notes: str, *, by: User, actor: Actor | None, field: str
) -> JourneyEvent:
    event = JourneyEvent(
        child=child,
        kind=kind,
        date=day,
        notes=notes[:500],
        source=JourneyEvent.Source.RECORDED,
        recorded_by=by,
    )
    try:
        event.full_clean()
    except ValidationError as exc:
        raise ValidationError({field: [m for ms in exc.message_dict.values() for m in ms]}) from exc
    event.save()
    _audit(AuditAction.CREATE, event, child=child, summary=f"Recorded {event}", by=by, actor=actor)
    return event


def _lock(child: Child) -> Child:
    return Child.objects.select_for_update().get(pk=child.pk)


@transaction.atomic
def record_pre_proceedings_step(
    child: Child, *, kind: str, date: dt.date, notes: str, by: User, actor: Actor | None
) -> PreProceedingsStep:
    """The letter before proceedings, or pre-proceedings ended without an application (which
    meets the 16 weeks: rules/statutory.toml ``pre-proceedings-16-weeks``)."""
    _lock(child)
    if date > _today():
        raise ValidationError({"date": "The date must be today or in the past"})
    if not child.events.filter(kind="plo_started", date__lte=date).exists():
        raise ValidationError(
            {
                "date": "Pre-proceedings have not started by this date: record the legal "
                "planning meeting's decision to start the Public Law Outline first"
            }
        )
    step = PreProceedingsStep(child=child, kind=kind, date=date, notes=notes, recorded_by=by)
    step.journey_event = _event(child, kind, date, notes, by=by, actor=actor, field="date")
    step.full_clean()
    step.save()
    _audit(AuditAction.CREATE, step, child=child, summary=f"Recorded {step}", by=by, actor=actor)
    return step


@transaction.atomic
def save_court_filing(
    child: Child,
    *,
    kind: str,
    due_on: dt.date,
    filed_on: dt.date | None,
    recommendation: str,
    by: User,
    actor: Actor | None,
    filing: CourtFiling | None = None,
) -> CourtFiling:
    """A filing date the court set, and (later) the day it was filed. The council's
    recommendation to the court goes with its final evidence."""
    _lock(child)
    if filed_on is not None and filed_on > _today():
        raise ValidationError({"filed_on": "The date filed must be today or in the past"})
    if kind == "final_evidence" and filed_on is not None and not recommendation.strip():
        raise ValidationError({"recommendation": "Enter the council's recommendation to the court"})
    before = snapshot(filing) if filing is not None else None
    if filing is None:
        filing = CourtFiling(child=child, recorded_by=by)
    filing.kind = kind
    filing.due_on = due_on
    filing.filed_on = filed_on
    filing.recommendation = recommendation
    filing.full_clean()
    filing.save()
    _audit(
        AuditAction.CREATE if before is None else AuditAction.CHANGE,
        filing,
        child=child,
        summary=f"{'Recorded' if before is None else 'Changed'} {filing}",
        by=by,
        actor=actor,
        before=before,
    )
    return filing


@transaction.atomic
def record_legal_consultation(
    child: Child,
    *,
    family_member: str,
    relationship: str,
    offered_on: dt.date,
    taken_up_on: dt.date | None,
    by: User,
    actor: Actor | None,
) -> LegalConsultation:
    """A council-funded initial legal consultation offered to a family member, where the council
    funds one (Dudley); elsewhere refused."""
    _lock(child)
    if not rules.practice(council_slug()).family_legal_consultation_source:
        raise ValidationError("This council's procedures do not fund a legal consultation")
    errors: dict[str, str] = {}
    if offered_on > _today():
        errors["offered_on"] = "The date offered must be today or in the past"
    if taken_up_on is not None and taken_up_on < offered_on:
        errors["taken_up_on"] = "The consultation must be on or after the day it was offered"
    if errors:
        raise ValidationError(errors)
    consultation = LegalConsultation.objects.create(
        child=child,
        family_member=family_member,
        relationship=relationship,
        offered_on=offered_on,
        taken_up_on=taken_up_on,
        recorded_by=by,
    )
    _audit(
        AuditAction.CREATE,
        consultation,
        child=child,
        summary=f"Recorded {consultation}",
        by=by,
        actor=actor,
    )
    return consultation


@transaction.atomic
def record_support_plan(
    child: Child,
    *,
    order_kind: str,
    order_made_on: dt.date | None,
    agreed_on: dt.date,
    carers: str,
    services: str,
    allowance: str,
    allowance_panel_on: dt.date | None,
    by: User,
    actor: Actor | None,
) -> SupportPlan:
    """A support plan after an order: its journey event starts the annual review
    (rules/statutory.toml ``support-plan-review``)."""
    _lock(child)
    council = council_slug()
    errors = rules.support_plan_problems(
        order_kind=order_kind,
        agreed_on=agreed_on,
        order_made_on=order_made_on,
        services=services,
        allowance=allowance,
        allowance_panel_on=allowance_panel_on,
        today=_today(),
        council=council,
    )
    if errors:
        raise ValidationError(errors)
    plan = SupportPlan(
        child=child,
        order_kind=order_kind,
        order_made_on=order_made_on,
        agreed_on=agreed_on,
        carers=carers,
        services=services,
        allowance=allowance,
        allowance_panel_on=allowance_panel_on,
        recorded_by=by,
    )
    plan.journey_event = _event(
        child,
        "support_plan_agreed",
        agreed_on,
        f"After the {rules.ORDER_KINDS[order_kind].lower()}",
        by=by,
        actor=actor,
        field="agreed_on",
    )
    plan.full_clean()
    plan.save()
    _audit(AuditAction.CREATE, plan, child=child, summary=f"Recorded {plan}", by=by, actor=actor)
    return plan


@transaction.atomic
def record_support_plan_review(
    plan: SupportPlan,
    *,
    kind: str,
    held_on: dt.date,
    notes: str,
    by: User,
    actor: Actor | None,
) -> SupportPlanReview:
    """A review (which meets the annual review, and Durham's review at the end of the first
    year) or, where the council's procedures have them (Durham), a welfare check."""
    child = _lock(plan.child)
    if kind == SupportPlanReview.Kind.WELFARE_CHECK and not (
        rules.practice(council_slug()).welfare_checks_source
    ):
        raise ValidationError({"kind": "This council's procedures have no welfare checks"})
    if held_on > _today():
        raise ValidationError({"held_on": "The date held must be today or in the past"})
    if held_on < plan.agreed_on and kind == SupportPlanReview.Kind.REVIEW:
        raise ValidationError(
            {
                "held_on": "A review is held on or after the day the plan was agreed "
                f"({plan.agreed_on:%d/%m/%Y})"
            }
        )
    review = SupportPlanReview(plan=plan, kind=kind, held_on=held_on, notes=notes, recorded_by=by)
    review.journey_event = _event(child, kind, held_on, notes, by=by, actor=actor, field="held_on")
    review.full_clean()
    review.save()
    _audit(
        AuditAction.CREATE, review, child=child, summary=f"Recorded {review}", by=by, actor=actor
    )
    return review
