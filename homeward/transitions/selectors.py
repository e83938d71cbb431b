"""Reads for the Transitions tab and a move plan: a fixed number of queries however many plans,
tasks or events a child has. Nothing here decides a rule (``homeward.domain.transitions`` and
the ledger do)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from homeward.children.models import Child, JourneyEvent
from homeward.domain import transitions as rules
from homeward.domain.timescales import Status, task_status
from homeward.family.models import FamilyTimePlan
from homeward.timescales.models import Expectation
from homeward.transitions.models import MovePlan, MoveTask

PATHWAY_RULES = ("pathway-plan", "pathway-plan-review", "care-leaver-support")
EVENTS = (
    "pathway_plan_agreed",
    "pathway_plan_reviewed",
    "adult_services_handover",
    "later_life_link_made",
)


@dataclass
class MovePlanRow:
    plan: MovePlan
    tasks: list[MoveTask]
    status: Status  # of the review: due soon, overdue, met on time or late
    days_late: int


@dataclass
class TransitionsTab:
    child: Child
    move_plans: list[MovePlanRow]
    pathway: list[Any]  # Expectation rows read as of today
    events: dict[str, list[JourneyEvent]]
    age: int | None
    pathway_from: dt.date | None
    prompts: list[rules.Prompt]
    today: dt.date
    sources: dict[str, str] = field(default_factory=dict)


def move_plan_row(plan: MovePlan, today: dt.date) -> MovePlanRow:
    status, late = task_status(plan.review_on, done_on=plan.reviewed_on, today=today)
    return MovePlanRow(plan, list(plan.tasks.all()), status, late)


def _plans(child: Child) -> Any:
    return MovePlan.objects.filter(child=child).prefetch_related(
        Prefetch("tasks", queryset=MoveTask.objects.order_by("by_when", "pk"))
    )


def move_plan(child: Child, plan_id: int, *, today: dt.date | None = None) -> MovePlanRow | None:
    plan = _plans(child).filter(pk=plan_id).first()
    return move_plan_row(plan, today or timezone.localdate()) if plan else None


def transitions_tab(child: Child, *, today: dt.date | None = None) -> TransitionsTab:
    today = today or timezone.localdate()
    plans = [move_plan_row(p, today) for p in _plans(child)]
    pathway = list(
        Expectation.objects.as_of(today)
        .filter(child=child, rule_id__in=PATHWAY_RULES)
        .order_by("position")
    )
    events: dict[str, list[JourneyEvent]] = {kind: [] for kind in EVENTS}
    ever_looked_after = False
    looked_after_now = False
    for event in JourneyEvent.objects.filter(
        child=child, kind__in=[*EVENTS, "became_looked_after", "ceased_looked_after"]
    ).order_by("-date", "-pk"):
        if event.kind == "became_looked_after":
            ever_looked_after = True
        elif event.kind in events:
            events[event.kind].append(event)
    looked_after_now = child.episodes.filter(end_date__isnull=True).exists()
    age = rules.age_on(child.date_of_birth, today)
    council = settings.HOMEWARD_COUNCIL
    prompts = [
        p
        for p in (
            rules.later_life_links_prompt(
                council=council,
                looked_after=looked_after_now,
                age=age,
                family_links=FamilyTimePlan.objects.running().filter(child=child).exists(),
                link_made=bool(events["later_life_link_made"]),
            ),
            rules.adult_services_prompt(
                council=council,
                age=age,
                handed_over=bool(events["adult_services_handover"]),
                care_experienced=ever_looked_after or looked_after_now,
            ),
        )
        if p is not None
    ]
    return TransitionsTab(
        child=child,
        move_plans=plans,
        pathway=pathway,
        events=events,
        age=age,
        pathway_from=rules.from_age(child.date_of_birth, rules.PATHWAY_FROM_AGE),
        prompts=prompts,
        today=today,
        sources={
            "move_plan": rules.MOVE_PLAN_SOURCE,
            "tell_child": rules.TELL_THE_CHILD_SOURCE,
            "adult_services": rules.ADULT_SERVICES_SOURCE,
            "later_life_links": rules.LATER_LIFE_LINKS_SOURCE,
        },
    )
