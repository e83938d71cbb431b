""" "My plan" for the demo council (issue 17 item 1): one child of the demo's first social worker
has their plan written from the record, one section left out, and shared with them and their
carer a week ago, so the My plan tab shows a kept version and its PDF in the documents on the
first click. Written through ``homeward.planning.my_plan`` (checked, filed, audited) like any
plan."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import F

from homeward.accounts.actor import Actor
from homeward.children.models import Allocation
from homeward.planning import my_plan

FIRST_SOCIAL_WORKER = "social-worker"
LEFT_OUT = "meetings"  # the demo shows a section left out


def build(*, today: dt.date) -> dict[str, int]:
    shared_on = today - dt.timedelta(days=7)
    allocations = (
        Allocation.objects.filter(
            ended_on__isnull=True,
            social_worker__username=FIRST_SOCIAL_WORKER,
            child__date_of_birth__lte=shared_on - dt.timedelta(days=4 * 365),
            child__episodes__end_date__isnull=True,
        )
        .select_related("child", "social_worker")
        .order_by(F("child__permanence_plans__version").desc(nulls_last=True), "child__child_id")
    )
    allocation = allocations.first()
    if allocation is None:
        return {"my_plans_shared": 0}
    child, worker = allocation.child, allocation.social_worker
    actor = Actor.working_as(worker)
    _, sections = my_plan.draft_sections(child, today)
    for section in sections:
        leave_out = section.key == LEFT_OUT or not section.suggested
        try:
            my_plan.save_section(
                child,
                section.key,
                text=section.suggested,
                left_out=leave_out,
                by=worker,
                actor=actor,
            )
        except ValidationError:  # the record's words the child may not read: left out
            my_plan.save_section(child, section.key, text="", left_out=True, by=worker, actor=actor)
    facts = my_plan.facts(child, today)
    carer = facts.carers[0] if facts and facts.carers else ""
    my_plan.share(child, shared_on=shared_on, with_carer=carer, by=worker, actor=actor)
    return {"my_plans_shared": 1}
