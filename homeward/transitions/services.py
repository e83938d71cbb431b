"""Writes for the move plan: one transaction each, validated whole, audited before and after on
the child's record (``save_on_record``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from homeward.children.models import Child
from homeward.children.services import save_on_record
from homeward.transitions.models import MovePlan, MoveTask

if TYPE_CHECKING:
    from homeward.accounts.actor import Actor


@transaction.atomic
def save_move_plan(
    plan: MovePlan, *, child: Child, actor: Actor | None, before: dict | None
) -> MovePlan:
    plan.child = child
    if before is None and actor is not None and plan.recorded_by_id is None:
        plan.recorded_by = actor.user
    return save_on_record(plan, child=child, actor=actor, before=before)


@transaction.atomic
def add_task(task: MoveTask, *, plan: MovePlan, actor: Actor | None) -> MoveTask:
    task.plan = plan
    return save_on_record(task, child=plan.child, actor=actor, before=None)
