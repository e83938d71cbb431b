"""Writes for case audits: each one transaction, audited, taking an actor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.accounts import access
from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import Child
from homeward.domain import case_audit as rules
from homeward.quality.models import (
    CaseAudit,
    CaseAuditAction,
    EdgeOfCareIntervention,
    PermanenceAdvice,
    ProviderExpectation,
)

if TYPE_CHECKING:
    from homeward.accounts.models import User


@dataclass(frozen=True)
class NewAction:
    text: str
    owner: User | None
    due_on: dt.date | None


@transaction.atomic
def record_case_audit(
    child: Child,
    *,
    audited_on: dt.date | None,
    grade: str,
    answers: dict[str, str],
    findings: str,
    actions: list[NewAction],
    by: User,
    actor: Actor | None,
    today: dt.date | None = None,
) -> CaseAudit:
    """Record a case audit with its actions, all or nothing (homeward.domain.case_audit)."""
    today = today or timezone.localdate()
    child = Child.objects.select_for_update().get(pk=child.pk)
    if not access.can_audit_case(by, child):
        raise ValidationError("Only team managers and service managers record case audits")
    problems = rules.problems(
        audited_on=audited_on,
        grade=grade,
        answers=answers,
        actions=[rules.PlannedAction(a.text, a.due_on, a.owner is not None) for a in actions],
        today=today,
    )
    if problems:
        raise ValidationError(problems)
    owners = set(access.staff_who_can_change(child).values_list("pk", flat=True))
    for a in actions:
        if a.owner is not None and a.owner.pk not in owners:
            raise ValidationError(
                {"actions": f"{a.owner} does not record on this child's file: choose another owner"}
            )
    assert audited_on is not None
    audit = CaseAudit.objects.create(
        child=child,
        audited_on=audited_on,
        auditor=by,
        answers={key: answers[key] for key in rules.QUESTION_KEYS},
        grade=grade,
        findings=findings.strip(),
    )
    for a in actions:
        assert a.owner is not None and a.due_on is not None
        CaseAuditAction.objects.create(
            audit=audit, child=child, text=a.text.strip(), owner=a.owner, due_on=a.due_on
        )
    record(
        AuditAction.CREATE,
        actor=actor,
        user=by,
        child_id=child.child_id,
        obj=audit,
        summary=f"Recorded a case audit: {audit.get_grade_display()}, {len(actions)} action(s)",
        after={**snapshot(audit), "actions": [a.text for a in actions]},
    )
    return audit


@transaction.atomic
def complete_action(
    action: CaseAuditAction,
    *,
    done_on: dt.date | None,
    by: User,
    actor: Actor | None,
    today: dt.date | None = None,
) -> CaseAuditAction:
    """Mark an audit's action done, on a date between the audit and today."""
    today = today or timezone.localdate()
    action = CaseAuditAction.objects.select_for_update().select_related("audit").get(pk=action.pk)
    if not access.can_change_child(by, action.child):
        raise ValidationError("You do not record on this child's file")
    if action.done_on is not None:
        raise ValidationError("This action is already done")
    if done_on is None:
        raise ValidationError({"done_on": "Enter the date the action was done"})
    if done_on > today:
        raise ValidationError({"done_on": "The date done must be today or in the past"})
    if done_on < action.audit.audited_on:
        raise ValidationError({"done_on": "The date done cannot be before the audit"})
    before = snapshot(action)
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    record(
        AuditAction.CHANGE,
        actor=actor,
        user=by,
        child_id=action.child.child_id,
        obj=action,
        summary=f"Case audit action done: {action.text}"[:300],
        before=before,
        after=snapshot(action),
    )
    return action


@transaction.atomic
def record_provider_expectation(
    child: Child,
    *,
    provider: str,
    area: str,
    expectation: str,
    agreed_on: dt.date | None,
    agreed_with: str,
    by: User,
    actor: Actor | None,
    today: dt.date | None = None,
) -> ProviderExpectation:
    """Record an expectation agreed with the placement provider (Dudley 'Home Linking Team')."""
    today = today or timezone.localdate()
    if not access.can_change_child(by, child):
        raise ValidationError("You do not record on this child's file")
    problems = rules.expectation_problems(
        provider=provider, area=area, expectation=expectation, agreed_on=agreed_on, today=today
    )
    if problems:
        raise ValidationError(problems)
    assert agreed_on is not None
    row = ProviderExpectation.objects.create(
        child=child,
        provider=provider.strip(),
        area=area,
        expectation=expectation.strip(),
        agreed_on=agreed_on,
        agreed_with=agreed_with.strip(),
        recorded_by=by,
    )
    return _created(
        row,
        child=child,
        by=by,
        actor=actor,
        summary=f"Recorded an expectation agreed with {row.provider}: {row.get_area_display()}",
    )


_Row = TypeVar("_Row")


def _created(row: _Row, *, child: Child, by: User, actor: Actor | None, summary: str) -> _Row:
    """``row``, just created on the child's file, written to the audit log with what it holds."""
    record(
        AuditAction.CREATE,
        actor=actor,
        user=by,
        child_id=child.child_id,
        obj=row,
        summary=summary,
        after=snapshot(row),
    )
    return row


def _check_can_record(child: Child, by: User) -> None:
    if not access.can_change_child(by, child):
        raise ValidationError("You do not record on this child's file")


@transaction.atomic
def record_intervention(
    child: Child,
    *,
    kind: str,
    what: str,
    started_on: dt.date | None,
    ended_on: dt.date | None,
    by: User,
    actor: Actor | None,
    today: dt.date | None = None,
) -> EdgeOfCareIntervention:
    """Record an edge-of-care intervention (Dudley strategy 'Family Solutions')."""
    today = today or timezone.localdate()
    _check_can_record(child, by)
    problems = rules.dated_record_problems(
        choice=kind,
        choices=rules.INTERVENTIONS,
        choice_field="kind",
        choice_message="Select the intervention",
        started_on=started_on,
        ended_on=ended_on,
        what=what,
        what_message="Enter what was offered and what it achieved",
        today=today,
    )
    if problems:
        raise ValidationError(problems)
    assert started_on is not None
    row = EdgeOfCareIntervention.objects.create(
        child=child,
        kind=kind,
        what=what.strip(),
        started_on=started_on,
        ended_on=ended_on,
        recorded_by=by,
    )
    return _created(
        row,
        child=child,
        by=by,
        actor=actor,
        summary=f"Recorded an edge-of-care intervention: {row.get_kind_display()}",
    )


@transaction.atomic
def record_advice(
    child: Child,
    *,
    arrangement: str,
    adviser: str,
    what: str,
    given_on: dt.date | None,
    by: User,
    actor: Actor | None,
    today: dt.date | None = None,
) -> PermanenceAdvice:
    """Record advice on permanence options given to a child in care or in a private fostering
    arrangement (Dudley strategy objective 6)."""
    today = today or timezone.localdate()
    _check_can_record(child, by)
    problems = rules.dated_record_problems(
        choice=adviser,
        choices=rules.ADVISERS,
        choice_field="adviser",
        choice_message="Select who gave the advice",
        started_on=given_on,
        ended_on=None,
        what=what,
        what_message="Enter the advice given",
        today=today,
    )
    if arrangement not in dict(rules.ARRANGEMENTS):
        problems["arrangement"] = "Select the child's arrangement"
    if problems:
        raise ValidationError(
            {("given_on" if k == "started_on" else k): v for k, v in problems.items()}
        )
    assert given_on is not None
    row = PermanenceAdvice.objects.create(
        child=child,
        arrangement=arrangement,
        adviser=adviser,
        what=what.strip(),
        started_on=given_on,
        recorded_by=by,
    )
    return _created(
        row,
        child=child,
        by=by,
        actor=actor,
        summary=f"Recorded advice on permanence options from the {row.get_adviser_display()}",
    )
